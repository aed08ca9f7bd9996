/** Small pure pieces of the site (issue 12): the site-address warning, a town's year span, region breadcrumbs, card labels. */
import { describe, expect, it } from 'vitest';
import { readSettings, siteUrlWarning } from '../../src/lib/settings.ts';
import { site } from '../../src/site.config.ts';
import { yearSpan } from '../../src/lib/site/reports.ts';
import { regionCrumbs } from '../../src/lib/site/crumbs.ts';
import { applicationsGrid, isColumnHeadRow, proactiveGrid, reviewGrid } from '../../src/lib/stats/layout.ts';
import { emptyStats } from '../../src/lib/stats/template.ts';

describe('site address warning', () => {
  it('names what an empty url leaves as paths, and is silent once url is set', () => {
    const w = siteUrlWarning(readSettings({ BASE_PATH: '/gk/ndbg/' }, { ...site, url: '' }));
    expect(w).toMatch(/sitemap\.xml/);
    expect(w).toContain('<loc>/gk/ndbg/</loc>');
    expect(w).toMatch(/feed\.xml/);
    expect(siteUrlWarning(readSettings({}, { ...site, url: 'https://www.example.gov.cn' }))).toBeUndefined();
  });
});

describe('yearSpan', () => {
  it('one year alone, runs as ranges', () => {
    expect(yearSpan([2020])).toBe('2020年');
    expect(yearSpan([2018, 2019, 2020])).toBe('2018—2020年');
    expect(yearSpan([2020, 2016, 2018, 2019])).toBe('2016、2018—2020年');
  });
});

describe('regionCrumbs', () => {
  it('puts the prefecture city between province and county, as text', () => {
    expect(regionCrumbs({ province: '吉林省', city: '长春市', county: '公主岭市' }, { province: '/p/', county: '/c/' })).toEqual([
      { label: '吉林省', href: '/p/' },
      { label: '长春市' },
      { label: '公主岭市', href: '/c/' },
    ]);
    expect(regionCrumbs({ province: '北京市', city: '北京市', county: '东城区' }, { province: '/p/' }).map((c) => c.label)).toEqual(['北京市', '东城区']);
  });
});

describe('statutory tables as cards', () => {
  it('every figure carries its column label', () => {
    const stats = emptyStats('national-2019');
    const figures = (g: ReturnType<typeof reviewGrid>) => g.body.flat().filter((c) => !c.header);
    expect(new Set(figures(applicationsGrid('national-2019', stats)).map((c) => c.label))).toEqual(new Set(['自然人', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他', '总计']));
    expect(figures(reviewGrid(stats)).map((c) => c.label).slice(0, 6)).toEqual(['行政复议 结果维持', '行政复议 结果纠正', '行政复议 其他结果', '行政复议 尚未审结', '行政复议 总计', '未经复议直接起诉 结果维持']);
    const proactive = proactiveGrid('national-2019', stats);
    expect(figures(proactive).every((c) => c.label)).toBe(true);
    expect(proactive.body.filter(isColumnHeadRow).length).toBeGreaterThan(0);
  });
});

describe('footer links', () => {
  it('shows each configured link and nothing for an empty one (the default)', async () => {
    const { footerLinks } = await import('../../src/lib/site/footer.ts');
    expect(footerLinks(site)).toEqual([]);
    expect(footerLinks({ feedbackUrl: 'mailto:gk@example.gov.cn', guideUrl: '', applyUrl: 'https://www.example.gov.cn/ysqgk/' })).toEqual([
      ['纠错 / 联系我们', 'mailto:gk@example.gov.cn'],
      ['依申请公开', 'https://www.example.gov.cn/ysqgk/'],
    ]);
  });
});

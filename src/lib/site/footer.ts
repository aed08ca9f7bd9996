/** The links portals place beside their 年报 column (纠错/联系, 政府信息公开指南, 依申请公开), each only when configured. */
import type { SiteConfig } from '../../site.config.ts';

export function footerLinks(s: Pick<SiteConfig, 'feedbackUrl' | 'guideUrl' | 'applyUrl'>): [label: string, url: string][] {
  const all: [string, string][] = [
    ['纠错 / 联系我们', s.feedbackUrl],
    ['政府信息公开指南', s.guideUrl],
    ['依申请公开', s.applyUrl],
  ];
  return all.filter(([, url]) => url.trim() !== '');
}

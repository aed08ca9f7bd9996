/** Bare web addresses in Chinese report text end at the address (src/lib/site/autolinks.ts), through the real renderer. */
import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../../src/lib/site/render-body.ts';

const html = async (md: string) => (await renderMarkdown(md)).html.trim();

describe('bare web addresses', () => {
  it('end at the last ASCII character, the sentence stays text', async () => {
    expect(await html('网址:http://218.27.147.134/zwdtSjgl/Directory/depListDir.jsp诚恳接受社会各界的监督,受理单位:一拉溪镇人民政府,邮编:132213')).toBe(
      '<p>网址:<a href="http://218.27.147.134/zwdtSjgl/Directory/depListDir.jsp">http://218.27.147.134/zwdtSjgl/Directory/depListDir.jsp</a>诚恳接受社会各界的监督,受理单位:一拉溪镇人民政府,邮编:132213</p>',
    );
  });
  it('full-width punctuation ends the address; trailing ASCII punctuation stays outside', async () => {
    expect(await html('网址：www.example.gov.cn，联系电话')).toBe('<p>网址：<a href="http://www.example.gov.cn">www.example.gov.cn</a>，联系电话</p>');
    expect(await html('见 https://a.gov.cn/x。谢谢')).toBe('<p>见 <a href="https://a.gov.cn/x">https://a.gov.cn/x</a>。谢谢</p>');
    expect(await html('见 https://a.gov.cn/x,谢谢')).toBe('<p>见 <a href="https://a.gov.cn/x">https://a.gov.cn/x</a>,谢谢</p>');
  });
  it('keeps query strings, <…> autolinks and links written as [text](url)', async () => {
    expect(await html('http://x.cn/a?b=1&c=2中文')).toBe('<p><a href="http://x.cn/a?b=1&amp;c=2">http://x.cn/a?b=1&amp;c=2</a>中文</p>');
    expect(await html('<http://a.cn/x>诚恳')).toBe('<p><a href="http://a.cn/x">http://a.cn/x</a>诚恳</p>');
    expect(await html('[http://a.cn/诚恳](http://a.cn/)')).toBe('<p><a href="http://a.cn/">http://a.cn/诚恳</a></p>');
  });
});

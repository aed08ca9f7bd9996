/**
 * The one file a site administrator edits: the site's name, the government
 * footer fields (shown only when filled in), and where the site lives.
 * BASE_PATH in the environment overrides basePath at build time.
 */
export interface SiteConfig {
  /** 网站名称 */
  name: string;
  /** Short description for the home page and <meta name="description"> */
  description: string;
  /** Path the site is served under, e.g. "/" or "/gk/ndbg/" */
  basePath: string;
  /** Absolute URL of the site root (for citations, feeds and sitemap); may be empty */
  url: string;
  /** 主办单位 */
  sponsor: string;
  /** 联系方式 */
  contact: string;
  /** 网站标识码 */
  siteCode: string;
  /** ICP备案号 */
  icp: string;
  /** 公安机关备案号 */
  psb: string;
  /** 纠错/联系: a page or mailto: link for reporting errors in the archive; shown in the footer when set */
  feedbackUrl: string;
  /** The issuing government's 政府信息公开指南 page; shown in the footer when set */
  guideUrl: string;
  /** Its 依申请公开 (application) page; shown in the footer when set */
  applyUrl: string;
  /** Repository URL; commit ids on report pages link to `${repoUrl}/commit/<id>` when set */
  repoUrl: string;
  /**
   * Other sites' search indexes to search as well (an archive built as several sites, e.g. one
   * per province): URLs of their search-index/parts.json, relative to this site's search-index/
   * folder, e.g. ["../../jilin/search-index/parts.json"] (their part folders are content-hashed
   * and change with each of their builds, so name the list, not a folder). SEARCH_EXTRA_INDEXES (comma-separated) overrides it.
   */
  extraSearchIndexes: string[];
}

export const site: SiteConfig = {
  name: '政府信息公开工作年度报告库',
  description: '乡镇（街道）政府信息公开工作年度报告的全文、统计表格与检索。',
  basePath: '/',
  url: '',
  sponsor: '',
  contact: '',
  siteCode: '',
  icp: '',
  psb: '',
  feedbackUrl: '',
  guideUrl: '',
  applyUrl: '',
  repoUrl: '',
  extraSearchIndexes: [],
};

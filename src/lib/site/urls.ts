/**
 * Site paths, all relative to the base path (a site may live under /gk/ndbg/).
 * Pages pass import.meta.env.BASE_URL in; pure so exports and tests share it.
 */
import { countyBase, regionSlug, toPinyin } from '../slug.ts';

export const UNKNOWN_PROVINCE = '省份未详';

/** Joins the base path and a site-relative path ("reports/x/2020/"). */
export function href(base: string, path = ''): string {
  return `${base.endsWith('/') ? base : `${base}/`}${path.replace(/^\//, '')}`;
}

export const reportPath = (id: string) => `reports/${id}/`;
export const townPath = (slug: string) => `towns/${slug}/`;
export const yearPath = (year: number | string) => `years/${year}/`;
export const provinceSlug = (province: string | undefined) => (province ? regionSlug(province) : 'unknown');
export const countySlug = (county: string) => toPinyin(countyBase(county)) || toPinyin(county);
export const provincePath = (province: string | undefined) => `regions/${provinceSlug(province)}/`;

/**
 * The region part of a breadcrumb trail: 省 › 地级市 › 县（市、区）. The prefecture city is shown when the
 * metadata names it (and it is not the province itself, as for 直辖市); the site has no city pages, so
 * it is a label, not a link.
 */
import { UNKNOWN_PROVINCE } from './urls.ts';

export interface Crumb {
  label: string;
  href?: string;
}

export function regionCrumbs(r: { province?: string | undefined; city?: string | undefined; county: string }, links: { province: string; county?: string }): Crumb[] {
  return [
    { label: r.province ?? UNKNOWN_PROVINCE, href: links.province },
    ...(r.city && r.city !== r.province ? [{ label: r.city }] : []),
    links.county ? { label: r.county, href: links.county } : { label: r.county },
  ];
}

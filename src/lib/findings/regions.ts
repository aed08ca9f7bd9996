/** Which province and county page a report's findings belong on (by its town's place in the region tree). */
import type { Province } from '../site/reports.ts';

export function regionOfReport(regions: Province[]): Map<string, { province: string; county: string }> {
  const out = new Map<string, { province: string; county: string }>();
  for (const p of regions) for (const c of p.counties) for (const t of c.towns) for (const r of t.reports) out.set(r.id, { province: p.slug, county: c.slug });
  return out;
}

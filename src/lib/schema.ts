/**
 * The report frontmatter schema: ../../shared/spec/report-format.md as zod.
 * Used by the content collection (src/content.config.ts, so the build fails
 * on bad content), by `npm run check` and by the importer before it writes.
 * Pure: no Astro imports.
 */
import { z } from 'zod';
import {
  APPLICANT_COLUMNS,
  APPLICATION_ROWS,
  FORMATS,
  PROACTIVE,
  REVIEW_COLUMNS,
  REVIEW_GROUPS,
  type ColumnDef,
  type NationalFormat,
  type Stats,
} from './stats/template.ts';

export const FIRST_YEAR = 2008; // 《政府信息公开条例》 took effect on 2008-05-01

/** Lists the allowed keys when an object has one it does not know (typos). */
function strict<T extends z.ZodRawShape>(shape: T, what: string) {
  const allowed = Object.keys(shape).join(', ');
  return z.strictObject(shape, {
    error: (iss) =>
      iss.code === 'unrecognized_keys'
        ? `unknown key${iss.keys.length > 1 ? 's' : ''} ${iss.keys.map((k) => `"${k}"`).join(', ')} in ${what}; allowed: ${allowed} (check the spelling)`
        : iss.input === undefined
          ? `missing ${what}: add it`
          : `expected ${what} as a map of "key: value" lines, found ${describe(iss.input)}`,
  });
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (value instanceof Date) return `date ${value.toISOString().slice(0, 10)}`;
  if (typeof value === 'string') return `"${value}"`;
  if (typeof value === 'object') return Array.isArray(value) ? 'a list' : 'a map';
  return `${typeof value} ${String(value)}`;
}

/**
 * A calendar date. YAML turns unquoted 2020-12-31 into a Date, a quoted one
 * stays a string: both are accepted and stored as the ISO string.
 */
export const isoDate = z
  .unknown()
  .transform((value, ctx) => {
    let iso: string | undefined;
    if (value instanceof Date && !Number.isNaN(value.getTime())) iso = value.toISOString().slice(0, 10);
    else if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) {
      const d = new Date(`${value}T00:00:00Z`);
      if (!Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value) iso = value;
    }
    if (!iso) {
      ctx.addIssue({
        code: 'custom',
        message: `expected a date written YYYY-MM-DD (e.g. 2020-12-31), found ${describe(value)}`,
      });
      return z.NEVER;
    }
    return iso;
  });

// C0 controls (line ends included: every text field is one line), DEL, C1 controls, and the
// bidirectional embeddings, overrides and isolates that make text display in another order than it is stored
const CONTROL = /[\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/;
const controlMessage = (v: string) =>
  `control character U+${CONTROL.exec(v)![0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')} in the text: remove it (often left by a broken conversion)`;

const nonEmpty = (what: string) =>
  z
    .string({ error: (iss) => `expected ${what} as text, found ${describe(iss.input)}` })
    .trim()
    .min(1, `${what} must not be empty`)
    .refine((v) => !CONTROL.test(v), { error: (iss) => controlMessage(String(iss.input)) });

/** Web addresses a page may link to: http(s) only (no javascript:, data:, vbscript:, file:). */
const webUrl = z
  .string({ error: (iss) => `expected the address as text, found ${describe(iss.input)}` })
  .url('expected an absolute URL such as http://www.example.gov.cn/…')
  .refine((v) => /^https?:\/\//i.test(v) && !CONTROL.test(v), 'expected an http:// or https:// address (other schemes such as javascript: or data: are not allowed)');

const sha256 = z
  .string({ error: (iss) => `expected a sha256 as 64 hex digits, found ${describe(iss.input)}` })
  .regex(/^[0-9a-f]{64}$/, 'expected a sha256 as 64 lower-case hex digits (sha256sum prints it)');

export const sourceSchema = strict(
  {
    file: nonEmpty('the original file name'),
    sha256,
    url: webUrl.optional(),
    retrieved: isoDate.optional(),
  },
  'source',
);

/** One cell of a statutory table: number or null (left empty in the report). */
function cellSchema(col: ColumnDef) {
  const kind = col.decimal ? 'a number' : col.signed ? 'a whole number (may be negative)' : 'a whole number ≥ 0';
  return z.unknown().superRefine((v, ctx) => {
    const ok =
      v === null ||
      (typeof v === 'number' &&
        Number.isFinite(v) &&
        // beyond 2^53 a figure is no longer the number written (99999999999999999999999 → 1e+23)
        Math.abs(v) <= Number.MAX_SAFE_INTEGER &&
        (col.decimal || Number.isSafeInteger(v)) &&
        (col.decimal || col.signed || v >= 0));
    if (!ok) {
      ctx.addIssue({
        code: 'custom',
        message: `expected ${kind} or null (empty cell) for ${col.label}, found ${describe(v)}`,
      });
    }
  }) as z.ZodType<number | null>;
}

function rowSchema(columns: ColumnDef[], label: string) {
  return strict(Object.fromEntries(columns.map((c) => [c.key, cellSchema(c)])), label);
}

/** Nests row schemas along dotted paths (outcomes.denied.stateSecret). */
function nested(rows: { path: string; schema: z.ZodType }[], what: string): z.ZodType {
  const shape: Record<string, z.ZodType> = {};
  const groups = new Map<string, { path: string; schema: z.ZodType }[]>();
  for (const r of rows) {
    const [head, ...rest] = r.path.split('.');
    if (rest.length === 0) shape[head!] = r.schema;
    else {
      if (!groups.has(head!)) groups.set(head!, []);
      groups.get(head!)!.push({ path: rest.join('.'), schema: r.schema });
    }
  }
  for (const [head, sub] of groups) shape[head] = nested(sub, `${what}.${head}`);
  return strict(shape, what);
}

const statsSchemas = new Map<NationalFormat, z.ZodType>();
export function statsSchema(format: NationalFormat): z.ZodType {
  let s = statsSchemas.get(format);
  if (!s) {
    const proactive: Record<string, z.ZodType> = {};
    for (const g of PROACTIVE[format]) for (const r of g.rows) proactive[r.key] = rowSchema(g.columns, `stats.proactive.${r.key} (${r.label})`);
    const applications = nested(
      APPLICATION_ROWS[format].map((r) => ({ path: r.path, schema: rowSchema(APPLICANT_COLUMNS, `stats.applications.${r.path}`) })),
      'stats.applications',
    );
    const review = Object.fromEntries(
      REVIEW_GROUPS.map((g) => [g.key, rowSchema(REVIEW_COLUMNS, `stats.reviewLitigation.${g.key} (${g.label})`)]),
    );
    s = strict(
      {
        proactive: strict(proactive, `stats.proactive (${format})`),
        applications,
        reviewLitigation: strict(review, 'stats.reviewLitigation'),
      },
      `stats (${format})`,
    );
    statsSchemas.set(format, s);
  }
  return s;
}

const currentYear = new Date().getUTCFullYear();

export const reportSchema = strict(
  {
    title: nonEmpty('the report title'),
    town: nonEmpty('the town name with its suffix (镇/乡/街道)'),
    county: nonEmpty('the parent county-level division'),
    city: nonEmpty('the prefecture-level city').optional(),
    province: nonEmpty('the province').optional(),
    year: z
      .number({ error: (iss) => `expected the report year as a number such as 2020, found ${describe(iss.input)}` })
      .int('expected a whole year such as 2020')
      .min(FIRST_YEAR, `expected a year from ${FIRST_YEAR} on (the regulations took effect in 2008)`)
      .max(currentYear, `expected a year not after ${currentYear}`),
    agency: nonEmpty('the issuing body (发布机构)'),
    code: z
      .string({ error: (iss) => `expected the division code as a quoted string, found ${describe(iss.input)}` })
      .regex(/^(\d{9}|\d{12})$/, 'expected a statistical division code of 9 or 12 digits')
      .optional(),
    indexNo: nonEmpty('the portal index number (索引号)').optional(),
    date: isoDate.optional(),
    published: isoDate.optional(),
    format: z.enum(FORMATS as [string, ...string[]], {
      error: (iss) => `expected format to be one of ${FORMATS.join(', ')}, found ${describe(iss.input)}`,
    }),
    source: sourceSchema,
    stats: z.unknown().optional(),
    notes: z
      .array(
        z.string().refine((v) => !/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/.test(v), 'control character in a note: remove it'),
        { error: 'expected notes as a list of strings (lines starting with "- ")' },
      )
      .optional(),
  },
  'the frontmatter',
).superRefine((data, ctx) => {
  if (data.format === 'free') {
    if (data.stats !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['stats'],
        message: 'format is "free" but a stats block is present: set format to national-2019 or national-2021, or remove stats',
      });
    }
    return;
  }
  const format = data.format as NationalFormat;
  if (data.stats === undefined) {
    ctx.addIssue({
      code: 'custom',
      path: ['stats'],
      message: `format is "${format}" but there is no stats block: add the statutory tables or set format to free`,
    });
    return;
  }
  const parsed = statsSchema(format).safeParse(data.stats);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      ctx.addIssue({
        code: 'custom',
        path: ['stats', ...issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p))],
        message: `${issue.message} (stats must follow the ${format} tables)`,
      });
    }
  }
});

type Parsed = z.output<typeof reportSchema>;
/** A validated report's frontmatter. */
export type ReportData = Omit<Parsed, 'format' | 'stats'> & {
  format: (typeof FORMATS)[number];
  stats?: Stats;
};

/** Validates frontmatter; returns data or the issues with their paths. */
export function parseReport(data: unknown):
  | { ok: true; data: ReportData }
  | { ok: false; issues: { path: (string | number)[]; message: string }[] } {
  const r = reportSchema.safeParse(data);
  if (r.success) return { ok: true, data: r.data as ReportData };
  return {
    ok: false,
    issues: r.error.issues.flatMap((i) => {
      const path = i.path.map((p) => (typeof p === 'symbol' ? String(p) : p));
      // an unknown key is reported on the key itself, so tools can point at its line
      if (i.code === 'unrecognized_keys') return i.keys.map((k) => ({ path: [...path, k], message: i.message }));
      return [{ path, message: i.message }];
    }),
  };
}


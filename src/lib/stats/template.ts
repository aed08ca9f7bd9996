/**
 * The national statutory tables (政府信息公开工作年度报告格式, 2019 and 2021
 * versions) described as data. This is the single source for:
 * - the `stats` schema (src/lib/schema.ts),
 * - the rendered tables with official headers and merged cells (StatTable),
 * - the importer's label → key mapping (src/lib/import/tables),
 * - the arithmetic checks (checks.ts) and CSV columns (src/lib/exports).
 *
 * Keys follow ../../../shared/spec/report-format.md (the archive's contract).
 */

export type NationalFormat = 'national-2019' | 'national-2021';
export type Format = 'free' | NationalFormat;
export const FORMATS: readonly Format[] = ['free', 'national-2019', 'national-2021'];
export const NATIONAL_FORMATS: readonly NationalFormat[] = ['national-2019', 'national-2021'];

/** A table cell: a number, or null where the report left the cell empty. */
export type Cell = number | null;
export type CellRow = Record<string, Cell>;

export interface ColumnDef {
  key: string;
  label: string;
  /** Values may have decimals (money). Other cells must be whole numbers. */
  decimal?: boolean;
  /** Values may be negative (本年增/减). */
  signed?: boolean;
}

export interface RowDef {
  key: string;
  label: string;
}

/** One block of the proactive-disclosure table, headed by the article item. */
export interface ProactiveGroup {
  /** 第二十条第（一）项 … */
  item: string;
  columns: ColumnDef[];
  rows: RowDef[];
}

const made: ColumnDef[] = [
  { key: 'made', label: '本年新制作数量' },
  { key: 'published', label: '本年新公开数量' },
  { key: 'total', label: '对外公开总数量' },
];
const items2019: ColumnDef[] = [
  { key: 'previous', label: '上一年项目数量' },
  { key: 'change', label: '本年增/减', signed: true },
  { key: 'decisions', label: '处理决定数量' },
];

export const PROACTIVE: Record<NationalFormat, ProactiveGroup[]> = {
  'national-2019': [
    {
      item: '第二十条第（一）项',
      columns: made,
      rows: [
        { key: 'rules', label: '规章' },
        { key: 'normativeDocs', label: '规范性文件' },
      ],
    },
    {
      item: '第二十条第（五）项',
      columns: items2019,
      rows: [
        { key: 'licensing', label: '行政许可' },
        { key: 'otherServices', label: '其他对外管理服务事项' },
      ],
    },
    {
      item: '第二十条第（六）项',
      columns: items2019,
      rows: [
        { key: 'penalties', label: '行政处罚' },
        { key: 'enforcement', label: '行政强制' },
      ],
    },
    {
      item: '第二十条第（八）项',
      columns: items2019.slice(0, 2),
      rows: [{ key: 'fees', label: '行政事业性收费' }],
    },
    {
      item: '第二十条第（九）项',
      columns: [
        { key: 'projects', label: '采购项目数量' },
        { key: 'amount', label: '采购总金额', decimal: true },
      ],
      rows: [{ key: 'procurement', label: '政府集中采购' }],
    },
  ],
  'national-2021': [
    {
      item: '第二十条第（一）项',
      columns: [
        { key: 'issued', label: '本年制发件数' },
        { key: 'repealed', label: '本年废止件数' },
        { key: 'inForce', label: '现行有效件数' },
      ],
      rows: [
        { key: 'rules', label: '规章' },
        { key: 'normativeDocs', label: '行政规范性文件' },
      ],
    },
    {
      item: '第二十条第（五）项',
      columns: [{ key: 'decisions', label: '本年处理决定数量' }],
      rows: [{ key: 'licensing', label: '行政许可' }],
    },
    {
      item: '第二十条第（六）项',
      columns: [{ key: 'decisions', label: '本年处理决定数量' }],
      rows: [
        { key: 'penalties', label: '行政处罚' },
        { key: 'enforcement', label: '行政强制' },
      ],
    },
    {
      item: '第二十条第（八）项',
      columns: [{ key: 'amount', label: '本年收费金额（单位：万元）', decimal: true }],
      rows: [{ key: 'fees', label: '行政事业性收费' }],
    },
  ],
};

/** 申请人情况: the columns of every applications row. `total` is last. */
export const APPLICANT_COLUMNS: ColumnDef[] = [
  { key: 'natural', label: '自然人' },
  { key: 'commercial', label: '商业企业' },
  { key: 'research', label: '科研机构' },
  { key: 'nonprofit', label: '社会公益组织' },
  { key: 'legal', label: '法律服务机构' },
  { key: 'other', label: '其他' },
  { key: 'total', label: '总计' },
];
/** The applicant columns that add up to `total`. */
export const APPLICANT_PARTS = APPLICANT_COLUMNS.filter((c) => c.key !== 'total');

/**
 * One row of the applications table. `path` is the dotted key inside
 * `stats.applications`; `section` and `group` are the merged label cells to the
 * left of the row label (三、本年度办理结果 and （三）不予公开 …).
 */
export interface ApplicationRowDef {
  path: string;
  label: string;
  section?: string;
  group?: string;
}

const RESULT = '三、本年度办理结果';
const DENIED = '（三）不予公开';
const UNAVAILABLE = '（四）无法提供';
const NOT_PROCESSED = '（五）不予处理';
const OTHER_HANDLING = '（六）其他处理';

function applicationRows(format: NationalFormat): ApplicationRowDef[] {
  const other: ApplicationRowDef[] =
    format === 'national-2019'
      ? [{ path: 'outcomes.otherHandling.other', label: OTHER_HANDLING, section: RESULT }]
      : [
          {
            path: 'outcomes.otherHandling.noCorrection',
            label: '1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请',
            section: RESULT,
            group: OTHER_HANDLING,
          },
          {
            path: 'outcomes.otherHandling.feeUnpaid',
            label: '2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请',
            section: RESULT,
            group: OTHER_HANDLING,
          },
          { path: 'outcomes.otherHandling.other', label: '3.其他', section: RESULT, group: OTHER_HANDLING },
        ];
  const denied = (key: string, label: string) => ({ path: `outcomes.denied.${key}`, label, section: RESULT, group: DENIED });
  const unavailable = (key: string, label: string) => ({
    path: `outcomes.unavailable.${key}`,
    label,
    section: RESULT,
    group: UNAVAILABLE,
  });
  const notProcessed = (key: string, label: string) => ({
    path: `outcomes.notProcessed.${key}`,
    label,
    section: RESULT,
    group: NOT_PROCESSED,
  });
  return [
    { path: 'received', label: '一、本年新收政府信息公开申请数量' },
    { path: 'carriedOver', label: '二、上年结转政府信息公开申请数量' },
    { path: 'outcomes.granted', label: '（一）予以公开', section: RESULT },
    {
      path: 'outcomes.partial',
      label: '（二）部分公开（区分处理的，只计这一情形，不计其他情形）',
      section: RESULT,
    },
    denied('stateSecret', '1.属于国家秘密'),
    denied('lawProhibited', '2.其他法律行政法规禁止公开'),
    denied('safetyStability', '3.危及“三安全一稳定”'),
    denied('thirdParty', '4.保护第三方合法权益'),
    denied('internal', '5.属于三类内部事务信息'),
    denied('process', '6.属于四类过程性信息'),
    denied('enforcementFile', '7.属于行政执法案卷'),
    denied('query', '8.属于行政查询事项'),
    unavailable('notHeld', '1.本机关不掌握相关政府信息'),
    unavailable('needsCreation', '2.没有现成信息需要另行制作'),
    unavailable('unclear', '3.补正后申请内容仍不明确'),
    notProcessed('complaint', '1.信访举报投诉类申请'),
    notProcessed('repeated', '2.重复申请'),
    notProcessed('publication', '3.要求提供公开出版物'),
    notProcessed('excessive', '4.无正当理由大量反复申请'),
    notProcessed('confirmation', '5.要求行政机关确认或重新出具已获取信息'),
    ...other,
    { path: 'outcomes.total', label: '（七）总计', section: RESULT },
    { path: 'carriedForward', label: '四、结转下年度继续办理' },
  ];
}

export const APPLICATION_ROWS: Record<NationalFormat, ApplicationRowDef[]> = {
  'national-2019': applicationRows('national-2019'),
  'national-2021': applicationRows('national-2021'),
};

/** The outcome rows that add up to outcomes.total (every outcome but the total). */
export function outcomeParts(format: NationalFormat): ApplicationRowDef[] {
  return APPLICATION_ROWS[format].filter((r) => r.path.startsWith('outcomes.') && r.path !== 'outcomes.total');
}

/** 四、行政复议、行政诉讼: three groups of five columns. */
export const REVIEW_GROUPS: RowDef[] = [
  { key: 'review', label: '行政复议' },
  { key: 'litigationDirect', label: '未经复议直接起诉' },
  { key: 'litigationAfterReview', label: '复议后起诉' },
];
export const REVIEW_COLUMNS: ColumnDef[] = [
  { key: 'upheld', label: '结果维持' },
  { key: 'corrected', label: '结果纠正' },
  { key: 'other', label: '其他结果' },
  { key: 'pending', label: '尚未审结' },
  { key: 'total', label: '总计' },
];
export const REVIEW_PARTS = REVIEW_COLUMNS.filter((c) => c.key !== 'total');

/** Section titles as the national format prints them. */
export const SECTION_TITLES = {
  proactive: '二、主动公开政府信息情况',
  applications: '三、收到和处理政府信息公开申请情况',
  reviewLitigation: '四、政府信息公开行政复议、行政诉讼情况',
} as const;

/** Nested stats as stored in frontmatter. Leaves are CellRow maps. */
export interface Stats {
  proactive: Record<string, CellRow>;
  applications: Record<string, unknown> & {
    received: CellRow;
    carriedOver: CellRow;
    carriedForward: CellRow;
    outcomes: Record<string, unknown>;
  };
  reviewLitigation: Record<string, CellRow>;
}

/** Reads a dotted path (outcomes.denied.stateSecret) inside an object. */
export function getPath(obj: unknown, path: string): unknown {
  let cur: unknown = obj;
  for (const part of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur;
}

/** Sets a dotted path, creating intermediate objects in template order. */
export function setPath(obj: Record<string, unknown>, path: string, value: unknown): void {
  const parts = path.split('.');
  let cur = obj;
  for (const part of parts.slice(0, -1)) {
    if (typeof cur[part] !== 'object' || cur[part] === null) cur[part] = {};
    cur = cur[part] as Record<string, unknown>;
  }
  cur[parts[parts.length - 1]!] = value;
}

/**
 * An empty stats object for a format, every cell null, keys in template order
 * (so YAML written from it reads in the order of the printed tables).
 */
export function emptyStats(format: NationalFormat): Stats {
  const proactive: Record<string, CellRow> = {};
  for (const g of PROACTIVE[format]) {
    for (const r of g.rows) proactive[r.key] = Object.fromEntries(g.columns.map((c) => [c.key, null]));
  }
  const applications: Record<string, unknown> = {};
  for (const r of APPLICATION_ROWS[format]) {
    setPath(applications, r.path, Object.fromEntries(APPLICANT_COLUMNS.map((c) => [c.key, null])));
  }
  const reviewLitigation: Record<string, CellRow> = {};
  for (const g of REVIEW_GROUPS) {
    reviewLitigation[g.key] = Object.fromEntries(REVIEW_COLUMNS.map((c) => [c.key, null]));
  }
  return { proactive, applications: applications as Stats['applications'], reviewLitigation };
}

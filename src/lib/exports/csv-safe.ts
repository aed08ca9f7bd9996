/**
 * CSV cell neutralisation (OWASP "CSV injection"): a text cell that a
 * spreadsheet would read as a formula (starting with = + - @, tab or CR) is
 * prefixed with a single quote. Numbers stay numbers. Used by the CSV writer
 * (src/lib/exports/) before quoting.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/** The cell as it may be written to a CSV offered for Excel. */
export function neutraliseCell(value: string | number | null | undefined): string | number | null | undefined {
  if (typeof value !== 'string') return value;
  return FORMULA_START.test(value) ? `'${value}` : value;
}

import { describe, expect, it } from 'vitest';
import { neutraliseCell } from '../../src/lib/exports/csv-safe.ts';

describe('CSV cell neutralisation', () => {
  it.each([
    ['=HYPERLINK("http://x","y")', `'=HYPERLINK("http://x","y")`],
    ["+cmd|' /C calc'!A0", `'+cmd|' /C calc'!A0`],
    ['-2+3', `'-2+3`],
    ['@SUM(A1)', `'@SUM(A1)`],
    ['\t=1', `'\t=1`],
    ['\r=1', `'\r=1`],
    ['城关镇', '城关镇'],
  ])('%j → %j', (input, out) => {
    expect(neutraliseCell(input)).toBe(out);
  });
  it('numbers stay numbers', () => {
    expect(neutraliseCell(-5)).toBe(-5);
    expect(neutraliseCell(null)).toBe(null);
  });
});

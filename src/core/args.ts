/**
 * Turning custom-function arguments (single values or 2D ranges, as Sheets passes them) into
 * aligned columns, with header-row detection, blank trailing rows and `for_ids` lookups.
 */
import { argError, type CallContext, UserError } from './errors';
import { localize } from './i18n';
import { isBlank } from './parse';

export type Cell = string | number | boolean | Date | null | undefined;
export type Grid = Cell[][];
/** What a custom function returns: a 2D array that spills. */
export type Output = (string | number)[][];

const MSG_ONE_COLUMN = { en: 'expects a single column, got {cols} columns', vi: 'cần đúng một cột, nhưng có {cols} cột' };
const MSG_ROWS = {
  en: 'the ranges must have the same number of rows: {list}',
  vi: 'các vùng dữ liệu phải có cùng số dòng: {list}',
};
const MSG_ROWS_ITEM = { en: '{arg} has {n}', vi: '{arg} có {n}' };
const MSG_SINGLE = { en: 'expects a single value, not a range', vi: 'cần một giá trị đơn, không phải một vùng' };

/** True when the argument is a 2D range (not a single value). */
export function isRange(v: unknown): v is Grid {
  return Array.isArray(v) && (v.length === 0 || Array.isArray(v[0]));
}

/** A column argument: one cell per row. A single value becomes a one-row column. */
export function toColumn(ctx: CallContext, arg: string, v: unknown): Cell[] {
  if (!isRange(v)) return [v as Cell];
  const cols = v.length ? v[0].length : 1;
  if (cols !== 1) throw argError(ctx, arg, MSG_ONE_COLUMN, { cols });
  const out: Cell[] = new Array(v.length);
  for (let i = 0; i < v.length; i++) out[i] = v[i][0];
  return out;
}

/** A scalar argument: a single value; a 1x1 range is accepted. Blank gives `undefined`. */
export function toScalar(ctx: CallContext, arg: string, v: unknown): Cell {
  if (isRange(v)) {
    if (v.length === 1 && v[0].length === 1) v = v[0][0];
    else throw argError(ctx, arg, MSG_SINGLE);
  }
  return isBlank(v) ? undefined : (v as Cell);
}

/** Checks that the given columns are row-aligned. */
export function checkSameRows(ctx: CallContext, cols: [string, Cell[]][]): number {
  const present = cols.filter(([, c]) => c.length > 1 || cols.length === 1);
  const n = present.length ? present[0][1].length : cols[0][1].length;
  if (present.some(([, c]) => c.length !== n)) {
    const list = present.map(([arg, c]) => localize(ctx.lang, MSG_ROWS_ITEM, { arg, n: c.length })).join(', ');
    throw new UserError(`${ctx.fn}: ${localize(ctx.lang, MSG_ROWS, { list })}`);
  }
  return n;
}

/**
 * Column layout of a call: whether row 0 is a header (non-blank text in a column that should
 * hold numbers or dates and does not parse), and how many rows hold data (trailing blank rows,
 * as in `C:C`, are left out).
 */
export interface Layout {
  header: boolean;
  /** Index of the first data row. */
  start: number;
  /** One past the last row that has any value in the key columns. */
  end: number;
  rows: number;
}

export function layout(keyCols: Cell[][], typedCols: { col: Cell[]; parses: (v: Cell) => boolean }[]): Layout {
  const rows = Math.max(...keyCols.map((c) => c.length), ...typedCols.map((t) => t.col.length));
  let header = false;
  if (rows > 1) {
    header = typedCols.some((t) => typeof t.col[0] === 'string' && !isBlank(t.col[0]) && !t.parses(t.col[0]));
    // A first row whose id is a customer seen again below is data with a bad value, not a header:
    // let the bad value be reported rather than silently turned into a header label.
    if (header) {
      for (const c of keyCols) {
        const first = idKey(c[0]);
        if (first === '') continue;
        for (let i = 1; i < c.length && header; i++) if (idKey(c[i]) === first) header = false;
      }
    }
  }
  let end = rows;
  const all = [...keyCols, ...typedCols.map((t) => t.col)];
  while (end > (header ? 1 : 0) && all.every((c) => isBlank(c[end - 1]))) end--;
  return { header, start: header ? 1 : 0, end, rows };
}

/** A key for a customer id: ids typed as `123` and `"123"` are the same customer. */
export function idKey(v: Cell): string {
  if (typeof v === 'string') {
    const n = v.length;
    return n && (v.charCodeAt(0) <= 32 || v.charCodeAt(n - 1) <= 32) ? v.trim() : v;
  }
  if (typeof v === 'number') return String(v);
  if (v === null || v === undefined) return '';
  if (typeof v === 'object' && Object.prototype.toString.call(v) === '[object Date]') return (v as Date).toISOString();
  return String(v).trim();
}

/** Blank output rows of a given width. */
export function blankRows(n: number, width: number): Output {
  const out: Output = new Array(n);
  for (let i = 0; i < n; i++) out[i] = new Array(width).fill('');
  return out;
}

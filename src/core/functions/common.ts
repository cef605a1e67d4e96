/**
 * What every custom function shares: reading its ranges (single values or columns, header rows,
 * trailing blank rows of `C:C`), reading options, and laying results out one row per input row
 * or one row per `for_ids` entry.
 */
import { type Cell, checkSameRows, idKey, isRange, type Layout, layout, type Output, toColumn, toScalar } from '../args';
import { argError, type CallContext, callError, MSG, valueError } from '../errors';
import { type Localized, localize } from '../i18n';
import { isBlank, parseAmount, parseDay } from '../parse';

export const M = {
  oneOf: { en: 'must be one of {list}', vi: 'phải là một trong {list}' },
  between: { en: 'must be between {lo} and {hi}', vi: 'phải nằm trong khoảng {lo} đến {hi}' },
  noData: { en: 'no rows with a customer id and a value to analyse', vi: 'không có dòng nào có mã khách hàng và giá trị để phân tích' },
  noDates: { en: 'no orders on or before the analysis date {date}', vi: 'không có đơn hàng nào vào hoặc trước ngày phân tích {date}' },
} satisfies Record<string, Localized>;

/** Reads an option given as text (case-insensitive) against its allowed values; blank → default. */
export function optionArg<T extends string>(ctx: CallContext, arg: string, v: unknown, allowed: readonly T[], dflt: T): T {
  const s = toScalar(ctx, arg, v);
  if (s === undefined) return dflt;
  const t = String(s)
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
  const hit = allowed.find((a) => a === t);
  if (!hit) throw valueError(ctx, arg, null, s, M.oneOf, { list: allowed.map((a) => `"${a}"`).join(', ') });
  return hit;
}

/** Reads a number option (`0.8`, `80%`, `0,8` by locale); blank → default; checks the range. */
export function numberArg(ctx: CallContext, arg: string, v: unknown, dflt: number, lo: number, hi: number): number {
  const s = toScalar(ctx, arg, v);
  if (s === undefined) return dflt;
  let n: number;
  if (typeof s === 'string' && /%\s*$/.test(s)) n = parseAmount(s.replace(/%\s*$/, ''), ctx.locale) / 100;
  else n = parseAmount(s, ctx.locale);
  if (Number.isNaN(n)) throw valueError(ctx, arg, null, s, MSG.notNumber);
  if (n < lo || n > hi) throw valueError(ctx, arg, null, s, M.between, { lo, hi });
  return n;
}

/** Reads an optional date argument into a day number; blank → undefined. */
export function dateArg(ctx: CallContext, arg: string, v: unknown): number | undefined {
  const s = toScalar(ctx, arg, v);
  if (s === undefined) return undefined;
  const d = parseDay(s, ctx.locale, ctx.timeZone);
  if (Number.isNaN(d)) throw valueError(ctx, arg, null, s, MSG.notDate);
  return d;
}

export interface ColumnSpec {
  arg: string;
  value: unknown;
  kind: 'id' | 'amount' | 'date' | 'count' | 'date_or_days';
  optional?: boolean;
}

/** Columns of a call read and aligned: the raw cells plus the layout (header row, data end). */
export interface Columns {
  cols: Record<string, Cell[]>;
  layout: Layout;
}

function parsesAs(kind: ColumnSpec['kind'], ctx: CallContext): (v: Cell) => boolean {
  if (kind === 'amount' || kind === 'count') return (v) => !Number.isNaN(parseAmount(v, ctx.locale));
  if (kind === 'date') return (v) => !Number.isNaN(parseDay(v, ctx.locale, ctx.timeZone));
  if (kind === 'date_or_days') return (v) => !Number.isNaN(parseDay(v, ctx.locale, ctx.timeZone)) || !Number.isNaN(parseAmount(v, ctx.locale));
  return () => true;
}

export function readColumns(ctx: CallContext, specs: ColumnSpec[]): Columns {
  const cols: Record<string, Cell[]> = {};
  const present: [string, Cell[]][] = [];
  for (const s of specs) {
    if (s.optional && (s.value === undefined || s.value === null || s.value === '')) continue;
    const c = toColumn(ctx, s.arg, s.value);
    cols[s.arg] = c;
    present.push([s.arg, c]);
  }
  checkSameRows(ctx, present);
  const keyCols = specs.filter((s) => s.kind === 'id' && cols[s.arg]).map((s) => cols[s.arg]);
  const typed = specs.filter((s) => s.kind !== 'id' && cols[s.arg]).map((s) => ({ col: cols[s.arg], parses: parsesAs(s.kind, ctx) }));
  return { cols, layout: layout(keyCols, typed) };
}

/** Customers of a call: the id of each customer index and the index of each row (-1: no customer). */
export interface Customers {
  keys: string[];
  index: Map<string, number>;
  rowCustomer: Int32Array;
}

/** Assigns customer indices to rows by id; rows without id (or with `keep` false) get -1. */
export function customersOf(ids: Cell[] | null, lay: Layout, keep: (row: number) => boolean): Customers {
  const rowCustomer = new Int32Array(lay.rows).fill(-1);
  const index = new Map<string, number>();
  const keys: string[] = [];
  for (let i = lay.start; i < lay.end; i++) {
    if (!keep(i)) continue;
    const k = ids ? idKey(ids[i]) : `#${i}`;
    if (k === '') continue;
    let c = index.get(k);
    if (c === undefined) {
      c = keys.length;
      keys.push(k);
      index.set(k, c);
    }
    rowCustomer[i] = c;
  }
  return { keys, index, rowCustomer };
}

/**
 * Parses amounts of the rows that have an id. Blank amounts are left out (NaN), or are an error
 * naming the row when `blankIsError` (an order row needs an amount: never guess zero).
 */
export function amountsOf(ctx: CallContext, arg: string, col: Cell[], lay: Layout, hasId: (row: number) => boolean, blankIsError = false): Float64Array {
  const out = new Float64Array(lay.rows).fill(Number.NaN);
  for (let i = lay.start; i < lay.end; i++) {
    const v = col[i];
    if (!hasId(i)) continue;
    if (isBlank(v)) {
      if (blankIsError) throw valueError(ctx, arg, i + 1, '', MSG.notNumber);
      continue;
    }
    const n = parseAmount(v, ctx.locale);
    if (Number.isNaN(n)) throw valueError(ctx, arg, i + 1, v, MSG.notNumber);
    out[i] = n;
  }
  return out;
}

/** Parses dates of the rows that have an id; a blank date on such a row is an error. */
export function daysOf(ctx: CallContext, arg: string, col: Cell[], lay: Layout, hasId: (row: number) => boolean): Float64Array {
  const out = new Float64Array(lay.rows).fill(Number.NaN);
  for (let i = lay.start; i < lay.end; i++) {
    if (!hasId(i)) continue;
    const v = col[i];
    const d = parseDay(v, ctx.locale, ctx.timeZone);
    if (Number.isNaN(d)) throw valueError(ctx, arg, i + 1, isBlank(v) ? '' : v, MSG.notDate);
    out[i] = d;
  }
  return out;
}

/**
 * Lays results out: one output row per input row (header label on a header row, blanks on rows
 * without a customer or beyond the data), or one row per `for_ids` entry when it is given.
 */
export function layOut(
  lay: Layout,
  rowCustomer: Int32Array,
  index: Map<string, number>,
  resultOf: (c: number) => (string | number)[] | null,
  headerRow: (string | number)[],
  forIds: unknown,
): Output {
  const width = headerRow.length;
  const blank = () => new Array<string | number>(width).fill('');
  const rowFor = (c: number) => (c < 0 ? blank() : resultOf(c) || blank());
  if (forIds !== undefined && forIds !== null && forIds !== '') {
    const ids = isRange(forIds) ? forIds.map((r) => r[0]) : [forIds as Cell];
    let end = ids.length;
    while (end > 0 && isBlank(ids[end - 1])) end--;
    const out: Output = [];
    for (let i = 0; i < ids.length; i++) {
      if (i >= end) {
        out.push(blank());
        continue;
      }
      const c = index.get(idKey(ids[i] as Cell));
      if (c === undefined && i === 0 && lay.header && typeof ids[0] === 'string' && ids.length > 1) out.push(headerRow.slice());
      else out.push(c === undefined ? blank() : rowFor(c));
    }
    return out.length ? out : [blank()];
  }
  const out: Output = new Array(lay.rows);
  for (let i = 0; i < lay.rows; i++) {
    if (lay.header && i === 0) out[i] = headerRow.slice();
    else out[i] = i >= lay.end ? blank() : rowFor(rowCustomer[i]);
  }
  return out.length ? out : [blank()];
}

/** A labelled two-column table (used by the `summary` and `model` outputs). */
export function labelled(rows: [string, string | number][]): Output {
  return rows.map(([k, v]) => [k, v]);
}

export function noData(ctx: CallContext) {
  return callError(ctx, M.noData);
}

export { argError, localize };

/**
 * The wizard's input, read from whole-sheet grids: an order log, a customer table, or both
 * linked by customer id. Pure: grids in (as `Range.getValues()` returns them, row 1 first),
 * typed per-customer and per-order arrays out, with localized warnings for the rows left out.
 *
 * Rules (documented for the user in the warnings):
 * - A row is blank when every mapped column is blank: skipped silently (blank rows in the middle).
 * - An order row needs a customer id, a date and an amount. A row that has some of them but not a
 *   valid one is left out and reported (first examples with sheet row and value). When more than
 *   20% of the non-blank rows are bad, the mapping is probably wrong: that is an error.
 * - Orders after the analysis date are left out of the analysis (reported).
 * - The customer table: one row per customer; duplicate ids are reported, and every row of the
 *   same id gets that customer's tags.
 */

import type { SourceSpec } from '../gas/wizard-api';
import type { Cell } from './args';
import { idKey } from './args';
import { isDiscounted } from './behaviour';
import { COLUMN_ROLES, type ColumnRole, ROLE_NAMES } from './columns';
import { type CallContext, callError, MSG, showValue, UserError } from './errors';
import { type Localized, localize } from './i18n';
import { formatDay, isBlank, isDate, parseAmount, parseDay } from './parse';

export const DATA_MSG = {
  noSource: {
    en: 'choose the sheet with your orders or your customers first.',
    vi: 'hãy chọn trang tính chứa đơn hàng hoặc danh sách khách hàng trước.',
  },
  noRows: {
    en: 'sheet "{sheet}" has no data rows under the header (row {row}). Add data or pick another sheet.',
    vi: 'trang tính "{sheet}" không có dòng dữ liệu nào dưới dòng tiêu đề (dòng {row}). Hãy thêm dữ liệu hoặc chọn trang tính khác.',
  },
  needColumn: {
    en: 'sheet "{sheet}": choose the column that holds the {role}.',
    vi: 'trang tính "{sheet}": hãy chọn cột chứa {role}.',
  },
  badColumn: {
    en: 'sheet "{sheet}": the column chosen for {role} is outside the sheet.',
    vi: 'trang tính "{sheet}": cột được chọn cho {role} nằm ngoài trang tính.',
  },
  sameColumn: {
    en: 'sheet "{sheet}": the same column is chosen for {a} and {b}.',
    vi: 'trang tính "{sheet}": cùng một cột được chọn cho {a} và {b}.',
  },
  headerRow: {
    en: 'sheet "{sheet}": the header row {row} is outside the sheet.',
    vi: 'trang tính "{sheet}": dòng tiêu đề {row} nằm ngoài trang tính.',
  },
  tooManyBad: {
    en: 'sheet "{sheet}": {bad} of {rows} rows have no valid {what}, for example {examples}. Check that the right columns are chosen.',
    vi: 'trang tính "{sheet}": {bad} trên {rows} dòng không có {what} hợp lệ, ví dụ {examples}. Hãy kiểm tra lại các cột đã chọn.',
  },
  skipped: {
    en: 'sheet "{sheet}": {bad} rows were left out because they have no valid {what}, for example {examples}.',
    vi: 'trang tính "{sheet}": đã bỏ qua {bad} dòng vì không có {what} hợp lệ, ví dụ {examples}.',
  },
  example: { en: 'row {row}: {value}', vi: 'dòng {row}: {value}' },
  future: {
    en: '{n} orders after the analysis date {date} were left out.',
    vi: 'đã bỏ qua {n} đơn hàng sau ngày phân tích {date}.',
  },
  noOrdersBefore: {
    en: 'there are no orders on or before the analysis date {date}. Choose a later analysis date.',
    vi: 'không có đơn hàng nào vào hoặc trước ngày phân tích {date}. Hãy chọn ngày phân tích muộn hơn.',
  },
  dupIds: {
    en: 'sheet "{sheet}": {n} customer ids appear on more than one row (for example {examples}); all their rows get the same tags.',
    vi: 'trang tính "{sheet}": {n} mã khách hàng xuất hiện trên nhiều dòng (ví dụ {examples}); các dòng đó được gắn cùng một nhãn.',
  },
  noIdRows: {
    en: 'sheet "{sheet}": {n} rows have no customer id and were left out.',
    vi: 'trang tính "{sheet}": đã bỏ qua {n} dòng không có mã khách hàng.',
  },
  notInTable: {
    en: '{n} customers in the orders are not in the customer table; they are analysed but not tagged.',
    vi: '{n} khách hàng trong đơn hàng không có trong bảng khách hàng; họ được phân tích nhưng không được gắn nhãn.',
  },
  noOrders: {
    en: '{n} customers in the customer table have no orders; their analysis columns stay blank.',
    vi: '{n} khách hàng trong bảng khách hàng chưa có đơn hàng nào; các cột phân tích của họ để trống.',
  },
  badValue: {
    en: 'sheet "{sheet}": {n} values in column "{column}" could not be read and were ignored, for example {examples}.',
    vi: 'trang tính "{sheet}": {n} giá trị trong cột "{column}" không đọc được và đã bị bỏ qua, ví dụ {examples}.',
  },
  negative: {
    en: 'sheet "{sheet}": {n} orders have a negative amount (returns); they are counted as net revenue.',
    vi: 'trang tính "{sheet}": {n} đơn hàng có số tiền âm (hàng trả lại); chúng được tính vào doanh thu thuần.',
  },
  idWhat: { en: 'customer id', vi: 'mã khách hàng' },
  dateWhat: { en: 'order date', vi: 'ngày mua' },
  amountWhat: { en: 'amount', vi: 'số tiền' },
} satisfies Record<string, Localized>;

export { ROLE_NAMES };
export const ROLES: readonly ColumnRole[] = COLUMN_ROLES;

/** Per-customer attributes copied from the sheets (untrusted text; first non-blank wins, the customer table first). */
export const ATTR_ROLES = [
  'customer_name',
  'phone',
  'email',
  'province',
  'city',
  'birth_year',
  'age',
  'gender',
  'income',
  'industry',
  'company_size',
  'salesperson',
  'store',
  'notes',
] as const satisfies readonly ColumnRole[];
export type AttrRole = (typeof ATTR_ROLES)[number];

export interface Source {
  spec: SourceSpec;
  /** The sheet's values from row 1, column A (`getRange(1, 1, lastRow, lastCol).getValues()`). */
  grid: Cell[][];
}

export interface Dataset {
  kind: 'orders' | 'customers' | 'both';
  /** Customer keys (`idKey`), and the id as first seen (for display in new sheets). */
  keys: string[];
  displayIds: Cell[];
  /** Attributes per customer, raw cells (blank = ''). */
  attrs: Record<AttrRole, Cell[]>;
  hasAttr: Record<AttrRole, boolean>;
  /** Orders that take part (on or before the analysis day), parallel arrays. */
  orders: {
    customer: Int32Array;
    day: Int32Array;
    amount: Float64Array;
    profit: Float64Array | null;
    /** Whether each order was discounted (null = unknown), or null without a discount column. */
    discounted: (boolean | null)[] | null;
    channel: string[] | null;
  } | null;
  analysisDay: number;
  /** Per customer: has at least one order (orders source) or a usable row (customer table). */
  active: Uint8Array;
  /** Order sheet: per data row (index from the row under the header) the customer index, -1 when not tagged. */
  orderRowCustomer: Int32Array | null;
  /** Customer table: per data row the customer index, -1 for blank / id-less rows. */
  tableRowCustomer: Int32Array | null;
  /** Customer-table totals when there is no order log. */
  table: {
    lastDay: Float64Array | null;
    daysSince: Float64Array | null;
    orderCount: Float64Array | null;
    totalSpend: Float64Array | null;
    profit: Float64Array | null;
  } | null;
  ordersSheet: { name: string; headerRow: number; dataRows: number } | null;
  customersSheet: { name: string; headerRow: number; dataRows: number } | null;
  warnings: string[];
}

function roleName(lang: CallContext['lang'], r: ColumnRole): string {
  return localize(lang, ROLE_NAMES[r]);
}

/** Validates a mapping against a grid; returns role → column index (only valid, set roles). */
/** The column that identifies customers: the id, else phone, email, then name (as the detector's customerKey). */
function keyColumn(m: Partial<Record<ColumnRole, number>>): number | undefined {
  return m.customer_id ?? m.phone ?? m.email ?? m.customer_name;
}

function checkMapping(ctx: CallContext, src: Source, required: ColumnRole[]): Partial<Record<ColumnRole, number>> {
  const { spec, grid } = src;
  const width = grid.reduce((w, r) => Math.max(w, r.length), 0);
  const out: Partial<Record<ColumnRole, number>> = {};
  const usedBy = new Map<number, ColumnRole>();
  for (const role of ROLES) {
    const c = spec.mapping[role];
    if (c === null || c === undefined) continue;
    if (!Number.isInteger(c) || c < 0 || c >= width) throw callError(ctx, DATA_MSG.badColumn, { sheet: spec.sheet, role: roleName(ctx.lang, role) });
    const prev = usedBy.get(c);
    if (prev) throw callError(ctx, DATA_MSG.sameColumn, { sheet: spec.sheet, a: roleName(ctx.lang, prev), b: roleName(ctx.lang, role) });
    usedBy.set(c, role);
    out[role] = c;
  }
  for (const role of required)
    if (out[role] === undefined && !(role === 'customer_id' && keyColumn(out) !== undefined))
      throw callError(ctx, DATA_MSG.needColumn, { sheet: spec.sheet, role: roleName(ctx.lang, role) });
  if (!Number.isInteger(spec.headerRow) || spec.headerRow < 0 || spec.headerRow > grid.length)
    throw callError(ctx, DATA_MSG.headerRow, { sheet: spec.sheet, row: spec.headerRow });
  return out;
}

function examples(lang: CallContext['lang'], list: { row: number; value: unknown }[]): string {
  return list
    .slice(0, 3)
    .map((e) => localize(lang, DATA_MSG.example, { row: e.row, value: showValue(isBlank(e.value) ? '' : e.value) }))
    .join('; ');
}

function rowBlank(row: Cell[], cols: number[]): boolean {
  for (const c of cols) if (!isBlank(row[c])) return false;
  return true;
}

/** A small bad-row collector. */
class Bad {
  count = 0;
  first: { row: number; value: unknown }[] = [];
  add(row: number, value: unknown) {
    this.count++;
    if (this.first.length < 3) this.first.push({ row, value });
  }
}

function cellText(v: Cell): string {
  if (v === null || v === undefined) return '';
  if (isDate(v)) return (v as Date).toISOString().slice(0, 10);
  return String(v).trim();
}

export interface ReadOptions {
  /** ISO date or null (latest order date). */
  analysisDate: string | null;
}

/** Reads the sources into a dataset, or throws a UserError saying what to fix. */
export function readDataset(ctx: CallContext, sources: { orders?: Source | null; customers?: Source | null }, opts: ReadOptions): Dataset {
  const ordersSrc = sources.orders || null;
  const custSrc = sources.customers || null;
  if (!ordersSrc && !custSrc) throw callError(ctx, DATA_MSG.noSource);
  const warnings: string[] = [];
  const keys: string[] = [];
  const displayIds: Cell[] = [];
  const index = new Map<string, number>();
  const attrs = {} as Record<AttrRole, Cell[]>;
  const hasAttr = {} as Record<AttrRole, boolean>;
  for (const a of ATTR_ROLES) {
    attrs[a] = [];
    hasAttr[a] = false;
  }
  const customerOf = (k: string, display: Cell): number => {
    let c = index.get(k);
    if (c === undefined) {
      c = keys.length;
      keys.push(k);
      displayIds.push(display);
      index.set(k, c);
      for (const a of ATTR_ROLES) attrs[a].push('');
    }
    return c;
  };
  const takeAttrs = (row: Cell[], m: Partial<Record<ColumnRole, number>>, c: number) => {
    for (const a of ATTR_ROLES) {
      const col = m[a];
      if (col === undefined) continue;
      hasAttr[a] = true;
      const v = row[col];
      if (!isBlank(v) && isBlank(attrs[a][c])) attrs[a][c] = typeof v === 'string' ? v.trim() : v;
    }
  };

  // 1. The customer table first: it fixes customer order (table order) and attributes.
  let tableRowCustomer: Int32Array | null = null;
  let table: Dataset['table'] = null;
  let customersSheet: Dataset['customersSheet'] = null;
  if (custSrc) {
    const needId = !!ordersSrc;
    const m = checkMapping(ctx, custSrc, needId ? ['customer_id'] : []);
    // In a customer table an "amount" column is the customer's total and an order date is the last purchase.
    if (m.total_spend === undefined && m.amount !== undefined) m.total_spend = m.amount;
    if (m.last_purchase_date === undefined && m.order_date !== undefined) m.last_purchase_date = m.order_date;
    const { grid, spec } = custSrc;
    const start = spec.headerRow; // 0-based index of the first data row
    const n = Math.max(0, grid.length - start);
    const mapped = Object.values(m) as number[];
    tableRowCustomer = new Int32Array(n).fill(-1);
    const lastDay = m.last_purchase_date !== undefined ? new Float64Array(n).fill(Number.NaN) : null;
    const daysSince = m.days_since_last !== undefined ? new Float64Array(n).fill(Number.NaN) : null;
    const orderCount = m.order_count !== undefined ? new Float64Array(n).fill(Number.NaN) : null;
    const totalSpend = m.total_spend !== undefined ? new Float64Array(n).fill(Number.NaN) : null;
    const profitCol = m.profit !== undefined ? new Float64Array(n).fill(Number.NaN) : null;
    const bad: Record<string, Bad> = {};
    const badOf = (role: ColumnRole) => {
      bad[role] = bad[role] || new Bad();
      return bad[role];
    };
    let noId = 0;
    let rows = 0;
    const dupFirst: string[] = [];
    const seen = new Map<string, number>();
    let dups = 0;
    for (let i = 0; i < n; i++) {
      const row = grid[start + i];
      if (!row || rowBlank(row, mapped)) continue;
      rows++;
      let k: string;
      let display: Cell;
      const kc = keyColumn(m);
      if (kc !== undefined) {
        display = row[kc];
        k = idKey(display);
        if (k === '') {
          noId++;
          continue;
        }
      } else {
        k = `#row${start + i + 1}`;
        display = start + i + 1;
      }
      const times = seen.get(k) || 0;
      if (times === 1) {
        dups++;
        if (dupFirst.length < 3) dupFirst.push(showValue(display));
      }
      seen.set(k, times + 1);
      const c = customerOf(k, display);
      tableRowCustomer[i] = c;
      takeAttrs(row, m, c);
      const sheetRow = start + i + 1;
      const num = (role: ColumnRole, arr: Float64Array | null, kind: 'amount' | 'day') => {
        if (!arr) return;
        const v = row[m[role] as number];
        if (isBlank(v)) return;
        const x = kind === 'day' ? parseDay(v, ctx.locale, ctx.timeZone) : parseAmount(v, ctx.locale);
        if (Number.isNaN(x)) badOf(role).add(sheetRow, v);
        else arr[i] = x;
      };
      num('last_purchase_date', lastDay, 'day');
      num('days_since_last', daysSince, 'amount');
      num('order_count', orderCount, 'amount');
      num('total_spend', totalSpend, 'amount');
      num('profit', profitCol, 'amount');
    }
    if (rows === 0) throw callError(ctx, DATA_MSG.noRows, { sheet: spec.sheet, row: spec.headerRow });
    if (noId) warnings.push(localize(ctx.lang, DATA_MSG.noIdRows, { sheet: spec.sheet, n: noId }));
    if (noId === rows)
      throw callError(ctx, DATA_MSG.tooManyBad, { sheet: spec.sheet, bad: noId, rows, what: localize(ctx.lang, DATA_MSG.idWhat), examples: '—' });
    if (dups) warnings.push(localize(ctx.lang, DATA_MSG.dupIds, { sheet: spec.sheet, n: dups, examples: dupFirst.join(', ') }));
    for (const role of Object.keys(bad) as ColumnRole[]) {
      const b = bad[role];
      const header = cellText(grid[spec.headerRow - 1]?.[m[role] as number]) || roleName(ctx.lang, role);
      warnings.push(localize(ctx.lang, DATA_MSG.badValue, { sheet: spec.sheet, n: b.count, column: header, examples: examples(ctx.lang, b.first) }));
    }
    if (!ordersSrc) table = { lastDay, daysSince, orderCount, totalSpend, profit: profitCol };
    customersSheet = { name: spec.sheet, headerRow: spec.headerRow, dataRows: n };
  }

  // 2. The order log.
  let orders: Dataset['orders'] = null;
  let orderRowCustomer: Int32Array | null = null;
  let ordersSheet: Dataset['ordersSheet'] = null;
  let analysisDay = Number.NaN;
  const tableCustomers = keys.length;
  if (ordersSrc) {
    const m = checkMapping(ctx, ordersSrc, ['customer_id', 'order_date', 'amount']);
    const { grid, spec } = ordersSrc;
    const start = spec.headerRow;
    const n = Math.max(0, grid.length - start);
    const mapped = Object.values(m) as number[];
    const idc = keyColumn(m) as number;
    const dc = m.order_date as number;
    const ac = m.amount as number;
    const pc = m.profit;
    const disc = m.discount;
    const ch = m.channel;
    const rowCust = new Int32Array(n).fill(-1);
    const rowDay = new Float64Array(n).fill(Number.NaN);
    const rowAmt = new Float64Array(n);
    const badId = new Bad();
    const badDate = new Bad();
    const badAmt = new Bad();
    const badProfit = new Bad();
    let rows = 0;
    let good = 0;
    let negatives = 0;
    let maxDay = Number.NEGATIVE_INFINITY;
    for (let i = 0; i < n; i++) {
      const row = grid[start + i];
      if (!row || rowBlank(row, mapped)) continue;
      rows++;
      const sheetRow = start + i + 1;
      const idv = row[idc];
      const k = idKey(idv);
      if (k === '') {
        badId.add(sheetRow, idv);
        continue;
      }
      const d = parseDay(row[dc], ctx.locale, ctx.timeZone);
      if (Number.isNaN(d)) {
        badDate.add(sheetRow, row[dc]);
        continue;
      }
      const a = parseAmount(row[ac], ctx.locale);
      if (Number.isNaN(a)) {
        badAmt.add(sheetRow, row[ac]);
        continue;
      }
      if (a < 0) negatives++;
      const c = customerOf(k, idv);
      takeAttrs(row, m, c);
      rowCust[i] = c;
      rowDay[i] = d;
      rowAmt[i] = a;
      good++;
      if (d > maxDay) maxDay = d;
    }
    if (rows === 0) throw callError(ctx, DATA_MSG.noRows, { sheet: spec.sheet, row: spec.headerRow });
    const bads: [Bad, Localized][] = [
      [badId, DATA_MSG.idWhat],
      [badDate, DATA_MSG.dateWhat],
      [badAmt, DATA_MSG.amountWhat],
    ];
    const badRows = badId.count + badDate.count + badAmt.count;
    if (good === 0 || badRows > 0.2 * rows) {
      const worst = bads.slice().sort((x, y) => y[0].count - x[0].count)[0];
      throw callError(ctx, DATA_MSG.tooManyBad, {
        sheet: spec.sheet,
        bad: badRows,
        rows,
        what: localize(ctx.lang, worst[1]),
        examples: examples(ctx.lang, worst[0].first),
      });
    }
    for (const [b, what] of bads)
      if (b.count)
        warnings.push(
          localize(ctx.lang, DATA_MSG.skipped, { sheet: spec.sheet, bad: b.count, what: localize(ctx.lang, what), examples: examples(ctx.lang, b.first) }),
        );
    if (negatives) warnings.push(localize(ctx.lang, DATA_MSG.negative, { sheet: spec.sheet, n: negatives }));

    analysisDay = maxDay;
    if (opts.analysisDate) {
      const d = parseDay(opts.analysisDate, ctx.locale, ctx.timeZone);
      if (Number.isNaN(d)) throw new UserError(`${ctx.fn}: ${showValue(opts.analysisDate)} ${localize(ctx.lang, MSG.notDate)}`);
      analysisDay = d;
    }
    let count = 0;
    let future = 0;
    for (let i = 0; i < n; i++) {
      if (rowCust[i] < 0) continue;
      if (rowDay[i] <= analysisDay) count++;
      else future++;
    }
    if (!count) throw callError(ctx, DATA_MSG.noOrdersBefore, { date: formatDay(analysisDay, ctx.locale) });
    if (future) warnings.push(localize(ctx.lang, DATA_MSG.future, { n: future, date: formatDay(analysisDay, ctx.locale) }));
    const customer = new Int32Array(count);
    const day = new Int32Array(count);
    const amount = new Float64Array(count);
    const profit = pc !== undefined ? new Float64Array(count) : null;
    const discounted = disc !== undefined ? new Array<boolean | null>(count) : null;
    const channel = ch !== undefined ? new Array<string>(count) : null;
    let q = 0;
    for (let i = 0; i < n; i++) {
      const c = rowCust[i];
      if (c < 0 || rowDay[i] > analysisDay) continue;
      const row = grid[start + i];
      customer[q] = c;
      day[q] = rowDay[i];
      amount[q] = rowAmt[i];
      if (profit) {
        const v = row[pc as number];
        const p = isBlank(v) ? 0 : parseAmount(v, ctx.locale);
        if (Number.isNaN(p)) badProfit.add(start + i + 1, v);
        profit[q] = Number.isNaN(p) ? 0 : p;
      }
      if (discounted) discounted[q] = isDiscounted(row[disc as number], ctx.locale);
      if (channel) channel[q] = cellText(row[ch as number]);
      q++;
    }
    if (badProfit.count) {
      const header = cellText(grid[spec.headerRow - 1]?.[pc as number]) || roleName(ctx.lang, 'profit');
      warnings.push(
        localize(ctx.lang, DATA_MSG.badValue, { sheet: spec.sheet, n: badProfit.count, column: header, examples: examples(ctx.lang, badProfit.first) }),
      );
    }
    orders = { customer, day, amount, profit, discounted, channel };
    orderRowCustomer = rowCust;
    ordersSheet = { name: spec.sheet, headerRow: spec.headerRow, dataRows: n };
  }

  const N = keys.length;
  const active = new Uint8Array(N);
  if (orders) for (let q = 0; q < orders.customer.length; q++) active[orders.customer[q]] = 1;
  else for (let c = 0; c < N; c++) active[c] = 1;
  if (custSrc && ordersSrc) {
    const extra = N - tableCustomers;
    if (extra > 0) warnings.push(localize(ctx.lang, DATA_MSG.notInTable, { n: extra }));
    let none = 0;
    for (let c = 0; c < tableCustomers; c++) if (!active[c]) none++;
    if (none) warnings.push(localize(ctx.lang, DATA_MSG.noOrders, { n: none }));
  }
  if (!ordersSrc && table) {
    // Without orders the analysis date is the latest last-purchase date (or unknown).
    let mx = Number.NEGATIVE_INFINITY;
    if (table.lastDay) for (const d of table.lastDay) if (d > mx) mx = d;
    analysisDay = Number.isFinite(mx) ? mx : Number.NaN;
    if (opts.analysisDate) {
      const d = parseDay(opts.analysisDate, ctx.locale, ctx.timeZone);
      if (!Number.isNaN(d)) analysisDay = d;
    }
  }
  return {
    kind: ordersSrc && custSrc ? 'both' : ordersSrc ? 'orders' : 'customers',
    keys,
    displayIds,
    attrs,
    hasAttr,
    orders,
    analysisDay,
    active,
    orderRowCustomer,
    tableRowCustomer,
    table,
    ordersSheet,
    customersSheet,
    warnings,
  };
}

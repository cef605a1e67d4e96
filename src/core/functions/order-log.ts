/**
 * Reading an order log (customer id, order date, amount per row) for SEGMENT and CLV: customer
 * indices, day numbers and amounts of the rows that take part, and the analysis date.
 */
import type { Cell, Layout } from '../args';
import { type CallContext, callError } from '../errors';
import { formatDay } from '../parse';
import { amountsOf, type Customers, customersOf, dateArg, daysOf, M, noData, readColumns } from './common';

export interface OrderLog {
  layout: Layout;
  customers: Customers;
  /** Per input row: day number (NaN when the row takes no part). */
  days: Float64Array;
  /** Per input row: amount (NaN when the row takes no part). */
  amounts: Float64Array;
  analysisDay: number;
  /** Orders on or before the analysis day, as parallel arrays. */
  orderCustomer: Int32Array;
  orderDay: Float64Array;
  orderAmount: Float64Array;
  /** Customers with at least one order on or before the analysis day. */
  active: Uint8Array;
}

export function readOrderLog(ctx: CallContext, ids: unknown, dates: unknown, amounts: unknown, analysisDate: unknown): OrderLog {
  const { cols, layout: lay } = readColumns(ctx, [
    { arg: 'customer_ids', value: ids, kind: 'id' },
    { arg: 'order_dates', value: dates, kind: 'date' },
    { arg: 'amounts', value: amounts, kind: 'amount' },
  ]);
  const idCol: Cell[] = cols.customer_ids;
  const customers = customersOf(idCol, lay, () => true);
  const has = (i: number) => customers.rowCustomer[i] >= 0;
  const days = daysOf(ctx, 'order_dates', cols.order_dates, lay, has);
  const amts = amountsOf(ctx, 'amounts', cols.amounts, lay, has, true);
  let maxDay = Number.NEGATIVE_INFINITY;
  let rows = 0;
  for (let i = lay.start; i < lay.end; i++) {
    if (!has(i)) continue;
    rows++;
    if (days[i] > maxDay) maxDay = days[i];
  }
  if (!rows) throw noData(ctx);
  const analysisDay = dateArg(ctx, 'analysis_date', analysisDate) ?? maxDay;
  const n = customers.keys.length;
  const active = new Uint8Array(n);
  let count = 0;
  for (let i = lay.start; i < lay.end; i++) if (has(i) && days[i] <= analysisDay) count++;
  if (!count) throw callError(ctx, M.noDates, { date: formatDay(analysisDay, ctx.locale) });
  const orderCustomer = new Int32Array(count);
  const orderDay = new Float64Array(count);
  const orderAmount = new Float64Array(count);
  let k = 0;
  for (let i = lay.start; i < lay.end; i++) {
    if (!has(i) || days[i] > analysisDay) continue;
    const c = customers.rowCustomer[i];
    orderCustomer[k] = c;
    orderDay[k] = days[i];
    orderAmount[k] = amts[i];
    active[c] = 1;
    k++;
  }
  return { layout: lay, customers, days, amounts: amts, analysisDay, orderCustomer, orderDay, orderAmount, active };
}

/**
 * SEGMENT (from an order log) and SEGMENT_CUSTOMERS (one row per customer): RFM scores 1–5 and
 * the segment of each customer, by our default scheme or the R `rfm` package's.
 */
import { type Cell, idKey, type Layout, type Output } from '../args';
import { type CallContext, MSG, valueError } from '../errors';
import { type Localized, localize } from '../i18n';
import { isBlank, isDate, parseAmount, parseDay } from '../parse';
import { type RfmInput, rfmScores } from '../rfm';
import { type RfmSchemeId, segmentName, segmentOf } from '../rfm-schemes';
import { customersOf, dateArg, layOut, M, noData, optionArg, readColumns } from './common';
import { readOrderLog } from './order-log';

export const SEGMENT_OUTPUTS = ['segment', 'score', 'r', 'f', 'm', 'all'] as const;
export const SEGMENT_SCHEMES = ['default', 'rfm'] as const;
type SegmentOutput = (typeof SEGMENT_OUTPUTS)[number];

const H = {
  segment: { en: 'Segment', vi: 'Phân khúc' },
  score: { en: 'RFM score', vi: 'Điểm RFM' },
  r: { en: 'R score', vi: 'Điểm R' },
  f: { en: 'F score', vi: 'Điểm F' },
  m: { en: 'M score', vi: 'Điểm M' },
  recency: { en: 'Days since last order', vi: 'Số ngày từ lần mua cuối' },
  frequency: { en: 'Orders', vi: 'Số đơn hàng' },
  monetary: { en: 'Total spend', vi: 'Tổng chi tiêu' },
  duplicate: { en: 'appears more than once (one row per customer is expected)', vi: 'xuất hiện nhiều lần (mỗi khách hàng chỉ một dòng)' },
  negativeDays: { en: 'is after the analysis date', vi: 'sau ngày phân tích' },
  count: { en: 'must be a whole number of orders, at least 1', vi: 'phải là số đơn hàng nguyên, ít nhất 1' },
} satisfies Record<string, Localized>;

function headerFor(ctx: CallContext, out: SegmentOutput): string[] {
  const L = (k: keyof typeof H) => localize(ctx.lang, H[k]);
  if (out === 'all') return [L('segment'), L('score'), L('r'), L('f'), L('m'), L('recency'), L('frequency'), L('monetary')];
  return [L(out)];
}

/** Scores customers and lays the chosen output out per row or per `for_ids`. */
function scoreAndLayOut(
  ctx: CallContext,
  inputs: RfmInput[],
  members: Int32Array,
  scheme: RfmSchemeId,
  out: SegmentOutput,
  lay: Layout,
  rowCustomer: Int32Array,
  index: Map<string, number>,
  forIds: unknown,
): Output {
  const scores = rfmScores(inputs);
  const resultOf = (c: number): (string | number)[] | null => {
    const k = members[c];
    if (k < 0) return null;
    const s = scores[k];
    const name = segmentName(scheme, segmentOf(scheme, s), ctx.lang);
    const score = s.r * 100 + s.f * 10 + s.m;
    switch (out) {
      case 'segment':
        return [name];
      case 'score':
        return [score];
      case 'r':
        return [s.r];
      case 'f':
        return [s.f];
      case 'm':
        return [s.m];
      default:
        return [name, score, s.r, s.f, s.m, inputs[k].recencyDays, inputs[k].frequency, inputs[k].monetary];
    }
  };
  return layOut(lay, rowCustomer, index, resultOf, headerFor(ctx, out), forIds);
}

export function segment(
  ctx: CallContext,
  ids: unknown,
  dates: unknown,
  amounts: unknown,
  analysisDate?: unknown,
  scheme?: unknown,
  output?: unknown,
  forIds?: unknown,
): Output {
  const sch = optionArg(ctx, 'scheme', scheme, SEGMENT_SCHEMES, 'default');
  const out = optionArg(ctx, 'output', output, SEGMENT_OUTPUTS, 'segment');
  const log = readOrderLog(ctx, ids, dates, amounts, analysisDate);
  const n = log.customers.keys.length;
  const last = new Float64Array(n).fill(Number.NEGATIVE_INFINITY);
  const count = new Int32Array(n);
  const total = new Float64Array(n);
  for (let k = 0; k < log.orderCustomer.length; k++) {
    const c = log.orderCustomer[k];
    if (log.orderDay[k] > last[c]) last[c] = log.orderDay[k];
    count[c]++;
    total[c] += log.orderAmount[k];
  }
  const members = new Int32Array(n).fill(-1);
  const inputs: RfmInput[] = [];
  for (let c = 0; c < n; c++) {
    if (!log.active[c]) continue;
    members[c] = inputs.length;
    inputs.push({ recencyDays: log.analysisDay - last[c], frequency: count[c], monetary: total[c] });
  }
  return scoreAndLayOut(ctx, inputs, members, sch, out, log.layout, log.customers.rowCustomer, log.customers.index, forIds);
}

/**
 * Customer-level RFM: one row per customer with the last purchase (a date, or days since as a
 * number), the number of orders and the total spend.
 */
export function segmentCustomers(
  ctx: CallContext,
  ids: unknown,
  lastPurchase: unknown,
  orderCounts: unknown,
  totalSpend: unknown,
  analysisDate?: unknown,
  scheme?: unknown,
  output?: unknown,
  forIds?: unknown,
): Output {
  const sch = optionArg(ctx, 'scheme', scheme, SEGMENT_SCHEMES, 'default');
  const out = optionArg(ctx, 'output', output, SEGMENT_OUTPUTS, 'segment');
  const { cols, layout: lay } = readColumns(ctx, [
    { arg: 'customer_ids', value: ids, kind: 'id' },
    { arg: 'last_purchase', value: lastPurchase, kind: 'date_or_days' },
    { arg: 'order_counts', value: orderCounts, kind: 'count' },
    { arg: 'total_spend', value: totalSpend, kind: 'amount' },
  ]);
  const idCol: Cell[] = cols.customer_ids;
  const seen = new Map<string, number>();
  const customers = customersOf(idCol, lay, (i) => {
    const k = idKey(idCol[i]);
    if (k === '') return false;
    const prev = seen.get(k);
    if (prev !== undefined) throw valueError(ctx, 'customer_ids', i + 1, idCol[i], H.duplicate);
    seen.set(k, i);
    return true;
  });
  // Last purchase: dates (Date values or date text) or days since (plain numbers).
  const lastCol = cols.last_purchase;
  const rowsWith: number[] = [];
  for (let i = lay.start; i < lay.end; i++) if (customers.rowCustomer[i] >= 0) rowsWith.push(i);
  if (!rowsWith.length) throw noData(ctx);
  const asDate = rowsWith.some((i) => isDate(lastCol[i]) || (typeof lastCol[i] === 'string' && /[/-]/.test(String(lastCol[i]))));
  const recency = new Float64Array(lay.rows);
  if (asDate) {
    const days = new Float64Array(lay.rows);
    let maxDay = Number.NEGATIVE_INFINITY;
    for (const i of rowsWith) {
      const d = parseDay(lastCol[i], ctx.locale, ctx.timeZone);
      if (Number.isNaN(d)) throw valueError(ctx, 'last_purchase', i + 1, isBlank(lastCol[i]) ? '' : lastCol[i], MSG.notDate);
      days[i] = d;
      if (d > maxDay) maxDay = d;
    }
    const analysis = dateArg(ctx, 'analysis_date', analysisDate) ?? maxDay;
    for (const i of rowsWith) {
      recency[i] = analysis - days[i];
      if (recency[i] < 0) throw valueError(ctx, 'last_purchase', i + 1, lastCol[i], H.negativeDays);
    }
  } else {
    for (const i of rowsWith) {
      const d = parseAmount(lastCol[i], ctx.locale);
      if (Number.isNaN(d)) throw valueError(ctx, 'last_purchase', i + 1, isBlank(lastCol[i]) ? '' : lastCol[i], MSG.notNumber);
      if (d < 0) throw valueError(ctx, 'last_purchase', i + 1, lastCol[i], MSG.negative);
      recency[i] = d;
    }
  }
  const inputs: RfmInput[] = [];
  const members = new Int32Array(customers.keys.length).fill(-1);
  for (const i of rowsWith) {
    const f = parseAmount(cols.order_counts[i], ctx.locale);
    if (Number.isNaN(f) || f < 1 || !Number.isInteger(f))
      throw valueError(ctx, 'order_counts', i + 1, isBlank(cols.order_counts[i]) ? '' : cols.order_counts[i], H.count);
    const m = parseAmount(cols.total_spend[i], ctx.locale);
    if (Number.isNaN(m)) throw valueError(ctx, 'total_spend', i + 1, isBlank(cols.total_spend[i]) ? '' : cols.total_spend[i], MSG.notNumber);
    members[customers.rowCustomer[i]] = inputs.length;
    inputs.push({ recencyDays: recency[i], frequency: f, monetary: m });
  }
  return scoreAndLayOut(ctx, inputs, members, sch, out, lay, customers.rowCustomer, customers.index, forIds);
}

export { M };

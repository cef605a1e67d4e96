/** PARETO_RANK: the 80/20 (ABC) class, rank or cumulative share of each row's customer. */
import type { Output } from '../args';
import { type CallContext, valueError } from '../errors';
import { localize } from '../i18n';
import { paretoClasses, paretoSummary } from '../pareto';
import { amountsOf, customersOf, labelled, layOut, noData, numberArg, optionArg, readColumns } from './common';

export const PARETO_OUTPUTS = ['class', 'rank', 'share', 'all', 'summary'] as const;

const H = {
  class: { en: 'Pareto class', vi: 'Hạng Pareto' },
  rank: { en: 'Pareto rank', vi: 'Thứ hạng Pareto' },
  share: { en: 'Cumulative share', vi: 'Tỷ trọng lũy kế' },
  customers: { en: 'Customers', vi: 'Số khách hàng' },
  total: { en: 'Total', vi: 'Tổng' },
  count80: { en: 'Customers making 80% of the total', vi: 'Số khách hàng tạo 80% tổng' },
  pct80: { en: 'Share of customers making 80% of the total', vi: 'Tỷ lệ khách hàng tạo 80% tổng' },
  top20: { en: 'Share of the total from the top 20% of customers', vi: 'Tỷ trọng tổng của 20% khách hàng hàng đầu' },
  gini: { en: 'Gini coefficient', vi: 'Hệ số Gini' },
  answer: { en: 'Answer', vi: 'Kết luận' },
  sentence: { en: '{pct} of customers bring 80% of the total', vi: '{pct} khách hàng mang lại 80% tổng' },
  bShare: { en: 'must be greater than a_share', vi: 'phải lớn hơn a_share' },
};

export function percentText(x: number, lang: 'en' | 'vi'): string {
  const s = (Math.round(x * 1000) / 10).toFixed(1);
  return `${lang === 'vi' ? s.replace('.', ',') : s}%`;
}

export function paretoRank(
  ctx: CallContext,
  values: unknown,
  customerIds?: unknown,
  output?: unknown,
  aShare?: unknown,
  bShare?: unknown,
  forIds?: unknown,
): Output {
  const out = optionArg(ctx, 'output', output, PARETO_OUTPUTS, 'class');
  const a = numberArg(ctx, 'a_share', aShare, 0.8, 0, 1);
  const b = numberArg(ctx, 'b_share', bShare, 0.95, 0, 1);
  if (b < a) throw valueError(ctx, 'b_share', null, b, H.bShare);
  return run();

  function run(): Output {
    const { cols, layout: lay } = readColumns(ctx, [
      { arg: 'values', value: values, kind: 'amount' },
      { arg: 'customer_ids', value: customerIds, kind: 'id', optional: true },
    ]);
    const ids = cols.customer_ids ?? null;
    const vals = cols.values;
    const cust = customersOf(ids, lay, (i) => !(vals[i] === '' || vals[i] === null || vals[i] === undefined) || ids !== null);
    const amounts = amountsOf(ctx, 'values', vals, lay, (i) => cust.rowCustomer[i] >= 0);
    const totals = new Float64Array(cust.keys.length);
    const seen = new Uint8Array(cust.keys.length);
    for (let i = lay.start; i < lay.end; i++) {
      const c = cust.rowCustomer[i];
      if (c >= 0 && !Number.isNaN(amounts[i])) {
        totals[c] += amounts[i];
        seen[c] = 1;
      }
    }
    // Customers with no amount at all do not take part.
    const members: number[] = [];
    for (let c = 0; c < totals.length; c++) if (seen[c]) members.push(c);
    if (!members.length) throw noData(ctx);
    const memberTotals = Float64Array.from(members, (c) => totals[c]);
    if (out === 'summary') {
      const s = paretoSummary(memberTotals);
      const L = (k: keyof typeof H) => localize(ctx.lang, H[k]);
      return labelled([
        [L('customers'), s.customers],
        [L('total'), s.total],
        [L('count80'), s.count80],
        [L('pct80'), s.pct80],
        [L('top20'), s.top20Share],
        [L('gini'), s.gini],
        [L('answer'), localize(ctx.lang, H.sentence, { pct: percentText(s.pct80, ctx.lang) })],
      ]);
    }
    const r = paretoClasses(memberTotals, a, b);
    const pos = new Int32Array(totals.length).fill(-1);
    members.forEach((c, k) => {
      pos[c] = k;
    });
    const header = out === 'all' ? [localize(ctx.lang, H.rank), localize(ctx.lang, H.share), localize(ctx.lang, H.class)] : [localize(ctx.lang, H[out])];
    const resultOf = (c: number): (string | number)[] | null => {
      const k = pos[c];
      if (k < 0) return null;
      if (out === 'class') return [r.cls[k]];
      if (out === 'rank') return [r.rank[k]];
      if (out === 'share') return [r.share[k]];
      return [r.rank[k], r.share[k], r.cls[k]];
    };
    return layOut(lay, cust.rowCustomer, cust.index, resultOf, header, forIds);
  }
}

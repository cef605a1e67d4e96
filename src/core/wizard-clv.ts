/**
 * The wizard's predictive CLV: the CLV engine (clv.ts) fitted on the dataset's orders, one value
 * per customer. When the data cannot support the model the reason becomes a warning and CLV is
 * left out (never a made-up number). When only the spend model fails, P(alive) is still given.
 */
import type { AnalysisParams, ClvPreview } from '../gas/wizard-api';
import {
  bgNbdPAlive,
  CLV_DATA_MESSAGES,
  CLV_MODEL_MESSAGES,
  type ClvDataIssue,
  cbsFromOrders,
  checkModelData,
  fitBgNbd,
  fitGammaGamma,
  modelIssue,
  scoreClv,
} from './clv';
import type { CallContext } from './errors';
import { type Localized, localize } from './i18n';
import type { Dataset } from './wizard-data';

const MSG = {
  skipped: { en: 'Predictive CLV was skipped: {reason}.', vi: 'Đã bỏ qua CLV dự báo: {reason}.' },
  noSpend: {
    en: 'CLV values could not be computed ({reason}); only P(alive) is given.',
    vi: 'Không tính được giá trị CLV ({reason}); chỉ có xác suất còn hoạt động.',
  },
} satisfies Record<string, Localized>;

/** Data issues that only stop the spend model (P(alive) still works). */
const SPEND_ONLY: ClvDataIssue[] = ['too_few_spend', 'spend_no_spread'];

export interface ClvResult {
  /** Per customer; NaN where not computable (no orders, or spend not modelled). */
  clv: Float64Array;
  pAlive: Float64Array;
  purchases: Float64Array;
  model: ClvPreview['model'];
  repeatBuyers: number;
}

export function customerClv(
  ctx: CallContext,
  orders: NonNullable<Dataset['orders']>,
  n: number,
  analysisDay: number,
  params: AnalysisParams['clv'],
): { result: ClvResult | null; warning: string | null } {
  const cbs = cbsFromOrders(orders.customer, orders.day, orders.amount, n, analysisDay);
  const problem = checkModelData(cbs);
  const dataText = (p: { reason: ClvDataIssue; have: number; need: number }) => localize(ctx.lang, CLV_DATA_MESSAGES[p.reason], { have: p.have, need: p.need });
  if (problem && !SPEND_ONLY.includes(problem.reason)) return { result: null, warning: localize(ctx.lang, MSG.skipped, { reason: dataText(problem) }) };
  const bg = fitBgNbd(cbs);
  if (!bg.converged)
    return { result: null, warning: localize(ctx.lang, MSG.skipped, { reason: localize(ctx.lang, CLV_MODEL_MESSAGES.purchases_not_converged) }) };
  let warning: string | null = null;
  let gg: ReturnType<typeof fitGammaGamma> | null = null;
  if (problem) warning = localize(ctx.lang, MSG.noSpend, { reason: dataText(problem) });
  else {
    gg = fitGammaGamma(cbs.x, cbs.mx);
    const issue = modelIssue({ bg, gg });
    if (issue) {
      warning = localize(ctx.lang, MSG.noSpend, { reason: localize(ctx.lang, CLV_MODEL_MESSAGES[issue], { q: Math.round(gg.params.q * 1000) / 1000 }) });
      gg = null;
    }
  }
  const clv = new Float64Array(n).fill(Number.NaN);
  const purchases = new Float64Array(n).fill(Number.NaN);
  const pAlive = new Float64Array(n).fill(Number.NaN);
  let repeatBuyers = 0;
  if (gg) {
    const s = scoreClv(bg.params, gg.params, cbs, {
      horizonMonths: params.horizonMonths,
      annualDiscountRate: params.annualDiscountRate,
      margin: params.margin,
    });
    for (let c = 0; c < n; c++) {
      if (Number.isFinite(s.clv[c])) clv[c] = s.clv[c];
      if (Number.isFinite(s.purchases[c])) purchases[c] = s.purchases[c];
      if (Number.isFinite(s.pAlive[c])) pAlive[c] = s.pAlive[c];
    }
  } else {
    for (let c = 0; c < n; c++) {
      if (!(cbs.x[c] >= 0)) continue;
      const p = bgNbdPAlive(bg.params, cbs.x[c], cbs.tx[c], cbs.T[c]);
      if (Number.isFinite(p)) pAlive[c] = p;
    }
  }
  for (let c = 0; c < n; c++) if (cbs.x[c] > 0) repeatBuyers++;
  return {
    result: {
      clv,
      pAlive,
      purchases,
      model: {
        r: bg.params.r,
        alpha: bg.params.alpha,
        a: bg.params.a,
        b: bg.params.b,
        p: gg ? gg.params.p : null,
        q: gg ? gg.params.q : null,
        gamma: gg ? gg.params.gamma : null,
        converged: bg.converged && !!gg,
      },
      repeatBuyers,
    },
    warning,
  };
}

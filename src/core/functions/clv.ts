/**
 * CLV: predictive customer lifetime value from an order log — BG/NBD for repeat purchases and
 * Gamma-Gamma for spend, fitted by maximum likelihood over all customers of the range.
 * Fitted parameters are cached by a hash of the model's input data, so a stale entry can never
 * answer for different data.
 */
import type { Output } from '../args';
import { type Cbs, CLV_DATA_MESSAGES, CLV_MODEL_MESSAGES, type ClvModel, cbsFromOrders, checkModelData, fitClvModel, modelIssue, scoreClv } from '../clv';
import { type CallContext, callError } from '../errors';
import { type Localized, localize } from '../i18n';
import { labelled, layOut, numberArg, optionArg } from './common';
import { readOrderLog } from './order-log';

export const CLV_OUTPUTS = ['clv', 'purchases', 'p_alive', 'spend', 'all', 'model'] as const;
type ClvOutput = (typeof CLV_OUTPUTS)[number];

/** Where fitted models may be kept between calls (CacheService in Apps Script). */
export interface ModelCache {
  get(key: string): string | null;
  put(key: string, value: string): void;
}

const H = {
  clv: { en: 'CLV', vi: 'CLV' },
  purchases: { en: 'Expected purchases', vi: 'Số lần mua dự kiến' },
  p_alive: { en: 'P(alive)', vi: 'Xác suất còn hoạt động' },
  spend: { en: 'Expected spend per purchase', vi: 'Chi tiêu dự kiến mỗi lần mua' },
  customers: { en: 'Customers', vi: 'Số khách hàng' },
  repeat: { en: 'Repeat buyers', vi: 'Số khách mua lặp lại' },
  llBg: { en: 'Log-likelihood (BG/NBD)', vi: 'Log-likelihood (BG/NBD)' },
  llGg: { en: 'Log-likelihood (Gamma-Gamma)', vi: 'Log-likelihood (Gamma-Gamma)' },
  converged: { en: 'Converged', vi: 'Hội tụ' },
  yes: { en: 'yes', vi: 'có' },
  no: { en: 'no', vi: 'không' },
} satisfies Record<string, Localized>;

/** 64-bit (two 32-bit lanes) hash of the model's input arrays. */
export function hashCbs(cbs: Cbs): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x12345678;
  const mix = (arr: Float64Array) => {
    const w = new Uint32Array(arr.buffer, arr.byteOffset, arr.length * 2);
    for (let i = 0; i < w.length; i++) {
      h1 = Math.imul(h1 ^ w[i], 0x01000193);
      h2 = Math.imul(h2 ^ w[i], 0x5bd1e995);
      h2 ^= h2 >>> 15;
    }
  };
  mix(cbs.x);
  mix(cbs.tx);
  mix(cbs.T);
  mix(cbs.mx);
  return `${(h1 >>> 0).toString(16)}${(h2 >>> 0).toString(16)}-${cbs.x.length}`;
}

/** Bump when the fitting changes, so cached models of an older engine are never used. */
const MODEL_VERSION = 'clv-v2';

/** The fitted model for this data: from the cache when the same data was fitted before, else fitted. */
export function fittedModel(ctx: CallContext, cbs: Cbs, cache?: ModelCache): ClvModel {
  const problem = checkModelData(cbs);
  if (problem) throw callError(ctx, CLV_DATA_MESSAGES[problem.reason], { have: problem.have, need: problem.need });
  const key = `${MODEL_VERSION}:${hashCbs(cbs)}`;
  let model: ClvModel | null = null;
  if (cache) {
    try {
      const hit = cache.get(key);
      if (hit) model = JSON.parse(hit) as ClvModel;
    } catch {
      model = null; // a broken cache entry never blocks the answer: refit
    }
  }
  if (!model) {
    model = fitClvModel(cbs);
    if (cache) {
      try {
        cache.put(key, JSON.stringify(model));
      } catch {
        // Cache full or unavailable: the next call refits.
      }
    }
  }
  const issue = modelIssue(model);
  if (issue) throw callError(ctx, CLV_MODEL_MESSAGES[issue], { q: model.gg.params.q.toPrecision(3) });
  return model;
}

export function clvFunction(
  ctx: CallContext,
  ids: unknown,
  dates: unknown,
  amounts: unknown,
  horizonMonths?: unknown,
  annualDiscountRate?: unknown,
  margin?: unknown,
  analysisDate?: unknown,
  output?: unknown,
  forIds?: unknown,
  cache?: ModelCache,
): Output {
  const out: ClvOutput = optionArg(ctx, 'output', output, CLV_OUTPUTS, 'clv');
  const horizon = numberArg(ctx, 'horizon_months', horizonMonths, 12, 0.01, 1200);
  const rate = numberArg(ctx, 'annual_discount_rate', annualDiscountRate, 0.1, 0, 10);
  const mrg = numberArg(ctx, 'margin', margin, 1, -10, 10);
  const log = readOrderLog(ctx, ids, dates, amounts, analysisDate);
  const cbs = cbsFromOrders(log.orderCustomer, log.orderDay, log.orderAmount, log.customers.keys.length, log.analysisDay);
  const m = fittedModel(ctx, cbs, cache);
  const L = (k: keyof typeof H) => localize(ctx.lang, H[k]);
  if (out === 'model') {
    return labelled([
      ['r', m.bg.params.r],
      ['alpha', m.bg.params.alpha],
      ['a', m.bg.params.a],
      ['b', m.bg.params.b],
      [L('llBg'), m.bg.ll],
      ['p', m.gg.params.p],
      ['q', m.gg.params.q],
      ['gamma', m.gg.params.gamma],
      [L('llGg'), m.gg.ll],
      [L('customers'), m.nCustomers],
      [L('repeat'), m.nRepeat],
      [L('converged'), m.converged ? L('yes') : L('no')],
    ]);
  }
  const s = scoreClv(m.bg.params, m.gg.params, cbs, { horizonMonths: horizon, annualDiscountRate: rate, margin: mrg });
  const resultOf = (c: number): (string | number)[] | null => {
    if (!log.active[c] || !Number.isFinite(s.clv[c])) return null;
    if (out === 'clv') return [s.clv[c]];
    if (out === 'purchases') return [s.purchases[c]];
    if (out === 'p_alive') return [s.pAlive[c]];
    if (out === 'spend') return [s.spend[c]];
    return [s.clv[c], s.purchases[c], s.pAlive[c], s.spend[c]];
  };
  const header = out === 'all' ? [L('clv'), L('purchases'), L('p_alive'), L('spend')] : [L(out)];
  return layOut(log.layout, log.customers.rowCustomer, log.customers.index, resultOf, header, forIds);
}

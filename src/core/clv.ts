/**
 * Predictive customer lifetime value, the way the BTYD ("buy till you die") literature does it:
 *
 * - BG/NBD for repeat purchases (Fader, Hardie & Lee 2005, "Counting your customers the easy way",
 *   Marketing Science 24(2)): while alive, a customer buys as a Poisson process with rate λ ~ Gamma(r, α);
 *   after each repeat purchase they drop out with probability p ~ Beta(a, b).
 * - Gamma-Gamma for the spend per purchase (Fader, Hardie & Lee 2005, "RFM and CLV: using iso-value
 *   curves", JMR 42(4); Fader & Hardie 2013, "The Gamma-Gamma model of monetary value"): purchase
 *   values ~ Gamma(p, ν), ν ~ Gamma(q, γ); fitted on the mean value of each repeat buyer's repeat purchases.
 *
 * Both are fitted by maximum likelihood over all customers (BFGS over log-parameters with analytic
 * gradients, `optimize.ts`). Pure: plain arrays in, plain numbers out.
 *
 * Units. Time is in weeks (day numbers / 7). One month is 365.25 / 12 days = 4.348214… weeks and a
 * year 365.25 / 7 = 52.17857… weeks, so the same horizon means the same calendar span whatever the
 * data. `alpha` is per week.
 *
 * CLV formula (exact, for horizon H months, annual discount rate d, margin m):
 *
 *   W = 365.25 / 12 / 7 weeks (one month),   t_k = min(k, H) · W,   k = 1 … ⌈H⌉
 *   E(t) = E[X(T, T + t) | x, tx, T]  (BG/NBD conditional expectation, eq. 10 of FHL 2005)
 *   purchases in month k = E(t_k) − E(t_{k−1})
 *   CLV = m · E[spend] · Σ_k (E(t_k) − E(t_{k−1})) / (1 + d)^(min(k, H) / 12)
 *
 * i.e. the monthly rate is (1 + d)^(1/12) − 1 and month k's cash is discounted at its end. With d = 0
 * the sum telescopes to E(H · W), the expected purchases in the horizon. (Unlike the Python library
 * `lifetimes`, whose `customer_lifetime_value` applies the discount rate per model time unit and
 * counts months as 30 days of the model's unit, here the rate is annual and the month is a calendar
 * month in the model's weeks.)
 */
import type { Localized } from './i18n';
import { minimizeBfgs, minimizeNelderMead, type Objective } from './optimize';
import { digamma, digammaDiff, lbeta, lgamma, lgammaDiff, softplus, trigamma } from './special-functions';

export const DAYS_PER_WEEK = 7;
/** Weeks in a year of 365.25 days. */
export const WEEKS_PER_YEAR = 365.25 / DAYS_PER_WEEK;
/** Weeks in a month of 365.25 / 12 days. */
export const WEEKS_PER_MONTH = WEEKS_PER_YEAR / 12;

/** Customer-by-sufficient-statistic table, time in weeks. */
export interface Cbs {
  /** Number of repeat purchases (distinct purchase days after the first). NaN for a customer absent from the data. */
  x: Float64Array;
  /** Time of the last purchase, weeks after the first. */
  tx: Float64Array;
  /** Age at the analysis date, weeks after the first purchase. */
  T: Float64Array;
  /** Mean value of the repeat purchases (0 when x = 0). */
  mx: Float64Array;
}

export interface CbsFromOrders extends Cbs {
  /** Day number of the first purchase (NaN when absent). */
  firstDay: Float64Array;
  /** Day number of the last purchase up to the analysis day (NaN when absent). */
  lastDay: Float64Array;
  /** Customers with at least one order on or before the analysis day. */
  nPresent: number;
}

/**
 * Builds the CBS table from an order log.
 * - `custIndex[i]`: customer of row i, an integer in [0, nCustomers); rows with a negative or invalid index are skipped.
 * - `days[i]`: integer day number of the order; `amounts[i]`: its value.
 * - Orders of one customer on one day are one purchase, their amounts summed.
 * - Orders after `analysisDay` are ignored; a customer with no order on or before it is absent:
 *   x, tx, T, mx, firstDay and lastDay are NaN (show a blank).
 * - x = distinct purchase days − 1; tx = (last − first) / 7; T = (analysisDay − first) / 7;
 *   mx = (sum of the amounts on the days after the first day) / x, 0 when x = 0.
 */
export function cbsFromOrders(
  custIndex: ArrayLike<number>,
  days: ArrayLike<number>,
  amounts: ArrayLike<number>,
  nCustomers: number,
  analysisDay: number,
): CbsFromOrders {
  const nRows = custIndex.length;
  const first = new Float64Array(nCustomers).fill(Number.POSITIVE_INFINITY);
  const last = new Float64Array(nCustomers).fill(Number.NEGATIVE_INFINITY);
  let minDay = Number.POSITIVE_INFINITY;
  let maxDay = Number.NEGATIVE_INFINITY;
  let kept = 0;
  const valid = (i: number): number => {
    const c = custIndex[i];
    const d = days[i];
    if (!(c >= 0 && c < nCustomers) || c !== Math.floor(c) || !(d <= analysisDay) || !Number.isFinite(d)) return -1;
    return c;
  };
  for (let i = 0; i < nRows; i++) {
    const c = valid(i);
    if (c < 0) continue;
    const d = days[i];
    if (d < first[c]) first[c] = d;
    if (d > last[c]) last[c] = d;
    if (d < minDay) minDay = d;
    if (d > maxDay) maxDay = d;
    kept++;
  }
  // Distinct (customer, day) pairs via one numeric sort of composite keys.
  const span = kept ? maxDay - minDay + 1 : 1;
  const keys = new Float64Array(kept);
  const repeatSum = new Float64Array(nCustomers);
  let k = 0;
  for (let i = 0; i < nRows; i++) {
    const c = valid(i);
    if (c < 0) continue;
    const d = days[i];
    keys[k++] = c * span + (d - minDay);
    if (d !== first[c]) repeatSum[c] += amounts[i];
  }
  keys.sort();
  const distinct = new Float64Array(nCustomers);
  for (let j = 0; j < kept; j++) {
    if (j === 0 || keys[j] !== keys[j - 1]) distinct[Math.floor(keys[j] / span)]++;
  }
  const x = new Float64Array(nCustomers);
  const tx = new Float64Array(nCustomers);
  const T = new Float64Array(nCustomers);
  const mx = new Float64Array(nCustomers);
  let nPresent = 0;
  for (let c = 0; c < nCustomers; c++) {
    if (distinct[c] === 0) {
      x[c] = tx[c] = T[c] = mx[c] = first[c] = last[c] = Number.NaN;
      continue;
    }
    nPresent++;
    x[c] = distinct[c] - 1;
    tx[c] = (last[c] - first[c]) / DAYS_PER_WEEK;
    T[c] = (analysisDay - first[c]) / DAYS_PER_WEEK;
    mx[c] = x[c] > 0 ? repeatSum[c] / x[c] : 0;
  }
  return { x, tx, T, mx, firstDay: first, lastDay: last, nPresent };
}

// ---------------------------------------------------------------------------------------------
// Data checks and messages
// ---------------------------------------------------------------------------------------------

export type ClvDataIssue = 'too_few_customers' | 'too_few_repeat' | 'no_spread' | 'too_few_spend' | 'spend_no_spread';

export interface ClvDataProblem {
  reason: ClvDataIssue;
  /** What was found and what is needed (for the message). */
  have: number;
  need: number;
}

export const MIN_CUSTOMERS = 10;
export const MIN_REPEAT_BUYERS = 3;
export const MIN_SPEND_BUYERS = 3;

/** Messages for data the models cannot use; placeholders {have} and {need}. */
export const CLV_DATA_MESSAGES: Record<ClvDataIssue, Localized> = {
  too_few_customers: {
    en: 'the purchase model needs at least {need} customers with an order on or before the analysis date; found {have}',
    vi: 'mô hình mua lặp lại cần ít nhất {need} khách hàng có đơn vào hoặc trước ngày phân tích; chỉ có {have}',
  },
  too_few_repeat: {
    en: 'the purchase model needs at least {need} customers who bought again on a later day; found {have}',
    vi: 'mô hình mua lặp lại cần ít nhất {need} khách hàng đã mua lại vào một ngày sau đó; chỉ có {have}',
  },
  no_spread: {
    en: 'every customer has the same number of repeat purchases ({have}), so the purchase model cannot be estimated; it needs customers who differ',
    vi: 'mọi khách hàng đều có cùng số lần mua lại ({have}) nên không ước lượng được mô hình mua lặp lại; cần dữ liệu có khác biệt giữa các khách hàng',
  },
  too_few_spend: {
    en: 'the spend model needs at least {need} repeat buyers with a positive amount on their repeat purchases; found {have}',
    vi: 'mô hình giá trị đơn cần ít nhất {need} khách mua lại có số tiền dương ở các lần mua lại; chỉ có {have}',
  },
  spend_no_spread: {
    en: 'all {have} repeat buyers have exactly the same average spend, so the spend model cannot be estimated',
    vi: 'cả {have} khách mua lại có giá trị đơn trung bình giống hệt nhau nên không ước lượng được mô hình giá trị đơn',
  },
};

export type ClvModelIssue = 'purchases_not_converged' | 'spend_not_converged' | 'spend_mean_infinite';

/** Messages for fits that cannot be trusted. */
export const CLV_MODEL_MESSAGES: Record<ClvModelIssue, Localized> = {
  purchases_not_converged: {
    en: 'the purchase model (BG/NBD) did not converge on this data, so its predictions would not be reliable',
    vi: 'mô hình mua lặp lại (BG/NBD) không hội tụ trên dữ liệu này nên dự báo sẽ không đáng tin cậy',
  },
  spend_not_converged: {
    en: 'the spend model (Gamma-Gamma) did not converge on this data, so its predictions would not be reliable',
    vi: 'mô hình giá trị đơn (Gamma-Gamma) không hội tụ trên dữ liệu này nên dự báo sẽ không đáng tin cậy',
  },
  spend_mean_infinite: {
    en: 'the spend data are too spread out for the spend model (estimated q = {q} ≤ 1 gives no finite average spend)',
    vi: 'số tiền các đơn quá phân tán cho mô hình giá trị đơn (ước lượng q = {q} ≤ 1, không có giá trị trung bình hữu hạn)',
  },
};

/** True when the customer can inform the Gamma-Gamma fit: a repeat buyer with a positive finite mean repeat spend. */
export function spendEligible(x: number, mx: number): boolean {
  return x > 0 && mx > 0 && Number.isFinite(mx);
}

/**
 * Whether the data can support the models; null when they can. Checked in this order: customers
 * present (≥ 10), repeat buyers (≥ 3), variation in repeat counts, repeat buyers with positive spend (≥ 3),
 * variation in their average spend.
 */
export function checkModelData(cbs: Cbs): ClvDataProblem | null {
  const n = cbs.x.length;
  let present = 0;
  let repeat = 0;
  let spend = 0;
  let x0 = Number.NaN;
  let xVaries = false;
  let m0 = Number.NaN;
  let mVaries = false;
  for (let i = 0; i < n; i++) {
    const x = cbs.x[i];
    if (!(x >= 0)) continue;
    present++;
    if (Number.isNaN(x0)) x0 = x;
    else if (x !== x0) xVaries = true;
    if (x > 0) repeat++;
    if (spendEligible(x, cbs.mx[i])) {
      spend++;
      const m = cbs.mx[i];
      if (Number.isNaN(m0)) m0 = m;
      else if (Math.abs(m - m0) > 1e-9 * Math.abs(m0)) mVaries = true;
    }
  }
  if (present < MIN_CUSTOMERS) return { reason: 'too_few_customers', have: present, need: MIN_CUSTOMERS };
  if (repeat < MIN_REPEAT_BUYERS) return { reason: 'too_few_repeat', have: repeat, need: MIN_REPEAT_BUYERS };
  if (!xVaries) return { reason: 'no_spread', have: x0, need: 2 };
  if (spend < MIN_SPEND_BUYERS) return { reason: 'too_few_spend', have: spend, need: MIN_SPEND_BUYERS };
  if (!mVaries) return { reason: 'spend_no_spread', have: spend, need: 2 };
  return null;
}

// ---------------------------------------------------------------------------------------------
// BG/NBD likelihood and fit
// ---------------------------------------------------------------------------------------------

export interface BgNbdParams {
  r: number;
  /** Scale of the purchase rate, per week. */
  alpha: number;
  a: number;
  b: number;
}

export interface GammaGammaParams {
  p: number;
  q: number;
  gamma: number;
}

export interface FitResult<P> {
  params: P;
  /** Log-likelihood at `params` (full, no constant dropped). */
  ll: number;
  /** The optimiser reached a stationary point (max |gradient| ≤ 1e-6 in log-parameters, per customer). */
  converged: boolean;
  /**
   * A parameter ran to the edge of the search box (log θ within 0.5 of ±25): the likelihood is maximised
   * only in a limit (e.g. b → ∞, no heterogeneity in dropout). Predictions are those of the limit model.
   */
  atBound: boolean;
  iterations: number;
  /** Largest |∂(−LL/N)/∂ log θ| at the solution. */
  gradNorm: number;
  /** Customers that entered the likelihood. */
  n: number;
}

/** Log-parameters are kept within ±LOG_BOUND (e^25 ≈ 7e10); an optimum at the bound is not "converged". */
const LOG_BOUND = 25;

/** Unique-value index for a Float64Array subset. */
function uniqueIndex(values: number[]): { uniq: Float64Array; idx: Int32Array } {
  const sorted = Array.from(new Set(values)).sort((p, q) => p - q);
  const pos = new Map<number, number>();
  sorted.forEach((v, i) => {
    pos.set(v, i);
  });
  const idx = new Int32Array(values.length);
  for (let i = 0; i < values.length; i++) idx[i] = pos.get(values[i])!;
  return { uniq: Float64Array.from(sorted), idx };
}

interface BgData {
  n: number;
  /** Unique x (ascending, integers), T and tx values. */
  xs: Float64Array;
  Ts: Float64Array;
  txs: Float64Array;
  /** Per pattern: indices into xs / Ts / txs and the count of customers. */
  px: Int32Array;
  pT: Int32Array;
  ptx: Int32Array;
  cnt: Float64Array;
  sumX: number;
  sumT: number;
}

/** Compresses customers into unique (x, tx, T) patterns with counts. */
function compressBg(x: ArrayLike<number>, tx: ArrayLike<number>, T: ArrayLike<number>): BgData {
  const patKey = new Map<number, Map<number, Map<number, number>>>();
  const pxv: number[] = [];
  const ptv: number[] = [];
  const ptxv: number[] = [];
  const cnt: number[] = [];
  let n = 0;
  let sumX = 0;
  let sumT = 0;
  for (let i = 0; i < x.length; i++) {
    const xi = x[i];
    const Ti = T[i];
    const txi = xi > 0 ? tx[i] : 0;
    if (!(xi >= 0) || !(Ti >= 0) || !(txi >= 0) || !Number.isFinite(Ti)) continue;
    n++;
    sumX += xi;
    sumT += Ti;
    let m1 = patKey.get(xi);
    if (!m1) {
      m1 = new Map();
      patKey.set(xi, m1);
    }
    let m2 = m1.get(Ti);
    if (!m2) {
      m2 = new Map();
      m1.set(Ti, m2);
    }
    const j = m2.get(txi);
    if (j === undefined) {
      m2.set(txi, cnt.length);
      pxv.push(xi);
      ptv.push(Ti);
      ptxv.push(txi);
      cnt.push(1);
    } else cnt[j]++;
  }
  const ux = uniqueIndex(pxv);
  const uT = uniqueIndex(ptv);
  const utx = uniqueIndex(ptxv);
  return { n, xs: ux.uniq, Ts: uT.uniq, txs: utx.uniq, px: ux.idx, pT: uT.idx, ptx: utx.idx, cnt: Float64Array.from(cnt), sumX, sumT };
}

/**
 * For ascending integer values xs, fills out[k] = Σ_{i<xs[k]} f(c + i), i.e. log Γ(c+x) − log Γ(c) for
 * f = log and ψ(c+x) − ψ(c) for f = 1/·, without cancellation.
 */
function risingSums(xs: Float64Array, c: number, logOut: Float64Array, invOut: Float64Array): void {
  let i = 0;
  let sLog = 0;
  let sInv = 0;
  for (let k = 0; k < xs.length; k++) {
    const target = xs[k];
    if (target - i > 5000) {
      // Very large counts: closed form.
      sLog = lgamma(c + target) - lgamma(c);
      sInv = digamma(c + target) - digamma(c);
      i = target;
    }
    while (i < target) {
      const v = c + i;
      sLog += Math.log(v);
      sInv += 1 / v;
      i++;
    }
    logOut[k] = sLog;
    invOut[k] = sInv;
  }
}

/** The BG/NBD objective: −LL/N and its gradient in θ = log(r, α, a, b). */
function bgObjective(data: BgData): Objective {
  const nx = data.xs.length;
  const nT = data.Ts.length;
  const ntx = data.txs.length;
  const lgR = new Float64Array(nx);
  const psR = new Float64Array(nx);
  const lgB = new Float64Array(nx);
  const psB = new Float64Array(nx);
  const lgAB = new Float64Array(nx);
  const psAB = new Float64Array(nx);
  const lnAT = new Float64Array(nT);
  const l1pT = new Float64Array(nT);
  const fT = new Float64Array(nT);
  const lnAtx = new Float64Array(ntx);
  const l1ptx = new Float64Array(ntx);
  const ftx = new Float64Array(ntx);
  const base = new Float64Array(nx);
  const invBx = new Float64Array(nx);
  const a4c = new Float64Array(nx);
  const N = data.n;
  return (theta, grad) => {
    for (let i = 0; i < 4; i++) if (!(Math.abs(theta[i]) <= LOG_BOUND)) return Number.POSITIVE_INFINITY;
    const r = Math.exp(theta[0]);
    const alpha = Math.exp(theta[1]);
    const a = Math.exp(theta[2]);
    const b = Math.exp(theta[3]);
    const lnA = theta[2];
    risingSums(data.xs, r, lgR, psR);
    risingSums(data.xs, b, lgB, psB);
    risingSums(data.xs, a + b, lgAB, psAB);
    // r·log α − (r+x)·log(α+t) = −r·log1p(t/α) − x·log(α+t): no cancellation when r and α are large.
    for (let j = 0; j < nT; j++) {
      const t = data.Ts[j];
      lnAT[j] = Math.log(alpha + t);
      l1pT[j] = Math.log1p(t / alpha);
      fT[j] = t / (alpha + t); // α·∂/∂α of −log1p(t/α) is t/(α+t)
    }
    for (let j = 0; j < ntx; j++) {
      const t = data.txs[j];
      lnAtx[j] = Math.log(alpha + t);
      l1ptx[j] = Math.log1p(t / alpha);
      ftx[j] = t / (alpha + t);
    }
    for (let k = 0; k < nx; k++) {
      const x = data.xs[k];
      // log B(a, b+x)/B(a, b) and, for x > 0, log a − log(b + x − 1) (the A4 constant).
      base[k] = lgR[k] + lgB[k] - lgAB[k];
      if (x > 0) {
        const bx1 = b + (x - 1);
        invBx[k] = 1 / bx1;
        a4c[k] = lnA - Math.log(bx1);
      }
    }
    let ll = 0;
    let gr = 0;
    let gal = 0;
    let ga = 0;
    let gb = 0;
    const withGrad = grad !== null;
    for (let i = 0; i < data.cnt.length; i++) {
      const k = data.px[i];
      const jT = data.pT[i];
      const x = data.xs[k];
      const c = data.cnt[i];
      // log L = log[Γ(r+x)/Γ(r)] + log[B(a, b+x)/B(a, b)] + log(e^A3 + δ e^A4), with r·log α folded into A3, A4:
      // A3 = −r·log1p(T/α) − x·log(α+T);  A4 = log a − log(b+x−1) − r·log1p(tx/α) − x·log(α+tx).
      const A3 = -r * l1pT[jT] - x * lnAT[jT];
      if (x === 0) {
        ll += c * (base[k] + A3);
        if (withGrad) {
          gr -= c * r * l1pT[jT];
          gal += c * r * fT[jT];
          // a and b enter only through B(a, b+x)/B(a, b), which is 1 when x = 0.
        }
        continue;
      }
      const jtx = data.ptx[i];
      const A4 = a4c[k] - r * l1ptx[jtx] - x * lnAtx[jtx];
      // log-sum-exp with one exp: w4 = e^A4 / (e^A3 + e^A4)
      let lse: number;
      let w3: number;
      let w4: number;
      if (A4 <= A3) {
        const e = Math.exp(A4 - A3);
        lse = A3 + Math.log1p(e);
        w3 = 1 / (1 + e);
        w4 = e * w3;
      } else {
        const e = Math.exp(A3 - A4);
        lse = A4 + Math.log1p(e);
        w4 = 1 / (1 + e);
        w3 = e * w4;
      }
      ll += c * (base[k] + lse);
      if (withGrad) {
        // Derivatives with respect to log r, log α, log a, log b.
        gr += c * r * (psR[k] - w3 * l1pT[jT] - w4 * l1ptx[jtx]);
        // α ∂A/∂α = r·t/(α+t) − x·α/(α+t)
        gal += c * (w3 * (r * fT[jT] - x * (1 - fT[jT])) + w4 * (r * ftx[jtx] - x * (1 - ftx[jtx])));
        ga += c * (w4 - a * psAB[k]);
        gb += c * b * (psB[k] - psAB[k] - w4 * invBx[k]);
      }
    }
    if (!Number.isFinite(ll)) return Number.POSITIVE_INFINITY;
    if (grad) {
      grad[0] = -gr / N;
      grad[1] = -gal / N;
      grad[2] = -ga / N;
      grad[3] = -gb / N;
    }
    return -ll / N;
  };
}

/**
 * The BG/NBD objective over θ = log(r, α, a, b): −LL/N and, when asked, its analytic gradient.
 * Exposed for diagnostics and tests.
 */
export function bgNbdObjective(cbs: Pick<Cbs, 'x' | 'tx' | 'T'>): Objective {
  return bgObjective(compressBg(cbs.x, cbs.tx, cbs.T));
}

function thetaToBg(t: ArrayLike<number>): BgNbdParams {
  return { r: Math.exp(t[0]), alpha: Math.exp(t[1]), a: Math.exp(t[2]), b: Math.exp(t[3]) };
}

/** BG/NBD log-likelihood of the customers (those with x ≥ 0) at the given parameters. */
export function bgNbdLogLikelihood(params: BgNbdParams, cbs: Pick<Cbs, 'x' | 'tx' | 'T'>): number {
  const data = compressBg(cbs.x, cbs.tx, cbs.T);
  if (data.n === 0) return 0;
  const f = bgObjective(data);
  return -f(Float64Array.of(Math.log(params.r), Math.log(params.alpha), Math.log(params.a), Math.log(params.b)), null) * data.n;
}

/** Runs BFGS from several deterministic starts; Nelder–Mead polish when BFGS cannot settle. */
function fitMultiStart(
  f: Objective,
  starts: number[][],
): { theta: Float64Array; fval: number; converged: boolean; atBound: boolean; iterations: number; gradNorm: number } {
  let best: ReturnType<typeof minimizeBfgs> | null = null;
  let iterations = 0;
  // A converged result beats a non-converged one; then the lower objective wins.
  const better = (res: ReturnType<typeof minimizeBfgs>) =>
    Number.isFinite(res.f) && (!best || (res.converged !== best.converged ? res.converged : res.f < best.f - 1e-12));
  for (const s of starts) {
    const res = minimizeBfgs(f, s, { gtol: 1e-9, looseGtol: 1e-6, maxIterations: 400 });
    iterations += res.iterations;
    if (better(res)) best = res;
    if (best?.converged) break;
  }
  if (!best?.converged) {
    // Derivative-free fallback from the best point so far, then BFGS again to certify the gradient.
    const from = best?.f !== undefined && Number.isFinite(best.f) ? best.x : Float64Array.from(starts[0]);
    const nm = minimizeNelderMead(f, from, { step: 0.5, maxEvaluations: 6000 });
    iterations += nm.iterations;
    const polish = minimizeBfgs(f, nm.x, { gtol: 1e-9, looseGtol: 1e-6, maxIterations: 400 });
    iterations += polish.iterations;
    if (better(polish)) best = polish;
  }
  if (!best) return { theta: Float64Array.from(starts[0]), fval: Number.NaN, converged: false, atBound: false, iterations, gradNorm: Number.NaN };
  // A maximum approached only as a parameter runs off to 0 or ∞ (e.g. b → ∞: nobody's dropout rate
  // differs) is a limiting model; it counts as converged when the likelihood is flat there.
  let atBound = false;
  for (let i = 0; i < best.x.length; i++) if (Math.abs(best.x[i]) > LOG_BOUND - 0.5) atBound = true;
  return { theta: best.x, fval: best.f, converged: best.converged, atBound, iterations, gradNorm: best.gradNorm };
}

/**
 * Fits BG/NBD by maximum likelihood over all present customers (x ≥ 0) of `cbs` (weeks).
 * Deterministic. Call `checkModelData` first; with no usable customer the result has converged = false.
 */
export function fitBgNbd(cbs: Pick<Cbs, 'x' | 'tx' | 'T'>): FitResult<BgNbdParams> {
  const data = compressBg(cbs.x, cbs.tx, cbs.T);
  if (data.n === 0 || data.sumT <= 0) {
    return { params: { r: 1, alpha: 1, a: 1, b: 1 }, ll: 0, converged: false, atBound: false, iterations: 0, gradNorm: Number.NaN, n: data.n };
  }
  const f = bgObjective(data);
  // Starting rate scale: mean repeat rate ≈ r / α.
  const rate = Math.max(data.sumX, 0.5) / data.sumT;
  const lnScale = Math.log(1 / rate);
  const clampLog = (v: number) => Math.max(-LOG_BOUND + 1, Math.min(LOG_BOUND - 1, v));
  const starts = [
    [0, clampLog(lnScale), 0, 0],
    [Math.log(0.5), clampLog(lnScale + Math.log(0.5)), Math.log(0.5), Math.log(3)],
    [Math.log(2), clampLog(lnScale + Math.log(2)), Math.log(2), Math.log(10)],
  ];
  const fit = fitMultiStart(f, starts);
  return {
    params: thetaToBg(fit.theta),
    ll: -fit.fval * data.n,
    converged: fit.converged,
    atBound: fit.atBound,
    iterations: fit.iterations,
    gradNorm: fit.gradNorm,
    n: data.n,
  };
}

// ---------------------------------------------------------------------------------------------
// Gamma-Gamma likelihood and fit
// ---------------------------------------------------------------------------------------------

interface GgData {
  n: number;
  /** Unique x (ascending). */
  xs: Float64Array;
  cx: Int32Array;
  /** Per customer: x and mean spend (rescaled by `scale`). */
  x: Float64Array;
  /** x · m and its log. */
  xm: Float64Array;
  lnxm: Float64Array;
  /** Σ log m. */
  sumLnM: number;
  scale: number;
}

function prepareGg(x: ArrayLike<number>, mx: ArrayLike<number>): GgData {
  const xv: number[] = [];
  const mv: number[] = [];
  let sum = 0;
  for (let i = 0; i < x.length; i++) {
    if (!spendEligible(x[i], mx[i])) continue;
    xv.push(x[i]);
    mv.push(mx[i]);
    sum += mx[i];
  }
  const n = xv.length;
  const scale = n ? sum / n : 1;
  const u = uniqueIndex(xv);
  const xm = new Float64Array(n);
  const lnxm = new Float64Array(n);
  let sumLnM = 0;
  for (let i = 0; i < n; i++) {
    const m = mv[i] / scale;
    xm[i] = xv[i] * m;
    lnxm[i] = Math.log(xm[i]);
    sumLnM += Math.log(m);
  }
  return { n, xs: u.uniq, cx: u.idx, x: Float64Array.from(xv), xm, lnxm, sumLnM, scale };
}

/** −LL/N of the (rescaled) Gamma-Gamma model in θ = log(p, q, γ). */
function ggObjectiveData(d: GgData): Objective {
  const nx = d.xs.length;
  const G = new Float64Array(nx);
  const dP = new Float64Array(nx);
  const dQ = new Float64Array(nx);
  const N = d.n;
  return (theta, grad) => {
    for (let i = 0; i < 3; i++) if (!(Math.abs(theta[i]) <= LOG_BOUND)) return Number.POSITIVE_INFINITY;
    const p = Math.exp(theta[0]);
    const q = Math.exp(theta[1]);
    const g = Math.exp(theta[2]);
    for (let k = 0; k < nx; k++) {
      const px = p * d.xs[k];
      // log Γ(px+q) − log Γ(px) − log Γ(q), ψ(px+q) − ψ(px), ψ(px+q) − ψ(q), cancellation-free.
      G[k] = px >= q ? lgammaDiff(px, q) - lgamma(q) : lgammaDiff(q, px) - lgamma(px);
      if (grad) {
        dP[k] = digammaDiff(px, q);
        dQ[k] = digammaDiff(q, px);
      }
    }
    let ll = -d.sumLnM;
    let gp = 0;
    let gq = 0;
    let gg = 0;
    const lnG = theta[2];
    for (let i = 0; i < N; i++) {
      const k = d.cx[i];
      const px = p * d.x[i];
      const xm = d.xm[i];
      // log f(m | x) = G + q log γ + (px−1) log m + px log x − (px+q) log(γ + x m)
      //             = G − q·log1p(x m/γ) − px·log1p(γ/(x m)) − log m
      // l1 − l2 = log(x m) − log γ, so one log1p gives both (the smaller one directly).
      let l1: number;
      let l2: number;
      if (xm > g) {
        l2 = Math.log1p(g / xm);
        l1 = l2 + d.lnxm[i] - lnG;
      } else {
        l1 = Math.log1p(xm / g);
        l2 = l1 - d.lnxm[i] + lnG;
      }
      ll += G[k] - q * l1 - px * l2;
      if (grad) {
        gp += px * (dP[k] - l2);
        gq += q * (dQ[k] - l1);
        gg += (q * xm - px * g) / (g + xm);
      }
    }
    if (!Number.isFinite(ll)) return Number.POSITIVE_INFINITY;
    if (grad) {
      grad[0] = -gp / N;
      grad[1] = -gq / N;
      grad[2] = -gg / N;
    }
    return -ll / N;
  };
}

/**
 * Fits Gamma-Gamma by maximum likelihood over the repeat buyers with a positive mean repeat spend
 * (x > 0, mx > 0). Spend is rescaled by its mean during the fit (γ and LL are reported in the data's units).
 */
export function fitGammaGamma(x: ArrayLike<number>, mx: ArrayLike<number>): FitResult<GammaGammaParams> {
  const d = prepareGg(x, mx);
  if (d.n === 0) return { params: { p: 1, q: 2, gamma: 1 }, ll: 0, converged: false, atBound: false, iterations: 0, gradNorm: Number.NaN, n: 0 };
  const f = ggObjectiveData(d);
  // Starts chosen so that the population mean spend p·γ/(q−1) equals the sample mean (1 after rescaling).
  const starts = [
    [0, Math.log(2), 0],
    [Math.log(5), Math.log(4), Math.log(3 / 5)],
    [Math.log(0.5), Math.log(1.5), 0],
  ];
  const fit = fitMultiStart(f, starts);
  const s = thetaToGgScaled(fit.theta);
  return {
    params: { p: s.p, q: s.q, gamma: s.gamma * d.scale },
    // Density of the mean spend in the data's units: f(m) = f_scaled(m / scale) / scale.
    ll: -fit.fval * d.n - d.n * Math.log(d.scale),
    converged: fit.converged,
    atBound: fit.atBound,
    iterations: fit.iterations,
    gradNorm: fit.gradNorm,
    n: d.n,
  };
}

/**
 * The Gamma-Gamma objective over θ = log(p, q, γ / s), s = mean spend of the eligible customers:
 * −LL/N (of the rescaled spends) and its analytic gradient. Exposed for diagnostics and tests.
 */
export function ggObjective(x: ArrayLike<number>, mx: ArrayLike<number>): Objective {
  return ggObjectiveData(prepareGg(x, mx));
}

function thetaToGgScaled(t: ArrayLike<number>): GammaGammaParams {
  return { p: Math.exp(t[0]), q: Math.exp(t[1]), gamma: Math.exp(t[2]) };
}

/** Gamma-Gamma log-likelihood (data units) of the spend-eligible customers. */
export function gammaGammaLogLikelihood(params: GammaGammaParams, x: ArrayLike<number>, mx: ArrayLike<number>): number {
  const d = prepareGg(x, mx);
  if (d.n === 0) return 0;
  const f = ggObjectiveData(d);
  return -f(Float64Array.of(Math.log(params.p), Math.log(params.q), Math.log(params.gamma / d.scale)), null) * d.n - d.n * Math.log(d.scale);
}

// ---------------------------------------------------------------------------------------------
// Predictions
// ---------------------------------------------------------------------------------------------

/** P(alive at T | x, tx, T) under BG/NBD; 1 when x = 0 (in BG/NBD nobody drops out before a repeat purchase). */
export function bgNbdPAlive(params: BgNbdParams, x: number, tx: number, T: number): number {
  if (!(x > 0)) return 1;
  const { r, alpha, a, b } = params;
  const lt = Math.log(a) - Math.log(b + (x - 1)) + (r + x) * (Math.log(alpha + T) - Math.log(alpha + tx));
  return Math.exp(-softplus(lt));
}

/** Switch from the series to the quadrature above this z = t / (α + T + t). */
const SERIES_MAX_Z = 0.9;
/** Double-exponential quadrature step. */
const DE_STEP = 1 / 24;

/**
 * E[X(T, T + t) | alive at T, x, T] for BG/NBD parameters, evaluated for many (x, T, t).
 *
 * FHL (2005) eq. 10 divided by P(alive):
 *   E = (a+b+x−1)/(a−1) · [1 − (1−z)^(r+x) ₂F₁(r+x, b+x; a+b+x−1; z)],  z = t / (α+T+t).
 * Euler's transformation ₂F₁(A,B;C;z) = (1−z)^(C−A−B) ₂F₁(C−A, C−B; C; z) turns this into
 *   E = C·(1 − (1−z)^(a−1))/(a−1) − (1−z)^(a−1) · Σ_{k≥1} τ_k z^k,
 *   C = a+b+x−1,  τ_1 = a+b−1−r,  τ_{k+1}/τ_k = (a+b−1−r+k)(a+k−1) / ((C+k)(k+1)),
 * which is finite at a = 1 and for C ≤ 0, and whose terms decay like k^(a−r−x−2) z^k.
 * For z > 0.9 (a long horizon for a young customer), for large a, or where the series loses
 * precision to cancellation (b ≫ r + x), the same quantity is computed as the integral over the
 * posterior p ~ Beta(a, b+x) of (1 − (1 + p·t/(α+T))^−(r+x)) / p by quadrature (see `quadrature`).
 */
export class BgNbdExpectation {
  private readonly coef = new Map<number, number[]>();
  private readonly rules = new Map<number, { p: Float64Array; w: Float64Array }>();
  // Scratch buffers of aliveMany / seriesMany.
  private zs = new Float64Array(0);
  private Ls = new Float64Array(0);
  private sums = new Float64Array(0);
  private zk = new Float64Array(0);
  private maxTerm = new Float64Array(0);
  private done = new Uint8Array(0);
  private deP: Float64Array | null = null;
  private deLnP: Float64Array | null = null;
  private deLnQ: Float64Array | null = null;
  private deBase: Float64Array | null = null;

  constructor(readonly params: BgNbdParams) {}

  /** Expected purchases in (T, T+t] of a customer alive at T with x repeat purchases. */
  alive(x: number, T: number, t: number): number {
    if (!(t > 0)) return 0;
    const { r, alpha } = this.params;
    const L = -Math.log1p(t / (alpha + T));
    const z = -Math.expm1(L); // t / (α+T+t), accurate for small t
    if (z <= SERIES_MAX_Z) {
      const v = this.series(x, z, L);
      if (!Number.isNaN(v)) return v;
    }
    return this.quadrature(x, r + x, t / (alpha + T));
  }

  /**
   * The same for several horizons at once (the months of a CLV horizon): `ts` ascending, results in `out`.
   * The series terms τ_k are shared, so all horizons are summed in one pass.
   */
  aliveMany(x: number, T: number, ts: ArrayLike<number>, out: Float64Array): void {
    const { r, alpha } = this.params;
    const m = ts.length;
    if (this.zs.length < m) {
      this.zs = new Float64Array(m);
      this.Ls = new Float64Array(m);
    }
    const zs = this.zs;
    const Ls = this.Ls;
    let nSeries = 0;
    for (let j = 0; j < m; j++) {
      const t = ts[j];
      Ls[j] = t > 0 ? -Math.log1p(t / (alpha + T)) : 0;
      zs[j] = -Math.expm1(Ls[j]);
      if (t > 0 && zs[j] <= SERIES_MAX_Z) nSeries = j + 1;
    }
    this.seriesMany(x, zs, Ls, nSeries, out);
    for (let j = 0; j < m; j++) {
      if (!(ts[j] > 0)) out[j] = 0;
      else if (j >= nSeries || Number.isNaN(out[j])) out[j] = this.quadrature(x, r + x, ts[j] / (alpha + T));
    }
  }

  /** The series form; NaN when it is not trustworthy (then the quadrature is used). */
  private series(x: number, z: number, L: number): number {
    const out = new Float64Array(1);
    this.seriesMany(x, Float64Array.of(z), Float64Array.of(L), 1, out);
    return out[0];
  }

  /** Series values for zs[0 … count−1] (0 < z ≤ SERIES_MAX_Z), NaN where not trustworthy. */
  private seriesMany(x: number, zs: Float64Array, Ls: Float64Array, count: number, out: Float64Array): void {
    if (count === 0) return;
    const { r, a, b } = this.params;
    const ab = a + b;
    const abr = ab - r; // τ_1 = a + b − 1 − r, τ_{i+1}/τ_i ∝ (abr + i − 1)
    const C = ab + (x - 1);
    const am1 = a - 1;
    const Ap = abr - 1;
    let zMax = 0;
    for (let j = 0; j < count; j++) if (zs[j] > zMax) zMax = zs[j];
    // Terms grow until k ≈ a·z/(1−z) when a is large: leave those to the quadrature.
    if ((a * zMax) / (1 - zMax) > 5000) {
      out.fill(Number.NaN, 0, count);
      return;
    }
    let c = this.coef.get(x);
    if (!c) {
      c = [Ap];
      this.coef.set(x, c);
    }
    if (this.sums.length < count) {
      this.sums = new Float64Array(count);
      this.zk = new Float64Array(count);
      this.maxTerm = new Float64Array(count);
      this.done = new Uint8Array(count);
    }
    const { sums, zk, maxTerm, done } = this;
    sums.fill(0, 0, count);
    zk.fill(1, 0, count);
    maxTerm.fill(0, 0, count);
    done.fill(0, 0, count);
    let active = count;
    for (let k = 1; active > 0; k++) {
      if (k > 20000) {
        for (let j = 0; j < count; j++) if (!done[j]) sums[j] = Number.NaN;
        break;
      }
      // Integer parts are added separately — C + i = (a + b) + (x − 1 + i), a + (i − 1) — so that tiny
      // a and b (a degenerate fit, e.g. a few weeks of data) keep full precision.
      if (k > c.length) {
        const i = k - 1; // τ_{i+1} from τ_i
        c.push((c[i - 1] * (abr + (i - 1)) * (a + (i - 1))) / ((ab + (x - 1 + i)) * (i + 1)));
      }
      const tau = c[k - 1];
      // |τ_{k+1}/τ_k|: the tail after term k is at most term · ρ/(1 − ρ) with ρ = max(z, this · z).
      const next = Math.abs(((abr + (k - 1)) * (a + (k - 1))) / ((ab + (x - 1 + k)) * (k + 1)));
      for (let j = 0; j < count; j++) {
        if (done[j]) continue;
        const z = zs[j];
        zk[j] *= z;
        const term = tau * zk[j];
        const sum = sums[j] + term;
        sums[j] = sum;
        const at = Math.abs(term);
        if (at > maxTerm[j]) maxTerm[j] = at;
        if (k > 2) {
          const rho = next > 1 ? next * z : z;
          if ((rho < 1 && at * rho <= 1e-17 * Math.abs(sum) * (1 - rho)) || at === 0 || !Number.isFinite(sum)) {
            done[j] = 1;
            active--;
          }
        }
      }
    }
    for (let j = 0; j < count; j++) {
      const L = Ls[j];
      const phi = Math.abs(am1 * L) < 1e-12 ? -L * (1 + (am1 * L) / 2) : -Math.expm1(am1 * L) / am1;
      const head = C * phi;
      const f = Math.exp(am1 * L);
      const tail = f * sums[j];
      const e = head - tail;
      // Guard against cancellation (happens when b is huge relative to r + x).
      const scale = Math.max(Math.abs(head), Math.abs(tail), f * maxTerm[j]);
      out[j] = e > 1e-7 * scale && Number.isFinite(e) ? e : Number.NaN;
    }
  }

  /**
   * ∫ Beta(p; a, b+x) (1 − (1+p·s)^−n) / p dp. Nodes and weights per x (normalised to sum 1):
   * tanh-sinh (double-exponential) nodes when a shape parameter is below 2 (endpoint singularities,
   * long tails), else the trapezoidal rule in u = logit(p) around the posterior's centre, with a step
   * of at most a quarter of its standard deviation (concentrated posteriors when a and b+x are large).
   * The integrand is analytic in a strip of half-width π around the real u axis, so both rules converge
   * geometrically.
   */
  private quadrature(x: number, n: number, s: number): number {
    let rule = this.rules.get(x);
    if (!rule) {
      rule = this.rule(x);
      this.rules.set(x, rule);
    }
    const { p: P, w } = rule;
    let num = 0;
    for (let j = 0; j < w.length; j++) {
      const p = P[j];
      num += w[j] * (p > 0 ? -Math.expm1(-n * Math.log1p(p * s)) / p : n * s);
    }
    return num;
  }

  private rule(x: number): { p: Float64Array; w: Float64Array } {
    const { a, b } = this.params;
    const B = b + x;
    const lnBeta = lbeta(a, B);
    const ps: number[] = [];
    const lws: number[] = [];
    if (Math.min(a, B) >= 2) {
      // Trapezoid in u = logit(p): p^(a−1) q^(B−1) dp = p^a q^B du.
      const centre = digamma(a) - digamma(B);
      const h = Math.min(0.5, Math.sqrt(trigamma(a) + trigamma(B)) / 4);
      const lw = (u: number) => -a * softplus(-u) - B * softplus(u) - lnBeta + Math.log(h);
      const top = lw(Math.log(a / B));
      const push = (u: number) => {
        const v = lw(u);
        if (v < top - 50) return false;
        ps.push(1 / (1 + Math.exp(-u)));
        lws.push(v);
        return true;
      };
      push(centre);
      for (let j = 1; j < 100000 && push(centre + j * h); j++);
      for (let j = 1; j < 100000 && push(centre - j * h); j++);
    } else {
      if (!this.deBase) {
        // Node range wide enough for the smallest shape parameter met (b + x ≥ b): the weight
        // decays like exp(−m·π·sinh|u|) at the ends.
        const m = Math.max(1e-300, Math.min(a, b));
        const U = Math.asinh(60 / (Math.PI * m)) + 0.5;
        const N = Math.ceil(U / DE_STEP);
        const size = 2 * N + 1;
        this.deP = new Float64Array(size);
        this.deLnP = new Float64Array(size);
        this.deLnQ = new Float64Array(size);
        this.deBase = new Float64Array(size);
        for (let j = 0; j < size; j++) {
          const u = (j - N) * DE_STEP;
          const y = Math.PI * Math.sinh(u);
          this.deLnP[j] = -softplus(-y);
          this.deLnQ[j] = -softplus(y);
          this.deP[j] = Math.exp(this.deLnP[j]);
          // dp/du = π cosh(u) p q
          this.deBase[j] = Math.log(Math.PI * Math.cosh(u) * DE_STEP);
        }
      }
      for (let j = 0; j < this.deBase.length; j++) {
        const v = this.deBase[j] + a * this.deLnP![j] + B * this.deLnQ![j] - lnBeta;
        if (v < -745) continue;
        ps.push(this.deP![j]);
        lws.push(v);
      }
    }
    const w = new Float64Array(lws.length);
    let sum = 0;
    for (let j = 0; j < w.length; j++) {
      w[j] = Math.exp(lws[j]);
      sum += w[j];
    }
    for (let j = 0; j < w.length; j++) w[j] /= sum;
    return { p: Float64Array.from(ps), w };
  }
}

/** E[X(T, T+t) | x, tx, T]: expected repeat purchases in the next t weeks (FHL 2005 eq. 10). */
export function bgNbdExpected(params: BgNbdParams, x: number, tx: number, T: number, t: number): number {
  return bgNbdPAlive(params, x, tx, T) * new BgNbdExpectation(params).alive(x, T, t);
}

/** E[X(t)]: expected repeat purchases of a new customer in their first t weeks (FHL 2005 eq. 9). */
export function bgNbdExpectedNew(params: BgNbdParams, t: number): number {
  return new BgNbdExpectation(params).alive(0, 0, t);
}

/**
 * Expected spend per purchase, E[M | p, q, γ, x, mx] = (γ + x·mx)·p / (p·x + q − 1): a weighted
 * average of the population mean p·γ/(q−1) and the customer's own mean. Customers without usable
 * spend history (x = 0, or mean repeat spend ≤ 0) get the population mean. NaN if that mean is
 * infinite (q ≤ 1), which `modelIssues` reports.
 */
export function ggExpectedSpend(params: GammaGammaParams, x: number, mx: number): number {
  const { p, q, gamma } = params;
  if (spendEligible(x, mx)) {
    const den = p * x + q - 1;
    return den > 0 ? ((gamma + x * mx) * p) / den : Number.NaN;
  }
  return q > 1 ? (p * gamma) / (q - 1) : Number.NaN;
}

export interface ClvOptions {
  /** Months ahead, > 0 (default 12); a fractional last month is allowed. */
  horizonMonths?: number;
  /** Annual discount rate, > −1 (default 0.10). */
  annualDiscountRate?: number;
  /** Profit margin applied to spend (default 1). */
  margin?: number;
}

export interface ClvScores {
  clv: Float64Array;
  /** Expected purchases within the horizon. */
  purchases: Float64Array;
  pAlive: Float64Array;
  /** Expected spend per purchase. */
  spend: Float64Array;
}

function resolveOptions(o: ClvOptions): Required<ClvOptions> {
  const horizonMonths = o.horizonMonths ?? 12;
  const annualDiscountRate = o.annualDiscountRate ?? 0.1;
  const margin = o.margin ?? 1;
  if (!(horizonMonths > 0 && horizonMonths <= 1200)) throw new RangeError(`horizonMonths must be in (0, 1200], got ${horizonMonths}`);
  if (!(annualDiscountRate > -1 && Number.isFinite(annualDiscountRate))) throw new RangeError(`annualDiscountRate must be > -1, got ${annualDiscountRate}`);
  if (!Number.isFinite(margin)) throw new RangeError(`margin must be finite, got ${margin}`);
  return { horizonMonths, annualDiscountRate, margin };
}

/**
 * Scores every customer of `cbs`: CLV, expected purchases within the horizon, P(alive) and expected
 * spend (see the formula at the top of this file). Absent customers (x NaN) get NaN in every output.
 * Work is shared between customers with the same (x, T).
 */
export function scoreClv(bg: BgNbdParams, gg: GammaGammaParams, cbs: Cbs, options: ClvOptions = {}): ClvScores {
  const { horizonMonths: H, annualDiscountRate: d, margin } = resolveOptions(options);
  const n = cbs.x.length;
  const out: ClvScores = { clv: new Float64Array(n), purchases: new Float64Array(n), pAlive: new Float64Array(n), spend: new Float64Array(n) };
  const months = Math.ceil(H - 1e-12);
  const ends = new Float64Array(months);
  const disc = new Float64Array(months);
  const lnOneD = Math.log1p(d);
  for (let k = 1; k <= months; k++) {
    const e = Math.min(k, H);
    ends[k - 1] = e * WEEKS_PER_MONTH;
    disc[k - 1] = Math.exp((-lnOneD * e) / 12);
  }
  const ex = new BgNbdExpectation(bg);
  const eAt = new Float64Array(months);
  // (x, T) → [E(horizon), discounted sum of monthly increments]
  const cache = new Map<number, Map<number, [number, number]>>();
  for (let i = 0; i < n; i++) {
    const x = cbs.x[i];
    const T = cbs.T[i];
    if (!(x >= 0) || !(T >= 0)) {
      out.clv[i] = out.purchases[i] = out.pAlive[i] = out.spend[i] = Number.NaN;
      continue;
    }
    let byT = cache.get(x);
    if (!byT) {
      byT = new Map();
      cache.set(x, byT);
    }
    let v = byT.get(T);
    if (!v) {
      ex.aliveMany(x, T, ends, eAt);
      let prev = 0;
      let sum = 0;
      for (let k = 0; k < months; k++) {
        sum += (eAt[k] - prev) * disc[k];
        prev = eAt[k];
      }
      v = [prev, sum];
      byT.set(T, v);
    }
    const pa = bgNbdPAlive(bg, x, cbs.tx[i], T);
    const spend = ggExpectedSpend(gg, x, cbs.mx[i]);
    out.pAlive[i] = pa;
    out.purchases[i] = pa * v[0];
    out.spend[i] = spend;
    out.clv[i] = margin * spend * pa * v[1];
  }
  return out;
}

/** One customer's CLV (see `scoreClv`). */
export function clv(
  bg: BgNbdParams,
  gg: GammaGammaParams,
  x: number,
  tx: number,
  T: number,
  mx: number,
  horizonMonths = 12,
  annualDiscountRate = 0.1,
  margin = 1,
): { clv: number; purchases: number; pAlive: number; spend: number } {
  const s = scoreClv(
    bg,
    gg,
    { x: Float64Array.of(x), tx: Float64Array.of(tx), T: Float64Array.of(T), mx: Float64Array.of(mx) },
    { horizonMonths, annualDiscountRate, margin },
  );
  return { clv: s.clv[0], purchases: s.purchases[0], pAlive: s.pAlive[0], spend: s.spend[0] };
}

/** Expected purchases of one customer in each month of the horizon (months of 365.25/12 days). */
export function expectedMonthlyPurchases(bg: BgNbdParams, x: number, tx: number, T: number, horizonMonths = 12): number[] {
  const ex = new BgNbdExpectation(bg);
  const pa = bgNbdPAlive(bg, x, tx, T);
  const out: number[] = [];
  let prev = 0;
  for (let k = 1; k <= Math.ceil(horizonMonths - 1e-12); k++) {
    const e = ex.alive(x, T, Math.min(k, horizonMonths) * WEEKS_PER_MONTH);
    out.push(pa * (e - prev));
    prev = e;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Whole pipeline
// ---------------------------------------------------------------------------------------------

export interface ClvModel {
  bg: FitResult<BgNbdParams>;
  gg: FitResult<GammaGammaParams>;
  /** Customers present at the analysis date. */
  nCustomers: number;
  /** Of which repeat buyers (x > 0). */
  nRepeat: number;
  /** Repeat buyers whose spend entered the Gamma-Gamma fit (mean repeat spend > 0). */
  nSpend: number;
  /** Both fits converged and the spend model has a finite mean. */
  converged: boolean;
}

/** Fits both models. Call `checkModelData` first and `modelIssue` after. */
export function fitClvModel(cbs: Cbs): ClvModel {
  const bg = fitBgNbd(cbs);
  const gg = fitGammaGamma(cbs.x, cbs.mx);
  let nCustomers = 0;
  let nRepeat = 0;
  for (let i = 0; i < cbs.x.length; i++) {
    if (cbs.x[i] >= 0) nCustomers++;
    if (cbs.x[i] > 0) nRepeat++;
  }
  return { bg, gg, nCustomers, nRepeat, nSpend: gg.n, converged: bg.converged && gg.converged && gg.params.q > 1 };
}

/** The first reason the fitted model should not be used, or null. Message: `CLV_MODEL_MESSAGES[issue]` with {q}. */
export function modelIssue(model: Pick<ClvModel, 'bg' | 'gg'>): ClvModelIssue | null {
  if (!model.bg.converged) return 'purchases_not_converged';
  if (!model.gg.converged) return 'spend_not_converged';
  if (!(model.gg.params.q > 1)) return 'spend_mean_infinite';
  return null;
}

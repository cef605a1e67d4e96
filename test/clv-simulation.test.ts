/**
 * Parameter recovery and calibration on data simulated from known BG/NBD and Gamma-Gamma
 * parameters (seeded PRNG, so every run sees the same data).
 */
import { describe, expect, it } from 'vitest';
import {
  BgNbdExpectation,
  bgNbdLogLikelihood,
  bgNbdObjective,
  bgNbdPAlive,
  type Cbs,
  cbsFromOrders,
  fitBgNbd,
  fitGammaGamma,
  gammaGammaLogLikelihood,
  ggExpectedSpend,
  ggObjective,
} from '../src/core/clv';
import type { Objective } from '../src/core/optimize';

/** mulberry32: small, fast, seeded. */
function rng(seed: number) {
  let s = seed >>> 0;
  const u = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const normal = () => {
    const u1 = u() || 1e-300;
    return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u());
  };
  /** Gamma(shape k, rate 1), Marsaglia & Tsang (2000). */
  const gamma = (k: number): number => {
    if (k < 1) return gamma(k + 1) * u() ** (1 / k);
    const d = k - 1 / 3;
    const c = 1 / Math.sqrt(9 * d);
    for (;;) {
      const x = normal();
      const v = (1 + c * x) ** 3;
      if (v > 0 && Math.log(u() || 1e-300) < 0.5 * x * x + d - d * v + d * Math.log(v)) return d * v;
    }
  };
  const beta = (a: number, b: number) => {
    const x = gamma(a);
    return x / (x + gamma(b));
  };
  const exp = (rate: number) => -Math.log(1 - u()) / rate;
  return { u, gamma, beta, exp };
}

interface SimCustomer {
  lambda: number;
  p: number;
  /** Purchase times (weeks since the first purchase), first purchase at 0 excluded. */
  times: number[];
  T: number;
  /** Alive at T. */
  alive: boolean;
  /** Time of dropout if it happens (after a repeat purchase), else ∞. */
  rest: { clock: number; alive: boolean };
}

/** BG/NBD: λ ~ Gamma(r, α) (rate α), p ~ Beta(a, b); after each repeat purchase the customer drops out with probability p. */
function simulateBgNbd(seed: number, n: number, P: { r: number; alpha: number; a: number; b: number }, tMin: number, tMax: number): SimCustomer[] {
  const R = rng(seed);
  const out: SimCustomer[] = [];
  for (let i = 0; i < n; i++) {
    const lambda = R.gamma(P.r) / P.alpha;
    const p = R.beta(P.a, P.b);
    const T = tMin + (tMax - tMin) * R.u();
    const times: number[] = [];
    let t = 0;
    let alive = true;
    for (;;) {
      t += R.exp(lambda);
      if (t > T) break;
      times.push(t);
      if (R.u() < p) {
        alive = false;
        break;
      }
    }
    // Continue the process past T (for holdout checks): the clock restarts at T by memorylessness.
    out.push({ lambda, p, times, T, alive, rest: { clock: T, alive } });
  }
  return out;
}

/** Purchases of the simulated customers in (T, T + h]. */
function holdoutPurchases(seed: number, cs: SimCustomer[], h: number): number[] {
  const R = rng(seed);
  return cs.map((c) => {
    if (!c.alive) return 0;
    let n = 0;
    let t = c.T;
    for (;;) {
      t += R.exp(c.lambda);
      if (t > c.T + h) return n;
      n++;
      if (R.u() < c.p) return n;
    }
  });
}

function toCbs(cs: SimCustomer[]): Cbs {
  return {
    x: Float64Array.from(cs.map((c) => c.times.length)),
    tx: Float64Array.from(cs.map((c) => (c.times.length ? c.times[c.times.length - 1] : 0))),
    T: Float64Array.from(cs.map((c) => c.T)),
    mx: new Float64Array(cs.length),
  };
}

/** Asymptotic standard errors of log-parameters from the Hessian of f = −LL/N (finite differences of the analytic gradient). */
function logParamSE(f: Objective, theta: number[], n: number): number[] {
  const k = theta.length;
  const H: number[][] = [];
  const g1 = new Float64Array(k);
  const g2 = new Float64Array(k);
  for (let i = 0; i < k; i++) {
    const h = 1e-5;
    const up = Float64Array.from(theta);
    const dn = Float64Array.from(theta);
    up[i] += h;
    dn[i] -= h;
    f(up, g1);
    f(dn, g2);
    H.push(Array.from(g1, (v, j) => (v - g2[j]) / (2 * h)));
  }
  // Symmetrise and invert (Gauss–Jordan).
  const A = H.map((row, i) => row.map((v, j) => (v + H[j][i]) / 2).concat(Array.from({ length: k }, (_, j) => (i === j ? 1 : 0))));
  for (let c = 0; c < k; c++) {
    let piv = c;
    for (let r = c + 1; r < k; r++) if (Math.abs(A[r][c]) > Math.abs(A[piv][c])) piv = r;
    [A[c], A[piv]] = [A[piv], A[c]];
    const d = A[c][c];
    for (let j = 0; j < 2 * k; j++) A[c][j] /= d;
    for (let r = 0; r < k; r++) {
      if (r === c) continue;
      const m = A[r][c];
      for (let j = 0; j < 2 * k; j++) A[r][j] -= m * A[c][j];
    }
  }
  return Array.from({ length: k }, (_, i) => Math.sqrt(A[i][k + i] / n));
}

describe('BG/NBD: simulation from known parameters', () => {
  const TRUE = { r: 0.6, alpha: 4, a: 0.8, b: 2.5 };
  const N = 5000;
  const sim = simulateBgNbd(20240601, N, TRUE, 13, 78);
  const cbs = toCbs(sim);
  const fit = fitBgNbd(cbs);
  const est = fit.params;
  const theta = [Math.log(est.r), Math.log(est.alpha), Math.log(est.a), Math.log(est.b)];
  const se = logParamSE(bgNbdObjective(cbs), theta, N);

  it('recovers r, α, a, b within 3.5 standard errors (and within 30%)', () => {
    expect(fit.converged).toBe(true);
    expect(fit.atBound).toBe(false);
    const truth = [TRUE.r, TRUE.alpha, TRUE.a, TRUE.b];
    truth.forEach((v, i) => {
      expect(se[i]).toBeGreaterThan(0);
      expect(se[i]).toBeLessThan(0.3);
      expect(Math.abs(theta[i] - Math.log(v))).toBeLessThan(3.5 * se[i]);
      expect(Math.abs(Math.exp(theta[i]) / v - 1)).toBeLessThan(0.3);
    });
  });

  it('the MLE beats the true parameters on its own data, and is a local maximum', () => {
    expect(fit.ll).toBeGreaterThanOrEqual(bgNbdLogLikelihood(TRUE, cbs));
    for (let i = 0; i < 4; i++) {
      for (const h of [-0.01, 0.01]) {
        const t = theta.slice();
        t[i] += h;
        const P = { r: Math.exp(t[0]), alpha: Math.exp(t[1]), a: Math.exp(t[2]), b: Math.exp(t[3]) };
        expect(bgNbdLogLikelihood(P, cbs)).toBeLessThan(fit.ll);
      }
    }
  });

  it('P(alive) is calibrated: its mean by x equals the share actually alive', () => {
    // Group repeat buyers by x; compare Σ P(alive) with the count alive (binomial noise, 4 sd).
    const groups = new Map<number, { p: number; v: number; alive: number }>();
    sim.forEach((c, i) => {
      const x = cbs.x[i];
      if (x === 0) return;
      const key = Math.min(x, 6);
      const pa = bgNbdPAlive(TRUE, x, cbs.tx[i], cbs.T[i]);
      const g = groups.get(key) ?? { p: 0, v: 0, alive: 0 };
      g.p += pa;
      g.v += pa * (1 - pa);
      g.alive += c.alive ? 1 : 0;
      groups.set(key, g);
    });
    expect(groups.size).toBe(6);
    for (const g of groups.values()) expect(Math.abs(g.alive - g.p)).toBeLessThan(4 * Math.sqrt(g.v) + 1);
    // And customers with x = 0 are all alive, as the model says.
    sim.forEach((c, i) => {
      if (cbs.x[i] === 0) expect(c.alive).toBe(true);
    });
  });

  it('conditional expectations forecast the simulated next 52 weeks (total within 4%)', () => {
    const future = holdoutPurchases(777, sim, 52);
    const actual = future.reduce((s, v) => s + v, 0);
    const ex = new BgNbdExpectation(TRUE);
    let forecast = 0;
    for (let i = 0; i < N; i++) forecast += bgNbdPAlive(TRUE, cbs.x[i], cbs.tx[i], cbs.T[i]) * ex.alive(cbs.x[i], cbs.T[i], 52);
    expect(actual).toBeGreaterThan(1000);
    expect(Math.abs(forecast / actual - 1)).toBeLessThan(0.04);
    // Also by calibration frequency: the heavy buyers' forecast tracks their actual purchases.
    let fHeavy = 0;
    let aHeavy = 0;
    for (let i = 0; i < N; i++) {
      if (cbs.x[i] < 5) continue;
      fHeavy += bgNbdPAlive(TRUE, cbs.x[i], cbs.tx[i], cbs.T[i]) * ex.alive(cbs.x[i], cbs.T[i], 52);
      aHeavy += future[i];
    }
    expect(Math.abs(fHeavy / aHeavy - 1)).toBeLessThan(0.08);
  });

  it('end to end through day-level order rows (same-day merge, rounding to days) gives nearly the same fit', () => {
    const cust: number[] = [];
    const days: number[] = [];
    const amounts: number[] = [];
    const start = 10_000;
    const analysisDay = start + 78 * 7;
    sim.forEach((c, i) => {
      const first = analysisDay - Math.round(c.T * 7);
      cust.push(i);
      days.push(first);
      amounts.push(10);
      for (const t of c.times) {
        cust.push(i);
        days.push(Math.min(analysisDay, first + Math.round(t * 7)));
        amounts.push(10);
      }
    });
    const daily = cbsFromOrders(cust, days, amounts, N, analysisDay);
    const f2 = fitBgNbd(daily);
    expect(f2.converged).toBe(true);
    const th2 = [Math.log(f2.params.r), Math.log(f2.params.alpha), Math.log(f2.params.a), Math.log(f2.params.b)];
    // Rounding event times to whole days perturbs the data slightly: allow 2 standard errors.
    for (let i = 0; i < 4; i++) expect(Math.abs(th2[i] - theta[i])).toBeLessThan(2 * se[i]);
  });
});

describe('Gamma-Gamma: simulation from known parameters', () => {
  const TRUE = { p: 4, q: 3, gamma: 20 };
  const N = 5000;
  const R = rng(99);
  const x = new Float64Array(N);
  const mx = new Float64Array(N);
  const nextValue = new Float64Array(N);
  for (let i = 0; i < N; i++) {
    const nu = R.gamma(TRUE.q) / TRUE.gamma; // ν ~ Gamma(q, rate γ)
    const k = 1 + Math.floor(R.u() * 8);
    let s = 0;
    for (let j = 0; j < k; j++) s += R.gamma(TRUE.p) / nu; // z ~ Gamma(p, rate ν)
    x[i] = k;
    mx[i] = s / k;
    nextValue[i] = R.gamma(TRUE.p) / nu;
  }
  const fit = fitGammaGamma(x, mx);
  const th = [Math.log(fit.params.p), Math.log(fit.params.q), Math.log(fit.params.gamma)];

  it('recovers p, q, γ within 3.5 standard errors (and within 20%)', () => {
    expect(fit.converged).toBe(true);
    expect(fit.n).toBe(N);
    // The objective is in spend rescaled by its mean, so γ's log is shifted by that constant.
    let mean = 0;
    for (const v of mx) mean += v / N;
    const se = logParamSE(ggObjective(x, mx), [th[0], th[1], th[2] - Math.log(mean)], N);
    const truth = [TRUE.p, TRUE.q, TRUE.gamma];
    truth.forEach((v, i) => {
      expect(Math.abs(th[i] - Math.log(v))).toBeLessThan(3.5 * se[i]);
      expect(Math.abs(Math.exp(th[i]) / v - 1)).toBeLessThan(0.2);
    });
    expect(fit.ll).toBeGreaterThanOrEqual(gammaGammaLogLikelihood(TRUE, x, mx));
  });

  it('the fit does not depend on the currency unit (×1000 spend → ×1000 γ, same p and q)', () => {
    const scaled = fitGammaGamma(
      x,
      mx.map((v) => v * 1000),
    );
    expect(scaled.params.p).toBeCloseTo(fit.params.p, 6);
    expect(scaled.params.q).toBeCloseTo(fit.params.q, 6);
    expect(scaled.params.gamma / 1000).toBeCloseTo(fit.params.gamma, 4);
    expect(scaled.ll).toBeCloseTo(fit.ll - N * Math.log(1000), 5);
  });

  it('expected spend predicts the next purchase value without bias, better than the raw mean', () => {
    let pred = 0;
    let actual = 0;
    let errModel = 0;
    let errRaw = 0;
    for (let i = 0; i < N; i++) {
      const e = ggExpectedSpend(TRUE, x[i], mx[i]);
      pred += e;
      actual += nextValue[i];
      errModel += (e - nextValue[i]) ** 2;
      errRaw += (mx[i] - nextValue[i]) ** 2;
    }
    expect(Math.abs(pred / actual - 1)).toBeLessThan(0.03);
    expect(errModel).toBeLessThan(errRaw);
  });
});

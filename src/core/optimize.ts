/**
 * Deterministic unconstrained minimisers for small problems (a handful of parameters), used to fit
 * the CLV models by maximum likelihood. Pure; no randomness.
 *
 * - `minimizeBfgs`: quasi-Newton BFGS with an inverse-Hessian update and a line search satisfying
 *   the strong Wolfe conditions (Nocedal & Wright, Numerical Optimization, 2nd ed., Alg. 3.5/3.6).
 *   Needs the gradient. A non-finite objective value is treated as "outside the domain": the line
 *   search shortens the step instead of accepting it.
 * - `minimizeNelderMead`: derivative-free simplex method (standard coefficients 1, 2, 0.5, 0.5),
 *   a fallback and a cross-check.
 */

/** Objective: returns f(x) and, when `grad` is given, writes ∇f(x) into it. */
export type Objective = (x: Float64Array, grad: Float64Array | null) => number;

export interface MinimizeResult {
  x: Float64Array;
  f: number;
  /** Gradient at `x` (BFGS only; NaN-free when `f` is finite). */
  grad: Float64Array;
  /** Largest absolute gradient component at `x` (NaN for Nelder–Mead). */
  gradNorm: number;
  iterations: number;
  evaluations: number;
  converged: boolean;
  /** Why it stopped. */
  status: 'gradient' | 'no_progress' | 'max_iterations' | 'non_finite_start' | 'simplex';
}

export interface BfgsOptions {
  /** Converged when max |∇f| ≤ gtol. Default 1e-8. */
  gtol?: number;
  maxIterations?: number;
  /** When progress stalls, the point still counts as converged if max |∇f| ≤ looseGtol. Default 1e-5. */
  looseGtol?: number;
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

function maxAbs(a: Float64Array): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) {
    const v = Math.abs(a[i]);
    if (!(v <= m)) m = v; // NaN propagates
  }
  return m;
}

interface LinePoint {
  alpha: number;
  f: number;
  d: number; // directional derivative
}

/**
 * Strong-Wolfe line search along p from x (f0, g0 known). Writes the accepted point into xNew/gNew.
 * Returns the accepted step's f, or NaN if no acceptable point was found.
 */
function lineSearch(
  fun: Objective,
  x: Float64Array,
  f0: number,
  d0: number,
  p: Float64Array,
  xNew: Float64Array,
  gNew: Float64Array,
  counter: { n: number },
  alphaInit: number,
): { alpha: number; f: number } | null {
  const c1 = 1e-4;
  const c2 = 0.9;
  const n = x.length;
  const evalAt = (alpha: number): LinePoint => {
    for (let i = 0; i < n; i++) xNew[i] = x[i] + alpha * p[i];
    counter.n++;
    const f = fun(xNew, gNew);
    const d = Number.isFinite(f) ? dot(gNew, p) : Number.NaN;
    if (!Number.isFinite(d)) return { alpha, f: Number.POSITIVE_INFINITY, d: Number.NaN };
    return { alpha, f, d };
  };
  // Approximate Wolfe (Hager & Zhang 2005): near the optimum f is at rounding level, so accept a
  // point whose f is within rounding of f0 when its slope already satisfies the curvature condition.
  const fNoise = 1e-13 * Math.max(1, Math.abs(f0));
  const approxWolfe = (pt: LinePoint) => pt.f <= f0 + fNoise && pt.d >= c2 * d0 && pt.d <= -c2 * d0;
  const zoom = (lo: LinePoint, hi: LinePoint): LinePoint | null => {
    for (let it = 0; it < 30; it++) {
      // Cubic-free safeguarded interpolation: quadratic from (lo.f, lo.d, hi.f) when sensible, else bisection.
      let a: number;
      const dA = hi.alpha - lo.alpha;
      if (Number.isFinite(hi.f)) {
        const denom = 2 * (hi.f - lo.f - lo.d * dA);
        a = denom > 0 ? lo.alpha - (lo.d * dA * dA) / denom : lo.alpha + 0.5 * dA;
      } else a = lo.alpha + 0.5 * dA;
      const lowB = Math.min(lo.alpha, hi.alpha);
      const span = Math.abs(dA);
      if (!(a > lowB + 0.1 * span && a < lowB + 0.9 * span)) a = lo.alpha + 0.5 * dA;
      const pt = evalAt(a);
      if (Number.isFinite(pt.f) && approxWolfe(pt)) return pt;
      if (!Number.isFinite(pt.f) || pt.f > f0 + c1 * a * d0 || pt.f >= lo.f) hi = pt;
      else {
        if (Math.abs(pt.d) <= -c2 * d0) return pt;
        if (pt.d * dA >= 0) hi = lo;
        lo = pt;
      }
      if (Math.abs(hi.alpha - lo.alpha) < 1e-16 * Math.max(1, Math.abs(lo.alpha))) break;
    }
    // Accept the best sufficient-decrease point found, if it improves f.
    if (lo.alpha > 0 && lo.f < f0) {
      evalAt(lo.alpha); // restore xNew/gNew for lo
      return lo;
    }
    return null;
  };

  let prev: LinePoint = { alpha: 0, f: f0, d: d0 };
  let alpha = alphaInit;
  for (let it = 0; it < 60; it++) {
    const pt = evalAt(alpha);
    if (!Number.isFinite(pt.f)) {
      // Outside the domain: shrink towards the last good point.
      const res = zoom(prev, pt);
      return res ? { alpha: res.alpha, f: res.f } : null;
    }
    if (approxWolfe(pt)) return { alpha, f: pt.f };
    if (pt.f > f0 + c1 * alpha * d0 || (it > 0 && pt.f >= prev.f)) {
      const res = zoom(prev, pt);
      return res ? { alpha: res.alpha, f: res.f } : null;
    }
    if (Math.abs(pt.d) <= -c2 * d0) return { alpha, f: pt.f };
    if (pt.d >= 0) {
      const res = zoom(pt, prev);
      return res ? { alpha: res.alpha, f: res.f } : null;
    }
    prev = pt;
    alpha *= 2;
  }
  return null;
}

/** BFGS minimisation of `fun` from `x0`. Deterministic. */
export function minimizeBfgs(fun: Objective, x0: ArrayLike<number>, options: BfgsOptions = {}): MinimizeResult {
  const n = x0.length;
  const gtol = options.gtol ?? 1e-8;
  const looseGtol = options.looseGtol ?? 1e-5;
  const maxIterations = options.maxIterations ?? 500;
  const x = Float64Array.from(x0);
  const g = new Float64Array(n);
  const counter = { n: 1 };
  let f = fun(x, g);
  if (!Number.isFinite(f) || !Number.isFinite(maxAbs(g))) {
    return { x, f: Number.NaN, grad: g, gradNorm: Number.NaN, iterations: 0, evaluations: 1, converged: false, status: 'non_finite_start' };
  }
  // Inverse Hessian approximation, row-major.
  const H = new Float64Array(n * n);
  const resetH = (scale: number) => {
    H.fill(0);
    for (let i = 0; i < n; i++) H[i * n + i] = scale;
  };
  resetH(1);
  const p = new Float64Array(n);
  const xNew = new Float64Array(n);
  const gNew = new Float64Array(n);
  const s = new Float64Array(n);
  const y = new Float64Array(n);
  const Hy = new Float64Array(n);
  let iterations = 0;
  let status: MinimizeResult['status'] = 'max_iterations';
  let stalls = 0;
  let first = true;
  let justReset = true;
  while (iterations < maxIterations) {
    if (maxAbs(g) <= gtol) {
      status = 'gradient';
      break;
    }
    for (let i = 0; i < n; i++) {
      let v = 0;
      for (let j = 0; j < n; j++) v -= H[i * n + j] * g[j];
      p[i] = v;
    }
    let d0 = dot(p, g);
    if (!(d0 < 0)) {
      // Not a descent direction (numerical trouble): restart from steepest descent.
      resetH(1);
      for (let i = 0; i < n; i++) p[i] = -g[i];
      d0 = dot(p, g);
    }
    // First step: keep the initial move modest (log-parameters change by at most ~1).
    const alphaInit = first ? Math.min(1, 1 / Math.max(1e-12, maxAbs(p))) : 1;
    const ls = lineSearch(fun, x, f, d0, p, xNew, gNew, counter, alphaInit);
    iterations++;
    if (!ls) {
      if (!justReset && maxAbs(g) > looseGtol) {
        // Retry from steepest descent with a fresh inverse Hessian before giving up.
        resetH(1);
        first = true;
        justReset = true;
        continue;
      }
      status = 'no_progress';
      break;
    }
    justReset = false;
    for (let i = 0; i < n; i++) {
      s[i] = xNew[i] - x[i];
      y[i] = gNew[i] - g[i];
    }
    const fOld = f;
    x.set(xNew);
    g.set(gNew);
    f = ls.f;
    const sy = dot(s, y);
    if (sy > 1e-300) {
      if (first) {
        // Scale the initial inverse Hessian (Nocedal & Wright eq. 6.20).
        resetH(sy / dot(y, y));
      }
      for (let i = 0; i < n; i++) {
        let v = 0;
        for (let j = 0; j < n; j++) v += H[i * n + j] * y[j];
        Hy[i] = v;
      }
      const yHy = dot(y, Hy);
      const rho = 1 / sy;
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < n; j++) {
          H[i * n + j] += -rho * (Hy[i] * s[j] + s[i] * Hy[j]) + (rho * rho * yHy + rho) * s[i] * s[j];
        }
      }
    }
    first = false;
    if (Math.abs(fOld - f) <= 1e-16 * Math.max(1, Math.abs(f))) {
      stalls++;
      if (stalls >= 3) {
        status = 'no_progress';
        break;
      }
    } else stalls = 0;
  }
  const gradNorm = maxAbs(g);
  const converged = gradNorm <= gtol || (status === 'no_progress' && gradNorm <= looseGtol);
  if (converged) status = gradNorm <= gtol ? 'gradient' : status;
  return { x, f, grad: g, gradNorm, iterations, evaluations: counter.n, converged, status };
}

export interface NelderMeadOptions {
  /** Initial simplex step per coordinate. Default 0.5. */
  step?: number;
  maxEvaluations?: number;
  /** Stops when the simplex's f-values and coordinates agree to these tolerances. */
  ftol?: number;
  xtol?: number;
}

/** Nelder–Mead simplex minimisation (no gradient). `converged` means the simplex collapsed within tolerance. */
export function minimizeNelderMead(fun: Objective, x0: ArrayLike<number>, options: NelderMeadOptions = {}): MinimizeResult {
  const n = x0.length;
  const step = options.step ?? 0.5;
  const maxEval = options.maxEvaluations ?? 4000 * n;
  const ftol = options.ftol ?? 1e-12;
  const xtol = options.xtol ?? 1e-9;
  const F = (v: Float64Array) => {
    const r = fun(v, null);
    return Number.isFinite(r) ? r : Number.POSITIVE_INFINITY;
  };
  const pts: Float64Array[] = [];
  const fv: number[] = [];
  pts.push(Float64Array.from(x0));
  for (let i = 0; i < n; i++) {
    const v = Float64Array.from(x0);
    v[i] += step;
    pts.push(v);
  }
  for (const v of pts) fv.push(F(v));
  let evals = n + 1;
  let iterations = 0;
  let converged = false;
  const centroid = new Float64Array(n);
  const xr = new Float64Array(n);
  const xe = new Float64Array(n);
  const xc = new Float64Array(n);
  while (evals < maxEval) {
    iterations++;
    // Sort by f (stable: ties keep order), n+1 points.
    const order = fv.map((_, i) => i).sort((i, j) => fv[i] - fv[j] || i - j);
    const sp = order.map((i) => pts[i]);
    const sf = order.map((i) => fv[i]);
    for (let i = 0; i <= n; i++) {
      pts[i] = sp[i];
      fv[i] = sf[i];
    }
    let xspread = 0;
    for (let i = 1; i <= n; i++) for (let j = 0; j < n; j++) xspread = Math.max(xspread, Math.abs(pts[i][j] - pts[0][j]));
    if (Math.abs(fv[n] - fv[0]) <= ftol * Math.max(1, Math.abs(fv[0])) && xspread <= xtol) {
      converged = Number.isFinite(fv[0]);
      break;
    }
    centroid.fill(0);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) centroid[j] += pts[i][j] / n;
    for (let j = 0; j < n; j++) xr[j] = centroid[j] + (centroid[j] - pts[n][j]);
    const fr = F(xr);
    evals++;
    if (fr < fv[0]) {
      for (let j = 0; j < n; j++) xe[j] = centroid[j] + 2 * (centroid[j] - pts[n][j]);
      const fe = F(xe);
      evals++;
      if (fe < fr) {
        pts[n] = Float64Array.from(xe);
        fv[n] = fe;
      } else {
        pts[n] = Float64Array.from(xr);
        fv[n] = fr;
      }
      continue;
    }
    if (fr < fv[n - 1]) {
      pts[n] = Float64Array.from(xr);
      fv[n] = fr;
      continue;
    }
    const outside = fr < fv[n];
    for (let j = 0; j < n; j++) xc[j] = outside ? centroid[j] + 0.5 * (xr[j] - centroid[j]) : centroid[j] + 0.5 * (pts[n][j] - centroid[j]);
    const fc = F(xc);
    evals++;
    if (fc < (outside ? fr : fv[n])) {
      pts[n] = Float64Array.from(xc);
      fv[n] = fc;
      continue;
    }
    // Shrink towards the best point.
    for (let i = 1; i <= n; i++) {
      for (let j = 0; j < n; j++) pts[i][j] = pts[0][j] + 0.5 * (pts[i][j] - pts[0][j]);
      fv[i] = F(pts[i]);
      evals++;
    }
  }
  let best = 0;
  for (let i = 1; i <= n; i++) if (fv[i] < fv[best]) best = i;
  return {
    x: Float64Array.from(pts[best]),
    f: fv[best],
    grad: new Float64Array(n).fill(Number.NaN),
    gradNorm: Number.NaN,
    iterations,
    evaluations: evals,
    converged,
    status: 'simplex',
  };
}

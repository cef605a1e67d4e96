import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { minimizeBfgs, minimizeNelderMead, type Objective } from '../src/core/optimize';

const rosenbrock: Objective = (x, g) => {
  const a = 1 - x[0];
  const b = x[1] - x[0] * x[0];
  if (g) {
    g[0] = -2 * a - 400 * x[0] * b;
    g[1] = 200 * b;
  }
  return a * a + 100 * b * b;
};

/** f(x) = Σ (x_i − ln x_i), minimum 1 at x = 1; outside the domain (x ≤ 0) it is +∞. */
const logBarrier: Objective = (x, g) => {
  let f = 0;
  for (let i = 0; i < x.length; i++) {
    if (!(x[i] > 0)) return Number.POSITIVE_INFINITY;
    f += x[i] - Math.log(x[i]);
    if (g) g[i] = 1 - 1 / x[i];
  }
  return f;
};

describe('minimizeBfgs', () => {
  it('finds the Rosenbrock minimum (1, 1) from the classic start (−1.2, 1)', () => {
    const r = minimizeBfgs(rosenbrock, [-1.2, 1]);
    expect(r.converged).toBe(true);
    expect(r.status).toBe('gradient');
    expect(r.x[0]).toBeCloseTo(1, 7);
    expect(r.x[1]).toBeCloseTo(1, 7);
    expect(r.f).toBeLessThan(1e-14);
    expect(r.iterations).toBeLessThan(100);
  });

  it('solves ill-conditioned quadratics (condition number 1e6)', () => {
    const d = [1, 10, 1e3, 1e5, 1e6];
    const c = [3, -2, 0.5, 7, -1];
    const f: Objective = (x, g) => {
      let s = 0;
      for (let i = 0; i < 5; i++) {
        const e = x[i] - c[i];
        s += 0.5 * d[i] * e * e;
        if (g) g[i] = d[i] * e;
      }
      return s;
    };
    const r = minimizeBfgs(f, [0, 0, 0, 0, 0], { gtol: 1e-9 });
    expect(r.converged).toBe(true);
    for (let i = 0; i < 5; i++) expect(r.x[i]).toBeCloseTo(c[i], 8);
  });

  it('random SPD quadratics: the minimiser solves A x = b', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -2, max: 2, noNaN: true }), { minLength: 16, maxLength: 16 }),
        fc.array(fc.double({ min: -5, max: 5, noNaN: true }), { minLength: 4, maxLength: 4 }),
        (m, b) => {
          // A = MᵀM + I (symmetric positive definite).
          const A = new Float64Array(16);
          for (let i = 0; i < 4; i++)
            for (let j = 0; j < 4; j++) {
              let s = i === j ? 1 : 0;
              for (let k = 0; k < 4; k++) s += m[k * 4 + i] * m[k * 4 + j];
              A[i * 4 + j] = s;
            }
          const f: Objective = (x, g) => {
            let s = 0;
            for (let i = 0; i < 4; i++) {
              let ax = 0;
              for (let j = 0; j < 4; j++) ax += A[i * 4 + j] * x[j];
              s += 0.5 * x[i] * ax - b[i] * x[i];
              if (g) g[i] = ax - b[i];
            }
            return s;
          };
          const r = minimizeBfgs(f, [0, 0, 0, 0], { gtol: 1e-10 });
          expect(r.converged).toBe(true);
          for (let i = 0; i < 4; i++) {
            let ax = 0;
            for (let j = 0; j < 4; j++) ax += A[i * 4 + j] * r.x[j];
            expect(Math.abs(ax - b[i])).toBeLessThan(1e-8);
          }
        },
      ),
      { seed: 11, numRuns: 100 },
    );
  });

  it('treats +∞ as outside the domain and still converges (x − ln x from far away)', () => {
    const r = minimizeBfgs(logBarrier, [50, 0.01, 7]);
    expect(r.converged).toBe(true);
    for (const v of r.x) expect(v).toBeCloseTo(1, 7);
    expect(r.f).toBeCloseTo(3, 12);
  });

  it('reports a non-finite start and iteration exhaustion as not converged', () => {
    const bad = minimizeBfgs(logBarrier, [-1, 1]);
    expect(bad.converged).toBe(false);
    expect(bad.status).toBe('non_finite_start');
    const short = minimizeBfgs(rosenbrock, [-1.2, 1], { maxIterations: 3 });
    expect(short.converged).toBe(false);
    expect(short.status).toBe('max_iterations');
    expect(Number.isFinite(short.f)).toBe(true);
  });

  it('an unbounded-below objective is not reported as converged', () => {
    const linear: Objective = (x, g) => {
      if (g) g[0] = -1;
      return -x[0];
    };
    const r = minimizeBfgs(linear, [0], { maxIterations: 50 });
    expect(r.converged).toBe(false);
  });

  it('is deterministic: identical runs give bit-identical results', () => {
    const a = minimizeBfgs(rosenbrock, [-1.2, 1]);
    const b = minimizeBfgs(rosenbrock, [-1.2, 1]);
    expect(Array.from(a.x)).toEqual(Array.from(b.x));
    expect(a.evaluations).toBe(b.evaluations);
  });
});

describe('minimizeNelderMead', () => {
  it('finds the Rosenbrock minimum without gradients', () => {
    const r = minimizeNelderMead(rosenbrock, [-1.2, 1], { maxEvaluations: 20000 });
    expect(r.converged).toBe(true);
    expect(r.x[0]).toBeCloseTo(1, 5);
    expect(r.x[1]).toBeCloseTo(1, 5);
  });

  it('respects the domain (+∞ outside) and agrees with BFGS', () => {
    const nm = minimizeNelderMead(logBarrier, [3, 0.2, 5]);
    const bf = minimizeBfgs(logBarrier, [3, 0.2, 5]);
    for (let i = 0; i < 3; i++) expect(nm.x[i]).toBeCloseTo(bf.x[i], 5);
  });

  it('stops at the evaluation budget without claiming convergence', () => {
    const r = minimizeNelderMead(rosenbrock, [-1.2, 1], { maxEvaluations: 30 });
    expect(r.converged).toBe(false);
    expect(r.evaluations).toBeLessThanOrEqual(33);
  });
});

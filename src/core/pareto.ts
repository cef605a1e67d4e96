/**
 * Pareto (80/20, ABC) analysis over customer totals.
 *
 * - Customers are ranked by total, descending; equal totals share a rank (1 + how many totals are
 *   strictly greater) and the class of the first of them.
 * - Class A: the cumulative share of the positive total *before* the customer is below `aShare`,
 *   so the customer who crosses 80% is still in A. Class B: below `bShare`. Else C.
 * - Zero or negative totals (net returns) are C and ranked after all positive totals.
 * - Share: the cumulative share of the positive total up to and including the customer's tie
 *   group (so tied customers get the same share); non-positive totals have share 1 when there is
 *   any positive revenue, else 0.
 */
export type ParetoClass = 'A' | 'B' | 'C';

export interface ParetoResult {
  rank: Int32Array;
  share: Float64Array;
  cls: ParetoClass[];
}

export function paretoClasses(totals: ArrayLike<number>, aShare = 0.8, bShare = 0.95): ParetoResult {
  const n = totals.length;
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  // Descending by total; ties by input position so the result is deterministic.
  const sorted = Array.from(order).sort((i, j) => totals[j] - totals[i] || i - j);
  let positive = 0;
  for (let i = 0; i < n; i++) if (totals[i] > 0) positive += totals[i];
  const rank = new Int32Array(n);
  const share = new Float64Array(n);
  const cls: ParetoClass[] = new Array(n);
  let before = 0;
  let k = 0;
  while (k < n) {
    const t = totals[sorted[k]];
    let end = k;
    let groupSum = 0;
    while (end < n && totals[sorted[end]] === t) {
      groupSum += t;
      end++;
    }
    let c: ParetoClass;
    let s: number;
    if (t > 0) {
      const shareBefore = before / positive;
      c = shareBefore < aShare ? 'A' : shareBefore < bShare ? 'B' : 'C';
      before += groupSum;
      s = Math.min(1, before / positive);
    } else {
      c = 'C';
      s = positive > 0 ? 1 : 0;
    }
    for (let q = k; q < end; q++) {
      const i = sorted[q];
      rank[i] = k + 1;
      share[i] = s;
      cls[i] = c;
    }
    k = end;
  }
  return { rank, share, cls };
}

export interface ParetoSummary {
  customers: number;
  /** Net total of all customers. */
  total: number;
  /** Fewest customers (best first) whose positive totals reach 80% of the positive total. */
  count80: number;
  /** count80 / customers. */
  pct80: number;
  /** Share of the positive total brought by the top 20% of customers (Lorenz curve, interpolated). */
  top20Share: number;
  /** Gini coefficient of the totals (negative totals counted as 0). */
  gini: number;
}

export function paretoSummary(totals: ArrayLike<number>, target = 0.8): ParetoSummary {
  const n = totals.length;
  const v = Float64Array.from(totals as ArrayLike<number>, (x) => Math.max(x, 0)).sort();
  let total = 0;
  for (let i = 0; i < n; i++) total += totals[i];
  let positive = 0;
  for (let i = 0; i < n; i++) positive += v[i];
  if (n === 0 || positive <= 0) return { customers: n, total, count80: 0, pct80: 0, top20Share: 0, gini: 0 };
  // Walk from the largest down.
  let cum = 0;
  let count80 = 0;
  for (let i = n - 1; i >= 0; i--) {
    cum += v[i];
    count80++;
    if (cum >= target * positive * (1 - 1e-12)) break;
  }
  // Top 20%: the first floor(0.2n) customers whole, plus the fraction of the next.
  const top = 0.2 * n;
  const whole = Math.floor(top);
  let topSum = 0;
  for (let q = 0; q < whole; q++) topSum += v[n - 1 - q];
  if (whole < n) topSum += (top - whole) * v[n - 1 - whole];
  // Gini = sum_i (2i - n - 1) x_(i) / (n * sum x), ascending order, 1-based i.
  let g = 0;
  for (let i = 0; i < n; i++) g += (2 * (i + 1) - n - 1) * v[i];
  const gini = g / (n * positive);
  return { customers: n, total, count80, pct80: count80 / n, top20Share: topSum / positive, gini };
}

/**
 * The Pareto curve: `[share of customers (largest first), cumulative share of the positive total]`
 * at `steps + 1` evenly spaced customer shares from 0 to 1, interpolated between customers.
 */
export function paretoCurve(totals: ArrayLike<number>, steps = 100): [number, number][] {
  const n = totals.length;
  const v = Float64Array.from(totals as ArrayLike<number>, (x) => Math.max(x, 0)).sort();
  let positive = 0;
  for (let i = 0; i < n; i++) positive += v[i];
  const out: [number, number][] = [];
  if (n === 0 || positive <= 0) return out;
  // cum[k] = share of the k largest customers.
  const cum = new Float64Array(n + 1);
  for (let k = 1; k <= n; k++) cum[k] = cum[k - 1] + v[n - k] / positive;
  for (let s = 0; s <= steps; s++) {
    const x = s / steps;
    const pos = x * n;
    const k = Math.min(n - 1, Math.floor(pos));
    const y = s === steps ? 1 : cum[k] + (pos - k) * (cum[k + 1] - cum[k]);
    out.push([x, Math.min(1, y)]);
  }
  return out;
}

/**
 * RFM scoring (recency, frequency, monetary), reproducing the R package `rfm` v0.3.0 exactly.
 *
 * How the package scores (R/utils.R `bins()`, `bins_lower()`, `bins_upper()` and the loops of
 * `rfm_prep_bins()` in R/rfm-table-transaction.R, v0.3.0), per dimension and with `n` bins (5):
 *  1. `quantile(x, probs = seq(0, 1, length.out = n + 1))` — R's default type 7 — without the
 *     0% and 100% values, plus 1: breaks `b_k = Q(k/n) + 1`, k = 1..n-1;
 *  2. intervals `[min(x), b_1)`, `[b_1, b_2)`, …, `[b_{n-1}, max(x) + 1)`;
 *  3. a value in interval i (1-based; a later interval wins, as the R loop overwrites) scores i for
 *     frequency and monetary, and n + 1 - i for recency (fewer days since the last order is better).
 * Equal values therefore always share a score, and breaks that coincide (many equal values) simply
 * leave some scores unused; nothing fails. For whole numbers (days, order counts) `x ≥ Q + 1` is the
 * same as `x > Q`, so a customer scores above a break when strictly above that quantile.
 *
 * `rfm_table_order()` aggregates per customer: recency_days = analysis_date − most recent order
 * date (days), transaction_count = number of order rows (`.N`, not distinct days), amount = sum of
 * revenue. `rfm_table_customer()` takes those three columns as given and scores them the same way.
 *
 * Pure: plain numbers in and out, no Apps Script globals. Sorting once per dimension: O(n log n).
 */

/** One customer's aggregated behaviour. */
export interface RfmInput {
  /** Days from the last order to the analysis date. */
  recencyDays: number;
  /** Number of orders. */
  frequency: number;
  /** Total amount. */
  monetary: number;
}

/** Scores 1..bins (1..5 by default) per dimension; 5 is best (most recent, most frequent, highest spend). */
export interface RfmScore {
  r: number;
  f: number;
  m: number;
}

/** Lower and upper bounds of each score's interval, as the package's `threshold` table. */
export interface RfmDimensionThresholds {
  /** `lower[i]` ≤ value < `upper[i]` gets interval i + 1 (score i + 1, or bins − i for recency). */
  lower: number[];
  upper: number[];
}

export interface RfmThresholds {
  recency: RfmDimensionThresholds;
  frequency: RfmDimensionThresholds;
  monetary: RfmDimensionThresholds;
}

/** Default number of bins per dimension, as in the package. */
export const RFM_BINS = 5;

function checkBins(bins: number): void {
  if (!Number.isInteger(bins) || bins < 1 || bins > 9) throw new RangeError(`rfm: bins must be an integer from 1 to 9, got ${bins}`);
}

/**
 * R's `quantile(x, p, type = 7)` on values already sorted ascending, with R's exact arithmetic:
 * index = 1 + (n − 1)p, interpolating between the neighbours only when they differ.
 */
export function quantileType7(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const index = 1 + (n - 1) * p;
  const lo = Math.floor(index);
  const hi = Math.ceil(index);
  let q = sorted[lo - 1];
  if (index > lo && sorted[hi - 1] !== q) {
    const h = index - lo;
    q = (1 - h) * q + h * sorted[hi - 1];
  }
  return q;
}

/** Copies into a Float64Array and sorts ascending; throws on a value that is not a finite number. */
function sortedCopy(values: ArrayLike<number>, what: string): Float64Array {
  const n = values.length;
  const a = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (typeof v !== 'number' || !Number.isFinite(v)) throw new RangeError(`rfm: ${what}[${i}] is not a finite number: ${String(v)}`);
    a[i] = v;
  }
  return a.sort();
}

/** The package's thresholds for one dimension: `lower = [min, b_1..b_{n-1}]`, `upper = [b_1..b_{n-1}, max + 1]`. */
function thresholdsOfSorted(sorted: Float64Array, bins: number): RfmDimensionThresholds {
  const n = sorted.length;
  const by = 1 / bins; // R: seq(0, 1, length.out = bins + 1) is 0, k * by, 1
  const breaks: number[] = [];
  for (let k = 1; k < bins; k++) breaks.push(quantileType7(sorted, k * by) + 1);
  return { lower: [sorted[0], ...breaks], upper: [...breaks, sorted[n - 1] + 1] };
}

/**
 * Breaks and interval bounds of one dimension, exactly as the package's `threshold` table.
 * Empty input gives empty bounds.
 */
export function rfmDimensionThresholds(values: ArrayLike<number>, bins: number = RFM_BINS): RfmDimensionThresholds {
  checkBins(bins);
  if (values.length === 0) return { lower: [], upper: [] };
  return thresholdsOfSorted(sortedCopy(values, 'values'), bins);
}

/**
 * Scores one dimension: 1..bins per value (reversed for recency). Values must be finite numbers
 * (throws RangeError otherwise — callers validate and report user errors first).
 */
export function scoreValues(values: ArrayLike<number>, bins: number = RFM_BINS, reverse = false): Uint8Array {
  checkBins(bins);
  const n = values.length;
  const out = new Uint8Array(n);
  if (n === 0) return out;
  const { lower, upper } = thresholdsOfSorted(sortedCopy(values, 'values'), bins);
  for (let i = 0; i < n; i++) {
    const x = values[i];
    // R assigns intervals 1..bins in turn, so the last matching interval wins: scan from the top.
    let interval = 0;
    for (let j = bins - 1; j >= 0; j--) {
      if (x >= lower[j] && x < upper[j]) {
        interval = j + 1;
        break;
      }
    }
    // Only for magnitudes near 2^53 (max + 1 == max) does nothing match (R gives NA); clamp instead.
    if (interval === 0) interval = x >= upper[bins - 1] ? bins : 1;
    out[i] = reverse ? bins + 1 - interval : interval;
  }
  return out;
}

/** Columns of the three measures, one entry per customer. */
export interface RfmColumns {
  recencyDays: ArrayLike<number>;
  frequency: ArrayLike<number>;
  monetary: ArrayLike<number>;
}

/** Scores per dimension as typed arrays (the fast path for large data). */
export interface RfmScoreColumns {
  r: Uint8Array;
  f: Uint8Array;
  m: Uint8Array;
}

function checkColumns(cols: RfmColumns): number {
  const n = cols.recencyDays.length;
  if (cols.frequency.length !== n || cols.monetary.length !== n) {
    throw new RangeError(`rfm: columns differ in length (${n}, ${cols.frequency.length}, ${cols.monetary.length})`);
  }
  return n;
}

/** Scores columns of recency days, frequency and monetary value. */
export function rfmScoreColumns(cols: RfmColumns, bins: number = RFM_BINS): RfmScoreColumns {
  checkColumns(cols);
  return {
    r: scoreValues(cols.recencyDays, bins, true),
    f: scoreValues(cols.frequency, bins, false),
    m: scoreValues(cols.monetary, bins, false),
  };
}

function toColumns(customers: readonly RfmInput[]): { recencyDays: Float64Array; frequency: Float64Array; monetary: Float64Array } {
  const n = customers.length;
  const recencyDays = new Float64Array(n);
  const frequency = new Float64Array(n);
  const monetary = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const c = customers[i];
    for (const k of ['recencyDays', 'frequency', 'monetary'] as const) {
      const v = c[k];
      if (typeof v !== 'number' || !Number.isFinite(v)) throw new RangeError(`rfm: customers[${i}].${k} is not a finite number: ${String(v)}`);
    }
    recencyDays[i] = c.recencyDays;
    frequency[i] = c.frequency;
    monetary[i] = c.monetary;
  }
  return { recencyDays, frequency, monetary };
}

/**
 * R, F and M scores of every customer, as `rfm_table_order()` / `rfm_table_customer()` of the R
 * package `rfm` v0.3.0 compute them (see the file comment). Output is aligned with the input.
 */
export function rfmScores(customers: readonly RfmInput[], bins: number = RFM_BINS): RfmScore[] {
  const s = rfmScoreColumns(toColumns(customers), bins);
  const out: RfmScore[] = new Array(customers.length);
  for (let i = 0; i < out.length; i++) out[i] = { r: s.r[i], f: s.f[i], m: s.m[i] };
  return out;
}

/** The interval bounds used for each dimension (the package's `threshold` table). */
export function rfmThresholds(customers: readonly RfmInput[], bins: number = RFM_BINS): RfmThresholds {
  const c = toColumns(customers);
  return {
    recency: rfmDimensionThresholds(c.recencyDays, bins),
    frequency: rfmDimensionThresholds(c.frequency, bins),
    monetary: rfmDimensionThresholds(c.monetary, bins),
  };
}

/** The package's `rfm_score`: r × 100 + f × 10 + m, e.g. 543. */
export function rfmScoreCode(s: RfmScore): number {
  return s.r * 100 + s.f * 10 + s.m;
}

/**
 * Aggregates an order log per customer, as `rfm_table_order()` does:
 * recency = analysisDay − day of the customer's last order; frequency = number of order rows
 * (two orders on one day count twice, as the package's `.N`); monetary = sum of the amounts.
 *
 * `custIndex[i]` is the customer number (0..nCustomers−1) of order i; `days` are integer day
 * numbers (see `parseDay`). Every customer must have at least one order, and all values must be
 * finite (throws RangeError otherwise: the caller builds the index from the rows it keeps and
 * reports bad cells as user errors before calling). Orders after `analysisDay` are counted, as in
 * the package (their customer's recency is then negative); filter them out first if unwanted.
 */
export function rfmFromOrders(
  custIndex: ArrayLike<number>,
  days: ArrayLike<number>,
  amounts: ArrayLike<number>,
  nCustomers: number,
  analysisDay: number,
): RfmInput[] {
  const n = custIndex.length;
  if (days.length !== n || amounts.length !== n) throw new RangeError(`rfmFromOrders: columns differ in length (${n}, ${days.length}, ${amounts.length})`);
  if (!Number.isInteger(nCustomers) || nCustomers < 0) throw new RangeError(`rfmFromOrders: bad nCustomers ${nCustomers}`);
  if (!Number.isFinite(analysisDay)) throw new RangeError(`rfmFromOrders: analysisDay is not a finite number: ${analysisDay}`);
  const last = new Float64Array(nCustomers).fill(Number.NEGATIVE_INFINITY);
  const count = new Float64Array(nCustomers);
  const sum = new Float64Array(nCustomers);
  const comp = new Float64Array(nCustomers); // Neumaier compensation: R's sum() accumulates in long double
  for (let i = 0; i < n; i++) {
    const c = custIndex[i];
    if (!(c >= 0 && c < nCustomers) || c !== Math.floor(c)) throw new RangeError(`rfmFromOrders: custIndex[${i}] = ${c} is not a customer number`);
    const d = days[i];
    const a = amounts[i];
    if (!Number.isFinite(d)) throw new RangeError(`rfmFromOrders: days[${i}] is not a finite number: ${d}`);
    if (!Number.isFinite(a)) throw new RangeError(`rfmFromOrders: amounts[${i}] is not a finite number: ${a}`);
    if (d > last[c]) last[c] = d;
    count[c] += 1;
    const s = sum[c];
    const t = s + a;
    comp[c] += Math.abs(s) >= Math.abs(a) ? s - t + a : a - t + s;
    sum[c] = t;
  }
  const out: RfmInput[] = new Array(nCustomers);
  for (let c = 0; c < nCustomers; c++) {
    if (count[c] === 0) throw new RangeError(`rfmFromOrders: customer ${c} has no orders`);
    out[c] = { recencyDays: analysisDay - last[c], frequency: count[c], monetary: sum[c] + comp[c] };
  }
  return out;
}

// The segment schemes live in rfm-schemes.ts; re-exported so callers can import everything RFM from here.
export {
  DEFAULT_SCHEME_DOC,
  isRfmSchemeId,
  RFM_SCHEME_IDS,
  type RfmSchemeId,
  type SchemeDocRow,
  schemeMarkdown,
  segmentComboCounts,
  segmentGroup,
  segmentKeys,
  segmentName,
  segmentOf,
} from './rfm-schemes';

/**
 * How customers buy, from their orders: main channel, one-time vs repeat, seasonal buyers (Tết
 * or a short stretch of the year), bargain hunters and infrequent buyers.
 *
 * Units. Each order row is one order for channel and discount shares. Timing tags use purchase
 * days: several rows of one customer on one day (order lines, split orders) are one purchase.
 *
 * Definitions (all thresholds are options; defaults in brackets):
 * - `one_time`: exactly one purchase day. `repeat`: two or more.
 * - `seasonal`, either
 *   - Tết: at least `tetShare` [75%] of the customer's purchase days fall in Tết seasons, and
 *     they fall in at least 2 different Tết seasons (years). A Tết season runs from 30 days before
 *     the first day of the lunar year to 7 days after it, both included (see {@link TET_DATES}).
 *   - or a short stretch of the year: at least `monthShare` [80%] of the purchase days fall in one
 *     calendar month or two adjacent ones (e.g. Nov–Dec, Dec–Jan), in at least 2 different years
 *     (a Dec–Jan stretch counts as the year in which it starts).
 *   Tết is reported when both hold.
 * - `bargain_hunter`: only when a discount column exists: at least `bargainMinOrders` [2] orders
 *   and at least `bargainShare` [60%] of them discounted (see {@link isDiscounted}).
 * - `infrequent`: a repeat buyer whose mean time between purchase days, (last − first) /
 *   (purchase days − 1), is at least `infrequentGapDays`. Default: twice the median of that mean
 *   over all repeat buyers, and never under 60 days.
 * - `multi_channel`: orders through 2 or more channels.
 * - Main channel: the channel with the most orders; ties go to the higher revenue, then the more
 *   recent order, then the alphabetically first channel. Channel names are matched ignoring case,
 *   diacritics and spacing; the first spelling seen in the data is shown.
 */
import type { Cell } from './args';
import type { Lang, Localized } from './i18n';
import { civilToDay, isBlank, isDate, parseAmount } from './parse';
import { foldText } from './provinces';

export const BEHAVIOUR_TAGS = ['one_time', 'repeat', 'seasonal', 'bargain_hunter', 'infrequent', 'multi_channel'] as const;
export type BehaviourTag = (typeof BEHAVIOUR_TAGS)[number];

export const BEHAVIOUR_TAG_NAMES: Record<BehaviourTag, Localized> = {
  one_time: { en: 'One-time buyer', vi: 'Mua một lần' },
  repeat: { en: 'Repeat buyer', vi: 'Mua lặp lại' },
  seasonal: { en: 'Seasonal buyer', vi: 'Mua theo mùa' },
  bargain_hunter: { en: 'Bargain hunter', vi: 'Săn khuyến mãi' },
  infrequent: { en: 'Infrequent buyer', vi: 'Mua không thường xuyên' },
  multi_channel: { en: 'Multi-channel', vi: 'Mua đa kênh' },
};

const TET_SEASON_NAME: Localized = { en: 'Tết', vi: 'Tết' };
const MONTH_NAMES: Localized[] = [
  { en: 'Jan', vi: 'Tháng 1' },
  { en: 'Feb', vi: 'Tháng 2' },
  { en: 'Mar', vi: 'Tháng 3' },
  { en: 'Apr', vi: 'Tháng 4' },
  { en: 'May', vi: 'Tháng 5' },
  { en: 'Jun', vi: 'Tháng 6' },
  { en: 'Jul', vi: 'Tháng 7' },
  { en: 'Aug', vi: 'Tháng 8' },
  { en: 'Sep', vi: 'Tháng 9' },
  { en: 'Oct', vi: 'Tháng 10' },
  { en: 'Nov', vi: 'Tháng 11' },
  { en: 'Dec', vi: 'Tháng 12' },
];

/**
 * First day of the lunar year (Tết Nguyên Đán) in Vietnam, 2010–2040, as computed for UTC+7
 * (the Vietnamese calendar; Hồ Ngọc Đức's published algorithm, checked in the tests). It differs
 * from the Chinese New Year in 2030 (Vietnam: 2 February; China: 3 February).
 */
export const TET_DATES: Readonly<Record<number, string>> = {
  2010: '2010-02-14',
  2011: '2011-02-03',
  2012: '2012-01-23',
  2013: '2013-02-10',
  2014: '2014-01-31',
  2015: '2015-02-19',
  2016: '2016-02-08',
  2017: '2017-01-28',
  2018: '2018-02-16',
  2019: '2019-02-05',
  2020: '2020-01-25',
  2021: '2021-02-12',
  2022: '2022-02-01',
  2023: '2023-01-22',
  2024: '2024-02-10',
  2025: '2025-01-29',
  2026: '2026-02-17',
  2027: '2027-02-06',
  2028: '2028-01-26',
  2029: '2029-02-13',
  2030: '2030-02-02',
  2031: '2031-01-23',
  2032: '2032-02-11',
  2033: '2033-01-31',
  2034: '2034-02-19',
  2035: '2035-02-08',
  2036: '2036-01-28',
  2037: '2037-02-15',
  2038: '2038-02-04',
  2039: '2039-01-24',
  2040: '2040-02-12',
};
export const TET_FIRST_YEAR = 2010;
export const TET_LAST_YEAR = 2040;
/** The Tết season: from 30 days before to 7 days after the first day of the lunar year. */
export const TET_BEFORE_DAYS = 30;
export const TET_AFTER_DAYS = 7;

const TET_DAY: number[] = [];
for (let y = TET_FIRST_YEAR; y <= TET_LAST_YEAR; y++) {
  const [yy, mm, dd] = TET_DATES[y].split('-').map(Number);
  TET_DAY[y - TET_FIRST_YEAR] = civilToDay(yy, mm, dd);
}

/** Day number of Tết in a year (2010–2040), else null. */
export function tetDay(year: number): number | null {
  const i = year - TET_FIRST_YEAR;
  return i >= 0 && i < TET_DAY.length ? TET_DAY[i] : null;
}

/** Civil year, month (1–12) of a day number (H. Hinnant's civil_from_days; no Date objects). */
export function yearMonth(day: number): [number, number] {
  const z = day + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const m = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (m <= 2 ? 1 : 0), m];
}

/** The year whose Tết season contains the day, or null (also null outside 2010–2040). */
export function tetSeasonOf(day: number): number | null {
  if (!Number.isFinite(day)) return null;
  const [y] = yearMonth(day);
  for (const yy of [y, y + 1]) {
    const t = tetDay(yy);
    if (t !== null && day >= t - TET_BEFORE_DAYS && day <= t + TET_AFTER_DAYS) return yy;
  }
  return null;
}

const YES = new Set(['co', 'yes', 'y', 'x', 'true', 'dung', 'giam', 'giam gia', 'km', 'khuyen mai', 'sale', 'discount', 'discounted', 'promo', 'v', 'ok']);
const NO = new Set(['khong', 'no', 'n', 'false', 'sai', 'none', 'ko', 'k', 'khong co', 'full price', 'nguyen gia', '0']);

/**
 * Whether an order was discounted, from its discount cell: a non-zero amount or percentage
 * (`50000`, `10%`, `-20.000`), `true`, `Có`/`Yes`/`x`, or a promo code (any other text) → true;
 * blank, 0, `0%`, `false`, `Không`/`No`/`-` → false. Dates → null (not a discount).
 */
export function isDiscounted(v: Cell, locale = 'vi_VN'): boolean | null {
  if (v === null || v === undefined) return false;
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return Number.isFinite(v) ? v !== 0 : null;
  if (isDate(v)) return null;
  const s = String(v).trim();
  if (s === '' || /^[-–—.]$/.test(s)) return false;
  const pct = /^(.*?)\s*%$/.exec(s);
  const n = parseAmount(pct ? pct[1] : s, locale);
  if (!Number.isNaN(n)) return n !== 0;
  const k = foldText(s);
  if (YES.has(k)) return true;
  if (NO.has(k)) return false;
  return true;
}

/** Order rows as columns, aligned by index. Rows with a negative customer or a non-finite day are skipped. */
export interface OrderData {
  /** Customer index 0..nCustomers-1 of each order row. */
  customer: ArrayLike<number>;
  /** Day number of each order (see `parseDay`). */
  day: ArrayLike<number>;
  /** Order value; used to break channel ties. */
  amount?: ArrayLike<number>;
  /** Raw channel text; blank = unknown. */
  channel?: ArrayLike<Cell>;
  /** Whether each order was discounted (see {@link isDiscounted}); null = unknown. Omit when there is no discount column. */
  discounted?: ArrayLike<boolean | null>;
}

export interface BehaviourOptions {
  bargainShare?: number;
  bargainMinOrders?: number;
  /** Fixed threshold for `infrequent`; default automatic (see the module notes). */
  infrequentGapDays?: number;
  tetShare?: number;
  monthShare?: number;
}

export type Season = { kind: 'tet' } | { kind: 'months'; months: number[] };

export interface CustomerBehaviour {
  orders: number;
  purchaseDays: number;
  firstDay: number | null;
  lastDay: number | null;
  /** (last − first) / (purchase days − 1); null for fewer than 2 purchase days. */
  meanGapDays: number | null;
  mainChannel: string | null;
  /** Share of the customer's orders with a known channel that went through the main channel. */
  mainChannelShare: number | null;
  channels: number;
  /** Share of discounted orders among those with a known discount state; null without discount data. */
  discountShare: number | null;
  season: Season | null;
  tags: BehaviourTag[];
}

export interface BehaviourResult {
  customers: CustomerBehaviour[];
  /** The threshold used for `infrequent` (null when no customer bought twice and none was given). */
  infrequentGapDays: number | null;
  /** Distinct channels in the data, most orders first (display spelling). */
  channels: string[];
}

function median(xs: number[]): number {
  const s = xs.slice().sort((a, b) => a - b);
  const n = s.length;
  return n % 2 ? s[(n - 1) >> 1] : (s[n / 2 - 1] + s[n / 2]) / 2;
}

/** Finds the seasonal pattern of sorted distinct purchase days, if any. */
export function seasonOf(days: ArrayLike<number>, tetShare = 0.75, monthShare = 0.8): Season | null {
  const n = days.length;
  if (n < 2) return null;
  // Tết
  let inTet = 0;
  const tetYears = new Set<number>();
  for (let i = 0; i < n; i++) {
    const s = tetSeasonOf(days[i]);
    if (s !== null) {
      inTet++;
      tetYears.add(s);
    }
  }
  if (tetYears.size >= 2 && inTet >= tetShare * n) return { kind: 'tet' };
  // One month or two adjacent months.
  const ym: [number, number][] = new Array(n);
  const perMonth = new Array(13).fill(0);
  for (let i = 0; i < n; i++) {
    ym[i] = yearMonth(days[i]);
    perMonth[ym[i][1]]++;
  }
  let bestStart = 0;
  let bestCount = 0;
  for (let m = 1; m <= 12; m++) {
    const c = perMonth[m] + perMonth[m === 12 ? 1 : m + 1];
    if (c > bestCount) {
      bestCount = c;
      bestStart = m;
    }
  }
  if (bestCount < monthShare * n) return null;
  const next = bestStart === 12 ? 1 : bestStart + 1;
  const years = new Set<number>();
  const months = new Set<number>();
  for (const [y, m] of ym) {
    if (m === bestStart) years.add(y);
    else if (m === next) years.add(bestStart === 12 ? y - 1 : y);
    else continue;
    months.add(m);
  }
  if (years.size < 2) return null;
  const list = Array.from(months);
  // Calendar order within the stretch: Dec before Jan.
  list.sort((a, b) => ((a - bestStart + 12) % 12) - ((b - bestStart + 12) % 12));
  return { kind: 'months', months: list };
}

/** Localised description of a season: `Tết`, `Nov–Dec` / `Tháng 11–12`. */
export function seasonLabel(season: Season | null, lang: Lang): string {
  if (!season) return '';
  if (season.kind === 'tet') return TET_SEASON_NAME[lang];
  const names = season.months.map((m) => MONTH_NAMES[m - 1][lang]);
  if (names.length === 1) return names[0];
  if (lang === 'vi') return `Tháng ${season.months[0]}–${season.months[1]}`;
  return `${names[0]}–${names[1]}`;
}

/**
 * Behaviour of every customer. Linear in the number of orders apart from sorting each
 * customer's own purchase days.
 */
export function analyseBehaviour(nCustomers: number, orders: OrderData, opts: BehaviourOptions = {}): BehaviourResult {
  const bargainShare = opts.bargainShare ?? 0.6;
  const bargainMin = opts.bargainMinOrders ?? 2;
  const tetShare = opts.tetShare ?? 0.75;
  const monthShare = opts.monthShare ?? 0.8;
  const nRows = orders.customer.length;
  const cust = orders.customer;
  const dayCol = orders.day;

  // Bucket the rows by customer (counting sort), keeping row order within a customer.
  const start = new Int32Array(nCustomers + 1);
  for (let r = 0; r < nRows; r++) {
    const c = cust[r];
    if (c >= 0 && c < nCustomers && Number.isFinite(dayCol[r])) start[c + 1]++;
  }
  for (let c = 0; c < nCustomers; c++) start[c + 1] += start[c];
  const rows = new Int32Array(start[nCustomers]);
  const fill = start.slice(0, nCustomers);
  for (let r = 0; r < nRows; r++) {
    const c = cust[r];
    if (c >= 0 && c < nCustomers && Number.isFinite(dayCol[r])) rows[fill[c]++] = r;
  }

  // Channel keys: folded text → id; display = first spelling seen.
  const chanIdOfRow = new Int32Array(nRows).fill(-1);
  const chanDisplay: string[] = [];
  const chanKeys: string[] = [];
  const chanTotals: number[] = [];
  if (orders.channel) {
    const byRaw = new Map<string, number>();
    const byKey = new Map<string, number>();
    for (let r = 0; r < nRows; r++) {
      const v = orders.channel[r];
      if (isBlank(v)) continue;
      const raw = String(v);
      let id = byRaw.get(raw);
      if (id === undefined) {
        const key = foldText(raw);
        if (!key) id = -1;
        else {
          id = byKey.get(key);
          if (id === undefined) {
            id = chanDisplay.length;
            byKey.set(key, id);
            chanDisplay.push(raw.trim().replace(/\s+/g, ' '));
            chanKeys.push(key);
            chanTotals.push(0);
          }
        }
        byRaw.set(raw, id);
      }
      chanIdOfRow[r] = id;
      if (id >= 0) chanTotals[id]++;
    }
  }

  const out: CustomerBehaviour[] = new Array(nCustomers);
  const gaps: number[] = [];
  const nChan = chanDisplay.length;
  const chanCount = new Int32Array(nChan);
  const chanRevenue = new Float64Array(nChan);
  const chanLast = new Float64Array(nChan);
  const touched: number[] = [];
  let dayBuf = new Float64Array(16);

  for (let c = 0; c < nCustomers; c++) {
    const a = start[c];
    const b = start[c + 1];
    const nOrders = b - a;
    if (dayBuf.length < nOrders) dayBuf = new Float64Array(nOrders * 2);
    for (let i = a; i < b; i++) dayBuf[i - a] = Math.floor(dayCol[rows[i]]);
    const sorted = dayBuf.subarray(0, nOrders).sort();
    let distinct = 0;
    for (let i = 0; i < nOrders; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) sorted[distinct++] = sorted[i];
    const days = sorted.subarray(0, distinct);
    const firstDay = distinct ? days[0] : null;
    const lastDay = distinct ? days[distinct - 1] : null;
    const meanGap = distinct >= 2 ? ((lastDay as number) - (firstDay as number)) / (distinct - 1) : null;
    if (meanGap !== null) gaps.push(meanGap);

    // Channels
    let mainChannel: string | null = null;
    let mainShare: number | null = null;
    let nChannels = 0;
    if (orders.channel) {
      let known = 0;
      for (let i = a; i < b; i++) {
        const r = rows[i];
        const id = chanIdOfRow[r];
        if (id < 0) continue;
        known++;
        if (chanCount[id] === 0) {
          touched.push(id);
          chanRevenue[id] = 0;
          chanLast[id] = Number.NEGATIVE_INFINITY;
        }
        chanCount[id]++;
        const amt = orders.amount ? Number(orders.amount[r]) : 0;
        if (Number.isFinite(amt)) chanRevenue[id] += amt;
        const d = dayCol[r];
        if (d > chanLast[id]) chanLast[id] = d;
      }
      nChannels = touched.length;
      let best = -1;
      for (const id of touched) {
        if (best < 0) {
          best = id;
          continue;
        }
        const dc = chanCount[id] - chanCount[best];
        const dr = chanRevenue[id] - chanRevenue[best];
        const dl = chanLast[id] - chanLast[best];
        if (dc > 0 || (dc === 0 && (dr > 0 || (dr === 0 && (dl > 0 || (dl === 0 && chanKeys[id] < chanKeys[best])))))) best = id;
      }
      if (best >= 0) {
        mainChannel = chanDisplay[best];
        mainShare = chanCount[best] / known;
      }
      for (const id of touched) chanCount[id] = 0;
      touched.length = 0;
    }

    // Discounts
    let discountShare: number | null = null;
    let discKnown = 0;
    if (orders.discounted) {
      let disc = 0;
      for (let i = a; i < b; i++) {
        const v = orders.discounted[rows[i]];
        if (v === null || v === undefined) continue;
        discKnown++;
        if (v) disc++;
      }
      discountShare = discKnown ? disc / discKnown : null;
    }

    const season = seasonOf(days, tetShare, monthShare);
    const tags: BehaviourTag[] = [];
    if (distinct === 1) tags.push('one_time');
    else if (distinct >= 2) tags.push('repeat');
    if (season) tags.push('seasonal');
    if (discountShare !== null && discKnown >= bargainMin && discountShare >= bargainShare) tags.push('bargain_hunter');
    if (nChannels >= 2) tags.push('multi_channel');
    out[c] = {
      orders: nOrders,
      purchaseDays: distinct,
      firstDay,
      lastDay,
      meanGapDays: meanGap,
      mainChannel,
      mainChannelShare: mainShare,
      channels: nChannels,
      discountShare,
      season,
      tags,
    };
  }

  let threshold: number | null = opts.infrequentGapDays ?? null;
  if (threshold === null && gaps.length) threshold = Math.max(60, 2 * median(gaps));
  if (threshold !== null) {
    for (const cb of out) {
      if (cb.meanGapDays !== null && cb.meanGapDays >= threshold) {
        // Keep the tag order of BEHAVIOUR_TAGS.
        const i = cb.tags.indexOf('multi_channel');
        if (i >= 0) cb.tags.splice(i, 0, 'infrequent');
        else cb.tags.push('infrequent');
      }
    }
  }

  const order = chanDisplay.map((_, i) => i).sort((x, y) => chanTotals[y] - chanTotals[x] || (chanKeys[x] < chanKeys[y] ? -1 : 1));
  return { customers: out, infrequentGapDays: threshold, channels: order.map((i) => chanDisplay[i]) };
}

/** Tag labels joined for a cell: `Mua lặp lại, Săn khuyến mãi`. */
export function tagLabels(tags: readonly BehaviourTag[], lang: Lang, separator = ', '): string {
  return tags.map((t) => BEHAVIOUR_TAG_NAMES[t][lang]).join(separator);
}

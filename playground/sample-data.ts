/**
 * Built-in sample data: a deterministic, seeded simulation of a Vietnamese retail business
 * (an online + in-store shop selling fashion, cosmetics, electronics, household goods ...).
 *
 * - Customers ("Khách hàng"): Mã KH, Họ tên, SĐT (text, leading 0), Email, Tỉnh/Thành phố (a mix
 *   of the 63 pre-2025 and 34 post-2025 province names, with and without diacritics), Năm sinh,
 *   Giới tính, Kênh (acquisition channel).
 * - Orders ("Đơn hàng"): Mã đơn, Mã KH, Ngày mua, Thành tiền (VND paid, after discount), Giảm giá
 *   (VND), Kênh, Danh mục.
 *
 * The behaviour model, per customer:
 * - an acquisition day (business grows over the window; pre-Tết and double-day sales attract more);
 * - a type: one-time buyer, bargain hunter (buys almost only on sale days, with big discounts), or
 *   regular; regulars have a gamma-distributed purchase rate and a per-purchase chance to churn
 *   (the BG/NBD story), so some stop buying mid-way;
 * - a lognormal mean basket, so that spend is heavy-tailed: a Pareto effect, but not exactly 80/20;
 * - purchases follow a non-homogeneous Poisson process: weeks before Tết are busy, Tết itself is
 *   quiet, 9/9 10/10 11/11 12/12 and Black Friday spike.
 *
 * Pure TypeScript with no Node APIs, so the sidebar tests, the server and the CLI can all use it.
 */

import { TET_DATES } from '../src/core/behaviour';
import { localMidnight } from '../src/core/parse';

export type SampleCell = string | number | Date;

export interface SampleTable {
  /** Sheet name. */
  name: string;
  header: string[];
  /** Data rows (no header). Dates are `Date` values at midnight in the chosen time zone. */
  rows: SampleCell[][];
  /** Indexes of the date columns. */
  dateColumns: number[];
  /** Indexes of the VND amount columns. */
  amountColumns: number[];
}

export interface SampleOptions {
  /** Seed (number or text). Same seed and options → identical data. Default 2025. */
  seed?: number | string;
  /** Number of customers. Default 2,000. */
  customers?: number;
  /** Exact number of orders. Default 20,000. */
  orders?: number;
  /** First and last day of the order window, `YYYY-MM-DD`. Default 2024-11-01 .. 2026-10-31. */
  start?: string;
  end?: string;
  /** Time zone in which the dates are midnights. Default Asia/Ho_Chi_Minh. */
  timeZone?: string;
}

export type CustomerKind = 'one_time' | 'bargain' | 'regular';

export interface SampleData {
  customers: SampleTable;
  orders: SampleTable;
  /** Ground truth of the simulation (for tests and docs), keyed by customer id. */
  truth: Map<string, { kind: CustomerKind; churnDay: number | null; acquired: number }>;
  options: Required<SampleOptions>;
}

export const CUSTOMER_HEADER = ['Mã KH', 'Họ tên', 'SĐT', 'Email', 'Tỉnh/Thành phố', 'Năm sinh', 'Giới tính', 'Kênh'];
export const ORDER_HEADER = ['Mã đơn', 'Mã KH', 'Ngày mua', 'Thành tiền', 'Giảm giá', 'Kênh', 'Danh mục'];
export const CUSTOMER_SHEET = 'Khách hàng';
export const ORDER_SHEET = 'Đơn hàng';

/** First day of the Lunar New Year (Tết Nguyên Đán) in Vietnam: the engine's table. */
export const TET: Readonly<Record<number, string>> = TET_DATES;

const DAY_MS = 86_400_000;

export function isoToDay(iso: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) throw new Error(`sample-data: not a YYYY-MM-DD date: ${iso}`);
  return Math.round(Date.UTC(+m[1], +m[2] - 1, +m[3]) / DAY_MS);
}

function dayParts(day: number): { y: number; m: number; d: number; dow: number } {
  const dt = new Date(day * DAY_MS);
  return { y: dt.getUTCFullYear(), m: dt.getUTCMonth() + 1, d: dt.getUTCDate(), dow: dt.getUTCDay() };
}

/** The instant of local midnight of a civil day in a time zone (the engine's `localMidnight`). */
export function dayToDate(day: number, timeZone: string): Date {
  return localMidnight(day, timeZone);
}

// ---------------------------------------------------------------------------------------------
// Seeded randomness

/** sfc32 seeded from a string/number through xmur3: fast, good quality, 2^128 state. */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;
  private spare: number | null = null;

  constructor(seed: number | string) {
    const s = String(seed);
    let h = 1779033703 ^ s.length;
    for (let i = 0; i < s.length; i++) {
      h = Math.imul(h ^ s.charCodeAt(i), 3432918353);
      h = (h << 13) | (h >>> 19);
    }
    const next = () => {
      h = Math.imul(h ^ (h >>> 16), 2246822507);
      h = Math.imul(h ^ (h >>> 13), 3266489909);
      h ^= h >>> 16;
      return h >>> 0;
    };
    this.a = next();
    this.b = next();
    this.c = next();
    this.d = next();
    for (let i = 0; i < 15; i++) this.next();
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.a >>>= 0;
    this.b >>>= 0;
    this.c >>>= 0;
    this.d >>>= 0;
    let t = (this.a + this.b) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.d = (this.d + 1) | 0;
    t = (t + this.d) | 0;
    this.c = (this.c + t) | 0;
    return (t >>> 0) / 4294967296;
  }

  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  /** Picks from `[item, weight]` pairs. */
  weighted<T>(items: readonly (readonly [T, number])[]): T {
    let total = 0;
    for (const [, w] of items) total += w;
    let r = this.next() * total;
    for (const [it, w] of items) {
      r -= w;
      if (r < 0) return it;
    }
    return items[items.length - 1][0];
  }

  normal(): number {
    if (this.spare !== null) {
      const s = this.spare;
      this.spare = null;
      return s;
    }
    let u = 0;
    while (u === 0) u = this.next();
    const v = this.next();
    const r = Math.sqrt(-2 * Math.log(u));
    this.spare = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  }

  lognormal(mu: number, sigma: number): number {
    return Math.exp(mu + sigma * this.normal());
  }

  exponential(rate: number): number {
    let u = 0;
    while (u === 0) u = this.next();
    return -Math.log(u) / rate;
  }

  /** Gamma(shape, scale) by Marsaglia & Tsang. */
  gamma(shape: number, scale: number): number {
    if (shape < 1) {
      let u = 0;
      while (u === 0) u = this.next();
      return this.gamma(shape + 1, scale) * u ** (1 / shape);
    }
    const d = shape - 1 / 3;
    const c = 1 / Math.sqrt(9 * d);
    for (;;) {
      let x: number;
      let v: number;
      do {
        x = this.normal();
        v = 1 + c * x;
      } while (v <= 0);
      v = v * v * v;
      const u = this.next();
      if (u < 1 - 0.0331 * x * x * x * x) return d * v * scale;
      if (Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v * scale;
    }
  }

  beta(a: number, b: number): number {
    const x = this.gamma(a, 1);
    const y = this.gamma(b, 1);
    return x / (x + y);
  }
}

// ---------------------------------------------------------------------------------------------
// Vocabulary

/** Family names with their approximate shares in Vietnam. */
const SURNAMES: readonly (readonly [string, number])[] = [
  ['Nguyễn', 38],
  ['Trần', 11],
  ['Lê', 9.5],
  ['Phạm', 7],
  ['Hoàng', 3],
  ['Huỳnh', 2.2],
  ['Phan', 4.5],
  ['Vũ', 2.2],
  ['Võ', 1.8],
  ['Đặng', 2.1],
  ['Bùi', 2],
  ['Đỗ', 1.4],
  ['Hồ', 1.3],
  ['Ngô', 1.3],
  ['Dương', 1],
  ['Lý', 0.5],
  ['Trương', 0.8],
  ['Đinh', 0.6],
  ['Mai', 0.5],
  ['Lâm', 0.5],
  ['Cao', 0.4],
  ['Tạ', 0.3],
  ['Lương', 0.4],
  ['Chu', 0.2],
];

const MIDDLE_F = ['Thị', 'Thị', 'Thị', 'Ngọc', 'Thu', 'Thanh', 'Minh', 'Kim', 'Phương', 'Hoài', 'Bảo', 'Diệu', 'Mỹ', 'Khánh', 'Quỳnh'];
const MIDDLE_M = ['Văn', 'Văn', 'Đức', 'Minh', 'Quốc', 'Hữu', 'Thanh', 'Hoàng', 'Công', 'Gia', 'Tuấn', 'Trọng', 'Xuân', 'Anh', 'Đình'];
const GIVEN_F = [
  'Anh',
  'Trang',
  'Linh',
  'Hương',
  'Hà',
  'Lan',
  'Mai',
  'Ngọc',
  'Thảo',
  'Hằng',
  'Huyền',
  'Nhung',
  'Phương',
  'Thủy',
  'Vy',
  'Yến',
  'Nga',
  'Hạnh',
  'Quỳnh',
  'Trinh',
  'Diễm',
  'Nhi',
  'My',
  'Châu',
  'Oanh',
  'Tâm',
  'Uyên',
  'Loan',
  'Giang',
  'Dung',
  'Thư',
  'Chi',
  'Ánh',
  'Vân',
  'Hiền',
];
const GIVEN_M = [
  'Anh',
  'Hùng',
  'Dũng',
  'Minh',
  'Tuấn',
  'Nam',
  'Hải',
  'Long',
  'Quân',
  'Khoa',
  'Phúc',
  'Thắng',
  'Sơn',
  'Đạt',
  'Huy',
  'Trung',
  'Bình',
  'Cường',
  'Hiếu',
  'Khang',
  'Lộc',
  'Nghĩa',
  'Phong',
  'Quang',
  'Tài',
  'Thành',
  'Toàn',
  'Vinh',
  'Việt',
  'Đức',
  'Hoàng',
  'Tùng',
  'Kiên',
  'Bảo',
  'Duy',
];

/**
 * Provinces with a weight (rough share of an online shop's customers) and the spellings customers
 * type: post-2025 names (after the 1 July 2025 merger into 34 units) and pre-2025 names, some
 * without diacritics or abbreviated.
 */
const PROVINCES: readonly (readonly [string[], number])[] = [
  [['TP. Hồ Chí Minh', 'TP.HCM', 'Hồ Chí Minh', 'Ho Chi Minh', 'Sài Gòn', 'TP Hồ Chí Minh'], 30],
  [['Hà Nội', 'Ha Noi', 'TP. Hà Nội', 'HN'], 22],
  [['Bình Dương', 'Binh Duong'], 4], // pre-2025 (now TP. Hồ Chí Minh)
  [['Đồng Nai', 'Dong Nai'], 3.5],
  [['Đà Nẵng', 'Da Nang', 'TP. Đà Nẵng'], 3.5],
  [['Hải Phòng', 'Hai Phong'], 3],
  [['Cần Thơ', 'Can Tho'], 2.5],
  [['Bà Rịa - Vũng Tàu', 'Vũng Tàu', 'BR-VT'], 1.5], // pre-2025
  [['Thừa Thiên Huế'], 1], // pre-2025
  [['Huế', 'TP. Huế'], 1], // post-2025
  [['Khánh Hòa', 'Khánh Hoà', 'Nha Trang'], 1.5],
  [['Lâm Đồng', 'Đà Lạt'], 1.2],
  [['Bắc Ninh', 'Bac Ninh'], 1.5],
  [['Bắc Giang'], 0.8], // pre-2025
  [['Hưng Yên'], 1],
  [['Hải Dương', 'Hai Duong'], 1], // pre-2025
  [['Thái Nguyên'], 0.8],
  [['Quảng Ninh', 'Quang Ninh'], 1.2],
  [['Nghệ An', 'Nghe An'], 1.5],
  [['Thanh Hóa', 'Thanh Hoá', 'Thanh Hoa'], 1.5],
  [['Hà Tĩnh'], 0.6],
  [['Ninh Bình'], 0.6],
  [['Nam Định', 'Nam Dinh'], 0.8], // pre-2025
  [['Thái Bình'], 0.7], // pre-2025
  [['Vĩnh Phúc'], 0.7], // pre-2025
  [['Phú Thọ'], 0.6],
  [['Quảng Nam'], 0.8], // pre-2025
  [['Quảng Ngãi'], 0.6],
  [['Bình Định', 'Quy Nhơn'], 0.8], // pre-2025
  [['Gia Lai'], 0.5],
  [['Đắk Lắk', 'Dak Lak', 'Buôn Ma Thuột'], 0.7],
  [['Long An'], 0.9], // pre-2025
  [['Tây Ninh'], 0.5],
  [['Tiền Giang'], 0.7], // pre-2025
  [['Đồng Tháp'], 0.5],
  [['Vĩnh Long'], 0.5],
  [['Bến Tre'], 0.5], // pre-2025
  [['An Giang'], 0.6],
  [['Kiên Giang', 'Phú Quốc'], 0.6], // pre-2025
  [['Cà Mau'], 0.4],
  [['Sóc Trăng'], 0.4], // pre-2025
  [['Quảng Trị'], 0.3],
  [['Quảng Bình'], 0.4], // pre-2025
  [['Lào Cai'], 0.3],
  [['Tuyên Quang'], 0.2],
  [['Lạng Sơn'], 0.2],
  [['Sơn La'], 0.2],
  [['Cao Bằng'], 0.1],
  [['Điện Biên'], 0.1],
  [['Lai Châu'], 0.1],
  [['Hà Giang'], 0.15], // pre-2025
  [['Bình Thuận', 'Phan Thiết'], 0.5], // pre-2025
  [['Bình Phước'], 0.3], // pre-2025
];

/** Mobile prefixes (Viettel, Vinaphone, MobiFone, Vietnamobile). */
const PHONE_PREFIXES = [
  '086',
  '096',
  '097',
  '098',
  '032',
  '033',
  '034',
  '035',
  '036',
  '037',
  '038',
  '039',
  '088',
  '091',
  '094',
  '081',
  '082',
  '083',
  '084',
  '085',
  '089',
  '090',
  '093',
  '070',
  '076',
  '077',
  '078',
  '079',
  '092',
  '056',
  '058',
];

const EMAIL_DOMAINS: readonly (readonly [string, number])[] = [
  ['gmail.com', 80],
  ['yahoo.com', 8],
  ['outlook.com', 4],
  ['hotmail.com', 3],
  ['icloud.com', 3],
  ['fpt.vn', 1],
  ['vnn.vn', 1],
];

const CHANNELS: readonly (readonly [string, number])[] = [
  ['Facebook', 24],
  ['Shopee', 22],
  ['Cửa hàng', 16],
  ['Website', 12],
  ['TikTok Shop', 12],
  ['Zalo', 8],
  ['Giới thiệu', 6],
];
const ORDER_CHANNELS = ['Facebook', 'Shopee', 'Cửa hàng', 'Website', 'TikTok Shop', 'Zalo'];

/** Product categories with a weight and a price multiplier of a typical basket. */
const CATEGORIES: readonly (readonly [string, number, number])[] = [
  ['Thời trang', 26, 1],
  ['Mỹ phẩm', 20, 0.8],
  ['Mẹ & Bé', 12, 0.9],
  ['Gia dụng', 12, 1.3],
  ['Thực phẩm', 10, 0.5],
  ['Điện tử', 8, 3.2],
  ['Thể thao', 6, 1.2],
  ['Sách', 6, 0.35],
];

/** Removes Vietnamese diacritics (for emails and "no accent" spellings). */
export function stripDiacritics(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D');
}

// ---------------------------------------------------------------------------------------------
// Seasonality

interface Calendar {
  start: number;
  end: number;
  /** Demand multiplier of regular customers, per day offset from `start`. */
  regular: Float64Array;
  /** Demand multiplier of bargain hunters (sale days dominate). */
  bargain: Float64Array;
  /** 1 on sale days (double days, Black Friday, the pre-Tết sale week). */
  sale: Uint8Array;
}

function blackFriday(y: number): number {
  // Fourth Thursday of November + 1.
  const nov1 = isoToDay(`${y}-11-01`);
  const dow = dayParts(nov1).dow; // 0 = Sunday
  const firstThu = nov1 + ((4 - dow + 7) % 7);
  return firstThu + 21 + 1;
}

function buildCalendar(start: number, end: number): Calendar {
  const n = end - start + 1;
  const regular = new Float64Array(n);
  const bargain = new Float64Array(n);
  const sale = new Uint8Array(n);
  const tetDays: number[] = [];
  for (const y of Object.keys(TET)) tetDays.push(isoToDay(TET[+y]));
  for (let i = 0; i < n; i++) {
    const day = start + i;
    const { y, m, d, dow } = dayParts(day);
    let r = 1;
    let b = 0.15;
    // Weekends are a little busier.
    if (dow === 0 || dow === 6) r *= 1.15;
    // Double-day sales (9/9, 10/10, 11/11, 12/12) and payday sale (25th).
    if ((m === d && m >= 9) || (m === 11 && d === 11)) {
      r *= 2.6;
      b = 22;
      sale[i] = 1;
    } else if (d === 25) {
      r *= 1.2;
      b = 3;
      sale[i] = 1;
    }
    if (day === blackFriday(y)) {
      r *= 2;
      b = 14;
      sale[i] = 1;
    }
    for (const t of tetDays) {
      const k = day - t;
      if (k >= -24 && k <= -2) {
        // Shopping for Tết: gifts, new clothes, food.
        r *= 2.2;
        if (k >= -14 && k <= -8) {
          b = Math.max(b, 6);
          sale[i] = 1;
        }
      } else if (k >= -1 && k <= 5) {
        // Tết holiday: shops closed, deliveries paused.
        r *= 0.25;
        b = 0.02;
      }
    }
    regular[i] = r;
    bargain[i] = b;
  }
  return { start, end, regular, bargain, sale };
}

// ---------------------------------------------------------------------------------------------
// The simulation

interface SimCustomer {
  id: string;
  kind: CustomerKind;
  acquired: number;
  /** Purchases per day (regulars and bargain hunters). */
  rate: number;
  /** Chance of dropping out after each purchase. */
  churnP: number;
  basket: number;
  favCategory: number;
  channel: string;
  noOrders: boolean;
}

interface SimOrder {
  cust: number;
  day: number;
  first: boolean;
}

function simulateOrders(rng: Rng, cs: SimCustomer[], cal: Calendar, rateScale: number, churnDays: (number | null)[]): SimOrder[] {
  const out: SimOrder[] = [];
  let maxR = 0;
  for (let i = 0; i < cal.regular.length; i++) maxR = Math.max(maxR, cal.regular[i]);
  let maxB = 0;
  for (let i = 0; i < cal.bargain.length; i++) maxB = Math.max(maxB, cal.bargain[i]);
  for (let ci = 0; ci < cs.length; ci++) {
    const c = cs[ci];
    churnDays[ci] = null;
    if (c.noOrders) continue;
    let emitted = false;
    const emit = (day: number) => {
      if (day < cal.start) return;
      out.push({ cust: ci, day, first: !emitted });
      emitted = true;
    };
    emit(c.acquired);
    if (c.kind === 'one_time') continue;
    const season = c.kind === 'bargain' ? cal.bargain : cal.regular;
    const max = c.kind === 'bargain' ? maxB : maxR;
    // Even the heaviest buyer (a reseller) buys at most about once every three days.
    const rate = Math.min(c.rate * rateScale, 1 / 3);
    // Thinning: candidate events at rate * max, kept with probability season / max.
    let t = c.acquired + 0.5;
    let alive = !rng.chance(c.churnP);
    if (!alive) churnDays[ci] = c.acquired;
    while (alive) {
      t += rng.exponential(rate * max);
      const day = Math.floor(t);
      if (day > cal.end) break;
      // Before the window the season is unknown: flat demand.
      if (!rng.chance(day < cal.start ? 1 / max : season[day - cal.start] / max)) continue;
      emit(day);
      if (rng.chance(c.churnP)) {
        alive = false;
        churnDays[ci] = day;
      }
    }
  }
  return out;
}

/**
 * Generates the sample business. Deterministic: the same options give the same data, on any
 * machine and in any time zone of the host.
 */
export function generateSampleData(options: SampleOptions = {}): SampleData {
  const opts: Required<SampleOptions> = {
    seed: options.seed ?? 2025,
    customers: options.customers ?? 2000,
    orders: options.orders ?? 20000,
    start: options.start ?? '2024-11-01',
    end: options.end ?? '2026-10-31',
    timeZone: options.timeZone ?? 'Asia/Ho_Chi_Minh',
  };
  const nCust = Math.max(1, Math.floor(opts.customers));
  const nOrders = Math.max(0, Math.floor(opts.orders));
  const start = isoToDay(opts.start);
  const end = isoToDay(opts.end);
  if (!(end > start)) throw new Error('sample-data: end must be after start');
  const rng = new Rng(opts.seed);
  const cal = buildCalendar(start, end);
  const span = end - start + 1;

  // ---- customers
  const usedNames = new Set<string>();
  const usedPhones = new Set<string>();
  const sims: SimCustomer[] = [];
  const customerRows: SampleCell[][] = [];
  const digits = Math.max(5, String(nCust).length);
  for (let i = 0; i < nCust; i++) {
    const id = `KH${String(i + 1).padStart(digits, '0')}`;
    const female = rng.chance(0.63);
    let name = '';
    for (let tries = 0; tries < 5; tries++) {
      const sur = rng.weighted(SURNAMES);
      const mid = rng.pick(female ? MIDDLE_F : MIDDLE_M);
      const given = rng.pick(female ? GIVEN_F : GIVEN_M);
      name = rng.chance(0.08) ? `${sur} ${given}` : `${sur} ${mid} ${given}`;
      if (!usedNames.has(name)) break;
    }
    usedNames.add(name);
    let phone = '';
    do phone = rng.pick(PHONE_PREFIXES) + String(rng.int(0, 9_999_999)).padStart(7, '0');
    while (usedPhones.has(phone));
    usedPhones.add(phone);
    let email = '';
    if (!rng.chance(0.12)) {
      const parts = stripDiacritics(name).toLowerCase().split(' ');
      const given = parts[parts.length - 1];
      const base = rng.chance(0.5) ? `${given}${parts[0]}` : rng.chance(0.5) ? `${given}.${parts.slice(0, -1).join('')}` : parts.join('');
      const year = rng.int(85, 99);
      email = `${base}${rng.chance(0.6) ? rng.int(1, 999) : year}@${rng.weighted(EMAIL_DOMAINS)}`;
    }
    const spellings = rng.weighted(PROVINCES.map(([names, w]) => [names, w] as const));
    const province = rng.chance(0.75) ? spellings[0] : rng.pick(spellings);
    // Birth years: mostly 1985..2002, some older, a few missing.
    let birth: SampleCell = '';
    if (!rng.chance(0.07)) birth = Math.min(2008, Math.max(1955, Math.round(1993 + 8 * rng.normal())));
    const gender = rng.chance(0.015) ? '' : female ? 'Nữ' : 'Nam';
    const channel = rng.weighted(CHANNELS);
    customerRows.push([id, name, phone, email, province, birth, gender, channel]);

    // Behaviour.
    const kind: CustomerKind = rng.chance(0.27) ? 'one_time' : rng.chance(0.14) ? 'bargain' : 'regular';
    // Acquisition: a quarter of the repeat customers were already customers in the year before
    // the window; the others arrive during it, more later (growth), around Tết and on sales.
    let acquired = start;
    if (kind !== 'one_time' && rng.chance(0.2)) acquired = start - 1 - Math.floor(rng.next() * 240);
    else
      for (;;) {
        const d = start + Math.floor(rng.next() * span);
        const growth = 0.7 + 0.6 * ((d - start) / span);
        const w = growth * Math.min(3, cal.regular[d - start]);
        if (rng.next() * 1.3 * 3 < w) {
          acquired = d;
          break;
        }
      }
    if (kind === 'bargain' && acquired >= start && !cal.sale[acquired - start] && rng.chance(0.7)) {
      // Bargain hunters usually arrive on a sale day: the nearest one after.
      let d = acquired;
      while (d <= end && !cal.sale[d - start]) d++;
      if (d <= end) acquired = d;
    }
    const rate = kind === 'bargain' ? rng.gamma(1.5, 1 / 80) : rng.gamma(2.5, 1 / 60);
    const churnP = kind === 'bargain' ? rng.beta(1, 14) : rng.beta(1.1, 14);
    const basket = rng.lognormal(Math.log(kind === 'bargain' ? 260_000 : 420_000), kind === 'bargain' ? 0.4 : 0.5);
    const favCategory = rng.int(0, CATEGORIES.length - 1);
    sims.push({ id, kind, acquired, rate, churnP, basket, favCategory, channel, noOrders: rng.chance(0.03) });
  }

  // ---- orders: scale the purchase rates until the simulation gives at least `orders`, then
  // drop repeat purchases at random to hit the count exactly (first purchases are kept).
  const churnDays: (number | null)[] = new Array(nCust).fill(null);
  let scale = 1;
  let sim: SimOrder[] = [];
  let simSeed = 0;
  for (let iter = 0; iter < 40; iter++) {
    const r = new Rng(`${opts.seed}|orders|${simSeed}`);
    sim = simulateOrders(r, sims, cal, scale, churnDays);
    if (sim.length >= nOrders) break;
    const firsts = sim.filter((o) => o.first).length;
    const repeats = Math.max(1, sim.length - firsts);
    scale *= Math.max(1.05, Math.min(4, ((nOrders - firsts) / repeats) * 1.03));
    simSeed++;
  }
  if (sim.length > nOrders) {
    const repeatIdx: number[] = [];
    for (let i = 0; i < sim.length; i++) if (!sim[i].first) repeatIdx.push(i);
    const drop = new Uint8Array(sim.length);
    let toDrop = sim.length - nOrders;
    // If there are more first purchases than orders wanted, first purchases go too.
    if (toDrop > repeatIdx.length) for (let i = 0; i < sim.length; i++) if (sim[i].first) repeatIdx.push(i);
    // Partial Fisher-Yates: the first `toDrop` entries of a random permutation.
    for (let k = 0; k < toDrop && k < repeatIdx.length; k++) {
      const j = k + Math.floor(rng.next() * (repeatIdx.length - k));
      const tmp = repeatIdx[k];
      repeatIdx[k] = repeatIdx[j];
      repeatIdx[j] = tmp;
      drop[repeatIdx[k]] = 1;
    }
    sim = sim.filter((_, i) => !drop[i]);
    toDrop = 0;
  }
  sim.sort((a, b) => a.day - b.day || a.cust - b.cust);

  const CATEGORY_WEIGHTS = CATEGORIES.map((x) => [x, x[1]] as const);
  const orderRows: SampleCell[][] = [];
  const dateOf = new Map<number, Date>();
  const oDigits = Math.max(6, String(sim.length).length);
  const dateFor = (day: number): Date => {
    let d = dateOf.get(day);
    if (!d) {
      d = dayToDate(day, opts.timeZone);
      dateOf.set(day, d);
    }
    // A fresh Date per cell, as a sheet holds them.
    return new Date(d.getTime());
  };
  for (let k = 0; k < sim.length; k++) {
    const o = sim[k];
    const c = sims[o.cust];
    const onSale = cal.sale[o.day - start] === 1;
    const catIdx = rng.chance(0.65) ? c.favCategory : CATEGORIES.indexOf(rng.weighted(CATEGORY_WEIGHTS));
    const cat = CATEGORIES[catIdx];
    let gross = c.basket * cat[2] * rng.lognormal(0, 0.45);
    if (o.first && c.kind === 'one_time') gross *= 0.85;
    gross = Math.max(29_000, Math.round(gross / 1000) * 1000);
    let discountRate = 0;
    if (c.kind === 'bargain') {
      if (rng.chance(onSale ? 0.95 : 0.7)) discountRate = 0.2 + 0.3 * rng.next();
    } else if (rng.chance(onSale ? 0.55 : 0.18)) discountRate = 0.05 + 0.12 * rng.next();
    const discount = Math.round((gross * discountRate) / 1000) * 1000;
    const paid = gross - discount;
    let channel = c.channel === 'Giới thiệu' ? rng.pick(['Cửa hàng', 'Website', 'Zalo']) : c.channel;
    if (rng.chance(0.2)) channel = rng.pick(ORDER_CHANNELS);
    orderRows.push([`DH${String(k + 1).padStart(oDigits, '0')}`, c.id, dateFor(o.day), paid, discount, channel, cat[0]]);
  }

  const truth = new Map<string, { kind: CustomerKind; churnDay: number | null; acquired: number }>();
  sims.forEach((c, i) => {
    truth.set(c.id, { kind: c.kind, churnDay: churnDays[i], acquired: c.acquired });
  });

  return {
    customers: { name: CUSTOMER_SHEET, header: CUSTOMER_HEADER.slice(), rows: customerRows, dateColumns: [], amountColumns: [] },
    orders: { name: ORDER_SHEET, header: ORDER_HEADER.slice(), rows: orderRows, dateColumns: [2], amountColumns: [3, 4] },
    truth,
    options: opts,
  };
}

/** A table as a 2D array of cell values with the header row first (what a sheet holds). */
export function tableValues(t: SampleTable): SampleCell[][] {
  return [t.header.slice(), ...t.rows.map((r) => r.slice())];
}

/** Number formats per column in Sheets pattern syntax (dates `dd/MM/yyyy`, VND `#,##0`). */
export function tableFormats(t: SampleTable): (string | null)[] {
  return t.header.map((_, i) =>
    t.dateColumns.includes(i) ? 'dd/MM/yyyy' : t.amountColumns.includes(i) ? '#,##0' : i === 2 && t.name === CUSTOMER_SHEET ? '@' : null,
  );
}

/** The playground's default workbook: orders first (the sheet the wizard opens on), then customers. */
export function sampleSheets(options: SampleOptions = {}): { name: string; values: SampleCell[][]; formats: (string | null)[] }[] {
  const data = generateSampleData(options);
  return [
    { name: data.orders.name, values: tableValues(data.orders), formats: tableFormats(data.orders) },
    { name: data.customers.name, values: tableValues(data.customers), formats: tableFormats(data.customers) },
  ];
}

/** CSV text of a table (UTF-8, RFC 4180 quoting, dates as `dd/MM/yyyy` of the given zone). */
export function tableCsv(t: SampleTable, timeZone = 'Asia/Ho_Chi_Minh'): string {
  const fmt = new Intl.DateTimeFormat('en-GB', { timeZone, day: '2-digit', month: '2-digit', year: 'numeric' });
  const cache = new Map<number, string>();
  const esc = (v: SampleCell): string => {
    let s: string;
    if (v instanceof Date) {
      const t = v.getTime();
      let hit = cache.get(t);
      if (hit === undefined) {
        hit = fmt.format(v);
        cache.set(t, hit);
      }
      s = hit;
    } else s = String(v);
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const lines = [t.header.map(esc).join(',')];
  for (const r of t.rows) lines.push(r.map(esc).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

/**
 * Header-row and column detection for messy marketing sheets.
 *
 * - {@link detectHeaderRow}: skips titles, blank rows and group labels (a merged cell spanning
 *   several columns keeps its value in the first cell only) and finds the row that names the
 *   columns, or -1 when there is none.
 * - {@link detectColumns}: assigns roles (customer id, order date, amount, province, ...) by
 *   header, in Vietnamese with or without diacritics and in English, checked against the
 *   content; and by content alone when headers do not say (dates, amounts, VN phone numbers,
 *   emails, genders, provinces, channels, ids). Each column gets at most one role and each role
 *   at most one column; the result is deterministic (ties go to the left-most column).
 * - {@link detectTableKind}: an order log (one row per order) or a customer table.
 *
 * Only a sample of rows (at most 400, evenly spaced) is read for content, so it is fast on
 * large sheets; the customer-key column is read in full to count repeated ids.
 */
import type { Cell } from './args';
import { normalizeGender } from './demographics';
import type { Localized } from './i18n';
import { formatDay, isBlank, isDate, parseAmount, parseDay } from './parse';
import { foldText, normalizeProvince } from './provinces';

export const COLUMN_ROLES = [
  'customer_id',
  'customer_name',
  'phone',
  'email',
  'order_id',
  'order_date',
  'amount',
  'profit',
  'quantity',
  'discount',
  'channel',
  'product',
  'category',
  'province',
  'region',
  'city',
  'birth_year',
  'age',
  'gender',
  'income',
  'industry',
  'company_size',
  'salesperson',
  'store',
  'last_purchase_date',
  'days_since_last',
  'order_count',
  'total_spend',
  'notes',
] as const;
export type ColumnRole = (typeof COLUMN_ROLES)[number];

export const ROLE_NAMES: Record<ColumnRole, Localized> = {
  customer_id: { en: 'Customer ID', vi: 'Mã khách hàng' },
  customer_name: { en: 'Customer name', vi: 'Tên khách hàng' },
  phone: { en: 'Phone', vi: 'Số điện thoại' },
  email: { en: 'Email', vi: 'Email' },
  order_id: { en: 'Order ID', vi: 'Mã đơn hàng' },
  order_date: { en: 'Order date', vi: 'Ngày mua' },
  amount: { en: 'Revenue (amount)', vi: 'Doanh thu (thành tiền)' },
  profit: { en: 'Profit', vi: 'Lợi nhuận' },
  quantity: { en: 'Quantity', vi: 'Số lượng' },
  discount: { en: 'Discount', vi: 'Giảm giá' },
  channel: { en: 'Channel', vi: 'Kênh bán' },
  product: { en: 'Product', vi: 'Sản phẩm' },
  category: { en: 'Category', vi: 'Danh mục' },
  province: { en: 'Province', vi: 'Tỉnh/Thành phố' },
  region: { en: 'Region', vi: 'Khu vực' },
  city: { en: 'City / district', vi: 'Quận/Huyện' },
  birth_year: { en: 'Birth year', vi: 'Năm sinh' },
  age: { en: 'Age', vi: 'Tuổi' },
  gender: { en: 'Gender', vi: 'Giới tính' },
  income: { en: 'Income', vi: 'Thu nhập' },
  industry: { en: 'Industry', vi: 'Ngành' },
  company_size: { en: 'Company size (employees)', vi: 'Quy mô (số nhân viên)' },
  salesperson: { en: 'Salesperson', vi: 'Nhân viên bán hàng' },
  store: { en: 'Store / branch', vi: 'Cửa hàng / chi nhánh' },
  last_purchase_date: { en: 'Last purchase date', vi: 'Ngày mua gần nhất' },
  days_since_last: { en: 'Days since last purchase', vi: 'Số ngày từ lần mua cuối' },
  order_count: { en: 'Number of orders', vi: 'Số đơn hàng' },
  total_spend: { en: 'Total spend', vi: 'Tổng chi tiêu' },
  notes: { en: 'Notes', vi: 'Ghi chú' },
};

/** What content a role expects, for checking a header match against the values below it. */
type Kind =
  | 'id'
  | 'order_id'
  | 'channel'
  | 'name'
  | 'phone'
  | 'email'
  | 'date'
  | 'money'
  | 'count'
  | 'days'
  | 'birth'
  | 'age'
  | 'gender'
  | 'province'
  | 'text'
  | 'any'
  | 'size';

const ROLE_KIND: Record<ColumnRole, Kind> = {
  customer_id: 'id',
  customer_name: 'name',
  phone: 'phone',
  email: 'email',
  order_id: 'order_id',
  order_date: 'date',
  amount: 'money',
  profit: 'money',
  quantity: 'count',
  discount: 'any',
  channel: 'channel',
  product: 'any',
  category: 'text',
  province: 'province',
  region: 'text',
  city: 'text',
  birth_year: 'birth',
  age: 'age',
  gender: 'gender',
  income: 'any',
  industry: 'text',
  company_size: 'size',
  salesperson: 'text',
  store: 'any',
  last_purchase_date: 'date',
  days_since_last: 'days',
  order_count: 'count',
  total_spend: 'money',
  notes: 'any',
};

/**
 * Header synonyms per role. Folded at start-up (lower case, no diacritics), so `Mã KH` also
 * matches `Ma KH` and `MÃ KH`. A leading `~` marks an ambiguous word that is weaker evidence.
 * Each list is one `|`-separated string (compact in the bundle).
 */
const SYNONYMS: Record<ColumnRole, string> = {
  customer_id:
    'Mã KH|Mã khách hàng|Mã khách|MKH|ID khách hàng|ID KH|KH ID|Customer ID|CustomerID|Cust ID|Customer code|Customer No|Customer number|Client ID|Member ID|Mã thành viên|Mã hội viên|User ID|~Khách hàng|~Customer|~KH|~ID|~Mã',
  customer_name:
    'Tên khách hàng|Tên KH|Tên khách|Họ tên|Họ và tên|Họ tên khách hàng|Customer name|Client name|Full name|Contact name|Tên công ty|Tên doanh nghiệp|Company name|Người mua|Buyer|~Khách hàng|~Customer|~Tên|~Name|~Công ty|~Company|~Client',
  phone: 'SĐT|Số ĐT|Số điện thoại|Điện thoại|Di động|ĐTDĐ|Phone|Phone number|Mobile|Tel|Telephone|Zalo|Hotline|Liên hệ',
  email: 'Email|E-mail|Mail|Thư điện tử|Địa chỉ email|Email address',
  order_id:
    'Mã đơn|Mã đơn hàng|Mã ĐH|Số HĐ|Số hóa đơn|Mã hóa đơn|Order ID|OrderID|Order No|Order number|Invoice|Invoice No|Invoice ID|InvoiceNo|Transaction ID|Mã giao dịch|~Số đơn hàng|~Đơn hàng|~Hóa đơn|~Order',
  order_date:
    'Ngày mua|Ngày mua hàng|Ngày đặt hàng|Ngày đặt|Ngày đơn hàng|Ngày giao dịch|Ngày bán|Ngày hóa đơn|Ngày HĐ|Ngày tạo đơn|Thời gian đặt hàng|Thời gian mua|Order date|Purchase date|Transaction date|Invoice date|InvoiceDate|Sale date|Order time|Created at|~Ngày|~Date|~Thời gian|~Ngày tạo|~Timestamp',
  amount:
    'Thành tiền|Doanh thu|Tổng tiền|Số tiền|Giá trị đơn hàng|Giá trị đơn|Tổng thanh toán|Tiền thanh toán|Doanh số|Revenue|Sales|Amount|Order value|Order total|Order amount|Total amount|Net sales|Gross sales|Sales amount|Payment|~Total|~Tổng|~Giá trị|~Thanh toán|~Tiền|~Value',
  profit: 'Lợi nhuận|Lãi|Lãi gộp|Lợi nhuận gộp|Lãi ròng|Profit|Gross profit|Net profit|Margin|Gross margin',
  quantity: 'Số lượng|SL|Số lượng sản phẩm|Số SP|Qty|Quantity|Units|Số lượng mua',
  discount: 'Giảm giá|Chiết khấu|Khuyến mãi|KM|CK|Mã giảm giá|Mã khuyến mãi|Tiền giảm|Voucher|Coupon|Discount|Discount amount|Promo|Promo code|Promotion',
  channel: 'Kênh|Kênh bán|Kênh bán hàng|Kênh mua|Kênh mua hàng|Nguồn đơn|Sàn TMĐT|Sàn bán hàng|Nền tảng|Channel|Sales channel|Platform|~Nguồn|~Source',
  product: 'Sản phẩm|Tên sản phẩm|Tên SP|Mã SP|Mã sản phẩm|Mặt hàng|Hàng hóa|Tên hàng|Product|Product name|Item|SKU|~Description',
  category: 'Danh mục|Loại sản phẩm|Nhóm hàng|Ngành hàng|Nhóm sản phẩm|Category|Product category|Product type|~Loại|~Nhóm',
  province: 'Tỉnh/Thành phố|Tỉnh thành|Tỉnh thành phố|Tỉnh/TP|Tỉnh|Province|Province/City|State|Địa phương|~Thành phố|~Địa chỉ|~Address',
  region: 'Khu vực|Vùng|Miền|Vùng miền|Region|Area|Territory',
  city: 'Quận/Huyện|Quận huyện|Quận|Huyện|District|City|Town',
  birth_year: 'Năm sinh|Ngày sinh|Ngày tháng năm sinh|Birth year|Year of birth|YOB|Date of birth|DOB|Birthday|Sinh nhật|Birthdate',
  age: 'Tuổi|Độ tuổi|Age',
  gender: 'Giới tính|Phái|Gender|Sex',
  income: 'Thu nhập|Thu nhập tháng|Thu nhập hàng tháng|Mức thu nhập|Lương|Income|Monthly income|Salary',
  industry: 'Ngành|Ngành nghề|Lĩnh vực|Lĩnh vực kinh doanh|Ngành nghề kinh doanh|Industry|Sector|Business type|Vertical',
  company_size:
    'Số nhân viên|Số lao động|Số NV|Quy mô|Quy mô công ty|Quy mô doanh nghiệp|Employees|Number of employees|No of employees|Company size|Headcount|~Size|~Staff',
  salesperson:
    'Nhân viên bán hàng|NVBH|NV bán hàng|Nhân viên phụ trách|NV phụ trách|Người phụ trách|Sale phụ trách|Người bán|Sales rep|Salesperson|Sales person|Sales staff|Account manager|Seller|~Nhân viên|~Owner',
  store: 'Cửa hàng|Chi nhánh|Showroom|Điểm bán|Store|Shop|Branch|Outlet|~Location',
  last_purchase_date:
    'Ngày mua gần nhất|Ngày mua cuối|Ngày mua cuối cùng|Lần mua cuối|Lần mua gần nhất|Ngày mua hàng gần nhất|Ngày giao dịch gần nhất|Last purchase|Last purchase date|Last order date|Last order|Most recent purchase|Most recent visit|Most recent order|Last visit',
  days_since_last:
    'Số ngày từ lần mua cuối|Số ngày kể từ lần mua cuối|Số ngày chưa mua|Số ngày không mua|Recency|Recency days|Days since last purchase|Days since last order|Days since last visit',
  order_count:
    'Số đơn|Số lần mua|Tổng số đơn|Tổng đơn|Tổng số đơn hàng|Số giao dịch|Số lần giao dịch|Tần suất|Tần suất mua|Frequency|Number of orders|Order count|No of orders|Orders|Purchases|Transactions|Visits|~Số đơn hàng',
  total_spend:
    'Tổng chi tiêu|Tổng mua|Tổng giá trị mua|Tổng giá trị mua hàng|Doanh số tích lũy|Tổng doanh thu|Tổng doanh số|Chi tiêu|Total spend|Total spent|Total spending|Lifetime value|LTV|Total revenue|Total sales|Total purchases|Monetary',
  notes: 'Ghi chú|Nhận xét|Note|Notes|Comment|Comments|Remarks|Memo',
};

interface Syn {
  role: ColumnRole;
  text: string;
  tokens: string[];
  weak: boolean;
}

let SYN_LIST: Syn[] | null = null;
function synonyms(): Syn[] {
  if (SYN_LIST) return SYN_LIST;
  const out: Syn[] = [];
  for (const role of COLUMN_ROLES) {
    for (const raw of SYNONYMS[role].split('|')) {
      const weak = raw.startsWith('~');
      const text = foldText(weak ? raw.slice(1) : raw);
      out.push({ role, text, tokens: text.split(' '), weak });
    }
  }
  SYN_LIST = out;
  return out;
}

/** Best header score per role for a header text: exact 1, phrase inside the header 0.6–0.9, all words 0.55–0.7. */
function headerScores(header: string): Map<ColumnRole, number> {
  const out = new Map<ColumnRole, number>();
  const h = foldText(header);
  if (!h) return out;
  const padded = ` ${h} `;
  const hTokens = new Set(h.split(' '));
  const hLen = h.replace(/ /g, '').length;
  for (const s of synonyms()) {
    let score = 0;
    if (h === s.text) score = 1;
    // A single ambiguous word (`Mã`, `ID`, `Ngày`, `Tổng`) counts only as the whole header.
    else if (s.weak && s.tokens.length === 1) continue;
    else if (padded.includes(` ${s.text} `)) score = 0.6 + 0.3 * (s.text.replace(/ /g, '').length / hLen);
    else if (s.tokens.length > 1 && s.tokens.every((t) => hTokens.has(t))) score = 0.55 + 0.15 * (s.text.replace(/ /g, '').length / hLen);
    if (!score) continue;
    if (s.weak) score *= 0.7;
    if (score > (out.get(s.role) ?? 0)) out.set(s.role, score);
  }
  return out;
}

function isKnownHeader(v: Cell): boolean {
  if (typeof v !== 'string') return false;
  const s = v.trim();
  if (!s || s.length > 60) return false;
  for (const score of headerScores(s).values()) if (score >= 0.6) return true;
  return false;
}

function cellIsTexty(v: Cell): boolean {
  if (typeof v !== 'string') return false;
  const s = v.trim();
  if (!s || s.length > 80) return false;
  if (!Number.isNaN(parseAmount(s, 'en_US'))) return false;
  if (!Number.isNaN(parseDay(s, 'vi_VN', 'UTC'))) return false;
  return /\p{L}/u.test(s);
}

function nonBlankCount(row: Cell[] | undefined): number {
  if (!row) return 0;
  let n = 0;
  for (const v of row) if (!isBlank(v)) n++;
  return n;
}

/**
 * The index of the header row, or -1 when the sheet has none. Looks at the first 50 rows: a
 * header has at least two text cells (not numbers or dates), mostly text, and preferably names
 * known columns. Titles and merged group labels (one filled cell) are skipped. Without any known
 * column name, a text row counts only when a row below it has a number or date under one of its
 * text cells.
 */
export function detectHeaderRow(grid: Cell[][]): number {
  const limit = Math.min(grid.length, 50);
  let best = -1;
  let bestScore = 0;
  for (let r = 0; r < limit; r++) {
    const row = grid[r];
    const nb = nonBlankCount(row);
    if (nb < 2) continue;
    let texty = 0;
    let known = 0;
    for (const v of row) {
      if (cellIsTexty(v)) {
        texty++;
        if (isKnownHeader(v)) known++;
      }
    }
    if (texty < 2 || texty < 0.6 * nb) continue;
    if (known === 0) {
      // A plain text row: a header only if a following row has a number/date under its text.
      let typed = false;
      for (let k = r + 1; k < Math.min(grid.length, r + 6) && !typed; k++) {
        const below = grid[k];
        if (!below) continue;
        for (let j = 0; j < row.length && !typed; j++) {
          if (!cellIsTexty(row[j])) continue;
          const v = below[j];
          if (typeof v === 'number' || isDate(v) || (typeof v === 'string' && !isBlank(v) && !cellIsTexty(v))) typed = true;
        }
      }
      if (!typed) continue;
    }
    const score = known * 3 + texty;
    if (score > bestScore) {
      bestScore = score;
      best = r;
    }
    // The first row naming 3+ known columns is the header; later rows are data or sub-tables.
    if (known >= 3) break;
  }
  return best;
}

// ---------------------------------------------------------------------------------------------
// Content profiling

const EMAIL = /^[^\s@<>()",;:]+@[^\s@<>()",;:]+\.[a-z]{2,}$/i;

/** A Vietnamese phone number: `09xxxxxxxx`, `+84 9x xxx xxxx`, `84...`, `(028) 3xxx xxxx`, with spaces, dots or dashes. */
export function isVnPhone(v: Cell): boolean {
  if (v === null || v === undefined || typeof v === 'boolean' || isDate(v)) return false;
  if (typeof v === 'number') {
    // A number cell drops the leading 0: 912345678 (9 digits) or 84912345678.
    if (!Number.isInteger(v) || v <= 0) return false;
    const s = String(v);
    return /^[35789]\d{8}$/.test(s) || /^2\d{9}$/.test(s) || /^84[35789]\d{8}$/.test(s) || /^842\d{9}$/.test(s);
  }
  const s = String(v).trim();
  if (!/^[+(]?[\d\s().-]{9,20}$/.test(s)) return false;
  const d = s.replace(/\D/g, '');
  return /^0[35789]\d{8}$/.test(d) || /^02\d{9}$/.test(d) || /^84[35789]\d{8}$/.test(d) || /^842\d{9}$/.test(d) || /^[35789]\d{8}$/.test(d);
}

function isIdLike(v: Cell): boolean {
  if (typeof v === 'number') return Number.isInteger(v) && v >= 0;
  if (typeof v !== 'string') return false;
  const s = v.trim();
  if (/^\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}$/.test(s)) return false; // a date
  return s.length <= 40 && /^[\p{L}\d_\-./#:]+$/u.test(s) && /\d/.test(s);
}

function isNameLike(v: Cell): boolean {
  if (typeof v !== 'string') return false;
  const s = v.trim();
  if (s.length < 2 || s.length > 80 || !/\p{L}/u.test(s)) return false;
  if (EMAIL.test(s) || isIdLike(s)) return false;
  return (s.match(/\d/g) || []).length <= 3;
}

function isDateLike(v: Cell, locale: string, allowSerial: boolean): boolean {
  if (isDate(v)) return !Number.isNaN((v as Date).getTime());
  if (typeof v === 'number') return allowSerial && v >= 25_000 && v < 73_000;
  if (typeof v !== 'string') return false;
  const s = v.trim();
  if (/^\d{4,8}$/.test(s) && !/^\d{8}$/.test(s)) return false;
  return !Number.isNaN(parseDay(s, locale, 'UTC'));
}

const CHANNEL_WORDS = new Set(
  'online|offline|website|web|app|mobile app|shopee|lazada|tiki|tiktok|tiktok shop|sendo|facebook|fb|zalo|instagram|cua hang|tai cua hang|store|in store|showroom|dai ly|hotline|dien thoai|phone|email|retail|wholesale|pos|grab|grabfood|shopeefood|livestream|b2b|b2c|direct|truc tiep|marketplace|ctv|cong tac vien|affiliate|referral|gioi thieu|ads|google|messenger'.split(
    '|',
  ),
);

function isChannelWord(v: Cell): boolean {
  if (typeof v !== 'string') return false;
  const k = foldText(v);
  if (CHANNEL_WORDS.has(k)) return true;
  const first = k.split(' ')[0];
  return CHANNEL_WORDS.has(first);
}

interface Profile {
  n: number;
  distinct: number;
  share: Record<
    'number' | 'int' | 'date' | 'dateStrict' | 'phone' | 'email' | 'id' | 'name' | 'gender' | 'province' | 'text' | 'channel' | 'birth' | 'age',
    number
  >;
  median: number;
  repeats: boolean;
}

function profile(values: Cell[], locale: string, thisYear: number): Profile {
  const n = values.length;
  const c = { number: 0, int: 0, date: 0, dateStrict: 0, phone: 0, email: 0, id: 0, name: 0, gender: 0, province: 0, text: 0, channel: 0, birth: 0, age: 0 };
  const nums: number[] = [];
  const seen = new Set<string>();
  for (const v of values) {
    seen.add(isDate(v) ? `d${(v as Date).getTime()}` : `${typeof v}:${String(v).trim().toLowerCase()}`);
    const num = typeof v === 'number' ? v : typeof v === 'string' ? parseAmount(v, locale) : Number.NaN;
    if (!Number.isNaN(num)) {
      c.number++;
      nums.push(num);
      if (Number.isInteger(num)) {
        c.int++;
        if (num >= 1900 && num <= thisYear) c.birth++;
        if (num >= 0 && num <= 120) c.age++;
      }
    }
    if (isDateLike(v, locale, true)) c.date++;
    if (isDateLike(v, locale, false)) c.dateStrict++;
    if (isVnPhone(v)) c.phone++;
    if (typeof v === 'string' && EMAIL.test(v.trim())) c.email++;
    if (isIdLike(v)) c.id++;
    if (isNameLike(v)) c.name++;
    if (typeof v === 'string' && normalizeGender(v)) c.gender++;
    if (typeof v === 'string' && normalizeProvince(v)) c.province++;
    if (typeof v === 'string' && Number.isNaN(num) && /\p{L}/u.test(v)) c.text++;
    if (isChannelWord(v)) c.channel++;
  }
  nums.sort((a, b) => a - b);
  const share = {} as Profile['share'];
  for (const k of Object.keys(c) as (keyof typeof c)[]) share[k] = n ? c[k] / n : 0;
  return { n, distinct: seen.size, share, median: nums.length ? nums[nums.length >> 1] : Number.NaN, repeats: seen.size < n };
}

/** How well a column's content fits a role (0..1). */
function compat(kind: Kind, p: Profile): number {
  if (p.n === 0) return 1;
  const s = p.share;
  switch (kind) {
    case 'id':
      // Some sheets key customers by name (`Brion Stark`): acceptable, if less typical.
      return Math.max(s.id, 0.8 * s.name);
    case 'order_id':
      // Order ids are mostly distinct (order lines may repeat them); counts repeat a lot.
      return s.id * Math.min(1, p.distinct / p.n / 0.5);
    case 'name':
      return s.name;
    case 'phone':
      return s.phone;
    case 'email':
      return s.email;
    case 'date':
      return s.date;
    case 'money':
      return s.number;
    case 'count':
      return s.int;
    case 'days':
      return s.number;
    case 'birth':
      return Math.max(s.birth, s.date);
    case 'age':
      return s.age;
    case 'gender':
      return s.gender;
    case 'province':
      return Math.max(s.province, s.text * 0.6);
    case 'size':
      return Math.max(s.number, s.text * 0.8);
    case 'text':
    case 'channel':
      return s.text;
    default:
      return 1;
  }
}

// ---------------------------------------------------------------------------------------------
// Mapping

export interface ColumnMatch {
  role: ColumnRole;
  /** 0-based column index in the grid. */
  col: number;
  /** Header text as shown in the sheet ('' when there is none). */
  header: string;
  /** 0..1 */
  confidence: number;
  by: 'header' | 'content' | 'user';
  reason: Localized;
  /** Set when the content does not look like the role (the user should check). */
  warning?: Localized;
  /** Up to 5 distinct sample values, as display text. */
  samples: string[];
}

export interface ColumnMapping {
  /** -1 when the sheet has no header row. */
  headerRow: number;
  /** First and one-past-last data row (0-based grid rows). */
  dataStart: number;
  dataEnd: number;
  /** Data rows with at least one value. */
  dataRows: number;
  width: number;
  /** Header text per column ('' when none). */
  headers: string[];
  roles: Partial<Record<ColumnRole, ColumnMatch>>;
  /** The role of each column, or null. */
  columns: (ColumnRole | null)[];
  /** The column that identifies customers: customer id, else phone, email, then name. */
  customerKey: { role: ColumnRole; col: number } | null;
  /** Rows with a customer key, and how many distinct keys (ids repeat in an order log). */
  idStats: { rows: number; distinct: number } | null;
}

export interface DetectOptions {
  /** Ignored: the `headerRow` argument decides (kept so callers may pass their options object as is). */
  headerRow?: number;
  /** For the birth-year / age check; default: the current year. */
  year?: number;
  timeZone?: string;
}

const R = {
  header: { en: 'header "{h}"', vi: 'tiêu đề "{h}"' },
  headerParent: { en: 'header "{p}" › "{h}"', vi: 'tiêu đề "{p}" › "{h}"' },
  content: { en: '{pct}% of values look like {what}', vi: '{pct}% giá trị trông giống {what}' },
  mismatch: { en: 'only {pct}% of values look like {what}', vi: 'chỉ {pct}% giá trị trông giống {what}' },
  user: { en: 'chosen by you', vi: 'do bạn chọn' },
} satisfies Record<string, Localized>;

const WHAT: Record<Kind, Localized> = {
  id: { en: 'ids', vi: 'mã' },
  order_id: { en: 'order ids', vi: 'mã đơn hàng' },
  name: { en: 'names', vi: 'tên' },
  phone: { en: 'phone numbers', vi: 'số điện thoại' },
  email: { en: 'email addresses', vi: 'địa chỉ email' },
  date: { en: 'dates', vi: 'ngày tháng' },
  money: { en: 'amounts', vi: 'số tiền' },
  count: { en: 'whole numbers', vi: 'số nguyên' },
  days: { en: 'numbers of days', vi: 'số ngày' },
  birth: { en: 'birth years or dates', vi: 'năm sinh hoặc ngày sinh' },
  age: { en: 'ages', vi: 'tuổi' },
  gender: { en: 'genders', vi: 'giới tính' },
  province: { en: 'provinces', vi: 'tỉnh/thành' },
  text: { en: 'text', vi: 'chữ' },
  channel: { en: 'sales channels', vi: 'kênh bán hàng' },
  any: { en: 'values', vi: 'giá trị' },
  size: { en: 'numbers of employees', vi: 'số nhân viên' },
};

function fill(t: Localized, p: Record<string, string | number>): Localized {
  const f = (s: string) => s.replace(/\{(\w+)\}/g, (m, k) => (k in p ? String(p[k]) : m));
  return { en: f(t.en), vi: f(t.vi) };
}

function joinL(a: Localized, b: Localized, sep = '; '): Localized {
  return { en: `${a.en}${sep}${b.en}`, vi: `${a.vi}${sep}${b.vi}` };
}

function display(v: Cell, locale: string, timeZone: string): string {
  if (isDate(v)) {
    const d = parseDay(v, locale, timeZone);
    return Number.isNaN(d) ? '' : formatDay(d, locale);
  }
  const s = String(v).trim();
  return s.length > 40 ? `${s.slice(0, 37)}...` : s;
}

function cellText(v: Cell): string {
  if (v === null || v === undefined || isDate(v)) return '';
  return String(v).trim();
}

/** Data range: from below the header to the last row with any value. */
function dataRange(grid: Cell[][], headerRow: number): [number, number, number] {
  const start = headerRow + 1;
  let end = grid.length;
  while (end > start && nonBlankCount(grid[end - 1]) === 0) end--;
  let rows = 0;
  for (let r = start; r < end; r++) if (nonBlankCount(grid[r]) > 0) rows++;
  return [start, end, rows];
}

function sampleRows(start: number, end: number, max = 400): number[] {
  const n = end - start;
  if (n <= max) return Array.from({ length: Math.max(0, n) }, (_, i) => start + i);
  const out: number[] = [];
  for (let i = 0; i < max; i++) out.push(start + Math.floor((i * n) / max));
  return out;
}

/** Row-number headers (`STT` = số thứ tự): such a column gets no role from its content. */
const ROW_NUMBER_HEADERS = new Set(['stt', 'tt', 'so tt', 'so thu tu', 'no', 'nr', 'row', 'index', '#', 'n']);

interface Candidate {
  role: ColumnRole;
  col: number;
  score: number;
  by: 'header' | 'content';
  reason: Localized;
  warning?: Localized;
}

/** Headers per column: the header row's text; a blank cell under a merged group label, or a child of one, also gets the parent label. */
function headerTexts(grid: Cell[][], headerRow: number, width: number): { text: string[]; parent: string[] } {
  const text: string[] = new Array(width).fill('');
  const parent: string[] = new Array(width).fill('');
  if (headerRow < 0) return { text, parent };
  const row = grid[headerRow] || [];
  for (let j = 0; j < width; j++) text[j] = cellText(row[j]);
  if (headerRow > 0) {
    const above = grid[headerRow - 1] || [];
    if (nonBlankCount(above) >= 1 && nonBlankCount(above) < width) {
      let carry = '';
      for (let j = 0; j < width; j++) {
        const v = cellText(above[j]);
        if (v) carry = cellIsTexty(v) ? v : '';
        // A group label spans the columns to its right until the next label or a blank header cell run ends.
        parent[j] = carry;
      }
    }
  }
  return { text, parent };
}

/**
 * Assigns a role to the columns of a sheet. `grid` is the sheet's values (rows of cells);
 * `headerRow` is from {@link detectHeaderRow} (or pass -1 for none).
 */
export function detectColumns(grid: Cell[][], headerRow: number, locale: string, opts: DetectOptions = {}): ColumnMapping {
  const timeZone = opts.timeZone ?? 'Asia/Ho_Chi_Minh';
  const year = opts.year ?? new Date().getFullYear();
  let width = 0;
  for (const row of grid) if (row && row.length > width) width = row.length;
  const [dataStart, dataEnd, dataRows] = dataRange(grid, headerRow);
  const { text: headers, parent } = headerTexts(grid, headerRow, width);
  const rows = sampleRows(dataStart, dataEnd);

  const profiles: Profile[] = [];
  const colValues: Cell[][] = [];
  for (let j = 0; j < width; j++) {
    const vals: Cell[] = [];
    for (const r of rows) {
      const v = grid[r]?.[j];
      if (!isBlank(v)) vals.push(v);
    }
    colValues.push(vals);
    profiles.push(profile(vals, locale, year));
  }

  const cands: Candidate[] = [];
  // By header (checked against content)
  for (let j = 0; j < width; j++) {
    const scores = headerScores(headers[j]);
    const viaParent = parent[j] ? headerScores(`${parent[j]} ${headers[j]}`) : new Map<ColumnRole, number>();
    const roles = new Set<ColumnRole>([...scores.keys(), ...viaParent.keys()]);
    for (const role of roles) {
      const own = scores.get(role) ?? 0;
      const par = (viaParent.get(role) ?? 0) * 0.9;
      const hs = Math.max(own, par);
      const kind = ROLE_KIND[role];
      const p = profiles[j];
      const fit = compat(kind, p);
      const score = hs * (0.5 + 0.5 * fit);
      const reason = own >= par ? fill(R.header, { h: headers[j] }) : fill(R.headerParent, { p: parent[j], h: headers[j] });
      const cand: Candidate = { role, col: j, score, by: 'header', reason };
      if (p.n > 0 && fit < 0.5 && kind !== 'any') cand.warning = mismatch(fit, kind);
      cands.push(cand);
    }
  }
  // By content (row-number columns such as `STT` are never guessed)
  const numericCols: number[] = [];
  for (let j = 0; j < width; j++) {
    const p = profiles[j];
    if (p.n === 0 || ROW_NUMBER_HEADERS.has(foldText(headers[j]))) continue;
    const s = p.share;
    const add = (role: ColumnRole, score: number, kind: Kind, share: number) =>
      cands.push({ role, col: j, score, by: 'content', reason: contentReason(share, kind) });
    if (s.email >= 0.8) add('email', 0.75 * s.email, 'email', s.email);
    if (s.phone >= 0.8) add('phone', 0.75 * s.phone, 'phone', s.phone);
    if (s.dateStrict >= 0.8) {
      add('order_date', 0.6 * s.dateStrict, 'date', s.dateStrict);
    }
    if (s.gender >= 0.8 && p.distinct <= 8) add('gender', 0.7 * s.gender, 'gender', s.gender);
    if (s.province >= 0.7) add('province', 0.65 * s.province, 'province', s.province);
    if (s.channel >= 0.5 && p.distinct <= 20) add('channel', 0.6 * s.channel, 'channel', s.channel);
    if (s.id >= 0.9 && s.phone < 0.5 && s.int < 0.9 && s.dateStrict < 0.5) {
      add('customer_id', p.repeats ? 0.5 : 0.4, 'id', s.id);
      if (!p.repeats) add('order_id', 0.35, 'id', s.id);
    }
    if (s.name >= 0.8 && p.distinct >= Math.min(p.n, 5) * 0.5 && s.gender < 0.5 && s.province < 0.5 && s.channel < 0.5)
      add('customer_name', 0.45 * s.name, 'name', s.name);
    if (s.birth >= 0.9 && s.int >= 0.9 && p.median >= 1930) add('birth_year', 0.45, 'birth', s.birth);
    if (s.number >= 0.9 && s.phone < 0.5 && s.date < 0.9) numericCols.push(j);
  }
  // The numeric column with the largest typical value is the best content guess for the amount.
  numericCols.sort((a, b) => profiles[b].median - profiles[a].median || a - b);
  numericCols.forEach((j, i) => {
    const p = profiles[j];
    if (p.median >= 1000 || p.share.int < 0.9)
      cands.push({ role: 'amount', col: j, score: i === 0 ? 0.4 : 0.35, by: 'content', reason: contentReason(p.share.number, 'money') });
  });

  // Greedy assignment: best score first; ties → role order, then left-most column.
  const roleIndex = (r: ColumnRole) => COLUMN_ROLES.indexOf(r);
  cands.sort((a, b) => b.score - a.score || roleIndex(a.role) - roleIndex(b.role) || a.col - b.col);
  const roles: Partial<Record<ColumnRole, ColumnMatch>> = {};
  const columns: (ColumnRole | null)[] = new Array(width).fill(null);
  for (const c of cands) {
    if (roles[c.role] || columns[c.col] || c.score < 0.2) continue;
    roles[c.role] = {
      role: c.role,
      col: c.col,
      header: headers[c.col],
      confidence: Math.round(Math.min(1, c.score) * 100) / 100,
      by: c.by,
      reason: c.reason,
      ...(c.warning ? { warning: c.warning } : {}),
      samples: samplesOf(colValues[c.col], locale, timeZone),
    };
    columns[c.col] = c.role;
  }
  // A "City" column holding provinces (Hà Nội, TP.HCM) is the province column.
  if (!roles.province && roles.city && profiles[roles.city.col].share.province >= 0.7) {
    const m = roles.city;
    delete roles.city;
    roles.province = { ...m, role: 'province', reason: joinL(m.reason, contentReason(profiles[m.col].share.province, 'province')) };
    columns[m.col] = 'province';
  }

  const mapping: ColumnMapping = { headerRow, dataStart, dataEnd, dataRows, width, headers, roles, columns, customerKey: null, idStats: null };
  refreshKey(grid, mapping);
  return mapping;
}

function byKind(t: Localized, share: number, kind: Kind): Localized {
  const pct = String(Math.round(share * 100));
  return {
    en: t.en.replace('{pct}', pct).replace('{what}', WHAT[kind].en),
    vi: t.vi.replace('{pct}', pct).replace('{what}', WHAT[kind].vi),
  };
}

function mismatch(fit: number, kind: Kind): Localized {
  return byKind(R.mismatch, fit, kind);
}

function contentReason(share: number, kind: Kind): Localized {
  return byKind(R.content, share, kind);
}

function samplesOf(values: Cell[], locale: string, timeZone: string): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const v of values) {
    const s = display(v, locale, timeZone);
    if (!s || seen.has(s)) continue;
    seen.add(s);
    out.push(s);
    if (out.length >= 5) break;
  }
  return out;
}

/** Recomputes the customer key and id statistics (call after changing roles). */
function refreshKey(grid: Cell[][], m: ColumnMapping): void {
  const order: ColumnRole[] = ['customer_id', 'phone', 'email', 'customer_name'];
  const role = order.find((r) => m.roles[r]);
  if (!role) {
    m.customerKey = null;
    m.idStats = null;
    return;
  }
  const col = (m.roles[role] as ColumnMatch).col;
  m.customerKey = { role, col };
  const seen = new Set<string>();
  let n = 0;
  for (let r = m.dataStart; r < m.dataEnd; r++) {
    const v = grid[r]?.[col];
    if (isBlank(v)) continue;
    n++;
    seen.add(typeof v === 'number' ? String(v) : String(v).trim().toLowerCase());
  }
  m.idStats = { rows: n, distinct: seen.size };
}

/**
 * The user's choice: gives `role` to column `col` (or removes the role when `col` is null).
 * A role the column had before is dropped. Returns a new mapping.
 */
export function assignRole(
  grid: Cell[][],
  mapping: ColumnMapping,
  role: ColumnRole,
  col: number | null,
  locale: string,
  timeZone = 'Asia/Ho_Chi_Minh',
): ColumnMapping {
  const m: ColumnMapping = { ...mapping, roles: { ...mapping.roles }, columns: mapping.columns.slice() };
  const old = m.roles[role];
  if (old) {
    m.columns[old.col] = null;
    delete m.roles[role];
  }
  if (col !== null && col >= 0 && col < m.width) {
    const prev = m.columns[col];
    if (prev) delete m.roles[prev];
    const vals: Cell[] = [];
    for (const r of sampleRows(m.dataStart, m.dataEnd)) {
      const v = grid[r]?.[col];
      if (!isBlank(v)) vals.push(v);
    }
    m.roles[role] = { role, col, header: m.headers[col] ?? '', confidence: 1, by: 'user', reason: R.user, samples: samplesOf(vals, locale, timeZone) };
    m.columns[col] = role;
  }
  refreshKey(grid, m);
  return m;
}

export type TableKind = 'orders' | 'customers' | 'unknown';

export interface TableKindResult {
  kind: TableKind;
  reason: Localized;
  /** Roles the kind needs that are not mapped. */
  missing: ColumnRole[];
}

const K = {
  orderId: { en: 'there is an order id column', vi: 'có cột mã đơn hàng' },
  repeats: { en: 'customer ids repeat ({rows} rows, {distinct} customers)', vi: 'mã khách hàng lặp lại ({rows} dòng, {distinct} khách hàng)' },
  summary: {
    en: 'there are per-customer columns (number of orders, total spend or last purchase)',
    vi: 'có các cột tổng hợp theo khách hàng (số đơn, tổng chi tiêu hoặc ngày mua gần nhất)',
  },
  dated: { en: 'each row has a date and an amount', vi: 'mỗi dòng có ngày và số tiền' },
  unknown: {
    en: 'no customer column, or neither dates nor per-customer totals were found',
    vi: 'không tìm thấy cột khách hàng, hoặc không có ngày mua lẫn số liệu tổng theo khách hàng',
  },
} satisfies Record<string, Localized>;

/**
 * 'orders' (one row per order: customer, date, amount; ids repeat) or 'customers' (one row per
 * customer with totals such as number of orders, total spend, last purchase). In a customer
 * table the `amount` column, if any, is the customer's total.
 */
export function detectTableKind(mapping: ColumnMapping): TableKindResult {
  const r = mapping.roles;
  const has = (x: ColumnRole) => !!r[x];
  const missingOf = (need: ColumnRole[][]) => need.filter((alts) => !alts.some(has)).map((alts) => alts[0]);
  const orderNeeds: ColumnRole[][] = [['customer_id', 'phone', 'email', 'customer_name'], ['order_date'], ['amount', 'total_spend']];
  const custNeeds: ColumnRole[][] = [
    ['customer_id', 'phone', 'email', 'customer_name'],
    ['total_spend', 'amount'],
    ['last_purchase_date', 'days_since_last', 'order_date'],
  ];
  const stats = mapping.idStats;
  const repeats = !!stats && stats.distinct < stats.rows;
  const summaryCols = has('order_count') || has('total_spend') || has('last_purchase_date') || has('days_since_last');
  if (!mapping.customerKey) return { kind: 'unknown', reason: K.unknown, missing: ['customer_id'] };
  if (has('order_id') && has('order_date')) return { kind: 'orders', reason: K.orderId, missing: missingOf(orderNeeds) };
  if (repeats && (has('order_date') || has('order_id'))) {
    return { kind: 'orders', reason: fill(K.repeats, { rows: stats?.rows ?? 0, distinct: stats?.distinct ?? 0 }), missing: missingOf(orderNeeds) };
  }
  if (summaryCols) return { kind: 'customers', reason: K.summary, missing: missingOf(custNeeds) };
  if (has('order_date')) return { kind: 'orders', reason: K.dated, missing: missingOf(orderNeeds) };
  return { kind: 'unknown', reason: K.unknown, missing: missingOf(orderNeeds) };
}

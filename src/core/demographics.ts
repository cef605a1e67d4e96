/**
 * Who the customers are: age bands, gender, income bands, and for B2B the industry and company
 * size. Pure functions over cell values; each either returns a key or explains why it cannot.
 */
import type { Cell } from './args';
import type { Lang, Localized } from './i18n';
import { isBlank, isDate, parseAmount, parseDay } from './parse';
import { foldText } from './provinces';

export { normalizeProvince, REGION_NAMES } from './provinces';

/** A band key, or the reason the value was rejected. */
export type BandResult<K extends string> = { ok: true; key: K; value: number } | { ok: false; reason: Localized };

const R = {
  blank: { en: 'is blank', vi: 'đang để trống' },
  notNumber: { en: 'is not a number', vi: 'không phải là số' },
  negative: { en: 'must not be negative', vi: 'không được âm' },
  future: { en: 'is a birth year after the analysis year {year}', vi: 'là năm sinh sau năm phân tích {year}' },
  tooOld: { en: 'would mean an age over {max}', vi: 'tương ứng với tuổi trên {max}' },
  ageRange: { en: 'is not an age (0–{max}) or a birth year', vi: 'không phải là tuổi (0–{max}) hay năm sinh' },
  notWhole: { en: 'is not a whole number of employees', vi: 'không phải là số nhân viên nguyên' },
} satisfies Record<string, Localized>;

function fail<K extends string>(reason: Localized, params?: Record<string, string | number>): BandResult<K> {
  if (!params) return { ok: false, reason };
  const fill = (s: string) => s.replace(/\{(\w+)\}/g, (m, k) => (k in params ? String(params[k]) : m));
  return { ok: false, reason: { en: fill(reason.en), vi: fill(reason.vi) } };
}

// ---------------------------------------------------------------------------------------------
// Age

export const AGE_BANDS = ['under_18', '18_24', '25_34', '35_44', '45_54', '55_64', '65_plus'] as const;
export type AgeBand = (typeof AGE_BANDS)[number];

export const AGE_BAND_NAMES: Record<AgeBand, Localized> = {
  under_18: { en: 'Under 18', vi: 'Dưới 18 tuổi' },
  '18_24': { en: '18–24', vi: '18–24 tuổi' },
  '25_34': { en: '25–34', vi: '25–34 tuổi' },
  '35_44': { en: '35–44', vi: '35–44 tuổi' },
  '45_54': { en: '45–54', vi: '45–54 tuổi' },
  '55_64': { en: '55–64', vi: '55–64 tuổi' },
  '65_plus': { en: '65 and over', vi: 'Từ 65 tuổi' },
};

/** Lower bounds of the age bands (inclusive). */
const AGE_LOWER = [0, 18, 25, 35, 45, 55, 65];
export const MAX_AGE = 120;

/** The band of an age in whole years (0..120). */
export function ageBandOfAge(age: number): AgeBand {
  let i = AGE_LOWER.length - 1;
  while (i > 0 && age < AGE_LOWER[i]) i--;
  return AGE_BANDS[i];
}

/**
 * The age band from a birth year (`1990`, `"1990"`), a birth date (a date cell or `15/03/1990`)
 * or an age (`34`, `"34 tuổi"`). A whole number of 1000 or more is a birth year; 0..120 is an
 * age (fractions are rounded down). The age is `analysisYear - birthYear` (the year's birthday may
 * not have passed yet; one year off at most, good enough for 10-year bands).
 * Rejects blanks, text, negative values, birth years after `analysisYear` and ages over 120.
 */
export function ageBand(value: Cell, analysisYear: number, locale = 'vi_VN', timeZone = 'Asia/Ho_Chi_Minh'): BandResult<AgeBand> {
  if (isBlank(value)) return fail(R.blank);
  let year: number | null = null;
  let age: number | null = null;
  if (isDate(value)) {
    const d = parseDay(value, locale, timeZone);
    if (Number.isNaN(d)) return fail(R.notNumber);
    year = new Date(d * 86_400_000).getUTCFullYear();
  } else if (typeof value === 'string' && /\d{1,4}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{2,4}/.test(value)) {
    const d = parseDay(value, locale, timeZone);
    if (Number.isNaN(d)) return fail(R.notNumber);
    year = new Date(d * 86_400_000).getUTCFullYear();
  } else {
    let n: number;
    if (typeof value === 'number') n = value;
    else {
      const s = String(value)
        .trim()
        .replace(/\s*(tuổi|tuoi|years?\s*old|yrs?|y\/o|t)\.?$/i, '');
      // A 4-digit year never has separators; read it before locale rules turn `1.990` into 1.99.
      n = /^\d{4}$/.test(s) ? Number(s) : parseAmount(s, locale);
    }
    if (!Number.isFinite(n)) return fail(R.notNumber);
    if (n < 0) return fail(R.negative);
    if (n >= 1000) {
      if (!Number.isInteger(n)) return fail(R.ageRange, { max: MAX_AGE });
      year = n;
    } else if (n <= MAX_AGE) age = Math.floor(n);
    else return fail(R.ageRange, { max: MAX_AGE });
  }
  if (year !== null) {
    if (year > analysisYear) return fail(R.future, { year: analysisYear });
    age = analysisYear - year;
    if (age > MAX_AGE) return fail(R.tooOld, { max: MAX_AGE });
  }
  const a = age as number;
  return { ok: true, key: ageBandOfAge(a), value: a };
}

// ---------------------------------------------------------------------------------------------
// Gender

export type Gender = 'male' | 'female' | 'other';
export const GENDERS: readonly Gender[] = ['female', 'male', 'other'];

export const GENDER_NAMES: Record<Gender, Localized> = {
  male: { en: 'Male', vi: 'Nam' },
  female: { en: 'Female', vi: 'Nữ' },
  other: { en: 'Other', vi: 'Khác' },
};

const GENDER_WORDS: Record<string, Gender> = {};
for (const w of ['nam', 'nam gioi', 'trai', 'con trai', 'm', 'male', 'man', 'men', 'boy', 'mr', 'ong', 'anh']) {
  GENDER_WORDS[w] = 'male';
}
for (const w of ['nu', 'nu gioi', 'gai', 'con gai', 'f', 'female', 'woman', 'women', 'girl', 'mrs', 'ms', 'miss', 'ba', 'chi', 'co']) {
  GENDER_WORDS[w] = 'female';
}
for (const w of ['khac', 'gioi tinh khac', 'o', 'x', 'other', 'others', 'non binary', 'nonbinary', 'lgbt', 'lgbtq', 'khong xac dinh', 'unspecified']) {
  GENDER_WORDS[w] = 'other';
}

/**
 * `Nam`, `Nữ`, `nu`, `M`, `F`, `Male`, `Female`, `Khác`, `Other` (and the titles `Anh`/`Chị`,
 * `Ông`/`Bà`, `Mr`/`Ms`) → 'male' | 'female' | 'other'; blank or unknown → null.
 */
export function normalizeGender(text: Cell): Gender | null {
  if (isBlank(text) || typeof text === 'boolean' || isDate(text)) return null;
  const key = foldText(String(text));
  return GENDER_WORDS[key] ?? null;
}

// ---------------------------------------------------------------------------------------------
// Income

export const INCOME_BANDS = ['under_5m', '5_10m', '10_20m', '20_30m', '30_50m', '50_100m', '100m_plus'] as const;
export type IncomeBand = (typeof INCOME_BANDS)[number];

export const INCOME_BAND_NAMES: Record<IncomeBand, Localized> = {
  under_5m: { en: 'Under ₫5M / month', vi: 'Dưới 5 triệu/tháng' },
  '5_10m': { en: '₫5–10M / month', vi: '5–10 triệu/tháng' },
  '10_20m': { en: '₫10–20M / month', vi: '10–20 triệu/tháng' },
  '20_30m': { en: '₫20–30M / month', vi: '20–30 triệu/tháng' },
  '30_50m': { en: '₫30–50M / month', vi: '30–50 triệu/tháng' },
  '50_100m': { en: '₫50–100M / month', vi: '50–100 triệu/tháng' },
  '100m_plus': { en: '₫100M+ / month', vi: 'Từ 100 triệu/tháng' },
};

/** Lower bounds in VND per month (inclusive). */
const INCOME_LOWER = [0, 5e6, 10e6, 20e6, 30e6, 50e6, 100e6];

/**
 * The band of a monthly income in VND. Lower bounds are inclusive: 5,000,000 is `5_10m`.
 * Rejects negative and non-finite values.
 */
export function incomeBand(monthlyIncomeVnd: number): BandResult<IncomeBand> {
  if (typeof monthlyIncomeVnd !== 'number' || !Number.isFinite(monthlyIncomeVnd)) return fail(R.notNumber);
  if (monthlyIncomeVnd < 0) return fail(R.negative);
  let i = INCOME_LOWER.length - 1;
  while (i > 0 && monthlyIncomeVnd < INCOME_LOWER[i]) i--;
  return { ok: true, key: INCOME_BANDS[i], value: monthlyIncomeVnd };
}

/**
 * Reads an income cell into VND per month: numbers, `15.000.000`, `15 triệu`, `15tr`, `15M`,
 * `1,5 tỷ`. `scale` multiplies plain numbers (1e6 when the column is in millions, see
 * {@link incomeScale}); `perYear` divides by 12. NaN when it is not an amount.
 */
export function parseIncome(v: Cell, locale = 'vi_VN', scale = 1, perYear = false): number {
  if (isBlank(v) || typeof v === 'boolean' || isDate(v)) return Number.NaN;
  let n: number;
  if (typeof v === 'number') n = v * scale;
  else {
    const s = String(v).trim().toLowerCase();
    const m =
      /^(.*?)\s*(triệu|trieu|tr|m|million|millions|mil|tỷ|ty|tỉ|ti|billion|bn|b|k|nghìn|nghin|ngàn|ngan|thousand)\.?\s*(\/\s*(tháng|thang|month|mo|năm|nam|year|yr))?$/.exec(
        s,
      );
    if (m?.[2]) {
      const base = parseAmount(m[1], locale);
      const unit = m[2];
      const mult = /^(tỷ|ty|tỉ|ti|billion|bn|b)$/.test(unit) ? 1e9 : /^(k|nghìn|nghin|ngàn|ngan|thousand)$/.test(unit) ? 1e3 : 1e6;
      n = base * mult;
      if (m[4] && /^(năm|nam|year|yr)$/.test(m[4])) n /= 12;
    } else n = parseAmount(s.replace(/\s*\/\s*(tháng|thang|month|mo)$/, ''), locale) * scale;
  }
  if (!Number.isFinite(n)) return Number.NaN;
  return perYear ? n / 12 : n;
}

/**
 * Guesses the unit of a plain-number income column: when the median positive value is under
 * 1,000 the column is in millions (`15` = 15 triệu) and the scale is 1e6; otherwise 1.
 */
export function incomeScale(values: number[]): number {
  const pos = values.filter((x) => Number.isFinite(x) && x > 0).sort((a, b) => a - b);
  if (!pos.length) return 1;
  const med = pos[Math.floor((pos.length - 1) / 2)];
  return med < 1000 ? 1e6 : 1;
}

// ---------------------------------------------------------------------------------------------
// Company size (B2B)

export const COMPANY_SIZES = ['micro', 'small', 'medium', 'large'] as const;
export type CompanySize = (typeof COMPANY_SIZES)[number];

export const COMPANY_SIZE_NAMES: Record<CompanySize, Localized> = {
  micro: { en: 'Micro', vi: 'Siêu nhỏ' },
  small: { en: 'Small', vi: 'Nhỏ' },
  medium: { en: 'Medium', vi: 'Vừa' },
  large: { en: 'Large', vi: 'Lớn' },
};

/** Sector for the Vietnamese thresholds: agriculture / industry / construction, or trade / services. */
export type Sector = 'industry' | 'trade_services';

export interface CompanySizeOptions {
  /**
   * `vn` (default): Decree 80/2021/NĐ-CP, Art. 5 (same thresholds as Decree 39/2018/NĐ-CP, Art. 6),
   * on the employee criterion only (average social-insured employees per year):
   *   agriculture, forestry, fishery, industry, construction: micro ≤ 10, small ≤ 100, medium ≤ 200;
   *   trade and services: micro ≤ 10, small ≤ 50, medium ≤ 100; above that, large.
   * The decree also caps revenue or capital; a sheet rarely has them, so they are not used.
   * `eu`: the EU recommendation 2003/361/EC head-count bands: micro < 10, small < 50, medium < 250.
   */
  scheme?: 'vn' | 'eu';
  /** For `vn`; default `trade_services`. See {@link sectorOfIndustry}. */
  sector?: Sector;
}

const SIZE_MAX: Record<string, [number, number, number]> = {
  vn_industry: [10, 100, 200],
  vn_trade_services: [10, 50, 100],
  eu: [9, 49, 249],
};

/** Company-size band from a number of employees (or a text such as `50`, `50 người`, `1.200`). */
export function companySizeBand(employees: Cell, opts: CompanySizeOptions = {}, locale = 'vi_VN'): BandResult<CompanySize> {
  if (isBlank(employees)) return fail(R.blank);
  let n: number;
  if (typeof employees === 'number') n = employees;
  else if (typeof employees === 'string') {
    const s = employees
      .trim()
      .replace(/\s*(người|nguoi|nhân viên|nhan vien|nv|lao động|lao dong|employees?|staff|people|pax)\.?$/i, '')
      .replace(/^(>|≥|<|≤|~|khoảng|khoang|about|approx\.?)\s*/i, '');
    n = parseAmount(s, locale);
  } else n = Number.NaN;
  if (!Number.isFinite(n)) return fail(R.notNumber);
  if (n < 0) return fail(R.negative);
  if (!Number.isInteger(n)) return fail(R.notWhole);
  const scheme = opts.scheme === 'eu' ? 'eu' : `vn_${opts.sector === 'industry' ? 'industry' : 'trade_services'}`;
  const [micro, small, medium] = SIZE_MAX[scheme];
  const key: CompanySize = n <= micro ? 'micro' : n <= small ? 'small' : n <= medium ? 'medium' : 'large';
  return { ok: true, key, value: n };
}

// ---------------------------------------------------------------------------------------------
// Industry (B2B)

export const INDUSTRIES = [
  'retail',
  'wholesale',
  'food_beverage',
  'hospitality_tourism',
  'manufacturing',
  'construction_real_estate',
  'agriculture',
  'it_telecom',
  'finance_insurance',
  'education',
  'healthcare',
  'logistics',
  'professional_services',
  'energy',
  'public_sector',
  'other',
] as const;
export type Industry = (typeof INDUSTRIES)[number];

export const INDUSTRY_NAMES: Record<Industry, Localized> = {
  retail: { en: 'Retail', vi: 'Bán lẻ' },
  wholesale: { en: 'Wholesale & distribution', vi: 'Bán buôn & phân phối' },
  food_beverage: { en: 'Food & beverage', vi: 'Ăn uống (F&B)' },
  hospitality_tourism: { en: 'Hospitality & tourism', vi: 'Khách sạn & du lịch' },
  manufacturing: { en: 'Manufacturing', vi: 'Sản xuất' },
  construction_real_estate: { en: 'Construction & real estate', vi: 'Xây dựng & bất động sản' },
  agriculture: { en: 'Agriculture, forestry & fishery', vi: 'Nông, lâm, thủy sản' },
  it_telecom: { en: 'IT & telecom', vi: 'Công nghệ thông tin & viễn thông' },
  finance_insurance: { en: 'Finance & insurance', vi: 'Tài chính & bảo hiểm' },
  education: { en: 'Education & training', vi: 'Giáo dục & đào tạo' },
  healthcare: { en: 'Healthcare & pharma', vi: 'Y tế & dược phẩm' },
  logistics: { en: 'Transport & logistics', vi: 'Vận tải & logistics' },
  professional_services: { en: 'Professional services', vi: 'Dịch vụ chuyên môn' },
  energy: { en: 'Energy & utilities', vi: 'Năng lượng & tiện ích' },
  public_sector: { en: 'Public sector & non-profit', vi: 'Cơ quan nhà nước & phi lợi nhuận' },
  other: { en: 'Other', vi: 'Khác' },
};

/**
 * Keyword rules. Keywords are folded (no diacritics) and match whole words or word sequences
 * of the folded text; the longest matching keyword decides.
 */
const INDUSTRY_RULES: [Industry, string[]][] = (
  [
    ['food_beverage', 'f b|fnb|nha hang|an uong|quan an|ca phe|cafe|coffee|restaurant|food service|do uong|tra sua|beverage|catering|bakery|banh'],
    ['hospitality_tourism', 'khach san|du lich|lu hanh|hotel|resort|tourism|travel|hospitality|homestay|luu tru'],
    [
      'it_telecom',
      'cntt|cong nghe thong tin|phan mem|software|it|ict|vien thong|telecom|telecommunications|saas|technology|tech|cong nghe|internet|ecommerce platform|tmdt',
    ],
    ['finance_insurance', 'tai chinh|ngan hang|bao hiem|chung khoan|finance|financial|bank|banking|insurance|fintech|securities|tin dung'],
    ['healthcare', 'y te|duoc|duoc pham|benh vien|phong kham|nha khoa|healthcare|health|hospital|clinic|pharma|pharmaceutical|medical|spa|tham my'],
    ['education', 'giao duc|dao tao|truong hoc|dai hoc|mam non|education|training|school|university|edtech|ngoai ngu'],
    ['logistics', 'van tai|van chuyen|logistics|kho van|giao nhan|chuyen phat|transport|shipping|freight|courier|xuat nhap khau|forwarding'],
    ['construction_real_estate', 'xay dung|bat dong san|bds|construction|real estate|property|kien truc|noi that|vat lieu xay dung|interior'],
    ['agriculture', 'nong nghiep|lam nghiep|thuy san|thuy hai san|chan nuoi|trong trot|nong san|agriculture|farming|fishery|aquaculture|forestry|seafood'],
    ['energy', 'nang luong|dien luc|dien nang|nhiet dien|thuy dien|xang dau|dau khi|energy|utilities|utility|oil|gas|solar|nuoc sach'],
    ['manufacturing', 'san xuat|che bien|che tao|nha may|det may|may mac|co khi|manufacturing|factory|industrial|cong nghiep|textile|garment|production'],
    ['wholesale', 'ban buon|ban si|phan phoi|dai ly|nha phan phoi|wholesale|distribution|distributor|trading|thuong mai'],
    ['retail', 'ban le|cua hang|sieu thi|shop|retail|store|tap hoa|chuoi cua hang|e commerce|ecommerce|thuong mai dien tu|online shop'],
    [
      'professional_services',
      'tu van|luat|ke toan|kiem toan|marketing|quang cao|truyen thong|consulting|legal|law|accounting|audit|advertising|agency|media|nhan su|hr|recruitment|design|thiet ke|dich vu',
    ],
    ['public_sector', 'nha nuoc|co quan|chinh phu|ubnd|phi loi nhuan|ngo|government|public sector|non profit|nonprofit|charity|hiep hoi|association'],
  ] as [Industry, string][]
).map(([k, w]) => [k, w.split('|')]);

/**
 * Maps a free-text industry (vi or en, with or without diacritics) to one of {@link INDUSTRIES}.
 * Blank → null; text that matches no rule → 'other'.
 */
export function normalizeIndustry(text: Cell): Industry | null {
  if (isBlank(text) || typeof text === 'boolean' || isDate(text) || typeof text === 'number') return null;
  const folded = ` ${foldText(String(text))} `;
  if (folded.trim() === '') return null;
  // The longest matching keyword wins (`thuong mai dien tu` over `thuong mai`); ties: rule order.
  let best: Industry | null = null;
  let bestLen = 0;
  for (const [key, words] of INDUSTRY_RULES) {
    for (const w of words) {
      if (w.length > bestLen && folded.includes(` ${w} `)) {
        best = key;
        bestLen = w.length;
      }
    }
  }
  if (best) return best;
  for (const k of INDUSTRIES) if (folded.trim() === k.replace(/_/g, ' ')) return k;
  return 'other';
}

/** The Decree 80/2021 sector of an industry (agriculture, manufacturing, construction, energy → industry). */
export function sectorOfIndustry(industry: Industry | null | undefined): Sector {
  return industry === 'agriculture' || industry === 'manufacturing' || industry === 'construction_real_estate' || industry === 'energy'
    ? 'industry'
    : 'trade_services';
}

/** Label of any band key in the chosen language. */
export function bandLabel(kind: 'age' | 'gender' | 'income' | 'company_size' | 'industry', key: string | null | undefined, lang: Lang): string {
  if (!key) return '';
  const table: Record<string, Localized> =
    kind === 'age'
      ? AGE_BAND_NAMES
      : kind === 'gender'
        ? GENDER_NAMES
        : kind === 'income'
          ? INCOME_BAND_NAMES
          : kind === 'company_size'
            ? COMPANY_SIZE_NAMES
            : INDUSTRY_NAMES;
  const t = table[key];
  return t ? t[lang] : '';
}

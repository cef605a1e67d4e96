/**
 * Vietnamese provinces and centrally-run cities, before and after the 2025 merger.
 *
 * - The 63 provincial-level units in use until 30 June 2025.
 * - The 34 units in use from 1 July 2025 (Resolution 202/2025/QH15 of 12 June 2025: 11 units
 *   unchanged, 23 new units formed from the other 52). Every new unit keeps the name of one of
 *   its members (Huế: the former Thừa Thiên Huế, a centrally-run city since 1 January 2025).
 * - Regions: North / Central / South (Miền Bắc / Trung / Nam) and the 8 traditional economic
 *   regions. No merger crosses the North / Central / South line, so a province keeps its region.
 *
 * Pure data and lookups; no Apps Script globals.
 */
import type { Localized } from './i18n';

export type Region = 'north' | 'central' | 'south';
export const REGIONS: readonly Region[] = ['north', 'central', 'south'];

export type EconomicRegion =
  | 'northwest'
  | 'northeast'
  | 'red_river_delta'
  | 'north_central'
  | 'south_central_coast'
  | 'central_highlands'
  | 'southeast'
  | 'mekong_delta';

export const REGION_NAMES: Record<Region, Localized> = {
  north: { en: 'North', vi: 'Miền Bắc' },
  central: { en: 'Central', vi: 'Miền Trung' },
  south: { en: 'South', vi: 'Miền Nam' },
};

export const ECONOMIC_REGION_NAMES: Record<EconomicRegion, Localized> = {
  northwest: { en: 'Northwest', vi: 'Tây Bắc' },
  northeast: { en: 'Northeast', vi: 'Đông Bắc' },
  red_river_delta: { en: 'Red River Delta', vi: 'Đồng bằng sông Hồng' },
  north_central: { en: 'North Central Coast', vi: 'Bắc Trung Bộ' },
  south_central_coast: { en: 'South Central Coast', vi: 'Duyên hải Nam Trung Bộ' },
  central_highlands: { en: 'Central Highlands', vi: 'Tây Nguyên' },
  southeast: { en: 'Southeast', vi: 'Đông Nam Bộ' },
  mekong_delta: { en: 'Mekong Delta', vi: 'Đồng bằng sông Cửu Long' },
};

const REGION_OF: Record<EconomicRegion, Region> = {
  northwest: 'north',
  northeast: 'north',
  red_river_delta: 'north',
  north_central: 'central',
  south_central_coast: 'central',
  central_highlands: 'central',
  southeast: 'south',
  mekong_delta: 'south',
};

export interface Province {
  /** Official name before the 2025 merger (also the key). */
  name: string;
  /** Centrally-run city (thành phố trực thuộc trung ương) rather than a province. */
  city: boolean;
  /** The post-2025 unit it belongs to. */
  post2025: string;
  subregion: EconomicRegion;
  region: Region;
  /** Extra spellings and nicknames beyond the generated ones (no diacritics, prefixes, English). */
  aliases: string[];
}

export interface Province2025 {
  name: string;
  city: boolean;
  region: Region;
  /** Pre-2025 members, the namesake first. */
  members: string[];
}

// name | city flag | post-2025 unit ('' = same name) | economic region | extra aliases (comma-separated)
const RAW: [string, 0 | 1, string, EconomicRegion, string][] = [
  // Northwest
  ['Lai Châu', 0, '', 'northwest', ''],
  ['Điện Biên', 0, '', 'northwest', 'Dien Bien Phu'],
  ['Sơn La', 0, '', 'northwest', ''],
  ['Hòa Bình', 0, 'Phú Thọ', 'northwest', 'Hoa Binh'],
  // Northeast
  ['Hà Giang', 0, 'Tuyên Quang', 'northeast', ''],
  ['Cao Bằng', 0, '', 'northeast', ''],
  ['Bắc Kạn', 0, 'Thái Nguyên', 'northeast', 'Bắc Cạn'],
  ['Tuyên Quang', 0, '', 'northeast', ''],
  ['Lào Cai', 0, '', 'northeast', 'Sa Pa,Sapa'],
  ['Yên Bái', 0, 'Lào Cai', 'northeast', ''],
  ['Thái Nguyên', 0, '', 'northeast', ''],
  ['Lạng Sơn', 0, '', 'northeast', ''],
  ['Bắc Giang', 0, 'Bắc Ninh', 'northeast', ''],
  ['Phú Thọ', 0, '', 'northeast', 'Việt Trì'],
  ['Quảng Ninh', 0, '', 'northeast', 'Hạ Long,Halong,Móng Cái'],
  // Red River Delta
  ['Hà Nội', 1, '', 'red_river_delta', 'HN,Hanoi,Ha Noi City,Thủ đô Hà Nội,Hà Tây'],
  ['Hải Phòng', 1, '', 'red_river_delta', 'Haiphong'],
  ['Vĩnh Phúc', 0, 'Phú Thọ', 'red_river_delta', ''],
  ['Bắc Ninh', 0, '', 'red_river_delta', ''],
  ['Hải Dương', 0, 'Hải Phòng', 'red_river_delta', ''],
  ['Hưng Yên', 0, '', 'red_river_delta', ''],
  ['Thái Bình', 0, 'Hưng Yên', 'red_river_delta', ''],
  ['Hà Nam', 0, 'Ninh Bình', 'red_river_delta', 'Phủ Lý'],
  ['Nam Định', 0, 'Ninh Bình', 'red_river_delta', ''],
  ['Ninh Bình', 0, '', 'red_river_delta', ''],
  // North Central Coast
  ['Thanh Hóa', 0, '', 'north_central', ''],
  ['Nghệ An', 0, '', 'north_central', 'Vinh'],
  ['Hà Tĩnh', 0, '', 'north_central', ''],
  ['Quảng Bình', 0, 'Quảng Trị', 'north_central', 'Đồng Hới'],
  ['Quảng Trị', 0, '', 'north_central', ''],
  ['Thừa Thiên Huế', 0, 'Huế', 'north_central', 'Huế,TT Huế,TT-Huế,TTH,Thua Thien Hue,Hue'],
  // South Central Coast
  ['Đà Nẵng', 1, '', 'south_central_coast', 'Danang,Da Nang City'],
  ['Quảng Nam', 0, 'Đà Nẵng', 'south_central_coast', 'Hội An,Tam Kỳ'],
  ['Quảng Ngãi', 0, '', 'south_central_coast', ''],
  ['Bình Định', 0, 'Gia Lai', 'south_central_coast', 'Quy Nhơn,Qui Nhơn'],
  ['Phú Yên', 0, 'Đắk Lắk', 'south_central_coast', 'Tuy Hòa'],
  ['Khánh Hòa', 0, '', 'south_central_coast', 'Nha Trang,Cam Ranh'],
  ['Ninh Thuận', 0, 'Khánh Hòa', 'south_central_coast', 'Phan Rang,Phan Rang - Tháp Chàm'],
  ['Bình Thuận', 0, 'Lâm Đồng', 'south_central_coast', 'Phan Thiết,Mũi Né'],
  // Central Highlands
  ['Kon Tum', 0, 'Quảng Ngãi', 'central_highlands', 'Kontum'],
  ['Gia Lai', 0, '', 'central_highlands', 'Pleiku'],
  ['Đắk Lắk', 0, '', 'central_highlands', 'Đắc Lắc,Đăk Lăk,Đắk Lăk,Daklak,Dak Lak,Buôn Ma Thuột,Buôn Mê Thuột,BMT'],
  ['Đắk Nông', 0, 'Lâm Đồng', 'central_highlands', 'Đắc Nông,Đăk Nông,Daknong,Gia Nghĩa'],
  ['Lâm Đồng', 0, '', 'central_highlands', 'Đà Lạt,Da Lat,Dalat'],
  // Southeast
  ['Bình Phước', 0, 'Đồng Nai', 'southeast', ''],
  ['Bình Dương', 0, 'Hồ Chí Minh', 'southeast', 'Thủ Dầu Một'],
  ['Đồng Nai', 0, '', 'southeast', 'Biên Hòa'],
  ['Tây Ninh', 0, '', 'southeast', ''],
  ['Bà Rịa - Vũng Tàu', 0, 'Hồ Chí Minh', 'southeast', 'Bà Rịa Vũng Tàu,Bà Rịa–Vũng Tàu,Ba Ria Vung Tau,BR-VT,BRVT,BR VT,Vũng Tàu,Vung Tau,Bà Rịa'],
  [
    'Hồ Chí Minh',
    1,
    '',
    'southeast',
    'TP.HCM,TP HCM,TPHCM,TP. HCM,HCM,HCMC,Ho Chi Minh City,TP Hồ Chí Minh,Sài Gòn,Sai Gon,Saigon,SG,Thành phố Hồ Chí Minh,HoChiMinh',
  ],
  // Mekong Delta
  ['Long An', 0, 'Tây Ninh', 'mekong_delta', 'Tân An'],
  ['Tiền Giang', 0, 'Đồng Tháp', 'mekong_delta', 'Mỹ Tho'],
  ['Bến Tre', 0, 'Vĩnh Long', 'mekong_delta', ''],
  ['Trà Vinh', 0, 'Vĩnh Long', 'mekong_delta', ''],
  ['Vĩnh Long', 0, '', 'mekong_delta', ''],
  ['Đồng Tháp', 0, '', 'mekong_delta', 'Cao Lãnh,Sa Đéc'],
  ['An Giang', 0, '', 'mekong_delta', 'Long Xuyên,Châu Đốc'],
  ['Kiên Giang', 0, 'An Giang', 'mekong_delta', 'Rạch Giá,Phú Quốc'],
  ['Cần Thơ', 1, '', 'mekong_delta', 'Cantho'],
  ['Hậu Giang', 0, 'Cần Thơ', 'mekong_delta', 'Vị Thanh'],
  ['Sóc Trăng', 0, 'Cần Thơ', 'mekong_delta', ''],
  ['Bạc Liêu', 0, 'Cà Mau', 'mekong_delta', ''],
  ['Cà Mau', 0, '', 'mekong_delta', ''],
];

/** The 63 pre-2025 provinces and centrally-run cities. */
export const PROVINCES: readonly Province[] = RAW.map(([name, city, post, subregion, aliases]) => ({
  name,
  city: city === 1,
  post2025: post || name,
  subregion,
  region: REGION_OF[subregion],
  aliases: aliases ? aliases.split(',') : [],
}));

/** Centrally-run cities after 1 July 2025 (Huế became one on 1 January 2025). */
const CITIES_2025 = new Set(['Hà Nội', 'Hồ Chí Minh', 'Hải Phòng', 'Đà Nẵng', 'Cần Thơ', 'Huế']);

/** The 34 units from 1 July 2025, in the order of the pre-2025 table (north to south). */
export const PROVINCES_2025: readonly Province2025[] = (() => {
  const byName = new Map<string, Province2025>();
  for (const p of PROVINCES) {
    let u = byName.get(p.post2025);
    if (!u) {
      u = { name: p.post2025, city: CITIES_2025.has(p.post2025), region: p.region, members: [] };
      byName.set(p.post2025, u);
    }
    if (p.name === p.post2025 || (p.post2025 === 'Huế' && p.name === 'Thừa Thiên Huế')) u.members.unshift(p.name);
    else u.members.push(p.name);
  }
  return Array.from(byName.values());
})();

/** Lower case, no diacritics (đ → d), punctuation to spaces, single spaces. */
export function foldText(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** Leading administrative words: `Tỉnh`, `Thành phố`, `TP.`, `T.`, `Province of`. */
const PREFIX = /^(?:tinh|thanh pho|tp|t p|t|province of|city of|provincia de)\s+/;
/** Trailing words: `Province`, `City`, `Việt Nam` (Vietnamese puts `Tỉnh` first; `Hà Tĩnh` ends in `tinh`). */
const SUFFIX = /\s+(?:province|city|viet nam|vietnam)$/;

function stripAdmin(key: string): string {
  let k = key;
  for (let i = 0; i < 3; i++) {
    const next = k.replace(PREFIX, '').replace(SUFFIX, '');
    if (next === k || next === '') break;
    k = next;
  }
  return k;
}

export interface ProvinceMatch {
  /** Pre-2025 name. A name shared by a pre- and post-2025 unit gives the pre-2025 province of that name. */
  canonical: string;
  /** The unit from 1 July 2025. */
  canonicalPost2025: string;
  region: Region;
  /** Economic region of the pre-2025 province. */
  subregion: EconomicRegion;
}

let INDEX: Map<string, Province> | null = null;

function index(): Map<string, Province> {
  if (INDEX) return INDEX;
  const m = new Map<string, Province>();
  const add = (text: string, p: Province) => {
    const k = stripAdmin(foldText(text));
    if (k && !m.has(k)) m.set(k, p);
    const compact = k.replace(/ /g, '');
    if (compact.length >= 5 && !m.has(compact)) m.set(compact, p);
  };
  // Official names first so that an alias never shadows a real name.
  for (const p of PROVINCES) add(p.name, p);
  for (const p of PROVINCES) for (const a of p.aliases) add(a, p);
  INDEX = m;
  return m;
}

/** Every text (folded) the lookup knows, with its province: for tests and the sidebar's hints. */
export function provinceAliases(): [string, string][] {
  return Array.from(index().entries()).map(([k, p]) => [k, p.name]);
}

function lookup(text: string): Province | null {
  const folded = foldText(text);
  if (!folded) return null;
  const idx = index();
  const k = stripAdmin(folded);
  const hit = idx.get(k) ?? idx.get(k.replace(/ /g, '')) ?? idx.get(folded);
  return hit ?? null;
}

/**
 * Recognises a province or city name, pre- or post-2025, with or without diacritics, with
 * `Tỉnh` / `Thành phố` / `TP.` prefixes, English spellings and common nicknames (`TP.HCM`,
 * `Sài Gòn`, `HN`, `BRVT`, `Huế`). An address such as `12 Lê Lợi, Quận 1, TP.HCM` is read from its
 * last recognised comma-separated part. Returns null when nothing matches.
 */
export function normalizeProvince(text: unknown): ProvinceMatch | null {
  if (text === null || text === undefined || typeof text === 'boolean') return null;
  const s = String(text).trim();
  if (!s || s.length > 200) return null;
  let p = lookup(s);
  if (!p && /[,;/|]/.test(s)) {
    const parts = s.split(/[,;/|]/);
    for (let i = parts.length - 1; i >= 0 && !p; i--) p = lookup(parts[i]);
  }
  if (!p) return null;
  return { canonical: p.name, canonicalPost2025: p.post2025, region: p.region, subregion: p.subregion };
}

/** Display name with its administrative word, e.g. `TP. Hồ Chí Minh`, `Tỉnh Lâm Đồng` (vi) / `Ho Chi Minh City` (en). */
export function provinceDisplayName(name: string, lang: 'en' | 'vi', post2025 = true): string {
  const isCity = post2025 ? CITIES_2025.has(name) : PROVINCES.some((p) => p.name === name && p.city);
  if (lang === 'vi') return name === 'Hồ Chí Minh' ? 'TP. Hồ Chí Minh' : name;
  const folded = foldText(name)
    .split(' ')
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join(' ');
  return isCity ? `${folded} City` : folded;
}

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  AGE_BANDS,
  ageBand,
  ageBandOfAge,
  bandLabel,
  COMPANY_SIZE_NAMES,
  companySizeBand,
  INCOME_BAND_NAMES,
  INCOME_BANDS,
  INDUSTRIES,
  INDUSTRY_NAMES,
  incomeBand,
  incomeScale,
  normalizeGender,
  normalizeIndustry,
  parseIncome,
  sectorOfIndustry,
} from '../src/core/demographics';
import { foldText, normalizeProvince, PROVINCES, PROVINCES_2025, provinceAliases, provinceDisplayName } from '../src/core/provinces';

/**
 * The 2025 merger, typed here independently of src/core/provinces.ts from Resolution 202/2025/QH15
 * (as listed by VnExpress / Vietnam News, 12 June 2025): new unit ← members.
 */
const MERGER_2025: Record<string, string[]> = {
  'Tuyên Quang': ['Tuyên Quang', 'Hà Giang'],
  'Lào Cai': ['Lào Cai', 'Yên Bái'],
  'Thái Nguyên': ['Thái Nguyên', 'Bắc Kạn'],
  'Phú Thọ': ['Phú Thọ', 'Vĩnh Phúc', 'Hòa Bình'],
  'Bắc Ninh': ['Bắc Ninh', 'Bắc Giang'],
  'Hưng Yên': ['Hưng Yên', 'Thái Bình'],
  'Hải Phòng': ['Hải Phòng', 'Hải Dương'],
  'Ninh Bình': ['Ninh Bình', 'Hà Nam', 'Nam Định'],
  'Quảng Trị': ['Quảng Trị', 'Quảng Bình'],
  'Đà Nẵng': ['Đà Nẵng', 'Quảng Nam'],
  'Quảng Ngãi': ['Quảng Ngãi', 'Kon Tum'],
  'Gia Lai': ['Gia Lai', 'Bình Định'],
  'Khánh Hòa': ['Khánh Hòa', 'Ninh Thuận'],
  'Lâm Đồng': ['Lâm Đồng', 'Đắk Nông', 'Bình Thuận'],
  'Đắk Lắk': ['Đắk Lắk', 'Phú Yên'],
  'Hồ Chí Minh': ['Hồ Chí Minh', 'Bình Dương', 'Bà Rịa - Vũng Tàu'],
  'Đồng Nai': ['Đồng Nai', 'Bình Phước'],
  'Tây Ninh': ['Tây Ninh', 'Long An'],
  'Cần Thơ': ['Cần Thơ', 'Sóc Trăng', 'Hậu Giang'],
  'Vĩnh Long': ['Vĩnh Long', 'Bến Tre', 'Trà Vinh'],
  'Đồng Tháp': ['Đồng Tháp', 'Tiền Giang'],
  'Cà Mau': ['Cà Mau', 'Bạc Liêu'],
  'An Giang': ['An Giang', 'Kiên Giang'],
  // unchanged
  'Hà Nội': ['Hà Nội'],
  Huế: ['Thừa Thiên Huế'],
  'Lai Châu': ['Lai Châu'],
  'Điện Biên': ['Điện Biên'],
  'Sơn La': ['Sơn La'],
  'Lạng Sơn': ['Lạng Sơn'],
  'Quảng Ninh': ['Quảng Ninh'],
  'Thanh Hóa': ['Thanh Hóa'],
  'Nghệ An': ['Nghệ An'],
  'Hà Tĩnh': ['Hà Tĩnh'],
  'Cao Bằng': ['Cao Bằng'],
};

/** Miền Bắc / Trung / Nam of the pre-2025 provinces (Bắc Bộ; Trung Bộ incl. Tây Nguyên; Nam Bộ). */
const NORTH =
  'Hà Giang,Cao Bằng,Bắc Kạn,Tuyên Quang,Lào Cai,Yên Bái,Thái Nguyên,Lạng Sơn,Bắc Giang,Phú Thọ,Quảng Ninh,Điện Biên,Lai Châu,Sơn La,Hòa Bình,Hà Nội,Hải Phòng,Vĩnh Phúc,Bắc Ninh,Hải Dương,Hưng Yên,Thái Bình,Hà Nam,Nam Định,Ninh Bình';
const CENTRAL =
  'Thanh Hóa,Nghệ An,Hà Tĩnh,Quảng Bình,Quảng Trị,Thừa Thiên Huế,Đà Nẵng,Quảng Nam,Quảng Ngãi,Bình Định,Phú Yên,Khánh Hòa,Ninh Thuận,Bình Thuận,Kon Tum,Gia Lai,Đắk Lắk,Đắk Nông,Lâm Đồng';
const SOUTH =
  'Bình Phước,Bình Dương,Đồng Nai,Tây Ninh,Bà Rịa - Vũng Tàu,Hồ Chí Minh,Long An,Tiền Giang,Bến Tre,Trà Vinh,Vĩnh Long,Đồng Tháp,An Giang,Kiên Giang,Cần Thơ,Hậu Giang,Sóc Trăng,Bạc Liêu,Cà Mau';

describe('provinces', () => {
  it('has 63 pre-2025 units and 34 post-2025 units (6 centrally-run cities)', () => {
    expect(PROVINCES.length).toBe(63);
    expect(new Set(PROVINCES.map((p) => p.name)).size).toBe(63);
    expect(PROVINCES_2025.length).toBe(34);
    expect(
      PROVINCES_2025.filter((p) => p.city)
        .map((p) => p.name)
        .sort(),
    ).toEqual(['Cần Thơ', 'Huế', 'Hà Nội', 'Hải Phòng', 'Hồ Chí Minh', 'Đà Nẵng'].sort());
    expect(PROVINCES.filter((p) => p.city).length).toBe(5);
    expect(Object.keys(MERGER_2025).length).toBe(34);
    expect(Object.values(MERGER_2025).flat().length).toBe(63);
  });

  it('maps every pre-2025 province to its post-2025 unit (resolution 202/2025/QH15)', () => {
    for (const [unit, members] of Object.entries(MERGER_2025)) {
      const u = PROVINCES_2025.find((p) => p.name === unit);
      expect(u, unit).toBeDefined();
      expect(u?.members.slice().sort()).toEqual(members.slice().sort());
      for (const m of members) {
        const hit = normalizeProvince(m);
        expect(hit?.canonical, m).toBe(m);
        expect(hit?.canonicalPost2025, m).toBe(unit);
        expect(normalizeProvince(foldText(m))?.canonicalPost2025, `${m} without diacritics`).toBe(unit);
      }
    }
  });

  it('gives every province its North / Central / South region, unchanged by the merger', () => {
    const expected: Record<string, string> = {};
    for (const n of NORTH.split(',')) expected[n] = 'north';
    for (const n of CENTRAL.split(',')) expected[n] = 'central';
    for (const n of SOUTH.split(',')) expected[n] = 'south';
    expect(Object.keys(expected).length).toBe(63);
    for (const p of PROVINCES) {
      expect(p.region, p.name).toBe(expected[p.name]);
      expect(normalizeProvince(p.name)?.region).toBe(expected[p.name]);
      const unit = PROVINCES_2025.find((u) => u.name === p.post2025);
      expect(unit?.region, `${p.name} → ${p.post2025}`).toBe(expected[p.name]);
    }
    expect(PROVINCES_2025.filter((u) => u.region === 'north').length).toBe(15);
    expect(PROVINCES_2025.filter((u) => u.region === 'central').length).toBe(11);
    expect(PROVINCES_2025.filter((u) => u.region === 'south').length).toBe(8);
  });

  it('recognises every declared alias as its own province, and no two provinces share a key', () => {
    for (const p of PROVINCES) {
      for (const a of p.aliases) expect(normalizeProvince(a)?.canonical, a).toBe(p.name);
    }
    // Every name with its administrative word, in upper case, without diacritics, or in English.
    for (const p of PROVINCES) {
      const word = p.city ? 'Thành phố' : 'Tỉnh';
      for (const v of [`${word} ${p.name}`, p.name.toUpperCase(), `  ${foldText(p.name)}  `, `${foldText(p.name)} ${p.city ? 'city' : 'province'}`]) {
        expect(normalizeProvince(v)?.canonical, v).toBe(p.name);
      }
    }
    // The lookup table lists each official name (folded) under its own province.
    const keys = new Map(provinceAliases());
    for (const p of PROVINCES) expect(keys.get(foldText(p.name)), p.name).toBe(p.name);
  });

  it.each([
    ['TP.HCM', 'Hồ Chí Minh'],
    ['TP HCM', 'Hồ Chí Minh'],
    ['tp.hcm', 'Hồ Chí Minh'],
    ['HCM', 'Hồ Chí Minh'],
    ['Hồ Chí Minh', 'Hồ Chí Minh'],
    ['Thành phố Hồ Chí Minh', 'Hồ Chí Minh'],
    ['Ho Chi Minh City', 'Hồ Chí Minh'],
    ['Sài Gòn', 'Hồ Chí Minh'],
    ['Saigon', 'Hồ Chí Minh'],
    ['  sai   gon ', 'Hồ Chí Minh'],
    ['HN', 'Hà Nội'],
    ['Hà Nội', 'Hà Nội'],
    ['Ha Noi', 'Hà Nội'],
    ['Hanoi', 'Hà Nội'],
    ['HÀ NỘI', 'Hà Nội'],
    ['Thành phố Hà Nội', 'Hà Nội'],
    ['TP. Hà Nội', 'Hà Nội'],
    ['Đà Nẵng', 'Đà Nẵng'],
    ['Da Nang', 'Đà Nẵng'],
    ['Danang', 'Đà Nẵng'],
    ['BRVT', 'Bà Rịa - Vũng Tàu'],
    ['Bà Rịa–Vũng Tàu', 'Bà Rịa - Vũng Tàu'],
    ['Tỉnh Bà Rịa - Vũng Tàu', 'Bà Rịa - Vũng Tàu'],
    ['Vũng Tàu', 'Bà Rịa - Vũng Tàu'],
    ['Huế', 'Thừa Thiên Huế'],
    ['Thừa Thiên Huế', 'Thừa Thiên Huế'],
    ['Thừa Thiên - Huế', 'Thừa Thiên Huế'],
    ['Thành phố Huế', 'Thừa Thiên Huế'],
    ['Hue', 'Thừa Thiên Huế'],
    ['Tỉnh Lâm Đồng', 'Lâm Đồng'],
    ['tinh lam dong', 'Lâm Đồng'],
    ['Lam Dong Province', 'Lâm Đồng'],
    ['Đắc Lắc', 'Đắk Lắk'],
    ['Dak Lak', 'Đắk Lắk'],
    ['Thanh Hoá', 'Thanh Hóa'],
    ['Khánh Hoà', 'Khánh Hòa'],
    ['Hoà Bình', 'Hòa Bình'],
    ['Bắc Cạn', 'Bắc Kạn'],
    ['Can Tho City', 'Cần Thơ'],
    ['Nha Trang', 'Khánh Hòa'],
    ['Đà Lạt', 'Lâm Đồng'],
    ['12 Lê Lợi, Quận 1, TP.HCM', 'Hồ Chí Minh'],
    ['Phường 5, TP. Đà Lạt, Lâm Đồng', 'Lâm Đồng'],
  ])('%s → %s', (text, canonical) => {
    expect(normalizeProvince(text)?.canonical).toBe(canonical);
  });

  it('returns null for what is not a province', () => {
    for (const v of ['', '   ', 'Paris', 'Không rõ', 'N/A', null, undefined, 42, true, 'Quảng', 'Bình', 'DN', 'Hà', 'Tỉnh', 'Thành phố']) {
      expect(normalizeProvince(v as never), String(v)).toBeNull();
    }
  });

  it('shows display names per language', () => {
    expect(provinceDisplayName('Hồ Chí Minh', 'vi')).toBe('TP. Hồ Chí Minh');
    expect(provinceDisplayName('Hồ Chí Minh', 'en')).toBe('Ho Chi Minh City');
    expect(provinceDisplayName('Lâm Đồng', 'en')).toBe('Lam Dong');
    expect(provinceDisplayName('Lâm Đồng', 'vi')).toBe('Lâm Đồng');
  });
});

describe('ageBand', () => {
  it.each([
    [1990, 2025, '35_44', 35],
    ['1990', 2025, '35_44', 35],
    ['1.990', 2025, '35_44', 35],
    [2008, 2025, 'under_18', 17],
    [2007, 2025, '18_24', 18],
    [2001, 2025, '18_24', 24],
    [2000, 2025, '25_34', 25],
    [1960, 2025, '65_plus', 65],
    [1961, 2025, '55_64', 64],
    [34, 2025, '25_34', 34],
    ['34 tuổi', 2025, '25_34', 34],
    [44.9, 2025, '35_44', 44],
    [0, 2025, 'under_18', 0],
    [120, 2025, '65_plus', 120],
    ['15/03/1990', 2025, '35_44', 35],
    [new Date(Date.UTC(1985, 5, 1, 5)), 2025, '35_44', 40],
  ])('%s in %i → %s', (v, year, band, age) => {
    const r = ageBand(v as never, year);
    expect(r).toEqual({ ok: true, key: band, value: age });
  });

  it.each([
    ['', 'is blank'],
    [null, 'is blank'],
    ['abc', 'is not a number'],
    [-3, 'must not be negative'],
    [2030, 'after the analysis year 2025'],
    [1890, 'over 120'],
    [150, 'not an age'],
    [1990.5, 'not an age'],
  ])('rejects %s with a reason', (v, reason) => {
    const r = ageBand(v as never, 2025);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.reason.en).toContain(reason);
      expect(r.reason.vi.length).toBeGreaterThan(3);
    }
  });

  it('is monotone in age and in birth year (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 120 }), fc.integer({ min: 0, max: 120 }), (a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        const i = AGE_BANDS.indexOf(ageBandOfAge(lo));
        const j = AGE_BANDS.indexOf(ageBandOfAge(hi));
        expect(i).toBeLessThanOrEqual(j);
        // Birth year and age agree.
        const ry = ageBand(2025 - lo, 2025);
        const ra = ageBand(lo, 2025);
        expect(ry.ok && ra.ok && ry.key === ra.key).toBe(true);
      }),
    );
  });

  it('labels every band in both languages', () => {
    for (const k of AGE_BANDS) {
      expect(bandLabel('age', k, 'en')).not.toBe('');
      expect(bandLabel('age', k, 'vi')).not.toBe('');
    }
    expect(bandLabel('age', '25_34', 'vi')).toBe('25–34 tuổi');
  });
});

describe('normalizeGender', () => {
  it.each([
    ['Nam', 'male'],
    ['nam', 'male'],
    ['NAM', 'male'],
    ['M', 'male'],
    ['Male', 'male'],
    ['Anh', 'male'],
    ['Nữ', 'female'],
    ['nu', 'female'],
    ['NỮ', 'female'],
    ['F', 'female'],
    ['Female', 'female'],
    ['Chị', 'female'],
    ['Khác', 'other'],
    ['khac', 'other'],
    ['Other', 'other'],
    [' nữ ', 'female'],
  ])('%s → %s', (t, g) => {
    expect(normalizeGender(t)).toBe(g);
  });
  it('returns null for blanks and unknown text', () => {
    for (const v of ['', null, undefined, 'xyz', 1, true, 'Nam Định']) expect(normalizeGender(v as never)).toBeNull();
  });
});

describe('income', () => {
  it.each([
    [0, 'under_5m'],
    [4_999_999, 'under_5m'],
    [5_000_000, '5_10m'],
    [15_000_000, '10_20m'],
    [20_000_000, '20_30m'],
    [45_000_000, '30_50m'],
    [99_999_999, '50_100m'],
    [100_000_000, '100m_plus'],
  ])('%i VND → %s', (v, band) => {
    expect(incomeBand(v)).toEqual({ ok: true, key: band, value: v });
  });
  it('rejects negative and non-numbers', () => {
    expect(incomeBand(-1).ok).toBe(false);
    expect(incomeBand(Number.NaN).ok).toBe(false);
    expect(incomeBand(Number.POSITIVE_INFINITY).ok).toBe(false);
  });
  it('reads income cells with units', () => {
    expect(parseIncome('15 triệu')).toBe(15e6);
    expect(parseIncome('15tr')).toBe(15e6);
    expect(parseIncome('1,5 tỷ/năm')).toBe(1.5e9 / 12);
    expect(parseIncome('15.000.000')).toBe(15e6);
    expect(parseIncome('20M', 'en_US')).toBe(20e6);
    expect(parseIncome(15, 'vi_VN', 1e6)).toBe(15e6);
    expect(parseIncome(180e6, 'vi_VN', 1, true)).toBe(15e6);
    expect(parseIncome('abc')).toBeNaN();
    expect(incomeScale([12, 15, 30, 8])).toBe(1e6);
    expect(incomeScale([12e6, 15e6, 30e6])).toBe(1);
  });
  it('labels every band in both languages', () => {
    for (const k of INCOME_BANDS) expect(INCOME_BAND_NAMES[k].vi).toMatch(/triệu/);
  });
});

describe('companySizeBand (Decree 80/2021/NĐ-CP, employee criterion)', () => {
  it.each([
    [1, 'trade_services', 'micro'],
    [10, 'trade_services', 'micro'],
    [11, 'trade_services', 'small'],
    [50, 'trade_services', 'small'],
    [51, 'trade_services', 'medium'],
    [100, 'trade_services', 'medium'],
    [101, 'trade_services', 'large'],
    [10, 'industry', 'micro'],
    [100, 'industry', 'small'],
    [101, 'industry', 'medium'],
    [200, 'industry', 'medium'],
    [201, 'industry', 'large'],
  ] as const)('%i employees in %s → %s', (n, sector, band) => {
    expect(companySizeBand(n, { sector })).toEqual({ ok: true, key: band, value: n });
  });
  it('offers the EU head-count bands', () => {
    expect(companySizeBand(9, { scheme: 'eu' }).ok && companySizeBand(9, { scheme: 'eu' })).toMatchObject({ key: 'micro' });
    expect(companySizeBand(10, { scheme: 'eu' })).toMatchObject({ key: 'small' });
    expect(companySizeBand(49, { scheme: 'eu' })).toMatchObject({ key: 'small' });
    expect(companySizeBand(50, { scheme: 'eu' })).toMatchObject({ key: 'medium' });
    expect(companySizeBand(250, { scheme: 'eu' })).toMatchObject({ key: 'large' });
  });
  it('reads text and rejects bad values', () => {
    expect(companySizeBand('45 người')).toMatchObject({ ok: true, key: 'small', value: 45 });
    expect(companySizeBand('1.200 nhân viên')).toMatchObject({ ok: true, key: 'large', value: 1200 });
    expect(companySizeBand('abc').ok).toBe(false);
    expect(companySizeBand(-5).ok).toBe(false);
    expect(companySizeBand(12.5).ok).toBe(false);
    expect(companySizeBand('').ok).toBe(false);
    for (const k of ['micro', 'small', 'medium', 'large'] as const) expect(COMPANY_SIZE_NAMES[k].vi).not.toBe('');
  });
});

describe('normalizeIndustry', () => {
  it.each([
    ['Bán lẻ', 'retail'],
    ['Bán lẻ điện thoại', 'retail'],
    ['Thương mại điện tử', 'retail'],
    ['ban buon', 'wholesale'],
    ['Nhà hàng - Cà phê', 'food_beverage'],
    ['F&B', 'food_beverage'],
    ['Khách sạn', 'hospitality_tourism'],
    ['Công nghệ thông tin', 'it_telecom'],
    ['IT', 'it_telecom'],
    ['Software', 'it_telecom'],
    ['Ngân hàng', 'finance_insurance'],
    ['Bảo hiểm', 'finance_insurance'],
    ['Giáo dục & Đào tạo', 'education'],
    ['Phòng khám nha khoa', 'healthcare'],
    ['Logistics', 'logistics'],
    ['Vận tải', 'logistics'],
    ['Xây dựng', 'construction_real_estate'],
    ['Bất động sản', 'construction_real_estate'],
    ['Nông nghiệp', 'agriculture'],
    ['Thủy sản', 'agriculture'],
    ['Sản xuất', 'manufacturing'],
    ['Dệt may', 'manufacturing'],
    ['Manufacturing', 'manufacturing'],
    ['Tư vấn luật', 'professional_services'],
    ['Marketing agency', 'professional_services'],
    ['Năng lượng mặt trời', 'energy'],
    ['Thị trường chứng khoán', 'finance_insurance'],
    ['Something else', 'other'],
  ])('%s → %s', (t, k) => {
    expect(normalizeIndustry(t)).toBe(k);
  });
  it('blank → null; every industry has names', () => {
    expect(normalizeIndustry('')).toBeNull();
    expect(normalizeIndustry(null)).toBeNull();
    for (const k of INDUSTRIES) {
      expect(INDUSTRY_NAMES[k].en).not.toBe('');
      expect(INDUSTRY_NAMES[k].vi).not.toBe('');
    }
  });
  it('maps industries to the decree sectors', () => {
    expect(sectorOfIndustry('manufacturing')).toBe('industry');
    expect(sectorOfIndustry('agriculture')).toBe('industry');
    expect(sectorOfIndustry('retail')).toBe('trade_services');
    expect(sectorOfIndustry(null)).toBe('trade_services');
  });
});

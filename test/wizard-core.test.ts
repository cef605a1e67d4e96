/**
 * The wizard's pure core: the rules table (exact against the RFM engine), reading messy grids
 * into a dataset, and the analyses with hand-checked numbers.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Cell } from '../src/core/args';
import { UserError } from '../src/core/errors';
import { segmentOf } from '../src/core/rfm-schemes';
import { readDataset } from '../src/core/wizard-data';
import { computeModel } from '../src/core/wizard-model';
import { defaultRules, rulesLookup, scoreIndex, validateRules } from '../src/core/wizard-rules';
import { asText, tagValue } from '../src/core/wizard-tags';
import type { AnalysisParams, SegmentRules } from '../src/gas/wizard-api';

const vi = { fn: 'Wizard', lang: 'vi' as const, locale: 'vi_VN', timeZone: 'Asia/Ho_Chi_Minh' };
const en = { ...vi, lang: 'en' as const, locale: 'en_US' };

const PARAMS: AnalysisParams = {
  pareto: { enabled: true, measure: 'revenue', aShare: 0.8, bShare: 0.95 },
  rfm: { enabled: true, scheme: 'default', analysisDate: null },
  clv: { enabled: false, horizonMonths: 12, annualDiscountRate: 0.1, margin: 1 },
  demographics: { enabled: true },
  behaviour: { enabled: true, bargainShare: 0.6 },
};

const d = (iso: string) => new Date(`${iso}T10:00:00+07:00`);

describe('segment rules table', () => {
  it.each(['default', 'rfm'] as const)('the %s table reproduces segmentOf on all 125 combinations', (scheme) => {
    const t = defaultRules(scheme);
    const lookup = rulesLookup(t);
    for (let r = 1; r <= 5; r++)
      for (let f = 1; f <= 5; f++) for (let m = 1; m <= 5; m++) expect(lookup[scoreIndex(r, f, m)], `${r}${f}${m}`).toBe(segmentOf(scheme, { r, f, m }));
  });

  it('has names in both languages and the fallback of the package', () => {
    const rfm = defaultRules('rfm');
    expect(rfm.fallback.key).toBe('others');
    expect(rfm.rules[0]).toMatchObject({ key: 'champions', r: { min: 5, max: 5 }, name: { en: 'Champions' } });
    const def = defaultRules('default');
    expect(def.rules[0].name).toEqual({ en: 'VIP / Champions', vi: 'VIP / Khách hàng xuất sắc' });
  });

  it('edited rules change the segment (first match wins) and are validated', () => {
    const t: SegmentRules = defaultRules('default');
    t.rules.unshift({ key: 'whales', group: 'vip', name: { en: 'Whales', vi: 'Cá voi' }, r: { min: 1, max: 5 }, f: { min: 1, max: 5 }, m: { min: 5, max: 5 } });
    const clean = validateRules(vi, t);
    const lookup = rulesLookup(clean);
    expect(lookup[scoreIndex(1, 1, 5)]).toBe('whales');
    expect(lookup[scoreIndex(5, 5, 4)]).toBe('vip');
    const bad = (patch: (x: SegmentRules) => void) => {
      const x = defaultRules('default');
      patch(x);
      return () => validateRules(vi, x);
    };
    expect(
      bad((x) => {
        x.rules[1].key = 'vip';
        x.rules[1].name.en = 'Other name';
      }),
    ).not.toThrow();
    expect(bad((x) => (x.rules[0].r.min = 0))).toThrow(/quy tắc 1: khoảng R/);
    expect(bad((x) => (x.rules[2].key = 'bad key!'))).toThrow(/quy tắc 3: mã "bad key!"/);
    expect(bad((x) => (x.rules[0].name.vi = '  '))).toThrow(/tên không được để trống/);
    expect(bad((x) => (x.rules = []))).toThrow(/trống/);
    expect(bad((x) => ((x.rules[0] as { group: string }).group = 'nope'))).toThrow(/nhóm "nope"/);
  });

  it('property: every combination gets exactly one key from the table', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 5 }), (r, f, m) => {
        const t = defaultRules('rfm');
        const keys = new Set([...t.rules.map((q) => q.key), t.fallback.key]);
        return keys.has(rulesLookup(t)[scoreIndex(r, f, m)]);
      }),
    );
  });
});

/** A small order log with hand-checkable numbers. */
function orders(): Cell[][] {
  return [
    ['Báo cáo bán hàng', '', '', '', '', ''],
    ['Mã KH', 'Ngày mua', 'Thành tiền', 'Kênh', 'Tỉnh/Thành phố', 'Giảm giá'],
    ['KH1', d('2024-01-05'), 1_000_000, 'Online', 'TP.HCM', '10%'],
    ['KH1', d('2024-03-05'), '2.000.000', 'Online', 'TP.HCM', ''],
    ['KH2', '15/02/2024', 500_000, 'Cửa hàng', 'Ha Noi', 'có'],
    ['', '', '', '', '', ''],
    ['KH3', d('2024-06-30'), 250_000, 'Online', 'Đà Nẵng', ''],
    ['KH2', d('2024-06-01'), 'abc', 'Online', 'Ha Noi', ''],
  ];
}
const ORDER_MAP = { customer_id: 0, order_date: 1, amount: 2, channel: 3, province: 4, discount: 5 };

describe('reading a messy order log', () => {
  it('skips blank rows, reports bad rows with sheet row and value, and aggregates per customer', () => {
    const data = readDataset(vi, { orders: { spec: { sheet: 'Đơn hàng', headerRow: 2, mapping: ORDER_MAP }, grid: orders() } }, { analysisDate: null });
    expect(data.kind).toBe('orders');
    expect(data.keys).toEqual(['KH1', 'KH2', 'KH3']);
    expect(Array.from(data.orders?.amount ?? [])).toEqual([1_000_000, 2_000_000, 500_000, 250_000]);
    expect(data.warnings.join('\n')).toContain('trang tính "Đơn hàng": đã bỏ qua 1 dòng vì không có số tiền hợp lệ, ví dụ dòng 8: "abc"');
    // Order rows map back to their customers (blank and bad rows: -1).
    expect(Array.from(data.orderRowCustomer ?? [])).toEqual([0, 0, 1, -1, 2, -1]);
    expect(data.orders?.discounted).toEqual([true, false, true, false]);
  });

  it('too many bad rows is an error that names examples', () => {
    const g = orders();
    for (const row of g.slice(2)) if (row[2] !== '') row[2] = 'n/a';
    expect(() => readDataset(en, { orders: { spec: { sheet: 'Orders', headerRow: 2, mapping: ORDER_MAP }, grid: g } }, { analysisDate: null })).toThrow(
      /sheet "Orders": 5 of 5 rows have no valid amount, for example row 3: "n\/a"; row 4/,
    );
  });

  it('a header-only sheet and a missing column are clear errors', () => {
    const header = [orders()[1]];
    expect(() => readDataset(vi, { orders: { spec: { sheet: 'Đơn', headerRow: 1, mapping: ORDER_MAP }, grid: header } }, { analysisDate: null })).toThrow(
      /không có dòng dữ liệu nào dưới dòng tiêu đề/,
    );
    expect(() =>
      readDataset(en, { orders: { spec: { sheet: 'O', headerRow: 2, mapping: { customer_id: 0, amount: 2 } }, grid: orders() } }, { analysisDate: null }),
    ).toThrow(UserError);
    expect(() =>
      readDataset(
        en,
        { orders: { spec: { sheet: 'O', headerRow: 2, mapping: { customer_id: 0, order_date: 2, amount: 2 } }, grid: orders() } },
        { analysisDate: null },
      ),
    ).toThrow(/the same column is chosen for/);
  });

  it('orders after the analysis date are left out and reported', () => {
    const data = readDataset(en, { orders: { spec: { sheet: 'O', headerRow: 2, mapping: ORDER_MAP }, grid: orders() } }, { analysisDate: '2024-03-31' });
    expect(data.orders?.customer.length).toBe(3);
    expect(data.warnings.join(' ')).toContain('1 orders after the analysis date 03/31/2024 were left out.');
  });

  it('a customer table linked to orders: duplicates and customers without orders are reported', () => {
    const customers: Cell[][] = [
      ['Mã KH', 'Tên', 'SĐT', 'Năm sinh', 'Giới tính'],
      ['KH1', 'An', '0912345678', 1990, 'Nam'],
      ['KH2', '=HYPERLINK("x")', '0987654321', '1985', 'Nữ'],
      ['KH9', 'Chín', '', '', ''],
      ['KH1', 'An (trùng)', '', '', ''],
    ];
    const data = readDataset(
      vi,
      {
        orders: { spec: { sheet: 'Đơn', headerRow: 2, mapping: ORDER_MAP }, grid: orders() },
        customers: { spec: { sheet: 'KH', headerRow: 1, mapping: { customer_id: 0, customer_name: 1, phone: 2, birth_year: 3, gender: 4 } }, grid: customers },
      },
      { analysisDate: null },
    );
    expect(data.kind).toBe('both');
    expect(data.keys).toEqual(['KH1', 'KH2', 'KH9', 'KH3']);
    expect(Array.from(data.tableRowCustomer ?? [])).toEqual([0, 1, 2, 0]);
    expect(data.attrs.customer_name[1]).toBe('=HYPERLINK("x")');
    const w = data.warnings.join('\n');
    expect(w).toContain('1 mã khách hàng xuất hiện trên nhiều dòng');
    expect(w).toContain('1 khách hàng trong đơn hàng không có trong bảng khách hàng');
    expect(w).toContain('1 khách hàng trong bảng khách hàng chưa có đơn hàng nào');
  });
});

describe('the analyses', () => {
  it('hand-checked Pareto, RFM inputs, demographics and behaviour', () => {
    const data = readDataset(vi, { orders: { spec: { sheet: 'Đơn', headerRow: 2, mapping: ORDER_MAP }, grid: orders() } }, { analysisDate: '2024-07-01' });
    const m = computeModel(vi, data, PARAMS, defaultRules('default'));
    // Revenue: KH1 3,000,000; KH2 500,000; KH3 250,000 (total 3.75M). Share before each: 0 → A;
    // 80% (not below 80%) → B; 93.3% (below 95%) → B.
    expect(Array.from(m.revenue)).toEqual([3_000_000, 500_000, 250_000]);
    expect(m.paretoCls).toEqual(['A', 'B', 'B']);
    expect(m.preview.pareto?.count80).toBe(1);
    expect(m.preview.pareto?.answer).toBe('33,3% khách hàng mang lại 80% doanh thu.');
    // Regions and post-2025 provinces.
    expect(m.region).toEqual(['south', 'north', 'central']);
    expect(tagValue(m, 'region', 1)).toBe('Miền Bắc');
    expect(tagValue(m, 'province', 0)).toBe('TP. Hồ Chí Minh');
    // Behaviour: KH1 two purchases (repeat), KH2 one order (the 'abc' row was dropped).
    expect(m.behaviour?.tags[0]).toContain('repeat');
    expect(m.behaviour?.tags[1]).toContain('one_time');
    expect(tagValue(m, 'main_channel', 1)).toBe('Cửa hàng');
    // Segments: every customer gets one; RFM score is r*100 + f*10 + m.
    for (let c = 0; c < 3; c++) expect(m.segment[c]).toBeGreaterThanOrEqual(0);
    const score = tagValue(m, 'rfm_score', 0) as number;
    expect(Math.floor(score / 100)).toBe(m.r?.[0]);
    const counts = m.preview.segments.reduce((s, x) => s + x.customers, 0);
    expect(counts).toBe(3);
    const share = m.preview.segments.reduce((s, x) => s + x.revenueShare, 0);
    expect(share).toBeCloseTo(1, 12);
  });

  it('customer table only: RFM from last purchase, order count and total spend; CLV and behaviour explain why they are skipped', () => {
    const grid: Cell[][] = [['Customer', 'Last purchase', 'Orders', 'Total spend']];
    for (let i = 0; i < 20; i++) grid.push([`C${i}`, `2024-0${1 + (i % 9)}-15`, 1 + (i % 5), 100 * (i + 1)]);
    grid.push(['C20', 'yesterday', 3, 50]);
    const data = readDataset(
      en,
      { customers: { spec: { sheet: 'Customers', headerRow: 1, mapping: { customer_id: 0, last_purchase_date: 1, order_count: 2, total_spend: 3 } }, grid } },
      { analysisDate: null },
    );
    const m = computeModel(en, data, { ...PARAMS, clv: { ...PARAMS.clv, enabled: true } }, defaultRules('default'));
    expect(m.preview.customers).toBe(21);
    expect(m.segment[20]).toBe(-1);
    expect(m.preview.warnings.join('\n')).toMatch(/1 customers lack last purchase date/);
    expect(m.preview.warnings.join('\n')).toMatch(/Predictive CLV needs an order log/);
    expect(m.preview.warnings.join('\n')).toMatch(/"Last purchase" could not be read and were ignored, for example row 22: "yesterday"/);
    expect(m.preview.analysisDate).toBe('2024-09-15');
    expect(m.preview.availableTags).toContain('segment');
    expect(m.preview.availableTags).not.toContain('clv');
  });

  it('asText forces text: formulas and numbers-looking strings stay inert', () => {
    expect(asText('=HYPERLINK("http://x")')).toBe('\'=HYPERLINK("http://x")');
    expect(asText('0912345678')).toBe("'0912345678");
    expect(asText('')).toBe('');
  });
});

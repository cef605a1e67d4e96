/**
 * SEGMENT, SEGMENT_CUSTOMERS, CLV and CLV_SIMPLE through the built bundle, called with 2D arrays
 * exactly as Sheets passes them: published reference results, hand-computed cases, bad input.
 */
import fs from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { readCdnow } from '../bench/cdnow';
import { loadPlain, REFERENCE, sheetsGlobals } from './helpers/dist';

const col = (xs: unknown[]) => xs.map((x) => [x]);
const en = () => loadPlain(sheetsGlobals('en_US'));
const vi = () => loadPlain(sheetsGlobals('vi_VN'));

function readCsv(file: string): Record<string, string>[] {
  return Papa.parse<Record<string, string>>(fs.readFileSync(path.join(REFERENCE, 'rfm', file), 'utf8').trim(), { header: true }).data;
}

describe('SEGMENT on the R rfm package sample (rfm_data_orders.csv)', () => {
  const orders = readCsv('rfm_data_orders.csv');
  const ids = [['customer_id'], ...orders.map((o) => [o.customer_id])];
  const dates = [['order_date'], ...orders.map((o) => [o.order_date])];
  const revenue = [['revenue'], ...orders.map((o) => [Number(o.revenue)])];

  it('reproduces the package: v0.3.0 segment counts at analysis date 2006-12-31 (from R)', () => {
    const out = en().SEGMENT(ids, dates, revenue, '2006-12-31', 'rfm', 'all');
    expect(out[0]).toEqual(['Segment', 'RFM score', 'R score', 'F score', 'M score', 'Days since last order', 'Orders', 'Total spend']);
    const perCustomer = new Map<string, unknown[]>();
    out.slice(1).forEach((row: unknown[], i: number) => {
      perCustomer.set(ids[i + 1][0], row);
    });
    expect(perCustomer.size).toBe(995);
    const counts: Record<string, number> = {};
    for (const row of perCustomer.values()) counts[row[0] as string] = (counts[row[0] as string] ?? 0) + 1;
    expect(counts).toEqual({
      'About To Sleep': 102,
      'At Risk': 28,
      "Can't Lose Them": 47,
      Champions: 35,
      Lost: 148,
      'Loyal Customers': 170,
      'Need Attention': 10,
      'New Customers': 104,
      'Potential Loyalist': 342,
      Promising: 9,
    });
    // Customers checked one by one against R (recency, orders, amount, r, f, m).
    expect(perCustomer.get("Abbey O'Reilly")).toEqual(['Potential Loyalist', 343, 3, 4, 3, 205, 6, 472]);
    expect(perCustomer.get('Handy Walsh')).toEqual(['Potential Loyalist', 445, 4, 4, 5, 116, 7, 758]);
    expect(perCustomer.get('Mike Legros')).toEqual(['About To Sleep', 311, 3, 1, 1, 186, 1, 23]);
  });

  it('gives every order row its customer result and supports for_ids', () => {
    const g = en();
    const score = g.SEGMENT(ids, dates, revenue, '2006-12-31', 'rfm', 'score');
    expect(score.length).toBe(ids.length);
    const i = ids.findIndex((r) => r[0] === 'Handy Walsh');
    expect(score[i]).toEqual([445]);
    const byId = g.SEGMENT(ids, dates, revenue, '2006-12-31', 'rfm', 'score', col(['customer_id', 'Handy Walsh', 'nobody', 'Mike Legros']));
    expect(byId).toEqual(col(['RFM score', 445, '', 311]));
  });

  it('names segments in Vietnamese with the default scheme', () => {
    const out = vi().SEGMENT(ids, dates, revenue, '31/12/2006');
    expect(out[0]).toEqual(['Phân khúc']);
    const names = new Set(out.slice(1).map((r: string[]) => r[0]));
    expect([...names].sort()).toEqual(
      [
        'Cần quan tâm',
        'Có nguy cơ rời bỏ',
        'Không thể để mất',
        'Khách hàng mới',
        'Ngủ đông',
        'Tiềm năng',
        'Trung thành',
        'VIP / Khách hàng xuất sắc',
        'Đã rời bỏ',
      ].sort(),
    );
  });
});

describe('SEGMENT_CUSTOMERS on rfm_data_customer.csv (rfm_table_customer)', () => {
  it('matches R’s score histogram over 39,999 customers', () => {
    const rows = readCsv('rfm_data_customer.csv');
    const ids = rows.map((r) => [r.customer_id]);
    const out = en().SEGMENT_CUSTOMERS(
      ids,
      rows.map((r) => [Number(r.recency_days)]),
      rows.map((r) => [Number(r.number_of_orders)]),
      rows.map((r) => [Number(r.revenue)]),
      undefined,
      'rfm',
      'r',
    );
    const hist = [0, 0, 0, 0, 0];
    for (const [r] of out) hist[r - 1]++;
    expect(hist).toEqual([7994, 7957, 7889, 8108, 8051]);
    // Dates instead of days since give the same scores (analysis date 2007-01-01).
    const byDate = en().SEGMENT_CUSTOMERS(
      ids,
      rows.map((r) => [r.most_recent_visit]),
      rows.map((r) => [Number(r.number_of_orders)]),
      rows.map((r) => [Number(r.revenue)]),
      '2007-01-01',
      'rfm',
      'r',
    );
    expect(byDate).toEqual(out);
  });

  it('rejects duplicate customers and bad counts with the row', () => {
    expect(() => en().SEGMENT_CUSTOMERS(col(['a', 'b', 'a']), col([1, 2, 3]), col([1, 2, 3]), col([1, 2, 3]))).toThrow(
      'SEGMENT_CUSTOMERS: customer_ids, row 3: "a" appears more than once',
    );
    expect(() => en().SEGMENT_CUSTOMERS(col(['a', 'b']), col([1, 2]), col([1, 2.5]), col([1, 2]))).toThrow(
      'SEGMENT_CUSTOMERS: order_counts, row 2: "2.5" must be a whole number',
    );
  });
});

describe('CLV on CDNOW (Fader, Hardie & Lee 2005)', () => {
  const s = readCdnow('sample');

  it('reproduces the published BG/NBD and Gamma-Gamma estimates to 3 significant digits', () => {
    const m = Object.fromEntries(en().CLV(s.ids, s.dates, s.amounts, 12, 0.1, 1, '1997-09-30', 'model'));
    const sig3 = (x: number) => Number(x.toPrecision(3));
    expect(sig3(m.r)).toBe(0.243);
    expect(sig3(m.alpha)).toBe(4.41);
    expect(sig3(m.a)).toBe(0.793);
    expect(sig3(m.b)).toBe(2.43);
    expect(m['Log-likelihood (BG/NBD)']).toBeCloseTo(-9582.4, 1);
    expect(sig3(m.p)).toBe(6.25);
    expect(sig3(m.q)).toBe(3.74);
    expect(sig3(m.gamma)).toBe(15.4);
    expect(m.Customers).toBe(2357);
    expect(m['Repeat buyers']).toBe(946);
    expect(m.Converged).toBe('yes');
  });

  it('gives per-row outputs that agree with each other, blanks for customers first seen after the analysis date', () => {
    const g = en();
    const all = g.CLV(s.ids, s.dates, s.amounts, 12, 0.1, 1, '1997-09-30', 'all');
    expect(all.length).toBe(s.ids.length);
    for (const row of all.slice(0, 500)) {
      if (row[0] === '') continue;
      const [clv, purchases, pAlive, spend] = row;
      expect(pAlive).toBeGreaterThan(0);
      expect(pAlive).toBeLessThanOrEqual(1);
      expect(purchases).toBeGreaterThanOrEqual(0);
      expect(spend).toBeGreaterThan(0);
      // Discounting makes CLV a little less than purchases × spend (margin 1).
      expect(clv).toBeLessThanOrEqual(purchases * spend + 1e-9);
      expect(clv).toBeGreaterThan(purchases * spend * 0.9);
    }
    // Customers whose first order is after the analysis date get a blank; earlier ones a value.
    const early = g.CLV(s.ids, s.dates, s.amounts, 12, 0.1, 1, '1997-02-15', 'clv');
    const first = new Map<string, string>();
    s.ids.forEach(([id], i) => {
      if (!first.has(id) || s.dates[i][0] < first.get(id)!) first.set(id, s.dates[i][0]);
    });
    const late = s.ids.findIndex(([id]) => first.get(id)! > '1997-02-15');
    const soon = s.ids.findIndex(([id]) => first.get(id)! <= '1997-02-15');
    expect(late).toBeGreaterThan(-1);
    expect(early[late]).toEqual(['']);
    expect(typeof early[soon][0]).toBe('number');
  });

  it('caches the fitted model by data and never serves a stale one', () => {
    const store = new Map<string, string>();
    const cache = { getDocumentCache: () => ({ get: (k: string) => store.get(k) ?? null, put: (k: string, v: string) => store.set(k, v) }) };
    const g = loadPlain(sheetsGlobals('en_US', 'Asia/Ho_Chi_Minh', { CacheService: cache }));
    const a = g.CLV(s.ids, s.dates, s.amounts, 12, 0.1, 1, '1997-09-30', 'model');
    expect(store.size).toBe(1);
    const b = g.CLV(s.ids, s.dates, s.amounts, 12, 0.1, 1, '1997-09-30', 'model');
    expect(b).toEqual(a);
    expect(store.size).toBe(1);
    // Different data (one amount changed) → a different key, a different fit.
    const amounts2 = s.amounts.map((r, i) => (i === 5 ? [r[0] + 1000] : r));
    const c = g.CLV(s.ids, s.dates, amounts2, 12, 0.1, 1, '1997-09-30', 'model');
    expect(store.size).toBe(2);
    expect(c).not.toEqual(a);
    // A corrupted entry is ignored, not trusted.
    for (const k of store.keys()) store.set(k, '{broken');
    expect(g.CLV(s.ids, s.dates, s.amounts, 12, 0.1, 1, '1997-09-30', 'model')).toEqual(a);
  });

  it('says what is missing when the data cannot support the model', () => {
    expect(() => en().CLV(col(['a', 'b', 'a']), col(['2024-01-01', '2024-01-02', '2024-02-01']), col([1, 2, 3]))).toThrow(
      /CLV: the purchase model needs at least 10 customers .* found 2/,
    );
    expect(() => vi().CLV(col(['a', 'b']), col(['2024-01-01', 'hôm qua']), col([1, 2]))).toThrow(
      'CLV: order_dates, dòng 2: "hôm qua" không phải là ngày hợp lệ',
    );
    expect(() => en().CLV(col(['a', 'b']), col(['2024-01-01', '2024-01-02']), col([1, '']))).toThrow('CLV: amounts, row 2: "" is not a number');
  });
});

describe('CLV_SIMPLE', () => {
  it('is the textbook formula, per row, with yearly discounting and fractional years', () => {
    const g = en();
    expect(g.CLV_SIMPLE(500000, 4, 2.5)).toEqual([[5_000_000]]);
    // 100 × 2 × 0.5 = 100 a year, 3 years at 10%: 100/1.1 + 100/1.21 + 100/1.331.
    expect(g.CLV_SIMPLE(100, 2, 3, 0.5, 0.1)[0][0]).toBeCloseTo(100 / 1.1 + 100 / 1.21 + 100 / 1.331, 10);
    expect(g.CLV_SIMPLE(col(['AOV', 100, 200, '']), col(['F', 1, 2, '']), 1)).toEqual(col(['CLV', 100, 400, '']));
    expect(vi().CLV_SIMPLE('1.000.000 ₫', '2', '1,5', '30%')).toEqual([[900_000]]);
  });

  it('rejects bad values with the argument and row', () => {
    expect(() => en().CLV_SIMPLE(col([100, 'x']), 1, 1)).toThrow('CLV_SIMPLE: avg_order_value, row 2: "x" is not a number');
    expect(() => en().CLV_SIMPLE(100, -1, 1)).toThrow('CLV_SIMPLE: purchases_per_year: "-1" must be between 0 and 1000000');
    expect(() => en().CLV_SIMPLE(col([1, 2]), col([1, 2, 3]), 1)).toThrow('CLV_SIMPLE: the ranges must have the same number of rows');
  });
});

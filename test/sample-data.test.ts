import { describe, expect, it } from 'vitest';
import {
  CUSTOMER_HEADER,
  dayToDate,
  generateSampleData,
  isoToDay,
  ORDER_HEADER,
  Rng,
  sampleSheets,
  stripDiacritics,
  TET,
  tableCsv,
} from '../playground/sample-data';
import { paretoSummary } from '../src/core/pareto';
import { parseDay } from '../src/core/parse';

const TZ = 'Asia/Ho_Chi_Minh';
const data = generateSampleData();
const dayOf = (d: unknown) => parseDay(d, 'vi_VN', TZ);

describe('sample data: determinism', () => {
  it('same seed gives identical data, another seed different data', () => {
    const again = generateSampleData();
    expect(again.orders.rows.map((r) => r.map(String))).toEqual(data.orders.rows.map((r) => r.map(String)));
    expect(again.customers.rows).toEqual(data.customers.rows);
    const other = generateSampleData({ seed: 7 });
    expect(other.customers.rows[0]).not.toEqual(data.customers.rows[0]);
  });

  it('the PRNG is reproducible and roughly uniform', () => {
    const a = new Rng('x');
    const b = new Rng('x');
    const xs = Array.from({ length: 10_000 }, () => a.next());
    expect(xs.slice(0, 5)).toEqual(Array.from({ length: 5 }, () => b.next()));
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    expect(mean).toBeGreaterThan(0.49);
    expect(mean).toBeLessThan(0.51);
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
    // Gamma(2, 3) has mean 6.
    const g = Array.from({ length: 20_000 }, () => a.gamma(2, 3));
    expect(g.reduce((s, x) => s + x, 0) / g.length).toBeCloseTo(6, 0);
  });

  it('dates are local midnights whatever the host time zone', () => {
    const d = dayToDate(isoToDay('2025-01-29'), TZ);
    expect(d.toISOString()).toBe('2025-01-28T17:00:00.000Z');
    expect(dayToDate(isoToDay('2025-07-01'), 'Europe/Berlin').toISOString()).toBe('2025-06-30T22:00:00.000Z');
  });
});

describe('sample data: shape of the tables', () => {
  it('has Vietnamese headers, 2,000 customers and exactly 20,000 orders', () => {
    expect(data.customers.header).toEqual(CUSTOMER_HEADER);
    expect(data.orders.header).toEqual(ORDER_HEADER);
    expect(data.customers.header).toContain('Mã KH');
    expect(data.orders.header).toContain('Ngày mua');
    expect(data.customers.rows).toHaveLength(2000);
    expect(data.orders.rows).toHaveLength(20_000);
  });

  it('customers: unique ids, phones as 10-digit text with a leading 0, plausible fields', () => {
    const ids = new Set(data.customers.rows.map((r) => r[0]));
    expect(ids.size).toBe(2000);
    for (const r of data.customers.rows) {
      expect(r[2]).toMatch(/^0\d{9}$/);
      expect(typeof r[2]).toBe('string');
      if (r[3] !== '') expect(r[3]).toMatch(/^[a-z0-9.]+@[a-z.]+$/);
      if (r[5] !== '') expect(r[5]).toBeGreaterThanOrEqual(1955);
      expect(['Nam', 'Nữ', '']).toContain(r[6]);
      expect(String(r[1]).split(' ').length).toBeGreaterThanOrEqual(2);
    }
    const phones = new Set(data.customers.rows.map((r) => r[2]));
    expect(phones.size).toBe(2000);
    // Realistic names: Nguyễn is the most common family name (about 38%).
    const nguyen = data.customers.rows.filter((r) => String(r[1]).startsWith('Nguyễn ')).length / 2000;
    expect(nguyen).toBeGreaterThan(0.3);
    expect(nguyen).toBeLessThan(0.46);
  });

  it('provinces mix pre- and post-2025 names, with and without diacritics', () => {
    const provinces = new Set(data.customers.rows.map((r) => String(r[4])));
    expect(provinces.has('Bình Dương')).toBe(true); // merged into TP. Hồ Chí Minh in 2025
    expect(provinces.has('Thừa Thiên Huế')).toBe(true); // pre-2025
    expect(provinces.has('Huế')).toBe(true); // post-2025
    expect(provinces.has('TP. Hồ Chí Minh')).toBe(true);
    const noAccent = [...provinces].filter((p) => stripDiacritics(p) === p && /[a-z]/.test(p));
    expect(noAccent.length).toBeGreaterThan(3);
  });

  it('orders: ids unique and sorted by date, within the window, customers exist, amounts in VND', () => {
    const custIds = new Set(data.customers.rows.map((r) => r[0]));
    const orderIds = new Set<string>();
    const start = isoToDay('2024-11-01');
    const end = isoToDay('2026-10-31');
    let prev = -Infinity;
    for (const r of data.orders.rows) {
      orderIds.add(String(r[0]));
      expect(custIds.has(r[1])).toBe(true);
      const day = dayOf(r[2]);
      expect(day).toBeGreaterThanOrEqual(start);
      expect(day).toBeLessThanOrEqual(end);
      expect(day).toBeGreaterThanOrEqual(prev);
      prev = day;
      const paid = r[3] as number;
      const discount = r[4] as number;
      expect(Number.isInteger(paid)).toBe(true);
      expect(paid % 1000).toBe(0);
      expect(paid).toBeGreaterThan(0);
      expect(discount).toBeGreaterThanOrEqual(0);
      expect(discount).toBeLessThan(paid + discount);
    }
    expect(orderIds.size).toBe(20_000);
  });
});

describe('sample data: business shape', () => {
  const totals = new Map<string, number>();
  const counts = new Map<string, number>();
  for (const r of data.orders.rows) {
    const id = String(r[1]);
    totals.set(id, (totals.get(id) ?? 0) + (r[3] as number));
    counts.set(id, (counts.get(id) ?? 0) + 1);
  }

  it('has a Pareto effect, but not exactly 80/20', () => {
    const s = paretoSummary([...totals.values()]);
    expect(s.top20Share).toBeGreaterThan(0.6);
    expect(s.top20Share).toBeLessThan(0.85);
    expect(Math.abs(s.top20Share - 0.8)).toBeGreaterThan(0.01);
    expect(s.gini).toBeGreaterThan(0.5);
  });

  it('a population of one-time buyers (30-50% of buyers) and some heavy repeat buyers', () => {
    const one = [...counts.values()].filter((c) => c === 1).length / counts.size;
    expect(one).toBeGreaterThan(0.3);
    expect(one).toBeLessThan(0.5);
    expect(Math.max(...counts.values())).toBeGreaterThan(50);
    // Some customers never ordered (a realistic customer list).
    expect(counts.size).toBeLessThan(2000);
    expect(counts.size).toBeGreaterThan(1700);
  });

  it('customers churn: many repeat buyers stop buying long before the end', () => {
    const last = new Map<string, number>();
    for (const r of data.orders.rows) last.set(String(r[1]), dayOf(r[2]));
    const end = isoToDay('2026-10-31');
    const repeat = [...counts.entries()].filter(([, c]) => c >= 3).map(([id]) => id);
    const silent = repeat.filter((id) => end - (last.get(id) as number) > 180).length / repeat.length;
    expect(silent).toBeGreaterThan(0.15);
    expect(silent).toBeLessThan(0.7);
    const churned = [...data.truth.values()].filter((t) => t.churnDay !== null && t.kind !== 'one_time').length;
    expect(churned).toBeGreaterThan(200);
  });

  it('Tết peaks: the three weeks before Tết are busier than average, Tết itself is quiet', () => {
    const perDay = new Map<number, number>();
    for (const r of data.orders.rows) {
      const d = dayOf(r[2]);
      perDay.set(d, (perDay.get(d) ?? 0) + 1);
    }
    for (const y of [2025, 2026]) {
      const tet = isoToDay(TET[y]);
      let before = 0;
      for (let d = tet - 21; d < tet - 1; d++) before += perDay.get(d) ?? 0;
      let during = 0;
      for (let d = tet; d <= tet + 4; d++) during += perDay.get(d) ?? 0;
      // Baseline: the ten weeks after the holiday (the business grows, so compare locally).
      let after = 0;
      for (let d = tet + 7; d < tet + 77; d++) after += perDay.get(d) ?? 0;
      expect(before / 20).toBeGreaterThan(1.4 * (after / 70));
      expect(during / 5).toBeLessThan(0.6 * (after / 70));
    }
    // The month holding most of the pre-Tết rush has an above-average share of orders.
    const jan2025 = data.orders.rows.filter((r) => {
      const d = dayOf(r[2]);
      return d >= isoToDay('2025-01-01') && d <= isoToDay('2025-01-31');
    }).length;
    expect(jan2025 / data.orders.rows.length).toBeGreaterThan(1 / 24);
  });

  it('bargain hunters: most of their orders carry a large discount, unlike regulars', () => {
    const share = (kind: string) => {
      let n = 0;
      let big = 0;
      for (const r of data.orders.rows) {
        if (data.truth.get(String(r[1]))?.kind !== kind) continue;
        n++;
        const discount = r[4] as number;
        if (discount / ((r[3] as number) + discount) >= 0.19) big++;
      }
      return big / n;
    };
    expect(share('bargain')).toBeGreaterThan(0.6);
    expect(share('regular')).toBeLessThan(0.05);
    // Double-day sales (11/11) spike.
    const d1111 = data.orders.rows.filter((r) => dayOf(r[2]) === isoToDay('2025-11-11')).length;
    expect(d1111).toBeGreaterThan(3 * (20_000 / 730));
  });
});

describe('sample data: outputs', () => {
  it('sampleSheets gives the orders sheet first, header row first, formats per column', () => {
    const sheets = sampleSheets({ customers: 50, orders: 300 });
    expect(sheets.map((s) => s.name)).toEqual(['Đơn hàng', 'Khách hàng']);
    expect(sheets[0].values[0]).toEqual(ORDER_HEADER);
    expect(sheets[0].values).toHaveLength(301);
    expect(sheets[0].formats[2]).toBe('dd/MM/yyyy');
    expect(sheets[0].formats[3]).toBe('#,##0');
  });

  it('CSV: quoted where needed and dates as dd/mm/yyyy in Vietnam time', () => {
    const small = generateSampleData({ customers: 20, orders: 60 });
    const csv = tableCsv(small.orders);
    const lines = csv.trim().split('\r\n');
    expect(lines[0]).toBe('Mã đơn,Mã KH,Ngày mua,Thành tiền,Giảm giá,Kênh,Danh mục');
    expect(lines).toHaveLength(61);
    expect(lines[1]).toMatch(/^DH\d{6},KH\d{5},\d{2}\/\d{2}\/\d{4},\d+,\d+,/);
    const first = small.orders.rows[0][2] as Date;
    const [dd, mm, yyyy] = lines[1].split(',')[2].split('/').map(Number);
    expect(parseDay(first, 'vi_VN', TZ)).toBe(Date.UTC(yyyy, mm - 1, dd) / 86_400_000);
  });
});

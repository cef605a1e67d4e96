/** PARETO_RANK: hand-computed cases through the built bundle, and properties of the engine. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { paretoClasses, paretoSummary } from '../src/core/pareto';
import { loadPlain, sheetsGlobals } from './helpers/dist';

const col = (xs: unknown[]) => xs.map((x) => [x]);
const vi = () => loadPlain(sheetsGlobals('vi_VN'));
const en = () => loadPlain(sheetsGlobals('en_US'));

describe('PARETO_RANK through dist/Code.js', () => {
  // Positive total 200: 100 (A, before 0%), 50 (A, before 50%), 30 (A, before 75% — crosses 80%),
  // 10 and 10 tie (B, before 90%), 0 and -5 are C after all positive totals.
  const values = col([100, 50, 30, 10, 10, 0, -5]);

  it('classes, ranks and shares a hand-computed case', () => {
    const g = en();
    expect(g.PARETO_RANK(values)).toEqual(col(['A', 'A', 'A', 'B', 'B', 'C', 'C']));
    expect(g.PARETO_RANK(values, undefined, 'rank')).toEqual(col([1, 2, 3, 4, 4, 6, 7]));
    expect(g.PARETO_RANK(values, undefined, 'share')).toEqual(col([0.5, 0.75, 0.9, 1, 1, 1, 1]));
    expect(g.PARETO_RANK(values, undefined, 'all')[2]).toEqual([3, 0.9, 'A']);
  });

  it('answers the 80/20 question with a labelled summary', () => {
    const s = en().PARETO_RANK(values, undefined, 'summary');
    expect(s).toEqual([
      ['Customers', 7],
      ['Total', 195],
      ['Customers making 80% of the total', 3],
      ['Share of customers making 80% of the total', 3 / 7],
      ['Share of the total from the top 20% of customers', expect.closeTo(0.6, 12)],
      ['Gini coefficient', expect.closeTo(0.6, 12)],
      ['Answer', '42.9% of customers bring 80% of the total'],
    ]);
    const v = vi().PARETO_RANK(values, undefined, 'summary');
    expect(v[6]).toEqual(['Kết luận', '42,9% khách hàng mang lại 80% tổng']);
  });

  it('sums per customer and gives every row its customer result', () => {
    const r = en().PARETO_RANK(col([10, 20, 15, 5]), col(['a', 'b', 'a', 'c']), 'all');
    expect(r).toEqual([
      [1, 0.5, 'A'],
      [2, 0.9, 'A'],
      [1, 0.5, 'A'],
      [3, 1, 'B'],
    ]);
  });

  it('handles a whole-column reference with a header, blank ids and trailing empty rows', () => {
    const values = col(['Doanh thu', '1.700.000 ₫', '300.000đ', '', 200, '', '']);
    const ids = col(['Mã KH', 'KH1', 'KH2', '', '', '', '']);
    const r = vi().PARETO_RANK(values, ids);
    expect(r).toEqual(col(['Hạng Pareto', 'A', 'B', '', '', '', '']));
  });

  it('returns one row per for_ids entry, blank for unknown ids, with the header label', () => {
    const r = vi().PARETO_RANK(
      col(['Doanh thu', 10, 20, 15, 5]),
      col(['Mã KH', 'a', 'b', 'a', 'c']),
      'class',
      undefined,
      undefined,
      col(['Mã KH', 'c', 'zz', 'a', '']),
    );
    expect(r).toEqual(col(['Hạng Pareto', 'B', '', 'A', '']));
  });

  it('reads amounts in the spreadsheet locale', () => {
    // vi_VN: "1.234" is one thousand two hundred thirty-four; en_US: 1.234.
    expect(vi().PARETO_RANK(col(['1.234', 1000]), undefined, 'rank')).toEqual(col([1, 2]));
    expect(en().PARETO_RANK(col(['1.234', 1000]), undefined, 'rank')).toEqual(col([2, 1]));
  });

  it('names the function, argument, row and value on bad input, in the sheet language', () => {
    expect(() => en().PARETO_RANK(col([10, 'abc']))).toThrow('PARETO_RANK: values, row 2: "abc" is not a number');
    expect(() => vi().PARETO_RANK(col([10, 'abc']))).toThrow('PARETO_RANK: values, dòng 2: "abc" không phải là số');
    expect(() => en().PARETO_RANK(col([1, 2, 3]), col(['a', 'b']))).toThrow(
      'PARETO_RANK: the ranges must have the same number of rows: values has 3, customer_ids has 2',
    );
    expect(() => en().PARETO_RANK(col([1]), undefined, 'best')).toThrow(
      'PARETO_RANK: output: "best" must be one of "class", "rank", "share", "all", "summary"',
    );
    expect(() => en().PARETO_RANK(col([1]), undefined, 'class', 0.9, 0.5)).toThrow('PARETO_RANK: b_share');
    expect(() => en().PARETO_RANK(col(['', '']))).toThrow('PARETO_RANK: no rows');
    // Errors carry no stack trace text.
    try {
      en().PARETO_RANK(col([10, 'abc']));
    } catch (e) {
      expect(String((e as Error).message)).not.toMatch(/\bat\s.+:\d+:\d+/);
    }
  });

  it('ranks stores (or regions, products, salespeople) when given that column instead of customer ids', () => {
    const stores = col(['Cửa hàng', 'Q1', 'Q3', 'Q1', 'Thủ Đức', 'Q1']);
    const amounts = col(['Thành tiền', 500, 100, 300, 100, 100]);
    expect(vi().PARETO_RANK(amounts, stores, 'rank')).toEqual(col(['Thứ hạng Pareto', 1, 2, 1, 2, 1]));
    expect(vi().PARETO_RANK(amounts, stores, 'summary')[0]).toEqual(['Số khách hàng', 3]);
  });

  it('reports a bad value in the first row instead of taking it for a header when its id recurs', () => {
    expect(() => en().PARETO_RANK(col(['n/a', 10, 20]), col(['KH1', 'KH2', 'KH1']))).toThrow('PARETO_RANK: values, row 1: "n/a" is not a number');
    // A real header (its id label never recurs) is still a header.
    expect(en().PARETO_RANK(col(['Amount', 10, 20]), col(['Customer', 'KH2', 'KH1']))).toEqual(col(['Pareto class', 'A', 'A']));
  });

  it('accepts shares as percentages', () => {
    expect(en().PARETO_RANK(col([100, 50, 30, 10]), undefined, 'class', '50%', '90%')).toEqual(col(['A', 'B', 'B', 'C']));
  });
});

describe('pareto engine properties', () => {
  const totals = fc.array(fc.integer({ min: -1000, max: 100000 }), { minLength: 1, maxLength: 200 });

  it('ranks descending, equal totals share rank and class, classes are monotone', () => {
    fc.assert(
      fc.property(totals, (t) => {
        const r = paretoClasses(t);
        for (let i = 0; i < t.length; i++)
          for (let j = 0; j < t.length; j++) {
            if (t[i] > t[j]) {
              expect(r.rank[i]).toBeLessThan(r.rank[j]);
              expect(r.cls[i] <= r.cls[j]).toBe(true);
            }
            if (t[i] === t[j]) {
              expect(r.rank[i]).toBe(r.rank[j]);
              expect(r.cls[i]).toBe(r.cls[j]);
            }
          }
        for (let i = 0; i < t.length; i++) if (t[i] <= 0) expect(r.cls[i]).toBe('C');
      }),
    );
  });

  it('class A is the smallest prefix reaching a_share', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 100000 }), { minLength: 1, maxLength: 200 }), (t) => {
        const r = paretoClasses(t);
        const total = t.reduce((a, b) => a + b, 0);
        const aSum = t.reduce((s, x, i) => s + (r.cls[i] === 'A' ? x : 0), 0);
        expect(aSum / total).toBeGreaterThanOrEqual(0.8 - 1e-9);
        const s = paretoSummary(t);
        expect(s.gini).toBeGreaterThanOrEqual(-1e-12);
        expect(s.gini).toBeLessThan(1);
        expect(s.top20Share).toBeGreaterThanOrEqual(0.2 - 1e-9);
        expect(s.count80).toBeLessThanOrEqual(t.length);
      }),
    );
  });
});

describe('paretoCurve', () => {
  it('is the Lorenz curve from the largest customer down, agreeing with the summary', async () => {
    const { paretoCurve } = await import('../src/core/pareto');
    const c = paretoCurve([100, 50, 30, 10, 10], 5);
    const want = [
      [0, 0],
      [0.2, 0.5],
      [0.4, 0.75],
      [0.6, 0.9],
      [0.8, 0.95],
      [1, 1],
    ];
    expect(c).toHaveLength(want.length);
    c.forEach(([x, y], i) => {
      expect(x).toBeCloseTo(want[i][0], 12);
      expect(y).toBeCloseTo(want[i][1], 12);
    });
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -100, max: 100000 }), { minLength: 1, maxLength: 300 }), (t) => {
        const curve = paretoCurve(t);
        if (!t.some((x) => x > 0)) {
          expect(curve).toEqual([]);
          return;
        }
        expect(curve).toHaveLength(101);
        for (let i = 1; i < curve.length; i++) expect(curve[i][1]).toBeGreaterThanOrEqual(curve[i - 1][1] - 1e-12);
        expect(curve[100][1]).toBe(1);
        expect(curve[20][1]).toBeCloseTo(paretoSummary(t).top20Share, 9);
      }),
    );
  });
});

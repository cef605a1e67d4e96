import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  analyseBehaviour,
  BEHAVIOUR_TAG_NAMES,
  BEHAVIOUR_TAGS,
  isDiscounted,
  type OrderData,
  seasonLabel,
  seasonOf,
  TET_DATES,
  TET_FIRST_YEAR,
  TET_LAST_YEAR,
  tagLabels,
  tetDay,
  tetSeasonOf,
  yearMonth,
} from '../src/core/behaviour';
import { civilToDay, dayToIso } from '../src/core/parse';

const D = (iso: string) => {
  const [y, m, d] = iso.split('-').map(Number);
  return civilToDay(y, m, d);
};

/**
 * Hồ Ngọc Đức's published algorithm for the Vietnamese lunar calendar ("Computing the Vietnamese
 * lunar calendar", informatik.uni-leipzig.de/~duc/amlich), ported here independently of the table
 * in src/core/behaviour.ts. `tz` is the time zone in hours (Vietnam: 7, China: 8).
 */
function lunarNewYear(year: number, tz: number): string {
  const INT = Math.floor;
  const PI = Math.PI;
  const jdFromDate = (dd: number, mm: number, yy: number) => {
    const a = INT((14 - mm) / 12);
    const y = yy + 4800 - a;
    const m = mm + 12 * a - 3;
    return dd + INT((153 * m + 2) / 5) + 365 * y + INT(y / 4) - INT(y / 100) + INT(y / 400) - 32045;
  };
  const jdToIso = (jd: number) => {
    const a = jd + 32044;
    const b = INT((4 * a + 3) / 146097);
    const c = a - INT((b * 146097) / 4);
    const d = INT((4 * c + 3) / 1461);
    const e = c - INT((1461 * d) / 4);
    const m = INT((5 * e + 2) / 153);
    const day = e - INT((153 * m + 2) / 5) + 1;
    const month = m + 3 - 12 * INT(m / 10);
    const yr = b * 100 + d - 4800 + INT(m / 10);
    return `${yr}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  };
  const newMoon = (k: number) => {
    const T = k / 1236.85;
    const T2 = T * T;
    const T3 = T2 * T;
    const dr = PI / 180;
    let jd1 = 2415020.75933 + 29.53058868 * k + 0.0001178 * T2 - 0.000000155 * T3;
    jd1 += 0.00033 * Math.sin((166.56 + 132.87 * T - 0.009173 * T2) * dr);
    const M = 359.2242 + 29.10535608 * k - 0.0000333 * T2 - 0.00000347 * T3;
    const Mpr = 306.0253 + 385.81691806 * k + 0.0107306 * T2 + 0.00001236 * T3;
    const F = 21.2964 + 390.67050646 * k - 0.0016528 * T2 - 0.00000239 * T3;
    let C1 = (0.1734 - 0.000393 * T) * Math.sin(M * dr) + 0.0021 * Math.sin(2 * dr * M);
    C1 = C1 - 0.4068 * Math.sin(Mpr * dr) + 0.0161 * Math.sin(dr * 2 * Mpr) - 0.0004 * Math.sin(dr * 3 * Mpr);
    C1 = C1 + 0.0104 * Math.sin(dr * 2 * F) - 0.0051 * Math.sin(dr * (M + Mpr)) - 0.0074 * Math.sin(dr * (M - Mpr));
    C1 = C1 + 0.0004 * Math.sin(dr * (2 * F + M)) - 0.0004 * Math.sin(dr * (2 * F - M)) - 0.0006 * Math.sin(dr * (2 * F + Mpr));
    C1 = C1 + 0.001 * Math.sin(dr * (2 * F - Mpr)) + 0.0005 * Math.sin(dr * (2 * Mpr + M));
    const deltat = T < -11 ? 0.001 + 0.000839 * T + 0.0002261 * T2 - 0.00000845 * T3 - 0.000000081 * T * T3 : -0.000278 + 0.000265 * T + 0.000262 * T2;
    return jd1 + C1 - deltat;
  };
  const sunLongitude = (jdn: number) => {
    const T = (jdn - 2451545.0) / 36525;
    const T2 = T * T;
    const dr = PI / 180;
    const M = 357.5291 + 35999.0503 * T - 0.0001559 * T2 - 0.00000048 * T * T2;
    const L0 = 280.46645 + 36000.76983 * T + 0.0003032 * T2;
    let DL = (1.9146 - 0.004817 * T - 0.000014 * T2) * Math.sin(dr * M);
    DL += (0.019993 - 0.000101 * T) * Math.sin(dr * 2 * M) + 0.00029 * Math.sin(dr * 3 * M);
    let L = (L0 + DL) * dr;
    L -= PI * 2 * INT(L / (PI * 2));
    return L;
  };
  const sunSector = (dayNumber: number) => INT((sunLongitude(dayNumber - 0.5 - tz / 24) / PI) * 6);
  const newMoonDay = (k: number) => INT(newMoon(k) + 0.5 + tz / 24);
  const month11 = (yy: number) => {
    const k = INT((jdFromDate(31, 12, yy) - 2415021) / 29.530588853);
    const nm = newMoonDay(k);
    return sunSector(nm) >= 9 ? newMoonDay(k - 1) : nm;
  };
  const leapOffset = (a11: number) => {
    const k = INT((a11 - 2415021.076998695) / 29.530588853 + 0.5);
    let i = 1;
    let arc = sunSector(newMoonDay(k + i));
    let last: number;
    do {
      last = arc;
      i++;
      arc = sunSector(newMoonDay(k + i));
    } while (arc !== last && i < 14);
    return i - 1;
  };
  const a11 = month11(year - 1);
  const b11 = month11(year);
  const k = INT(0.5 + (a11 - 2415021.076998695) / 29.530588853);
  let off = 2; // lunar month 1 is two months after month 11
  if (b11 - a11 > 365 && off >= leapOffset(a11)) off += 1;
  return jdToIso(newMoonDay(k + off));
}

describe('Tết table', () => {
  it('matches the Vietnamese lunar calendar (UTC+7) for 2010–2040', () => {
    for (let y = TET_FIRST_YEAR; y <= TET_LAST_YEAR; y++) expect(TET_DATES[y], String(y)).toBe(lunarNewYear(y, 7));
    expect(Object.keys(TET_DATES).length).toBe(31);
  });

  it('has the well-known dates and the 2030 difference from China', () => {
    expect(TET_DATES[2024]).toBe('2024-02-10');
    expect(TET_DATES[2025]).toBe('2025-01-29');
    expect(TET_DATES[2026]).toBe('2026-02-17');
    expect(TET_DATES[2030]).toBe('2030-02-02');
    expect(lunarNewYear(2030, 8)).toBe('2030-02-03');
  });

  it('defines the Tết season as 30 days before to 7 days after, both included', () => {
    const t = tetDay(2024) as number;
    expect(dayToIso(t)).toBe('2024-02-10');
    expect(tetSeasonOf(D('2024-01-11'))).toBe(2024);
    expect(tetSeasonOf(D('2024-01-10'))).toBeNull();
    expect(tetSeasonOf(D('2024-02-17'))).toBe(2024);
    expect(tetSeasonOf(D('2024-02-18'))).toBeNull();
    // A late-December day belongs to the next year's Tết.
    expect(tetSeasonOf(D('2022-12-23'))).toBe(2023);
    expect(tetSeasonOf(D('2022-12-22'))).toBeNull();
    expect(tetSeasonOf(D('2024-07-01'))).toBeNull();
    expect(tetSeasonOf(D('2005-02-01'))).toBeNull();
    expect(tetDay(2009)).toBeNull();
    expect(tetDay(2041)).toBeNull();
  });
});

describe('yearMonth', () => {
  it('agrees with Date for any day 1900–2200 (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: D('1900-01-01'), max: D('2200-12-31') }), (day) => {
        const d = new Date(day * 86_400_000);
        expect(yearMonth(day)).toEqual([d.getUTCFullYear(), d.getUTCMonth() + 1]);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('isDiscounted', () => {
  it.each([
    [50000, true],
    [0, false],
    [-20000, true],
    ['10%', true],
    ['0%', false],
    ['0', false],
    ['20.000', true],
    ['', false],
    [null, false],
    [undefined, false],
    ['-', false],
    [true, true],
    [false, false],
    ['Có', true],
    ['co', true],
    ['x', true],
    ['Yes', true],
    ['Không', false],
    ['No', false],
    ['TET2024', true],
    [new Date(), null],
  ])('%s → %s', (v, want) => {
    expect(isDiscounted(v as never)).toBe(want);
  });
});

function orders(rows: [number, string, number?, string?, boolean?][]): OrderData {
  return {
    customer: rows.map((r) => r[0]),
    day: rows.map((r) => D(r[1])),
    amount: rows.map((r) => r[2] ?? 0),
    channel: rows.map((r) => r[3] ?? null),
    discounted: rows.map((r) => (r[4] === undefined ? false : r[4])),
  };
}

describe('analyseBehaviour: hand-checked cases', () => {
  it('main channel: most orders, names matched ignoring case and spaces, first spelling shown', () => {
    const r = analyseBehaviour(
      1,
      orders([
        [0, '2024-01-01', 100, 'Shopee'],
        [0, '2024-02-01', 100, ' shopee '],
        [0, '2024-03-01', 900, 'Website'],
        [0, '2024-04-01', 100, 'SHOPEE'],
      ]),
    );
    const c = r.customers[0];
    expect(c.mainChannel).toBe('Shopee');
    expect(c.mainChannelShare).toBe(0.75);
    expect(c.channels).toBe(2);
    expect(c.tags).toContain('multi_channel');
    expect(r.channels).toEqual(['Shopee', 'Website']);
  });

  it('channel ties: higher revenue, then the more recent order, then alphabetical', () => {
    const r = analyseBehaviour(
      3,
      orders([
        [0, '2024-01-10', 100, 'Lazada'],
        [0, '2024-01-05', 200, 'Tiki'],
        [1, '2024-01-10', 100, 'Lazada'],
        [1, '2024-01-05', 100, 'Tiki'],
        [2, '2024-01-05', 100, 'Tiki'],
        [2, '2024-01-05', 100, 'Lazada'],
      ]),
    );
    expect(r.customers.map((c) => c.mainChannel)).toEqual(['Tiki', 'Lazada', 'Lazada']);
  });

  it('one-time vs repeat counts purchase days, not rows', () => {
    const r = analyseBehaviour(
      3,
      orders([
        [0, '2024-05-01', 10],
        [0, '2024-05-01', 20],
        [1, '2024-05-01', 10],
        [1, '2024-06-01', 10],
      ]),
    );
    expect(r.customers[0]).toMatchObject({ orders: 2, purchaseDays: 1, meanGapDays: null });
    expect(r.customers[0].tags).toEqual(['one_time']);
    expect(r.customers[1]).toMatchObject({ orders: 2, purchaseDays: 2, meanGapDays: 31 });
    expect(r.customers[1].tags).toContain('repeat');
    // No orders: no tags, nulls.
    expect(r.customers[2]).toMatchObject({ orders: 0, purchaseDays: 0, firstDay: null, lastDay: null, mainChannel: null, tags: [] });
  });

  it('seasonal: Tết buyers (≥ 75% of purchase days in Tết seasons of ≥ 2 years)', () => {
    const r = analyseBehaviour(
      3,
      orders([
        // 3 of 4 purchase days in the Tết seasons of 2023, 2024, 2025
        [0, '2023-01-10'],
        [0, '2024-02-01'],
        [0, '2025-01-20'],
        [0, '2024-07-01'],
        // 2 of 4 only
        [1, '2023-01-10'],
        [1, '2024-02-01'],
        [1, '2024-07-01'],
        [1, '2024-09-01'],
        // All in one Tết season: one year only
        [2, '2024-01-20'],
        [2, '2024-02-05'],
      ]),
    );
    expect(r.customers[0].season).toEqual({ kind: 'tet' });
    expect(r.customers[0].tags).toContain('seasonal');
    expect(r.customers[1].season).toBeNull();
    expect(r.customers[2].season).toBeNull();
    expect(seasonLabel(r.customers[0].season, 'vi')).toBe('Tết');
  });

  it('seasonal: one month or two adjacent months in ≥ 2 years (Dec–Jan counts from December)', () => {
    const nd = seasonOf([D('2022-11-05'), D('2022-12-05'), D('2023-11-20')]);
    expect(nd).toEqual({ kind: 'months', months: [11, 12] });
    expect(seasonLabel(nd, 'en')).toBe('Nov–Dec');
    expect(seasonLabel(nd, 'vi')).toBe('Tháng 11–12');
    // Dec 2022 + Jan 2023 is one season; adding Dec 2023 makes two.
    expect(seasonOf([D('2022-12-05'), D('2023-01-03')])).toBeNull();
    expect(seasonOf([D('2022-12-05'), D('2023-01-03'), D('2023-12-06')])).toEqual({ kind: 'months', months: [12, 1] });
    // Same month two years running.
    expect(seasonOf([D('2022-06-01'), D('2023-06-15')])).toEqual({ kind: 'months', months: [6] });
    // Not adjacent, or spread out.
    expect(seasonOf([D('2022-11-05'), D('2023-03-05')])).toBeNull();
    expect(seasonOf([D('2022-03-01'), D('2022-08-01'), D('2023-11-01')])).toBeNull();
    // 4 of 5 (80%) in Nov–Dec over 2 years: seasonal; 3 of 5 (60%): not.
    expect(seasonOf([D('2021-11-01'), D('2021-12-01'), D('2022-11-01'), D('2022-12-01'), D('2023-05-01')])).toEqual({ kind: 'months', months: [11, 12] });
    expect(seasonOf([D('2021-11-01'), D('2021-12-01'), D('2022-11-01'), D('2023-05-01'), D('2023-07-01')])).toBeNull();
  });

  it('bargain hunter: ≥ 60% of ≥ 2 orders discounted, only with a discount column', () => {
    const data = orders([
      [0, '2024-01-01', 1, undefined, true],
      [0, '2024-02-01', 1, undefined, true],
      [0, '2024-03-01', 1, undefined, false],
      [1, '2024-01-01', 1, undefined, true],
      [1, '2024-02-01', 1, undefined, false],
      [2, '2024-01-01', 1, undefined, true],
    ]);
    const r = analyseBehaviour(3, data);
    expect(r.customers[0].discountShare).toBeCloseTo(2 / 3, 12);
    expect(r.customers[0].tags).toContain('bargain_hunter');
    expect(r.customers[1].tags).not.toContain('bargain_hunter');
    expect(r.customers[2].discountShare).toBe(1);
    expect(r.customers[2].tags).not.toContain('bargain_hunter');
    const noDiscount = analyseBehaviour(3, { ...data, discounted: undefined });
    expect(noDiscount.customers.every((c) => c.discountShare === null && !c.tags.includes('bargain_hunter'))).toBe(true);
  });

  it('infrequent: automatic threshold = max(60, 2 × median mean gap of repeat buyers)', () => {
    const rows: [number, string][] = [
      [0, '2024-01-01'],
      [0, '2024-01-11'], // gap 10
      [1, '2024-01-01'],
      [1, '2024-01-21'], // gap 20
      [2, '2024-01-01'],
      [2, '2024-01-31'], // gap 30
      [3, '2024-01-01'],
      [3, '2024-07-19'], // gap 200
      [4, '2024-01-01'], // one-time
    ];
    const r = analyseBehaviour(5, orders(rows));
    expect(r.infrequentGapDays).toBe(60);
    expect(r.customers.map((c) => c.tags.includes('infrequent'))).toEqual([false, false, false, true, false]);
    const fixed = analyseBehaviour(5, orders(rows), { infrequentGapDays: 25 });
    expect(fixed.customers.map((c) => c.tags.includes('infrequent'))).toEqual([false, false, true, true, false]);
    // Large typical gaps raise the threshold: median of 100, 200, 425 is 200 → 400.
    const slow = analyseBehaviour(
      3,
      orders([
        [0, '2020-01-01'],
        [0, '2020-04-10'], // 100
        [1, '2020-01-01'],
        [1, '2020-07-19'], // 200
        [2, '2020-01-01'],
        [2, '2021-03-01'], // 425
      ]),
    );
    expect(slow.infrequentGapDays).toBe(400);
    expect(slow.customers.map((c) => c.tags.includes('infrequent'))).toEqual([false, false, true]);
  });

  it('skips rows with an unknown customer or day', () => {
    const r = analyseBehaviour(1, { customer: [0, -1, 0, 5], day: [D('2024-01-01'), D('2024-01-02'), Number.NaN, D('2024-01-03')] });
    expect(r.customers[0].orders).toBe(1);
  });

  it('labels every tag in both languages', () => {
    for (const t of BEHAVIOUR_TAGS) {
      expect(BEHAVIOUR_TAG_NAMES[t].en).not.toBe('');
      expect(BEHAVIOUR_TAG_NAMES[t].vi).not.toBe('');
    }
    expect(tagLabels(['repeat', 'bargain_hunter'], 'vi')).toBe('Mua lặp lại, Săn khuyến mãi');
  });
});

describe('analyseBehaviour: properties', () => {
  const CH = ['Shopee', 'Lazada', 'Website', 'Cửa hàng'];
  const row = fc.record({
    c: fc.integer({ min: 0, max: 7 }),
    d: fc.integer({ min: D('2019-01-01'), max: D('2025-12-31') }),
    a: fc.integer({ min: 0, max: 5 }),
    ch: fc.integer({ min: 0, max: 3 }),
    disc: fc.boolean(),
  });
  const toData = (rs: { c: number; d: number; a: number; ch: number; disc: boolean }[]): OrderData => ({
    customer: rs.map((r) => r.c),
    day: rs.map((r) => r.d),
    amount: rs.map((r) => r.a),
    channel: rs.map((r) => CH[r.ch]),
    discounted: rs.map((r) => r.disc),
  });

  it('counts every row once; one-time xor repeat; shares within [0, 1]', () => {
    fc.assert(
      fc.property(fc.array(row, { maxLength: 80 }), (rs) => {
        const r = analyseBehaviour(8, toData(rs));
        expect(r.customers.reduce((s, c) => s + c.orders, 0)).toBe(rs.length);
        for (const c of r.customers) {
          expect(c.purchaseDays).toBeLessThanOrEqual(c.orders);
          if (c.orders) expect(c.tags.includes('one_time') !== c.tags.includes('repeat')).toBe(true);
          else expect(c.tags).toEqual([]);
          if (c.mainChannelShare !== null) expect(c.mainChannelShare > 0 && c.mainChannelShare <= 1).toBe(true);
          if (c.discountShare !== null) expect(c.discountShare >= 0 && c.discountShare <= 1).toBe(true);
          // Tags keep the canonical order.
          const idx = c.tags.map((t) => BEHAVIOUR_TAGS.indexOf(t));
          expect(idx).toEqual(idx.slice().sort((a, b) => a - b));
        }
      }),
    );
  });

  it('does not depend on the order of the rows', () => {
    fc.assert(
      fc.property(
        fc.array(row, { maxLength: 60 }).chain((rs) => fc.tuple(fc.constant(rs), fc.shuffledSubarray(rs, { minLength: rs.length, maxLength: rs.length }))),
        ([rs, shuffled]) => {
          const a = analyseBehaviour(8, toData(rs));
          const b = analyseBehaviour(8, toData(shuffled));
          expect(b.customers).toEqual(a.customers);
        },
      ),
    );
  });
});

describe('analyseBehaviour: scale', () => {
  it('handles 50,000 customers and 200,000 orders well under a second', () => {
    const nC = 50_000;
    const nO = 200_000;
    let seed = 42;
    const rnd = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed / 2_147_483_648;
    };
    const chans = ['Shopee', 'Lazada', 'TikTok Shop', 'Website', 'Cửa hàng', 'Zalo'];
    const customer = new Int32Array(nO);
    const day = new Float64Array(nO);
    const amount = new Float64Array(nO);
    const channel: string[] = new Array(nO);
    const discounted: boolean[] = new Array(nO);
    const d0 = D('2021-01-01');
    for (let i = 0; i < nO; i++) {
      customer[i] = Math.floor(rnd() * nC);
      day[i] = d0 + Math.floor(rnd() * 1460);
      amount[i] = Math.round(rnd() * 2_000_000);
      channel[i] = chans[Math.floor(rnd() * chans.length)];
      discounted[i] = rnd() < 0.4;
    }
    const t0 = performance.now();
    const r = analyseBehaviour(nC, { customer, day, amount, channel, discounted });
    const ms = performance.now() - t0;
    console.log(`analyseBehaviour: ${nC} customers, ${nO} orders in ${ms.toFixed(0)} ms`);
    expect(r.customers.length).toBe(nC);
    expect(r.customers.reduce((s, c) => s + c.orders, 0)).toBe(nO);
    expect(ms).toBeLessThan(3000); // catches a quadratic regression, not noise on a busy 2-core machine
  });
});

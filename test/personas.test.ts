import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildPersonas, formatShare, type PersonaCustomer, personaSheetGrid } from '../src/core/personas';
import { BEHAVIOUR_PLAYBOOK, SEGMENT_PLAYBOOK } from '../src/core/playbook';
import { SEGMENT_GROUP_NAMES, SEGMENT_GROUPS } from '../src/core/segment-keys';

const CUSTOMERS: PersonaCustomer[] = [
  {
    segmentKey: 'vip',
    group: 'vip',
    revenue: 1000,
    orders: 4,
    clv: 2000,
    daysSinceLast: 10,
    province: 'TP.HCM',
    gender: 'female',
    ageBand: '25_34',
    mainChannel: 'Shopee',
    tags: ['repeat', 'bargain_hunter'],
  },
  {
    segmentKey: 'vip',
    group: 'vip',
    revenue: 600,
    orders: 2,
    clv: 1000,
    daysSinceLast: 30,
    province: 'Bình Dương',
    gender: 'male',
    ageBand: '25_34',
    mainChannel: ' shopee',
    tags: ['repeat'],
  },
  {
    segmentKey: 'vip',
    group: 'vip',
    revenue: 400,
    orders: 2,
    clv: null,
    daysSinceLast: 20,
    province: 'Hà Nội',
    gender: null,
    ageBand: '35_44',
    mainChannel: 'Website',
    tags: ['repeat', 'bargain_hunter'],
  },
  { segmentKey: 'lost', group: 'lost', revenue: 0, orders: 1, daysSinceLast: 400, province: 'Sao Hỏa', tags: ['one_time'] },
  { segmentKey: 'new', group: 'new', revenue: 100, orders: 1, daysSinceLast: 5, province: 'Huế', gender: 'female' },
];

describe('buildPersonas: hand-checked', () => {
  const cards = buildPersonas(CUSTOMERS);

  it('orders cards by value group and counts customers and revenue', () => {
    expect(cards.map((c) => c.segmentKey)).toEqual(['vip', 'new', 'lost']);
    const vip = cards[0];
    expect(vip.name).toEqual(SEGMENT_GROUP_NAMES.vip);
    expect(vip.customers).toBe(3);
    expect(vip.customerShare).toBeCloseTo(0.6, 12);
    expect(vip.revenue).toBe(2000);
    expect(vip.revenueShare).toBeCloseTo(2000 / 2100, 12);
    expect(vip.avgClv).toBe(1500);
    expect(vip.aov).toBe(250);
    expect(vip.ordersPerCustomer).toBeCloseTo(8 / 3, 12);
    expect(vip.medianDaysSinceLast).toBe(20);
  });

  it('summarises who they are: provinces by post-2025 unit, regions, gender, age, channel', () => {
    const vip = cards[0];
    expect(vip.topProvinces).toEqual([
      { key: 'Hồ Chí Minh', count: 2, share: 2 / 3 },
      { key: 'Hà Nội', count: 1, share: 1 / 3 },
    ]);
    expect(vip.topRegions).toEqual([
      { key: 'south', count: 2, share: 2 / 3 },
      { key: 'north', count: 1, share: 1 / 3 },
    ]);
    expect(vip.gender).toEqual([
      { key: 'female', count: 1, share: 1 / 3 },
      { key: 'male', count: 1, share: 1 / 3 },
    ]);
    expect(vip.genderUnknown).toBeCloseTo(1 / 3, 12);
    expect(vip.typicalAgeBand).toEqual({ key: '25_34', count: 2, share: 2 / 3 });
    expect(vip.mainChannel).toEqual({ key: 'Shopee', count: 2, share: 2 / 3 });
    expect(vip.tags).toEqual([
      { key: 'repeat', count: 3, share: 1 },
      { key: 'bargain_hunter', count: 2, share: 2 / 3 },
    ]);
    // Pre-2025 names on request; unknown text kept as typed.
    const pre = buildPersonas(CUSTOMERS, { provinceScheme: 'pre2025' })[0];
    expect(pre.topProvinces.map((p) => p.key)).toEqual(['Bình Dương', 'Hà Nội', 'Hồ Chí Minh']);
    expect(cards[2].topProvinces).toEqual([{ key: 'Sao Hỏa', count: 1, share: 1 }]);
    expect(cards[2].topRegions).toEqual([]);
    expect(cards[1].topProvinces[0].key).toBe('Huế');
    expect(cards[1].topRegions[0].key).toBe('central');
  });

  it("ends with the group's actions plus advice for common behaviour", () => {
    expect(cards[0].actions).toEqual([...SEGMENT_PLAYBOOK.vip.actions, BEHAVIOUR_PLAYBOOK.bargain_hunter.actions[0]]);
    expect(cards[1].actions).toEqual(SEGMENT_PLAYBOOK.new.actions);
    expect(cards[0].description).toEqual(SEGMENT_PLAYBOOK.vip.description);
  });

  it('keeps empty segments of a given list with blanks, not NaN', () => {
    const segs = SEGMENT_GROUPS.map((g) => ({ key: g, name: SEGMENT_GROUP_NAMES[g], group: g }));
    const all = buildPersonas(CUSTOMERS, { segments: segs });
    expect(all.map((c) => c.segmentKey)).toEqual([...SEGMENT_GROUPS]);
    const loyal = all.find((c) => c.segmentKey === 'loyal');
    expect(loyal).toMatchObject({
      customers: 0,
      customerShare: 0,
      revenue: 0,
      revenueShare: 0,
      avgClv: null,
      aov: null,
      ordersPerCustomer: null,
      medianDaysSinceLast: null,
      typicalAgeBand: null,
      mainChannel: null,
      topProvinces: [],
    });
    expect(buildPersonas(CUSTOMERS, { segments: segs, includeEmpty: false }).length).toBe(3);
    expect(buildPersonas([], { segments: segs })[0]).toMatchObject({ customers: 0, customerShare: null, revenueShare: null });
  });
});

describe('buildPersonas: properties', () => {
  const customer = fc.record({
    segmentKey: fc.constantFrom('vip', 'loyal', 'at_risk', 'lost'),
    revenue: fc.integer({ min: 0, max: 1_000_000 }),
    orders: fc.integer({ min: 1, max: 20 }),
    clv: fc.option(fc.integer({ min: 0, max: 2_000_000 })),
    daysSinceLast: fc.option(fc.integer({ min: 0, max: 1000 })),
    province: fc.option(fc.constantFrom('Hà Nội', 'HCM', 'Đà Nẵng', 'Bình Dương', 'Cần Thơ', 'Nowhere')),
    gender: fc.option(fc.constantFrom('male' as const, 'female' as const, 'other' as const)),
  });
  it('counts add to the total; revenue shares add to 1; shares in [0, 1]', () => {
    fc.assert(
      fc.property(fc.array(customer, { minLength: 1, maxLength: 60 }), (cs) => {
        const input = cs.map((c) => ({ ...c, group: c.segmentKey as 'vip' }));
        const cards = buildPersonas(input);
        expect(cards.reduce((s, c) => s + c.customers, 0)).toBe(cs.length);
        expect(cards.reduce((s, c) => s + (c.customerShare ?? 0), 0)).toBeCloseTo(1, 9);
        const total = cs.reduce((s, c) => s + c.revenue, 0);
        if (total > 0) expect(cards.reduce((s, c) => s + (c.revenueShare ?? 0), 0)).toBeCloseTo(1, 9);
        else expect(cards.every((c) => c.revenueShare === null)).toBe(true);
        for (const c of cards) {
          const g = c.gender.reduce((s, x) => s + x.share, 0) + c.genderUnknown;
          expect(g).toBeCloseTo(1, 9);
          for (const p of [...c.topProvinces, ...c.topRegions]) expect(p.share > 0 && p.share <= 1).toBe(true);
          expect(c.topProvinces.length).toBeLessThanOrEqual(3);
        }
      }),
    );
  });
});

describe('personaSheetGrid', () => {
  const segs = SEGMENT_GROUPS.map((g) => ({ key: g, name: SEGMENT_GROUP_NAMES[g], group: g }));
  const cards = buildPersonas(CUSTOMERS, { segments: segs });

  it('is rectangular with a format for every cell and no NaN / undefined', () => {
    for (const lang of ['vi', 'en'] as const) {
      const g = personaSheetGrid(cards, lang, lang === 'vi' ? 'vi_VN' : 'en_US');
      expect(g.values.length).toBe(g.height);
      expect(g.numberFormats.length).toBe(g.height);
      for (let r = 0; r < g.height; r++) {
        expect(g.values[r].length).toBe(g.width);
        expect(g.numberFormats[r].length).toBe(g.width);
        for (let c = 0; c < g.width; c++) {
          const v = g.values[r][c];
          expect(typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v)), `${r},${c}`).toBe(true);
          if (typeof v === 'string') expect(g.numberFormats[r][c]).toBe('@');
          if (typeof v === 'string') expect(v).not.toMatch(/NaN|undefined|null|Infinity/);
        }
      }
      for (const m of [...g.merges, ...g.bold, ...g.wrap, ...g.backgrounds]) {
        expect(m.row + m.numRows).toBeLessThanOrEqual(g.height);
        expect(m.col + m.numCols).toBeLessThanOrEqual(g.width);
      }
    }
  });

  it('lays out the summary table and the chart source', () => {
    const g = personaSheetGrid(cards, 'vi', 'vi_VN', { currencyFormat: '#,##0" ₫"' });
    expect(g.values[0][0]).toBe('Chân dung khách hàng theo phân khúc');
    const s = g.summary;
    expect(g.values[s.row]).toEqual(['Phân khúc', 'Số khách hàng', '% khách hàng', 'Doanh thu', '% doanh thu']);
    expect(s.numRows).toBe(1 + SEGMENT_GROUPS.length + 1);
    const vipRow = g.values[s.row + 1];
    expect(vipRow[0]).toBe(SEGMENT_GROUP_NAMES.vip.vi);
    expect(vipRow[1]).toBe(3);
    expect(vipRow[2]).toBeCloseTo(0.6, 12);
    expect(vipRow[3]).toBe(2000);
    expect(g.numberFormats[s.row + 1]).toEqual(['@', '#,##0', '0.0%', '#,##0" ₫"', '0.0%']);
    const total = g.values[s.row + s.numRows - 1];
    expect(total[0]).toBe('Tổng cộng');
    expect(total[1]).toBe(5);
    expect(total[3]).toBe(2100);
    expect(total[4]).toBeCloseTo(1, 12);
    expect(g.chart.labels).toEqual({ row: s.row, col: 0, numRows: SEGMENT_GROUPS.length + 1, numCols: 1 });
    expect(g.chart.values).toEqual({ row: s.row, col: 4, numRows: SEGMENT_GROUPS.length + 1, numCols: 1 });
    expect(g.cards.map((c) => c.segmentKey)).toEqual([...SEGMENT_GROUPS]);
  });

  it('writes each card as label/value pairs with localised lists', () => {
    const g = personaSheetGrid(cards, 'vi', 'vi_VN');
    const vip = g.cards[0];
    const block = g.values.slice(vip.row, vip.row + vip.numRows);
    expect(block[0][0]).toBe(SEGMENT_GROUP_NAMES.vip.vi);
    expect(block[1][0]).toBe(SEGMENT_PLAYBOOK.vip.description.vi);
    const find = (label: string) => block.find((r) => r[0] === label);
    expect(find('Số khách hàng')?.slice(0, 3)).toEqual(['Số khách hàng', 3, '% khách hàng']);
    expect(find('CLV trung bình')?.[1]).toBe(1500);
    expect(find('CLV trung bình')?.[3]).toBe(250);
    expect(find('Tỉnh/thành nhiều nhất')?.[1]).toBe('TP. Hồ Chí Minh 66,7% · Hà Nội 33,3%');
    expect(find('Vùng miền')?.[1]).toBe('Miền Nam 66,7% · Miền Bắc 33,3%');
    expect(find('Giới tính')?.[1]).toBe('Nữ 33,3% · Nam 33,3% · Chưa rõ 33,3%');
    expect(find('Độ tuổi phổ biến')?.[1]).toBe('25–34 tuổi (66,7%)');
    expect(find('Kênh mua chính')?.[1]).toBe('Shopee (66,7%)');
    expect(find('Hành vi mua')?.[1]).toBe('Mua lặp lại 100% · Săn khuyến mãi 66,7%');
    const actions = block.filter((r) => /^\d\.$/.test(String(r[0])));
    expect(actions.map((r) => r[1])).toEqual(cards[0].actions.map((a) => a.vi));
    // English, US number style
    const en = personaSheetGrid(cards, 'en', 'en_US');
    const enBlock = en.values.slice(en.cards[0].row, en.cards[0].row + en.cards[0].numRows);
    expect(enBlock.find((r) => r[0] === 'Top provinces')?.[1]).toBe('Ho Chi Minh City 66.7% · Ha Noi City 33.3%');
  });

  it('shows empty segments with blanks', () => {
    const g = personaSheetGrid(cards, 'en', 'en_US');
    const loyal = g.cards.find((c) => c.segmentKey === 'loyal');
    if (!loyal) throw new Error('no loyal card');
    const block = g.values.slice(loyal.row, loyal.row + loyal.numRows);
    const clvRow = block.find((r) => r[0] === 'Average CLV');
    expect(clvRow?.[1]).toBe('');
    expect(clvRow?.[3]).toBe('');
    expect(block.some((r) => r[1] === 'No customers in this segment')).toBe(true);
  });

  it('formats shares by locale', () => {
    expect(formatShare(0.125, 'vi_VN')).toBe('12,5%');
    expect(formatShare(0.125, 'en_US')).toBe('12.5%');
    expect(formatShare(1, 'vi_VN')).toBe('100%');
    expect(formatShare(0, 'en_US')).toBe('0%');
  });
});

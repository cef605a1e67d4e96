import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { detectResult, historyResult, loadResult, previewResult, RULES } from '../sidebar/fixtures';
import {
  addRule,
  analyzeRequest,
  applyLoad,
  applyRequest,
  assignRole,
  checkRules,
  checkSources,
  compareSnapshots,
  DEFAULT_PARAMS,
  initialState,
  moveRule,
  paramTextFrom,
  paretoPoints,
  parseParams,
  removeRule,
  roleOf,
  settingsOf,
  shareRequest,
  stayed,
  topMoves,
} from '../sidebar/state';
import type { ColumnMapping, ColumnRole, HistoryResult } from '../src/gas/wizard-api';

const ROLES: ColumnRole[] = ['customer_id', 'order_date', 'amount', 'profit', 'province', 'phone'];

describe('assignRole', () => {
  it('moves a role to the chosen column and frees the old one', () => {
    const m: ColumnMapping = { customer_id: 0, order_date: 1, amount: 2 };
    expect(assignRole(m, 3, 'amount')).toEqual({ customer_id: 0, order_date: 1, amount: 3 });
    expect(assignRole(m, 1, 'amount')).toEqual({ customer_id: 0, amount: 1 });
    expect(assignRole(m, 0, null)).toEqual({ order_date: 1, amount: 2 });
    expect(m).toEqual({ customer_id: 0, order_date: 1, amount: 2 });
  });
  it('keeps at most one column per role and one role per column (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 7 }), fc.option(fc.constantFrom(...ROLES), { nil: null })), { maxLength: 30 }), (ops) => {
        let m: ColumnMapping = {};
        for (const [col, role] of ops) {
          m = assignRole(m, col, role);
          expect(roleOf(m, col)).toBe(role);
        }
        const cols = Object.values(m);
        expect(new Set(cols).size).toBe(cols.length);
      }),
    );
  });
});

describe('parameters', () => {
  it('shows the defaults as locale percents and reads them back', () => {
    const text = paramTextFrom(DEFAULT_PARAMS, 'vi_VN');
    expect(text).toEqual({ aShare: '80', bShare: '95', analysisDate: '', horizon: '12', discount: '10', margin: '100', bargain: '60' });
    const r = parseParams(DEFAULT_PARAMS, text, 'vi_VN');
    expect(r.errors).toEqual({});
    expect(r.params).toEqual(DEFAULT_PARAMS);
  });
  it('reads decimals and dates in the locale', () => {
    const text = { ...paramTextFrom(DEFAULT_PARAMS, 'vi_VN'), aShare: '75,5', analysisDate: '31/12/2024', discount: '0', margin: '35' };
    const r = parseParams(DEFAULT_PARAMS, text, 'vi_VN');
    expect(r.errors).toEqual({});
    expect(r.params.pareto.aShare).toBeCloseTo(0.755, 12);
    expect(r.params.rfm.analysisDate).toBe('2024-12-31');
    expect(r.params.clv.annualDiscountRate).toBe(0);
    expect(r.params.clv.margin).toBeCloseTo(0.35, 12);
    expect(paramTextFrom(r.params, 'vi_VN').aShare).toBe('75,5');
    expect(paramTextFrom(r.params, 'en_US').analysisDate).toBe('12/31/2024');
  });
  it('flags each bad field and keeps the last good value', () => {
    const text = { aShare: '96', bShare: '95', analysisDate: '32/01/2024', horizon: '0', discount: '-1', margin: '0', bargain: 'abc' };
    const r = parseParams(DEFAULT_PARAMS, text, 'vi_VN');
    expect(r.errors).toEqual({
      bShare: 'errBAfterA',
      analysisDate: 'errDate',
      horizon: 'errHorizon',
      discount: 'errPercent',
      margin: 'errPercentOpen',
      bargain: 'errPercentOpen',
    });
    expect(r.params.clv.horizonMonths).toBe(12);
    expect(r.params.clv.annualDiscountRate).toBe(0.1);
    expect(JSON.stringify(r.params)).not.toMatch(/NaN|null,"horizon/);
  });
  it('ignores fields of analyses that are off', () => {
    const off = { ...DEFAULT_PARAMS, clv: { ...DEFAULT_PARAMS.clv, enabled: false } };
    const r = parseParams(off, { ...paramTextFrom(off, 'en_US'), horizon: 'x' }, 'en_US');
    expect(r.errors).toEqual({});
  });
});

describe('load and requests', () => {
  it('applies the load result and builds requests from it', () => {
    const s = applyLoad(initialState('en'), loadResult('vi'));
    expect(s.lang).toBe('vi');
    expect(s.locale).toBe('vi_VN');
    expect(s.currency).toBe('₫');
    expect(s.sources.orders).toEqual({ sheet: 'Đơn hàng', headerRow: '1', mapping: { customer_id: 0, order_date: 1, amount: 2 }, detect: null });
    expect(s.sources.customers).toBeNull();
    expect(s.canUndo).toBe(true);
    const req = analyzeRequest(s);
    expect(req).toEqual({
      lang: 'vi',
      sources: { orders: { sheet: 'Đơn hàng', headerRow: 1, mapping: { customer_id: 0, order_date: 1, amount: 2 } }, customers: null },
      params: loadResult().settings.params,
      rules: RULES,
    });
    // Plain JSON only (google.script.run refuses Dates, functions, undefined in arrays).
    expect(JSON.parse(JSON.stringify(req))).toEqual(req);
  });
  it('apply sends only the tags the preview allows; order-row tagging only with an order log', () => {
    let s = applyLoad(initialState('en'), loadResult('en'));
    s = { ...s, tags: ['pareto_class', 'segment', 'region'], tagOrderRows: true, preview: previewResult() };
    const r = applyRequest(s);
    expect(r.tags).toEqual(['pareto_class', 'segment']);
    expect(r.tagOrderRows).toBe(true);
    s = { ...s, sources: { orders: null, customers: s.sources.orders } };
    expect(applyRequest(s).tagOrderRows).toBe(false);
  });
  it('share request and settings', () => {
    const s = { ...applyLoad(initialState('en'), loadResult('en')), shareSegments: ['vip', 'at_risk'], protectTags: false };
    expect(shareRequest(s).segments).toEqual(['vip', 'at_risk']);
    expect(shareRequest(s).protectTags).toBe(false);
    const st = settingsOf(s, 'en');
    expect(st.version).toBe(1);
    expect(st.lang).toBe('en');
    expect(st.sources.orders!.mapping).toEqual({ customer_id: 0, order_date: 1, amount: 2 });
  });
});

describe('checkSources', () => {
  const label = (r: ColumnRole) => r.toUpperCase();
  const base = applyLoad(initialState('en'), loadResult('en'));
  it('needs a source', () => {
    expect(checkSources({ ...base, sources: { orders: null, customers: null } }, label)).toEqual([{ key: 'errNoSource' }]);
  });
  it('names the missing roles of an order log', () => {
    const s = { ...base, sources: { ...base.sources, orders: { ...base.sources.orders!, mapping: { customer_id: 0 } } } };
    expect(checkSources(s, label)).toEqual([{ key: 'errMissingRoles', params: { sheet: 'Đơn hàng', roles: 'ORDER_DATE, AMOUNT' } }]);
  });
  it('flags a header-only sheet, a bad header row, the same sheet twice and a missing link id', () => {
    const det = { ...detectResult(), dataRows: 0 };
    const o = { ...base.sources.orders!, detect: det, headerRow: 'x' };
    const s = { ...base, sources: { orders: o, customers: { sheet: 'Đơn hàng', headerRow: '1', mapping: {}, detect: null } } };
    expect(checkSources(s, label).map((p) => p.key)).toEqual(['errSameSheet', 'errHeaderRow', 'errNoRows', 'errLinkId']);
  });
  it('accepts the fixture', () => {
    expect(checkSources(base, label)).toEqual([]);
  });
});

describe('rules', () => {
  it('accepts the default rules and reports each problem with its row', () => {
    expect(checkRules(RULES)).toEqual([]);
    const bad = {
      ...RULES,
      rules: [
        { ...RULES.rules[0], key: 'vip', name: { en: '', vi: 'VIP' }, r: { min: 5, max: 4 } },
        { ...RULES.rules[1], key: 'vip' },
        { ...RULES.rules[2], key: 'a b', m: { min: 0, max: 5 } },
      ],
    };
    expect(checkRules(bad)).toEqual([
      { key: 'errRuleName', params: { n: 1 } },
      { key: 'errRuleRange', params: { n: 1, dim: 'R' } },
      { key: 'errRuleKeyDup', params: { n: 2, key: 'vip' } },
      { key: 'errRuleKey', params: { n: 3 } },
      { key: 'errRuleRange', params: { n: 3, dim: 'M' } },
    ]);
    expect(checkRules({ ...RULES, rules: [] })).toEqual([{ key: 'errNoRules' }]);
  });
  it('moves, removes and adds rules without touching the input', () => {
    const keys = (r: typeof RULES) => r.rules.map((x) => x.key);
    expect(keys(moveRule(RULES, 0, 1))).toEqual(['loyal', 'vip', 'at_risk']);
    expect(keys(moveRule(RULES, 0, -1))).toEqual(['vip', 'loyal', 'at_risk']);
    expect(keys(removeRule(RULES, 1))).toEqual(['vip', 'at_risk']);
    const added = addRule(addRule(RULES));
    expect(keys(added)).toEqual(['vip', 'loyal', 'at_risk', 'custom_1', 'custom_2']);
    expect(checkRules(added)).toEqual([]);
    expect(keys(RULES)).toEqual(['vip', 'loyal', 'at_risk']);
  });
});

describe('preview helpers', () => {
  it('paretoPoints: exact known points of the curve, non-decreasing', () => {
    const round = (pts: [number, number][]) => pts.map((q) => q.map((x) => Math.round(x * 1e9) / 1e9));
    expect(round(paretoPoints(previewResult().pareto!))).toEqual([
      [0, 0],
      [0.2, 0.8],
      [0.44, 0.95],
      [1, 1],
    ]);
  });
  it('paretoPoints never decreases and stays in the unit square (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1000 }),
        fc.array(fc.record({ customers: fc.integer({ min: 0, max: 500 }), share: fc.double({ min: -1, max: 2, noNaN: true }) }), { maxLength: 3 }),
        fc.double(),
        fc.double(),
        (n, cls, pct80, top20) => {
          const pts = paretoPoints({
            measure: 'revenue',
            customers: n,
            total: 1,
            count80: 1,
            pct80,
            top20Share: top20,
            gini: 0,
            classes: cls.map((c, i) => ({ cls: 'ABC'[i] as 'A', customers: c.customers, total: 0, share: c.share })),
            answer: '',
          });
          for (let i = 0; i < pts.length; i++) {
            expect(pts[i][0]).toBeGreaterThanOrEqual(0);
            expect(pts[i][1]).toBeLessThanOrEqual(1);
            if (i) {
              expect(pts[i][0]).toBeGreaterThan(pts[i - 1][0]);
              expect(pts[i][1]).toBeGreaterThanOrEqual(pts[i - 1][1]);
            }
          }
        },
      ),
    );
  });
  it('migration: top moves, stayed, snapshot comparison', () => {
    const h: HistoryResult = historyResult();
    const m = h.migration!;
    expect(stayed(m)).toBe(7 + 12);
    expect(topMoves(m).map((x) => [x.from, x.to, x.customers])).toEqual([
      [m.from[2].name, 'At risk', 23],
      ['Loyal', 'VIP', 3],
      [m.from[2].name, 'Loyal', 2],
      ['Loyal', 'At risk', 2],
      ['VIP', 'Loyal', 1],
    ]);
    expect(compareSnapshots(h)).toEqual([
      { key: 'vip', name: 'VIP', before: 8, after: 10, revenue: 98765431 },
      { key: 'loyal', name: 'Loyal', before: 17, after: 15, revenue: 14814815 },
      { key: 'at_risk', name: 'At risk', before: 0, after: 25, revenue: 9876543 },
      { key: 'gone_seg', name: h.snapshots[0].segments[2].name, before: 3, after: 0, revenue: 0 },
    ]);
    expect(compareSnapshots({ ...h, snapshots: h.snapshots.slice(1) })[0].before).toBeNull();
    expect(compareSnapshots({ ...h, snapshots: [] })).toEqual([]);
  });
});

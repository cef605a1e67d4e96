import { describe, expect, it } from 'vitest';
import { h, mount, renderHtml, textOf, type VNode, walk } from '../sidebar/escape';
import { applyResult, detectResult, HOSTILE, HOSTILE_SCRIPT, historyResult, loadResult, previewResult, UNDO } from '../sidebar/fixtures';
import { applyLoad, initialState, STEPS, type State } from '../sidebar/state';
import { type Actions, appView, makeCtx, paretoAnswer } from '../sidebar/views';
import type { Lang } from '../src/core/i18n';
import { allNodes, FakeDoc } from './sidebar-dom';

/** Records every action call. */
function recorder(): { a: Actions; calls: [string, unknown[]][] } {
  const calls: [string, unknown[]][] = [];
  const a = new Proxy({} as Actions, {
    get:
      (_t, name) =>
      (...args: unknown[]) => {
        calls.push([String(name), args]);
      },
  });
  return { a, calls };
}

function fullState(lang: Lang, step: number): State {
  let s = applyLoad(initialState(lang), loadResult(lang));
  s = {
    ...s,
    step,
    sources: { orders: { ...s.sources.orders!, detect: detectResult(), mapping: detectResult().mapping }, customers: null },
    preview: previewResult(),
    apply: applyResult(),
    undo: UNDO,
    personas: { sheet: 'TC ' + HOSTILE, cards: 3 },
    shareSegments: ['vip'],
    share: { sheet: 'Sales ' + HOSTILE, customers: 12, protectedColumns: 2 },
    history: historyResult(),
    editingRule: 0,
    ruleErrors: [{ key: 'errRuleName', params: { n: 1 } }],
    rulesDirty: true,
    paramErrors: { aShare: 'errPercentOpen' },
    sourceErrors: [{ key: 'errMissingRoles', params: { sheet: HOSTILE, roles: 'x' } }],
    error: { title: 'T', message: HOSTILE, hint: 'h', retry: true },
    busy: null,
  };
  return s;
}

function elements(v: VNode): VNode[] {
  const out: VNode[] = [];
  walk(v, (n) => out.push(n));
  return out;
}

function byTestId(v: VNode, id: string): VNode | undefined {
  return elements(v).filter((n) => n.attrs['data-testid'] === id)[0];
}

const STEP_TESTIDS: Record<string, string[]> = {
  data: ['source-orders', 'select-sheet-orders', 'mapping-orders', 'select-role-orders-A', 'samples-orders-D', 'detect-warnings-orders', 'data-errors'],
  analyses: [
    'toggle-pareto',
    'select-measure',
    'pareto-a',
    'pareto-a-error',
    'select-scheme',
    'rfm-date',
    'rules-table',
    'rule-0-editor',
    'btn-save-rules',
    'clv-horizon',
    'toggle-behaviour',
  ],
  preview: [
    'preview-totals',
    'pareto-answer',
    'pareto-top20',
    'pareto-gini',
    'chart-pareto',
    'chart-segments',
    'preview-segments',
    'preview-clv',
    'preview-regions',
    'btn-preview',
  ],
  apply: ['apply-tags', 'tag-segment', 'opt-color-rows', 'btn-apply', 'apply-result', 'btn-undo', 'undo-result'],
  personas: ['btn-personas', 'personas-result'],
  share: ['share-segments', 'share-seg-vip', 'opt-protect', 'btn-share', 'share-result'],
  track: ['history-table', 'migration', 'migration-matrix', 'migration-moves', 'btn-history'],
};

describe.each(['vi', 'en'] as Lang[])('views (%s)', (lang) => {
  for (let step = 0; step < STEPS.length; step++) {
    const id = STEPS[step];
    describe('step ' + id, () => {
      const s = fullState(lang, step);
      const { a } = recorder();
      const tree = appView(makeCtx(s, a));
      const els = elements(tree);

      it('mounts without creating any element from data, hostile text stays text', () => {
        const doc = new FakeDoc();
        const root = mount(doc, tree);
        expect(doc.created.length).toBe(els.length);
        expect(doc.created.some((n) => ['img', 'script', 'iframe', 'object', 'embed', 'a', 'style'].includes(n.tag))).toBe(false);
        for (const n of doc.created) for (const k of Object.keys(n.attrs)) expect(k).not.toMatch(/^on/i);
        const texts = allNodes(root).filter((n) => n.tag === '#text');
        expect(texts.some((t) => (t.text as string).includes(HOSTILE))).toBe(true);
        const html = renderHtml(tree);
        expect(html).not.toContain('<img');
        expect(html).not.toContain('<script');
        expect(html).not.toContain(HOSTILE_SCRIPT);
      });

      it('has the stable test ids, once each', () => {
        expect(byTestId(tree, 'step-' + id)).toBeDefined();
        for (const t of ['step-heading', 'lang-vi', 'lang-en', 'error-box', 'btn-retry', 'nav-' + id]) expect(byTestId(tree, t), t).toBeDefined();
        for (const t of STEP_TESTIDS[id]) expect(byTestId(tree, t), t).toBeDefined();
        const ids = els.map((n) => n.attrs['data-testid']).filter(Boolean);
        expect(new Set(ids).size).toBe(ids.length);
      });

      it('labels every control, with unique ids; buttons are type=button', () => {
        const ids = els.map((n) => n.attrs.id).filter(Boolean);
        expect(new Set(ids).size).toBe(ids.length);
        const labelled = new Set(els.filter((n) => n.tag === 'label').map((n) => n.attrs.for));
        for (const n of els.filter((x) => ['input', 'select', 'textarea'].includes(x.tag))) {
          const ok = (n.attrs.id && labelled.has(n.attrs.id)) || n.attrs['aria-label'];
          expect(ok, JSON.stringify(n.attrs)).toBeTruthy();
        }
        for (const b of els.filter((x) => x.tag === 'button')) {
          expect(b.attrs.type).toBe('button');
          expect(textOf(b).trim().length + (b.attrs['aria-label'] || '').length).toBeGreaterThan(0);
        }
      });

      it('shows no NaN, undefined or raw object', () => {
        const text = textOf(tree);
        expect(text).not.toMatch(/NaN|undefined|\[object|Infinity|\{[a-z]+\}/);
        for (const n of els) for (const v of Object.values(n.attrs)) expect(v).not.toMatch(/NaN|undefined|\[object/);
      });
    });
  }
});

describe('content', () => {
  it('Vietnamese preview: money, dates, Pareto answer', () => {
    const s = fullState('vi', 2);
    const c = makeCtx(s, recorder().a);
    const tree = appView(c);
    expect(paretoAnswer(c)).toBe('20% khách hàng (10/50 khách) mang lại 80% doanh thu.');
    expect(textOf(byTestId(tree, 'preview-revenue')!)).toBe('123.456.789 ₫');
    expect(textOf(byTestId(tree, 'preview-date')!)).toBe('01/01/2025');
    expect(textOf(byTestId(tree, 'pareto-gini')!)).toBe('0,62');
    expect(textOf(byTestId(tree, 'pareto-top20')!)).toBe('80%');
    expect(textOf(byTestId(tree, 'step-heading')!)).toBe('Bước 3/7 · Xem trước');
    // Segment names follow the rules table in the current language, not the server's (hostile) name.
    expect(textOf(byTestId(tree, 'segment-row-vip')!)).toContain('VIP / Khách hàng xuất sắc');
    expect(textOf(byTestId(tree, 'segment-row-vip')!)).toContain('5.000.000 ₫');
  });
  it('English preview with the en_US locale', () => {
    const s = fullState('en', 2);
    const c = makeCtx(s, recorder().a);
    const tree = appView(c);
    expect(paretoAnswer(c)).toBe('20% of customers (10 of 50) bring 80% of revenue.');
    expect(textOf(byTestId(tree, 'preview-revenue')!)).toBe('$123,456,789');
    expect(textOf(byTestId(tree, 'preview-date')!)).toBe('01/01/2025');
    expect(textOf(byTestId(tree, 'step-heading')!)).toBe('Step 3 of 7 · Preview');
  });
  it('English words on a Vietnamese spreadsheet keep Vietnamese numbers', () => {
    const s = { ...fullState('en', 2), locale: 'vi_VN', currency: '₫' };
    const tree = appView(makeCtx(s, recorder().a));
    expect(textOf(byTestId(tree, 'preview-revenue')!)).toBe('123.456.789 ₫');
    expect(textOf(byTestId(tree, 'pareto-answer')!)).toBe('20% of customers (10 of 50) bring 80% of revenue.');
  });
  it('no positive total: says so instead of a made-up answer', () => {
    const s = fullState('vi', 2);
    s.preview = { ...s.preview!, pareto: { ...s.preview!.pareto!, total: 0, count80: 0, pct80: Number.NaN } };
    const c = makeCtx(s, recorder().a);
    expect(paretoAnswer(c)).toContain('Tổng không dương');
    expect(byTestId(appView(c), 'chart-pareto')).toBeUndefined();
  });
  it('the language switch marks the current language', () => {
    const tree = appView(makeCtx(fullState('vi', 0), recorder().a));
    expect(byTestId(tree, 'lang-vi')!.attrs['aria-pressed']).toBe('true');
    expect(byTestId(tree, 'lang-en')!.attrs['aria-pressed']).toBe('false');
  });
  it('busy: the bar shows, and the action buttons are disabled', () => {
    const s = { ...fullState('vi', 3), busy: { label: 'Đang gắn nhãn…' }, error: null };
    const tree = appView(makeCtx(s, recorder().a));
    expect(textOf(byTestId(tree, 'busy-label')!)).toBe('Đang gắn nhãn…');
    for (const t of ['btn-apply', 'btn-undo', 'btn-next', 'btn-back', 'lang-en', 'nav-data']) expect(byTestId(tree, t)!.props.disabled, t).toBe(true);
  });
  it('empty states: no preview, no history, nothing to undo, no sheets', () => {
    let s = applyLoad(initialState('vi'), { ...loadResult('vi'), canUndo: false, lastRun: null, sheets: [] });
    s = { ...s, step: 2 };
    expect(byTestId(appView(makeCtx(s, recorder().a)), 'preview-empty')).toBeDefined();
    s = { ...s, step: 3 };
    expect(byTestId(appView(makeCtx(s, recorder().a)), 'btn-undo')!.props.disabled).toBe(true);
    s = { ...s, step: 6, history: { sheet: null, snapshots: [], migration: null } };
    expect(byTestId(appView(makeCtx(s, recorder().a)), 'history-empty')).toBeDefined();
    s = { ...s, step: 0 };
    expect(byTestId(appView(makeCtx(s, recorder().a)), 'data-no-sheets')).toBeDefined();
  });
  it('one snapshot only: no migration yet', () => {
    const hist = historyResult();
    const s = { ...fullState('en', 6), history: { ...hist, snapshots: hist.snapshots.slice(1), migration: null } };
    const tree = appView(makeCtx(s, recorder().a));
    expect(byTestId(tree, 'migration-empty')).toBeDefined();
  });
});

describe('events reach the actions', () => {
  it('mapping select, sheet select, buttons, checkboxes and text fields', () => {
    const { a, calls } = recorder();
    const fire = (s: State, testid: string, type: string, target: Record<string, unknown> = {}) => {
      const n = byTestId(appView(makeCtx(s, a)), testid)!;
      expect(n.on[type], testid + ' ' + type).toBeTypeOf('function');
      n.on[type]({ target } as unknown as Event);
    };
    fire(fullState('vi', 0), 'select-role-orders-D', 'change', { value: 'amount' });
    fire(fullState('vi', 0), 'select-role-orders-A', 'change', { value: '' });
    fire(fullState('vi', 0), 'select-sheet-orders', 'change', { value: 'Khách ' + HOSTILE });
    fire(fullState('vi', 1), 'pareto-a', 'change', { value: '70' });
    fire(fullState('vi', 1), 'toggle-clv', 'change', { checked: false });
    fire(fullState('vi', 1), 'rule-0-r-min', 'change', { value: '3' });
    fire(fullState('vi', 3), 'btn-apply', 'click');
    fire(fullState('vi', 3), 'btn-undo', 'click');
    fire(fullState('vi', 5), 'share-seg-loyal', 'change', { checked: true });
    fire(fullState('vi', 0), 'lang-en', 'click');
    fire(fullState('vi', 0), 'btn-retry', 'click');
    expect(calls).toEqual([
      ['setRole', ['orders', 3, 'amount']],
      ['setRole', ['orders', 0, null]],
      ['pickSheet', ['orders', 'Khách ' + HOSTILE]],
      ['setParamText', ['aShare', '70']],
      ['toggleAnalysis', ['clv', false]],
      ['updateRule', [0, { r: { min: 3, max: 5 } }]],
      ['apply', []],
      ['undo', []],
      ['toggleShareSegment', ['loyal', true]],
      ['setLang', ['en']],
      ['retry', []],
    ]);
  });
  it('add-on result columns are not offered as input', () => {
    const tree = appView(makeCtx(fullState('vi', 0), recorder().a));
    expect(byTestId(tree, 'select-role-orders-F')).toBeUndefined();
    expect(textOf(byTestId(tree, 'mapping-row-orders-F')!)).toContain('Cột kết quả');
  });
  it('h() itself rejects markup tags, so views cannot create them by mistake', () => {
    expect(() => h('iframe')).toThrow();
  });
});

/**
 * The wizard's views: pure functions from state to virtual trees (`h`). No DOM access here, so
 * every view can be rendered and inspected in a unit test; `main.ts` mounts the result.
 * Every string from the sheet or the server goes in as a text child or an attribute value.
 */
import type { Lang } from '../src/core/i18n';
import { SEGMENT_GROUP_COLORS as GROUP_COLORS } from '../src/core/segment-keys';
import type {
  AnalysisParams,
  ColumnRole,
  CountShare,
  DetectedColumn,
  RfmSchemeId,
  SegmentGroup,
  SegmentRule,
  SegmentSummary,
  TagKey,
} from '../src/gas/wizard-api';
import { paretoCurveChart, safeColor, shareBarsChart } from './chart';
import { type Child, h, type VNode } from './escape';
import { formatCompact, formatDate, formatMoney, formatNumber, formatPercent } from './format';
import { groupLabel, type Key, roleLabel, t as tr } from './i18n';
import {
  compareSnapshots,
  missingRoles,
  type ParamText,
  paretoPoints,
  rangeText,
  roleOf,
  ruleName,
  type Slot,
  STEPS,
  type State,
  type StepId,
  stayed,
  stepEnabled,
  topMoves,
} from './state';

export interface Actions {
  goto(step: number): void;
  next(): void;
  back(): void;
  setLang(lang: Lang): void;
  retry(): void;
  dismissError(): void;
  pickSheet(slot: Slot, sheet: string): void;
  swapSource(slot: Slot): void;
  setHeaderRow(slot: Slot, text: string): void;
  redetect(slot: Slot): void;
  setRole(slot: Slot, index: number, role: ColumnRole | null): void;
  toggleAnalysis(name: keyof AnalysisParams, on: boolean): void;
  setMeasure(measure: 'revenue' | 'profit'): void;
  setScheme(scheme: RfmSchemeId): void;
  setParamText(field: keyof ParamText, text: string): void;
  editRule(i: number | null): void;
  updateRule(i: number, patch: Partial<SegmentRule>): void;
  moveRule(i: number, delta: -1 | 1): void;
  removeRule(i: number): void;
  addRule(): void;
  saveRules(): void;
  resetRules(): void;
  refreshPreview(): void;
  toggleTag(tag: TagKey, on: boolean): void;
  setOption(name: 'colorRows' | 'tagOrderRows' | 'personasWithApply' | 'protectTags', on: boolean): void;
  apply(): void;
  undo(): void;
  buildPersonas(): void;
  toggleShareSegment(key: string, on: boolean): void;
  share(): void;
  loadHistory(): void;
}

/** Formatting bound to the state's locale, currency and language. */
export interface Ctx {
  s: State;
  a: Actions;
  t: (key: Key, params?: Record<string, string | number>) => string;
  num: (n: number | null | undefined, decimals?: number) => string;
  money: (n: number | null | undefined) => string;
  pct: (share: number | null | undefined) => string;
  date: (iso: string | null | undefined) => string;
}

export function makeCtx(s: State, a: Actions): Ctx {
  return {
    s,
    a,
    t: (key, params) => tr(s.lang, key, params),
    num: (n, d = 0) => formatNumber(n, s.locale, d),
    money: (n) => formatMoney(n, s.locale, s.currency),
    pct: (x) => formatPercent(x, s.locale),
    date: (iso) => formatDate(iso, s.locale),
  };
}

const STEP_TITLE: Record<StepId, Key> = {
  data: 'stepData',
  analyses: 'stepAnalyses',
  preview: 'stepPreview',
  apply: 'stepApply',
  personas: 'stepPersonas',
  share: 'stepShare',
  track: 'stepTrack',
};

const STEP_INTRO: Record<StepId, Key> = {
  data: 'introData',
  analyses: 'introAnalyses',
  preview: 'introPreview',
  apply: 'introApply',
  personas: 'introPersonas',
  share: 'introShare',
  track: 'introTrack',
};

/* ------------------------------------------------------------------ shell ---- */

export function headerView(c: Ctx): VNode {
  const { s, t, a } = c;
  const langBtn = (lang: Lang, label: string, name: string) =>
    h(
      'button',
      {
        type: 'button',
        id: 'lang-' + lang,
        class: 'lang-btn' + (s.lang === lang ? ' on' : ''),
        'aria-pressed': s.lang === lang ? 'true' : 'false',
        lang,
        title: name,
        'data-testid': 'lang-' + lang,
        disabled: !!s.busy,
        onclick: () => a.setLang(lang),
      },
      label,
    );
  return h(
    'header',
    { class: 'top' },
    h('h1', { class: 'app-title' }, t('appName')),
    h(
      'div',
      { class: 'lang-switch', role: 'group', 'aria-label': t('language'), 'data-testid': 'lang-switch' },
      langBtn('vi', 'VI', 'Tiếng Việt'),
      langBtn('en', 'EN', 'English'),
    ),
    s.load ? h('p', { class: 'doc-name', 'data-testid': 'spreadsheet-name' }, s.load.spreadsheetName) : null,
  );
}

export function stepsNav(c: Ctx): VNode {
  const { s, t, a } = c;
  return h(
    'nav',
    { 'aria-label': t('stepsNav') },
    h(
      'ol',
      { class: 'steps' },
      STEPS.map((id, i) =>
        h(
          'li',
          null,
          h(
            'button',
            {
              type: 'button',
              id: 'nav-' + id,
              class: 'step-btn' + (s.step === i ? ' current' : ''),
              'aria-current': s.step === i ? 'step' : null,
              'data-testid': 'nav-' + id,
              disabled: !stepEnabled(s, i) || !!s.busy,
              onclick: () => a.goto(i),
            },
            h('span', { class: 'step-no', 'aria-hidden': 'true' }, String(i + 1)),
            h('span', { class: 'step-name' }, t(STEP_TITLE[id])),
          ),
        ),
      ),
    ),
  );
}

export function errorView(c: Ctx): VNode | null {
  const { s, t, a } = c;
  const e = s.error;
  if (!e) return null;
  return h(
    'div',
    { class: 'error-box', 'data-testid': 'error-box' },
    h('p', { class: 'error-title' }, h('strong', null, e.title)),
    h('p', { class: 'error-message', 'data-testid': 'error-message' }, e.message),
    e.hint ? h('p', { class: 'error-hint', 'data-testid': 'error-hint' }, e.hint) : null,
    h(
      'div',
      { class: 'row' },
      e.retry ? h('button', { type: 'button', id: 'btn-retry', class: 'primary', 'data-testid': 'btn-retry', onclick: () => a.retry() }, t('retry')) : null,
      h('button', { type: 'button', id: 'btn-dismiss', 'data-testid': 'btn-dismiss-error', onclick: () => a.dismissError() }, t('dismiss')),
    ),
  );
}

export function busyView(c: Ctx): VNode | null {
  if (!c.s.busy) return null;
  return h('div', { class: 'busy-box', 'data-testid': 'busy-label' }, h('span', { class: 'spinner', 'aria-hidden': 'true' }), c.s.busy.label);
}

/** The current step's panel, with its heading (focused on step change) and the back/next bar. */
export function panelView(c: Ctx): VNode {
  const { s, t, a } = c;
  const id = STEPS[s.step];
  const body: Record<StepId, (c: Ctx) => Child> = {
    data: dataStep,
    analyses: analysesStep,
    preview: previewStep,
    apply: applyStep,
    personas: personasStep,
    share: shareStep,
    track: trackStep,
  };
  const last = s.step === STEPS.length - 1;
  return h(
    'section',
    { class: 'panel', 'aria-labelledby': 'step-heading', 'data-testid': 'step-' + id },
    h(
      'h2',
      { id: 'step-heading', tabindex: '-1', 'data-testid': 'step-heading' },
      t('stepOf', { n: s.step + 1, total: STEPS.length }) + ' · ' + t(STEP_TITLE[id]),
    ),
    h('p', { class: 'intro' }, t(STEP_INTRO[id])),
    body[id](c),
    h(
      'div',
      { class: 'nav-bar' },
      s.step > 0
        ? h('button', { type: 'button', id: 'btn-back', 'data-testid': 'btn-back', disabled: !!s.busy, onclick: () => a.back() }, '← ' + t('back'))
        : h('span'),
      !last
        ? h(
            'button',
            {
              type: 'button',
              id: 'btn-next',
              class: 'primary',
              'data-testid': 'btn-next',
              disabled: !!s.busy || !stepEnabled(s, s.step + 1),
              onclick: () => a.next(),
            },
            t(nextLabel(id)) + ' →',
          )
        : null,
    ),
  );
}

function nextLabel(id: StepId): Key {
  switch (id) {
    case 'data':
      return 'nextAnalyses';
    case 'analyses':
      return 'nextPreview';
    case 'preview':
      return 'nextApply';
    default:
      return 'next';
  }
}

function note(text: string, kind: 'warn' | 'info' | 'ok' = 'info', testid?: string): VNode {
  return h('p', { class: 'note ' + kind, 'data-testid': testid || null }, text);
}

function warnings(list: string[] | undefined, testid: string): VNode | null {
  if (!list?.length) return null;
  return h(
    'ul',
    { class: 'warnings', 'data-testid': testid },
    list.map((w) => h('li', null, w)),
  );
}

function swatch(color: string): VNode {
  return h('span', { class: 'swatch', style: 'background:' + safeColor(color), 'aria-hidden': 'true' });
}

function checkbox(
  id: string,
  label: string,
  checked: boolean,
  onchange: (on: boolean) => void,
  opts: { disabled?: boolean; testid?: string; hint?: string } = {},
): VNode {
  return h(
    'div',
    { class: 'check' },
    h('input', {
      type: 'checkbox',
      id,
      checked,
      disabled: !!opts.disabled,
      'aria-describedby': opts.hint ? id + '-hint' : null,
      'data-testid': opts.testid || id,
      onchange: (ev: Event) => onchange(!!(ev.target as HTMLInputElement).checked),
    }),
    h('label', { for: id }, label),
    opts.hint ? h('small', { id: id + '-hint', class: 'hint' }, opts.hint) : null,
  );
}

function textField(
  c: Ctx,
  id: string,
  label: string,
  field: keyof ParamText,
  opts: { suffix?: string; placeholder?: string; hint?: string; inputmode?: string; disabled?: boolean } = {},
): VNode {
  const err = c.s.paramErrors[field];
  const described = [opts.hint ? id + '-hint' : '', err ? id + '-err' : ''].filter(Boolean).join(' ');
  return h(
    'div',
    { class: 'field' },
    h('label', { for: id }, label),
    h(
      'div',
      { class: 'input-row' },
      h('input', {
        type: 'text',
        id,
        value: c.s.paramText[field],
        placeholder: opts.placeholder || null,
        inputmode: opts.inputmode || 'decimal',
        autocomplete: 'off',
        disabled: !!opts.disabled,
        'aria-invalid': err ? 'true' : null,
        'aria-describedby': described || null,
        'data-testid': id,
        onchange: (ev: Event) => c.a.setParamText(field, (ev.target as HTMLInputElement).value),
      }),
      opts.suffix ? h('span', { class: 'suffix', 'aria-hidden': 'true' }, opts.suffix) : null,
    ),
    opts.hint ? h('small', { id: id + '-hint', class: 'hint' }, opts.hint) : null,
    err ? h('small', { id: id + '-err', class: 'field-error', 'data-testid': id + '-error' }, c.t(err)) : null,
  );
}

/* ------------------------------------------------------------------ 1. data ---- */

function sheetOptions(c: Ctx, current: string): VNode[] {
  const sheets = c.s.load ? c.s.load.sheets : [];
  const opts: VNode[] = [h('option', { value: '', selected: current === '' }, c.t('noneSheet'))];
  for (const sh of sheets) {
    if (sh.addOn && sh.name !== current) continue;
    let label = sh.name + ' (' + c.t('rowsCols', { rows: c.num(Math.max(0, sh.rows)), cols: sh.columns }) + ')';
    if (sh.hidden) label += ' · ' + c.t('hiddenSheet');
    opts.push(h('option', { value: sh.name, selected: sh.name === current }, label));
  }
  return opts;
}

function dataStep(c: Ctx): Child {
  const { s, t } = c;
  if (!s.load) return note(t('loading'));
  const usable = s.load.sheets.filter((x) => !x.addOn);
  return [
    !usable.length ? note(t('noSheets'), 'warn', 'data-no-sheets') : null,
    sourceBlock(c, 'orders'),
    sourceBlock(c, 'customers'),
    s.sourceErrors.length
      ? h(
          'ul',
          { class: 'warnings', 'data-testid': 'data-errors' },
          s.sourceErrors.map((e) => h('li', null, t(e.key, e.params))),
        )
      : null,
  ];
}

function sourceBlock(c: Ctx, slot: Slot): VNode {
  const { s, t, a } = c;
  const src = s.sources[slot];
  const other: Slot = slot === 'orders' ? 'customers' : 'orders';
  const det = src?.detect;
  const selId = 'sheet-' + slot;
  return h(
    'fieldset',
    { class: 'source', 'data-testid': 'source-' + slot },
    h('legend', null, t(slot === 'orders' ? 'ordersSheet' : 'customersSheet')),
    h('small', { class: 'hint', id: selId + '-hint' }, t(slot === 'orders' ? 'ordersSheetHint' : 'customersSheetHint')),
    h(
      'div',
      { class: 'field' },
      h('label', { for: selId }, t('sheet')),
      h(
        'select',
        {
          id: selId,
          'data-testid': 'select-sheet-' + slot,
          'aria-describedby': selId + '-hint',
          value: src ? src.sheet : '',
          disabled: !!s.busy,
          onchange: (ev: Event) => a.pickSheet(slot, (ev.target as HTMLSelectElement).value),
        },
        sheetOptions(c, src ? src.sheet : ''),
      ),
    ),
    src
      ? h(
          'div',
          { class: 'field inline' },
          h('label', { for: 'header-row-' + slot }, t('headerRow')),
          h('input', {
            type: 'number',
            id: 'header-row-' + slot,
            min: '1',
            step: '1',
            value: src.headerRow,
            class: 'short',
            'data-testid': 'input-header-row-' + slot,
            onchange: (ev: Event) => a.setHeaderRow(slot, (ev.target as HTMLInputElement).value),
          }),
          h(
            'button',
            { type: 'button', id: 'btn-redetect-' + slot, 'data-testid': 'btn-redetect-' + slot, disabled: !!s.busy, onclick: () => a.redetect(slot) },
            t('redetect'),
          ),
        )
      : null,
    det
      ? h(
          'p',
          { class: 'summary-line', 'data-testid': 'detect-summary-' + slot },
          t('detectSummary', { rows: c.num(det.dataRows), cols: det.columns.length, row: det.headerRow }) +
            ' ' +
            t(det.kind === 'orders' ? 'looksOrders' : 'looksCustomers'),
        )
      : null,
    det && det.kind !== slot
      ? h(
          'div',
          { class: 'note warn' },
          t(slot === 'orders' ? 'kindMismatchOrders' : 'kindMismatchCustomers'),
          ' ',
          h(
            'button',
            { type: 'button', id: 'btn-swap-' + slot, class: 'link', 'data-testid': 'btn-swap-' + slot, onclick: () => a.swapSource(slot) },
            t(other === 'orders' ? 'useAsOrders' : 'useAsCustomers'),
          ),
        )
      : null,
    det ? warnings(det.warnings, 'detect-warnings-' + slot) : null,
    det && det.dataRows === 0 ? note(t('headerOnly'), 'warn') : null,
    src && det ? mappingTable(c, slot) : null,
    src && !det ? note(t('notDetected'), 'info') : null,
    src && det && missingRoles(slot, src.mapping).length
      ? note(
          t('missingRoles', {
            roles: missingRoles(slot, src.mapping)
              .map((r) => roleName(c, r))
              .join(', '),
          }),
          'warn',
          'missing-roles-' + slot,
        )
      : null,
  );
}

export function roleName(c: Ctx, role: ColumnRole): string {
  const o = c.s.load ? c.s.load.roles.filter((x) => x.key === role)[0] : undefined;
  return o ? o.label : roleLabel(c.s.lang, role);
}

function mappingTable(c: Ctx, slot: Slot): VNode {
  const { s, t, a } = c;
  const src = s.sources[slot]!;
  const det = src.detect!;
  const roles = s.load ? s.load.roles : [];
  return h(
    'div',
    { class: 'table-wrap' },
    h(
      'table',
      { class: 'mapping', 'data-testid': 'mapping-' + slot },
      h('caption', null, t('mappingCaption')),
      h('thead', null, h('tr', null, h('th', { scope: 'col' }, t('colColumn')), h('th', { scope: 'col' }, t('colUseAs')))),
      h(
        'tbody',
        null,
        det.columns.map((col: DetectedColumn) => {
          const selId = 'role-' + slot + '-' + col.index;
          const current = roleOf(src.mapping, col.index);
          return h(
            'tr',
            { 'data-testid': 'mapping-row-' + slot + '-' + col.letter, class: current ? 'mapped' : null },
            h(
              'td',
              null,
              h('label', { for: selId, class: 'col-head' }, h('span', { class: 'col-letter' }, col.letter), ' ', col.header || t('noHeader')),
              col.samples.length ? h('div', { class: 'samples', 'data-testid': 'samples-' + slot + '-' + col.letter }, col.samples.join(' · ')) : null,
              col.reason ? h('small', { class: 'hint' }, col.reason) : null,
            ),
            h(
              'td',
              null,
              col.addOn
                ? h('small', { class: 'hint' }, t('addOnColumn'))
                : h(
                    'select',
                    {
                      id: selId,
                      value: current || '',
                      'data-testid': 'select-role-' + slot + '-' + col.letter,
                      disabled: !!s.busy,
                      onchange: (ev: Event) => {
                        const v = (ev.target as HTMLSelectElement).value;
                        a.setRole(slot, col.index, v ? (v as ColumnRole) : null);
                      },
                    },
                    h('option', { value: '', selected: !current }, t('notUsed')),
                    roles.map((r) => h('option', { value: r.key, selected: r.key === current }, r.label)),
                  ),
            ),
          );
        }),
      ),
    ),
  );
}

/* ------------------------------------------------------------------ 2. analyses ---- */

function analysesStep(c: Ctx): Child {
  const { s, t, a } = c;
  const p = s.params;
  const hasOrders = !!s.sources.orders;
  const profitMapped = [s.sources.orders, s.sources.customers].some((x) => x && x.mapping.profit !== undefined && x.mapping.profit !== null);
  const discountMapped = !!(s.sources.orders && s.sources.orders.mapping.discount !== undefined && s.sources.orders.mapping.discount !== null);
  const schemes = s.load ? s.load.schemes : [];
  return [
    h(
      'fieldset',
      { class: 'analysis', 'data-testid': 'analysis-pareto' },
      h(
        'legend',
        null,
        checkbox('an-pareto', t('anPareto'), p.pareto.enabled, (on) => a.toggleAnalysis('pareto', on), { testid: 'toggle-pareto' }),
      ),
      p.pareto.enabled
        ? [
            h(
              'div',
              { class: 'field' },
              h('label', { for: 'pareto-measure' }, t('measure')),
              h(
                'select',
                {
                  id: 'pareto-measure',
                  value: p.pareto.measure,
                  'data-testid': 'select-measure',
                  onchange: (ev: Event) => a.setMeasure((ev.target as HTMLSelectElement).value as 'revenue' | 'profit'),
                },
                h('option', { value: 'revenue', selected: p.pareto.measure === 'revenue' }, t('revenue')),
                h('option', { value: 'profit', selected: p.pareto.measure === 'profit', disabled: !profitMapped }, t('profit')),
              ),
              !profitMapped ? h('small', { class: 'hint' }, t('profitNeedsColumn')) : null,
            ),
            h(
              'div',
              { class: 'two' },
              textField(c, 'pareto-a', t('cutA'), 'aShare', { suffix: '%' }),
              textField(c, 'pareto-b', t('cutB'), 'bShare', { suffix: '%' }),
            ),
            h('small', { class: 'hint' }, t('cutHint')),
          ]
        : null,
    ),
    h(
      'fieldset',
      { class: 'analysis', 'data-testid': 'analysis-rfm' },
      h(
        'legend',
        null,
        checkbox('an-rfm', t('anRfm'), p.rfm.enabled, (on) => a.toggleAnalysis('rfm', on), { testid: 'toggle-rfm' }),
      ),
      p.rfm.enabled
        ? [
            h(
              'div',
              { class: 'field' },
              h('label', { for: 'rfm-scheme' }, t('scheme')),
              h(
                'select',
                {
                  id: 'rfm-scheme',
                  value: p.rfm.scheme,
                  'data-testid': 'select-scheme',
                  onchange: (ev: Event) => a.setScheme((ev.target as HTMLSelectElement).value as RfmSchemeId),
                },
                schemes.map((o) => h('option', { value: o.key, selected: o.key === p.rfm.scheme }, o.label)),
              ),
            ),
            textField(c, 'rfm-date', t('analysisDate'), 'analysisDate', {
              placeholder: /^en[_-](US|PH|CA)$/i.test(s.locale) ? 'mm/dd/yyyy' : t('datePlaceholder'),
              hint: t('analysisDateHint'),
              inputmode: 'numeric',
            }),
            rulesTable(c),
          ]
        : null,
    ),
    h(
      'fieldset',
      { class: 'analysis', 'data-testid': 'analysis-clv' },
      h(
        'legend',
        null,
        checkbox('an-clv', t('anClv'), p.clv.enabled && hasOrders, (on) => a.toggleAnalysis('clv', on), {
          testid: 'toggle-clv',
          disabled: !hasOrders,
        }),
      ),
      !hasOrders ? h('small', { class: 'hint' }, t('clvNeedsOrders')) : null,
      p.clv.enabled && hasOrders
        ? [
            textField(c, 'clv-horizon', t('horizon'), 'horizon', { suffix: t('months'), inputmode: 'numeric' }),
            h(
              'div',
              { class: 'two' },
              textField(c, 'clv-discount', t('discountRate'), 'discount', { suffix: '%' }),
              textField(c, 'clv-margin', t('margin'), 'margin', { suffix: '%' }),
            ),
            h('small', { class: 'hint' }, t('clvHint')),
          ]
        : null,
    ),
    h(
      'fieldset',
      { class: 'analysis', 'data-testid': 'analysis-demographics' },
      h(
        'legend',
        null,
        checkbox('an-demo', t('anDemographics'), p.demographics.enabled, (on) => a.toggleAnalysis('demographics', on), { testid: 'toggle-demographics' }),
      ),
      h('small', { class: 'hint' }, t('demographicsHint')),
    ),
    h(
      'fieldset',
      { class: 'analysis', 'data-testid': 'analysis-behaviour' },
      h(
        'legend',
        null,
        checkbox('an-behaviour', t('anBehaviour'), p.behaviour.enabled, (on) => a.toggleAnalysis('behaviour', on), { testid: 'toggle-behaviour' }),
      ),
      p.behaviour.enabled
        ? [
            h('small', { class: 'hint' }, t('behaviourHint')),
            textField(c, 'bargain-share', t('bargainShare'), 'bargain', {
              suffix: '%',
              disabled: !discountMapped,
              hint: discountMapped ? t('bargainHint') : t('bargainNeedsColumn'),
            }),
          ]
        : null,
    ),
  ];
}

function groupOptions(c: Ctx, current: SegmentGroup): VNode[] {
  const groups = c.s.load ? c.s.load.groups : [];
  return groups.map((g) => h('option', { value: g.key, selected: g.key === current }, g.label || groupLabel(c.s.lang, g.key)));
}

function groupColor(g: SegmentGroup): string {
  return GROUP_COLORS[g] || '#e5e7eb';
}

function scoreSelect(id: string, label: string, value: number, onchange: (v: number) => void): VNode {
  return h(
    'span',
    { class: 'score' },
    h('label', { for: id, class: 'sr-only' }, label),
    h(
      'select',
      { id, value: String(value), 'data-testid': id, onchange: (ev: Event) => onchange(Number((ev.target as HTMLSelectElement).value)) },
      [1, 2, 3, 4, 5].map((n) => h('option', { value: String(n), selected: n === value }, String(n))),
    ),
  );
}

function ruleEditor(c: Ctx, i: number): VNode {
  const { s, t, a } = c;
  const rules = s.rules!;
  const isFallback = i === -1;
  const rule = isFallback ? rules.fallback : rules.rules[i];
  const pre = 'rule-' + (isFallback ? 'fallback' : i);
  const dims: ('r' | 'f' | 'm')[] = ['r', 'f', 'm'];
  return h(
    'div',
    { class: 'rule-editor', 'data-testid': pre + '-editor' },
    h(
      'div',
      { class: 'field' },
      h('label', { for: pre + '-name-vi' }, t('nameVi')),
      h('input', {
        type: 'text',
        id: pre + '-name-vi',
        lang: 'vi',
        value: rule.name.vi,
        'data-testid': pre + '-name-vi',
        onchange: (ev: Event) => a.updateRule(i, { name: { en: rule.name.en, vi: (ev.target as HTMLInputElement).value } }),
      }),
    ),
    h(
      'div',
      { class: 'field' },
      h('label', { for: pre + '-name-en' }, t('nameEn')),
      h('input', {
        type: 'text',
        id: pre + '-name-en',
        lang: 'en',
        value: rule.name.en,
        'data-testid': pre + '-name-en',
        onchange: (ev: Event) => a.updateRule(i, { name: { vi: rule.name.vi, en: (ev.target as HTMLInputElement).value } }),
      }),
    ),
    h(
      'div',
      { class: 'field' },
      h('label', { for: pre + '-group' }, t('playbookGroup')),
      h(
        'select',
        {
          id: pre + '-group',
          value: rule.group,
          'data-testid': pre + '-group',
          onchange: (ev: Event) => a.updateRule(i, { group: (ev.target as HTMLSelectElement).value as SegmentGroup }),
        },
        groupOptions(c, rule.group),
      ),
      h('small', { class: 'hint' }, t('playbookGroupHint')),
    ),
    !isFallback
      ? dims.map((d) => {
          const r = (rule as SegmentRule)[d];
          const dimName = t(d === 'r' ? 'dimR' : d === 'f' ? 'dimF' : 'dimM');
          return h(
            'div',
            { class: 'field range', role: 'group', 'aria-label': dimName },
            h('span', { class: 'range-label' }, dimName),
            scoreSelect(pre + '-' + d + '-min', dimName + ' ' + t('from'), r.min, (v) =>
              a.updateRule(i, { [d]: { min: v, max: r.max } } as Partial<SegmentRule>),
            ),
            h('span', { 'aria-hidden': 'true' }, ' – '),
            scoreSelect(pre + '-' + d + '-max', dimName + ' ' + t('to'), r.max, (v) =>
              a.updateRule(i, { [d]: { min: r.min, max: v } } as Partial<SegmentRule>),
            ),
          );
        })
      : h('small', { class: 'hint' }, t('fallbackHint')),
    h(
      'div',
      { class: 'row' },
      !isFallback
        ? [
            h(
              'button',
              { type: 'button', id: pre + '-up', 'data-testid': pre + '-up', disabled: i === 0, onclick: () => a.moveRule(i, -1) },
              '↑ ' + t('moveUp'),
            ),
            h(
              'button',
              { type: 'button', id: pre + '-down', 'data-testid': pre + '-down', disabled: i === rules.rules.length - 1, onclick: () => a.moveRule(i, 1) },
              '↓ ' + t('moveDown'),
            ),
            h(
              'button',
              { type: 'button', id: pre + '-delete', class: 'danger', 'data-testid': pre + '-delete', onclick: () => a.removeRule(i) },
              t('deleteRule'),
            ),
          ]
        : null,
      h('button', { type: 'button', id: pre + '-close', 'data-testid': pre + '-close', onclick: () => a.editRule(null) }, t('done')),
    ),
  );
}

function rulesTable(c: Ctx): VNode {
  const { s, t, a } = c;
  const rules = s.rules;
  if (!rules) return note(t('loading'));
  const row = (i: number) => {
    const isFallback = i === -1;
    const rule = isFallback ? rules.fallback : rules.rules[i];
    const name = ruleName(rule, s.lang);
    const editing = s.editingRule === i;
    const cells: VNode[] = [h('td', { class: 'num' }, isFallback ? '—' : String(i + 1)), h('th', { scope: 'row' }, swatch(groupColor(rule.group)), ' ', name)];
    if (isFallback) cells.push(h('td', { colspan: '3', class: 'muted' }, t('otherwise')));
    else {
      const r = rule as SegmentRule;
      cells.push(h('td', { class: 'num' }, rangeText(r.r)), h('td', { class: 'num' }, rangeText(r.f)), h('td', { class: 'num' }, rangeText(r.m)));
    }
    cells.push(
      h(
        'td',
        null,
        h(
          'button',
          {
            type: 'button',
            id: 'rule-edit-' + (isFallback ? 'fallback' : i),
            class: 'small',
            'aria-expanded': editing ? 'true' : 'false',
            'aria-label': t('editRuleNamed', { name }),
            'data-testid': 'rule-edit-' + (isFallback ? 'fallback' : i),
            onclick: () => a.editRule(editing ? null : i),
          },
          t('edit'),
        ),
      ),
    );
    const trs: VNode[] = [h('tr', { 'data-testid': 'rule-row-' + (isFallback ? 'fallback' : i), class: editing ? 'editing' : null }, cells)];
    if (editing) trs.push(h('tr', { class: 'editor-row' }, h('td', { colspan: '6' }, ruleEditor(c, i))));
    return trs;
  };
  return h(
    'div',
    { class: 'rules', 'data-testid': 'rules' },
    h('h3', null, t('rulesTitle')),
    h('small', { class: 'hint' }, t('rulesHint')),
    h(
      'div',
      { class: 'table-wrap' },
      h(
        'table',
        { class: 'rules-table', 'data-testid': 'rules-table' },
        h('caption', { class: 'sr-only' }, t('rulesTitle')),
        h(
          'thead',
          null,
          h(
            'tr',
            null,
            h('th', { scope: 'col' }, '#'),
            h('th', { scope: 'col' }, t('segment')),
            h('th', { scope: 'col', title: t('dimR') }, 'R'),
            h('th', { scope: 'col', title: t('dimF') }, 'F'),
            h('th', { scope: 'col', title: t('dimM') }, 'M'),
            h('th', { scope: 'col' }, h('span', { class: 'sr-only' }, t('edit'))),
          ),
        ),
        h(
          'tbody',
          null,
          rules.rules.map((_, i) => row(i)),
          row(-1),
        ),
      ),
    ),
    s.ruleErrors.length
      ? h(
          'ul',
          { class: 'warnings', 'data-testid': 'rules-errors' },
          s.ruleErrors.map((e) => h('li', null, t(e.key, e.params))),
        )
      : null,
    s.rulesDirty ? note(t('rulesUnsaved'), 'warn', 'rules-unsaved') : null,
    h(
      'div',
      { class: 'row' },
      h('button', { type: 'button', id: 'btn-add-rule', 'data-testid': 'btn-add-rule', disabled: !!s.busy, onclick: () => a.addRule() }, '+ ' + t('addRule')),
      h(
        'button',
        { type: 'button', id: 'btn-save-rules', class: 'primary', 'data-testid': 'btn-save-rules', disabled: !!s.busy, onclick: () => a.saveRules() },
        t('saveRules'),
      ),
      h(
        'button',
        { type: 'button', id: 'btn-reset-rules', 'data-testid': 'btn-reset-rules', disabled: !!s.busy, onclick: () => a.resetRules() },
        t('resetRules'),
      ),
    ),
  );
}

/* ------------------------------------------------------------------ 3. preview ---- */

function segName(c: Ctx, seg: { key: string; name: string }): string {
  const rules = c.s.rules;
  if (rules) {
    const r = rules.rules.filter((x) => x.key === seg.key)[0] || (rules.fallback.key === seg.key ? rules.fallback : undefined);
    if (r) return ruleName(r, c.s.lang) || seg.name;
  }
  return seg.name;
}

function countTable(c: Ctx, title: string, rows: CountShare[], testid: string): VNode | null {
  if (!rows?.length) return null;
  return h(
    'details',
    { class: 'breakdown', 'data-testid': testid },
    h('summary', null, title),
    h(
      'table',
      { class: 'data' },
      h(
        'thead',
        null,
        h(
          'tr',
          null,
          h('th', { scope: 'col' }, title),
          h('th', { scope: 'col', class: 'num' }, c.t('customers')),
          h('th', { scope: 'col', class: 'num' }, '%'),
        ),
      ),
      h(
        'tbody',
        null,
        rows.map((r) =>
          h('tr', null, h('th', { scope: 'row' }, r.label), h('td', { class: 'num' }, c.num(r.customers)), h('td', { class: 'num' }, c.pct(r.share))),
        ),
      ),
    ),
  );
}

/** The Pareto answer in the current language, from the numbers (not the server's sentence, so it follows the switch). */
export function paretoAnswer(c: Ctx): string {
  const p = c.s.preview?.pareto;
  if (!p) return '';
  if (!(p.total > 0) || !(p.count80 > 0)) return c.t('paretoNoPositive');
  return c.t(p.measure === 'profit' ? 'paretoAnswerProfit' : 'paretoAnswer', { pct: c.pct(p.pct80), n: c.num(p.count80), total: c.num(p.customers) });
}

function previewStep(c: Ctx): Child {
  const { s, t, a } = c;
  const p = s.preview;
  if (!p)
    return [
      note(t('noPreview'), 'info', 'preview-empty'),
      h(
        'button',
        { type: 'button', id: 'btn-preview', class: 'primary', 'data-testid': 'btn-preview', disabled: !!s.busy, onclick: () => a.refreshPreview() },
        t('runPreview'),
      ),
    ];
  const segs = p.segments || [];
  const anyClv = segs.some((x) => x.avgClv !== null && x.avgClv !== undefined);
  return [
    s.previewStale
      ? h(
          'div',
          { class: 'note warn', 'data-testid': 'preview-stale' },
          t('previewStale'),
          ' ',
          h(
            'button',
            { type: 'button', id: 'btn-preview-stale', class: 'link', 'data-testid': 'btn-preview-refresh', onclick: () => a.refreshPreview() },
            t('refresh'),
          ),
        )
      : null,
    h(
      'dl',
      { class: 'stats', 'data-testid': 'preview-totals' },
      h('dt', null, t('customers')),
      h('dd', { 'data-testid': 'preview-customers' }, c.num(p.customers)),
      p.orders ? [h('dt', null, t('orders')), h('dd', { 'data-testid': 'preview-orders' }, c.num(p.orders))] : null,
      h('dt', null, t('revenue')),
      h('dd', { 'data-testid': 'preview-revenue' }, c.money(p.revenue)),
      p.analysisDate ? [h('dt', null, t('analysisDateShort')), h('dd', { 'data-testid': 'preview-date' }, c.date(p.analysisDate))] : null,
    ),
    warnings(p.warnings, 'preview-warnings'),
    p.pareto ? paretoBlock(c) : null,
    segs.length
      ? h(
          'section',
          { class: 'block', 'aria-labelledby': 'seg-title' },
          h('h3', { id: 'seg-title' }, t('segmentsTitle')),
          shareBarsChart(
            segs.map((x) => ({ label: segName(c, x), customers: x.customerShare, revenue: x.revenueShare, color: x.color })),
            { title: t('chartSegmentsTitle'), customersLegend: t('customersShare'), revenueLegend: t('revenueShare'), pct: c.pct },
          ),
          h(
            'div',
            { class: 'table-wrap' },
            h(
              'table',
              { class: 'data', 'data-testid': 'preview-segments' },
              h('caption', { class: 'sr-only' }, t('segmentsTitle')),
              h(
                'thead',
                null,
                h(
                  'tr',
                  null,
                  h('th', { scope: 'col' }, t('segment')),
                  h('th', { scope: 'col', class: 'num' }, t('customers')),
                  h('th', { scope: 'col', class: 'num' }, t('revenueShareShort')),
                  anyClv ? h('th', { scope: 'col', class: 'num' }, t('avgClv')) : null,
                ),
              ),
              h(
                'tbody',
                null,
                segs.map((x: SegmentSummary) =>
                  h(
                    'tr',
                    { 'data-testid': 'segment-row-' + x.key },
                    h('th', { scope: 'row' }, swatch(x.color), ' ', segName(c, x)),
                    h('td', { class: 'num' }, c.num(x.customers), h('br'), h('small', null, c.pct(x.customerShare))),
                    h('td', { class: 'num' }, c.pct(x.revenueShare)),
                    anyClv ? h('td', { class: 'num' }, c.money(x.avgClv)) : null,
                  ),
                ),
              ),
            ),
          ),
        )
      : null,
    p.clv
      ? h(
          'section',
          { class: 'block', 'aria-labelledby': 'clv-title', 'data-testid': 'preview-clv' },
          h('h3', { id: 'clv-title' }, t('clvTitle', { months: p.clv.horizonMonths })),
          h(
            'dl',
            { class: 'stats' },
            h('dt', null, t('clvTotal')),
            h('dd', null, c.money(p.clv.total)),
            h('dt', null, t('clvAverage')),
            h('dd', null, c.money(p.clv.average)),
            h('dt', null, t('repeatBuyers')),
            h('dd', null, c.num(p.clv.repeatBuyers)),
          ),
          !p.clv.model.converged ? note(t('clvNotConverged'), 'warn') : null,
        )
      : null,
    countTable(c, t('regions'), p.regions, 'preview-regions'),
    countTable(c, t('ageBands'), p.ageBands, 'preview-ages'),
    countTable(c, t('genders'), p.genders, 'preview-genders'),
    countTable(c, t('incomeBands'), p.incomeBands, 'preview-incomes'),
    countTable(c, t('industries'), p.industries, 'preview-industries'),
    countTable(c, t('companySizes'), p.companySizes, 'preview-company-sizes'),
    countTable(c, t('channels'), p.channels, 'preview-channels'),
    countTable(c, t('behaviour'), p.behaviour, 'preview-behaviour'),
    h('button', { type: 'button', id: 'btn-preview', 'data-testid': 'btn-preview', disabled: !!s.busy, onclick: () => a.refreshPreview() }, t('refresh')),
  ];
}

function paretoBlock(c: Ctx): VNode {
  const { s, t } = c;
  const p = s.preview!.pareto!;
  const answer = paretoAnswer(c);
  return h(
    'section',
    { class: 'block', 'aria-labelledby': 'pareto-title', 'data-testid': 'preview-pareto' },
    h('h3', { id: 'pareto-title' }, t('paretoTitle')),
    h('p', { class: 'answer', 'data-testid': 'pareto-answer' }, answer),
    h(
      'dl',
      { class: 'stats' },
      h('dt', null, t('top20Share')),
      h('dd', { 'data-testid': 'pareto-top20' }, c.pct(p.top20Share)),
      h('dt', null, h('span', { title: t('giniHint') }, t('gini'))),
      h('dd', { 'data-testid': 'pareto-gini' }, formatCompact(p.gini, s.locale, 2)),
    ),
    h('small', { class: 'hint' }, t('giniHint')),
    p.total > 0
      ? paretoCurveChart(p.curve && p.curve.length > 1 ? p.curve : paretoPoints(p), p.pct80, 0.8, {
          title: t('chartParetoTitle'),
          xLabel: t('axisCustomers'),
          yLabel: t(p.measure === 'profit' ? 'axisProfit' : 'axisRevenue'),
          marker: c.pct(p.pct80) + ' → 80%',
        })
      : null,
    h(
      'table',
      { class: 'data', 'data-testid': 'pareto-classes' },
      h('caption', { class: 'sr-only' }, t('paretoClasses')),
      h(
        'thead',
        null,
        h(
          'tr',
          null,
          h('th', { scope: 'col' }, t('class')),
          h('th', { scope: 'col', class: 'num' }, t('customers')),
          h('th', { scope: 'col', class: 'num' }, t(p.measure === 'profit' ? 'profitShareShort' : 'revenueShareShort')),
        ),
      ),
      h(
        'tbody',
        null,
        p.classes.map((k) =>
          h(
            'tr',
            null,
            h('th', { scope: 'row' }, k.cls),
            h('td', { class: 'num' }, c.num(k.customers), ' (', c.pct(p.customers ? k.customers / p.customers : 0), ')'),
            h('td', { class: 'num' }, c.pct(k.share)),
          ),
        ),
      ),
    ),
  );
}

/* ------------------------------------------------------------------ 4. apply ---- */

function applyStep(c: Ctx): Child {
  const { s, t, a } = c;
  const tagOptions = s.load ? s.load.tagOptions : [];
  const available = s.preview ? s.preview.availableTags : null;
  const r = s.apply;
  return [
    !s.preview ? note(t('applyNeedsPreview'), 'info') : null,
    h(
      'fieldset',
      { class: 'tags', 'data-testid': 'apply-tags' },
      h('legend', null, t('tagColumns')),
      tagOptions.map((o) => {
        const can = !available || available.indexOf(o.key) >= 0;
        return checkbox('tag-' + o.key, o.label, can && s.tags.indexOf(o.key) >= 0, (on) => a.toggleTag(o.key, on), {
          disabled: !can,
          testid: 'tag-' + o.key,
          hint: can ? undefined : t('tagUnavailable'),
        });
      }),
    ),
    h(
      'fieldset',
      { class: 'options' },
      h('legend', null, t('options')),
      checkbox('opt-color', t('colorRows'), s.colorRows, (on) => a.setOption('colorRows', on), { testid: 'opt-color-rows' }),
      s.sources.orders
        ? checkbox('opt-order-rows', t('tagOrderRows'), s.tagOrderRows, (on) => a.setOption('tagOrderRows', on), { testid: 'opt-tag-order-rows' })
        : null,
      checkbox('opt-personas', t('personasWithApply'), s.personasWithApply, (on) => a.setOption('personasWithApply', on), { testid: 'opt-personas' }),
      !s.sources.customers && s.sources.orders ? h('small', { class: 'hint' }, t('summarySheetHint')) : null,
    ),
    h('p', { class: 'hint' }, t('applySafe')),
    h(
      'button',
      { type: 'button', id: 'btn-apply', class: 'primary big', 'data-testid': 'btn-apply', disabled: !!s.busy || !s.tags.length, onclick: () => a.apply() },
      t('applyButton'),
    ),
    r
      ? h(
          'section',
          { class: 'result', 'data-testid': 'apply-result', 'aria-labelledby': 'apply-done' },
          h('h3', { id: 'apply-done', tabindex: '-1' }, t('applyDone', { n: c.num(r.rowsTagged), sheet: r.sheet })),
          r.columns.length
            ? h(
                'ul',
                { class: 'plain', 'data-testid': 'apply-columns' },
                r.columns.map((col) => h('li', null, col.sheet + '!' + col.letter + ' · ' + col.header + ' · ' + t(col.added ? 'colAdded' : 'colUpdated'))),
              )
            : null,
          r.createdSheets.length ? h('p', null, t('sheetsCreated', { list: r.createdSheets.join(', ') })) : null,
          r.updatedSheets.length ? h('p', null, t('sheetsUpdated', { list: r.updatedSheets.join(', ') })) : null,
          r.personasSheet ? h('p', null, t('personasBuilt', { sheet: r.personasSheet })) : null,
          h('p', null, t('historyAppended', { sheet: r.historySheet })),
        )
      : null,
    h(
      'section',
      { class: 'block undo', 'aria-labelledby': 'undo-title', 'data-testid': 'undo-section' },
      h('h3', { id: 'undo-title' }, t('undoTitle')),
      h('p', { class: 'hint' }, s.canUndo ? t('undoHint') : t('undoNothing')),
      s.load?.lastRun && !r
        ? h('p', { class: 'hint', 'data-testid': 'last-run' }, t('lastRun', { at: dateTime(c, s.load.lastRun.at), sheet: s.load.lastRun.sheet }))
        : null,
      h('button', { type: 'button', id: 'btn-undo', 'data-testid': 'btn-undo', disabled: !!s.busy || !s.canUndo, onclick: () => a.undo() }, t('undoButton')),
      s.undo ? note(s.undo.message, 'ok', 'undo-result') : null,
    ),
  ];
}

function dateTime(c: Ctx, iso: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}))?/.exec(iso || '');
  if (!m) return iso || '';
  return c.date(m[1]) + (m[2] ? ' ' + m[2] : '');
}

/* ------------------------------------------------------------------ 5. personas ---- */

function personasStep(c: Ctx): Child {
  const { s, t, a } = c;
  return [
    h(
      'ul',
      { class: 'plain bullets' },
      (['personaContent1', 'personaContent2', 'personaContent3', 'personaContent4'] as Key[]).map((k) => h('li', null, t(k))),
    ),
    h(
      'button',
      { type: 'button', id: 'btn-personas', class: 'primary big', 'data-testid': 'btn-personas', disabled: !!s.busy, onclick: () => a.buildPersonas() },
      t('buildPersonas'),
    ),
    s.personas ? note(t('personasDone', { sheet: s.personas.sheet, n: s.personas.cards }), 'ok', 'personas-result') : null,
  ];
}

/* ------------------------------------------------------------------ 6. share ---- */

function shareStep(c: Ctx): Child {
  const { s, t, a } = c;
  const segs: { key: string; name: string; color: string; customers: number | null }[] = s.preview
    ? s.preview.segments.map((x) => ({ key: x.key, name: segName(c, x), color: x.color, customers: x.customers }))
    : s.rules
      ? s.rules.rules
          .map((r) => ({ key: r.key, name: ruleName(r, s.lang), color: GROUP_COLORS[r.group], customers: null as number | null }))
          .concat([{ key: s.rules.fallback.key, name: ruleName(s.rules.fallback, s.lang), color: GROUP_COLORS[s.rules.fallback.group], customers: null }])
      : [];
  return [
    h(
      'fieldset',
      { class: 'share-segments', 'data-testid': 'share-segments' },
      h('legend', null, t('shareWhich')),
      segs.map((x) =>
        h(
          'div',
          { class: 'check' },
          h('input', {
            type: 'checkbox',
            id: 'share-' + x.key,
            checked: s.shareSegments.indexOf(x.key) >= 0,
            'data-testid': 'share-seg-' + x.key,
            onchange: (ev: Event) => a.toggleShareSegment(x.key, !!(ev.target as HTMLInputElement).checked),
          }),
          h('label', { for: 'share-' + x.key }, swatch(x.color), ' ', x.name, x.customers !== null ? ' (' + c.num(x.customers) + ')' : ''),
        ),
      ),
    ),
    checkbox('opt-protect', t('protectTags'), s.protectTags, (on) => a.setOption('protectTags', on), { testid: 'opt-protect', hint: t('protectHint') }),
    h('p', { class: 'hint' }, t('shareColumns')),
    h(
      'button',
      {
        type: 'button',
        id: 'btn-share',
        class: 'primary big',
        'data-testid': 'btn-share',
        disabled: !!s.busy || !s.shareSegments.length,
        onclick: () => a.share(),
      },
      t('shareButton'),
    ),
    !s.shareSegments.length ? h('small', { class: 'hint' }, t('shareNeedSegment')) : null,
    s.share ? note(t('shareDone', { sheet: s.share.sheet, n: c.num(s.share.customers), cols: s.share.protectedColumns }), 'ok', 'share-result') : null,
  ];
}

/* ------------------------------------------------------------------ 7. track ---- */

function trackStep(c: Ctx): Child {
  const { s, t, a } = c;
  const hist = s.history;
  const reload = h(
    'button',
    { type: 'button', id: 'btn-history', 'data-testid': 'btn-history', disabled: !!s.busy, onclick: () => a.loadHistory() },
    hist ? t('refresh') : t('loadHistory'),
  );
  if (!hist) return [note(t('historyNotLoaded')), reload];
  if (!hist.snapshots.length) return [note(t('historyEmpty'), 'info', 'history-empty'), reload];
  const rows = compareSnapshots(hist);
  const n = hist.snapshots.length;
  const last = hist.snapshots[n - 1];
  const prev = n > 1 ? hist.snapshots[n - 2] : null;
  const m = hist.migration;
  return [
    h('p', { 'data-testid': 'history-runs' }, t('historyRuns', { n, sheet: hist.sheet || '' })),
    h(
      'div',
      { class: 'table-wrap' },
      h(
        'table',
        { class: 'data', 'data-testid': 'history-table' },
        h('caption', null, prev ? t('historyCompare', { a: dateTime(c, prev.at), b: dateTime(c, last.at) }) : t('historyOne', { b: dateTime(c, last.at) })),
        h(
          'thead',
          null,
          h(
            'tr',
            null,
            h('th', { scope: 'col' }, t('segment')),
            prev ? h('th', { scope: 'col', class: 'num' }, t('before')) : null,
            h('th', { scope: 'col', class: 'num' }, t('now')),
            prev ? h('th', { scope: 'col', class: 'num' }, t('change')) : null,
          ),
        ),
        h(
          'tbody',
          null,
          rows.map((r) => {
            const d = r.before === null ? 0 : r.after - r.before;
            return h(
              'tr',
              null,
              h('th', { scope: 'row' }, segName(c, r)),
              prev ? h('td', { class: 'num' }, c.num(r.before)) : null,
              h('td', { class: 'num' }, c.num(r.after)),
              prev ? h('td', { class: 'num ' + (d > 0 ? 'up' : d < 0 ? 'down' : '') }, (d > 0 ? '+' : '') + c.num(d)) : null,
            );
          }),
        ),
      ),
    ),
    m ? migrationView(c) : note(t('migrationNeedsTwo'), 'info', 'migration-empty'),
    reload,
  ];
}

function migrationView(c: Ctx): VNode {
  const { s, t } = c;
  const m = s.history!.migration!;
  const moves = topMoves(m);
  const names = (x: { key: string; name: string }) => segName(c, x);
  return h(
    'section',
    { class: 'block', 'aria-labelledby': 'migr-title', 'data-testid': 'migration' },
    h('h3', { id: 'migr-title' }, t('migrationTitle')),
    h('p', { class: 'hint' }, t('migrationBetween', { a: dateTime(c, m.fromAt), b: dateTime(c, m.toAt) })),
    h(
      'p',
      { 'data-testid': 'migration-summary' },
      t('migrationSummary', { stayed: c.num(stayed(m)), added: c.num(m.newCustomers), gone: c.num(m.goneCustomers) }),
    ),
    moves.length
      ? h(
          'ol',
          { class: 'moves', 'data-testid': 'migration-moves' },
          moves.map((mv) =>
            h('li', null, swatch(mv.fromColor), ' ', mv.from, ' → ', swatch(mv.toColor), ' ', mv.to, ': ', h('strong', null, c.num(mv.customers))),
          ),
        )
      : note(t('noMoves')),
    h(
      'div',
      { class: 'table-wrap scroll-x', role: 'region', 'aria-label': t('migrationMatrix'), tabindex: '0' },
      h(
        'table',
        { class: 'data matrix', 'data-testid': 'migration-matrix' },
        h('caption', null, t('matrixCaption')),
        h(
          'thead',
          null,
          h(
            'tr',
            null,
            h('th', { scope: 'col' }, t('fromTo')),
            m.to.map((x, j) => h('th', { scope: 'col', class: 'num', title: names(x) }, h('abbr', null, String(j + 1)))),
          ),
        ),
        h(
          'tbody',
          null,
          m.from.map((f, i) =>
            h(
              'tr',
              null,
              h('th', { scope: 'row' }, names(f)),
              m.to.map((x, j) => {
                const v = m.counts[i]?.[j] || 0;
                return h('td', { class: 'num' + (f.key === x.key ? ' diag' : '') + (v ? '' : ' zero') }, c.num(v));
              }),
            ),
          ),
        ),
      ),
    ),
    h(
      'ol',
      { class: 'legend small', 'data-testid': 'matrix-legend' },
      m.to.map((x) => h('li', null, swatch(x.color), ' ', names(x))),
    ),
  );
}

/** The whole app (for tests; `main.ts` mounts header, nav and panel separately). */
export function appView(c: Ctx): VNode {
  return h('div', { class: 'app' }, headerView(c), stepsNav(c), errorView(c), busyView(c), panelView(c));
}

/**
 * The wizard's state and the pure logic over it (no DOM, no server): mapping edits, parameter
 * parsing and validation, rule edits, request building, and view-model helpers for the preview
 * and the migration matrix. Everything here is unit-tested without a browser.
 */
import type { Lang } from '../src/core/i18n';
import type {
  AnalysisParams,
  AnalyzeRequest,
  ApplyRequest,
  ApplyResult,
  ColumnMapping,
  ColumnRole,
  DetectResult,
  HistoryResult,
  LoadResult,
  Migration,
  PersonasResult,
  PreviewResult,
  RfmSchemeId,
  SegmentRule,
  SegmentRules,
  ShareRequest,
  ShareResult,
  SourceSpec,
  Sources,
  TagKey,
  UndoResult,
  WizardSettings,
} from '../src/gas/wizard-api';
import { DEFAULT_PARAMS } from '../src/gas/wizard-api';
import { formatCompact, parseDateInput, parseNumberInput } from './format';
import type { Key } from './i18n';

export const STEPS = ['data', 'analyses', 'preview', 'apply', 'personas', 'share', 'track'] as const;
export type StepId = (typeof STEPS)[number];
export type Slot = 'orders' | 'customers';

export interface SourceState {
  sheet: string;
  /** As typed (1-based row number). */
  headerRow: string;
  mapping: ColumnMapping;
  detect: DetectResult | null;
}

/** Parameter inputs as the user typed them (locale numbers, dates), parsed on the way out. */
export interface ParamText {
  aShare: string;
  bShare: string;
  analysisDate: string;
  horizon: string;
  discount: string;
  margin: string;
  bargain: string;
}

export interface ErrorView {
  /** What failed, e.g. "Preview". */
  title: string;
  message: string;
  /** What to do. */
  hint: string;
  /** A retry is offered. */
  retry: boolean;
}

export interface State {
  lang: Lang;
  locale: string;
  currency: string;
  load: LoadResult | null;
  step: number;
  sources: Record<Slot, SourceState | null>;
  params: AnalysisParams;
  paramText: ParamText;
  /** Field → message key. */
  paramErrors: Partial<Record<keyof ParamText, Key>>;
  /** Problems found when leaving the Data step. */
  sourceErrors: SourceProblem[];
  rules: SegmentRules | null;
  rulesDirty: boolean;
  /** Index of the rule whose editor is open (-1 = the fallback row), null = none. */
  editingRule: number | null;
  ruleErrors: { key: Key; params?: Record<string, string | number> }[];
  tags: TagKey[];
  colorRows: boolean;
  tagOrderRows: boolean;
  personasWithApply: boolean;
  preview: PreviewResult | null;
  /** Inputs changed since the preview was computed. */
  previewStale: boolean;
  apply: ApplyResult | null;
  canUndo: boolean;
  undo: UndoResult | null;
  personas: PersonasResult | null;
  shareSegments: string[];
  protectTags: boolean;
  share: ShareResult | null;
  history: HistoryResult | null;
  busy: { label: string } | null;
  error: ErrorView | null;
  /** Last status line (announced politely). */
  status: string;
}

export { DEFAULT_PARAMS };

export function initialState(lang: Lang): State {
  return {
    lang,
    locale: lang === 'vi' ? 'vi_VN' : 'en_US',
    currency: '',
    load: null,
    step: 0,
    sources: { orders: null, customers: null },
    params: clone(DEFAULT_PARAMS),
    paramText: paramTextFrom(DEFAULT_PARAMS, lang === 'vi' ? 'vi_VN' : 'en_US'),
    paramErrors: {},
    sourceErrors: [],
    rules: null,
    rulesDirty: false,
    editingRule: null,
    ruleErrors: [],
    tags: [],
    colorRows: true,
    tagOrderRows: false,
    personasWithApply: false,
    preview: null,
    previewStale: false,
    apply: null,
    canUndo: false,
    undo: null,
    personas: null,
    shareSegments: [],
    protectTags: true,
    share: null,
    history: null,
    busy: null,
    error: null,
    status: '',
  };
}

export function clone<T>(v: T): T {
  return JSON.parse(JSON.stringify(v));
}

/* ---------------------------------------------------------------- load / settings ---- */

function sourceStateOf(spec: SourceSpec | null | undefined): SourceState | null {
  if (!spec?.sheet) return null;
  return { sheet: spec.sheet, headerRow: String(spec.headerRow || 1), mapping: { ...spec.mapping }, detect: null };
}

/** Applies what `wizardLoad` returned (saved settings or defaults) to a state. */
export function applyLoad(s: State, load: LoadResult): State {
  const settings = load.settings;
  const params = mergeParams(settings.params);
  return {
    ...s,
    load,
    lang: load.lang,
    locale: load.locale || s.locale,
    currency: load.currency ?? '',
    sources: { orders: sourceStateOf(settings.sources.orders), customers: sourceStateOf(settings.sources.customers) },
    params,
    paramText: paramTextFrom(params, load.locale || s.locale),
    paramErrors: {},
    rules: clone(load.rules),
    rulesDirty: false,
    editingRule: null,
    ruleErrors: [],
    tags: settings.tags?.length ? settings.tags.slice() : ['pareto_class', 'segment', 'rfm_score', 'clv', 'p_alive'],
    colorRows: settings.colorRows !== false,
    tagOrderRows: !!settings.tagOrderRows,
    canUndo: !!load.canUndo,
  };
}

function mergeParams(p: Partial<AnalysisParams> | null | undefined): AnalysisParams {
  const d = clone(DEFAULT_PARAMS);
  if (!p) return d;
  return {
    pareto: { ...d.pareto, ...(p.pareto || {}) },
    rfm: { ...d.rfm, ...(p.rfm || {}) },
    clv: { ...d.clv, ...(p.clv || {}) },
    demographics: { ...d.demographics, ...(p.demographics || {}) },
    behaviour: { ...d.behaviour, ...(p.behaviour || {}) },
  };
}

/** The parameters as text in the locale: shares as percents (`80`), rates as percents (`10`). */
export function paramTextFrom(p: AnalysisParams, locale: string): ParamText {
  const pct = (x: number) => formatCompact(x * 100, locale, 2);
  return {
    aShare: pct(p.pareto.aShare),
    bShare: pct(p.pareto.bShare),
    analysisDate: p.rfm.analysisDate ? isoToInput(p.rfm.analysisDate, locale) : '',
    horizon: String(p.clv.horizonMonths),
    discount: pct(p.clv.annualDiscountRate),
    margin: pct(p.clv.margin),
    bargain: pct(p.behaviour.bargainShare),
  };
}

function isoToInput(iso: string, locale: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return iso;
  return /^en([_-](US|PH|CA))?$/i.test(locale) ? m[2] + '/' + m[3] + '/' + m[1] : m[3] + '/' + m[2] + '/' + m[1];
}

export interface ParsedParams {
  params: AnalysisParams;
  errors: Partial<Record<keyof ParamText, Key>>;
}

/** Reads the typed parameters; every bad field gets a message key, never NaN in the request. */
export function parseParams(base: AnalysisParams, text: ParamText, locale: string): ParsedParams {
  const p = clone(base);
  const errors: Partial<Record<keyof ParamText, Key>> = {};
  const pct = (field: keyof ParamText, lo: number, hi: number, loOpen: boolean): number | null => {
    const v = parseNumberInput(text[field], locale);
    if (!Number.isFinite(v) || (loOpen ? v <= lo : v < lo) || v > hi) {
      errors[field] = loOpen ? 'errPercentOpen' : 'errPercent';
      return null;
    }
    return v / 100;
  };
  if (p.pareto.enabled) {
    const a = pct('aShare', 0, 100, true);
    const b = pct('bShare', 0, 100, true);
    if (a !== null) p.pareto.aShare = a;
    if (b !== null) p.pareto.bShare = b;
    if (a !== null && b !== null && !(a < b)) errors.bShare = 'errBAfterA';
  }
  if (p.rfm.enabled) {
    const t = text.analysisDate.trim();
    if (!t) p.rfm.analysisDate = null;
    else {
      const iso = parseDateInput(t, locale);
      if (iso) p.rfm.analysisDate = iso;
      else errors.analysisDate = 'errDate';
    }
  }
  if (p.clv.enabled) {
    const hz = parseNumberInput(text.horizon, locale);
    if (!Number.isInteger(hz) || hz < 1 || hz > 120) errors.horizon = 'errHorizon';
    else p.clv.horizonMonths = hz;
    const d = pct('discount', 0, 100, false);
    if (d !== null) p.clv.annualDiscountRate = d;
    const m = pct('margin', 0, 100, true);
    if (m !== null) p.clv.margin = m;
  }
  if (p.behaviour.enabled) {
    const b = pct('bargain', 0, 100, true);
    if (b !== null) p.behaviour.bargainShare = b;
  }
  return { params: p, errors };
}

/* ---------------------------------------------------------------- data step ---- */

/** Gives `role` to column `index` (0-based); any other column that had it loses it. `null` clears the column. */
export function assignRole(mapping: ColumnMapping, index: number, role: ColumnRole | null): ColumnMapping {
  const out: ColumnMapping = {};
  for (const k of Object.keys(mapping) as ColumnRole[]) {
    const v = mapping[k];
    if (v === null || v === undefined) continue;
    if (v === index) continue; // this column's previous role
    if (role && k === role) continue; // the role moves to `index`
    out[k] = v;
  }
  if (role) out[role] = index;
  return out;
}

/** The role a column currently has in a mapping, or null. */
export function roleOf(mapping: ColumnMapping, index: number): ColumnRole | null {
  for (const k of Object.keys(mapping) as ColumnRole[]) if (mapping[k] === index) return k;
  return null;
}

export const REQUIRED_ROLES: Record<Slot, ColumnRole[]> = {
  orders: ['customer_id', 'order_date', 'amount'],
  customers: [],
};

/** Roles still missing for a slot (none for a customer table: the server explains what each analysis needs). */
export function missingRoles(slot: Slot, mapping: ColumnMapping): ColumnRole[] {
  return REQUIRED_ROLES[slot].filter((r) => mapping[r] === undefined || mapping[r] === null);
}

export interface SourceProblem {
  key: Key;
  params?: Record<string, string | number>;
}

/** Checks the Data step before moving on. */
export function checkSources(s: State, roleLabel: (r: ColumnRole) => string): SourceProblem[] {
  const out: SourceProblem[] = [];
  const o = s.sources.orders;
  const c = s.sources.customers;
  if (!o && !c) return [{ key: 'errNoSource' }];
  if (o && c && o.sheet === c.sheet) out.push({ key: 'errSameSheet' });
  for (const slot of ['orders', 'customers'] as Slot[]) {
    const src = s.sources[slot];
    if (!src) continue;
    const hr = Number(src.headerRow);
    if (!Number.isInteger(hr) || hr < 1) out.push({ key: 'errHeaderRow', params: { sheet: src.sheet } });
    if (src.detect && src.detect.dataRows === 0) out.push({ key: 'errNoRows', params: { sheet: src.sheet } });
    const miss = missingRoles(slot, src.mapping);
    if (miss.length) out.push({ key: 'errMissingRoles', params: { sheet: src.sheet, roles: miss.map(roleLabel).join(', ') } });
  }
  if (o && c && (c.mapping.customer_id === undefined || c.mapping.customer_id === null)) out.push({ key: 'errLinkId', params: { sheet: c.sheet } });
  return out;
}

export function sourcesOf(s: State): Sources {
  const spec = (src: SourceState | null): SourceSpec | null =>
    src ? { sheet: src.sheet, headerRow: Math.max(1, Math.floor(Number(src.headerRow)) || 1), mapping: cleanMapping(src.mapping) } : null;
  return { orders: spec(s.sources.orders), customers: spec(s.sources.customers) };
}

function cleanMapping(m: ColumnMapping): ColumnMapping {
  const out: ColumnMapping = {};
  for (const k of Object.keys(m) as ColumnRole[]) {
    const v = m[k];
    if (typeof v === 'number' && v >= 0) out[k] = v;
  }
  return out;
}

/* ---------------------------------------------------------------- requests ---- */

export function analyzeRequest(s: State): AnalyzeRequest {
  return { lang: s.lang, sources: sourcesOf(s), params: clone(s.params), rules: s.rules ? clone(s.rules) : null };
}

export function applyRequest(s: State): ApplyRequest {
  const allowed = s.preview ? s.preview.availableTags : s.tags;
  return {
    ...analyzeRequest(s),
    tags: s.tags.filter((t) => allowed.indexOf(t) >= 0),
    colorRows: s.colorRows,
    tagOrderRows: !!s.sources.orders && s.tagOrderRows,
    personas: s.personasWithApply,
  };
}

export function shareRequest(s: State): ShareRequest {
  return { ...analyzeRequest(s), segments: s.shareSegments.slice(), protectTags: s.protectTags };
}

export function settingsOf(s: State, langChoice: Lang | null): WizardSettings {
  return {
    version: 1,
    lang: langChoice,
    sources: sourcesOf(s),
    params: clone(s.params),
    tags: s.tags.slice(),
    colorRows: s.colorRows,
    tagOrderRows: s.tagOrderRows,
  };
}

/* ---------------------------------------------------------------- rules ---- */

export function ruleName(rule: { name: { en: string; vi: string } }, lang: Lang): string {
  return (rule.name[lang] || rule.name[lang === 'vi' ? 'en' : 'vi'] || '').trim();
}

/** Validates the rules table the way the server will (keys unique and well-formed, ranges 1..5, names present). */
export function checkRules(rules: SegmentRules): { key: Key; params?: Record<string, string | number> }[] {
  const out: { key: Key; params?: Record<string, string | number> }[] = [];
  const seen: Record<string, true> = {};
  if (!rules.rules.length) out.push({ key: 'errNoRules' });
  rules.rules.forEach((r, i) => {
    const n = i + 1;
    if (!/^[A-Za-z0-9_]+$/.test(r.key)) out.push({ key: 'errRuleKey', params: { n } });
    else if (seen[r.key] || r.key === rules.fallback.key) out.push({ key: 'errRuleKeyDup', params: { n, key: r.key } });
    seen[r.key] = true;
    if (!r.name.en.trim() || !r.name.vi.trim()) out.push({ key: 'errRuleName', params: { n } });
    for (const d of ['r', 'f', 'm'] as const) {
      const g = r[d];
      if (!isScore(g.min) || !isScore(g.max) || g.min > g.max) out.push({ key: 'errRuleRange', params: { n, dim: d.toUpperCase() } });
    }
  });
  if (!rules.fallback.name.en.trim() || !rules.fallback.name.vi.trim()) out.push({ key: 'errFallbackName' });
  return out;
}

function isScore(x: number): boolean {
  return Number.isInteger(x) && x >= 1 && x <= 5;
}

export function moveRule(rules: SegmentRules, i: number, delta: -1 | 1): SegmentRules {
  const j = i + delta;
  if (i < 0 || j < 0 || i >= rules.rules.length || j >= rules.rules.length) return rules;
  const list = rules.rules.slice();
  const t = list[i];
  list[i] = list[j];
  list[j] = t;
  return { ...rules, rules: list };
}

export function removeRule(rules: SegmentRules, i: number): SegmentRules {
  return { ...rules, rules: rules.rules.filter((_, k) => k !== i) };
}

/** A new rule (matches everything until edited), with a fresh key `custom_N`. */
export function addRule(rules: SegmentRules): SegmentRules {
  let n = 1;
  const keys = new Set(rules.rules.map((r) => r.key).concat(rules.fallback.key));
  while (keys.has('custom_' + n)) n++;
  const rule: SegmentRule = {
    key: 'custom_' + n,
    group: 'need_attention',
    name: { en: 'New segment ' + n, vi: 'Nhóm mới ' + n },
    r: { min: 1, max: 5 },
    f: { min: 1, max: 5 },
    m: { min: 1, max: 5 },
  };
  return { ...rules, rules: rules.rules.concat([rule]) };
}

export function rangeText(r: { min: number; max: number }): string {
  return r.min === r.max ? String(r.min) : r.min + '–' + r.max;
}

/* ---------------------------------------------------------------- preview ---- */

/**
 * Points of the Pareto (Lorenz) curve known exactly from the preview: the origin, the class
 * boundaries, the 80% point, the top-20% point and the end. Sorted by x; y never decreases.
 */
export function paretoPoints(p: NonNullable<PreviewResult['pareto']>): [number, number][] {
  const pts: [number, number][] = [
    [0, 0],
    [1, 1],
  ];
  const n = p.customers;
  if (n > 0) {
    let cc = 0;
    let cs = 0;
    for (const c of p.classes) {
      cc += c.customers;
      cs += c.share;
      pts.push([cc / n, cs]);
    }
  }
  if (Number.isFinite(p.pct80) && p.pct80 > 0) pts.push([p.pct80, 0.8]);
  if (Number.isFinite(p.top20Share)) pts.push([0.2, p.top20Share]);
  const clean = pts
    .filter((q) => Number.isFinite(q[0]) && Number.isFinite(q[1]))
    .map((q) => [Math.max(0, Math.min(1, q[0])), Math.max(0, Math.min(1, q[1]))] as [number, number])
    .sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const out: [number, number][] = [];
  let maxY = 0;
  for (const q of clean) {
    maxY = Math.max(maxY, q[1]);
    const last = out[out.length - 1];
    if (last && Math.abs(last[0] - q[0]) < 1e-9) last[1] = maxY;
    else out.push([q[0], maxY]);
  }
  return out;
}

export interface Move {
  from: string;
  to: string;
  fromColor: string;
  toColor: string;
  customers: number;
}

/** The largest off-diagonal moves of a migration matrix (same key in from and to = stayed). */
export function topMoves(m: Migration, limit = 8): Move[] {
  const out: Move[] = [];
  m.from.forEach((f, i) => {
    m.to.forEach((t, j) => {
      const n = m.counts[i]?.[j] || 0;
      if (n > 0 && f.key !== t.key) out.push({ from: f.name, to: t.name, fromColor: f.color, toColor: t.color, customers: n });
    });
  });
  out.sort((a, b) => b.customers - a.customers || a.from.localeCompare(b.from));
  return out.slice(0, limit);
}

/** Customers who stayed in the same segment between the two runs. */
export function stayed(m: Migration): number {
  let n = 0;
  m.from.forEach((f, i) => {
    m.to.forEach((t, j) => {
      if (f.key === t.key) n += m.counts[i]?.[j] || 0;
    });
  });
  return n;
}

export interface SnapshotRow {
  key: string;
  name: string;
  before: number | null;
  after: number;
  revenue: number;
}

/** The last snapshot against the one before it, per segment of the last one (then segments that disappeared). */
export function compareSnapshots(h: HistoryResult): SnapshotRow[] {
  const n = h.snapshots.length;
  if (!n) return [];
  const last = h.snapshots[n - 1];
  const prev = n > 1 ? h.snapshots[n - 2] : null;
  const rows: SnapshotRow[] = last.segments.map((seg) => {
    const p = prev ? prev.segments.filter((x) => x.key === seg.key)[0] : undefined;
    return { key: seg.key, name: seg.name, before: prev ? (p ? p.customers : 0) : null, after: seg.customers, revenue: seg.revenue };
  });
  if (prev) {
    for (const p of prev.segments) {
      if (!last.segments.some((x) => x.key === p.key)) rows.push({ key: p.key, name: p.name, before: p.customers, after: 0, revenue: 0 });
    }
  }
  return rows;
}

/** Which steps can be opened now: the first three always; later ones once a source is chosen. */
export function stepEnabled(s: State, i: number): boolean {
  if (i <= 1) return true;
  return !!(s.sources.orders || s.sources.customers);
}

export function schemeRules(load: LoadResult, scheme: RfmSchemeId): SegmentRules {
  return clone(load.defaultRules[scheme]);
}

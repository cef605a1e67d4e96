/**
 * The sidebar's entry point: holds the state, calls the server through the typed RPC wrapper,
 * and mounts the views. Plain TypeScript and DOM, no framework: the whole UI re-renders from the
 * state after each change (a few hundred nodes), keeping focus and scroll position.
 */
import type { Lang } from '../src/core/i18n';
import type {
  AnalysisParams,
  ColumnRole,
  DetectResult,
  RfmSchemeId,
  SegmentRule,
  SegmentRules,
  TagKey,
  WizardError,
  WizardResponse,
  WizardServer,
} from '../src/gas/wizard-api';
import { mount, type VNode } from './escape';
import { type Key, t as tr } from './i18n';
import { createRpc, findRunner, RpcError, TIMEOUT_LONG, TIMEOUT_SHORT } from './rpc';
import {
  addRule,
  analyzeRequest,
  applyLoad,
  applyRequest,
  assignRole,
  checkRules,
  checkSources,
  clone,
  type ErrorView,
  initialState,
  moveRule,
  type ParamText,
  paramTextFrom,
  parseParams,
  removeRule,
  ruleName,
  type Slot,
  STEPS,
  type State,
  schemeRules,
  settingsOf,
  shareRequest,
} from './state';
import { type Actions, busyView, errorView, headerView, makeCtx, panelView, roleName, stepsNav } from './views';

type Data<K extends keyof WizardServer> = ReturnType<WizardServer[K]> extends WizardResponse<infer T> ? T : never;

const rpc = createRpc<WizardServer>(() => findRunner(window));

let s: State = initialState(/^vi\b/i.test(navigator.language || '') ? 'vi' : 'en');
/** The language picked with the switch (saved in the document), null = follow the locale. */
let langChoice: Lang | null = null;
/** What "Try again" repeats. */
let retryAction: (() => void) | null = null;
let busyTimer: any = null;

const $ = (id: string) => document.getElementById(id)!;

function t(key: Key, params?: Record<string, string | number>): string {
  return tr(s.lang, key, params);
}

function set(patch: Partial<State>): void {
  s = { ...s, ...patch };
}

/* ------------------------------------------------------------------ rendering ---- */

function replaceChildren(el: HTMLElement, nodes: (VNode | null)[]): void {
  while (el.firstChild) el.removeChild(el.firstChild);
  for (const n of nodes) if (n) el.appendChild(mount(document, n));
}

interface RenderOpts {
  /** Move focus to the step heading (after a step change). */
  focusHeading?: boolean;
  /** Move focus to this element id. */
  focusId?: string;
}

function render(opts: RenderOpts = {}): void {
  const active = document.activeElement as HTMLElement | null;
  const activeId = active?.id ? active.id : '';
  const scroller = document.scrollingElement || document.documentElement;
  const scroll = scroller.scrollTop;
  const c = makeCtx(s, actions);
  document.documentElement.lang = s.lang;
  document.title = t('appName');
  replaceChildren($('top'), [headerView(c), stepsNav(c)]);
  replaceChildren($('panel'), [panelView(c)]);
  replaceChildren($('error'), [errorView(c)]);
  const busy = $('busy');
  replaceChildren(busy, [busyView(c)]);
  busy.hidden = !s.busy;
  $('panel').setAttribute('aria-busy', s.busy ? 'true' : 'false');
  if (opts.focusHeading) {
    scroller.scrollTop = 0;
    const hd = document.getElementById('step-heading');
    if (hd) hd.focus();
    return;
  }
  scroller.scrollTop = scroll;
  const target = opts.focusId ? document.getElementById(opts.focusId) : activeId ? document.getElementById(activeId) : null;
  if (target && !(target as HTMLButtonElement).disabled) target.focus();
  else if (activeId && active && !document.body.contains(active)) {
    // The focused control went away or got disabled (busy): keep focus in the panel.
    const hd = document.getElementById('step-heading');
    if (hd) hd.focus();
  }
}

function announce(text: string): void {
  s.status = text;
  const el = $('status');
  el.textContent = '';
  // A fresh text node so that screen readers announce a repeated message too.
  setTimeout(() => {
    el.textContent = text;
  }, 30);
}

/* ------------------------------------------------------------------ server calls ---- */

function errorFromEnvelope(title: Key, e: WizardError): ErrorView {
  const message = String(e?.message || '');
  switch (e?.code) {
    case 'locked':
      return { title: t(title), message: message || t('msgBusy'), hint: t('hintBusy'), retry: true };
    case 'no_undo':
      return { title: t(title), message, hint: t('hintNoUndo'), retry: false };
    case 'user':
      return { title: t(title), message, hint: '', retry: true };
    default:
      return { title: t(title), message: message || t('msgInternal', { detail: '?' }), hint: t('hintInternal'), retry: true };
  }
}

function errorFromFailure(title: Key, err: unknown, timeoutMs: number): ErrorView {
  const e = err instanceof RpcError ? err : new RpcError('internal', '', String((err as any)?.message ?? err));
  switch (e.kind) {
    case 'timeout':
      return { title: t(title), message: t('msgTimeout', { s: Math.round(timeoutMs / 1000) }), hint: t('hintTimeout'), retry: true };
    case 'network':
      return { title: t(title), message: t('msgNetwork'), hint: t('hintNetwork'), retry: true };
    case 'auth':
      return { title: t(title), message: t('msgAuth'), hint: t('hintAuth'), retry: true };
    case 'quota':
      return { title: t(title), message: t('msgQuota') + ' (' + e.detail + ')', hint: t('hintQuota'), retry: true };
    case 'busy':
      return { title: t(title), message: t('msgBusy'), hint: t('hintBusy'), retry: true };
    case 'unavailable':
      return { title: t(title), message: t('msgUnavailable'), hint: t('hintUnavailable'), retry: true };
    case 'server':
      return { title: t(title), message: e.detail, hint: t('hintServer'), retry: true };
    default:
      return { title: t(title), message: t('msgInternal', { detail: e.detail || '?' }), hint: t('hintInternal'), retry: true };
  }
}

interface CallSpec {
  busy: Key;
  fail: Key;
  long?: boolean;
  /** Run without the busy bar, and without replacing an error on screen (background saves). */
  quiet?: boolean;
  retry: () => void;
}

/**
 * Calls a server function and unwraps its envelope. Resolves to the data, or to null after showing
 * the failure (with "Try again" bound to `spec.retry`). The busy bar always goes away.
 */
async function server<K extends keyof WizardServer & string>(name: K, args: Parameters<WizardServer[K]>, spec: CallSpec): Promise<Data<K> | null> {
  const timeoutMs = spec.long ? TIMEOUT_LONG : TIMEOUT_SHORT;
  if (!spec.quiet) {
    set({ busy: { label: t(spec.busy) }, error: null });
    startBusyClock();
    render();
  }
  try {
    const resp = (await rpc.call(name, args as any, { timeoutMs })) as unknown as WizardResponse<Data<K>>;
    if (!resp || typeof resp !== 'object' || typeof (resp as any).ok !== 'boolean') {
      throw new RpcError('internal', name, 'unexpected answer from ' + name);
    }
    if (resp.ok) return resp.data;
    if (!spec.quiet || !s.error) {
      retryAction = spec.retry;
      set({ error: errorFromEnvelope(spec.fail, resp.error) });
    }
    return null;
  } catch (err) {
    if (!spec.quiet || !s.error) {
      retryAction = spec.retry;
      set({ error: errorFromFailure(spec.fail, err, timeoutMs) });
    }
    return null;
  } finally {
    if (!spec.quiet) {
      stopBusyClock();
      set({ busy: null });
    }
    render();
    if (s.error) {
      const btn = document.getElementById('btn-retry') || document.getElementById('btn-dismiss');
      if (btn) btn.focus();
    }
  }
}

/** Shows the elapsed seconds on the busy bar after a few seconds, so a long run never looks stuck. */
function startBusyClock(): void {
  stopBusyClock();
  const started = Date.now();
  const base = s.busy ? s.busy.label : '';
  busyTimer = setInterval(() => {
    if (!s.busy) return stopBusyClock();
    const sec = Math.round((Date.now() - started) / 1000);
    if (sec < 3) return;
    s.busy = { label: base + ' ' + sec + ' s' };
    const label = document.querySelector('[data-testid="busy-label"]');
    if (label?.lastChild) label.lastChild.textContent = s.busy.label;
  }, 1000);
}

function stopBusyClock(): void {
  if (busyTimer) clearInterval(busyTimer);
  busyTimer = null;
}

/* ------------------------------------------------------------------ flows ---- */

async function load(): Promise<void> {
  const data = await server('wizardLoad', [langChoice], { busy: 'busyLoad', fail: 'failLoad', retry: () => void load() });
  if (!data) return;
  const saved = data.saved;
  s = applyLoad(s, data);
  if (data.settings.lang) langChoice = data.settings.lang;
  render();
  for (const slot of ['orders', 'customers'] as Slot[]) {
    const src = s.sources[slot];
    if (src) await detect(slot, { keepMapping: saved && Object.keys(src.mapping).length > 0, keepHeader: saved });
  }
  announce(t('statusLoaded'));
}

async function detect(slot: Slot, opt: { keepMapping: boolean; keepHeader: boolean }): Promise<void> {
  const src = s.sources[slot];
  if (!src) return;
  const sheet = src.sheet;
  // With the header row kept (the user's or the saved one), the server reads the columns under it.
  const chosen = Number(src.headerRow);
  const headerRow = opt.keepHeader && Number.isInteger(chosen) && chosen >= 1 ? chosen : null;
  const det: DetectResult | null = await server('wizardDetect', [sheet, s.lang, headerRow], {
    busy: 'busyDetect',
    fail: 'failDetect',
    retry: () => void detect(slot, opt),
  });
  const cur = s.sources[slot];
  if (!det || !cur || cur.sheet !== sheet) return;
  set({
    sources: {
      ...s.sources,
      [slot]: {
        ...cur,
        detect: det,
        headerRow: opt.keepHeader ? cur.headerRow : String(det.headerRow),
        mapping: opt.keepMapping ? cur.mapping : { ...det.mapping },
      },
    },
  });
  render();
  announce(t('statusDetected', { sheet }));
}

function markStale(): void {
  if (s.preview) s.previewStale = true;
}

function validateParams(): boolean {
  const r = parseParams(s.params, s.paramText, s.locale);
  set({ params: r.params, paramErrors: r.errors });
  return Object.keys(r.errors).length === 0;
}

function validateSources(): boolean {
  const problems = checkSources(s, (r: ColumnRole) => roleName(makeCtx(s, actions), r));
  set({ sourceErrors: problems });
  return problems.length === 0;
}

/** Checks everything the target step needs; on a problem, goes to the step that has it. */
function canReach(target: number): boolean {
  if (target >= 1 && !validateSources()) {
    if (s.step !== 0) set({ step: 0 });
    render({ focusHeading: true });
    announce(t(s.sourceErrors[0].key, s.sourceErrors[0].params));
    return false;
  }
  if (target >= 2 && !validateParams()) {
    set({ step: 1 });
    const first = Object.keys(s.paramErrors)[0];
    render({ focusId: first ? fieldId(first as keyof ParamText) : undefined });
    announce(t('fixFields'));
    return false;
  }
  return true;
}

function fieldId(f: keyof ParamText): string {
  const ids: Record<keyof ParamText, string> = {
    aShare: 'pareto-a',
    bShare: 'pareto-b',
    analysisDate: 'rfm-date',
    horizon: 'clv-horizon',
    discount: 'clv-discount',
    margin: 'clv-margin',
    bargain: 'bargain-share',
  };
  return ids[f];
}

function goto(i: number): void {
  if (i < 0 || i >= STEPS.length || s.busy) return;
  if (i > s.step && !canReach(i)) return;
  set({ step: i, error: null });
  render({ focusHeading: true });
  const id = STEPS[i];
  if (id === 'preview' && (!s.preview || s.previewStale)) void analyze();
  if (id === 'track' && !s.history) void loadHistory();
}

async function analyze(): Promise<void> {
  if (!canReach(2)) return;
  const data = await server('wizardAnalyze', [analyzeRequest(s)], { busy: 'busyAnalyze', fail: 'failAnalyze', long: true, retry: () => void analyze() });
  if (!data) return;
  set({ preview: data, previewStale: false, shareSegments: s.shareSegments.filter((k) => data.segments.some((x) => x.key === k)) });
  render();
  announce(t('statusPreview'));
  void saveSettings();
}

async function saveSettings(): Promise<void> {
  await server('wizardSaveSettings', [settingsOf(s, langChoice), s.lang], {
    busy: 'busySave',
    fail: 'failSave',
    quiet: true,
    retry: () => void saveSettings(),
  });
}

/** Saves an edited rules table first, so that apply/personas/share use what the team sees. */
async function saveRulesIfDirty(): Promise<boolean> {
  if (!s.rulesDirty || !s.rules) return true;
  return saveRules();
}

async function saveRules(): Promise<boolean> {
  if (!s.rules) return false;
  const problems = checkRules(s.rules);
  if (problems.length) {
    set({ ruleErrors: problems, step: 1 });
    render({ focusId: 'btn-save-rules' });
    announce(t('rulesInvalid'));
    return false;
  }
  const data = await server('wizardSaveRules', [s.rules, s.lang], { busy: 'busySave', fail: 'failSave', retry: () => void saveRules() });
  if (!data) return false;
  set({ rules: data.rules, rulesDirty: false, ruleErrors: [] });
  render();
  announce(t('statusRulesSaved'));
  return true;
}

async function resetRules(): Promise<void> {
  const data = await server('wizardResetRules', [s.params.rfm.scheme, s.lang], { busy: 'busySave', fail: 'failSave', retry: () => void resetRules() });
  if (!data) return;
  set({ rules: data.rules, rulesDirty: false, ruleErrors: [], editingRule: null });
  markStale();
  render();
  announce(t('statusRulesReset'));
}

async function apply(): Promise<void> {
  if (!canReach(3)) return;
  if (!(await saveRulesIfDirty())) return;
  const data = await server('wizardApply', [applyRequest(s)], { busy: 'busyApply', fail: 'failApply', long: true, retry: () => void apply() });
  if (!data) return;
  set({ apply: data, preview: data.preview, previewStale: false, canUndo: data.canUndo, undo: null, history: null });
  render({ focusId: 'apply-done' });
  announce(t('statusApplied', { n: data.rowsTagged }));
}

async function undo(): Promise<void> {
  const data = await server('wizardUndo', [s.lang], { busy: 'busyUndo', fail: 'failUndo', long: true, retry: () => void undo() });
  if (!data) {
    if (s.error && s.error.hint === t('hintNoUndo')) set({ canUndo: false });
    render();
    return;
  }
  set({ undo: data, canUndo: data.canUndo, apply: null, history: null, personas: null, share: null });
  if (s.load) set({ load: { ...s.load, lastRun: null } });
  render();
  announce(t('statusUndone'));
}

async function buildPersonas(): Promise<void> {
  if (!canReach(3)) return;
  if (!(await saveRulesIfDirty())) return;
  const data = await server('wizardBuildPersonas', [analyzeRequest(s)], {
    busy: 'busyPersonas',
    fail: 'failPersonas',
    long: true,
    retry: () => void buildPersonas(),
  });
  if (!data) return;
  set({ personas: data });
  render();
  announce(t('statusPersonas'));
}

async function share(): Promise<void> {
  if (!canReach(3)) return;
  if (!(await saveRulesIfDirty())) return;
  const data = await server('wizardShare', [shareRequest(s)], { busy: 'busyShare', fail: 'failShare', long: true, retry: () => void share() });
  if (!data) return;
  set({ share: data });
  render();
  announce(t('statusShared'));
}

async function loadHistory(): Promise<void> {
  const data = await server('wizardHistory', [s.lang], { busy: 'busyHistory', fail: 'failHistory', retry: () => void loadHistory() });
  if (!data) return;
  set({ history: data });
  render();
  announce(t('statusHistory'));
}

/** Switches the language: client strings at once, then the server's labels and messages. */
async function setLang(lang: Lang): Promise<void> {
  if (lang === s.lang || s.busy) return;
  langChoice = lang;
  set({ lang });
  render({ focusId: 'lang-' + lang });
  announce(t('statusLang'));
  const data = await server('wizardLoad', [lang], { busy: 'busyLoad', fail: 'failLoad', retry: () => void refreshLabels() });
  if (data && s.load) {
    set({
      load: { ...s.load, roles: data.roles, tagOptions: data.tagOptions, schemes: data.schemes, groups: data.groups, defaultRules: data.defaultRules },
    });
  }
  await refreshLabels();
  render({ focusId: 'lang-' + lang });
  void saveSettings();
}

/** Re-reads what the server words in the current language (detection notes, preview warnings, history names). */
async function refreshLabels(): Promise<void> {
  for (const slot of ['orders', 'customers'] as Slot[]) {
    if (s.sources[slot] && s.sources[slot]!.detect) await detect(slot, { keepMapping: true, keepHeader: true });
  }
  if (s.preview && !s.previewStale && Object.keys(parseParams(s.params, s.paramText, s.locale).errors).length === 0) await analyze();
  if (s.history) await loadHistory();
}

/* ------------------------------------------------------------------ actions ---- */

const actions: Actions = {
  goto,
  next: () => goto(s.step + 1),
  back: () => goto(s.step - 1),
  setLang: (lang) => void setLang(lang),
  retry: () => {
    const r = retryAction;
    set({ error: null });
    render();
    if (r) r();
  },
  dismissError: () => {
    set({ error: null });
    render({ focusHeading: true });
  },
  pickSheet: (slot, sheet) => {
    markStale();
    if (!sheet) {
      set({ sources: { ...s.sources, [slot]: null }, sourceErrors: [] });
      render();
      return;
    }
    set({ sources: { ...s.sources, [slot]: { sheet, headerRow: '1', mapping: {}, detect: null } }, sourceErrors: [] });
    render();
    void detect(slot, { keepMapping: false, keepHeader: false });
  },
  swapSource: (slot) => {
    const other: Slot = slot === 'orders' ? 'customers' : 'orders';
    markStale();
    set({ sources: { ...s.sources, [slot]: s.sources[other], [other]: s.sources[slot] } as State['sources'], sourceErrors: [] });
    render({ focusId: 'sheet-' + other });
  },
  setHeaderRow: (slot, text) => {
    const src = s.sources[slot];
    if (!src) return;
    markStale();
    set({ sources: { ...s.sources, [slot]: { ...src, headerRow: text } } });
    render();
  },
  redetect: (slot) => {
    markStale();
    void detect(slot, { keepMapping: false, keepHeader: true });
  },
  setRole: (slot, index, role) => {
    const src = s.sources[slot];
    if (!src) return;
    markStale();
    set({ sources: { ...s.sources, [slot]: { ...src, mapping: assignRole(src.mapping, index, role) } }, sourceErrors: [] });
    render();
  },
  toggleAnalysis: (name: keyof AnalysisParams, on) => {
    const params = clone(s.params);
    params[name].enabled = on;
    markStale();
    set({ params });
    validateParams();
    render();
  },
  setMeasure: (measure) => {
    const params = clone(s.params);
    params.pareto.measure = measure;
    markStale();
    set({ params });
    render();
  },
  setScheme: (scheme: RfmSchemeId) => {
    const params = clone(s.params);
    params.rfm.scheme = scheme;
    markStale();
    set({ params });
    if (s.load) {
      set({ rules: schemeRules(s.load, scheme), rulesDirty: true, editingRule: null, ruleErrors: [] });
      announce(t('statusSchemeRules'));
    }
    render();
  },
  setParamText: (field, text) => {
    markStale();
    set({ paramText: { ...s.paramText, [field]: text } });
    validateParams();
    render();
  },
  editRule: (i) => {
    set({ editingRule: i });
    render({ focusId: i === null ? undefined : 'rule-' + (i === -1 ? 'fallback' : i) + '-name-vi' });
  },
  updateRule: (i, patch: Partial<SegmentRule>) => {
    if (!s.rules) return;
    const rules: SegmentRules = clone(s.rules);
    if (i === -1) {
      if (patch.name) rules.fallback.name = patch.name;
      if (patch.group) rules.fallback.group = patch.group;
    } else rules.rules[i] = { ...rules.rules[i], ...patch };
    markStale();
    set({ rules, rulesDirty: true, ruleErrors: checkRules(rules) });
    render();
  },
  moveRule: (i, delta) => {
    if (!s.rules) return;
    markStale();
    const rules = moveRule(s.rules, i, delta);
    const j = i + delta;
    set({ rules, rulesDirty: true, editingRule: j, ruleErrors: checkRules(rules) });
    render({ focusId: 'rule-' + j + (delta < 0 ? '-up' : '-down') });
  },
  removeRule: (i) => {
    if (!s.rules) return;
    const name = ruleName(s.rules.rules[i], s.lang);
    markStale();
    const rules = removeRule(s.rules, i);
    set({ rules, rulesDirty: true, editingRule: null, ruleErrors: checkRules(rules) });
    render({ focusId: 'btn-add-rule' });
    announce(t('statusRuleRemoved', { name }));
  },
  addRule: () => {
    if (!s.rules) return;
    markStale();
    const rules = addRule(s.rules);
    const i = rules.rules.length - 1;
    set({ rules, rulesDirty: true, editingRule: i, ruleErrors: checkRules(rules) });
    render({ focusId: 'rule-' + i + '-name-vi' });
    announce(t('statusRuleAdded'));
  },
  saveRules: () => void saveRules(),
  resetRules: () => void resetRules(),
  refreshPreview: () => void analyze(),
  toggleTag: (tag: TagKey, on) => {
    const tags = s.tags.filter((x) => x !== tag);
    if (on) tags.push(tag);
    set({ tags });
    render();
  },
  setOption: (name, on) => {
    set({ [name]: on } as Partial<State>);
    render();
  },
  apply: () => void apply(),
  undo: () => void undo(),
  buildPersonas: () => void buildPersonas(),
  toggleShareSegment: (key, on) => {
    const list = s.shareSegments.filter((x) => x !== key);
    if (on) list.push(key);
    set({ shareSegments: list });
    render();
  },
  share: () => void share(),
  loadHistory: () => void loadHistory(),
};

/* ------------------------------------------------------------------ start ---- */

function start(): void {
  // Until the server answers, show the shell in the browser's language.
  set({ paramText: paramTextFrom(s.params, s.locale) });
  render();
  void load();
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
else start();

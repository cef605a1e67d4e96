/**
 * The local Sheets stand-in: an in-memory implementation of the Apps Script services the add-on
 * uses, for tests, benchmarks and the playground. See standin/README.md.
 *
 *   const si = createStandIn({ locale: 'vi_VN', sheets: [{ name: 'Đơn hàng', values }] });
 *   const app = gas.require('dist', si.globals, { filter: (f) => f.endsWith('Code.js') });
 *   app.onOpen({ authMode: si.globals.ScriptApp.AuthMode.NONE });
 *   si.calls['Range.getValues']; si.rangeIO(); si.snapshot();
 */
import { langFromLocale } from '../src/core/i18n';
import { type AuthModeName, type Clock, Ctx, type LogEntry } from './context';
import { AuthMode } from './enums';
import type { SheetModel, SheetSpec, Stored, WorkbookJSON } from './model';
import {
  CacheServiceApi,
  type CacheStore,
  ChartsApi,
  ConsoleApi,
  HtmlServiceApi,
  LockServiceApi,
  type LockState,
  LoggerApi,
  type MenuItemRecord,
  type MenuRecord,
  PropertiesServiceApi,
  ScriptAppApi,
  SessionApi,
  UiApi,
  type UiRecord,
  UtilitiesApi,
} from './services';
import { SpreadsheetAppApi } from './spreadsheet';
import { type FormulaEvaluator, WorkbookModel } from './workbook';

export type { A1Ref } from './a1';
export { colToLetters, lettersToCol, parseA1, toA1 } from './a1';
export type { AuthModeName, Clock, LogEntry } from './context';
export { convertTyped, parseTypedDate, parseTypedNumber } from './convert';
export { EnumValue } from './enums';
export { formatValue, isDateFormat } from './format';
export type { CFRuleModel, ChartModel, MetadataModel, ProtectionModel, Rect, SheetJSON, SheetSpec, Stored, WorkbookJSON } from './model';
export { SheetModel } from './model';
export type { AlertRecord, DialogRecord, MenuItemRecord, MenuRecord, SidebarRecord, UiRecord } from './services';
export type { FormulaEvaluator } from './workbook';
export { WorkbookModel } from './workbook';

export interface StandInOptions {
  /** Spreadsheet locale, default `vi_VN`. */
  locale?: string;
  /** Spreadsheet time zone, default `Asia/Ho_Chi_Minh`. */
  timeZone?: string;
  /** `Session.getScriptTimeZone()`, default the spreadsheet time zone. */
  scriptTimeZone?: string;
  /** `Session.getActiveUserLocale()` (a language code such as `vi`), default the locale's language. */
  userLocale?: string;
  /** Spreadsheet name, default `Sample`. */
  name?: string;
  id?: string;
  /** Sheets in order; default one empty sheet (`Trang tính1` in vi, `Sheet1` otherwise). */
  sheets?: SheetSpec[];
  /** Where `HtmlService.createHtmlOutputFromFile(name)` reads `<name>.html`; default `dist`. */
  htmlDir?: string;
  /** Authorization mode of the execution, default `FULL`. `NONE` is onOpen before the add-on is used in this document. */
  authMode?: AuthModeName;
  /** Behave as inside a custom function (read-only spreadsheet, no UI, no property writes). */
  customFunction?: boolean;
  /** Start of the stand-in clock (ms or Date); default the real time. */
  now?: number | Date;
  /** `Session.getActiveUser().getEmail()`, default ''. */
  userEmail?: string;
  /** Title of the add-on menu (`Ui.createAddonMenu()`), default `Target Customers`. */
  addonName?: string;
  /** Initial properties. */
  properties?: { document?: Record<string, string>; user?: Record<string, string>; script?: Record<string, string> };
  formulaEvaluator?: FormulaEvaluator;
  /** Echo console/Logger output to the real console (default false: output is kept in `si.logs`). */
  echo?: boolean;
}

/** The Apps Script globals handed to gas-local (fresh per stand-in; gas-local contextifies it). */
export interface StandInGlobals {
  SpreadsheetApp: SpreadsheetAppApi;
  ScriptApp: ScriptAppApi;
  HtmlService: HtmlServiceApi;
  PropertiesService: PropertiesServiceApi;
  CacheService: CacheServiceApi;
  LockService: LockServiceApi;
  Session: SessionApi;
  Utilities: UtilitiesApi;
  Logger: LoggerApi;
  Charts: ChartsApi;
  console: ConsoleApi;
  [name: string]: unknown;
}

export interface StandIn {
  globals: StandInGlobals;
  /** Calls per `Class.method` (top-level calls made by the script; the stand-in's own inner calls are not counted). */
  readonly calls: Record<string, number>;
  /** Range reads + writes (or only `'read'` / `'write'`): see RANGE_READS / RANGE_WRITES. */
  rangeIO(kind?: 'read' | 'write'): number;
  resetCalls(): void;
  workbook: WorkbookModel;
  ui: UiRecord;
  snapshot(opts?: { display?: boolean }): WorkbookJSON;
  clock: Clock;
  logs: LogEntry[];
  properties: { document: Map<string, string>; user: Map<string, string>; script: Map<string, string> };
  caches: { document: CacheStore; user: CacheStore; script: CacheStore };
  readonly authMode: AuthModeName;
  setAuthMode(mode: AuthModeName): void;
  /** Runs `fn` as a custom-function execution (counted and permission-checked as such). */
  asCustomFunction<T>(fn: () => T): T;
  setFormulaEvaluator(fn: FormulaEvaluator | null): void;
  recalculate(): void;
  /** Moves a column the way a user drags it: column `from` ends up at position `to` (1-based). */
  moveColumn(sheetName: string, from: number, to: number): void;
  /** Simulates another execution holding the lock (released after `releaseAfterMs` of stand-in time, or never). */
  holdDocumentLock(opts?: { releaseAfterMs?: number }): void;
  holdScriptLock(opts?: { releaseAfterMs?: number }): void;
  holdUserLock(opts?: { releaseAfterMs?: number }): void;
  releaseHeldLocks(): void;
  /** Clicks a menu item by caption (searched in every menu and submenu): calls the global function it names. */
  runMenuItem(caption: string): unknown;
  sheet(name: string): SheetModel;
  /** Stored values of a sheet's data range (uncounted; dates as Dates). */
  values(sheetName: string): Stored[][];
  /** Display values of a sheet's data range (uncounted). */
  display(sheetName: string): string[][];
  /** Copies the globals (except `console`) onto `target` (default globalThis) for code run outside gas-local; returns an undo function. */
  installGlobals(target?: Record<string, unknown>): () => void;
}

/** Range methods that read cell contents or formats. */
export const RANGE_READS = new Set([
  'getValues',
  'getValue',
  'getDisplayValues',
  'getDisplayValue',
  'getFormulas',
  'getFormula',
  'getNumberFormats',
  'getNumberFormat',
  'getBackgrounds',
  'getBackground',
  'getFontColors',
  'getFontColor',
  'getFontWeights',
  'getFontWeight',
  'getFontStyles',
  'getFontStyle',
  'getFontSizes',
  'getFontSize',
  'getFontFamily',
  'getWrap',
  'getWraps',
  'getWrapStrategy',
  'getHorizontalAlignment',
  'getHorizontalAlignments',
  'getVerticalAlignment',
  'getNote',
  'getNotes',
  'isBlank',
]);

/** Sheet methods that write cells (besides every Range set / clear / merge). */
const SHEET_WRITES = new Set(['appendRow', 'clear', 'clearContents', 'clearFormats', 'clearNotes']);

function isRangeWrite(cls: string, method: string): boolean {
  if (cls === 'Range') return /^(set|clear|merge|breakApart)/.test(method);
  return cls === 'Sheet' && SHEET_WRITES.has(method);
}

export function createStandIn(options: StandInOptions = {}): StandIn {
  const locale = options.locale ?? 'vi_VN';
  const timeZone = options.timeZone ?? 'Asia/Ho_Chi_Minh';
  const now = options.now === undefined ? Date.now() : options.now instanceof Date ? options.now.getTime() : options.now;
  const globals = {} as StandInGlobals;
  const $ = new Ctx(globals, {
    authMode: options.authMode ?? 'FULL',
    customFunction: !!options.customFunction,
    now,
    echo: !!options.echo,
  });
  const wb = new WorkbookModel(options.id ?? '1StandInSpreadsheetId0000000000000000000000', options.name ?? 'Sample', locale, timeZone);
  wb.runEvaluator = (fn) => {
    $.depth++;
    try {
      return fn();
    } finally {
      $.depth--;
    }
  };
  if (options.formulaEvaluator) wb.evaluator = options.formulaEvaluator;
  for (const spec of options.sheets ?? []) wb.loadSheet(spec);
  if (!wb.sheets.length) wb.addSheet(undefined, undefined);
  wb.activeSheetId = wb.sheets[0].id;

  const ui: UiRecord = { menus: [], sidebars: [], sidebar: null, dialogs: [], alerts: [], prompts: [], toasts: $.toasts, responses: [] };
  const uiApi = new UiApi($, ui, options.addonName ?? 'Target Customers');
  const properties = {
    document: new Map(Object.entries(options.properties?.document ?? {})),
    user: new Map(Object.entries(options.properties?.user ?? {})),
    script: new Map(Object.entries(options.properties?.script ?? {})),
  };
  const caches = { document: new Map(), user: new Map(), script: new Map() } as StandIn['caches'];
  const locks: Record<'document' | 'user' | 'script', LockState> = {
    document: { holder: null, otherReleaseAt: null },
    user: { holder: null, otherReleaseAt: null },
    script: { holder: null, otherReleaseAt: null },
  };

  Object.assign(globals, {
    SpreadsheetApp: new SpreadsheetAppApi($, wb, () => uiApi),
    ScriptApp: new ScriptAppApi($),
    HtmlService: new HtmlServiceApi($, options.htmlDir ?? 'dist'),
    PropertiesService: new PropertiesServiceApi($, properties),
    CacheService: new CacheServiceApi($, caches),
    LockService: new LockServiceApi($, locks),
    Session: new SessionApi($, {
      userLocale: options.userLocale ?? langFromLocale(locale),
      scriptTimeZone: options.scriptTimeZone ?? timeZone,
      email: options.userEmail ?? '',
    }),
    Utilities: new UtilitiesApi($),
    Logger: new LoggerApi($),
    Charts: new ChartsApi($),
    console: new ConsoleApi($),
  });

  const hold = (which: 'document' | 'user' | 'script', opts?: { releaseAfterMs?: number }) => {
    const s = locks[which];
    s.holder = 'other';
    s.otherReleaseAt = opts?.releaseAfterMs === undefined ? null : $.clock.now() + opts.releaseAfterMs;
  };
  const sheetOf = (name: string): SheetModel => {
    const sh = wb.sheetByName(name);
    if (!sh) throw new Error(`stand-in: no sheet named "${name}" (have ${wb.sheets.map((s) => `"${s.name}"`).join(', ')})`);
    return sh;
  };
  const findItem = (menus: MenuRecord[], caption: string): MenuItemRecord | null => {
    for (const m of menus)
      for (const it of m.items) {
        if (it.caption === caption) return it;
        if (it.submenu) {
          const found = findItem([it.submenu], caption);
          if (found) return found;
        }
      }
    return null;
  };

  const si: StandIn = {
    globals,
    get calls() {
      return $.calls;
    },
    rangeIO(kind) {
      let n = 0;
      for (const [key, count] of Object.entries($.calls)) {
        const [cls, method] = key.split('.');
        const read = cls === 'Range' && RANGE_READS.has(method);
        const write = isRangeWrite(cls, method);
        if ((read && kind !== 'write') || (write && kind !== 'read')) n += count;
      }
      return n;
    },
    resetCalls() {
      for (const k of Object.keys($.calls)) delete $.calls[k];
    },
    workbook: wb,
    ui,
    snapshot: (opts) => wb.toJSON(opts),
    clock: $.clock,
    logs: $.logs,
    properties,
    caches,
    get authMode() {
      return $.authMode;
    },
    setAuthMode(mode) {
      if (!AuthMode[mode] || (mode as string) === 'CUSTOM_FUNCTION')
        throw new Error(`stand-in: unknown auth mode ${mode} (use asCustomFunction for custom functions)`);
      $.authMode = mode;
    },
    asCustomFunction(fn) {
      const saved = { depth: $.depth, cf: $.customFunction };
      $.depth = 0;
      $.customFunction = true;
      try {
        return fn();
      } finally {
        $.depth = saved.depth;
        $.customFunction = saved.cf;
      }
    },
    setFormulaEvaluator(fn) {
      wb.evaluator = fn;
      wb.dirty = true;
    },
    recalculate() {
      wb.dirty = true;
      wb.recalculate();
    },
    moveColumn(sheetName, from, to) {
      const sh = sheetOf(sheetName);
      if (!Number.isInteger(from) || !Number.isInteger(to) || from < 1 || to < 1 || from > sh.maxColumns || to > sh.maxColumns)
        throw new Error(`stand-in: moveColumn(${from}, ${to}) is outside 1..${sh.maxColumns}`);
      if (from === to) return;
      wb.moveColumns(sh, from, 1, to > from ? to + 1 : to);
    },
    holdDocumentLock: (opts) => hold('document', opts),
    holdScriptLock: (opts) => hold('script', opts),
    holdUserLock: (opts) => hold('user', opts),
    releaseHeldLocks() {
      for (const s of Object.values(locks))
        if (s.holder === 'other') {
          s.holder = null;
          s.otherReleaseAt = null;
        }
    },
    runMenuItem(caption) {
      const item = findItem(ui.menus, caption);
      if (!item?.functionName) throw new Error(`stand-in: no menu item "${caption}"`);
      const fn = (globals as Record<string, unknown>)[item.functionName];
      if (typeof fn !== 'function') throw $.exception(`Script function not found: ${item.functionName}`);
      return (fn as () => unknown)();
    },
    sheet: sheetOf,
    values(sheetName) {
      const sh = sheetOf(sheetName);
      wb.ensureCalculated();
      const out: Stored[][] = [];
      const rows = sh.lastRow();
      const cols = sh.lastColumn();
      for (let r = 1; r <= rows; r++) {
        const row: Stored[] = [];
        for (let c = 1; c <= cols; c++) row.push(sh.get(r, c));
        out.push(row);
      }
      return out;
    },
    display(sheetName) {
      const sh = sheetOf(sheetName);
      wb.ensureCalculated();
      const out: string[][] = [];
      for (let r = 1; r <= sh.lastRow(); r++) {
        const row: string[] = [];
        for (let c = 1; c <= sh.lastColumn(); c++) row.push(wb.display(sh.get(r, c), sh.fmt('numberFormat', r, c)));
        out.push(row);
      }
      return out;
    },
    installGlobals(target = globalThis as unknown as Record<string, unknown>) {
      const saved: [string, PropertyDescriptor | undefined][] = [];
      for (const k of Object.keys(globals)) {
        if (k === 'console') continue; // never replace the host console
        saved.push([k, Object.getOwnPropertyDescriptor(target, k)]);
        target[k] = (globals as Record<string, unknown>)[k];
      }
      return () => {
        for (const [k, d] of saved) {
          if (d) Object.defineProperty(target, k, d);
          else delete target[k];
        }
      };
    },
  };
  return si;
}

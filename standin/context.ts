/**
 * The shared state of one stand-in: call counters, the authorization mode, the clock, and the
 * realm (the vm context gas-local creates) in which errors and dates are made.
 */
import vm from 'node:vm';

export type AuthModeName = 'NONE' | 'LIMITED' | 'FULL';

export interface Clock {
  /** Current time in ms since the epoch (starts at the option `now`, or the real time). */
  now(): number;
  /** Moves the stand-in clock forward (cache expiry, lock waits, `Utilities.sleep`). */
  advance(ms: number): void;
  set(ms: number): void;
}

export interface LogEntry {
  level: 'log' | 'info' | 'warn' | 'error';
  text: string;
}

/** Scopes named in permission errors. */
export const SCOPE_SHEETS = '(https://www.googleapis.com/auth/spreadsheets.currentonly || https://www.googleapis.com/auth/spreadsheets)';
export const SCOPE_UI = 'https://www.googleapis.com/auth/script.container.ui';

/** Method names that change the document (refused inside custom functions). */
const MUTATOR =
  /^(set|insert|delete|clear|add|remove|hide|show|unhide|protect|merge|break|auto|activate|move|append|copy|sort|update|toast|create(?!DeveloperMetadataFinder|TextFinder)|duplicate|rename|randomize|trim|expand|collapse|group|ungroup|uncheck|check|flush)/;

/** Classes whose mutators need the spreadsheets scope. */
const DOC_CLASSES = new Set(['Spreadsheet', 'Sheet', 'Range', 'DeveloperMetadata', 'Protection', 'EmbeddedChart', 'Filter', 'NamedRange']);
const PROPERTY_MUTATORS = new Set(['setProperty', 'setProperties', 'deleteProperty', 'deleteAllProperties']);

/** In AuthMode.NONE only these service entry points work (menus, HTML building, utilities). */
const NONE_DENIED: Record<string, string | null> = {
  'SpreadsheetApp.getActive': SCOPE_SHEETS,
  'SpreadsheetApp.getActiveSpreadsheet': SCOPE_SHEETS,
  'SpreadsheetApp.getActiveSheet': SCOPE_SHEETS,
  'SpreadsheetApp.getActiveRange': SCOPE_SHEETS,
  'SpreadsheetApp.getCurrentCell': SCOPE_SHEETS,
  'SpreadsheetApp.getSelection': SCOPE_SHEETS,
  'SpreadsheetApp.setActiveSheet': SCOPE_SHEETS,
  'SpreadsheetApp.setActiveRange': SCOPE_SHEETS,
  'SpreadsheetApp.flush': SCOPE_SHEETS,
  'Ui.showSidebar': SCOPE_UI,
  'Ui.showModalDialog': SCOPE_UI,
  'Ui.showModelessDialog': SCOPE_UI,
  'Ui.alert': SCOPE_UI,
  'Ui.prompt': SCOPE_UI,
  'PropertiesService.getDocumentProperties': null,
  'PropertiesService.getUserProperties': null,
  'PropertiesService.getScriptProperties': null,
  'CacheService.getDocumentCache': null,
  'CacheService.getUserCache': null,
  'CacheService.getScriptCache': null,
  'LockService.getDocumentLock': null,
  'LockService.getUserLock': null,
  'LockService.getScriptLock': null,
  'Session.getActiveUser': 'https://www.googleapis.com/auth/userinfo.email',
  'Session.getEffectiveUser': 'https://www.googleapis.com/auth/userinfo.email',
};

/** An Apps Script error raised by the model; the API layer re-creates it in the script's realm. */
export class ModelError extends Error {}

export interface ToastRecord {
  message: string;
  title: string;
  timeoutSeconds: number;
}

export class Ctx {
  toasts: ToastRecord[] = [];
  calls: Record<string, number> = Object.create(null);
  depth = 0;
  authMode: AuthModeName;
  customFunction: boolean;
  logs: LogEntry[] = [];
  echo: boolean;
  private t: number;
  private realmCache: { Error: ErrorConstructor; Date: DateConstructor } | null = null;
  clock: Clock;

  constructor(
    public globals: Record<string, unknown>,
    opts: { authMode: AuthModeName; customFunction: boolean; now: number; echo: boolean },
  ) {
    this.authMode = opts.authMode;
    this.customFunction = opts.customFunction;
    this.t = opts.now;
    this.echo = opts.echo;
    this.clock = {
      now: () => this.t,
      advance: (ms: number) => {
        if (!(ms >= 0)) throw new Error(`clock.advance: ${ms} is not a non-negative number`);
        this.t += ms;
      },
      set: (ms: number) => {
        this.t = ms;
      },
    };
  }

  /** Error and Date constructors of the vm realm once gas-local has contextified the globals. */
  realm(): { Error: ErrorConstructor; Date: DateConstructor } {
    if (this.realmCache) return this.realmCache;
    if (vm.isContext(this.globals)) {
      this.realmCache = vm.runInContext('({ Error: Error, Date: Date })', this.globals) as { Error: ErrorConstructor; Date: DateConstructor };
      return this.realmCache;
    }
    return { Error, Date };
  }

  /** An Apps Script style exception: `name` is `Exception`, so `String(e)` is `Exception: …`. */
  exception(message: string): Error {
    const E = this.realm().Error;
    const e = new E(message);
    e.name = 'Exception';
    return e;
  }

  date(ms: number): Date {
    const D = this.realm().Date;
    return new D(ms);
  }

  /** Throws when the current authorization mode forbids `Class.method`. */
  guard(cls: string, method: string): void {
    if (this.authMode === 'NONE') {
      const key = `${cls}.${method}`;
      if (key in NONE_DENIED) {
        const scope = NONE_DENIED[key];
        throw this.exception(`You do not have permission to call ${key}.${scope ? ` Required permissions: ${scope}` : ''}`);
      }
    }
    if (this.customFunction) {
      if (cls === 'SpreadsheetApp' && method === 'getUi') throw this.exception('Cannot call SpreadsheetApp.getUi() from this context.');
      if (cls === 'SpreadsheetApp' && (method === 'setActiveSheet' || method === 'setActiveRange'))
        throw this.exception(`You do not have permission to call ${method}`);
      if (DOC_CLASSES.has(cls) && MUTATOR.test(method)) throw this.exception(`You do not have permission to call ${method}`);
      if (cls === 'Properties' && PROPERTY_MUTATORS.has(method)) throw this.exception(`You do not have permission to call ${method}`);
      if (cls === 'Session' && (method === 'getActiveUser' || method === 'getEffectiveUser')) return;
    }
  }

  log(level: LogEntry['level'], text: string): void {
    this.logs.push({ level, text });
    if (this.echo) console[level](text);
  }
}

/**
 * Replaces every method of `proto` with a wrapper that counts top-level calls as `Class.method`
 * and checks the authorization mode. Calls made by the stand-in itself (depth > 0) are neither
 * counted nor checked.
 */
export function instrument(ctor: { prototype: object }, cls: string): void {
  const proto = ctor.prototype as Record<string, unknown>;
  for (const name of Object.getOwnPropertyNames(proto)) {
    if (name === 'constructor' || name.startsWith('_')) continue;
    const desc = Object.getOwnPropertyDescriptor(proto, name);
    if (!desc || typeof desc.value !== 'function') continue;
    const orig = desc.value as (...a: unknown[]) => unknown;
    const key = `${cls}.${name}`;
    const wrapped = function (this: { $: Ctx }, ...args: unknown[]) {
      const $ = this.$;
      if ($.depth === 0) {
        $.calls[key] = ($.calls[key] ?? 0) + 1;
        if ($.authMode === 'NONE' || $.customFunction) $.guard(cls, name);
      }
      $.depth++;
      try {
        return orig.apply(this, args);
      } catch (e) {
        if (e instanceof ModelError) throw $.exception(e.message);
        throw e;
      } finally {
        $.depth--;
      }
    };
    Object.defineProperty(wrapped, 'name', { value: name });
    Object.defineProperty(proto, name, { ...desc, value: wrapped });
  }
}

/** Apps Script's message for a call whose arguments do not fit the method. */
export function typeName(v: unknown): string {
  if (v === null) return 'null';
  if (v === undefined) return 'undefined';
  if (Array.isArray(v)) {
    if (v.length && Array.isArray(v[0])) return `${typeName(v[0][0])}[][]`;
    return `${v.length ? typeName(v[0]) : 'Object'}[]`;
  }
  if (Object.prototype.toString.call(v) === '[object Date]') return 'Date';
  const t = typeof v;
  if (t === 'string') return 'String';
  if (t === 'number') return 'number';
  if (t === 'boolean') return 'Boolean';
  if (t === 'function') return 'Function';
  return 'Object';
}

export function signatureError($: Ctx, args: unknown[], method: string): Error {
  return $.exception(`The parameters (${args.map(typeName).join(',')}) don't match the method signature for ${method}.`);
}

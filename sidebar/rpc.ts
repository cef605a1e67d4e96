/**
 * A typed promise wrapper over `google.script.run`. Every call gets a failure handler and a
 * timeout, so the sidebar can never wait forever; failures become an `RpcError` with a `kind`
 * the UI turns into a plain-language message with what to do.
 */

/** The client-side `google.script.run` runner (a fresh runner comes back from each `with…`). */
export interface ScriptRunner {
  withSuccessHandler(fn: (value: any, userObject?: any) => void): ScriptRunner;
  withFailureHandler(fn: (error: any, userObject?: any) => void): ScriptRunner;
  [serverFunction: string]: any;
}

export type RpcErrorKind =
  /** The server threw a message meant for the user (already localised): show it as is. */
  | 'server'
  /** No answer in time. */
  | 'timeout'
  /** The browser could not reach Google. */
  | 'network'
  /** Authorisation missing / several Google accounts signed in. */
  | 'auth'
  /** Apps Script quotas or the 6-minute limit. */
  | 'quota'
  /** Another run holds the document lock. */
  | 'busy'
  /** `google.script.run` is not there (page opened outside Sheets and the playground). */
  | 'unavailable'
  /** Anything else (a bug): shown with its text so the user can report it. */
  | 'internal';

export class RpcError extends Error {
  readonly kind: RpcErrorKind;
  readonly fn: string;
  readonly detail: string;
  constructor(kind: RpcErrorKind, fn: string, detail: string) {
    super(detail);
    this.name = 'RpcError';
    this.kind = kind;
    this.fn = fn;
    this.detail = detail;
  }
}

/** Strips the prefixes Apps Script puts before a thrown message (`Error: `, `Exception: `, `ScriptError: `). */
export function cleanMessage(raw: unknown): string {
  let s = '';
  if (raw && typeof raw === 'object' && 'message' in (raw as any)) s = String((raw as any).message ?? '');
  else s = String(raw ?? '');
  for (let i = 0; i < 3; i++) {
    const m = /^(?:Uncaught\s+)?(?:Error|Exception|ScriptError|UserError|TypeError|ReferenceError|RangeError)\s*:\s*/.exec(s);
    if (!m) break;
    s = s.slice(m[0].length);
  }
  return s.trim();
}

/** Sorts a failure that came back from `google.script.run` into one of the kinds above. */
export function classifyFailure(fn: string, raw: unknown): RpcError {
  const text = cleanMessage(raw);
  const name = raw && typeof raw === 'object' ? String((raw as any).name || '') : '';
  const all = name + ' ' + String(raw && typeof raw === 'object' ? (raw as any).message : raw);
  let kind: RpcErrorKind = 'internal';
  if (/NetworkError|Connection failure|HTTP 0\b|Failed to fetch/i.test(all)) kind = 'network';
  else if (/PERMISSION_DENIED|Authori[sz]ation is required|not authori[sz]ed|You do not have permission|requires authori[sz]ation/i.test(all)) kind = 'auth';
  else if (
    /Exceeded maximum execution time|Service invoked too many times|too many (simultaneous|times)|Service (Spreadsheets )?(timed out|unavailable)|quota|Bandwidth/i.test(
      all,
    )
  )
    kind = 'quota';
  else if (/lock timeout|Lock timeout|another run|đang chạy/i.test(all) || (raw && typeof raw === 'object' && (raw as any).code === 'busy')) kind = 'busy';
  else if (
    /^(TypeError|ReferenceError|RangeError|SyntaxError)$/.test(name) ||
    /is not a function|Cannot read propert|undefined is not|is not defined/.test(text)
  )
    kind = 'internal';
  else if (text) kind = 'server';
  return new RpcError(kind, fn, text || String(raw ?? ''));
}

export interface CallOptions {
  /** Milliseconds before giving up (the UI then shows a timeout message with a retry). */
  timeoutMs?: number;
}

/** Default timeouts: quick reads vs. runs that write a sheet (Apps Script stops any run at 6 minutes). */
export const TIMEOUT_SHORT = 60_000;
export const TIMEOUT_LONG = 380_000;

type Fn = (...args: any[]) => any;

export interface Rpc<A> {
  call<K extends keyof A & string>(
    name: K,
    args: A[K] extends Fn ? Parameters<A[K]> : never,
    opts?: CallOptions,
  ): Promise<A[K] extends Fn ? Awaited<ReturnType<A[K]>> : never>;
}

/** Finds `google.script.run` on the page, or null (opened outside Sheets). */
export function findRunner(win: any): ScriptRunner | null {
  try {
    const g = win?.google;
    return g?.script?.run ? (g.script.run as ScriptRunner) : null;
  } catch {
    return null;
  }
}

export interface Timers {
  setTimeout(fn: () => void, ms: number): any;
  clearTimeout(id: any): void;
}

/**
 * A typed caller. `getRunner` is called per call (the playground may install its shim late).
 * The promise settles exactly once: with the value, with the classified failure, or with a timeout.
 */
export function createRpc<A>(getRunner: () => ScriptRunner | null, timers: Timers = globalThis as any, defaultTimeoutMs = TIMEOUT_SHORT): Rpc<A> {
  return {
    call(name, args, opts) {
      return new Promise((resolve, reject) => {
        const runner = getRunner();
        if (!runner) {
          reject(new RpcError('unavailable', name, 'google.script.run is not available'));
          return;
        }
        let done = false;
        const timeoutMs = opts?.timeoutMs ?? defaultTimeoutMs;
        const timer = timers.setTimeout(() => {
          if (done) return;
          done = true;
          reject(new RpcError('timeout', name, 'no answer after ' + Math.round(timeoutMs / 1000) + ' s'));
        }, timeoutMs);
        const finish = () => {
          if (done) return false;
          done = true;
          timers.clearTimeout(timer);
          return true;
        };
        try {
          const r = runner
            .withSuccessHandler((value: any) => {
              if (finish()) resolve(value);
            })
            .withFailureHandler((err: any) => {
              if (finish()) reject(classifyFailure(name, err));
            });
          const target = r[name];
          if (typeof target !== 'function') {
            if (finish()) reject(new RpcError('internal', name, 'server function ' + name + ' is missing'));
            return;
          }
          target.apply(r, args as unknown as any[]);
        } catch (e) {
          if (finish()) reject(classifyFailure(name, e));
        }
      });
    },
  };
}

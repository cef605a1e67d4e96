import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { classifyFailure, cleanMessage, createRpc, findRunner, RpcError, type ScriptRunner } from '../sidebar/rpc';

interface Api {
  echo(a: number, b: string): { a: number; b: string };
  boom(): void;
  never(): number;
}

/** A `google.script.run` double with the real semantics: each with* returns a new runner; handlers are called later, once. */
function fakeRun(impl: Record<string, (...args: any[]) => any>, log: { name: string; args: any[] }[] = []): ScriptRunner {
  const make = (ok?: (v: any) => void, fail?: (e: any) => void): ScriptRunner => {
    const r: any = {
      withSuccessHandler: (f: any) => make(f, fail),
      withFailureHandler: (f: any) => make(ok, f),
    };
    for (const name of Object.keys(impl)) {
      r[name] = (...args: any[]) => {
        log.push({ name, args });
        setTimeout(() => {
          try {
            const v = impl[name](...args);
            if (v !== undefined && v !== null && typeof v === 'object' && 'hang' in v) return;
            ok?.(JSON.parse(JSON.stringify(v ?? null)));
          } catch (e) {
            if (fail) fail(e);
          }
        }, 10);
      };
    }
    return r;
  };
  return make();
}

describe('createRpc', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('resolves with the server value and passes the arguments', async () => {
    const log: { name: string; args: any[] }[] = [];
    const rpc = createRpc<Api>(() => fakeRun({ echo: (a, b) => ({ a, b }) }, log));
    const p = rpc.call('echo', [1, 'x']);
    await vi.advanceTimersByTimeAsync(20);
    await expect(p).resolves.toEqual({ a: 1, b: 'x' });
    expect(log).toEqual([{ name: 'echo', args: [1, 'x'] }]);
  });

  it('rejects with a classified error when the server throws', async () => {
    const rpc = createRpc<Api>(() =>
      fakeRun({
        boom: () => {
          throw new Error('Exception: Service invoked too many times for one day: urlfetch.');
        },
      }),
    );
    const p = rpc.call('boom', []);
    const caught = p.catch((e) => e);
    await vi.advanceTimersByTimeAsync(20);
    const e = await caught;
    expect(e).toBeInstanceOf(RpcError);
    expect(e.kind).toBe('quota');
    expect(e.fn).toBe('boom');
    expect(e.detail).toBe('Service invoked too many times for one day: urlfetch.');
  });

  it('times out when no handler ever fires, and ignores a late answer', async () => {
    let late: ((v: any) => void) | null = null;
    const runner: any = {
      withSuccessHandler(f: any) {
        late = f;
        return runner;
      },
      withFailureHandler() {
        return runner;
      },
      never() {},
    };
    const rpc = createRpc<Api>(() => runner);
    const p = rpc.call('never', [], { timeoutMs: 5000 });
    const caught = p.catch((e) => e);
    await vi.advanceTimersByTimeAsync(4999);
    let settled = false;
    void p.then(
      () => (settled = true),
      () => (settled = true),
    );
    await Promise.resolve();
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    const e = await caught;
    expect(e.kind).toBe('timeout');
    late!(42); // must not throw or change anything
    await expect(p).rejects.toBeInstanceOf(RpcError);
  });

  it('always attaches a failure handler', async () => {
    let failureAttached = false;
    const runner: any = {
      withSuccessHandler() {
        return runner;
      },
      withFailureHandler(f: any) {
        failureAttached = typeof f === 'function';
        return runner;
      },
      echo() {},
    };
    const rpc = createRpc<Api>(() => runner);
    void rpc.call('echo', [1, 'a'], { timeoutMs: 10 }).catch(() => {});
    expect(failureAttached).toBe(true);
    await vi.advanceTimersByTimeAsync(10);
  });

  it('rejects as unavailable without google.script.run, and as internal for a missing function', async () => {
    const none = createRpc<Api>(() => null);
    await expect(none.call('echo', [1, 'a'])).rejects.toMatchObject({ kind: 'unavailable' });
    const rpc = createRpc<Api>(() => fakeRun({}));
    await expect(rpc.call('echo', [1, 'a'])).rejects.toMatchObject({ kind: 'internal', detail: 'server function echo is missing' });
  });

  it('findRunner', () => {
    const run = fakeRun({});
    expect(findRunner({ google: { script: { run } } })).toBe(run);
    expect(findRunner({})).toBeNull();
    expect(findRunner(undefined)).toBeNull();
  });
});

describe('classifyFailure', () => {
  const kind = (x: unknown) => classifyFailure('f', x).kind;
  it('sorts the failures Apps Script really sends', () => {
    expect(kind({ name: 'NetworkError', message: 'NetworkError: Connection failure due to HTTP 0' })).toBe('network');
    expect(kind(new Error('ScriptError: Authorization is required to perform that action.'))).toBe('auth');
    expect(kind(new Error("We're sorry, a server error occurred while reading from storage. Error code PERMISSION_DENIED."))).toBe('auth');
    expect(kind(new Error('Exceeded maximum execution time'))).toBe('quota');
    expect(kind(new Error('Service Spreadsheets timed out while accessing document with id abc.'))).toBe('quota');
    expect(kind(new Error('Lock timeout: another process was holding the lock for too long.'))).toBe('busy');
    expect(kind({ name: 'TypeError', message: "Cannot read properties of undefined (reading 'x')" })).toBe('internal');
    expect(kind(new Error('ReferenceError: wizardFoo is not defined'))).toBe('internal');
    expect(kind(new Error('PHÂN TÍCH: cột “Thành tiền”, dòng 7: "abc" không phải là số'))).toBe('server');
    expect(kind('')).toBe('internal');
  });
  it('cleans the prefixes', () => {
    expect(cleanMessage(new Error('Exception: Bad value'))).toBe('Bad value');
    expect(cleanMessage({ message: 'Error: ScriptError: x' })).toBe('x');
    expect(cleanMessage('plain')).toBe('plain');
    expect(cleanMessage(null)).toBe('');
  });
});

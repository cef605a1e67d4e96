/**
 * Runs the built sidebar script (dist/Sidebar.html) in a `vm` context with the fake DOM and a
 * `google.script.run` double with the real semantics: asynchronous, success/failure handlers,
 * JSON-only values. The server behind it is the fixtures, or any backend (e.g. the real
 * dist/Code.js in the playground's stand-in).
 */
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { expect } from 'vitest';
import * as F from '../sidebar/fixtures';
import { FakeDoc, type FakeNode } from './sidebar-dom';

export function sidebarScript(): string {
  const html = fs.readFileSync(path.resolve(__dirname, '../dist/Sidebar.html'), 'utf8');
  return html.slice(html.lastIndexOf('<script>') + '<script>'.length, html.lastIndexOf('</script>'));
}

/** A server run: the value, or the error google.script.run hands to the failure handler. */
export type Backend = (name: string, args: any[]) => { ok: true; value: any } | { ok: false; error: { name: string; message: string } };

type Handler = (...args: any[]) => any;

export interface Harness {
  doc: FakeDoc;
  calls: { name: string; args: any[] }[];
  /** name → what to do instead of answering: an envelope, a thrown error, or 'hang'. */
  override: Record<string, { envelope?: any; throw?: any; hang?: boolean } | undefined>;
  settle(): Promise<void>;
  el(testid: string): FakeNode;
  has(testid: string): boolean;
  text(testid: string): string;
  click(testid: string): Promise<void>;
  change(testid: string, value: string | boolean): Promise<void>;
}

export function harness(opts: { noGoogle?: boolean; lang?: 'vi' | 'en'; backend?: Backend; script?: string } = {}): Harness {
  const doc = new FakeDoc();
  for (const [id, role] of [
    ['top', ''],
    ['busy', 'status'],
    ['error', 'alert'],
    ['panel', ''],
    ['status', 'status'],
  ]) {
    const n = doc.createElement(id === 'panel' ? 'main' : 'div');
    n.setAttribute('id', id);
    if (role) n.setAttribute('role', role);
    n.setAttribute('data-testid', id);
    doc.body.appendChild(n);
  }
  doc.created = [];
  const calls: { name: string; args: any[] }[] = [];
  const override: Harness['override'] = {};
  const json = (v: any) => JSON.parse(JSON.stringify(v));
  const handlers: Record<string, Handler> = {
    wizardLoad: (lang) => ({ ok: true, data: F.loadResult(lang || opts.lang || 'vi') }),
    wizardDetect: (sheet) => ({ ok: true, data: F.detectResult(sheet) }),
    wizardAnalyze: () => ({ ok: true, data: F.previewResult() }),
    wizardApply: () => ({ ok: true, data: F.applyResult() }),
    wizardUndo: () => ({ ok: true, data: F.UNDO }),
    wizardBuildPersonas: () => ({ ok: true, data: { sheet: 'TC Personas', cards: 3 } }),
    wizardShare: (req) => ({ ok: true, data: { sheet: 'Sales', customers: req.segments.length * 10, protectedColumns: 2 } }),
    wizardHistory: () => ({ ok: true, data: F.historyResult() }),
    wizardSaveSettings: () => ({ ok: true, data: { saved: true } }),
    wizardSaveRules: (rules) => ({ ok: true, data: { rules } }),
    wizardResetRules: () => ({ ok: true, data: { rules: F.RULES } }),
  };
  let pending = 0;
  const runner = (ok?: Handler, fail?: Handler): any => {
    const r: any = { withSuccessHandler: (f: Handler) => runner(f, fail), withFailureHandler: (f: Handler) => runner(ok, f) };
    for (const name of opts.backend ? [...Object.keys(handlers), 'showSidebar'] : Object.keys(handlers)) {
      r[name] = (...args: any[]) => {
        // google.script.run copies arguments as JSON and refuses Dates and functions.
        const s = JSON.stringify(args);
        if (/"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z"/.test(s)) throw new Error('a Date crossed google.script.run');
        calls.push({ name, args: json(args) });
        const o = override[name];
        if (o?.hang) return;
        pending++;
        setTimeout(() => {
          pending--;
          if (o?.throw) return fail?.(o.throw);
          if (o?.envelope) return ok?.(json(o.envelope));
          if (opts.backend) {
            const r = opts.backend(name, json(args));
            if (r.ok) return ok?.(json(r.value));
            const err = new Error(r.error.message);
            err.name = r.error.name;
            return fail?.(err);
          }
          ok?.(json(handlers[name](...json(args))));
        }, 1);
      };
    }
    return r;
  };
  const ctx: any = {
    document: doc,
    navigator: { language: 'vi-VN' },
    // RPC timeouts (60 s and more) are shortened to 30 ms so that the timeout path can be tested.
    setTimeout: (fn: () => void, ms: number) => setTimeout(fn, ms >= 30_000 ? 30 : ms),
    clearTimeout,
    setInterval,
    clearInterval,
    console,
  };
  ctx.window = ctx;
  if (!opts.noGoogle) ctx.google = { script: { run: runner() } };
  vm.createContext(ctx);
  vm.runInContext(opts.script ?? sidebarScript(), ctx);
  const h: Harness = {
    doc,
    calls,
    override,
    async settle() {
      for (let i = 0; i < 2000; i++) {
        await new Promise((r) => setTimeout(r, 5));
        const busy = doc.getElementById('busy')!;
        if (pending === 0 && busy.hidden) {
          await new Promise((r) => setTimeout(r, 40));
          if (pending === 0 && busy.hidden) return;
        }
      }
      throw new Error('sidebar did not settle');
    },
    el(testid) {
      const n = doc.byTestId(testid);
      if (!n) throw new Error('no element ' + testid);
      return n;
    },
    has: (testid) => !!doc.byTestId(testid),
    text: (testid) => h.el(testid).textContent,
    async click(testid) {
      const n = h.el(testid);
      expect(n.disabled, testid + ' is disabled').toBe(false);
      n.fire('click');
      await h.settle();
    },
    async change(testid, value) {
      const n = h.el(testid);
      if (typeof value === 'boolean') n.checked = value;
      else n.value = value;
      n.fire('change');
      await h.settle();
    },
  };
  return h;
}

export function focusedTestId(doc: FakeDoc): string {
  return doc.activeElement ? doc.activeElement.attrs['data-testid'] || doc.activeElement.attrs.id : '';
}

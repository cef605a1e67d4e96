/** The built artefact as Apps Script sees it: top-level functions with JSDoc, nothing else global. */
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain ESM helper without types
import { parseJsdoc, readPublicApi } from '../scripts/public-api.mjs';
import { CODE_JS, codeJs, DIST, loadPlain, ROOT } from './helpers/dist';

const api: { name: string; params: { name: string }[]; jsdoc: string; customFunction: boolean }[] = readPublicApi(path.join(ROOT, 'src/main.ts'));

function topLevel() {
  const sf = ts.createSourceFile('Code.js', codeJs(), ts.ScriptTarget.ES2019, true, ts.ScriptKind.JS);
  return sf.statements.map((s) => {
    if (ts.isFunctionDeclaration(s)) {
      const text = sf.getFullText();
      const ranges = ts.getLeadingCommentRanges(text, s.getFullStart()) || [];
      const doc = ranges.length ? text.slice(ranges[ranges.length - 1].pos, ranges[ranges.length - 1].end) : '';
      return { kind: 'function', name: s.name!.text, params: s.parameters.map((p) => p.name.getText(sf)), doc };
    }
    if (ts.isVariableStatement(s)) return { kind: 'var', name: s.declarationList.declarations.map((d) => d.name.getText(sf)).join(','), params: [], doc: '' };
    if (ts.isExpressionStatement(s) && ts.isStringLiteral(s.expression)) return { kind: 'directive', name: s.expression.text, params: [], doc: '' };
    return { kind: ts.SyntaxKind[s.kind], name: '', params: [], doc: '' };
  });
}

describe('dist/Code.js', () => {
  it('exists, stays under 300 KB and is not minified', () => {
    expect(fs.statSync(CODE_JS).size).toBeLessThan(300 * 1024);
    const lines = codeJs().split('\n');
    expect(lines.length).toBeGreaterThan(3000);
    expect(lines.filter((l) => l.length > 500)).toEqual([]);
    // Minifiers turn true/false into !0/!1 and rename locals to one letter: neither happened.
    expect(codeJs()).not.toMatch(/[=(,]\s*!0\b/);
    expect(codeJs()).toContain('function paretoClasses(totals, aShare = 0.8, bShare = 0.95)');
  });

  it('declares every public name as a top-level function that delegates into the bundle', () => {
    const stmts = topLevel();
    const fns = stmts.filter((s) => s.kind === 'function');
    expect(fns.map((f) => f.name).sort()).toEqual(api.map((f) => f.name).sort());
    for (const f of api) {
      const decl = fns.find((d) => d.name === f.name)!;
      expect(decl.params).toEqual(f.params.map((p) => p.name));
    }
    for (const name of ['onOpen', 'onInstall', 'PARETO_RANK', 'SEGMENT', 'SEGMENT_CUSTOMERS', 'CLV', 'CLV_SIMPLE', 'showSidebar', 'wizardUndoFromMenu']) {
      expect(fns.map((f) => f.name)).toContain(name);
    }
  });

  it('has no other top-level statements than "use strict", var AddOn and the wrappers', () => {
    const other = topLevel().filter(
      (s) => s.kind !== 'function' && !(s.kind === 'var' && s.name === 'AddOn') && !(s.kind === 'directive' && s.name === 'use strict'),
    );
    expect(other).toEqual([]);
    expect(codeJs()).not.toMatch(/^\s*export\s/m);
    expect(codeJs()).not.toMatch(/^\s*import\s/m);
  });

  it('uses no API that Apps Script lacks (timers, Node, browser, post-ES2019 built-ins)', () => {
    // Code only: strings and comments blanked.
    const noStrings = codeJs().replace(/"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|\/\*[\s\S]*?\*\/|\/\/.*$/gm, '""');
    for (const api of [
      'setTimeout',
      'setInterval',
      'queueMicrotask',
      'structuredClone',
      'TextEncoder',
      'TextDecoder',
      'require(',
      'process.',
      'Buffer.',
      'globalThis',
      'window.',
      'document.',
      'replaceAll(',
      'Object.hasOwn(',
      '.findLast(',
      '.at(',
    ]) {
      expect(noStrings.includes(api), api).toBe(false);
    }
    // ES2019 target: no optional chaining or nullish coalescing survives.
    expect(noStrings).not.toMatch(/\?\.[A-Za-z_$[(]|\?\?/);
  });

  it('leaks no internal helper into the global scope', () => {
    const ctx = loadPlain();
    const names = Object.keys(ctx).sort();
    expect(names).toEqual(['AddOn', ...api.map((f) => f.name)].sort());
    // The bundle object exposes only the public functions too.
    expect(Object.keys(ctx.AddOn).sort()).toEqual(api.map((f) => f.name).sort());
  });

  it('keeps the full JSDoc of every custom function right above its wrapper', () => {
    const fns = topLevel().filter((s) => s.kind === 'function');
    const custom = api.filter((f) => f.customFunction);
    expect(custom.map((f) => f.name)).toEqual(expect.arrayContaining(['PARETO_RANK', 'SEGMENT', 'SEGMENT_CUSTOMERS', 'CLV', 'CLV_SIMPLE']));
    for (const f of custom) {
      const doc = fns.find((d) => d.name === f.name)!.doc;
      expect(doc, f.name).toContain('@customfunction');
      const parsed = parseJsdoc(doc);
      expect(parsed.summary.length, `${f.name} summary`).toBeGreaterThan(20);
      expect(
        parsed.params.map((p: { name: string }) => p.name),
        `${f.name} @param`,
      ).toEqual(f.params.map((p) => p.name));
      for (const p of parsed.params) expect(p.text.length, `${f.name} ${p.name}`).toBeGreaterThan(5);
      expect(parsed.examples.length, `${f.name} @example`).toBeGreaterThan(0);
      expect(parsed.examples[0]).toMatch(new RegExp(`^=${f.name}\\(`));
    }
    // Non-custom entry points must not show up in autocomplete.
    for (const f of api.filter((g) => !g.customFunction)) expect(f.jsdoc).not.toContain('@customfunction');
  });
});

describe('dist/appsscript.json', () => {
  it('asks only for the narrowest scopes, on V8 with a time zone', () => {
    const m = JSON.parse(fs.readFileSync(path.join(DIST, 'appsscript.json'), 'utf8'));
    expect(m.runtimeVersion).toBe('V8');
    expect(m.timeZone).toMatch(/\//);
    expect(m.oauthScopes.sort()).toEqual(['https://www.googleapis.com/auth/script.container.ui', 'https://www.googleapis.com/auth/spreadsheets.currentonly']);
    expect(m.addOns).toBeUndefined();
  });
});

describe('dist/Sidebar.html', () => {
  it('is one self-contained file under 150 KB with no external scripts or styles', () => {
    const html = fs.readFileSync(path.join(DIST, 'Sidebar.html'), 'utf8');
    expect(Buffer.byteLength(html)).toBeLessThan(150 * 1024);
    expect(html).not.toMatch(/<script[^>]+src=/i);
    expect(html).not.toMatch(/<link[^>]+stylesheet/i);
    expect(html).toContain('<script>');
    expect(html).not.toContain('INLINE:');
    // HtmlService mangles `//` inside template literals: the inlined script must have none.
    const script = html.slice(html.indexOf('<script>') + 8, html.lastIndexOf('</script>'));
    const withoutStrings = script.replace(/"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'/g, '""');
    expect(withoutStrings).not.toContain('`');
  });
});

// Reads the public surface of src/main.ts with the TypeScript compiler API: every exported function
// (including re-exports), its parameter names and its full JSDoc comment. The build turns these into
// top-level Apps Script wrappers; the README's function reference is generated from the same data.
import path from 'node:path';
import ts from 'typescript';

export function readPublicApi(entry = 'src/main.ts') {
  const file = path.resolve(entry);
  const program = ts.createProgram([file], {
    target: ts.ScriptTarget.ES2019,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    allowJs: false,
    noEmit: true,
    skipLibCheck: true,
  });
  const checker = program.getTypeChecker();
  const sf = program.getSourceFile(file);
  if (!sf) throw new Error(`cannot read ${entry}`);
  const moduleSymbol = checker.getSymbolAtLocation(sf);
  const out = [];
  for (const exp of checker.getExportsOfModule(moduleSymbol)) {
    const sym = exp.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exp) : exp;
    const decl = sym.declarations?.find((d) => ts.isFunctionDeclaration(d));
    if (!decl) {
      const kinds = (sym.declarations || []).map((d) => ts.SyntaxKind[d.kind]).join(',');
      if (!(sym.flags & (ts.SymbolFlags.TypeAlias | ts.SymbolFlags.Interface)))
        throw new Error(`src/main.ts exports "${exp.name}" (${kinds}), but only functions may be public: every export becomes an Apps Script global`);
      continue;
    }
    const text = decl.getSourceFile().getFullText();
    const ranges = ts.getLeadingCommentRanges(text, decl.getFullStart()) || [];
    const docs = ranges.filter((r) => text.slice(r.pos, r.pos + 3) === '/**');
    const jsdoc = docs.length ? text.slice(docs[docs.length - 1].pos, docs[docs.length - 1].end) : '';
    const params = decl.parameters.map((p) => {
      if (!ts.isIdentifier(p.name)) throw new Error(`${exp.name}: destructured parameters cannot be wrapped`);
      return { name: p.name.text, rest: !!p.dotDotDotToken, optional: !!p.questionToken || !!p.initializer };
    });
    out.push({ name: exp.name, params, jsdoc, customFunction: /@customfunction\b/.test(jsdoc) });
  }
  return out;
}

/** Parses a JSDoc block into summary text, @param entries, @return and examples. */
export function parseJsdoc(jsdoc) {
  const body = jsdoc
    .replace(/^\/\*\*/, '')
    .replace(/\*\/$/, '')
    .split('\n')
    .map((l) => l.replace(/^\s*\* ?/, ''))
    .join('\n')
    .trim();
  const parts = body.split(/\n(?=@)/);
  const summary = parts[0].startsWith('@') ? '' : parts.shift().trim();
  const params = [];
  let returns = '';
  const examples = [];
  for (const p of parts) {
    let m = /^@param\s+(?:\{([^}]*)\}\s+)?(\[?[\w.]+(?:=[^\]]*)?\]?)\s*(?:-\s*)?([\s\S]*)$/.exec(p);
    if (m) {
      params.push({
        type: m[1] || '',
        name: m[2].replace(/^\[|\]$/g, '').replace(/=.*/, ''),
        optional: m[2].startsWith('['),
        text: m[3].trim().replace(/\s+/g, ' '),
      });
      continue;
    }
    m = /^@returns?\s+(?:\{[^}]*\}\s+)?([\s\S]*)$/.exec(p);
    if (m) {
      returns = m[1].trim().replace(/\s+/g, ' ');
      continue;
    }
    m = /^@example\s+([\s\S]*)$/.exec(p);
    if (m) examples.push(m[1].trim());
  }
  return { summary, params, returns, examples };
}

/**
 * A small formula reader for the playground: `=NAME(arg, ...)` where an argument is a number
 * (`12`, `-3.5`, `80%`), a string (`"text"`, `""` escapes a quote), TRUE/FALSE, an A1 reference
 * (`A2:A100`, `C:C`, `A2:D`, `'Đơn hàng'!B2:B`, `Sheet1!A1`), an empty argument, or a nested call.
 * With a comma-decimal spreadsheet locale, Sheets separates arguments with `;` and writes `0,8`;
 * both separators are accepted (`;` always; `,` as a separator unless the locale is comma-decimal
 * and `;` is in use).
 *
 * It is not a formula engine: no operators, no arithmetic. It exists so that the add-on's custom
 * functions (which run in the real dist/Code.js) can be typed into a cell and spill, as in Sheets.
 */
import type { Lang, Localized } from '../src/core/i18n';
import { localize } from '../src/core/i18n';

export type FormulaArg =
  | { kind: 'number'; value: number }
  | { kind: 'string'; value: string }
  | { kind: 'bool'; value: boolean }
  | { kind: 'blank' }
  | { kind: 'range'; text: string; sheet: string | null; ref: string }
  | { kind: 'call'; name: string; args: FormulaArg[] };

export interface FormulaCall {
  kind: 'call';
  name: string;
  args: FormulaArg[];
}

export const FORMULA_MSG = {
  notFormula: { en: 'a formula starts with "="', vi: 'công thức phải bắt đầu bằng "="' },
  expectedName: {
    en: 'only function calls such as =PARETO_RANK(A2:A, B2:B) are supported here (at "{at}")',
    vi: 'ở đây chỉ hỗ trợ lời gọi hàm như =PARETO_RANK(A2:A; B2:B) (tại "{at}")',
  },
  expected: { en: 'expected {what} at "{at}"', vi: 'cần {what} tại "{at}"' },
  unclosedString: { en: 'a text value is missing its closing quote', vi: 'một giá trị văn bản thiếu dấu ngoặc kép đóng' },
  trailing: { en: 'unexpected "{at}" after the closing parenthesis', vi: 'có "{at}" thừa sau dấu ngoặc đóng' },
  badRef: { en: '"{ref}" is not a valid cell reference', vi: '"{ref}" không phải là tham chiếu ô hợp lệ' },
  unknownFn: { en: 'unknown function {name}', vi: 'không có hàm {name}' },
  closeParen: { en: 'a closing parenthesis ")"', vi: 'dấu ngoặc đóng ")"' },
  argument: { en: 'an argument', vi: 'một đối số' },
} satisfies Record<string, Localized>;

export class FormulaError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FormulaError';
  }
}

/** One A1 part: `A1`, `$A$1`, `A`, `1`. */
const A1_PART = /^\$?[A-Za-z]{1,3}\$?\d{0,7}$|^\$?\d{1,7}$/;

function isRefText(s: string): boolean {
  const parts = s.split(':');
  if (parts.length > 2) return false;
  if (!parts.every((p) => A1_PART.test(p))) return false;
  // A lone column (`A`) or row (`3`) is not a reference; a lone cell is.
  if (parts.length === 1) return /^\$?[A-Za-z]{1,3}\$?\d{1,7}$/.test(parts[0]);
  return true;
}

/**
 * Parses `=NAME(...)`. `commaDecimal`: the spreadsheet uses `,` as its decimal mark (vi_VN), so
 * `0,8` is a number when `;` separates the arguments.
 */
export function parseFormula(input: string, lang: Lang = 'en', commaDecimal = false): FormulaCall {
  const src = input.trim();
  const err = (text: Localized, params?: Record<string, string | number>) => new FormulaError(localize(lang, text, params));
  if (!src.startsWith('=')) throw err(FORMULA_MSG.notFormula);
  let i = 1;
  const semicolons = /;/.test(src.replace(/"(?:[^"]|"")*"/g, ''));
  const sepChars = semicolons ? ';' : ',';
  const decimalComma = commaDecimal && semicolons;
  const ws = () => {
    while (i < src.length && /\s/.test(src[i])) i++;
  };
  const at = () => src.slice(i, i + 12) || '<end>';

  const parseCall = (): FormulaCall => {
    ws();
    const m = /^[A-Za-z_][A-Za-z0-9_.]*/.exec(src.slice(i));
    if (!m) throw err(FORMULA_MSG.expectedName, { at: at() });
    const name = m[0].toUpperCase();
    i += m[0].length;
    ws();
    if (src[i] !== '(') throw err(FORMULA_MSG.expectedName, { at: at() });
    i++;
    const args: FormulaArg[] = [];
    ws();
    if (src[i] === ')') {
      i++;
      return { kind: 'call', name, args };
    }
    for (;;) {
      args.push(parseArg());
      ws();
      if (src[i] === ')') {
        i++;
        return { kind: 'call', name, args };
      }
      if (src[i] === sepChars || src[i] === ';') {
        i++;
        continue;
      }
      throw err(FORMULA_MSG.expected, { what: localize(lang, FORMULA_MSG.closeParen), at: at() });
    }
  };

  const parseArg = (): FormulaArg => {
    ws();
    const c = src[i];
    if (c === undefined) throw err(FORMULA_MSG.expected, { what: localize(lang, FORMULA_MSG.argument), at: at() });
    if (c === sepChars || c === ';' || c === ')') return { kind: 'blank' };
    if (c === '"') {
      let s = '';
      i++;
      for (;;) {
        if (i >= src.length) throw err(FORMULA_MSG.unclosedString);
        if (src[i] === '"') {
          if (src[i + 1] === '"') {
            s += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        s += src[i++];
      }
      return { kind: 'string', value: s };
    }
    // Numbers: 12, -3.5, .5, 80%, 1e3; with decimal comma `0,8`.
    const numRe = decimalComma ? /^[-+]?(\d+(,\d+)?|,\d+)([eE][-+]?\d+)?%?/ : /^[-+]?(\d+(\.\d+)?|\.\d+)([eE][-+]?\d+)?%?/;
    const nm = numRe.exec(src.slice(i));
    if (nm && !/^[A-Za-z:$!]/.test(src.slice(i + nm[0].length))) {
      let t = nm[0];
      const pct = t.endsWith('%');
      if (pct) t = t.slice(0, -1);
      let v = Number(decimalComma ? t.replace(',', '.') : t);
      if (pct) v /= 100;
      i += nm[0].length;
      return { kind: 'number', value: v };
    }
    // A sheet-qualified reference: 'Quoted name'!A1:B2 or Name!A1.
    let sheet: string | null = null;
    const start = i;
    if (c === "'") {
      let name = '';
      i++;
      for (;;) {
        if (i >= src.length) throw err(FORMULA_MSG.unclosedString);
        if (src[i] === "'") {
          if (src[i + 1] === "'") {
            name += "'";
            i += 2;
            continue;
          }
          i++;
          break;
        }
        name += src[i++];
      }
      if (src[i] !== '!') throw err(FORMULA_MSG.badRef, { ref: src.slice(start, i + 1) });
      i++;
      sheet = name;
    }
    const word = /^[^\s,;()"']+/.exec(src.slice(i));
    if (!word) throw err(FORMULA_MSG.expected, { what: localize(lang, FORMULA_MSG.argument), at: at() });
    let w = word[0];
    // Function call?
    if (!sheet && src[i + w.length] === '(' && /^[A-Za-z_][A-Za-z0-9_.]*$/.test(w)) return parseCall();
    if (!sheet && w.includes('!')) {
      const bang = w.lastIndexOf('!');
      sheet = w.slice(0, bang);
      w = w.slice(bang + 1);
      i += bang + 1;
    }
    i += w.length;
    if (!sheet && /^(TRUE|FALSE)$/i.test(w)) return { kind: 'bool', value: w.toUpperCase() === 'TRUE' };
    if (!isRefText(w)) throw err(FORMULA_MSG.badRef, { ref: src.slice(start, i) });
    return { kind: 'range', text: src.slice(start, i), sheet, ref: w.replace(/\$/g, '').toUpperCase() };
  };

  const call = parseCall();
  ws();
  if (i < src.length) throw err(FORMULA_MSG.trailing, { at: at() });
  return call;
}

/** Every range a formula reads (for recalculation when one of them changes). */
export function formulaRanges(call: FormulaCall): { sheet: string | null; ref: string }[] {
  const out: { sheet: string | null; ref: string }[] = [];
  const visit = (a: FormulaArg) => {
    if (a.kind === 'range') out.push({ sheet: a.sheet, ref: a.ref });
    else if (a.kind === 'call') a.args.forEach(visit);
  };
  call.args.forEach(visit);
  return out;
}

export interface FormulaEnv {
  /** Values of a range as a custom function receives them: a 2D array, or a single value for one cell. */
  range(sheet: string | null, ref: string): unknown;
  /** The function to call (from dist/Code.js's globals), or undefined when there is none. */
  fn(name: string): ((...args: unknown[]) => unknown) | undefined;
  lang: Lang;
}

/**
 * Evaluates a parsed call. Returns what the function returned as a 2D array (a single value
 * becomes 1x1). A thrown error becomes a FormulaError with the function's own message.
 */
export function evaluateFormula(call: FormulaCall, env: FormulaEnv): unknown[][] {
  const value = evalCall(call, env);
  if (Array.isArray(value)) {
    if (value.length === 0) return [['']];
    return value.map((r) => (Array.isArray(r) ? r : [r]));
  }
  return [[value]];
}

function evalCall(call: FormulaCall, env: FormulaEnv): unknown {
  const f = env.fn(call.name);
  if (!f) throw new FormulaError(localize(env.lang, FORMULA_MSG.unknownFn, { name: call.name }));
  const args = call.args.map((a) => evalArg(a, env));
  // Sheets leaves trailing omitted arguments out entirely.
  while (args.length && args[args.length - 1] === undefined) args.pop();
  try {
    return f(...args);
  } catch (e) {
    const msg = e && typeof e === 'object' && 'message' in e ? String((e as Error).message) : String(e);
    throw new FormulaError(msg);
  }
}

function evalArg(a: FormulaArg, env: FormulaEnv): unknown {
  switch (a.kind) {
    case 'number':
    case 'string':
    case 'bool':
      return a.value;
    case 'blank':
      return undefined;
    case 'range':
      return env.range(a.sheet, a.ref);
    case 'call':
      return evalCall(a, env);
  }
}

/**
 * Rendering cell values with Sheets number formats, the way `Range.getDisplayValues()` shows them,
 * in the spreadsheet locale (vi_VN: `1.234.567,5`; en_US: `1,234,567.5`).
 *
 * Supported: `General`/empty, `@`, digit placeholders `0 # ?`, grouping `,`, decimals `.`, `%`,
 * scientific `E+`/`E-`, up to four `;` sections (positive;negative;zero;text), quoted literals,
 * backslash escapes, `_x` padding, `*x` fill (dropped), `[Red]`-style colours (ignored),
 * conditions (ignored), currency blocks `[$₫]` / `[$€-407]`, and date/time tokens
 * `d dd ddd dddd m mm mmm mmmm mmmmm yy yyyy h hh m mm s ss AM/PM A/P` (case-insensitive),
 * elapsed `[h] [m] [s]`, fractional seconds `ss.000`.
 */
import { decimalCommaLocale, monthFirstLocale } from '../src/core/i18n';
import { civil, MS_PER_DAY, msToSerial, SERIAL_1970 } from './time';

export interface Separators {
  group: string;
  decimal: string;
}

export function separators(locale: string): Separators {
  return decimalCommaLocale(locale) ? { group: '.', decimal: ',' } : { group: ',', decimal: '.' };
}

/** The default pattern Sheets applies to a date (or date-time) typed or written into a General cell. */
export function defaultDateFormat(locale: string, withTime: boolean): string {
  const d = monthFirstLocale(locale) ? 'M/d/yyyy' : 'dd/MM/yyyy';
  return withTime ? `${d} H:mm:ss` : d;
}

const isGeneral = (f: string | undefined): boolean => !f || f === 'General' || f === 'general';

type Token =
  | { t: 'lit'; s: string }
  | { t: 'ph'; c: '0' | '#' | '?' }
  | { t: 'dot' }
  | { t: 'comma' }
  | { t: 'pct' }
  | { t: 'exp'; sign: '+' | '-' }
  | { t: 'date'; s: string }
  | { t: 'elapsed'; unit: 'h' | 'm' | 's'; width: number }
  | { t: 'ampm'; s: string }
  | { t: 'at' };

interface Section {
  tokens: Token[];
  isDate: boolean;
  hasNumber: boolean;
}

const cache = new Map<string, Section[]>();

/** Splits on `;` outside quotes and brackets. */
function splitSections(fmt: string): string[] {
  const out: string[] = [];
  let cur = '';
  let q = false;
  let br = false;
  for (let i = 0; i < fmt.length; i++) {
    const ch = fmt[i];
    if (ch === '\\' && !q && i + 1 < fmt.length) {
      cur += ch + fmt[++i];
      continue;
    }
    if (ch === '"' && !br) q = !q;
    else if (ch === '[' && !q) br = true;
    else if (ch === ']' && !q) br = false;
    if (ch === ';' && !q && !br) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

function tokenize(src: string): Section {
  const tokens: Token[] = [];
  let isDate = false;
  let hasNumber = false;
  const lit = (s: string) => {
    const last = tokens[tokens.length - 1];
    if (last && last.t === 'lit') last.s += s;
    else tokens.push({ t: 'lit', s });
  };
  let i = 0;
  while (i < src.length) {
    const ch = src[i];
    const rest = src.slice(i);
    if (ch === '"') {
      const j = src.indexOf('"', i + 1);
      lit(j < 0 ? src.slice(i + 1) : src.slice(i + 1, j));
      i = j < 0 ? src.length : j + 1;
      continue;
    }
    if (ch === '\\') {
      lit(src[i + 1] ?? '');
      i += 2;
      continue;
    }
    if (ch === '_') {
      lit(' ');
      i += 2;
      continue;
    }
    if (ch === '*') {
      i += 2;
      continue;
    }
    if (ch === '[') {
      const j = src.indexOf(']', i);
      const inner = j < 0 ? src.slice(i + 1) : src.slice(i + 1, j);
      i = j < 0 ? src.length : j + 1;
      if (inner.startsWith('$')) {
        const dash = inner.indexOf('-');
        lit(dash < 0 ? inner.slice(1) : inner.slice(1, dash));
      } else if (/^(h+|m+|s+)$/i.test(inner)) {
        tokens.push({ t: 'elapsed', unit: inner[0].toLowerCase() as 'h' | 'm' | 's', width: inner.length });
        isDate = true;
      }
      // colours and conditions are ignored
      continue;
    }
    if (ch === '0' || ch === '#' || ch === '?') {
      tokens.push({ t: 'ph', c: ch });
      hasNumber = true;
      i++;
      continue;
    }
    if (ch === '.') {
      tokens.push({ t: 'dot' });
      i++;
      continue;
    }
    if (ch === ',') {
      tokens.push({ t: 'comma' });
      i++;
      continue;
    }
    if (ch === '%') {
      tokens.push({ t: 'pct' });
      i++;
      continue;
    }
    if (ch === '@') {
      tokens.push({ t: 'at' });
      i++;
      continue;
    }
    if ((ch === 'E' || ch === 'e') && (src[i + 1] === '+' || src[i + 1] === '-') && hasNumber) {
      tokens.push({ t: 'exp', sign: src[i + 1] as '+' | '-' });
      i += 2;
      continue;
    }
    const ampm = /^(am\/pm|a\/p)/i.exec(rest);
    if (ampm) {
      tokens.push({ t: 'ampm', s: ampm[1] });
      isDate = true;
      i += ampm[1].length;
      continue;
    }
    const dm = /^(y+|m+|d+|h+|s+)/i.exec(rest);
    if (dm) {
      tokens.push({ t: 'date', s: dm[1].toLowerCase() });
      isDate = true;
      i += dm[1].length;
      continue;
    }
    lit(ch);
    i++;
  }
  if (isDate) {
    // `m`/`mm` right after an hour or right before a second means minutes.
    const dateIdx = tokens.map((t, k) => (t.t === 'date' || t.t === 'elapsed' ? k : -1)).filter((k) => k >= 0);
    const unitOf = (k: number) => {
      const t = tokens[k];
      return t.t === 'elapsed' ? t.unit : t.t === 'date' ? t.s[0] : '';
    };
    for (let n = 0; n < dateIdx.length; n++) {
      const tok = tokens[dateIdx[n]];
      if (tok.t !== 'date' || tok.s[0] !== 'm' || tok.s.length > 2) continue;
      const prev = n > 0 ? unitOf(dateIdx[n - 1]) : '';
      const next = n + 1 < dateIdx.length ? unitOf(dateIdx[n + 1]) : '';
      if (prev === 'h' || next === 's') tok.s = tok.s.replace(/m/g, 'M'); // M = minutes internally
    }
  }
  return { tokens, isDate, hasNumber };
}

function sections(fmt: string): Section[] {
  let s = cache.get(fmt);
  if (!s) {
    s = splitSections(fmt).map(tokenize);
    if (cache.size > 5000) cache.clear();
    cache.set(fmt, s);
  }
  return s;
}

/** True when the format shows dates or times (so a number in the cell reads back as a Date). */
export function isDateFormat(fmt: string | undefined): boolean {
  if (isGeneral(fmt) || fmt === '@') return false;
  const s = sections(fmt as string);
  return s[0].isDate;
}

/** True for a format that shows numbers (not General, not text, not a date). */
export function isNumberFormat(fmt: string | undefined): boolean {
  if (isGeneral(fmt) || fmt === '@') return false;
  const s = sections(fmt as string)[0];
  return !s.isDate && s.hasNumber;
}

/** Decimal-exact rounding to `k` decimals (avoids 1.005 → 1.00). */
function roundTo(x: number, k: number): number {
  if (!Number.isFinite(x)) return x;
  const r = Number(`${Math.round(Number(`${x}e${k}`))}e-${k}`);
  return Number.isFinite(r) ? r : x;
}

function fixed(x: number, k: number): string {
  const r = roundTo(x, k);
  if (Math.abs(r) >= 1e21) return BigInt(Math.round(r)).toString();
  return r.toFixed(k);
}

function group(intDigits: string, sep: string): string {
  let out = '';
  let n = 0;
  for (let i = intDigits.length - 1; i >= 0; i--) {
    out = intDigits[i] + out;
    if (++n % 3 === 0 && i > 0) out = sep + out;
  }
  return out;
}

/** `General` rendering of a number: no grouping, up to 10 significant digits, `1E+15` beyond. */
export function generalNumber(n: number, sep: Separators): string {
  if (!Number.isFinite(n)) return n > 0 ? '#NUM!' : n < 0 ? '-#NUM!' : '#NUM!';
  if (n === 0) return '0';
  const abs = Math.abs(n);
  let s: string;
  if (abs >= 1e15 || abs < 1e-9) {
    const [m, e] = n.toExponential(5).split('e');
    const mant = m.includes('.') ? m.replace(/0+$/, '').replace(/\.$/, '') : m;
    const ex = Number(e);
    s = `${mant}E${ex < 0 ? '-' : '+'}${String(Math.abs(ex)).padStart(2, '0')}`;
  } else if (Number.isInteger(n)) s = String(n);
  else {
    s = String(Number(n.toPrecision(10)));
    if (/e/i.test(s)) s = Number(s).toFixed(10).replace(/0+$/, '').replace(/\.$/, '');
  }
  return sep.decimal === '.' ? s : s.replace('.', sep.decimal);
}

function renderNumber(x: number, sec: Section, sep: Separators, negSection: boolean): string {
  const tokens = sec.tokens;
  let pct = 0;
  let expIdx = -1;
  let dotIdx = -1;
  let firstPh = -1;
  let lastPh = -1;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.t === 'pct') pct++;
    else if (t.t === 'exp' && expIdx < 0) expIdx = i;
    else if (t.t === 'dot' && dotIdx < 0 && expIdx < 0) dotIdx = i;
    else if (t.t === 'ph') {
      if (firstPh < 0) firstPh = i;
      if (expIdx < 0) lastPh = i;
    }
  }
  let v = x * 100 ** pct;
  if (firstPh < 0) {
    // No digit placeholders: the section is all literal (e.g. `"zero"`).
    return tokens.map((t) => (t.t === 'lit' ? t.s : t.t === 'pct' ? '%' : t.t === 'dot' ? sep.decimal : '')).join('');
  }
  const mantEnd = expIdx >= 0 ? expIdx : tokens.length;
  const intEnd = dotIdx >= 0 ? dotIdx : mantEnd;
  // Placeholders before the decimal point, grouping, and trailing-comma scaling.
  let minInt = 0;
  let grouping = false;
  let seenPh = false;
  for (let i = firstPh; i < intEnd; i++) {
    const t = tokens[i];
    if (t.t === 'ph') {
      seenPh = true;
      if (t.c === '0' || t.c === '?') minInt++;
    } else if (t.t === 'comma' && seenPh) {
      // a comma followed by another placeholder groups; trailing commas scale by 1000
      let j = i + 1;
      while (j < intEnd && tokens[j].t !== 'ph' && tokens[j].t === 'comma') j++;
      if (j < intEnd && tokens[j].t === 'ph') grouping = true;
      else v /= 1000;
    }
  }
  let minFrac = 0;
  let maxFrac = 0;
  if (dotIdx >= 0) {
    for (let i = dotIdx + 1; i < mantEnd; i++) {
      const t = tokens[i];
      if (t.t === 'ph') {
        maxFrac++;
        if (t.c === '0' || t.c === '?') minFrac = maxFrac;
      }
    }
  }
  let expStr = '';
  if (expIdx >= 0) {
    let expDigits = 0;
    for (let i = expIdx + 1; i < tokens.length; i++) if (tokens[i].t === 'ph') expDigits++;
    let e = 0;
    const abs = Math.abs(v);
    const intPlaces = Math.max(1, minInt);
    if (abs !== 0) {
      e = Math.floor(Math.log10(abs)) - (intPlaces - 1);
      let m = roundTo(abs / 10 ** e, maxFrac);
      if (m >= 10 ** intPlaces) {
        e++;
        m = roundTo(abs / 10 ** e, maxFrac);
      }
      v = v < 0 ? -m : m;
    }
    const sign = e < 0 ? '-' : (tokens[expIdx] as { sign: string }).sign === '+' ? '+' : '';
    expStr = `E${sign}${String(Math.abs(e)).padStart(Math.max(1, expDigits), '0')}`;
  }
  const neg = v < 0 && !negSection;
  const str = fixed(Math.abs(v), maxFrac);
  let [intDigits, frac = ''] = str.split('.');
  if (intDigits === '0' && minInt === 0) intDigits = '';
  if (intDigits.length < minInt) intDigits = intDigits.padStart(minInt, '0');
  while (frac.length > minFrac && frac.endsWith('0')) frac = frac.slice(0, -1);
  if (grouping) intDigits = group(intDigits, sep.group);
  let numStr = intDigits + (frac ? sep.decimal + frac : '') + expStr;
  if (neg && /[1-9]/.test(numStr)) numStr = `-${numStr}`;
  // Literals before the first placeholder, the number, literals after the last one.
  let pre = '';
  let post = '';
  const lastNum = expIdx >= 0 ? tokens.length - 1 : Math.max(lastPh, dotIdx);
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    const txt = t.t === 'lit' ? t.s : t.t === 'pct' ? '%' : '';
    if (!txt) continue;
    if (i < firstPh) pre += txt;
    else if (i > lastNum) post += txt;
    else if (t.t === 'lit' || t.t === 'pct') post += txt;
  }
  if (neg && pre && numStr.startsWith('-')) return `-${pre}${numStr.slice(1)}${post}`;
  return pre + numStr + post;
}

function monthNames(locale: string, style: 'long' | 'short' | 'narrow'): string[] {
  const key = `${locale}|${style}`;
  let names = nameCache.get(key);
  if (!names) {
    // The month as used inside a date (`tháng 12`), not the stand-alone form (`Tháng 12`).
    const f = new Intl.DateTimeFormat(locale.replace('_', '-'), { day: 'numeric', month: style, timeZone: 'UTC' });
    names = [];
    for (let m = 0; m < 12; m++) {
      const part = f.formatToParts(new Date(Date.UTC(2024, m, 1))).find((p) => p.type === 'month');
      names.push(part ? part.value : String(m + 1));
    }
    nameCache.set(key, names);
  }
  return names;
}

function dayNames(locale: string, style: 'long' | 'short'): string[] {
  const key = `${locale}|day|${style}`;
  let names = nameCache.get(key);
  if (!names) {
    const f = new Intl.DateTimeFormat(locale.replace('_', '-'), { weekday: style, timeZone: 'UTC' });
    names = [];
    for (let d = 0; d < 7; d++) names.push(f.format(new Date(Date.UTC(2024, 0, 7 + d)))); // 2024-01-07 is a Sunday
    nameCache.set(key, names);
  }
  return names;
}
const nameCache = new Map<string, string[]>();

const pad = (n: number, w: number) => String(n).padStart(w, '0');

function renderDate(serial: number, sec: Section, locale: string, sep: Separators): string {
  const hasAmPm = sec.tokens.some((t) => t.t === 'ampm');
  // Round to the precision shown: seconds, or milliseconds when `ss.000` is present.
  const fracDigits = (() => {
    const i = sec.tokens.findIndex((t) => t.t === 'date' && t.s[0] === 's');
    if (i < 0) return 0;
    let n = 0;
    if (sec.tokens[i + 1]?.t === 'dot') for (let j = i + 2; j < sec.tokens.length && sec.tokens[j].t === 'ph'; j++) n++;
    return Math.min(3, n);
  })();
  const unit = fracDigits ? 10 ** (3 - fracDigits) : 1000;
  const ms = Math.round(((serial - SERIAL_1970) * MS_PER_DAY) / unit) * unit;
  const c = civil(ms, 'UTC');
  const totalSeconds = Math.floor(ms / 1000 + SERIAL_1970 * 86_400);
  let out = '';
  const toks = sec.tokens;
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i];
    switch (t.t) {
      case 'lit':
        out += t.s;
        break;
      case 'dot':
        if (fracDigits && toks[i - 1]?.t === 'date' && (toks[i - 1] as { s: string }).s[0] === 's') {
          out += sep.decimal + pad(c.ms, 3).slice(0, fracDigits);
          while (toks[i + 1]?.t === 'ph') i++;
        } else out += '.';
        break;
      case 'comma':
        out += ',';
        break;
      case 'pct':
        out += '%';
        break;
      case 'ampm': {
        const pm = c.h >= 12;
        out += t.s.length > 3 ? (pm ? 'PM' : 'AM') : pm ? 'P' : 'A';
        break;
      }
      case 'elapsed': {
        const v = t.unit === 'h' ? Math.floor(totalSeconds / 3600) : t.unit === 'm' ? Math.floor(totalSeconds / 60) : totalSeconds;
        out += pad(v, t.width);
        break;
      }
      case 'date': {
        const s = t.s;
        const k = s[0];
        if (k === 'y') out += s.length <= 2 ? pad(c.y % 100, 2) : String(c.y);
        else if (k === 'm') {
          if (s.length === 1) out += String(c.mo);
          else if (s.length === 2) out += pad(c.mo, 2);
          else if (s.length === 3) out += monthNames(locale, 'short')[c.mo - 1];
          else if (s.length === 5) out += monthNames(locale, 'narrow')[c.mo - 1];
          else out += monthNames(locale, 'long')[c.mo - 1];
        } else if (k === 'M') out += s.length === 1 ? String(c.mi) : pad(c.mi, 2);
        else if (k === 'd') {
          if (s.length === 1) out += String(c.d);
          else if (s.length === 2) out += pad(c.d, 2);
          else if (s.length === 3) out += dayNames(locale, 'short')[c.dow];
          else out += dayNames(locale, 'long')[c.dow];
        } else if (k === 'h') {
          const h = hasAmPm ? c.h % 12 || 12 : c.h;
          out += s.length === 1 ? String(h) : pad(h, 2);
        } else if (k === 's') out += s.length === 1 ? String(c.s) : pad(c.s, 2);
        break;
      }
      default:
        break;
    }
  }
  return out;
}

/**
 * Renders one stored cell value with a number format. `v` is what the cell holds: '' for empty,
 * a number, a boolean, a string or a Date (an instant; shown in `timeZone`).
 */
export function formatValue(v: unknown, fmt: string | undefined, locale: string, timeZone: string): string {
  if (v === '' || v === null || v === undefined) return '';
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  const sep = separators(locale);
  if (typeof v === 'string') {
    if (isGeneral(fmt) || fmt === '@') return v;
    const secs = sections(fmt as string);
    const textSec = secs[3] ?? (secs.length === 1 && secs[0].tokens.some((t) => t.t === 'at') ? secs[0] : undefined);
    if (!textSec) return v;
    return textSec.tokens.map((t) => (t.t === 'at' ? v : t.t === 'lit' ? t.s : '')).join('');
  }
  let num: number;
  let isDateValue = false;
  if (Object.prototype.toString.call(v) === '[object Date]') {
    const t = (v as Date).getTime();
    if (!Number.isFinite(t)) return '#VALUE!';
    num = msToSerial(t, timeZone);
    isDateValue = true;
  } else if (typeof v === 'number') num = v;
  else return String(v);
  if (fmt === '@') return isDateValue ? formatValue(v, defaultDateFormat(locale, num % 1 !== 0), locale, timeZone) : generalNumber(num, sep);
  if (isGeneral(fmt)) {
    if (isDateValue) return formatValue(num, defaultDateFormat(locale, Math.abs(num % 1) > 1e-9), locale, 'UTC');
    return generalNumber(num, sep);
  }
  if (!Number.isFinite(num)) return '#NUM!';
  const secs = sections(fmt as string);
  let sec = secs[0];
  let negSection = false;
  if (num < 0 && secs.length >= 2 && (secs[1].tokens.length > 0 || secs.length > 2)) {
    sec = secs[1];
    negSection = true;
  } else if (num === 0 && secs.length >= 3) sec = secs[2];
  if (sec.isDate) {
    if (num < 0) return '#VALUE!';
    return renderDate(num, sec, locale, sep);
  }
  if (!sec.hasNumber && sec.tokens.some((t) => t.t === 'at')) return generalNumber(num, sep);
  return renderNumber(negSection ? Math.abs(num) : num, sec, sep, negSection);
}

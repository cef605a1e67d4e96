/**
 * How Sheets stores a string written by `setValue(s)` / `setValues`: as if the user typed it.
 *
 * Converted (unless the cell's number format is `@`, plain text):
 * - `=…` (longer than `=`) becomes a formula;
 * - `'…` is stored as the text after the apostrophe (never converted);
 * - `TRUE` / `FALSE` (any case) become booleans;
 * - numbers in the spreadsheet locale: optional sign, digits with correct grouping
 *   (`1,234,567.5` in en_US, `1.234.567,5` in vi_VN), a decimal part, an exponent (`1e5`),
 *   a trailing `%` (`12%` → 0.12, format `0%`), en_US `$1,234.50` and vi_VN `1.234 ₫`
 *   (currency format applied). Leading zeros are lost: `0912345678` → 912345678;
 * - unambiguous dates: ISO `2024-12-31` / `2024/12/31` (optionally ` 13:45` or ` 13:45:30`),
 *   and the locale's `31/12/2024` (day first) or `12/31/2024` (en_US, month first), only when the
 *   date exists. The cell gets a date format when it had none.
 * Everything else stays text: two-digit years, month names, times without a date,
 * `1.5` in vi_VN, `(123)`, other currencies, text with spaces between digits.
 */
import { decimalCommaLocale, monthFirstLocale } from '../src/core/i18n';
import { defaultDateFormat } from './format';
import { fromCivil } from './time';

export interface Typed {
  value: string | number | boolean | Date;
  /** A number format Sheets applies automatically when the cell has none. */
  format?: string;
}

/** Digits with optional grouping, a decimal part and an exponent: decimal comma (vi_VN) or point (en_US). */
const NUM_COMMA = /^(\d{1,3}(?:\.\d{3})+|\d+)?(?:,(\d+))?(?:[eE]([+-]?\d{1,3}))?$/;
const NUM_DOT = /^(\d{1,3}(?:,\d{3})+|\d+)?(?:\.(\d+))?(?:[eE]([+-]?\d{1,3}))?$/;
const ISO = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;
const LOCAL = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;

function validDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1 || y < 1 || y > 9999) return false;
  const dim = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return d <= dim;
}

function validTime(h?: string, mi?: string, s?: string): boolean {
  if (h === undefined) return true;
  return Number(h) < 24 && Number(mi) < 60 && (s === undefined || Number(s) < 60);
}

/** Parses a number typed in `locale`; null when it is not one. */
export function parseTypedNumber(raw: string, locale: string): Typed | null {
  let s = raw.trim();
  if (!s) return null;
  const comma = decimalCommaLocale(locale);
  let format: string | undefined;
  let neg = false;
  if (s[0] === '-' || s[0] === '+') {
    neg = s[0] === '-';
    s = s.slice(1);
  }
  if (!comma && s[0] === '$') {
    s = s.slice(1);
    format = '"$"#,##0.00';
  } else if (comma && /^vi/i.test(locale) && /\s?₫$/.test(s)) {
    s = s.replace(/\s?₫$/, '');
    format = '#,##0 ₫';
  }
  let pct = false;
  if (!format && s.endsWith('%')) {
    pct = true;
    s = s.slice(0, -1).trimEnd();
  }
  const group = comma ? '.' : ',';
  const m = (comma ? NUM_COMMA : NUM_DOT).exec(s);
  if (!m || (!m[1] && !m[2])) return null;
  const intPart = (m[1] ?? '0').split(group).join('');
  const text = `${intPart}${m[2] ? `.${m[2]}` : ''}${m[3] ? `e${m[3]}` : ''}`;
  let n = Number(text);
  if (!Number.isFinite(n)) return null;
  if (pct) {
    n = Number(`${text}e-2`);
    format = m[2] || n * 100 !== Math.round(n * 100) ? '0.00%' : '0%';
  }
  if (neg) n = -n;
  if (Object.is(n, -0)) n = 0;
  return format ? { value: n, format } : { value: n };
}

/** Parses a date typed in `locale` into the instant of that civil time in `timeZone`; null if not one. */
export function parseTypedDate(raw: string, locale: string, timeZone: string): Typed | null {
  const s = raw.trim();
  let m = ISO.exec(s);
  let y: number;
  let mo: number;
  let d: number;
  let iso = false;
  if (m) {
    y = +m[1];
    mo = +m[2];
    d = +m[3];
    iso = true;
  } else {
    m = LOCAL.exec(s);
    if (!m) return null;
    y = +m[3];
    if (monthFirstLocale(locale)) {
      mo = +m[1];
      d = +m[2];
    } else {
      d = +m[1];
      mo = +m[2];
    }
  }
  if (!validDate(y, mo, d) || !validTime(m[4], m[5], m[6])) return null;
  const withTime = m[4] !== undefined;
  const ms = fromCivil(y, mo, d, withTime ? +m[4] : 0, withTime ? +m[5] : 0, m[6] ? +m[6] : 0, timeZone);
  const format = iso ? (withTime ? 'yyyy-mm-dd H:mm:ss' : 'yyyy-mm-dd') : defaultDateFormat(locale, withTime);
  return { value: new Date(ms), format };
}

/**
 * The typed-input conversion of one string (the caller handles `=` formulas, `'` and `@` cells).
 * Returns the string itself when nothing applies.
 */
export function convertTyped(s: string, locale: string, timeZone: string): Typed {
  const c = s.charCodeAt(0);
  // Fast path: text starting with a letter other than t/f (TRUE/FALSE) stays text.
  const isDigit = c >= 48 && c <= 57;
  if (!isDigit && c !== 43 && c !== 45 && c !== 46 && c !== 44 && c !== 36 && c !== 32) {
    if (s.length === 4 || s.length === 5) {
      const u = s.toUpperCase();
      if (u === 'TRUE') return { value: true };
      if (u === 'FALSE') return { value: false };
    }
    return { value: s };
  }
  const n = parseTypedNumber(s, locale);
  if (n) return n;
  if (isDigit || c === 32) {
    const d = parseTypedDate(s, locale, timeZone);
    if (d) return d;
  }
  return { value: s };
}

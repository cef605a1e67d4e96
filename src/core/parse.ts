/**
 * Parsing of amounts and dates as they appear in Vietnamese and English spreadsheets.
 * Pure functions: no Apps Script globals. Dates become integer day numbers (days since
 * 1970-01-01 of the civil date in the spreadsheet's time zone), so day arithmetic is exact.
 */
import { type CallContext, MSG, valueError } from './errors';
import { decimalCommaLocale, monthFirstLocale } from './i18n';

export const MS_PER_DAY = 86_400_000;
/** Google Sheets serial day 0 is 1899-12-30. */
export const SHEETS_EPOCH_DAY = -25_569;

export function isDate(v: unknown): v is Date {
  return typeof v === 'object' && v !== null && Object.prototype.toString.call(v) === '[object Date]';
}

export function isBlank(v: unknown): boolean {
  return v === null || v === undefined || (typeof v === 'string' && v.trim() === '');
}

/**
 * Reads an amount; returns NaN when it is not one (the caller turns that into a message).
 * Accepts numbers, `1.234.567`, `1.234.567 ₫`, `1.234.567đ`, `12,5`, `1,234,567.89`, `$1,234`,
 * `(1.234)`, `-1.234`, `1.234-`. Ambiguous `1.234` / `1,234` follow the locale.
 */
export function parseAmount(v: unknown, locale: string): number {
  if (typeof v === 'number') return Number.isFinite(v) ? v : Number.NaN;
  if (typeof v === 'boolean' || v === null || v === undefined || isDate(v)) return Number.NaN;
  let s = String(v).replace(/[\u00a0\u202f\u2009\s]/g, '');
  if (s === '') return Number.NaN;
  let neg = false;
  if (/^\(.*\)$/.test(s)) {
    neg = true;
    s = s.slice(1, -1);
  }
  s = s.replace(/(₫|vnđ|vnd|usd|us\$|\$|€|£|¥|đồng|dong|đ)/gi, '');
  if (/^[-−]/.test(s)) {
    neg = !neg;
    s = s.slice(1);
  } else if (/^\+/.test(s)) s = s.slice(1);
  else if (/[-−]$/.test(s)) {
    neg = !neg;
    s = s.slice(0, -1);
  }
  s = s.replace(/(₫|vnđ|vnd|usd|us\$|\$|€|£|¥|đồng|dong|đ)/gi, '');
  if (!/^[0-9.,]+$/.test(s) || !/[0-9]/.test(s)) return Number.NaN;
  const dots = (s.match(/\./g) || []).length;
  const commas = (s.match(/,/g) || []).length;
  let intPart: string;
  let frac = '';
  let thousands: string | null = null;
  if (dots && commas) {
    const dec = s.lastIndexOf('.') > s.lastIndexOf(',') ? '.' : ',';
    thousands = dec === '.' ? ',' : '.';
    const i = s.lastIndexOf(dec);
    if (s.indexOf(dec) !== i) return Number.NaN;
    intPart = s.slice(0, i);
    frac = s.slice(i + 1);
  } else if (dots || commas) {
    const sep = dots ? '.' : ',';
    const count = dots || commas;
    const i = s.indexOf(sep);
    const after = s.slice(i + 1);
    if (count > 1) {
      thousands = sep;
      intPart = s;
    } else if (after.length === 3 && i > 0 && i <= 3) {
      // `1.234` / `1,234`: the locale decides.
      const commaDecimal = decimalCommaLocale(locale);
      const isThousands = sep === '.' ? commaDecimal : !commaDecimal;
      if (isThousands) {
        thousands = sep;
        intPart = s;
      } else {
        intPart = s.slice(0, i);
        frac = after;
      }
    } else {
      intPart = s.slice(0, i);
      frac = after;
    }
  } else intPart = s;
  if (thousands) {
    const groups = intPart.split(thousands);
    if (!/^[0-9]{1,3}$/.test(groups[0])) return Number.NaN;
    for (let g = 1; g < groups.length; g++) if (!/^[0-9]{3}$/.test(groups[g])) return Number.NaN;
    intPart = groups.join('');
  }
  if (!/^[0-9]*$/.test(intPart) || !/^[0-9]*$/.test(frac) || (intPart === '' && frac === '')) return Number.NaN;
  const n = Number(`${intPart || '0'}${frac ? `.${frac}` : ''}`);
  if (!Number.isFinite(n)) return Number.NaN;
  return neg ? -n : n;
}

/** Days since 1970-01-01 of a proleptic Gregorian civil date; NaN if the date does not exist. */
export function civilToDay(y: number, m: number, d: number): number {
  if (!Number.isInteger(y) || !Number.isInteger(m) || !Number.isInteger(d) || m < 1 || m > 12 || d < 1 || d > 31) return Number.NaN;
  const t = Date.UTC(y, m - 1, d);
  const back = new Date(t);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== m - 1 || back.getUTCDate() !== d) return Number.NaN;
  return Math.round(t / MS_PER_DAY);
}

export function dayToIso(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** `31/12/2024` in Vietnamese style, `12/31/2024` for month-first locales. */
export function formatDay(day: number, locale: string): string {
  const d = new Date(day * MS_PER_DAY);
  const dd = String(d.getUTCDate()).padStart(2, '0');
  const mm = String(d.getUTCMonth() + 1).padStart(2, '0');
  const yyyy = d.getUTCFullYear();
  return monthFirstLocale(locale) ? `${mm}/${dd}/${yyyy}` : `${dd}/${mm}/${yyyy}`;
}

interface ZoneCache {
  format: Intl.DateTimeFormat;
  /** UTC offset in ms by hour number (offsets only change on whole hours or half hours of a day). */
  byHour: Map<number, number>;
  lastHour: number;
  lastOffset: number;
}
const zones = new Map<string, ZoneCache>();

function zoneCache(timeZone: string): ZoneCache {
  let z = zones.get(timeZone);
  if (!z) {
    const opts: Intl.DateTimeFormatOptions = { hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric' };
    let format: Intl.DateTimeFormat;
    try {
      format = new Intl.DateTimeFormat('en-US', { ...opts, timeZone });
    } catch {
      format = new Intl.DateTimeFormat('en-US', { ...opts, timeZone: 'UTC' });
    }
    z = { format, byHour: new Map(), lastHour: Number.NaN, lastOffset: 0 };
    zones.set(timeZone, z);
  }
  return z;
}

function isUtc(timeZone: string): boolean {
  return !timeZone || timeZone === 'UTC' || timeZone === 'Etc/UTC' || timeZone === 'GMT';
}

/** UTC offset (ms) of a time zone at an instant, cached per hour: fast on long columns. */
export function zoneOffset(ms: number, timeZone: string): number {
  if (isUtc(timeZone)) return 0;
  const z = zoneCache(timeZone);
  const hour = Math.floor(ms / 3_600_000);
  if (hour === z.lastHour) return z.lastOffset;
  let off = z.byHour.get(hour);
  if (off === undefined) {
    const p: Record<string, number> = {};
    for (const part of z.format.formatToParts(new Date(hour * 3_600_000))) if (part.type !== 'literal') p[part.type] = Number(part.value);
    off = Date.UTC(p.year, p.month - 1, p.day, p.hour % 24, p.minute) - hour * 3_600_000;
    z.byHour.set(hour, off);
  }
  z.lastHour = hour;
  z.lastOffset = off;
  return off;
}

/** Civil day number of an instant in a time zone. */
export function instantToDay(ms: number, timeZone: string): number {
  return Math.floor((ms + zoneOffset(ms, timeZone)) / MS_PER_DAY);
}

/** The instant of local midnight of a day number in a time zone (a date cell shows that day). */
export function localMidnight(day: number, timeZone: string): Date {
  const utc = day * MS_PER_DAY;
  // The offset at local midnight, found from the offset at UTC midnight (twice, for DST edges).
  const guess = utc - zoneOffset(utc, timeZone);
  return new Date(utc - zoneOffset(guess, timeZone));
}

/**
 * Reads a date into a day number; NaN when it is not one. Accepts `Date` values (read in the
 * spreadsheet time zone), Sheets serial numbers, ISO `2024-12-31` (with an optional time),
 * `31/12/2024`, `31-12-2024`, `31.12.2024` (month-first for US locales unless the first part is
 * over 12), and `20241231`.
 */
export function parseDay(v: unknown, locale: string, timeZone: string): number {
  if (isDate(v)) {
    const t = (v as Date).getTime();
    return Number.isFinite(t) ? instantToDay(t, timeZone) : Number.NaN;
  }
  if (typeof v === 'number') {
    // A date cell formatted as a number arrives as its serial; accept 1900..2199.
    if (Number.isFinite(v) && v >= 1 && v < 109_575) return Math.floor(v) + SHEETS_EPOCH_DAY;
    if (Number.isInteger(v) && v >= 19_000_101 && v <= 21_991_231) return parseDay(String(v), locale, timeZone);
    return Number.NaN;
  }
  if (typeof v !== 'string') return Number.NaN;
  const s = v.trim();
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/.exec(s);
  if (m) {
    if (m[7]) {
      const t = Date.parse(s.replace(' ', 'T'));
      return Number.isFinite(t) ? instantToDay(t, timeZone) : Number.NaN;
    }
    return civilToDay(+m[1], +m[2], +m[3]);
  }
  m = /^(\d{4})\/(\d{1,2})\/(\d{1,2})$/.exec(s);
  if (m) return civilToDay(+m[1], +m[2], +m[3]);
  m = /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  if (m) return civilToDay(+m[1], +m[2], +m[3]);
  m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(s);
  if (m) {
    let a = +m[1];
    let b = +m[2];
    let y = +m[3];
    if (m[3].length === 2) y += y < 70 ? 2000 : 1900;
    if (monthFirstLocale(locale) && a <= 12) [a, b] = [b, a];
    return civilToDay(y, b, a);
  }
  return Number.NaN;
}

/** Parses an amount or throws a localised message naming function, argument, row and value. */
export function requireAmount(ctx: CallContext, arg: string, row: number | null, v: unknown): number {
  const n = parseAmount(v, ctx.locale);
  if (Number.isNaN(n)) throw valueError(ctx, arg, row, v, MSG.notNumber);
  return n;
}

/** Parses a date or throws a localised message naming function, argument, row and value. */
export function requireDay(ctx: CallContext, arg: string, row: number | null, v: unknown): number {
  const n = parseDay(v, ctx.locale, ctx.timeZone);
  if (Number.isNaN(n)) throw valueError(ctx, arg, row, v, MSG.notDate);
  return n;
}

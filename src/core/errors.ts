import { type Lang, type Localized, localize } from './i18n';

/**
 * An error meant for the person at the sheet: its message is already localised and names the
 * function, the argument, and the offending row and value. Adapters show `message` as is.
 */
export class UserError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UserError';
  }
}

/** Where a value came from, for messages. */
export interface CallContext {
  /** Function or step name shown to the user, e.g. `SEGMENT`. */
  fn: string;
  lang: Lang;
  /** Spreadsheet locale, e.g. `vi_VN` or `en_US`; decides `1.234` and `01/02/2024`. */
  locale: string;
  /** IANA time zone of the spreadsheet, e.g. `Asia/Ho_Chi_Minh`. */
  timeZone: string;
}

export const MSG = {
  notNumber: { en: 'is not a number', vi: 'không phải là số' },
  notDate: { en: 'is not a date', vi: 'không phải là ngày hợp lệ' },
  notFinite: { en: 'is too large or not a finite number', vi: 'quá lớn hoặc không phải số hữu hạn' },
  negative: { en: 'must not be negative', vi: 'không được âm' },
  row: { en: 'row', vi: 'dòng' },
} satisfies Record<string, Localized>;

/** Shows a cell value the way the user typed it, shortened. */
export function showValue(v: unknown): string {
  let s: string;
  if (v instanceof Date || Object.prototype.toString.call(v) === '[object Date]') {
    const d = v as Date;
    s = Number.isNaN(d.getTime()) ? 'Invalid Date' : d.toISOString().slice(0, 10);
  } else s = String(v);
  if (s.length > 40) s = `${s.slice(0, 37)}...`;
  return `"${s}"`;
}

/**
 * Builds `FN: arg, row 17: "abc" is not a number` (or the Vietnamese form).
 * `row` is 1-based within the range the user passed; null when the argument is a single value.
 */
export function valueError(
  ctx: CallContext,
  arg: string,
  row: number | null,
  value: unknown,
  reason: Localized,
  params?: Record<string, string | number>,
): UserError {
  const where = row === null ? arg : `${arg}, ${localize(ctx.lang, MSG.row)} ${row}`;
  return new UserError(`${ctx.fn}: ${where}: ${showValue(value)} ${localize(ctx.lang, reason, params)}`);
}

/** An error about an argument as a whole (no single row to blame). */
export function argError(ctx: CallContext, arg: string, text: Localized, params?: Record<string, string | number>): UserError {
  return new UserError(`${ctx.fn}: ${arg}: ${localize(ctx.lang, text, params)}`);
}

/** An error about the call as a whole. */
export function callError(ctx: CallContext, text: Localized, params?: Record<string, string | number>): UserError {
  return new UserError(`${ctx.fn}: ${localize(ctx.lang, text, params)}`);
}

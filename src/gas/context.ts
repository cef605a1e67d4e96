/**
 * The Apps Script side of a custom-function call: where the spreadsheet's locale and time zone
 * come from, and how engine errors become the message Sheets shows under #ERROR!.
 */
import { type CallContext, UserError } from '../core/errors';
import { langFromLocale, localize } from '../core/i18n';

const INTERNAL = {
  en: 'unexpected problem ({detail}). Check the arguments; if it persists, report it with this message.',
  vi: 'lỗi không mong đợi ({detail}). Hãy kiểm tra các đối số; nếu vẫn lỗi, hãy báo lại kèm thông báo này.',
};

/** Locale and time zone of the active spreadsheet (read-only calls, allowed in custom functions). */
export function contextFor(fn: string): CallContext {
  let locale = 'en_US';
  let timeZone = 'Asia/Ho_Chi_Minh';
  try {
    const ss = SpreadsheetApp.getActiveSpreadsheet();
    if (ss) {
      locale = ss.getSpreadsheetLocale() || locale;
      timeZone = ss.getSpreadsheetTimeZone() || timeZone;
    } else timeZone = Session.getScriptTimeZone() || timeZone;
  } catch {
    // No spreadsheet (e.g. run from the editor): keep the defaults.
  }
  return { fn, lang: langFromLocale(locale), locale, timeZone };
}

/** Runs a custom function body; any failure becomes one localized line, never a stack trace. */
export function runCustomFunction<T>(fn: string, body: (ctx: CallContext) => T): T {
  const ctx = contextFor(fn);
  try {
    return body(ctx);
  } catch (e) {
    if (e instanceof UserError) throw new Error(e.message);
    const detail = e instanceof Error ? e.message : String(e);
    throw new Error(`${fn}: ${localize(ctx.lang, INTERNAL, { detail })}`);
  }
}

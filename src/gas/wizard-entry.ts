/**
 * The wizard's public entry points: the functions the sidebar calls through `google.script.run`
 * and the menu items. src/main.ts re-exports everything here, so each becomes an Apps Script
 * global. Every one returns a `WizardResponse` envelope (never throws to the sidebar): a user
 * error is shown as is; anything unexpected becomes a plain "Something went wrong" message.
 */
import { UserError } from '../core/errors';
import { type Lang, type Localized, localize } from '../core/i18n';
import * as wz from './wizard';
import type {
  AnalyzeRequest,
  ApplyRequest,
  ApplyResult,
  DetectResult,
  HistoryResult,
  LoadResult,
  PersonasResult,
  PreviewResult,
  RfmSchemeId,
  SegmentRules,
  ShareRequest,
  ShareResult,
  UndoResult,
  WizardResponse,
  WizardSettings,
} from './wizard-api';
import { detectSheet } from './wizard-detect';

const E = {
  unexpected: {
    en: 'Something went wrong: {detail}. Try again; if it persists, reload the spreadsheet and report this message to the add-on developer.',
    vi: 'Đã xảy ra lỗi: {detail}. Hãy thử lại; nếu vẫn lỗi, hãy tải lại bảng tính và gửi thông báo này cho nhà phát triển tiện ích.',
  },
  sidebarTitle: { en: 'Target Customers', vi: 'Khách hàng mục tiêu' },
  undoTitle: { en: 'Undo last tagging', vi: 'Hoàn tác lần gắn nhãn gần nhất' },
} satisfies Record<string, Localized>;

function langOf(lang: unknown): Lang {
  if (lang === 'vi' || lang === 'en') return lang;
  return wz.userLang();
}

/** Runs a step and wraps its result or its failure in the envelope. */
function respond<T>(lang: unknown, body: () => T): WizardResponse<T> {
  try {
    return { ok: true, data: toPlain(body()) };
  } catch (e) {
    return { ok: false, error: errorOf(e, langOf(lang)) };
  }
}

function errorOf(e: unknown, lang: Lang): { code: 'user' | 'locked' | 'no_undo' | 'unexpected'; message: string } {
  if (e instanceof wz.LockedError) return { code: 'locked', message: e.message };
  if (e instanceof wz.NoUndoError) return { code: 'no_undo', message: e.message };
  if (e instanceof UserError) return { code: 'user', message: e.message };
  // A failed service call (quota, timeout, permission) says "Exception: ..."; keep only the sentence.
  const m = e && typeof e === 'object' && typeof (e as { message?: unknown }).message === 'string' ? (e as { message: string }).message : String(e);
  const detail =
    m
      .split('\n')[0]
      .replace(/^(Exception|Error):\s*/, '')
      .replace(/\s+at\s.*$/, '')
      .replace(/[.\s]+$/, '')
      .slice(0, 300) || 'unknown error';
  return { code: 'unexpected', message: localize(lang, E.unexpected, { detail }) };
}

/** Plain JSON across google.script.run: no NaN/Infinity (→ null), no undefined in arrays, no typed arrays. */
function toPlain<T>(x: T): T {
  return JSON.parse(JSON.stringify(x, (_k, v) => (typeof v === 'number' && !Number.isFinite(v) ? null : v))) as T;
}

/**
 * Opens the Target Customers wizard in the sidebar (menu: Extensions → Target Customers → Open the wizard).
 */
export function showSidebar(): void {
  const lang = wz.userLang();
  const html = HtmlService.createHtmlOutputFromFile('Sidebar').setTitle(localize(lang, E.sidebarTitle));
  SpreadsheetApp.getUi().showSidebar(html);
}

/**
 * Menu item "Undo last tagging": restores the sheets as they were before the last apply and shows what was done.
 */
export function wizardUndoFromMenu(): void {
  const lang = wz.userLang();
  const res = respond(lang, () => wz.undo(lang));
  const ui = SpreadsheetApp.getUi();
  ui.alert(localize(lang, E.undoTitle), res.ok ? res.data.message : res.error.message, ui.ButtonSet.OK);
}

/**
 * Wizard: language, locale, sheets, saved settings and segment rules, option labels.
 * @param {string} lang The sidebar's language ("vi" or "en"), or null to follow the saved choice / user's locale.
 * @return {Object} A WizardResponse with a LoadResult.
 */
export function wizardLoad(lang: Lang | null): WizardResponse<LoadResult> {
  return respond(lang, () => wz.load(lang));
}

/**
 * Wizard step 1: detects the header row and the role of each column of a sheet, with sample values.
 * @param {string} sheet The sheet name.
 * @param {string} lang "vi" or "en".
 * @param {number} headerRow Optional. The header row (1-based) the user chose; detected when absent.
 * @return {Object} A WizardResponse with a DetectResult.
 */
export function wizardDetect(sheet: string, lang: Lang, headerRow?: number | null): WizardResponse<DetectResult> {
  return respond(lang, () => detectSheet(wz.envFor(lang), sheet, headerRow));
}

/**
 * Wizard step 3: runs the chosen analyses and returns the preview; writes nothing.
 * @param {Object} req An AnalyzeRequest (sources, parameters, rules, language).
 * @return {Object} A WizardResponse with a PreviewResult.
 */
export function wizardAnalyze(req: AnalyzeRequest): WizardResponse<PreviewResult> {
  return respond(req?.lang, () => wz.preview(req));
}

/**
 * Wizard step 4: tags the customer rows in place (and optionally builds the persona sheet), appends the history, keeps an exact undo.
 * @param {Object} req An ApplyRequest.
 * @return {Object} A WizardResponse with an ApplyResult.
 */
export function wizardApply(req: ApplyRequest): WizardResponse<ApplyResult> {
  return respond(req?.lang, () => wz.apply(req));
}

/**
 * Undoes the last tagging exactly: values, formats, added columns and sheets.
 * @param {string} lang "vi" or "en".
 * @return {Object} A WizardResponse with an UndoResult.
 */
export function wizardUndo(lang: Lang): WizardResponse<UndoResult> {
  return respond(lang, () => wz.undo(lang));
}

/**
 * Wizard step 5: (re)builds the persona sheet, one card per segment with a revenue-share chart.
 * @param {Object} req An AnalyzeRequest.
 * @return {Object} A WizardResponse with a PersonasResult.
 */
export function wizardBuildPersonas(req: AnalyzeRequest): WizardResponse<PersonasResult> {
  return respond(req?.lang, () => wz.buildPersonasSheet(req));
}

/**
 * Wizard step 6: creates the sales list for the chosen segments and protects the tag columns with a warning.
 * @param {Object} req A ShareRequest.
 * @return {Object} A WizardResponse with a ShareResult.
 */
export function wizardShare(req: ShareRequest): WizardResponse<ShareResult> {
  return respond(req?.lang, () => wz.share(req));
}

/**
 * Wizard step 7: the snapshot of each run and how customers moved between the last two runs.
 * @param {string} lang "vi" or "en".
 * @return {Object} A WizardResponse with a HistoryResult.
 */
export function wizardHistory(lang: Lang): WizardResponse<HistoryResult> {
  return respond(lang, () => wz.history(lang));
}

/**
 * Saves the wizard settings (mapping, parameters, language, chosen columns) in the document.
 * @param {Object} settings The WizardSettings.
 * @param {string} lang "vi" or "en".
 * @return {Object} A WizardResponse.
 */
export function wizardSaveSettings(settings: WizardSettings, lang: Lang): WizardResponse<{ saved: true }> {
  return respond(lang, () => wz.saveSettings(settings, lang));
}

/**
 * Saves the editable segment rules table in the document (checked first).
 * @param {Object} rules The SegmentRules table.
 * @param {string} lang "vi" or "en".
 * @return {Object} A WizardResponse with the cleaned rules.
 */
export function wizardSaveRules(rules: SegmentRules, lang: Lang): WizardResponse<{ rules: SegmentRules }> {
  return respond(lang, () => wz.saveRules(rules, lang));
}

/**
 * Goes back to the default rules of a scheme.
 * @param {string} scheme "default" or "rfm".
 * @param {string} lang "vi" or "en".
 * @return {Object} A WizardResponse with the default rules.
 */
export function wizardResetRules(scheme: RfmSchemeId, lang: Lang): WizardResponse<{ rules: SegmentRules }> {
  return respond(lang, () => wz.resetRules(scheme, lang));
}

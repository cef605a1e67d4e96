/**
 * Localisation primitives shared by the engine. Every user-facing string exists in English and
 * Vietnamese; modules keep their own messages next to the code as `Localized` pairs.
 */
export type Lang = 'en' | 'vi';

export interface Localized {
  en: string;
  vi: string;
}

/** Picks the language from a spreadsheet / user locale such as `vi_VN`, `vi`, `en_US`. */
export function langFromLocale(locale: string | null | undefined): Lang {
  return /^vi\b|^vi[_-]/i.test(String(locale || '').trim()) ? 'vi' : 'en';
}

/** Fills `{name}` placeholders in the message of the chosen language. */
export function localize(lang: Lang, text: Localized, params?: Record<string, string | number>): string {
  let s = text[lang] ?? text.en;
  if (params) {
    for (const k of Object.keys(params)) s = s.split(`{${k}}`).join(String(params[k]));
  }
  return s;
}

/** Locales whose decimal separator is a comma (so `1.234` means one thousand two hundred...). */
const COMMA_DECIMAL =
  /^(vi|de|fr|es|it|pt|ru|id|nl|tr|pl|cs|sk|da|fi|nb|no|sv|ro|hu|uk|el|bg|hr|sl|sr|lt|lv|et|az|kk|be|ca|gl|eu|is|mk|sq|bs|uz|ky|mn|af|sw|ms_BN)\b|^(vi|de|fr|es|it|pt|ru|id|nl|tr|pl|cs|sk|da|fi|nb|no|sv|ro|hu|uk|el|bg|hr|sl|sr|lt|lv|et|az|kk|be|ca|gl|eu|is|mk|sq|bs|uz|ky|mn|af|sw)[_-]/i;

export function decimalCommaLocale(locale: string | null | undefined): boolean {
  return COMMA_DECIMAL.test(String(locale || ''));
}

/** US-style month-first dates (`12/31/2024`) are read only for these locales. */
export function monthFirstLocale(locale: string | null | undefined): boolean {
  return /^en([_-](US|PH|CA))?$/i.test(String(locale || '').trim());
}

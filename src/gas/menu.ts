/** The add-on menu (Extensions → Target Customers / Khách hàng mục tiêu). */
import { type Lang, langFromLocale, localize } from '../core/i18n';

const T = {
  open: { en: 'Open the wizard', vi: 'Mở trình hướng dẫn' },
  undo: { en: 'Undo last tagging', vi: 'Hoàn tác lần gắn nhãn gần nhất' },
  help: { en: 'Functions: PARETO_RANK, SEGMENT, CLV…', vi: 'Hàm: PARETO_RANK, SEGMENT, CLV…' },
};

function userLang(): Lang {
  try {
    return langFromLocale(Session.getActiveUserLocale());
  } catch {
    return 'en';
  }
}

/**
 * Builds the menu. Only menu calls are made, so it is safe in AuthMode.NONE (the user's locale is
 * readable there; nothing of the document is touched).
 */
export function buildMenu(_e?: unknown): void {
  const lang = userLang();
  SpreadsheetApp.getUi().createAddonMenu().addItem(localize(lang, T.open), 'showSidebar').addItem(localize(lang, T.undo), 'wizardUndoFromMenu').addToUi();
}

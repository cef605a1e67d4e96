/** Loading the built bundle: `dist/Code.js` must exist (global setup builds it). */
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';

export const ROOT = path.resolve(__dirname, '../..');
export const DIST = path.join(ROOT, 'dist');
export const CODE_JS = path.join(DIST, 'Code.js');
export const REFERENCE = path.resolve(ROOT, '../shared/data/reference');

export function codeJs(): string {
  return fs.readFileSync(CODE_JS, 'utf8');
}

/** Runs dist/Code.js in a plain vm context with the given globals; returns the context. */
export function loadPlain(globals: Record<string, unknown> = {}): Record<string, any> {
  const ctx = vm.createContext({ ...globals });
  vm.runInContext(codeJs(), ctx, { filename: 'Code.js' });
  return ctx as Record<string, any>;
}

/** A minimal Sheets for custom-function calls: a spreadsheet with a locale and time zone. */
export function sheetsGlobals(locale = 'vi_VN', timeZone = 'Asia/Ho_Chi_Minh', extra: Record<string, unknown> = {}) {
  const store = new Map<string, string>();
  return {
    SpreadsheetApp: { getActiveSpreadsheet: () => ({ getSpreadsheetLocale: () => locale, getSpreadsheetTimeZone: () => timeZone }) },
    Session: { getScriptTimeZone: () => timeZone, getActiveUserLocale: () => locale },
    CacheService: {
      getDocumentCache: () => ({
        get: (k: string) => store.get(k) ?? null,
        put: (k: string, v: string) => {
          store.set(k, v);
        },
      }),
      getScriptCache: () => null,
    },
    ...extra,
  };
}

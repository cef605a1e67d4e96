/** The built bundle under gas-local in the local Sheets stand-in: what Apps Script itself would run. */
import { describe, expect, it } from 'vitest';
import { readCdnow } from '../bench/cdnow';
import { loadAddOn } from './helpers/gas';

describe('dist/Code.js under gas-local', () => {
  it('onOpen in AuthMode.NONE only adds menu items and touches nothing of the document', () => {
    const { si, app } = loadAddOn({ authMode: 'NONE', locale: 'vi_VN', userLocale: 'vi' });
    const before = JSON.stringify(si.snapshot());
    si.resetCalls();
    app.onOpen({ authMode: si.globals.ScriptApp.AuthMode.NONE });
    expect(si.ui.menus).toHaveLength(1);
    const menu = si.ui.menus[0];
    expect(menu.addon).toBe(true);
    expect(menu.items.map((i) => i.functionName)).toEqual(['showSidebar', 'wizardUndoFromMenu']);
    expect(menu.items[0].caption).toBe('Mở trình hướng dẫn');
    // Every function a menu item names is a real top-level function of the bundle.
    for (const item of menu.items) expect(typeof app[item.functionName!]).toBe('function');
    // Only menu building (and the user's locale) was used.
    const used = Object.keys(si.calls).filter((k) => si.calls[k] > 0);
    for (const k of used) expect(k).toMatch(/^(SpreadsheetApp\.getUi|Ui\.|Menu\.|Session\.getActiveUserLocale)/);
    expect(si.rangeIO()).toBe(0);
    expect(si.ui.sidebars).toHaveLength(0);
    expect(JSON.stringify(si.snapshot())).toBe(before);
  });

  it('onInstall builds the same menu, in English for an English user', () => {
    const { si, app } = loadAddOn({ authMode: 'NONE', locale: 'en_US', userLocale: 'en' });
    app.onInstall({ authMode: si.globals.ScriptApp.AuthMode.NONE });
    expect(si.ui.menus[0].items.map((i) => i.caption)).toEqual(['Open the wizard', 'Undo last tagging']);
  });

  it('custom functions run as custom functions: read-only, locale from the spreadsheet', () => {
    const { si, app } = loadAddOn({ locale: 'vi_VN', customFunction: true });
    const out = si.asCustomFunction(() => app.PARETO_RANK([['Doanh thu'], ['1.700.000 ₫'], ['300.000đ']], [['Mã KH'], ['KH1'], ['KH2']]));
    expect(out).toEqual([['Hạng Pareto'], ['A'], ['B']]);
    expect(() => si.asCustomFunction(() => app.PARETO_RANK([[1], ['abc']]))).toThrow('PARETO_RANK: values, dòng 2: "abc" không phải là số');
    expect(si.rangeIO('write')).toBe(0);
  });

  it('CLV runs inside a custom-function execution and caches its fit in the document cache', () => {
    const { si, app } = loadAddOn({ locale: 'en_US', customFunction: true });
    const s = readCdnow('sample');
    const first = si.asCustomFunction(() => app.CLV(s.ids, s.dates, s.amounts, 12, 0.1, 1, '1997-09-30', 'model'));
    expect(Number(first[0][1].toPrecision(3))).toBe(0.243);
    expect(si.calls['Cache.put']).toBe(1);
    const again = si.asCustomFunction(() => app.CLV(s.ids, s.dates, s.amounts, 12, 0.1, 1, '1997-09-30', 'model'));
    expect(again).toEqual(first);
    // The second call was answered from the cache: one more read, no second fit stored.
    expect(si.calls['Cache.get']).toBe(2);
    expect(si.calls['Cache.put']).toBe(1);
    expect(si.rangeIO('write')).toBe(0);
  });

  it('the menu opens the sidebar from dist/Sidebar.html', () => {
    const { si, app } = loadAddOn({ locale: 'vi_VN', userLocale: 'vi' });
    app.onOpen({ authMode: si.globals.ScriptApp.AuthMode.FULL });
    si.runMenuItem('Mở trình hướng dẫn');
    expect(si.ui.sidebar).not.toBeNull();
    expect(si.ui.sidebar!.html).toContain('<script>');
  });
});

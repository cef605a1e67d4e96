/** The stand-in under gas-local: a script runs in a vm context and sees Apps Script-like errors and dates. */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createStandIn } from '../standin';

const require = createRequire(import.meta.url);
const gas = require('gas-local') as { require: (dir: string, globals: object, opts?: { filter?: (f: string) => boolean }) => Record<string, any> };

const SCRIPT = `
function readTyped() {
  var v = SpreadsheetApp.getActive().getSheets()[0].getRange('A1:C1').getValues()[0];
  return { num: v[0], isDate: v[1] instanceof Date, iso: v[1].toISOString(), text: v[2], isArray: Array.isArray(v) };
}
function catchIt() {
  try {
    SpreadsheetApp.getActive().getSheets()[0].getRange(1, 1, 2, 1).setValues([[1]]);
  } catch (e) {
    return { isError: e instanceof Error, name: e.name, message: e.message, str: String(e) };
  }
  return null;
}
function onOpen(e) {
  var menu = SpreadsheetApp.getUi().createAddonMenu();
  if (e && e.authMode === ScriptApp.AuthMode.NONE) menu.addItem('Bắt đầu', 'go');
  else menu.addItem('Mở', 'go');
  menu.addToUi();
}
function go() {
  Logger.log('rows=%s', SpreadsheetApp.getActive().getSheets()[0].getLastRow());
  console.log('done', { ok: true });
  return 'went';
}
`;

function load(opts: Parameters<typeof createStandIn>[0] = {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'standin-gas-'));
  fs.writeFileSync(path.join(dir, 'Code.js'), SCRIPT);
  const si = createStandIn({
    locale: 'vi_VN',
    timeZone: 'Asia/Ho_Chi_Minh',
    sheets: [{ name: 'Đơn hàng', values: [['1.234', '2024-12-31', '0912']] }],
    ...opts,
  });
  const app = gas.require(dir, si.globals, { filter: (f: string) => f.endsWith('Code.js') });
  return { si, app };
}

describe('stand-in under gas-local', () => {
  it('gives the script real Dates and arrays of its own realm', () => {
    const { app } = load();
    expect(app.readTyped()).toEqual({ num: 1234, isDate: true, iso: '2024-12-30T17:00:00.000Z', text: 912, isArray: true });
  });

  it('throws Errors of the script realm named Exception', () => {
    const { app } = load();
    expect(app.catchIt()).toEqual({
      isError: true,
      name: 'Exception',
      message: 'The number of rows in the data does not match the number of rows in the range. The data has 1 but the range has 2.',
      str: 'Exception: The number of rows in the data does not match the number of rows in the range. The data has 1 but the range has 2.',
    });
  });

  it('runs onOpen in AuthMode.NONE with menu calls only, then a menu item with full access', () => {
    const { si, app } = load({ authMode: 'NONE' });
    app.onOpen({ authMode: si.globals.ScriptApp.AuthMode.NONE });
    expect(si.ui.menus).toEqual([{ title: 'Target Customers', addon: true, items: [{ caption: 'Bắt đầu', functionName: 'go' }] }]);
    expect(Object.keys(si.calls).sort()).toEqual(['Menu.addItem', 'Menu.addToUi', 'SpreadsheetApp.getUi', 'Ui.createAddonMenu']);
    expect(() => si.runMenuItem('Bắt đầu')).toThrow('You do not have permission to call SpreadsheetApp.getActive.');
    si.setAuthMode('FULL');
    expect(si.runMenuItem('Bắt đầu')).toBe('went');
    expect(si.logs).toEqual([
      { level: 'log', text: 'rows=1' },
      { level: 'log', text: 'done {"ok":true}' },
    ]);
  });

  it('uses a fresh globals object per stand-in', () => {
    const a = load();
    const b = createStandIn();
    expect(typeof a.si.globals.go).toBe('function');
    expect(b.globals.go).toBeUndefined();
  });
});

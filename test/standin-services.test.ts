/** The stand-in's script services: properties and cache quotas, locks, Session, Utilities, HtmlService, Ui, auth modes. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createStandIn, type StandInOptions } from '../standin';

function make(opts: StandInOptions = {}) {
  return createStandIn({ locale: 'vi_VN', timeZone: 'Asia/Ho_Chi_Minh', now: Date.UTC(2025, 0, 1), ...opts });
}

function err(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    return String(e);
  }
  throw new Error('expected an exception');
}

/** Signed Java bytes of a hex digest, computed independently of the stand-in. */
function signedBytes(hex: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < hex.length; i += 2) {
    const b = Number.parseInt(hex.slice(i, i + 2), 16);
    out.push(b >= 128 ? b - 256 : b);
  }
  return out;
}

describe('PropertiesService', () => {
  it('stores strings, lists keys, replaces all when asked', () => {
    const si = make({ properties: { document: { seeded: 'yes' } } });
    const p = si.globals.PropertiesService.getDocumentProperties();
    p.setProperty('n', 5 as unknown as string).setProperty('b', true as unknown as string);
    expect(p.getProperty('n')).toBe('5');
    expect(p.getProperty('b')).toBe('true');
    expect(p.getProperty('missing')).toBeNull();
    expect(p.getKeys().sort()).toEqual(['b', 'n', 'seeded']);
    p.setProperties({ a: '1' }, true);
    expect(p.getProperties()).toEqual({ a: '1' });
    p.deleteProperty('a');
    expect(p.getKeys()).toEqual([]);
    si.globals.PropertiesService.getUserProperties().setProperty('u', 'x');
    expect(si.properties.user.get('u')).toBe('x');
    expect(si.properties.document.size).toBe(0);
  });

  it('enforces 9 KB per value and 500 KB per store, in UTF-8 bytes', () => {
    const si = make();
    const p = si.globals.PropertiesService.getScriptProperties();
    p.setProperty('ok', 'x'.repeat(9 * 1024));
    expect(err(() => p.setProperty('big', 'x'.repeat(9 * 1024 + 1)))).toBe('Exception: Argument too large: value');
    // 'ữ' is 3 bytes in UTF-8: 3073 of them is 9219 bytes.
    expect(err(() => p.setProperty('vi', 'ữ'.repeat(3073)))).toBe('Exception: Argument too large: value');
    for (let i = 0; i < 54; i++) p.setProperty(`k${String(i).padStart(2, '0')}`, 'x'.repeat(9 * 1024)); // 55 x ~9 KB = ~495 KB
    expect(err(() => p.setProperty('k99', 'x'.repeat(9 * 1024)))).toBe(
      'Exception: You have exceeded the property storage quota. Please remove some properties and try again.',
    );
    p.setProperty('k00', 'small'); // replacing a value frees its space
    p.setProperty('k99', 'x'.repeat(9 * 1024));
  });
});

describe('CacheService', () => {
  it('expires values against the stand-in clock (default 600 s, at most 21600 s)', () => {
    const si = make();
    const c = si.globals.CacheService.getDocumentCache();
    c.put('a', 'A');
    c.put('b', 'B', 30);
    c.put('c', 'C', 100_000);
    si.clock.advance(29_999);
    expect(c.getAll(['a', 'b', 'c', 'z'])).toEqual({ a: 'A', b: 'B', c: 'C' });
    si.clock.advance(1);
    expect(c.get('b')).toBeNull();
    si.clock.advance(570_000);
    expect(c.get('a')).toBeNull();
    si.clock.advance(21_600_000 - 600_000 - 1);
    expect(c.get('c')).toBe('C');
    si.clock.advance(1);
    expect(c.get('c')).toBeNull();
  });

  it('limits keys to 250 characters and values to 100 KB', () => {
    const si = make();
    const c = si.globals.CacheService.getScriptCache();
    c.put('k'.repeat(250), 'v');
    expect(err(() => c.put('k'.repeat(251), 'v'))).toBe('Exception: Argument too large: key');
    c.put('v', 'x'.repeat(100 * 1024));
    expect(err(() => c.put('v2', 'x'.repeat(100 * 1024 + 1)))).toBe('Exception: Argument too large: value');
    c.putAll({ p: '1', q: '2' }, 60);
    c.removeAll(['p']);
    c.remove('v');
    expect(c.getAll(['p', 'q', 'v'])).toEqual({ q: '2' });
  });
});

describe('LockService', () => {
  it('acquires, reports and releases the lock', () => {
    const si = make();
    const lock = si.globals.LockService.getDocumentLock();
    expect(lock.hasLock()).toBe(false);
    expect(lock.tryLock(1000)).toBe(true);
    expect(lock.hasLock()).toBe(true);
    expect(si.globals.LockService.getDocumentLock().hasLock()).toBe(true); // same document lock
    expect(si.globals.LockService.getScriptLock().hasLock()).toBe(false);
    lock.releaseLock();
    expect(lock.hasLock()).toBe(false);
  });

  it('times out while another execution holds it, with the real message', () => {
    const si = make();
    si.holdDocumentLock();
    const lock = si.globals.LockService.getDocumentLock();
    const t0 = si.clock.now();
    expect(lock.tryLock(5000)).toBe(false);
    expect(si.clock.now() - t0).toBe(5000);
    expect(err(() => lock.waitLock(10_000))).toBe('Exception: Lock timeout: another process was holding the lock for too long.');
    si.releaseHeldLocks();
    expect(lock.tryLock(0)).toBe(true);
  });

  it('gets the lock once the other execution lets go within the timeout', () => {
    const si = make();
    si.holdScriptLock({ releaseAfterMs: 3000 });
    const lock = si.globals.LockService.getScriptLock();
    expect(lock.tryLock(1000)).toBe(false);
    const t0 = si.clock.now();
    lock.waitLock(5000);
    expect(lock.hasLock()).toBe(true);
    expect(si.clock.now() - t0).toBe(2000);
  });
});

describe('Session and Utilities', () => {
  it('reports locale and time zone', () => {
    const si = make({ scriptTimeZone: 'Asia/Bangkok' });
    expect(si.globals.Session.getActiveUserLocale()).toBe('vi');
    expect(si.globals.Session.getScriptTimeZone()).toBe('Asia/Bangkok');
    expect(si.globals.Session.getActiveUser().getEmail()).toBe('');
    expect(make({ locale: 'en_US' }).globals.Session.getActiveUserLocale()).toBe('en');
  });

  it('formats dates in a time zone with SimpleDateFormat patterns', () => {
    const U = make().globals.Utilities;
    const d = new Date(Date.UTC(2024, 11, 31, 17, 30, 5)); // 2025-01-01 00:30:05 in UTC+7
    expect(U.formatDate(d, 'Asia/Ho_Chi_Minh', 'yyyy-MM-dd HH:mm:ss')).toBe('2025-01-01 00:30:05');
    expect(U.formatDate(d, 'UTC', 'yyyy-MM-dd HH:mm:ss')).toBe('2024-12-31 17:30:05');
    expect(U.formatDate(d, 'Asia/Ho_Chi_Minh', "EEE, d MMM yy 'lúc' h:mm a Z")).toBe('Wed, 1 Jan 25 lúc 12:30 AM +0700');
    expect(U.formatDate(d, 'America/New_York', 'EEEE dd/MM/yyyy XXX')).toBe('Tuesday 31/12/2024 -05:00');
    expect(err(() => U.formatDate('2024-01-01' as unknown as Date, 'UTC', 'yyyy'))).toBe(
      "Exception: The parameters (String,String,String) don't match the method signature for Utilities.formatDate.",
    );
  });

  it('formats strings like Java String.format', () => {
    const U = make().globals.Utilities;
    expect(U.formatString('%s có %d khách (%.2f%%)', 'Nhóm A', 3, 12.5)).toBe('Nhóm A có 3 khách (12.50%)');
    expect(U.formatString('%05d|%-4s|%,d', 42, 'ab', 1234567)).toBe('00042|ab  |1,234,567');
  });

  it('computes digests as signed byte arrays and base64', () => {
    const U = make().globals.Utilities;
    expect(U.computeDigest(U.DigestAlgorithm.MD5, 'abc')).toEqual(signedBytes('900150983cd24fb0d6963f7d28e17f72'));
    expect(U.computeDigest(U.DigestAlgorithm.SHA_256, 'abc')).toEqual(signedBytes('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'));
    expect(U.base64Encode('Khách hàng')).toBe('S2jDoWNoIGjDoG5n');
    expect(U.newBlob(U.base64Decode('S2jDoWNoIGjDoG5n')).getDataAsString()).toBe('Khách hàng');
    const blob = U.newBlob('a,b\n1,2', 'text/csv', 'x.csv');
    expect([blob.getName(), blob.getContentType(), blob.getBytes().length]).toEqual(['x.csv', 'text/csv', 7]);
    const a = U.getUuid();
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(U.getUuid()).not.toBe(a);
  });

  it('sleeps on the stand-in clock', () => {
    const si = make();
    const t0 = si.clock.now();
    si.globals.Utilities.sleep(1500);
    expect(si.clock.now() - t0).toBe(1500);
  });
});

describe('HtmlService and Ui', () => {
  it('reads HTML files from htmlDir and errors like Apps Script when missing', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'standin-html-'));
    fs.writeFileSync(path.join(dir, 'Sidebar.html'), '<p>Xin chào</p>');
    const si = make({ htmlDir: dir });
    const H = si.globals.HtmlService;
    const out = H.createHtmlOutputFromFile('Sidebar').setTitle('Khách hàng mục tiêu').setWidth(500);
    expect(out.getContent()).toBe('<p>Xin chào</p>');
    expect(err(() => H.createHtmlOutputFromFile('Nope'))).toBe('Exception: No HTML file named Nope was found.');
    si.globals.SpreadsheetApp.getUi().showSidebar(out);
    expect(si.ui.sidebar).toEqual({ title: 'Khách hàng mục tiêu', html: '<p>Xin chào</p>', width: 300 });
    const dlg = H.createHtmlOutput('<b>x</b>').append('<i>y</i>').appendUntrusted('<z>').setWidth(400).setHeight(200);
    si.globals.SpreadsheetApp.getUi().showModalDialog(dlg, 'Hộp thoại');
    expect(si.ui.dialogs).toEqual([{ title: 'Hộp thoại', html: '<b>x</b><i>y</i>&lt;z&gt;', width: 400, height: 200, modal: true }]);
  });

  it('records menus, alerts, prompts and toasts; clicks menu items', () => {
    const si = make();
    const ui = si.globals.SpreadsheetApp.getUi();
    const sub = ui.createMenu('Thêm').addItem('Giới thiệu', 'about');
    ui.createAddonMenu().addItem('Mở', 'open').addSeparator().addSubMenu(sub).addToUi();
    expect(si.ui.menus).toEqual([
      {
        title: 'Target Customers',
        addon: true,
        items: [
          { caption: 'Mở', functionName: 'open' },
          { separator: true },
          { submenu: { title: 'Thêm', addon: false, items: [{ caption: 'Giới thiệu', functionName: 'about' }] } },
        ],
      },
    ]);
    let opened = 0;
    si.globals.open = () => ++opened;
    expect(si.runMenuItem('Mở')).toBe(1);
    expect(err(() => si.runMenuItem('Giới thiệu'))).toBe('Exception: Script function not found: about');
    expect(String(ui.alert('Xong'))).toBe('OK');
    si.ui.responses.push({ button: ui.Button.NO });
    expect(ui.alert('Tiêu đề', 'Hoàn tác?', ui.ButtonSet.YES_NO)).toBe(ui.Button.NO);
    expect(ui.alert('Lại?', ui.ButtonSet.YES_NO)).toBe(ui.Button.YES);
    si.ui.responses.push({ text: 'KH001' });
    const pr = ui.prompt('Mã khách?');
    expect([pr.getResponseText(), String(pr.getSelectedButton())]).toEqual(['KH001', 'OK']);
    expect(si.ui.alerts.map((a) => a.response)).toEqual(['OK', 'NO', 'YES']);
    si.globals.SpreadsheetApp.getActive().toast('Đã xong', 'Target Customers', 3);
    expect(si.ui.toasts).toEqual([{ message: 'Đã xong', title: 'Target Customers', timeoutSeconds: 3 }]);
    expect(err(() => ui.alert(42 as unknown as string))).toBe("Exception: The parameters (number) don't match the method signature for Ui.alert.");
  });
});

describe('authorization modes', () => {
  it('AuthMode.NONE allows menus only', () => {
    const si = make({ authMode: 'NONE' });
    const G = si.globals;
    const ui = G.SpreadsheetApp.getUi();
    ui.createAddonMenu().addItem('Mở', 'open').addToUi();
    expect(si.ui.menus.length).toBe(1);
    expect(G.Session.getActiveUserLocale()).toBe('vi');
    expect(err(() => G.SpreadsheetApp.getActiveSpreadsheet())).toBe(
      'Exception: You do not have permission to call SpreadsheetApp.getActiveSpreadsheet. Required permissions: (https://www.googleapis.com/auth/spreadsheets.currentonly || https://www.googleapis.com/auth/spreadsheets)',
    );
    expect(err(() => G.SpreadsheetApp.getActive())).toContain('You do not have permission to call SpreadsheetApp.getActive.');
    expect(err(() => G.PropertiesService.getDocumentProperties())).toBe(
      'Exception: You do not have permission to call PropertiesService.getDocumentProperties.',
    );
    expect(err(() => G.CacheService.getDocumentCache())).toContain('You do not have permission');
    expect(err(() => G.LockService.getDocumentLock())).toContain('You do not have permission');
    expect(err(() => ui.showSidebar(G.HtmlService.createHtmlOutput('x')))).toBe(
      'Exception: You do not have permission to call Ui.showSidebar. Required permissions: https://www.googleapis.com/auth/script.container.ui',
    );
    si.setAuthMode('FULL');
    expect(G.SpreadsheetApp.getActiveSpreadsheet().getName()).toBe('Sample');
  });

  it('custom functions read the sheet, use cache and locks, but cannot write or show UI', () => {
    const si = make({ sheets: [{ name: 'Đơn hàng', values: [['KH1', 100]] }] });
    const G = si.globals;
    G.PropertiesService.getDocumentProperties().setProperty('k', 'v');
    si.asCustomFunction(() => {
      const sheet = G.SpreadsheetApp.getActive().getSheetByName('Đơn hàng')!;
      expect(sheet.getDataRange().getValues()).toEqual([['KH1', 100]]);
      expect(G.SpreadsheetApp.getActive().getSpreadsheetLocale()).toBe('vi_VN');
      expect(err(() => sheet.getRange('A1').setValue(1))).toBe('Exception: You do not have permission to call setValue');
      expect(err(() => sheet.insertColumnAfter(1))).toBe('Exception: You do not have permission to call insertColumnAfter');
      expect(err(() => G.SpreadsheetApp.getActive().insertSheet('x'))).toBe('Exception: You do not have permission to call insertSheet');
      expect(err(() => G.SpreadsheetApp.getUi())).toBe('Exception: Cannot call SpreadsheetApp.getUi() from this context.');
      const props = G.PropertiesService.getDocumentProperties();
      expect(props.getProperty('k')).toBe('v');
      expect(err(() => props.setProperty('k', 'w'))).toBe('Exception: You do not have permission to call setProperty');
      G.CacheService.getDocumentCache().put('c', '1');
      expect(G.LockService.getDocumentLock().tryLock(10)).toBe(true);
    });
    expect(si.globals.CacheService.getDocumentCache().get('c')).toBe('1');
    // back to a normal execution afterwards
    si.globals.SpreadsheetApp.getActive().getSheets()[0].getRange('A1').setValue('KH9');
    expect(si.values('Đơn hàng')[0][0]).toBe('KH9');
    const cf = make({ customFunction: true });
    expect(
      err(() =>
        cf.globals.SpreadsheetApp.getActive()
          .getSheets()[0]
          .getRange('A1')
          .setValues([[1]]),
      ),
    ).toBe('Exception: You do not have permission to call setValues');
  });

  it('refuses to open other spreadsheets (the manifest grants currentonly)', () => {
    const si = make();
    expect(err(() => si.globals.SpreadsheetApp.openById('abc'))).toContain('You do not have permission to call SpreadsheetApp.openById');
  });
});

/**
 * The playground in real Chromium: the real dist/Sidebar.html talking through the
 * google.script.run shim to the real dist/Code.js in the local Sheets stand-in.
 * Screenshots for the README are written to docs/screenshots/.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { BrowserContext, FrameLocator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PlaygroundServer, startServer } from '../../playground/server';
import { inspectXlsx } from '../../playground/workbook-io';
import { launch } from './chromium';

const ROOT = path.resolve(__dirname, '../..');
const SHOTS = path.join(ROOT, 'docs/screenshots');

let server: PlaygroundServer;
let context: BrowserContext;
let closeBrowser: () => Promise<void>;
let page: Page;
const pageErrors: string[] = [];
const dialogs: string[] = [];

/** A screenshot of the sidebar panel only (`side`) or of the page's upper-left part (`page`). */
async function shot(name: string, what: 'side' | 'page' = 'page') {
  fs.mkdirSync(SHOTS, { recursive: true });
  const file = path.join(SHOTS, name);
  if (what === 'side') await page.locator('[data-testid="sidebar-panel"]').screenshot({ path: file, animations: 'disabled' });
  else await page.screenshot({ path: file, animations: 'disabled', clip: { x: 0, y: 0, width: 1200, height: 470 } });
  const size = fs.statSync(file).size;
  expect(size, `${name} should stay under 200 KB`).toBeLessThan(200 * 1024);
  return file;
}

function sidebar(): FrameLocator {
  return page.frameLocator('[data-testid="sidebar-frame"]');
}

async function openWizard() {
  await page.click('[data-testid="extensions-menu"]');
  await page.click('[data-fn="showSidebar"]');
  await sidebar().locator('[data-testid="step-data"]').waitFor({ timeout: 60_000 });
}

async function openTab(name: string) {
  await page.click(`[data-testid="tab-${name}"]`);
  await page.waitForFunction((n) => document.querySelector('.tabs button.on')?.getAttribute('data-sheet') === n, name);
  await page.waitForSelector('[data-testid="cell-A1"]');
}

async function cellText(a1: string): Promise<string> {
  return (await page.locator(`[data-testid="cell-${a1}"]`).textContent()) ?? '';
}

/** Header texts of row 1 of the shown sheet. */
async function headerRow(): Promise<string[]> {
  const cells = await page.$$eval('tr[data-row="1"] td', (tds) => tds.map((td) => td.textContent ?? ''));
  while (cells.length && cells[cells.length - 1] === '') cells.pop();
  return cells;
}

async function waitIdle() {
  // The sidebar shows a busy label while a server call runs.
  await page.waitForTimeout(200);
  await sidebar().locator('[data-testid="busy-label"]').waitFor({ state: 'detached', timeout: 120_000 });
}

beforeAll(async () => {
  server = await startServer({ port: 0, quiet: true });
  const b = await launch();
  context = b.context;
  closeBrowser = b.close;
  page = context.pages()[0] ?? (await context.newPage());
  page.on('pageerror', (e) => pageErrors.push(e.message));
  page.on('dialog', async (d) => {
    dialogs.push(d.message());
    await d.dismiss();
  });
  context.on('page', (p) => p.on('dialog', (d) => dialogs.push(d.message())));
  await page.goto(server.url);
  await page.waitForSelector('[data-testid="cell-A1"]');
});

afterAll(async () => {
  await closeBrowser?.();
  await server?.close();
});

describe('playground: the sample workbook', () => {
  it('shows the sample orders with Vietnamese headers, dates and VND amounts as displayed by Sheets', async () => {
    expect(await page.textContent('[data-testid="doc-title"]')).toContain('Khách hàng mục tiêu');
    expect(await headerRow()).toEqual(['Mã đơn', 'Mã KH', 'Ngày mua', 'Thành tiền', 'Giảm giá', 'Kênh', 'Danh mục']);
    expect(await cellText('A2')).toMatch(/^DH\d{6}$/);
    expect(await cellText('C2')).toMatch(/^\d{2}\/\d{2}\/\d{4}$/);
    expect(await cellText('D2')).toMatch(/^\d{1,3}(\.\d{3})*$/);
    expect(await page.textContent('[data-testid="pager-text"]')).toContain('20001');
    // The add-on menu comes from what onOpen registered.
    await page.click('[data-testid="extensions-menu"]');
    expect(await page.textContent('[data-testid="addon-menu-title"]')).toBe('Target Customers');
    expect(await page.locator('[data-fn="showSidebar"]').textContent()).toBe('Mở trình hướng dẫn');
    await page.click('[data-testid="extensions-menu"]');
  });
});

describe('playground: the whole wizard', () => {
  it('walks data → analyses → preview → apply → personas → track, then undo restores the sheet', async () => {
    await openWizard();
    const sb = sidebar();
    await expect(sb.locator('[data-testid="detect-summary-orders"]').textContent()).resolves.toContain('20.000');
    // Link the customer list too, so the customer table itself gets tagged.
    await sb.locator('[data-testid="select-sheet-customers"]').selectOption('Khách hàng');
    await waitIdle();
    await sb.locator('[data-testid="detect-summary-customers"]').waitFor({ timeout: 60_000 });
    await expect(sb.locator('[data-testid="detect-summary-customers"]').textContent()).resolves.toContain('2.000');
    await shot('wizard-1-data.png', 'side');

    await sb.locator('[data-testid="btn-next"]').click();
    await sb.locator('[data-testid="step-analyses"]').waitFor();
    await shot('wizard-2-analyses.png', 'side');

    await sb.locator('[data-testid="btn-next"]').click();
    await sb.locator('[data-testid="step-preview"]').waitFor();
    await waitIdle();
    await sb.locator('[data-testid="preview-segments"]').waitFor({ timeout: 120_000 });
    const answer = await sb.locator('[data-testid="pareto-answer"]').textContent();
    expect(answer).toMatch(/khách hàng.*mang lại 80% doanh thu/);
    await shot('wizard-3-preview.png', 'side');

    await sb.locator('[data-testid="btn-next"]').click();
    await sb.locator('[data-testid="step-apply"]').waitFor();
    await sb.locator('[data-testid="btn-apply"]').click();
    await sb.locator('[data-testid="apply-result"]').waitFor({ timeout: 180_000 });
    await waitIdle();
    await shot('wizard-4-apply.png', 'side');

    // Tags in the grid: the customer table got result columns and coloured rows.
    await openTab('Khách hàng');
    const head = await headerRow();
    expect(head.slice(0, 8)).toEqual(['Mã KH', 'Họ tên', 'SĐT', 'Email', 'Tỉnh/Thành phố', 'Năm sinh', 'Giới tính', 'Kênh']);
    expect(head).toContain('Phân khúc');
    expect(head).toContain('Nhóm Pareto');
    const segCol = String.fromCharCode(65 + head.indexOf('Phân khúc'));
    const seg2 = await cellText(`${segCol}2`);
    expect(seg2.length).toBeGreaterThan(0);
    const bg = await page.locator('[data-testid="cell-A2"]').evaluate((td) => getComputedStyle(td).backgroundColor);
    expect(bg).not.toBe('rgba(0, 0, 0, 0)');
    expect(await cellText('C2')).toMatch(/^0\d{9}$/); // phone kept as text with its leading zero
    await shot('grid-tagged.png');

    // Personas.
    await sb.locator('[data-testid="btn-next"]').click();
    await sb.locator('[data-testid="step-personas"]').waitFor();
    await sb.locator('[data-testid="btn-personas"]').click();
    await waitIdle();
    const tabs = await page.$$eval('.tabs button', (bs) => bs.map((b) => b.getAttribute('data-sheet')));
    const personaTab = tabs.find((t) => t && /Chân dung/.test(t));
    expect(personaTab, `tabs: ${tabs.join(', ')}`).toBeTruthy();
    await openTab(personaTab as string);
    const personaText = await page.textContent('[data-testid="grid"]');
    expect(personaText).toContain('VIP / Khách hàng xuất sắc');
    await shot('personas.png');

    // Track over time: the history sheet.
    await sb.locator('[data-testid="nav-track"]').click();
    await sb.locator('[data-testid="step-track"]').waitFor();
    await sb.locator('[data-testid="btn-history"]').click();
    await waitIdle();
    await sb.locator('[data-testid="history-runs"]').waitFor({ timeout: 60_000 });
    const tabs2 = await page.$$eval('.tabs button', (bs) => bs.map((b) => b.getAttribute('data-sheet')));
    const historyTab = tabs2.find((t) => t && /Lịch sử/.test(t));
    expect(historyTab, `tabs: ${tabs2.join(', ')}`).toBeTruthy();
    await openTab(historyTab as string);
    expect(await page.textContent('[data-testid="grid"]')).toMatch(/VIP|Trung thành/);
    await shot('wizard-7-track.png', 'side');

    // Undo restores the customer sheet exactly (no tag columns, no colours).
    await sb.locator('[data-testid="nav-apply"]').click();
    await sb.locator('[data-testid="btn-undo"]').click();
    await waitIdle();
    await openTab('Khách hàng');
    expect(await headerRow()).toEqual(['Mã KH', 'Họ tên', 'SĐT', 'Email', 'Tỉnh/Thành phố', 'Năm sinh', 'Giới tính', 'Kênh']);
    const bgAfter = await page.locator('[data-testid="cell-A2"]').evaluate((td) => (td as HTMLElement).style.background);
    expect(bgAfter).toBe('');
    expect(pageErrors).toEqual([]);
  });

  it('switches the sidebar language to English and back', async () => {
    const sb = sidebar();
    await sb.locator('[data-testid="lang-en"]').click();
    await waitIdle();
    await expect(sb.locator('[data-testid="step-heading"]').textContent()).resolves.toMatch(/Step \d of 7/);
    await expect(sb.locator('[data-testid="nav-data"]').textContent()).resolves.toContain('Data');
    await shot('wizard-english.png', 'side');
    await sb.locator('[data-testid="lang-vi"]').click();
    await waitIdle();
    await expect(sb.locator('[data-testid="step-heading"]').textContent()).resolves.toMatch(/Bước \d\/7/);
  });
});

describe('playground: custom functions in cells', () => {
  it('evaluates =PARETO_RANK(...) typed into a cell through dist/Code.js and spills', async () => {
    await openTab('Đơn hàng');
    const input = page.locator('[data-testid="formula-input"]');
    // H is the first blank column right of the 7 order columns (the grid shows blank columns too).
    await page.locator('[data-testid="cell-H2"]').click();
    expect(await page.textContent('[data-testid="name-box"]')).toBe('H2');
    await input.fill('=PARETO_RANK(D2:D20001; B2:B20001)');
    await input.press('Enter');
    await page.waitForFunction(() => /^[ABC]$/.test(document.querySelector('[data-testid="cell-H2"]')?.textContent ?? ''), null, { timeout: 60_000 });
    const classes = await page.$$eval('td[data-testid^="cell-H"]', (tds) => tds.map((td) => td.textContent ?? ''));
    // Spilled: every shown order row got its customer's Pareto class, not only H2.
    const shown = classes.slice(1, 200);
    expect(shown.every((x) => /^[ABC]$/.test(x))).toBe(true);
    expect(new Set(shown).size).toBe(3);
    await page.locator('[data-testid="cell-H3"]').click();
    expect(await input.inputValue()).toBe(await cellText('H3')); // a spilled value, not a formula
    await page.locator('[data-testid="cell-H2"]').click();
    expect(await input.inputValue()).toBe('=PARETO_RANK(D2:D20001; B2:B20001)');
    await shot('custom-function.png');
    // A bad argument shows the function's localized message under #ERROR!, not a stack trace.
    await page.locator('[data-testid="cell-J2"]').click();
    await input.fill('=PARETO_RANK(F2:F10)');
    await input.press('Enter');
    await page.waitForFunction(() => document.querySelector('[data-testid="toast"]')?.getAttribute('data-kind') === 'error');
    const msg = (await page.textContent('[data-testid="toast"]')) ?? '';
    expect(msg).toMatch(/PARETO_RANK/);
    expect(msg).toMatch(/dòng|row/);
    expect(msg).not.toMatch(/at .*\.js:\d+/);
    await page.waitForFunction(() => document.querySelector('[data-testid="cell-J2"]')?.textContent === '#ERROR!');
    expect(await page.locator('[data-testid="cell-J2"]').getAttribute('title')).toMatch(/PARETO_RANK/);
  });
});

describe('playground: hostile and bad uploads', () => {
  it('keeps <img onerror> and =HYPERLINK names inert in the grid, the sidebar and the exported XLSX', async () => {
    const csv = [
      'Mã KH,Họ tên,Ngày mua,Thành tiền',
      'KH1,<img src=x onerror=alert(1)>,01/02/2025,100000',
      'KH2,"=HYPERLINK(""http://x"")",02/02/2025,200000',
      'KH1,<img src=x onerror=alert(1)>,03/03/2025,150000',
      'KH3,Nguyễn Văn An,04/03/2025,50000',
      'KH2,"=HYPERLINK(""http://x"")",05/03/2025,80000',
    ].join('\r\n');
    const file = path.join(ROOT, '.playground-tmp', 'hostile.csv');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, csv);
    await page.click('[data-testid="file-menu"]');
    await page.setInputFiles('[data-testid="upload-input"]', file);
    await page.waitForSelector('[data-testid="tab-hostile"]');
    await page.waitForSelector('[data-testid="cell-B2"]');
    expect(await cellText('B2')).toBe('<img src=x onerror=alert(1)>');
    expect(await cellText('B3')).toBe('=HYPERLINK("http://x")');
    expect(await page.locator('[data-testid="grid"] img').count()).toBe(0);
    expect(await page.locator('[data-testid="grid"] a').count()).toBe(0);
    // In the sidebar: the samples of the name column show the text.
    await openWizard();
    const sb = sidebar();
    const samples = (await sb.locator('[data-testid="samples-orders-B"]').textContent()) ?? '';
    expect(samples).toContain('<img src=x onerror=alert(1)>');
    expect(samples).toContain('=HYPERLINK("http://x")');
    expect(await sb.locator('img').count()).toBe(0);
    await shot('hostile-upload.png', 'side');
    // Exported XLSX: plain strings, no formula.
    const [download] = await Promise.all([page.waitForEvent('download'), page.evaluate(() => (document.getElementById('download') as HTMLElement).click())]);
    const xlsx = fs.readFileSync((await download.path()) as string);
    const sheets = await inspectXlsx(xlsx);
    const cells = sheets.flatMap((s) => s.cells);
    const img = cells.find((c) => c.value === '<img src=x onerror=alert(1)>');
    const link = cells.find((c) => c.value === '=HYPERLINK("http://x")');
    expect(img).toBeTruthy();
    expect(link).toBeTruthy();
    expect(cells.every((c) => !c.formula)).toBe(true);
    expect(dialogs).toEqual([]);
    expect(pageErrors).toEqual([]);
  });

  it('answers bad uploads with a clear message and stays up', async () => {
    const dir = path.join(ROOT, '.playground-tmp');
    const cases: [string, Buffer, RegExp][] = [
      ['empty.csv', Buffer.alloc(0), /trống|empty/],
      ['photo.csv', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), /không phải là bảng tính|not a spreadsheet/],
      ['mojibake.csv', Buffer.from('Mã KH,Họ tên\nKH1,Nguyá»…n VÄƒn A\n', 'utf8'), /sai bảng mã|wrong encoding/],
    ];
    for (const [name, buf, re] of cases) {
      const file = path.join(dir, name);
      fs.writeFileSync(file, buf);
      await page.click('[data-testid="file-menu"]');
      await page.setInputFiles('[data-testid="upload-input"]', file);
      await page.waitForFunction(() => document.querySelector('[data-testid="toast"]')?.getAttribute('data-kind') === 'error');
      expect(await page.textContent('[data-testid="toast"]')).toMatch(re);
    }
    // Windows-1258 CSV (Vietnamese Windows' ANSI code page) is read correctly.
    const cp1258 = Buffer.from([
      ...Buffer.from('Ma KH,Ho ten,Ngay,Tien\r\nKH1,Nguy', 'latin1'),
      0xea, // ê
      0xde, // combining tilde (U+0303) in Windows-1258
      ...Buffer.from('n,01/02/2025,100\r\n', 'latin1'),
    ]);
    fs.writeFileSync(path.join(dir, 'cp1258.csv'), cp1258);
    await page.click('[data-testid="file-menu"]');
    await page.setInputFiles('[data-testid="upload-input"]', path.join(dir, 'cp1258.csv'));
    await page.waitForSelector('[data-testid="tab-cp1258"]');
    expect(await cellText('B2')).toBe('Nguyễn');
    // The server is still up.
    const res = await page.evaluate(async () => (await fetch('/api/state')).status);
    expect(res).toBe(200);
  });
});

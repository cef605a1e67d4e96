/**
 * The built sidebar (dist/Sidebar.html, made by the global setup's build): size and shape, then
 * its script run for real in a `vm` context with a fake DOM and a `google.script.run` double that
 * has the real semantics (asynchronous, success/failure handlers, JSON-only values).
 */
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import * as F from '../sidebar/fixtures';
import { allNodes } from './sidebar-dom';
import { focusedTestId, harness } from './sidebar-harness';

const root = path.resolve(__dirname, '..');
const htmlPath = path.join(root, 'dist/Sidebar.html');
let html = '';
let script = '';

beforeAll(() => {
  html = fs.readFileSync(htmlPath, 'utf8');
  const start = html.lastIndexOf('<script>');
  const end = html.lastIndexOf('</script>');
  script = html.slice(start + '<script>'.length, end);
});

describe('dist/Sidebar.html', () => {
  it('is one self-contained file under 150 KB', () => {
    const bytes = Buffer.byteLength(html);
    expect(bytes).toBeLessThan(150 * 1024);
    expect(html).not.toContain('INLINE:');
    expect(html).toMatch(/<style>[^<]+<\/style>/);
    expect(html).not.toMatch(/<script[^>]+src=|<link[^>]+href=/);
    for (const id of ['top', 'busy', 'error', 'panel', 'status']) expect(html).toContain('id="' + id + '"');
    expect(html).toContain('aria-live="polite"');
    expect(html).toContain('role="alert"');
  });
  it('carries no server code and no template literals', () => {
    for (const w of ['SpreadsheetApp', 'PropertiesService', 'LockService', 'DeveloperMetadata', 'HtmlService']) expect(script).not.toContain(w);
    expect(script.replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'/g, '')).not.toContain('`');
    expect(script).not.toMatch(/<\/script/i);
    expect(script).not.toContain('innerHTML');
    expect(script).not.toContain('insertAdjacentHTML');
    expect(script).not.toMatch(/\beval\(|new Function\(/);
  });
});

describe('the built sidebar, run with a fake DOM', () => {
  it('walks the wizard: load, detect, analyses, preview, apply, undo, personas, share, track', async () => {
    const h = harness();
    await h.settle();
    const { doc, calls } = h;
    expect(calls.map((c) => c.name)).toEqual(['wizardLoad', 'wizardDetect']);
    expect(calls[0].args).toEqual([null]);
    expect(calls[1].args).toEqual(['Đơn hàng', 'vi', null]);
    expect(doc.documentElement.lang).toBe('vi');
    expect(h.text('step-heading')).toBe('Bước 1/7 · Dữ liệu');
    expect(h.text('spreadsheet-name')).toBe('Sổ ' + F.HOSTILE);
    expect(h.has('mapping-orders')).toBe(true);
    expect(h.text('samples-orders-D')).toContain(F.HOSTILE);

    // Change a column's role: the old holder of the role loses it.
    await h.change('select-role-orders-E', 'amount');
    expect(h.el('select-role-orders-E').value).toBe('amount');
    expect(h.el('select-role-orders-C').value).toBe('');
    expect(h.has('missing-roles-orders')).toBe(false);
    await h.change('select-role-orders-C', 'amount');

    await h.click('btn-next');
    expect(h.text('step-heading')).toBe('Bước 2/7 · Phân tích');
    expect(focusedTestId(doc)).toBe('step-heading');

    // A bad parameter keeps the user on the step, with the message next to the field.
    await h.change('pareto-a', '120');
    expect(h.text('pareto-a-error')).toBe('Nhập tỷ lệ phần trăm lớn hơn 0, tối đa 100.');
    expect(h.el('pareto-a').attrs['aria-invalid']).toBe('true');
    await h.click('btn-next');
    expect(h.text('step-heading')).toBe('Bước 2/7 · Phân tích');
    expect(focusedTestId(doc)).toBe('pareto-a');
    expect(calls.some((c) => c.name === 'wizardAnalyze')).toBe(false);
    await h.change('pareto-a', '70');
    await h.change('rfm-date', '31/12/2024');

    await h.click('btn-next');
    expect(h.text('step-heading')).toBe('Bước 3/7 · Xem trước');
    const an = calls.filter((c) => c.name === 'wizardAnalyze');
    expect(an.length).toBe(1);
    expect(an[0].args[0].params.pareto.aShare).toBeCloseTo(0.7, 12);
    expect(an[0].args[0].params.rfm.analysisDate).toBe('2024-12-31');
    // Column E lost its province role when it briefly took the amount.
    expect(an[0].args[0].sources.orders.mapping).toEqual({ customer_id: 0, order_date: 1, amount: 2, customer_name: 3 });
    expect(h.text('pareto-answer')).toBe('20% khách hàng (10/50 khách) mang lại 80% doanh thu.');
    expect(h.text('preview-revenue')).toBe('123.456.789 ₫');
    expect(h.has('chart-segments') && h.has('chart-pareto')).toBe(true);
    // The settings were saved quietly after the preview.
    expect(calls.filter((c) => c.name === 'wizardSaveSettings').length).toBe(1);
    expect(h.text('status')).toBe('Bản xem trước đã sẵn sàng.');

    await h.click('btn-next');
    await h.click('btn-apply');
    const ap = calls.filter((c) => c.name === 'wizardApply')[0].args[0];
    expect(ap.tags).toEqual(['pareto_class', 'segment']);
    expect(ap.colorRows).toBe(true);
    expect(h.text('apply-result')).toContain('Đã gắn nhãn 50 dòng trong “Khách hàng (TC)”.');
    expect(focusedTestId(doc)).toBe('apply-done');

    await h.click('btn-undo');
    expect(h.text('undo-result')).toBe(F.UNDO.message);
    expect(h.el('btn-undo').disabled).toBe(true);
    expect(h.has('apply-result')).toBe(false);

    await h.click('btn-next');
    await h.click('btn-personas');
    expect(h.text('personas-result')).toContain('TC Personas');

    await h.click('btn-next');
    expect(h.el('btn-share').disabled).toBe(true);
    await h.change('share-seg-vip', true);
    await h.change('share-seg-at_risk', true);
    await h.click('btn-share');
    expect(calls.filter((c) => c.name === 'wizardShare')[0].args[0].segments).toEqual(['vip', 'at_risk']);
    expect(h.text('share-result')).toContain('20');

    await h.click('btn-next');
    expect(calls[calls.length - 1].name).toBe('wizardHistory');
    expect(h.has('migration-matrix')).toBe(true);

    // Nothing the data said became an element.
    expect(doc.created.some((n) => ['img', 'script', 'iframe'].includes(n.tag))).toBe(false);
    const texts = allNodes(doc.documentElement).filter((n) => n.tag === '#text' && (n.text as string).includes(F.HOSTILE));
    expect(texts.length).toBeGreaterThan(0);
  });

  it('switches language: client strings at once, server labels refetched, choice saved', async () => {
    const h = harness();
    await h.settle();
    await h.click('lang-en');
    expect(h.doc.documentElement.lang).toBe('en');
    expect(h.text('step-heading')).toBe('Step 1 of 7 · Data');
    const names = h.calls.map((c) => c.name);
    expect(names.slice(2)).toEqual(['wizardLoad', 'wizardDetect', 'wizardSaveSettings']);
    expect(h.calls[2].args).toEqual(['en']);
    expect(h.calls[3].args).toEqual(['Đơn hàng', 'en', 1]);
    expect(h.calls[4].args[0].lang).toBe('en');
    expect(h.el('lang-en').attrs['aria-pressed']).toBe('true');
    expect(focusedTestId(h.doc)).toBe('lang-en');
    // Role labels now come from the English load.
    expect(allNodes(h.el('select-role-orders-A')).some((n) => n.tag === 'option' && n.textContent === 'Customer ID')).toBe(true);
  });

  it('shows envelope errors as given, with a retry that repeats the call', async () => {
    const h = harness();
    await h.settle();
    h.override.wizardAnalyze = { envelope: { ok: false, error: { code: 'user', message: 'Cột “Thành tiền”, dòng 7: "abc" không phải là số. Hãy sửa ô đó.' } } };
    await h.click('nav-preview');
    expect(h.text('error-message')).toBe('Cột “Thành tiền”, dòng 7: "abc" không phải là số. Hãy sửa ô đó.');
    expect(h.el('error-box').textContent).toContain('Không tính được bản xem trước');
    expect(focusedTestId(h.doc)).toBe('btn-retry');
    expect(h.doc.getElementById('busy')!.hidden).toBe(true);
    h.override.wizardAnalyze = undefined;
    await h.click('btn-retry');
    expect(h.has('error-box')).toBe(false);
    expect(h.has('pareto-answer')).toBe(true);
    expect(h.calls.filter((c) => c.name === 'wizardAnalyze').length).toBe(2);
  });

  it('a locked document says to wait; a network failure says to check the connection', async () => {
    const h = harness();
    await h.settle();
    await h.click('nav-apply');
    h.override.wizardApply = { envelope: { ok: false, error: { code: 'locked', message: 'Một lượt chạy khác đang gắn nhãn bảng tính này.' } } };
    await h.click('btn-apply');
    expect(h.text('error-message')).toBe('Một lượt chạy khác đang gắn nhãn bảng tính này.');
    expect(h.text('error-hint')).toBe('Hãy đợi lượt đó xong rồi thử lại.');
    h.override.wizardApply = { throw: { name: 'NetworkError', message: 'NetworkError: Connection failure due to HTTP 0' } };
    await h.click('btn-retry');
    expect(h.text('error-message')).toBe('Mất kết nối tới Google.');
    expect(h.text('error-hint')).toBe('Hãy kiểm tra kết nối mạng rồi thử lại.');
    expect(h.has('btn-retry')).toBe(true);
  });

  it('never hangs: a call that never answers ends in a timeout message and the busy bar goes away', async () => {
    const h = harness();
    await h.settle();
    h.override.wizardHistory = { hang: true };
    h.el('nav-track').fire('click');
    await new Promise((r) => setTimeout(r, 5));
    expect(h.doc.getElementById('busy')!.hidden).toBe(false);
    expect(h.text('busy-label')).toBe('Đang đọc lịch sử…');
    expect(h.el('panel').attrs['aria-busy']).toBe('true');
    await h.settle();
    expect(h.doc.getElementById('busy')!.hidden).toBe(true);
    expect(h.text('error-message')).toBe('Google Trang tính không phản hồi sau 60 giây.');
    expect(h.el('btn-history').disabled).toBe(false);
  });

  it('an unexpected server exception shows its text with what to do', async () => {
    const h = harness();
    await h.settle();
    h.override.wizardHistory = { throw: { name: 'TypeError', message: "Cannot read properties of undefined (reading 'getRange')" } };
    await h.click('nav-track');
    expect(h.text('error-message')).toBe("Tiện ích gặp lỗi: Cannot read properties of undefined (reading 'getRange')");
    expect(h.text('error-hint')).toContain('báo lỗi kèm thông báo này');
  });

  it('outside Sheets (no google.script.run) says where to open it', async () => {
    const h = harness({ noGoogle: true });
    await h.settle();
    expect(h.text('error-message')).toBe('Trang này chưa được kết nối với Google Trang tính.');
    expect(h.text('error-hint')).toContain('Tiện ích mở rộng → Khách hàng mục tiêu');
  });

  it('edits the rules table and saves it in the document', async () => {
    const h = harness();
    await h.settle();
    await h.click('nav-analyses');
    await h.click('rule-edit-1');
    expect(focusedTestId(h.doc)).toBe('rule-1-name-vi');
    await h.change('rule-1-name-vi', 'Khách ruột');
    await h.change('rule-1-f-min', '4');
    expect(h.has('rules-unsaved')).toBe(true);
    await h.click('rule-1-up');
    await h.click('btn-add-rule');
    await h.click('btn-save-rules');
    const saved = h.calls.filter((c) => c.name === 'wizardSaveRules')[0].args[0];
    expect(saved.rules.map((r: any) => r.key)).toEqual(['loyal', 'vip', 'at_risk', 'custom_1']);
    expect(saved.rules[0].name.vi).toBe('Khách ruột');
    expect(saved.rules[0].f).toEqual({ min: 4, max: 5 });
    expect(h.has('rules-unsaved')).toBe(false);
    expect(h.text('status')).toBe('Đã lưu quy tắc vào tệp này.');
    // An invalid table is not sent.
    await h.click('rule-edit-0');
    await h.change('rule-0-name-en', '');
    const before = h.calls.length;
    await h.click('btn-save-rules');
    expect(h.calls.length).toBe(before);
    expect(h.text('rules-errors')).toContain('Quy tắc 1: hãy đặt tên bằng cả hai ngôn ngữ.');
  });

  it('picking no source blocks the next step with a message', async () => {
    const h = harness();
    await h.settle();
    await h.change('select-sheet-orders', '');
    await h.click('btn-next');
    expect(h.text('step-heading')).toBe('Bước 1/7 · Dữ liệu');
    expect(h.text('data-errors')).toBe('Hãy chọn nhật ký đơn hàng hoặc bảng khách hàng trước.');
  });
});

/**
 * The wizard's server side through the built bundle (dist/Code.js) in the local stand-in
 * (gas-local): exact cells, metadata, undo restoring the workbook exactly, idempotent re-runs,
 * the document lock, rollback of a failed run, messy and hostile sheets, range-IO counts.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ApplyRequest, WizardResponse } from '../src/gas/wizard-api';
import { createStandIn, type StandIn, type WorkbookJSON } from '../standin';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const gas = require('gas-local');
const DIST = path.resolve(__dirname, '../dist');

type App = Record<string, (...args: any[]) => any>;

function load(si: StandIn): App {
  return gas.require(DIST, si.globals, { filter: (f: string) => f.endsWith('Code.js') });
}

const d = (iso: string) => new Date(`${iso}T09:30:00+07:00`);

/** Deterministic order log: 40 customers, about 300 orders over 2023–2024. */
function orderRows(n = 300, seed0 = 11): unknown[][] {
  let seed = seed0;
  const rnd = () => {
    seed = (seed * 16807) % 2147483647;
    return seed / 2147483647;
  };
  const rows: unknown[][] = [['Mã KH', 'Ngày mua', 'Thành tiền', 'Kênh', 'Giảm giá']];
  for (let i = 0; i < n; i++) {
    const c = Math.floor(rnd() * rnd() * 40);
    const day = Math.floor(rnd() * 700);
    const iso = new Date(Date.UTC(2023, 0, 1) + day * 86_400_000).toISOString().slice(0, 10);
    rows.push([
      `KH${String(c).padStart(3, '0')}`,
      d(iso),
      Math.round(100 + rnd() * 5000) * 1000,
      rnd() < 0.6 ? 'Online' : 'Cửa hàng',
      rnd() < 0.3 ? '10%' : '',
    ]);
  }
  return rows;
}

const PROVINCES = ['TP.HCM', 'Hà Nội', 'Da Nang', 'Bình Dương', 'Cần Thơ', 'Thừa Thiên Huế', 'Hải Phòng', 'Khánh Hòa'];

function customerRows(): unknown[][] {
  const rows: unknown[][] = [['Mã KH', 'Họ tên', 'SĐT', 'Tỉnh/Thành phố', 'Năm sinh', 'Giới tính', 'Ghi chú']];
  for (let c = 0; c < 40; c++) {
    const name = c === 3 ? '\'=HYPERLINK("http://evil.example","bấm vào")' : c === 4 ? '<img src=x onerror=alert(1)>' : `Khách hàng ${c}`;
    rows.push([
      `KH${String(c).padStart(3, '0')}`,
      name,
      `09${String(12345600 + c)}`,
      PROVINCES[c % PROVINCES.length],
      1960 + ((c * 7) % 45),
      c % 3 ? 'Nữ' : 'Nam',
      c === 5 ? '+84 gọi sau' : '',
    ]);
  }
  return rows;
}

const PARAMS = {
  pareto: { enabled: true, measure: 'revenue', aShare: 0.8, bShare: 0.95 },
  rfm: { enabled: true, scheme: 'default', analysisDate: null },
  clv: { enabled: true, horizonMonths: 12, annualDiscountRate: 0.1, margin: 1 },
  demographics: { enabled: true },
  behaviour: { enabled: true, bargainShare: 0.6 },
};

const ORDERS = { sheet: 'Đơn hàng', headerRow: 1, mapping: { customer_id: 0, order_date: 1, amount: 2, channel: 3, discount: 4 } };
const CUSTOMERS = {
  sheet: 'Khách hàng',
  headerRow: 1,
  mapping: { customer_id: 0, customer_name: 1, phone: 2, province: 3, birth_year: 4, gender: 5, notes: 6 },
};

function applyReq(over: Partial<ApplyRequest> = {}): ApplyRequest {
  return {
    lang: 'vi',
    sources: { orders: ORDERS, customers: CUSTOMERS },
    params: PARAMS as ApplyRequest['params'],
    tags: ['segment', 'pareto_class', 'rfm_score', 'clv', 'region', 'age_band', 'behaviour'],
    colorRows: true,
    tagOrderRows: false,
    personas: true,
    ...over,
  } as ApplyRequest;
}

/** The data of a successful response (typed loosely: the bundle's functions are untyped here). */
function ok(r: WizardResponse<unknown>): any {
  if (!r.ok) throw new Error(`expected ok, got ${r.error.code}: ${r.error.message}`);
  return r.data;
}

function both(): { si: StandIn; app: App } {
  const si = createStandIn({
    locale: 'vi_VN',
    now: new Date('2025-01-15T03:00:00Z'),
    sheets: [
      { name: 'Khách hàng', values: customerRows() },
      { name: 'Đơn hàng', values: orderRows() },
    ],
  });
  return { si, app: load(si) };
}

/** A snapshot without the add-on's hidden bookkeeping sheets (undo record, per-customer store). */
function _visible(s: WorkbookJSON): WorkbookJSON {
  return { ...s, sheets: s.sheets.filter((x) => !/^_tc_/.test(x.name)) };
}

/** A snapshot without the add-on's hidden bookkeeping sheets (backups, per-customer store); sheet order kept, indexes dropped. */
function visible(s: WorkbookJSON): unknown {
  return {
    ...s,
    sheets: s.sheets.filter((x) => !/^_tc_/.test(x.name)).map((x) => ({ ...x, index: undefined })),
    developerMetadata: s.developerMetadata.filter((m) => !/_tc_/.test(m.location)),
  };
}

const sheetJson = (si: StandIn, name: string) => si.snapshot().sheets.find((s) => s.name === name);

describe('wizardLoad / wizardDetect', () => {
  it('detects the order log on first load and offers labels in Vietnamese', () => {
    const { app } = both();
    const res = ok(app.wizardLoad(null));
    expect(res.lang).toBe('vi');
    expect(res.currency).toBe('₫');
    expect(res.saved).toBe(false);
    expect(res.settings.sources.customers?.sheet).toBe('Khách hàng');
    expect(res.roles.find((r: { key: string }) => r.key === 'customer_id')?.label).toBe('Mã khách hàng');
    expect(res.rules.rules[0].key).toBe('vip');
    expect(res.canUndo).toBe(false);
    const det = ok(app.wizardDetect('Đơn hàng', 'vi'));
    expect(det.headerRow).toBe(1);
    expect(det.kind).toBe('orders');
    expect(det.mapping).toMatchObject({ customer_id: 0, order_date: 1, amount: 2, channel: 3, discount: 4 });
    expect(det.columns[0]).toMatchObject({ letter: 'A', header: 'Mã KH', role: 'customer_id' });
  });

  it('a sheet with only a header, and an unknown sheet, get clear messages', () => {
    const si = createStandIn({ locale: 'en_US', sheets: [{ name: 'Orders', values: [['Customer ID', 'Order date', 'Amount']] }] });
    const app = load(si);
    const det = ok(app.wizardDetect('Orders', 'en'));
    expect(det.warnings.join(' ')).toContain('has a header row but no data under it yet');
    const res = app.wizardAnalyze({
      lang: 'en',
      sources: { orders: { sheet: 'Orders', headerRow: 1, mapping: { customer_id: 0, order_date: 1, amount: 2 } } },
      params: PARAMS,
    });
    expect(res.ok).toBe(false);
    expect(res.error.code).toBe('user');
    expect(res.error.message).toContain('sheet "Orders" has no data rows under the header (row 1)');
    const nos = app.wizardDetect('Nope', 'vi');
    expect(nos).toEqual({ ok: false, error: { code: 'user', message: 'Khách hàng mục tiêu: Không có trang tính nào tên "Nope". Hãy chọn lại trang tính.' } });
  });
});

describe('wizardDetect with the header row the user chose', () => {
  it('reads the columns under the given row instead of detecting it', () => {
    const values = [
      ['Báo cáo bán hàng quý 4', '', ''],
      ['Xuất từ POS ngày 31/12/2024', '', ''],
      ['Mã KH', 'Ngày mua', 'Thành tiền'],
      ['KH1', '01/12/2024', 100000],
      ['KH2', '02/12/2024', 250000],
    ];
    const si = createStandIn({ locale: 'vi_VN', sheets: [{ name: 'Đơn', values }] });
    const app = load(si);
    const chosen = ok(app.wizardDetect('Đơn', 'vi', 3));
    expect(chosen.headerRow).toBe(3);
    expect(chosen.mapping).toMatchObject({ customer_id: 0, order_date: 1, amount: 2 });
    // An impossible choice falls back to detection rather than reading nonsense.
    expect(ok(app.wizardDetect('Đơn', 'vi', 99)).headerRow).toBe(ok(app.wizardDetect('Đơn', 'vi')).headerRow);
  });
});

describe('wizardAnalyze (preview)', () => {
  it('writes nothing and returns segments, Pareto and warnings', () => {
    const { si, app } = both();
    const before = si.snapshot();
    si.resetCalls();
    const p = ok(app.wizardAnalyze(applyReq()));
    expect(si.rangeIO('write')).toBe(0);
    expect(si.rangeIO('read')).toBe(2);
    expect(si.snapshot()).toEqual(before);
    expect(p.kind).toBe('both');
    expect(p.segments.reduce((s: number, x: { customers: number }) => s + x.customers, 0)).toBe(p.customers);
    expect(p.pareto.answer).toMatch(/^\d+(,\d)?% khách hàng mang lại 80% doanh thu\.$/);
    expect(p.regions.map((r: { key: string }) => r.key)).toEqual(['north', 'central', 'south']);
    // Customers of the table without orders are reported, never silently tagged.
    if (p.customers < 40) expect(p.warnings.join(' ')).toContain('chưa có đơn hàng nào');
  });
});

describe('wizardApply on a customer table linked to an order log', () => {
  it('adds headed tag columns at the right edge, marks them, colours rows, and touches no other column', () => {
    const { si, app } = both();
    const before = si.snapshot();
    const userBefore = si.values('Khách hàng').map((r) => r.slice(0, 7));
    si.resetCalls();
    const res = ok(app.wizardApply(applyReq()));
    const io = si.rangeIO();
    expect(io).toBeLessThanOrEqual(30);
    expect(res.sheet).toBe('Khách hàng');
    expect(res.columns.map((c: { letter: string; header: string }) => `${c.letter}:${c.header}`)).toEqual([
      'H:Phân khúc',
      'I:Nhóm Pareto',
      'J:Điểm RFM',
      'K:CLV (12 tháng)',
      'L:Vùng miền',
      'M:Nhóm tuổi',
      'N:Hành vi',
    ]);
    const vals = si.values('Khách hàng');
    // The user's columns A..G are exactly as before.
    expect(vals.map((r) => r.slice(0, 7))).toEqual(userBefore);
    expect(vals[0].slice(7)).toEqual(['Phân khúc', 'Nhóm Pareto', 'Điểm RFM', 'CLV (12 tháng)', 'Vùng miền', 'Nhóm tuổi', 'Hành vi']);
    // Hand-checkable cells: regions and age bands from the customer table.
    const row = (id: string) => vals.find((r) => r[0] === id) as unknown[];
    expect(row('KH000')[11]).toBe('Miền Nam'); // TP.HCM
    expect(row('KH001')[11]).toBe('Miền Bắc'); // Hà Nội
    expect(row('KH002')[11]).toBe('Miền Trung'); // Da Nang
    expect(row('KH000')[12]).toBe('55–64 tuổi'); // born 1960, analysis year 2024
    // Pareto, segment and score agree with the preview; scores are 3-digit numbers.
    const p = res.preview;
    const segNames = new Set(p.segments.map((s: { name: string }) => s.name));
    let tagged = 0;
    for (const r of vals.slice(1)) {
      if (r[7] === '') continue;
      tagged++;
      expect(segNames.has(r[7] as string)).toBe(true);
      expect(['A', 'B', 'C']).toContain(r[8]);
      expect(r[9]).toBeGreaterThanOrEqual(111);
      expect(r[9]).toBeLessThanOrEqual(555);
    }
    const counts = p.segments.reduce((s: number, x: { customers: number }) => s + x.customers, 0);
    expect(tagged).toBe(counts);
    // Metadata marks each new column with its tag.
    const meta = si.snapshot().developerMetadata.filter((m) => m.key === 'tc.col');
    expect(meta.map((m) => `${m.value}@${m.location}`)).toEqual(
      expect.arrayContaining(['segment@COLUMN Khách hàng!H', 'pareto_class@COLUMN Khách hàng!I', 'behaviour@COLUMN Khách hàng!N']),
    );
    // Row colours: a tagged row is coloured with its group's colour across the table; the header is frozen.
    const sh = sheetJson(si, 'Khách hàng');
    expect(sh?.frozenRows).toBe(1);
    const colors = new Map(p.segments.map((x: { name: string; color: string }) => [x.name, x.color]));
    const bgs = (sh?.formats.background ?? {}) as Record<string, string>;
    const r2 = vals[1];
    expect(r2[7]).not.toBe('');
    expect(bgs.A2).toBe(colors.get(r2[7] as string));
    expect(bgs.G2).toBe(colors.get(r2[7] as string));
    expect(bgs.H1).toBe('#e0e7ff');
    expect(bgs.A1).toBeUndefined();
    // The persona sheet and history exist; the store is hidden.
    const names = si.snapshot().sheets.map((s) => `${s.name}${s.hidden ? ' (hidden)' : ''}`);
    expect(names).toEqual(expect.arrayContaining(['Chân dung khách hàng', 'Lịch sử phân khúc', '_tc_store (hidden)']));
    const personas = sheetJson(si, 'Chân dung khách hàng');
    expect(personas?.charts.length).toBe(1);
    expect(personas?.charts[0].type).toBe('BAR');
    expect(before.sheets.length).toBe(2);
  });

  it('undo restores the workbook exactly (values, formats, added columns, sheets, metadata)', () => {
    const { si, app } = both();
    const before = si.snapshot();
    ok(app.wizardApply(applyReq({ tagOrderRows: true })));
    expect(si.snapshot()).not.toEqual(before);
    const u = ok(app.wizardUndo('vi'));
    expect(u.message).toMatch(/^Đã hoàn tác: lần gắn nhãn lúc \d\d\/\d\d\/\d{4} \d\d:\d\d đã được gỡ bỏ/);
    expect(u.removedSheets).toEqual(expect.arrayContaining(['Chân dung khách hàng', 'Lịch sử phân khúc']));
    expect(si.snapshot()).toEqual(before);
    const again = app.wizardUndo('en');
    expect(again.ok).toBe(false);
    expect(again.error.code).toBe('no_undo');
    expect(ok(app.wizardLoad('vi')).canUndo).toBe(false);
  });

  it('a re-run updates the same columns, even after the user moved and renamed one; undo goes back to the first run', () => {
    const { si, app } = both();
    ok(app.wizardApply(applyReq()));
    const first = si.snapshot();
    const firstVals = si.values('Khách hàng');
    // Second run with the same data: same columns, same cells.
    si.resetCalls();
    const r2 = ok(app.wizardApply(applyReq()));
    expect(si.rangeIO()).toBeLessThanOrEqual(30);
    expect(r2.columns.every((c: { added: boolean }) => !c.added)).toBe(true);
    expect(si.snapshot().developerMetadata.filter((m) => m.key === 'tc.col').length).toBe(7);
    expect(si.values('Khách hàng')).toEqual(firstVals);
    // The user moves the segment column (H) to B and renames it.
    si.moveColumn('Khách hàng', 8, 2);
    const sh = si.workbook.sheetByName('Khách hàng');
    expect(sh).toBeTruthy();
    app.wizardSaveSettings({ version: 1, lang: null, sources: {}, params: PARAMS, tags: [], colorRows: true, tagOrderRows: false }, 'vi');
    const moved = si.values('Khách hàng');
    expect(moved[0][1]).toBe('Phân khúc');
    const beforeThird = si.snapshot();
    const r3 = ok(
      app.wizardApply(
        applyReq({
          sources: {
            orders: ORDERS,
            customers: { ...CUSTOMERS, mapping: { customer_id: 0, customer_name: 2, phone: 3, province: 4, birth_year: 5, gender: 6, notes: 7 } },
          },
        }),
      ),
    );
    const seg = r3.columns.find((c: { tag: string }) => c.tag === 'segment');
    expect(seg).toMatchObject({ letter: 'B', added: false });
    expect(si.values('Khách hàng')[0].length).toBe(14);
    const u = ok(app.wizardUndo('vi'));
    expect(u.canUndo).toBe(false);
    // Back exactly to the workbook before the third run (the second run's tags, with the moved column),
    // the add-on's hidden store included.
    expect(si.values('Khách hàng')).toEqual(moved);
    // Undo is one level deep: the hidden backups kept for undoing the second run are gone, but
    // every visible sheet, its formats and metadata are exactly as before the third run.
    expect(visible(si.snapshot())).toEqual(visible(beforeThird));
    void first;
  });

  it('a second run while another holds the document lock gets a clear message and changes nothing', () => {
    const { si, app } = both();
    const before = si.snapshot();
    si.holdDocumentLock();
    const res = app.wizardApply(applyReq());
    expect(res.ok).toBe(false);
    expect(res.error.code).toBe('locked');
    expect(res.error.message).toBe('Một phân tích khác đang chạy trên bảng tính này (có thể ở thẻ khác hoặc do đồng nghiệp). Hãy đợi một lát rồi thử lại.');
    expect(si.snapshot()).toEqual(before);
    si.releaseHeldLocks();
    expect(app.wizardApply(applyReq()).ok).toBe(true);
  });

  it('a failure half-way (the chart service breaks) rolls everything back', () => {
    const { si, app } = both();
    const before = si.snapshot();
    const charts = si.globals.Charts as unknown as Record<string, unknown>;
    Object.defineProperty(charts, 'ChartType', {
      configurable: true,
      get() {
        throw new Error('Service Charts failed while accessing document');
      },
    });
    const res = app.wizardApply(applyReq());
    expect(res.ok).toBe(false);
    expect(res.error.code).toBe('unexpected');
    expect(res.error.message).toBe(
      'Đã xảy ra lỗi: Service Charts failed while accessing document. Hãy thử lại; nếu vẫn lỗi, hãy tải lại bảng tính và gửi thông báo này cho nhà phát triển tiện ích.',
    );
    expect(si.snapshot()).toEqual(before);
    expect(ok(app.wizardLoad('vi')).canUndo).toBe(false);
  });

  it('asks for a header row before adding columns, and rejects a tag the data cannot give', () => {
    const { app } = both();
    const noHeader = app.wizardApply(applyReq({ sources: { orders: ORDERS, customers: { ...CUSTOMERS, headerRow: 0 } } }));
    expect(noHeader.ok).toBe(false);
    expect(noHeader.error.message).toContain('cần một dòng tiêu đề');
    const noIncome = app.wizardApply(applyReq({ tags: ['income_band'] }));
    expect(noIncome.error.message).toContain('Không thể tính cột "Nhóm thu nhập"');
    const none = app.wizardApply(applyReq({ tags: [] }));
    expect(none.error.message).toContain('Hãy chọn ít nhất một cột kết quả');
  });
});

describe('wizardApply with only a customer table (English)', () => {
  it('scores RFM from the table, tags in place with English headers, and explains what it cannot do', () => {
    const rows: unknown[][] = [['Customer ID', 'Name', 'Last purchase', 'Orders', 'Total spend', 'City']];
    for (let c = 0; c < 30; c++)
      rows.push([`C${c}`, `Customer ${c}`, `2024-${String(1 + (c % 12)).padStart(2, '0')}-10`, 1 + (c % 6), 1000 * (c + 1), c % 2 ? 'Hanoi' : 'Saigon']);
    rows.push(['C30', 'No date', '', 2, 500, 'Hue']);
    const si = createStandIn({ locale: 'en_US', sheets: [{ name: 'Customers', values: rows }] });
    const app = load(si);
    const det = ok(app.wizardDetect('Customers', 'en'));
    expect(det.kind).toBe('customers');
    const src = { customers: { sheet: 'Customers', headerRow: 1, mapping: det.mapping } };
    const noClv = app.wizardApply({
      lang: 'en',
      sources: src,
      params: PARAMS,
      tags: ['segment', 'clv'],
      colorRows: false,
      tagOrderRows: false,
      personas: false,
    });
    expect(noClv.error.message).toBe(
      'Target Customers: The column "CLV (12 months)" cannot be computed from this data. Turn on its analysis or choose the columns it needs.',
    );
    const before = si.snapshot();
    const res = ok(
      app.wizardApply({
        lang: 'en',
        sources: src,
        params: PARAMS,
        tags: ['segment', 'rfm_score', 'pareto_class', 'region'],
        colorRows: false,
        tagOrderRows: false,
        personas: false,
      }),
    );
    const vals = si.values('Customers');
    expect(vals[0].slice(6)).toEqual(['Segment', 'RFM score', 'Pareto class', 'Region']);
    expect(vals[1][9]).toBe('South');
    expect(vals[2][9]).toBe('North');
    // C30 has no last purchase date: no segment (blank), and the preview says why.
    expect(vals[31].slice(6, 8)).toEqual(['', '']);
    expect(res.preview.warnings.join(' ')).toContain('1 customers lack last purchase date, number of orders or total spend; they get no segment.');
    // The top spender (C29) is class A.
    expect(vals[30][8]).toBe('A');
    ok(app.wizardUndo('en'));
    expect(si.snapshot()).toEqual(before);
  });
});

describe('wizardApply with only an order log', () => {
  it('builds the customer summary sheet, tags it and optionally the order rows; undo removes it all', () => {
    const si = createStandIn({ locale: 'vi_VN', sheets: [{ name: 'Đơn hàng', values: orderRows() }] });
    const app = load(si);
    const before = si.snapshot();
    si.resetCalls();
    const res = ok(app.wizardApply(applyReq({ sources: { orders: ORDERS }, tagOrderRows: true, tags: ['segment', 'pareto_class', 'clv', 'p_alive'] })));
    expect(si.rangeIO()).toBeLessThanOrEqual(30);
    expect(res.sheet).toBe('Tổng hợp khách hàng');
    const vals = si.values('Tổng hợp khách hàng');
    expect(vals[0]).toEqual([
      'Mã khách hàng',
      'Số đơn hàng',
      'Doanh thu',
      'Ngày mua đầu tiên',
      'Ngày mua gần nhất',
      'Phân khúc',
      'Nhóm Pareto',
      'CLV (12 tháng)',
      'Xác suất còn mua',
    ]);
    // Rows by revenue, descending; the top customer is class A; revenue sums to the order log's total.
    const orders = si.values('Đơn hàng').slice(1);
    const total = orders.reduce((s, r) => s + (r[2] as number), 0);
    expect(vals.slice(1).reduce((s, r) => s + (r[2] as number), 0)).toBe(total);
    for (let i = 2; i < vals.length; i++) expect(vals[i][2] as number).toBeLessThanOrEqual(vals[i - 1][2] as number);
    expect(vals[1][6]).toBe('A');
    // Dates are real dates (the customer's last order), displayed dd/mm/yyyy.
    expect(Object.prototype.toString.call(vals[1][4])).toBe('[object Date]');
    const disp = si.display('Tổng hợp khách hàng');
    expect(disp[1][4]).toMatch(/^\d\d\/\d\d\/\d{4}$/);
    // The order rows got their customer's segment.
    const ov = si.values('Đơn hàng');
    expect(ov[0][5]).toBe('Phân khúc khách hàng');
    const segOf = new Map(vals.slice(1).map((r) => [r[0], r[5]]));
    for (const r of ov.slice(1)) expect(r[5]).toBe(segOf.get(r[0]));
    ok(app.wizardUndo('vi'));
    expect(si.snapshot()).toEqual(before);
  });

  it('messy sheet: title row, merged header, blank rows, hidden rows, text in number columns, dates as text', () => {
    const rows: unknown[][] = [
      ['BÁO CÁO ĐƠN HÀNG 2024', '', '', ''],
      ['Mã KH', 'Ngày mua', 'Thành tiền', 'Ghi chú'],
    ];
    const body = orderRows(120, 5).slice(1);
    body.forEach((r, i) => {
      rows.push([r[0], i % 7 === 0 ? (r[1] as Date).toISOString().slice(0, 10).split('-').reverse().join('/') : r[1], r[2], i === 3 ? 'hàng tặng' : '']);
      if (i % 25 === 0) rows.push(['', '', '', '']);
    });
    rows.push(['KH001', d('2024-05-01'), 'không rõ', '']);
    const si = createStandIn({ locale: 'vi_VN', sheets: [{ name: 'Đơn', values: rows, merges: ['A1:D1'] }] });
    const app = load(si);
    si.globals.SpreadsheetApp.getActiveSpreadsheet().getSheetByName('Đơn')!.hideRows(10, 3);
    const det = ok(app.wizardDetect('Đơn', 'vi'));
    expect(det.headerRow).toBe(2);
    const res = ok(
      app.wizardApply(applyReq({ sources: { orders: { sheet: 'Đơn', headerRow: det.headerRow, mapping: det.mapping } }, tags: ['segment'], personas: false })),
    );
    expect(res.preview.warnings.join('\n')).toContain(`đã bỏ qua 1 dòng vì không có số tiền hợp lệ, ví dụ dòng ${rows.length}: "không rõ"`);
    expect(res.preview.orders).toBe(120);
  });
});

describe('personas, share, history, settings', () => {
  it('share: a sales list for chosen segments, text kept inert, phone with its 0, warning-only protection', () => {
    const { si, app } = both();
    ok(app.wizardApply(applyReq({ personas: false })));
    // Without the persona sheet, the colours get a legend sheet of their own.
    const legend = si.values('Chú giải phân khúc');
    expect(legend[1]).toEqual(['Màu', 'Phân khúc', 'Số khách hàng', '% khách hàng', '% doanh thu', 'Đặc điểm', 'Hành động đề xuất']);
    const lbg = (sheetJson(si, 'Chú giải phân khúc')?.formats.background ?? {}) as Record<string, string>;
    expect(lbg.A3).toBe('#fde68a'); // VIP first
    expect(legend[2][1]).toBe('VIP / Khách hàng xuất sắc');
    // The persona sheet can be (re)built on its own: one card per non-empty segment and a chart.
    const pr = ok(app.wizardBuildPersonas(applyReq()));
    expect(pr.sheet).toBe('Chân dung khách hàng');
    expect(sheetJson(si, pr.sheet)?.charts.length).toBe(1);
    ok(app.wizardBuildPersonas(applyReq()));
    expect(si.snapshot().sheets.filter((x) => x.name.startsWith('Chân dung')).length).toBe(1);
    const preview = ok(app.wizardAnalyze(applyReq()));
    expect(pr.cards).toBe(preview.segments.filter((x: { customers: number }) => x.customers > 0).length);
    const keys = preview.segments.filter((s: { customers: number }) => s.customers > 0).map((s: { key: string }) => s.key);
    const res = ok(app.wizardShare({ ...applyReq(), segments: keys, protectTags: true }));
    const want = preview.segments.filter((s: { customers: number }) => s.customers > 0).reduce((n: number, s: { customers: number }) => n + s.customers, 0);
    expect(res.customers).toBe(want);
    expect(res.protectedColumns).toBe(7);
    const vals = si.values(res.sheet);
    expect(vals[0]).toEqual([
      'Tên khách hàng',
      'Số điện thoại',
      'Email',
      'Mã khách hàng',
      'Phân khúc',
      'CLV',
      'Doanh thu',
      'Ngày mua gần nhất',
      'Tỉnh / thành phố',
      'Hành vi',
      'Hành động đề xuất',
    ]);
    const hostile = vals.find((r) => String(r[0]).startsWith('=HYPERLINK')) as unknown[];
    expect(hostile[0]).toBe('=HYPERLINK("http://evil.example","bấm vào")');
    expect(sheetJson(si, res.sheet)?.formulas).toEqual({});
    // The source phone was typed as 0912345603 (Sheets made it a number); the list gives the 0 back, as text.
    expect(hostile[1]).toBe('0912345603');
    const img = vals.find((r) => r[0] === '<img src=x onerror=alert(1)>') as unknown[];
    expect(img[3]).toBe('KH004');
    // Sorted by CLV, best first; each row has a recommended action.
    for (let i = 2; i < vals.length; i++)
      if (vals[i][5] !== '' && vals[i - 1][5] !== '') expect(vals[i][5] as number).toBeLessThanOrEqual(vals[i - 1][5] as number);
    expect(vals.slice(1).every((r) => String(r[10]).length > 10)).toBe(true);
    const prot = sheetJson(si, 'Khách hàng')?.protections ?? [];
    expect(prot.length).toBe(7);
    expect(prot.every((p) => p.warningOnly && p.description.startsWith('Khách hàng mục tiêu:'))).toBe(true);
    // Sharing again replaces the list and the protections (no duplicates).
    ok(app.wizardShare({ ...applyReq(), segments: keys.slice(0, 1), protectTags: true }));
    expect(sheetJson(si, 'Khách hàng')?.protections.length).toBe(7);
    expect(si.snapshot().sheets.filter((s) => s.name.startsWith('Danh sách cho Sales')).length).toBe(1);
  });

  it('history: a dated snapshot per run and the from → to matrix between the last two runs', () => {
    const si = createStandIn({
      locale: 'vi_VN',
      sheets: [
        { name: 'Khách hàng', values: customerRows() },
        { name: 'Đơn hàng', values: orderRows(300, 11) },
      ],
    });
    const app = load(si);
    ok(app.wizardApply(applyReq({ personas: false })));
    expect(ok(app.wizardHistory('vi')).migration).toBeNull();
    // New orders arrive: append more rows, re-run.
    const more = orderRows(120, 99).slice(1);
    si.globals.SpreadsheetApp.getActiveSpreadsheet()
      .getSheetByName('Đơn hàng')!
      .getRange(302, 1, more.length, 5)
      .setValues(more.map((r) => [r[0], r[1], r[2], r[3], r[4]]) as any);
    ok(app.wizardApply(applyReq({ personas: false })));
    const h = ok(app.wizardHistory('vi'));
    expect(h.snapshots.length).toBe(2);
    const m = h.migration;
    expect(m).not.toBeNull();
    const total = m.counts.flat().reduce((s: number, x: number) => s + x, 0);
    const last = h.snapshots[1].segments.reduce((s: number, x: { customers: number }) => s + x.customers, 0);
    // Everyone in the later run is counted once (from a segment or as new), plus those gone.
    expect(total).toBe(last + m.goneCustomers);
    expect(m.from[m.from.length - 1].key).toBe('__new');
    const hist = si.values('Lịch sử phân khúc');
    expect(hist[0]).toEqual(['Ngày chạy', 'Phân khúc', 'Số khách hàng', 'Doanh thu', '% khách hàng', '% doanh thu']);
    const nonEmpty = h.snapshots.reduce((n: number, x: { segments: { customers: number }[] }) => n + x.segments.filter((y) => y.customers > 0).length, 0);
    expect(hist.length - 1).toBe(nonEmpty);
    expect(hist.slice(1).every((r) => /^\d\d\/\d\d\/\d{4} \d\d:\d\d$/.test(String(r[0])))).toBe(true);
  });

  it('settings and edited rules are saved per document and used by the next run', () => {
    const { si, app } = both();
    const rules = ok(app.wizardLoad('vi')).defaultRules.default;
    rules.rules[0].name = { en: 'Top fans', vi: 'Fan ruột' };
    const saved = ok(app.wizardSaveRules(rules, 'vi'));
    expect(saved.rules.rules[0].name.vi).toBe('Fan ruột');
    const bad = app.wizardSaveRules({ ...rules, rules: [{ ...rules.rules[0], r: { min: 0, max: 9 } }] }, 'en');
    expect(bad.error.message).toContain('rule 1: the R range must be whole scores from 1 to 5');
    ok(
      app.wizardSaveSettings(
        { version: 1, lang: 'en', sources: { orders: ORDERS, customers: CUSTOMERS }, params: PARAMS, tags: ['segment'], colorRows: false, tagOrderRows: false },
        'vi',
      ),
    );
    const l = ok(app.wizardLoad(null));
    expect(l.saved).toBe(true);
    expect(l.lang).toBe('en');
    expect(l.rules.rules[0].name.vi).toBe('Fan ruột');
    const res = ok(app.wizardApply(applyReq({ tags: ['segment'], personas: false })));
    const vals = si.values('Khách hàng');
    expect(res.preview.segments[0]).toMatchObject({ key: 'vip', name: 'Fan ruột' });
    expect(vals.filter((r) => r[7] === 'Fan ruột').length).toBe(res.preview.segments[0].customers);
    expect(res.preview.segments[0].customers).toBeGreaterThan(0);
    ok(app.wizardResetRules('default', 'vi'));
    expect(ok(app.wizardLoad('vi')).rules.rules[0].name.vi).toBe('VIP / Khách hàng xuất sắc');
  });

  it('menu: "Undo last tagging" undoes and shows an alert; the sidebar opens', () => {
    const { si, app } = both();
    ok(app.wizardApply(applyReq({ personas: false })));
    app.wizardUndoFromMenu();
    expect(si.ui.alerts.at(-1)?.prompt ?? JSON.stringify(si.ui.alerts.at(-1))).toContain('Đã hoàn tác');
    app.wizardUndoFromMenu();
    expect(JSON.stringify(si.ui.alerts.at(-1))).toContain('Không có gì để hoàn tác');
    app.showSidebar();
    expect(si.ui.sidebar?.title).toBe('Khách hàng mục tiêu');
  });
});

/**
 * The wizard's server steps (Apps Script side): load, detect, analyse, apply (tag in place, with
 * undo), undo, personas, share with sales, history, settings. Thin over the pure engine
 * (`src/core/wizard-*.ts`): read whole sheets once, compute everything, then write whole blocks.
 */
import type { Cell } from '../core/args';
import { type CallContext, callError, UserError } from '../core/errors';
import { type Lang, type Localized, langFromLocale, localize, monthFirstLocale } from '../core/i18n';
import { formatDay, isBlank, localMidnight } from '../core/parse';
import { buildPersonas, formatShare, type PersonaCustomer, type PersonaGrid, personaSheetGrid } from '../core/personas';
import { primaryAction, SEGMENT_PLAYBOOK } from '../core/playbook';
import { isRfmSchemeId } from '../core/rfm-schemes';
import { SEGMENT_GROUP_COLORS, SEGMENT_GROUP_NAMES, SEGMENT_GROUPS, type SegmentGroup } from '../core/segment-keys';
import { ROLE_NAMES, ROLES, readDataset, type Source } from '../core/wizard-data';
import { computeModel, type WizardModel } from '../core/wizard-model';
import { defaultRules, validateRules } from '../core/wizard-rules';
import { asText, behaviourLabel, cellOut, TAG_FORMATS, TAG_KEYS, TAG_NAMES, tagHeader, tagValue } from '../core/wizard-tags';
import type {
  AnalysisParams,
  AnalyzeRequest,
  ApplyRequest,
  ApplyResult,
  HistoryResult,
  HistorySnapshot,
  LoadResult,
  Migration,
  PersonasResult,
  PreviewResult,
  RfmSchemeId,
  SegmentInfo,
  SegmentRules,
  ShareRequest,
  ShareResult,
  SheetInfo,
  Sources,
  TagKey,
  UndoResult,
  WizardSettings,
  WrittenColumn,
} from './wizard-api';
import { DEFAULT_PARAMS } from './wizard-api';
import { detectSheet } from './wizard-detect';
import {
  type AddOnRole,
  addOnSheetIds,
  BACKUP_PREFIX,
  bgOut,
  columnLetter,
  deleteJsonProp,
  encodeCell,
  findAddOnSheet,
  findTagColumns,
  freshAddOnSheet,
  META_SHEET,
  markColumn,
  PROP,
  type RegionImage,
  readBlob,
  readJsonProp,
  restoreRegion,
  rle,
  type SheetsUndo,
  undoSheets,
  writeBlob,
  writeJsonProp,
} from './wizard-sheets';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Out = string | number | Date;
type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

export const W = {
  locked: {
    en: 'Another analysis is running in this spreadsheet (maybe in another tab or by a colleague). Wait a moment and try again.',
    vi: 'Một phân tích khác đang chạy trên bảng tính này (có thể ở thẻ khác hoặc do đồng nghiệp). Hãy đợi một lát rồi thử lại.',
  },
  noSheet: { en: 'There is no sheet named "{sheet}". Pick the sheet again.', vi: 'Không có trang tính nào tên "{sheet}". Hãy chọn lại trang tính.' },
  emptySheet: {
    en: 'Sheet "{sheet}" is empty. Put your data on it (a header row, then one row per order or customer).',
    vi: 'Trang tính "{sheet}" đang trống. Hãy nhập dữ liệu (một dòng tiêu đề, sau đó mỗi dòng là một đơn hàng hoặc một khách hàng).',
  },
  needHeader: {
    en: 'Sheet "{sheet}" needs a header row so the new columns can be labelled. Insert a row of column names above the data and try again.',
    vi: 'Trang tính "{sheet}" cần một dòng tiêu đề để đặt tên cho các cột mới. Hãy chèn một dòng tên cột phía trên dữ liệu rồi thử lại.',
  },
  noTags: {
    en: 'Choose at least one result column to add (segment, Pareto class, CLV, ...).',
    vi: 'Hãy chọn ít nhất một cột kết quả để thêm (phân khúc, nhóm Pareto, CLV, ...).',
  },
  tagUnavailable: {
    en: 'The column "{tag}" cannot be computed from this data. Turn on its analysis or choose the columns it needs.',
    vi: 'Không thể tính cột "{tag}" từ dữ liệu này. Hãy bật phân tích tương ứng hoặc chọn các cột dữ liệu cần thiết.',
  },
  addOnSheet: {
    en: 'Sheet "{sheet}" was created by the add-on; choose the sheet with your own data.',
    vi: 'Trang tính "{sheet}" do tiện ích tạo ra; hãy chọn trang tính chứa dữ liệu của bạn.',
  },
  noUndo: {
    en: 'There is nothing to undo: no tagging has been applied since the last undo.',
    vi: 'Không có gì để hoàn tác: chưa có lần gắn nhãn nào kể từ lần hoàn tác trước.',
  },
  undone: {
    en: 'Undone: the tagging of {at} was removed and the sheets are back as they were.',
    vi: 'Đã hoàn tác: lần gắn nhãn lúc {at} đã được gỡ bỏ, các trang tính trở lại như trước.',
  },
  undoSheetGone: {
    en: 'Sheet "{sheet}" no longer exists, so its part of the undo was skipped.',
    vi: 'Trang tính "{sheet}" không còn tồn tại nên phần hoàn tác của nó đã được bỏ qua.',
  },
  noSegments: {
    en: 'Choose at least one segment to share.',
    vi: 'Hãy chọn ít nhất một phân khúc để chia sẻ.',
  },
  noSegmentData: {
    en: 'Segments are needed for this step: turn on RFM segments in the analyses.',
    vi: 'Bước này cần phân khúc khách hàng: hãy bật phân khúc RFM trong phần phân tích.',
  },
  badParam: {
    en: 'the setting "{name}" must be between {lo} and {hi}.',
    vi: 'thiết lập "{name}" phải nằm trong khoảng {lo} đến {hi}.',
  },
  badDate: {
    en: 'the analysis date "{value}" is not a date (use yyyy-mm-dd).',
    vi: 'ngày phân tích "{value}" không phải là ngày hợp lệ (dùng dạng yyyy-mm-dd).',
  },
  shareProtect: {
    en: 'Target Customers: columns filled by the add-on. Re-run the wizard to update them.',
    vi: 'Khách hàng mục tiêu: cột do tiện ích điền. Hãy chạy lại trình hướng dẫn để cập nhật.',
  },
  orderSegment: { en: 'Customer segment', vi: 'Phân khúc khách hàng' },
  fn: { en: 'Target Customers', vi: 'Khách hàng mục tiêu' },
} satisfies Record<string, Localized>;

const SHEET_TITLES: Record<Exclude<AddOnRole, 'store' | 'undo'>, Localized> = {
  summary: { en: 'Customer summary', vi: 'Tổng hợp khách hàng' },
  personas: { en: 'Personas', vi: 'Chân dung khách hàng' },
  legend: { en: 'Segment legend', vi: 'Chú giải phân khúc' },
  history: { en: 'Segment history', vi: 'Lịch sử phân khúc' },
  share: { en: 'Sales list', vi: 'Danh sách cho Sales' },
};

const H = {
  id: { en: 'Customer ID', vi: 'Mã khách hàng' },
  name: { en: 'Name', vi: 'Tên khách hàng' },
  phone: { en: 'Phone', vi: 'Số điện thoại' },
  email: { en: 'Email', vi: 'Email' },
  province: { en: 'Province / city', vi: 'Tỉnh / thành phố' },
  orders: { en: 'Orders', vi: 'Số đơn hàng' },
  revenue: { en: 'Revenue', vi: 'Doanh thu' },
  profit: { en: 'Profit', vi: 'Lợi nhuận' },
  first: { en: 'First order', vi: 'Ngày mua đầu tiên' },
  last: { en: 'Last order', vi: 'Ngày mua gần nhất' },
  colour: { en: 'Colour', vi: 'Màu' },
  segment: { en: 'Segment', vi: 'Phân khúc' },
  description: { en: 'Who they are', vi: 'Đặc điểm' },
  customers: { en: 'Customers', vi: 'Số khách hàng' },
  customerShare: { en: '% of customers', vi: '% khách hàng' },
  revenueShare: { en: '% of revenue', vi: '% doanh thu' },
  action: { en: 'Recommended action', vi: 'Hành động đề xuất' },
  clv: { en: 'CLV', vi: 'CLV' },
  date: { en: 'Run date', vi: 'Ngày chạy' },
  legendTitle: { en: 'Segment colours used on "{sheet}"', vi: 'Màu phân khúc dùng trên trang "{sheet}"' },
  behaviour: { en: 'Behaviour', vi: 'Hành vi' },
  contact: { en: 'Contact', vi: 'Liên hệ' },
  subtitle: { en: 'Data: {sheet} · analysis date {date}', vi: 'Dữ liệu: {sheet} · ngày phân tích {date}' },
} satisfies Record<string, Localized>;

const HEADER_BG = '#e0e7ff';
const LOCK_WAIT_MS = 2000;

// ---------------------------------------------------------------------------------------------
// Context, settings, parameters

export interface Env {
  ss: Spreadsheet;
  ctx: CallContext;
}

export function envFor(lang: Lang | null | undefined, step: Localized = W.fn): Env {
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  const locale = ss.getSpreadsheetLocale() || 'en_US';
  const timeZone = ss.getSpreadsheetTimeZone() || Session.getScriptTimeZone() || 'Asia/Ho_Chi_Minh';
  const l: Lang = lang === 'vi' || lang === 'en' ? lang : userLang(locale);
  return { ss, ctx: { fn: localize(l, step), lang: l, locale, timeZone } };
}

export function userLang(fallbackLocale?: string): Lang {
  try {
    const u = Session.getActiveUserLocale();
    if (u) return langFromLocale(u);
  } catch {
    // no user locale available
  }
  return langFromLocale(fallbackLocale);
}

export const DEFAULT_TAGS: TagKey[] = ['segment', 'pareto_class', 'rfm_score', 'clv', 'p_alive', 'region', 'age_band', 'behaviour'];

function num(ctx: CallContext, name: string, v: unknown, dflt: number, lo: number, hi: number): number {
  if (v === null || v === undefined || v === '') return dflt;
  const n = Number(v);
  if (!Number.isFinite(n) || n < lo || n > hi) throw callError(ctx, W.badParam, { name, lo, hi });
  return n;
}

/** A clean copy of the parameters (defaults filled in, ranges checked). */
export function cleanParams(ctx: CallContext, p: Partial<AnalysisParams> | null | undefined): AnalysisParams {
  const d = DEFAULT_PARAMS;
  const q = (p || {}) as Partial<AnalysisParams>;
  const on = (x: { enabled?: unknown } | undefined, dflt: boolean) => (x && typeof x.enabled === 'boolean' ? x.enabled : dflt);
  const aShare = num(ctx, 'A', q.pareto?.aShare, d.pareto.aShare, 0.01, 0.99);
  const bShare = num(ctx, 'B', q.pareto?.bShare, Math.max(d.pareto.bShare, aShare), aShare, 1);
  let analysisDate: string | null = null;
  const ad = q.rfm?.analysisDate;
  if (ad !== null && ad !== undefined && String(ad).trim() !== '') {
    analysisDate = String(ad).trim();
    if (!/^\d{4}-\d{2}-\d{2}$/.test(analysisDate)) throw callError(ctx, W.badDate, { value: analysisDate.slice(0, 30) });
  }
  return {
    pareto: { enabled: on(q.pareto, true), measure: q.pareto?.measure === 'profit' ? 'profit' : 'revenue', aShare, bShare },
    rfm: { enabled: on(q.rfm, true), scheme: isRfmSchemeId(q.rfm?.scheme) ? q.rfm.scheme : 'default', analysisDate },
    clv: {
      enabled: on(q.clv, true),
      horizonMonths: num(ctx, localize(ctx.lang, { en: 'horizon (months)', vi: 'số tháng dự báo' }), q.clv?.horizonMonths, 12, 1, 120),
      annualDiscountRate: num(ctx, localize(ctx.lang, { en: 'discount rate', vi: 'lãi suất chiết khấu' }), q.clv?.annualDiscountRate, 0.1, 0, 1),
      margin: num(ctx, localize(ctx.lang, { en: 'margin', vi: 'biên lợi nhuận' }), q.clv?.margin, 1, 0.001, 1),
    },
    demographics: { enabled: on(q.demographics, true) },
    behaviour: {
      enabled: on(q.behaviour, true),
      bargainShare: num(ctx, localize(ctx.lang, { en: 'bargain share', vi: 'tỷ lệ đơn giảm giá' }), q.behaviour?.bargainShare, 0.6, 0.05, 1),
    },
  };
}

function savedRules(): SegmentRules | null {
  return readJsonProp<SegmentRules>(PROP.rules);
}

/** The rules to use: the request's, else the saved table for the scheme, else the scheme's default. */
export function rulesFor(ctx: CallContext, req: { rules?: SegmentRules | null }, scheme: RfmSchemeId): SegmentRules {
  if (req.rules) return validateRules(ctx, req.rules);
  const saved = savedRules();
  if (saved && saved.scheme === scheme) {
    try {
      return validateRules(ctx, saved);
    } catch {
      // a broken saved table falls back to the default
    }
  }
  return defaultRules(scheme);
}

export function loadSettings(): WizardSettings | null {
  const s = readJsonProp<WizardSettings>(PROP.settings);
  return s && s.version === 1 ? s : null;
}

// ---------------------------------------------------------------------------------------------
// Reading

function sheetOf(env: Env, name: string): Sheet {
  const sh = env.ss.getSheetByName(String(name || ''));
  if (!sh) throw callError(env.ctx, W.noSheet, { sheet: String(name || '').slice(0, 100) });
  return sh;
}

/** The whole used range of a sheet, one getValues. */
export function readGrid(sheet: Sheet): Cell[][] {
  const rows = sheet.getLastRow();
  const cols = sheet.getLastColumn();
  if (rows < 1 || cols < 1) return [];
  return sheet.getRange(1, 1, rows, cols).getValues() as Cell[][];
}

interface Loaded {
  orders: (Source & { sheet: Sheet }) | null;
  customers: (Source & { sheet: Sheet }) | null;
}

function loadSources(env: Env, sources: Sources): Loaded {
  const addOn = addOnSheetIds(env.ss);
  const one = (spec: Sources['orders']) => {
    if (!spec?.sheet) return null;
    const sheet = sheetOf(env, spec.sheet);
    if (addOn.has(sheet.getSheetId()) && addOn.get(sheet.getSheetId()) !== 'summary') throw callError(env.ctx, W.addOnSheet, { sheet: sheet.getName() });
    const grid = readGrid(sheet);
    if (!grid.length) throw callError(env.ctx, W.emptySheet, { sheet: sheet.getName() });
    const mapping = { ...(spec.mapping || {}) };
    // Never read the add-on's own tag columns as input.
    const tagCols = new Set(Array.from(findTagColumns(sheet).values()).map((c) => c - 1));
    for (const r of ROLES) if (mapping[r] !== undefined && mapping[r] !== null && tagCols.has(mapping[r] as number)) delete mapping[r];
    return { sheet, spec: { sheet: sheet.getName(), headerRow: Number(spec.headerRow) || 0, mapping }, grid };
  };
  const orders = one(sources.orders);
  let customers = one(sources.customers);
  if (orders && customers && orders.sheet.getSheetId() === customers.sheet.getSheetId()) customers = null;
  return { orders, customers };
}

export interface Analysis {
  loaded: Loaded;
  params: AnalysisParams;
  rules: SegmentRules;
  model: WizardModel;
}

export function analyse(env: Env, req: AnalyzeRequest): Analysis {
  const params = cleanParams(env.ctx, req.params);
  const rules = rulesFor(env.ctx, req, params.rfm.scheme);
  const loaded = loadSources(env, req.sources || {});
  const data = readDataset(env.ctx, { orders: loaded.orders, customers: loaded.customers }, { analysisDate: params.rfm.analysisDate });
  const model = computeModel(env.ctx, data, params, rules);
  return { loaded, params, rules, model };
}

// ---------------------------------------------------------------------------------------------
// Lock

export function withLock<T>(env: Env, body: () => T): T {
  const lock = LockService.getDocumentLock();
  if (!lock.tryLock(LOCK_WAIT_MS)) throw new LockedError(localize(env.ctx.lang, W.locked));
  try {
    return body();
  } finally {
    lock.releaseLock();
  }
}

export class LockedError extends UserError {
  constructor(message: string) {
    super(message);
    this.name = 'LockedError';
  }
}

export class NoUndoError extends UserError {
  constructor(message: string) {
    super(message);
    this.name = 'NoUndoError';
  }
}

// ---------------------------------------------------------------------------------------------
// Load

export function load(lang: Lang | null): LoadResult {
  const settings0 = loadSettings();
  const env = envFor(lang || settings0?.lang || null);
  const { ss, ctx } = env;
  const addOn = addOnSheetIds(ss);
  const sheets: SheetInfo[] = ss.getSheets().map((s) => ({
    name: s.getName(),
    rows: s.getLastRow(),
    columns: s.getLastColumn(),
    hidden: s.isSheetHidden(),
    addOn: addOn.has(s.getSheetId()),
  }));
  let settings = settings0;
  const saved = !!settings;
  if (!settings) {
    settings = { version: 1, lang: null, sources: {}, params: DEFAULT_PARAMS, tags: DEFAULT_TAGS.slice(), colorRows: true, tagOrderRows: false };
    // First use: look at up to 6 visible sheets for an order log and a customer table.
    const sources: Sources = {};
    for (const s of sheets.filter((x) => !x.addOn && !x.hidden && x.rows > 1).slice(0, 6)) {
      try {
        const d = detectSheet(env, s.name);
        const spec = { sheet: d.sheet, headerRow: d.headerRow, mapping: d.mapping };
        if (d.kind === 'orders' && !sources.orders) sources.orders = spec;
        else if (d.kind === 'customers' && !sources.customers && d.mapping.customer_id !== undefined) sources.customers = spec;
      } catch {
        // detection is a convenience; the user picks the sheets
      }
    }
    settings.sources = sources;
  }
  const scheme = settings.params?.rfm?.scheme === 'rfm' ? 'rfm' : 'default';
  const last = readJsonProp<{ at: string; sheet: string }>(PROP.lastRun);
  return {
    lang: ctx.lang,
    locale: ctx.locale,
    timeZone: ctx.timeZone,
    spreadsheetName: ss.getName(),
    currency: currencyOf(ctx.locale),
    sheets,
    settings,
    saved,
    rules: rulesFor(ctx, {}, scheme),
    defaultRules: { default: defaultRules('default'), rfm: defaultRules('rfm') },
    roles: ROLES.map((k) => ({ key: k, label: localize(ctx.lang, ROLE_NAMES[k]) })),
    tagOptions: TAG_KEYS.map((k) => ({ key: k, label: tagHeader(k, ctx.lang, settings?.params?.clv?.horizonMonths || 12) })),
    schemes: [
      { key: 'default', label: localize(ctx.lang, { en: 'Default (9 playbook groups)', vi: 'Mặc định (9 nhóm hành động)' }) },
      { key: 'rfm', label: localize(ctx.lang, { en: 'R package "rfm" segments', vi: 'Phân khúc của gói R "rfm"' }) },
    ],
    groups: SEGMENT_GROUPS.map((g) => ({ key: g, label: SEGMENT_GROUP_NAMES[g][ctx.lang] })),
    canUndo: readJsonProp(PROP.undo) !== null,
    lastRun: last,
  };
}

export function currencyOf(locale: string): string {
  return /^vi/i.test(locale) ? '₫' : '';
}

function moneyFormat(locale: string): string {
  return /^vi/i.test(locale) ? '#,##0" ₫"' : '#,##0';
}

function dateFormat(locale: string): string {
  return monthFirstLocale(locale) ? 'mm/dd/yyyy' : 'dd/mm/yyyy';
}

/** The instant of local midnight of a day number in a time zone; '' for no day. */
export function dayToDate(day: number, timeZone: string): Date | '' {
  return Number.isFinite(day) ? localMidnight(day, timeZone) : '';
}

/** A phone number as text; a 9-digit number (a Vietnamese mobile whose leading 0 Sheets dropped) gets it back. */
export function phoneText(v: Cell): string {
  if (typeof v === 'number' && Number.isInteger(v) && v >= 100_000_000 && v <= 999_999_999) return `0${v}`;
  return textOf(v);
}

// ---------------------------------------------------------------------------------------------
// Analyse (preview)

export function preview(req: AnalyzeRequest): PreviewResult {
  const env = envFor(req.lang);
  return analyse(env, req).model.preview;
}

// ---------------------------------------------------------------------------------------------
// Apply

interface TableUndo {
  sheetId: number;
  name: string;
  frozenRows: number | null;
  inserted: { at: number; count: number } | null;
  metaIds: number[];
  regions: RegionImage[];
}

export interface UndoRecord {
  v: 1;
  at: string;
  lang: Lang;
  tables: TableUndo[];
  addOn: SheetsUndo;
  activeSheetId: number | null;
}

interface TagSpec {
  key: string;
  tag: TagKey | null;
  header: string;
  /** One value per data row (below the header). */
  values: (string | number)[];
  format?: string;
}

/**
 * Writes tag columns into a table in place: existing tag columns (found by metadata) are updated,
 * new ones go after the last used column. Records the pre-image in `undo` before writing: the
 * values (from the grid already read), and the number formats / backgrounds only when this run
 * changes them. IO: per run of adjacent tag columns 1 write (+1 read and 1 write of formats when a
 * numeric tag is in it), plus 1 read and 1 write of backgrounds when rows are coloured.
 * Formulas typed into the add-on's own tag columns are not kept (undo puts back their values).
 */
function tagTable(
  sheet: Sheet,
  grid: Cell[][],
  headerRow: number,
  specs: TagSpec[],
  colorOf: ((dataRow: number) => string | null) | null,
  undo: TableUndo,
): { spec: TagSpec; col: number; added: boolean }[] {
  const existing = findTagColumns(sheet);
  const dataRows = grid.length - headerRow;
  const gridWidth = grid.reduce((w, r) => Math.max(w, r.length), 0);
  let next = Math.max(sheet.getLastColumn(), gridWidth) + 1;
  const placed = specs.map((spec) => {
    const col = existing.get(spec.key);
    if (col !== undefined) return { spec, col, added: false };
    return { spec, col: next++, added: true };
  });
  const maxCol = placed.reduce((m, p) => Math.max(m, p.col), 0);
  const maxCols = sheet.getMaxColumns();
  if (maxCol > maxCols) {
    sheet.insertColumnsAfter(maxCols, maxCol - maxCols);
    undo.inserted = { at: maxCols + 1, count: maxCol - maxCols };
  }
  const top = headerRow;
  const nRows = dataRows + 1;
  // Runs of adjacent columns.
  const sorted = placed.slice().sort((a, b) => a.col - b.col);
  const runs: (typeof placed)[] = [];
  for (const p of sorted) {
    const run = runs[runs.length - 1];
    if (run && run[run.length - 1].col === p.col - 1) run.push(p);
    else runs.push([p]);
  }
  // Pre-images.
  let bgRange: GoogleAppsScript.Spreadsheet.Range | null = null;
  let oldBg: string[][] = [];
  const bgWidth = Math.max(maxCol, gridWidth);
  if (colorOf) {
    bgRange = sheet.getRange(top, 1, nRows, bgWidth);
    oldBg = bgRange.getBackgrounds();
    undo.regions.push({ row: top, col: 1, rows: nRows, cols: bgWidth, backgrounds: rle(oldBg) });
  }
  const runFormats: (string[][] | null)[] = [];
  for (const run of runs) {
    const c0 = run[0].col;
    const w = run.length;
    const values: ReturnType<typeof encodeCell>[][] = [];
    for (let r = 0; r < nRows; r++) {
      const src = grid[top - 1 + r] || [];
      const row: ReturnType<typeof encodeCell>[] = new Array(w);
      for (let j = 0; j < w; j++) row[j] = encodeCell(src[c0 - 1 + j]);
      values.push(row);
    }
    const img: RegionImage = { row: top, col: c0, rows: nRows, cols: w, values };
    let formats: string[][] | null = null;
    if (run.some((p) => p.spec.format)) {
      formats = sheet.getRange(top, c0, nRows, w).getNumberFormats();
      img.formats = rle(formats);
    }
    runFormats.push(formats);
    undo.regions.push(img);
  }
  if (sheet.getFrozenRows() < headerRow && headerRow <= 10) undo.frozenRows = sheet.getFrozenRows();

  // Writes.
  runs.forEach((run, k) => {
    const c0 = run[0].col;
    const w = run.length;
    const block: (string | number)[][] = new Array(nRows);
    block[0] = run.map((p) => asText(p.spec.header));
    for (let r = 1; r < nRows; r++) {
      const row: (string | number)[] = new Array(w);
      for (let j = 0; j < w; j++) {
        const v = run[j].spec.values[r - 1];
        row[j] = typeof v === 'string' ? asText(v) : v === undefined || v === null ? '' : v;
      }
      block[r] = row;
    }
    const range = sheet.getRange(top, c0, nRows, w);
    range.setValues(block);
    const old = runFormats[k];
    if (old) {
      const formats = old.map((row) => row.slice());
      run.forEach((p, j) => {
        if (!p.spec.format) return;
        for (let r = 1; r < nRows; r++) formats[r][j] = p.spec.format;
      });
      range.setNumberFormats(formats);
    }
  });
  if (bgRange && colorOf) {
    const bg: (string | null)[][] = oldBg.map((row) => row.map(bgOut));
    for (let r = 1; r < nRows; r++) {
      const color = colorOf(r - 1);
      if (!color) continue;
      const row = bg[r];
      for (let c = 0; c < bgWidth; c++) row[c] = color;
    }
    for (const p of placed) bg[0][p.col - 1] = HEADER_BG;
    bgRange.setBackgrounds(bg as string[][]);
  }
  for (const p of placed) {
    if (!p.added) continue;
    const id = markColumn(sheet, p.col, p.spec.key);
    if (!undo.inserted || p.col < undo.inserted.at) undo.metaIds.push(id);
  }
  if (undo.frozenRows !== null) sheet.setFrozenRows(headerRow);
  return placed;
}

function restoreTable(ss: Spreadsheet, t: TableUndo, notes: string[], lang: Lang): string | null {
  const sheet = ss.getSheets().find((s) => s.getSheetId() === t.sheetId) || null;
  if (!sheet) {
    notes.push(localize(lang, W.undoSheetGone, { sheet: t.name }));
    return null;
  }
  for (let i = t.regions.length - 1; i >= 0; i--) restoreRegion(sheet, t.regions[i]);
  if (t.metaIds.length) {
    const ids = new Set(t.metaIds);
    for (const md of sheet.createDeveloperMetadataFinder().withKey('tc.col').find()) if (ids.has(md.getId())) md.remove();
  }
  if (t.inserted && t.inserted.at + t.inserted.count - 1 <= sheet.getMaxColumns()) sheet.deleteColumns(t.inserted.at, t.inserted.count);
  if (t.frozenRows !== null) sheet.setFrozenRows(t.frozenRows);
  return sheet.getName();
}

/** Puts everything of a record back; used by undo and to roll back a failed apply. */
function restoreRecord(ss: Spreadsheet, rec: UndoRecord, notes: string[]): { restored: string[]; removed: string[] } {
  const restored: string[] = [];
  for (let i = rec.tables.length - 1; i >= 0; i--) {
    const name = restoreTable(ss, rec.tables[i], notes, rec.lang);
    if (name) restored.push(name);
  }
  const removed: string[] = [];
  for (const role of rec.addOn.created) {
    const sh = findAddOnSheet(ss, role);
    if (sh) removed.push(sh.getName());
  }
  undoSheets(ss, rec.addOn);
  for (const r of rec.addOn.replaced) if (r.role !== 'store' && r.role !== 'undo') restored.push(r.name);
  if (rec.activeSheetId !== null) {
    const act = ss.getSheets().find((s) => s.getSheetId() === rec.activeSheetId);
    if (act) ss.setActiveSheet(act);
  }
  return { restored, removed: removed.filter((n) => !/^_tc_/.test(n)) };
}

/** Per-customer segments of a run, kept (last two runs) to build the migration matrix. */
interface StoredRun {
  at: string;
  keys: string[];
  /** Segment index per customer (into `segs`), base 36 joined by ','; '' = none. */
  seg: string;
  segs: { key: string; group: SegmentGroup; name: { en: string; vi: string } }[];
}

interface Store {
  v: 1;
  snapshots: {
    at: string;
    segments: { key: string; group: SegmentGroup; name: { en: string; vi: string }; customers: number; revenue: number }[];
  }[];
  runs: StoredRun[];
  /** The undo record of the run that wrote this store (kept here to save a sheet and a write). */
  undo?: UndoRecord;
}

const MAX_SNAPSHOTS = 500;

function readStore(ss: Spreadsheet): Store {
  const sh = findAddOnSheet(ss, 'store');
  const s = sh ? readBlob<Store>(sh) : null;
  return s && s.v === 1 ? s : { v: 1, snapshots: [], runs: [] };
}

function customersOfTable(tableRowCustomer: Int32Array): number {
  let n = 0;
  for (const c of tableRowCustomer) if (c >= 0) n++;
  return n;
}

/** The summary sheet rows (orders only): one per active customer, by revenue. */
function summaryTable(model: WizardModel): { header: string[]; rows: Out[][]; order: number[]; formats: string[] } {
  const lang = model.lang;
  const d = model.data;
  const L = (t: Localized) => localize(lang, t);
  const T = 'General';
  const cols: { h: string; v: (c: number) => Out; f: string }[] = [{ h: L(H.id), v: (c) => idOut(d.displayIds[c]), f: T }];
  if (d.hasAttr.customer_name) cols.push({ h: L(H.name), v: (c) => textOf(d.attrs.customer_name[c]), f: T });
  if (d.hasAttr.phone) cols.push({ h: L(H.phone), v: (c) => phoneText(d.attrs.phone[c]), f: T });
  if (d.hasAttr.email) cols.push({ h: L(H.email), v: (c) => textOf(d.attrs.email[c]), f: T });
  if (d.hasAttr.province) cols.push({ h: L(H.province), v: (c) => textOf(d.attrs.province[c]), f: T });
  cols.push({ h: L(H.orders), v: (c) => model.orderCount[c], f: '0' });
  cols.push({ h: L(H.revenue), v: (c) => model.revenue[c], f: moneyFormat(model.locale) });
  if (model.profit) cols.push({ h: L(H.profit), v: (c) => (model.profit as Float64Array)[c], f: moneyFormat(model.locale) });
  cols.push({ h: L(H.first), v: (c) => dayToDate(model.firstDay[c], model.timeZone), f: dateFormat(model.locale) });
  cols.push({ h: L(H.last), v: (c) => dayToDate(model.lastDay[c], model.timeZone), f: dateFormat(model.locale) });
  const order: number[] = [];
  for (let c = 0; c < model.n; c++) if (d.active[c]) order.push(c);
  order.sort((a, b) => model.revenue[b] - model.revenue[a] || a - b);
  const rows = order.map((c) => cols.map((k) => k.v(c)));
  return { header: cols.map((k) => k.h), rows, order, formats: cols.map((k) => k.f) };
}

function idOut(v: Cell): string | number {
  if (typeof v === 'number') return v;
  return textOf(v);
}

function textOf(v: Cell): string {
  if (v === null || v === undefined) return '';
  if (Object.prototype.toString.call(v) === '[object Date]') return (v as Date).toISOString().slice(0, 10);
  return String(v);
}

function tagSpecs(model: WizardModel, tags: TagKey[], horizon: number, rowCustomer: (i: number) => number, rows: number): TagSpec[] {
  return tags.map((tag) => {
    const values: (string | number)[] = new Array(rows);
    for (let i = 0; i < rows; i++) {
      const c = rowCustomer(i);
      values[i] = c < 0 || !model.data.active[c] ? '' : tagValue(model, tag, c);
    }
    return { key: tag, tag, header: tagHeader(tag, model.lang, horizon), values, format: TAG_FORMATS[tag] };
  });
}

function segmentColorOf(model: WizardModel, c: number): string | null {
  if (c < 0) return null;
  const s = model.segment[c];
  return s < 0 ? null : SEGMENT_GROUP_COLORS[model.catalog[s].group];
}

/** Ensures a fresh sheet has at least `rows` × `cols` cells. */
function ensureSize(sheet: Sheet, rows: number, cols: number): void {
  const mr = sheet.getMaxRows();
  if (mr < rows) sheet.insertRowsAfter(mr, rows - mr);
  const mc = sheet.getMaxColumns();
  if (mc < cols) sheet.insertColumnsAfter(mc, cols - mc);
}

/**
 * Writes a table (header + rows) on a fresh sheet: formats, values, and backgrounds (header colour,
 * optional row colours) — 3 range writes whatever the number of rows.
 */
function writeFreshTable(sheet: Sheet, header: string[], rows: Out[][], formats: string[], rowColor: ((i: number) => string | null) | null): void {
  const width = header.length;
  const n = rows.length + 1;
  ensureSize(sheet, n, width);
  const range = sheet.getRange(1, 1, n, width);
  const fmt: string[][] = new Array(n);
  fmt[0] = new Array(width).fill('General');
  for (let r = 1; r < n; r++) fmt[r] = formats;
  range.setNumberFormats(fmt);
  const block: Out[][] = new Array(n);
  block[0] = header;
  for (let r = 1; r < n; r++) block[r] = rows[r - 1];
  range.setValues(block);
  if (rowColor) {
    const bg: (string | null)[][] = new Array(n);
    bg[0] = new Array(width).fill(HEADER_BG);
    for (let r = 1; r < n; r++) bg[r] = new Array(width).fill(rowColor(r - 1));
    range.setBackgrounds(bg as string[][]);
  } else sheet.getRange(1, 1, 1, width).setBackground(HEADER_BG);
  sheet.setFrozenRows(1);
}

export function apply(req: ApplyRequest): ApplyResult {
  const env = envFor(req.lang);
  return withLock(env, () => applyLocked(env, req));
}

function applyLocked(env: Env, req: ApplyRequest): ApplyResult {
  const { ss, ctx } = env;
  const lang = ctx.lang;
  const tags = (Array.isArray(req.tags) ? req.tags : []).filter((t, i, a) => TAG_KEYS.includes(t) && a.indexOf(t) === i);
  if (!tags.length) throw callError(ctx, W.noTags);
  const an = analyse(env, req);
  const { model, params } = an;
  for (const t of tags)
    if (!model.preview.availableTags.includes(t))
      throw callError(ctx, W.tagUnavailable, { tag: localize(lang, TAG_NAMES[t], { months: params.clv.horizonMonths }) });
  const horizon = params.clv.horizonMonths;
  const active = ss.getActiveSheet();
  const rec: UndoRecord = {
    v: 1,
    at: new Date().toISOString(),
    lang,
    tables: [],
    addOn: { created: [], replaced: [] },
    activeSheetId: active ? active.getSheetId() : null,
  };
  const store = readStore(ss);
  const columns: WrittenColumn[] = [];
  const updatedSheets: string[] = [];
  let target = '';
  let rowsTagged = 0;
  let personasSheet: string | null = null;
  let historySheet = '';
  const oldUndoSheet = findAddOnSheet(ss, 'undo');
  let recordInStore = false;
  try {
    // 1. The customer table: in place, or the summary sheet built from the orders.
    const cust = an.loaded.customers;
    if (cust) {
      if (cust.spec.headerRow < 1) throw callError(ctx, W.needHeader, { sheet: cust.spec.sheet });
      const trc = model.data.tableRowCustomer as Int32Array;
      const t: TableUndo = { sheetId: cust.sheet.getSheetId(), name: cust.sheet.getName(), frozenRows: null, inserted: null, metaIds: [], regions: [] };
      rec.tables.push(t);
      const specs = tagSpecs(model, tags, horizon, (i) => trc[i], trc.length);
      const placed = tagTable(cust.sheet, cust.grid, cust.spec.headerRow, specs, req.colorRows ? (i) => segmentColorOf(model, trc[i]) : null, t);
      for (const p of placed)
        columns.push({ tag: p.spec.tag as TagKey, sheet: cust.sheet.getName(), letter: columnLetter(p.col), header: p.spec.header, added: p.added });
      target = cust.sheet.getName();
      rowsTagged = customersOfTable(trc);
      updatedSheets.push(target);
    } else {
      const sh = freshAddOnSheet(ss, 'summary', localize(lang, SHEET_TITLES.summary), rec.addOn);
      const base = summaryTable(model);
      const specs = tagSpecs(model, tags, horizon, (i) => base.order[i], base.order.length);
      const header = base.header.concat(specs.map((s) => s.header));
      const rows = base.rows.map((row, i) => row.concat(specs.map((s) => s.values[i])).map((v) => (typeof v === 'string' ? asText(v) : v)));
      const formats = base.formats.concat(specs.map((s) => s.format || 'General'));
      writeFreshTable(sh, header, rows, formats, req.colorRows ? (i) => segmentColorOf(model, base.order[i]) : null);
      specs.forEach((s, j) => {
        const col = base.header.length + j + 1;
        markColumn(sh, col, s.key);
        columns.push({ tag: s.tag as TagKey, sheet: sh.getName(), letter: columnLetter(col), header: s.header, added: true });
      });
      target = sh.getName();
      rowsTagged = rows.length;
    }

    // 2. Optionally the order rows.
    const ord = an.loaded.orders;
    if (req.tagOrderRows && ord && model.r) {
      if (ord.spec.headerRow < 1) throw callError(ctx, W.needHeader, { sheet: ord.spec.sheet });
      const orc = model.data.orderRowCustomer as Int32Array;
      const t: TableUndo = { sheetId: ord.sheet.getSheetId(), name: ord.sheet.getName(), frozenRows: null, inserted: null, metaIds: [], regions: [] };
      rec.tables.push(t);
      const values = Array.from(orc, (c) => (c < 0 || model.segment[c] < 0 ? '' : model.catalog[model.segment[c]].name[lang]));
      const placed = tagTable(
        ord.sheet,
        ord.grid,
        ord.spec.headerRow,
        [{ key: 'order_segment', tag: null, header: localize(lang, W.orderSegment), values }],
        null,
        t,
      );
      for (const p of placed) columns.push({ tag: 'segment', sheet: ord.sheet.getName(), letter: columnLetter(p.col), header: p.spec.header, added: p.added });
      updatedSheets.push(ord.sheet.getName());
    }

    // 3. Legend (the persona sheet's summary table shows the colours too, so it stands in for it).
    if (req.colorRows && model.r && !req.personas) writeLegend(ss, model, target, rec.addOn);

    // 4. Personas.
    if (req.personas && model.r) personasSheet = writePersonas(ss, model, an, rec.addOn);

    // 5. History and the per-customer store.
    if (model.r) {
      const next = nextStore(store, model, rec.at);
      historySheet = writeHistory(ss, next, lang, rec.addOn);
      const storeSheet = freshAddOnSheet(ss, 'store', '_tc_store', rec.addOn, true);
      // Last write of the run: the record is complete now (the store's own backup included).
      writeBlob(storeSheet, { ...next, undo: rec });
      recordInStore = true;
    }
  } catch (e) {
    try {
      restoreRecord(ss, rec, []);
    } catch {
      // the original error is the one to report
    }
    throw e;
  }
  // Success: the previous undo level goes; this run's record is kept.
  const keepBackups = new Set(rec.addOn.replaced.map((r) => r.backup));
  for (const sh of ss.getSheets()) {
    const role = sh
      .getDeveloperMetadata()
      .filter((m) => m.getKey() === META_SHEET)
      .map((m) => m.getValue() || '')[0];
    if (role && role.indexOf(BACKUP_PREFIX) === 0 && !keepBackups.has(sh.getName())) ss.deleteSheet(sh);
  }
  if (oldUndoSheet) ss.deleteSheet(oldUndoSheet);
  if (recordInStore) writeJsonProp(PROP.undo, { store: true, at: rec.at });
  else saveRecord(ss, rec);
  if (active) ss.setActiveSheet(active);
  const settings: WizardSettings = {
    version: 1,
    lang: (loadSettings()?.lang ?? null) as Lang | null,
    sources: { orders: an.loaded.orders?.spec || null, customers: an.loaded.customers?.spec || null },
    params,
    tags,
    colorRows: !!req.colorRows,
    tagOrderRows: !!req.tagOrderRows,
  };
  writeJsonProp(PROP.settings, settings);
  writeJsonProp(PROP.lastRun, { at: rec.at, sheet: target });
  return {
    sheet: target,
    rowsTagged,
    columns,
    createdSheets: rec.addOn.created.map((r) => findAddOnSheet(ss, r)?.getName() || '').filter((n) => n && !/^_tc_/.test(n)),
    updatedSheets: updatedSheets.concat(rec.addOn.replaced.filter((r) => r.role !== 'store').map((r) => r.name)),
    personasSheet,
    historySheet,
    preview: model.preview,
    canUndo: true,
  };
}

function saveRecord(ss: Spreadsheet, rec: UndoRecord): void {
  const s = JSON.stringify(rec);
  if (s.length <= 8000) {
    writeJsonProp(PROP.undo, rec);
    return;
  }
  const sh = ss.insertSheet('_tc_undo', ss.getSheets().length);
  sh.addDeveloperMetadata(META_SHEET, 'undo', SpreadsheetApp.DeveloperMetadataVisibility.PROJECT);
  sh.hideSheet();
  writeBlob(sh, rec);
  writeJsonProp(PROP.undo, { sheet: true });
}

function loadRecord(ss: Spreadsheet): UndoRecord | null {
  const head = readJsonProp<UndoRecord | { sheet: true } | { store: true; at: string }>(PROP.undo);
  if (!head) return null;
  if ('store' in head) {
    const rec = readStore(ss).undo;
    return rec && rec.at === head.at ? rec : null;
  }
  if ('sheet' in head) {
    const sh = findAddOnSheet(ss, 'undo');
    return sh ? readBlob<UndoRecord>(sh) : null;
  }
  return head as UndoRecord;
}

// ---------------------------------------------------------------------------------------------
// Undo

export function undo(lang: Lang | null): UndoResult {
  const env = envFor(lang);
  return withLock(env, () => {
    const { ss, ctx } = env;
    const rec = loadRecord(ss);
    if (!rec) throw new NoUndoError(localize(ctx.lang, W.noUndo));
    const notes: string[] = [];
    const r = restoreRecord(ss, { ...rec, lang: ctx.lang }, notes);
    const undoSheet = findAddOnSheet(ss, 'undo');
    if (undoSheet) ss.deleteSheet(undoSheet);
    deleteJsonProp(PROP.undo);
    deleteJsonProp(PROP.lastRun);
    const at = formatStamp(rec.at, ctx.timeZone);
    return {
      message: [localize(ctx.lang, W.undone, { at })].concat(notes).join(' '),
      restoredSheets: r.restored.filter((n, i, a) => a.indexOf(n) === i),
      removedSheets: r.removed,
      canUndo: false,
    };
  });
}

function formatStamp(iso: string, tz: string): string {
  try {
    return Utilities.formatDate(new Date(iso), tz, 'dd/MM/yyyy HH:mm');
  } catch {
    return iso;
  }
}

// ---------------------------------------------------------------------------------------------
// Legend, personas, history

function writeLegend(ss: Spreadsheet, model: WizardModel, target: string, undo: SheetsUndo): void {
  const lang = model.lang;
  const L = (t: Localized) => localize(lang, t);
  const sh = freshAddOnSheet(ss, 'legend', L(SHEET_TITLES.legend), undo);
  const segs = model.preview.segments.filter((s) => s.customers > 0);
  const header = [L(H.colour), L(H.segment), L(H.customers), L(H.customerShare), L(H.revenueShare), L(H.description), L(H.action)];
  const pct = (x: number) => formatShare(x, model.locale);
  const rows: (string | number)[][] = segs.map((s) => [
    '',
    asText(s.name),
    s.customers,
    asText(pct(s.customerShare)),
    asText(pct(s.revenueShare)),
    asText(localize(lang, SEGMENT_PLAYBOOK[s.group].description)),
    asText(localize(lang, SEGMENT_PLAYBOOK[s.group].actions[0])),
  ]);
  const title = [asText(localize(lang, H.legendTitle, { sheet: target })), '', '', '', '', '', ''];
  const values = [title, header.map(asText), ...rows];
  const n = values.length;
  ensureSize(sh, n, header.length);
  const range = sh.getRange(1, 1, n, header.length);
  range.setValues(values);
  const bg = values.map((_, r) => {
    const row: (string | null)[] = new Array(header.length).fill(null);
    if (r === 1) row.fill(HEADER_BG);
    if (r >= 2) row[0] = segs[r - 2].color;
    return row;
  });
  range.setBackgrounds(bg as string[][]);
  sh.setFrozenRows(2);
  sh.setColumnWidth(6, 320);
  sh.setColumnWidth(7, 320);
}

function personaCustomers(model: WizardModel): PersonaCustomer[] {
  const out: PersonaCustomer[] = [];
  const d = model.data;
  for (let c = 0; c < model.n; c++) {
    if (!d.active[c]) continue;
    const s = model.segment[c];
    if (s < 0) continue;
    const seg = model.catalog[s];
    const orders = model.orderCount[c];
    out.push({
      segmentKey: seg.key,
      group: seg.group,
      revenue: model.revenue[c],
      orders,
      clv: model.clv && Number.isFinite(model.clv.clv[c]) ? model.clv.clv[c] : null,
      aov: orders > 0 ? model.revenue[c] / orders : null,
      daysSinceLast: Number.isFinite(model.lastDay[c]) && Number.isFinite(model.analysisDay) ? model.analysisDay - model.lastDay[c] : null,
      province: d.hasAttr.province ? textOf(d.attrs.province[c]) : null,
      region: model.region[c] || null,
      gender: model.gender[c] || null,
      ageBand: model.ageBand[c] || null,
      mainChannel: model.behaviour ? model.behaviour.mainChannel[c] || null : null,
      tags: model.behaviour ? model.behaviour.tags[c] : [],
    });
  }
  return out;
}

/** The persona sheet: one grid write, formats, merges, a chart of revenue share by segment. */
function writePersonas(ss: Spreadsheet, model: WizardModel, an: Analysis, undo: SheetsUndo | null): string {
  const lang = model.lang;
  const cards = buildPersonas(personaCustomers(model), {
    segments: model.catalog.map((s) => ({ key: s.key, name: s.name, group: s.group })),
    includeEmpty: false,
  });
  const source = an.loaded.customers?.spec.sheet || an.loaded.orders?.spec.sheet || '';
  const grid = personaSheetGrid(cards, lang, model.locale, {
    currencyFormat: moneyFormat(model.locale),
    subtitle: localize(lang, H.subtitle, { sheet: source, date: Number.isFinite(model.analysisDay) ? formatDay(model.analysisDay, model.locale) : '—' }),
  });
  let sh: Sheet;
  const title = localize(lang, SHEET_TITLES.personas);
  if (undo) sh = freshAddOnSheet(ss, 'personas', title, undo);
  else {
    const old = findAddOnSheet(ss, 'personas');
    const position = old ? old.getIndex() - 1 : ss.getSheets().length;
    const name = old ? old.getName() : title;
    if (old) ss.deleteSheet(old);
    sh = ss.insertSheet(old ? name : freeSheetName(ss, title), position);
    sh.addDeveloperMetadata(META_SHEET, 'personas', SpreadsheetApp.DeveloperMetadataVisibility.PROJECT);
  }
  const lay = layoutPersonas(grid);
  const h = Math.max(1, grid.height);
  const w = grid.width;
  ensureSize(sh, h, w + 1);
  const range = sh.getRange(1, 1, h, w);
  // Text cells: the default format and a quote prefix (never '@' + raw text), as everywhere else.
  range.setNumberFormats(lay.formats.map((row) => row.map((f) => (f === '@' ? 'General' : f))));
  range.setValues(lay.values.map((row) => row.map((v) => (typeof v === 'string' ? asText(v) : v))));
  const weights: ('bold' | 'normal')[][] = lay.values.map((row) => row.map((): 'bold' | 'normal' => 'normal'));
  for (const b of grid.bold) for (let r = b.row; r < b.row + b.numRows; r++) for (let c = b.col; c < b.col + b.numCols; c++) weights[r][c] = 'bold';
  range.setFontWeights(weights);
  range.setWraps(lay.wraps);
  const bg: (string | null)[][] = lay.values.map((row) => row.map(() => null));
  for (const b of grid.backgrounds) for (let r = b.row; r < b.row + b.numRows; r++) for (let c = b.col; c < b.col + b.numCols; c++) bg[r][c] = b.color;
  range.setBackgrounds(bg as string[][]);
  for (const m of lay.merges) sh.getRange(m.row + 1, m.col + 1, m.numRows, m.numCols).mergeAcross();
  grid.columnWidths.forEach((px, i) => {
    sh.setColumnWidth(i + 1, px);
  });
  if (grid.frozenRows) sh.setFrozenRows(grid.frozenRows);
  // Chart of revenue share by segment, to the right of the cards.
  const lab = grid.chart.labels;
  const val = grid.chart.values;
  if (lab.numRows > 1) {
    const chart = sh
      .newChart()
      .setChartType(Charts.ChartType.BAR)
      .addRange(sh.getRange(lab.row + 1, lab.col + 1, lab.numRows, lab.numCols))
      .addRange(sh.getRange(val.row + 1, val.col + 1, val.numRows, val.numCols))
      .setPosition(1, w + 2, 0, 0)
      .setOption('title', localize(lang, { en: 'Revenue share by segment', vi: 'Tỷ trọng doanh thu theo phân khúc' }))
      .setOption('legend', { position: 'none' })
      .setOption('hAxis', { format: 'percent' })
      .build();
    sh.insertChart(chart);
  }
  return sh.getName();
}

/**
 * The persona grid laid out for few range calls. Merged text rows become one column span
 * (B..last) so that runs of adjacent rows merge in a single `mergeAcross`: a wrapped full-width
 * text (a card's description) moves from A to B; a row whose B..last cells are empty (card name,
 * "Recommended actions", blank separators) joins the run harmlessly; side merges of number pairs
 * are dropped (the numbers fit). Title rows above the frozen line keep their full-width merge.
 * About one merge call per card, whatever the number of customers.
 */
export function layoutPersonas(grid: PersonaGrid): {
  values: (string | number)[][];
  formats: string[][];
  wraps: boolean[][];
  merges: { row: number; col: number; numRows: number; numCols: number }[];
} {
  const W = grid.width;
  const values = grid.values.map((r) => r.slice());
  const formats = grid.numberFormats.map((r) => r.slice());
  const wraps: boolean[][] = values.map((row) => row.map(() => false));
  for (const b of grid.wrap) for (let r = b.row; r < b.row + b.numRows; r++) for (let c = b.col; c < b.col + b.numCols; c++) wraps[r][c] = true;
  const merges: { row: number; col: number; numRows: number; numCols: number }[] = [];
  const head = grid.frozenRows;
  const span = new Uint8Array(values.length);
  let titleRows: number[] = [];
  for (const m of grid.merges) {
    if (m.numRows !== 1) continue;
    if (m.row < head) {
      if (m.col === 0 && m.numCols === W) titleRows.push(m.row);
      continue;
    }
    if (m.col === 0 && m.numCols === W) {
      if (wraps[m.row][0] && values[m.row].slice(1).every((v) => v === '')) {
        values[m.row][1] = values[m.row][0];
        values[m.row][0] = '';
        formats[m.row][1] = formats[m.row][0];
        wraps[m.row][1] = true;
        wraps[m.row][0] = false;
        span[m.row] = 1;
      }
    } else if (m.col === 1 && m.numCols === W - 1) span[m.row] = 1;
  }
  titleRows = titleRows.sort((a, b) => a - b);
  for (let i = 0; i < titleRows.length; ) {
    let j = i + 1;
    while (j < titleRows.length && titleRows[j] === titleRows[j - 1] + 1) j++;
    merges.push({ row: titleRows[i], col: 0, numRows: j - i, numCols: W });
    i = j;
  }
  const eligible = (r: number) => r >= head && (span[r] === 1 || values[r].slice(1).every((v) => v === ''));
  for (let r = head; r < values.length; ) {
    if (!eligible(r)) {
      r++;
      continue;
    }
    let e = r;
    let any = false;
    while (e < values.length && eligible(e)) {
      if (span[e]) any = true;
      e++;
    }
    if (any) merges.push({ row: r, col: 1, numRows: e - r, numCols: W - 1 });
    r = e;
  }
  return { values, formats, wraps, merges };
}

function freeSheetName(ss: Spreadsheet, base: string): string {
  const used = new Set(ss.getSheets().map((s) => s.getName().toLowerCase()));
  if (!used.has(base.toLowerCase())) return base;
  for (let i = 2; ; i++) if (!used.has(`${base} (${i})`.toLowerCase())) return `${base} (${i})`;
}

function nextStore(store: Store, model: WizardModel, at: string): Store {
  const segs = model.catalog.map((s) => ({ key: s.key, group: s.group, name: s.name }));
  const counts = model.catalog.map(() => ({ customers: 0, revenue: 0 }));
  const keys: string[] = [];
  const seg: string[] = [];
  for (let c = 0; c < model.n; c++) {
    if (!model.data.active[c]) continue;
    const s = model.segment[c];
    keys.push(model.data.keys[c]);
    seg.push(s < 0 ? '' : s.toString(36));
    if (s >= 0) {
      counts[s].customers++;
      counts[s].revenue += model.revenue[c];
    }
  }
  const snapshot = { at, segments: segs.map((s, i) => ({ ...s, ...counts[i] })) };
  return {
    v: 1,
    snapshots: store.snapshots.concat([snapshot]).slice(-MAX_SNAPSHOTS),
    runs: store.runs.concat([{ at, keys, seg: seg.join(','), segs }]).slice(-2),
  };
}

function writeHistory(ss: Spreadsheet, store: Store, lang: Lang, undo: SheetsUndo): string {
  const L = (t: Localized) => localize(lang, t);
  const sh = freshAddOnSheet(ss, 'history', L(SHEET_TITLES.history), undo);
  const header = [L(H.date), L(H.segment), L(H.customers), L(H.revenue), L(H.customerShare), L(H.revenueShare)];
  const rows: (string | number)[][] = [];
  const tz = ss.getSpreadsheetTimeZone() || 'Asia/Ho_Chi_Minh';
  for (const snap of store.snapshots) {
    const total = snap.segments.reduce((s, x) => s + x.customers, 0);
    let pos = 0;
    for (const x of snap.segments) if (x.revenue > 0) pos += x.revenue;
    const when = formatStamp(snap.at, tz);
    for (const x of snap.segments) {
      if (!x.customers) continue;
      rows.push([asText(when), asText(x.name[lang]), x.customers, x.revenue, total ? x.customers / total : 0, pos > 0 ? Math.max(0, x.revenue) / pos : 0]);
    }
  }
  writeFreshTable(sh, header.map(asText), rows, ['General', 'General', '#,##0', moneyFormatFor(ss), '0.0%', '0.0%'], null);
  return sh.getName();
}

function moneyFormatFor(ss: Spreadsheet): string {
  return moneyFormat(ss.getSpreadsheetLocale() || '');
}

export function buildPersonasSheet(req: AnalyzeRequest): PersonasResult {
  const env = envFor(req.lang);
  return withLock(env, () => {
    const an = analyse(env, req);
    if (!an.model.r) throw callError(env.ctx, W.noSegmentData);
    const active = env.ss.getActiveSheet();
    const sheet = writePersonas(env.ss, an.model, an, null);
    const cards = an.model.preview.segments.filter((s) => s.customers > 0).length;
    if (active) env.ss.setActiveSheet(active);
    return { sheet, cards };
  });
}

// ---------------------------------------------------------------------------------------------
// Share with sales

export function share(req: ShareRequest): ShareResult {
  const env = envFor(req.lang);
  return withLock(env, () => {
    const { ss, ctx } = env;
    const lang = ctx.lang;
    const L = (t: Localized) => localize(lang, t);
    const wanted = new Set((Array.isArray(req.segments) ? req.segments : []).map(String));
    if (!wanted.size) throw callError(ctx, W.noSegments);
    const an = analyse(env, req);
    const model = an.model;
    if (!model.r) throw callError(ctx, W.noSegmentData);
    const d = model.data;
    const header = [L(H.name), L(H.phone), L(H.email), L(H.id), L(H.segment), L(H.clv), L(H.revenue), L(H.last), L(H.province), L(H.behaviour), L(H.action)];
    const list: number[] = [];
    for (let c = 0; c < model.n; c++) {
      if (!d.active[c] || model.segment[c] < 0) continue;
      if (wanted.has(model.catalog[model.segment[c]].key)) list.push(c);
    }
    const clvOf = (c: number) => (model.clv && Number.isFinite(model.clv.clv[c]) ? model.clv.clv[c] : Number.NEGATIVE_INFINITY);
    list.sort((a, b) => clvOf(b) - clvOf(a) || model.revenue[b] - model.revenue[a] || a - b);
    const rows = list.map((c) => {
      const seg = model.catalog[model.segment[c]];
      const tags = model.behaviour ? model.behaviour.tags[c] : [];
      const clv = clvOf(c);
      return [
        asText(textOf(d.attrs.customer_name[c])),
        asText(phoneText(d.attrs.phone[c])),
        asText(textOf(d.attrs.email[c])),
        asText(textOf(d.displayIds[c])),
        asText(seg.name[lang]),
        Number.isFinite(clv) ? Math.round(clv) : '',
        model.revenue[c],
        dayToDate(model.lastDay[c], ctx.timeZone),
        asText(model.province[c] || textOf(d.attrs.province[c])),
        asText(behaviourLabel(tags, lang)),
        asText(primaryAction(seg.group, tags, lang)),
      ] as Out[];
    });
    const old = findAddOnSheet(ss, 'share');
    const position = old ? old.getIndex() - 1 : ss.getSheets().length;
    const name = old ? old.getName() : freeSheetName(ss, L(SHEET_TITLES.share));
    const active = ss.getActiveSheet();
    if (old) ss.deleteSheet(old);
    const sh = ss.insertSheet(name, position);
    sh.addDeveloperMetadata(META_SHEET, 'share', SpreadsheetApp.DeveloperMetadataVisibility.PROJECT);
    const money = moneyFormat(ctx.locale);
    const T = 'General';
    writeFreshTable(sh, header.map(asText), rows, [T, T, T, T, T, money, money, dateFormat(ctx.locale), T, T, T], (i) => segmentColorOf(model, list[i]));
    sh.setColumnWidth(11, 360);
    let protectedColumns = 0;
    if (req.protectTags) {
      const description = L(W.shareProtect);
      const tagged = [an.loaded.customers?.sheet, an.loaded.orders?.sheet, findAddOnSheet(ss, 'summary')].filter((s): s is Sheet => !!s);
      for (const t of tagged) {
        for (const p of t.getProtections(SpreadsheetApp.ProtectionType.RANGE)) if (p.getDescription() === description) p.remove();
        for (const col of findTagColumns(t).values()) {
          const letter = columnLetter(col);
          const p = t.getRange(`${letter}:${letter}`).protect();
          p.setDescription(description);
          p.setWarningOnly(true);
          protectedColumns++;
        }
      }
    }
    if (active) ss.setActiveSheet(active);
    return { sheet: sh.getName(), customers: rows.length, protectedColumns };
  });
}

// ---------------------------------------------------------------------------------------------
// History

export function history(lang: Lang | null): HistoryResult {
  const env = envFor(lang);
  const { ss, ctx } = env;
  const store = readStore(ss);
  const sh = findAddOnSheet(ss, 'history');
  const snapshots: HistorySnapshot[] = store.snapshots.map((s) => ({
    at: s.at,
    segments: s.segments.map((x) => ({ key: x.key, name: x.name[ctx.lang], customers: x.customers, revenue: x.revenue })),
  }));
  return { sheet: sh ? sh.getName() : null, snapshots, migration: migration(store, ctx.lang) };
}

const NEW_KEY = '__new';
const GONE_KEY = '__gone';

export function migration(store: Store, lang: Lang): Migration | null {
  if (store.runs.length < 2) return null;
  const [a, b] = store.runs.slice(-2);
  const decode = (run: StoredRun) => {
    const parts = run.seg === '' && run.keys.length === 0 ? [] : run.seg.split(',');
    const m = new Map<string, number>();
    for (let i = 0; i < run.keys.length; i++) m.set(run.keys[i], parts[i] === '' || parts[i] === undefined ? -1 : Number.parseInt(parts[i], 36));
    return m;
  };
  const ma = decode(a);
  const mb = decode(b);
  const info = (s: StoredRun['segs'][number]): SegmentInfo => ({ key: s.key, name: s.name[lang], group: s.group, color: SEGMENT_GROUP_COLORS[s.group] });
  const newInfo: SegmentInfo = { key: NEW_KEY, name: localize(lang, { en: 'New customers', vi: 'Khách mới xuất hiện' }), group: 'new', color: '#ffffff' };
  const goneInfo: SegmentInfo = {
    key: GONE_KEY,
    name: localize(lang, { en: 'No longer in the data', vi: 'Không còn trong dữ liệu' }),
    group: 'lost',
    color: '#ffffff',
  };
  const from = a.segs.map(info).concat([newInfo]);
  const to = b.segs.map(info).concat([goneInfo]);
  const counts = from.map(() => to.map(() => 0));
  let newCustomers = 0;
  let goneCustomers = 0;
  for (const [k, sb] of mb) {
    if (sb < 0) continue;
    const sa = ma.get(k);
    if (sa === undefined || sa < 0) {
      newCustomers++;
      counts[from.length - 1][sb]++;
    } else counts[sa][sb]++;
  }
  for (const [k, sa] of ma) {
    if (sa < 0) continue;
    if (!mb.has(k) || (mb.get(k) as number) < 0) {
      goneCustomers++;
      counts[sa][to.length - 1]++;
    }
  }
  return { fromAt: a.at, toAt: b.at, from, to, counts, newCustomers, goneCustomers };
}

// ---------------------------------------------------------------------------------------------
// Settings and rules

export function saveSettings(settings: WizardSettings, lang: Lang | null): { saved: true } {
  const env = envFor(lang);
  const s = settings || ({} as WizardSettings);
  const clean: WizardSettings = {
    version: 1,
    lang: s.lang === 'vi' || s.lang === 'en' ? s.lang : null,
    sources: cleanSources(s.sources),
    params: cleanParams(env.ctx, s.params),
    tags: (Array.isArray(s.tags) ? s.tags : []).filter((t, i, a) => TAG_KEYS.includes(t) && a.indexOf(t) === i),
    colorRows: s.colorRows !== false,
    tagOrderRows: !!s.tagOrderRows,
  };
  writeJsonProp(PROP.settings, clean);
  return { saved: true };
}

function cleanSources(src: Sources | undefined): Sources {
  const one = (x: Sources['orders']) => {
    if (!x || typeof x.sheet !== 'string' || !x.sheet) return null;
    const mapping: Record<string, number> = {};
    for (const r of ROLES) {
      const v = x.mapping?.[r];
      if (Number.isInteger(v) && (v as number) >= 0 && (v as number) < 18_278) mapping[r] = v as number;
    }
    return { sheet: x.sheet.slice(0, 200), headerRow: Number.isInteger(x.headerRow) && x.headerRow >= 0 ? x.headerRow : 1, mapping };
  };
  return { orders: one(src?.orders), customers: one(src?.customers) };
}

export function saveRules(rules: SegmentRules, lang: Lang | null): { rules: SegmentRules } {
  const env = envFor(lang);
  const clean = validateRules(env.ctx, rules);
  writeJsonProp(PROP.rules, clean);
  return { rules: clean };
}

export function resetRules(scheme: RfmSchemeId, lang: Lang | null): { rules: SegmentRules } {
  envFor(lang);
  const rules = defaultRules(scheme === 'rfm' ? 'rfm' : 'default');
  deleteJsonProp(PROP.rules);
  return { rules };
}

export { cellOut, isBlank };

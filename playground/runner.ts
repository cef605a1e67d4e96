/**
 * The file runner behind `npx target-customers analyze <orders.csv|xlsx> [--customers <file>] [--out result.xlsx]`.
 *
 * Two paths, same engine:
 * - `script` (default up to 100,000 order rows): the files become sheets of the local Sheets
 *   stand-in, the real dist/Code.js runs the wizard (wizardLoad → wizardDetect → wizardApply with
 *   personas), and the resulting workbook is written as XLSX — exactly what the add-on produces.
 * - `engine` (bigger files, beyond what Sheets holds): the CSV is stream-parsed keeping only the
 *   columns the analyses need, and the pure engine of src/core (readDataset → computeModel → tags
 *   → personas) runs in-process; the XLSX is written with exceljs' streaming writer.
 */
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import type { CallContext } from '../src/core/errors';
import { type Lang, type Localized, localize } from '../src/core/i18n';
import { dayToIso } from '../src/core/parse';
import { buildPersonas, type PersonaCustomer, personaSheetGrid } from '../src/core/personas';
import { SEGMENT_GROUP_COLORS } from '../src/core/segment-keys';
import { readDataset, type Source } from '../src/core/wizard-data';
import { computeModel, type WizardModel } from '../src/core/wizard-model';
import { defaultRules } from '../src/core/wizard-rules';
import { tagHeader, tagValue } from '../src/core/wizard-tags';
import { type AnalysisParams, type ColumnMapping, type ColumnRole, DEFAULT_PARAMS, type PreviewResult, type TagKey } from '../src/gas/wizard-api';
import { type BookCell, type BookSheet, decodeText, readUpload, sheetNameFromFile, UploadError, writeXlsx } from './workbook-io';

export interface RunnerOptions {
  orders: string;
  customers?: string | null;
  out?: string | null;
  lang?: Lang;
  locale?: string;
  timeZone?: string;
  /** `auto` picks `script` up to `scriptLimit` order rows. */
  engine?: 'auto' | 'script' | 'engine';
  scriptLimit?: number;
  /** Progress lines (to stderr in the CLI). */
  progress?: (line: string) => void;
}

export interface RunnerResult {
  out: string;
  engine: 'script' | 'engine';
  orders: number;
  customers: number;
  preview: PreviewResult;
  sheets: string[];
  summary: string;
  ms: number;
}

export const RUNNER_MSG = {
  reading: { en: 'Reading {file}…', vi: 'Đang đọc {file}…' },
  readRows: { en: '  {rows} rows read ({mb} MB of {total} MB)', vi: '  đã đọc {rows} dòng ({mb} MB / {total} MB)' },
  analysing: { en: 'Analysing {rows} orders of {customers} customers…', vi: 'Đang phân tích {rows} đơn hàng của {customers} khách hàng…' },
  analysingScript: {
    en: 'Running the wizard (dist/Code.js in the local Sheets stand-in)…',
    vi: 'Đang chạy trình hướng dẫn (dist/Code.js trong bản mô phỏng Sheets)…',
  },
  writing: { en: 'Writing {file}…', vi: 'Đang ghi {file}…' },
  noFile: { en: 'File not found: {file}', vi: 'Không tìm thấy tệp: {file}' },
  noColumns: {
    en: 'Could not find the {what} column in {file}. Columns found: {cols}. Rename the header (e.g. "Mã KH"/"customer_id", "Ngày mua"/"order_date", "Thành tiền"/"amount").',
    vi: 'Không tìm thấy cột {what} trong {file}. Các cột hiện có: {cols}. Hãy đổi tên tiêu đề (ví dụ "Mã KH"/"customer_id", "Ngày mua"/"order_date", "Thành tiền"/"amount").',
  },
  tooManyRows: {
    en: '{file} has {rows} rows; an .xlsx sheet holds at most 1,048,576 rows, so the order sheet is left out of the output (the customer summary and personas are written).',
    vi: '{file} có {rows} dòng; một trang .xlsx chứa tối đa 1.048.576 dòng nên trang đơn hàng không được ghi vào tệp kết quả (vẫn ghi bảng tổng hợp khách hàng và chân dung).',
  },
  head: { en: 'Segment', vi: 'Phân khúc' },
  headCustomers: { en: 'Customers', vi: 'Khách hàng' },
  headShare: { en: '% customers', vi: '% khách hàng' },
  headRevenue: { en: '% revenue', vi: '% doanh thu' },
  headClv: { en: 'Avg CLV', vi: 'CLV TB' },
  total: {
    en: '{orders} orders · {customers} customers · revenue {revenue} · analysis date {date}',
    vi: '{orders} đơn hàng · {customers} khách hàng · doanh thu {revenue} · ngày phân tích {date}',
  },
  written: { en: 'Written: {file} ({sheets})', vi: 'Đã ghi: {file} ({sheets})' },
  summarySheet: { en: 'Customers (summary)', vi: 'Tổng hợp khách hàng' },
  personasSheet: { en: 'Personas', vi: 'Chân dung khách hàng' },
  colId: { en: 'Customer ID', vi: 'Mã KH' },
  colOrders: { en: 'Orders', vi: 'Số đơn' },
  colRevenue: { en: 'Revenue', vi: 'Doanh thu' },
  colFirst: { en: 'First purchase', vi: 'Mua lần đầu' },
  colLast: { en: 'Last purchase', vi: 'Mua gần nhất' },
  idWhat: { en: 'customer id', vi: 'mã khách hàng' },
  dateWhat: { en: 'order date', vi: 'ngày mua' },
  amountWhat: { en: 'amount', vi: 'thành tiền' },
} satisfies Record<string, Localized>;

export class RunnerError extends Error {}

/** The wizard's default parameters (the same defaults the sidebar starts from). */
export function defaultParams(): AnalysisParams {
  return JSON.parse(JSON.stringify(DEFAULT_PARAMS));
}

// ---------------------------------------------------------------------------------------------
// Column roles from headers (engine path; the script path uses the add-on's own detector)

const fold = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/gi, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();

const HEADER_ROLES: [ColumnRole, RegExp][] = [
  ['order_id', /^(ma don( hang)?|so don( hang)?|order( id| no| number)?|invoice( id| no)?|ma hoa don|so hoa don)$/],
  ['customer_id', /^(ma kh|ma khach( hang)?|id khach( hang)?|customer( id| no| number| code)?|cust( id)?|client( id)?|master id|user( id)?)$/],
  ['order_date', /^(ngay( mua| dat| dat hang| don hang| giao dich| hoa don)?|thoi gian( mua)?|order date|date|purchase date|invoice ?date|transaction date)$/],
  ['amount', /^(thanh tien|tong tien|doanh thu|gia tri( don( hang)?)?|so tien|tong cong|amount|revenue|sales|total|order (total|value)|dollar value|value)$/],
  ['discount', /^(giam gia|chiet khau|khuyen mai|discount|voucher|ma giam gia)$/],
  ['channel', /^(kenh( ban| mua)?( hang)?|channel|source|nguon)$/],
  ['product', /^(danh muc|san pham|nganh hang|category|product( category)?)$/],
  ['profit', /^(loi nhuan|lai gop|profit|margin)$/],
  ['quantity', /^(so luong|sl|quantity|qty|number of cds)$/],
  ['customer_name', /^(ho ten|ho va ten|ten khach( hang)?|ten kh|name|customer name|full name)$/],
  ['phone', /^(sdt|so dien thoai|dien thoai|phone|mobile)$/],
  ['email', /^(e ?mail)$/],
  ['province', /^(tinh( thanh( pho)?)?|tinh tp|thanh pho|province|city|dia chi tinh)$/],
  ['birth_year', /^(nam sinh|year of birth|birth year)$/],
  ['age', /^(tuoi|age)$/],
  ['gender', /^(gioi tinh|gender|sex)$/],
];

/** Maps headers to roles; the first header matching a role wins. */
export function mapHeaders(header: string[]): ColumnMapping {
  const m: ColumnMapping = {};
  header.forEach((h, i) => {
    const f = fold(String(h ?? ''));
    for (const [role, re] of HEADER_ROLES) {
      if (m[role] !== undefined) continue;
      if (re.test(f)) {
        m[role] = i;
        break;
      }
    }
  });
  return m;
}

// ---------------------------------------------------------------------------------------------
// Streaming CSV reading (engine path)

interface StreamedTable {
  header: string[];
  /** Only the kept columns, re-indexed 0..k-1 (header row first). */
  grid: BookCell[][];
  mapping: ColumnMapping;
  rows: number;
}

function sniffDelimiter(sample: string): string | 'whitespace' {
  const lines = sample
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '')
    .slice(0, 20);
  const score = (d: string) => {
    const counts = lines.map((l) => l.split(d).length - 1);
    return counts.every((c) => c > 0 && c === counts[0]) ? counts[0] : 0;
  };
  const best = [',', ';', '\t', '|'].map((d) => [d, score(d)] as const).sort((a, b) => b[1] - a[1])[0];
  if (best[1] > 0) return best[0];
  const ws = lines.map((l) => l.trim().split(/\s+/).length);
  if (ws.length && ws.every((n) => n > 1 && n === ws[0])) return 'whitespace';
  return ',';
}

/**
 * Stream-parses a CSV (or whitespace-separated text such as CDNOW_master.txt) keeping only the
 * columns of the given roles (or of any recognised role). Memory: one small array per row.
 */
export async function streamCsv(file: string, lang: Lang, progress?: (line: string) => void, keepRoles?: ColumnRole[]): Promise<StreamedTable> {
  const total = fs.statSync(file).size;
  const fd = fs.openSync(file, 'r');
  const head = Buffer.alloc(Math.min(total, 256 * 1024));
  fs.readSync(fd, head, 0, head.length, 0);
  fs.closeSync(fd);
  // Decode the first block to learn the encoding (throws a clear message on a bad one).
  let cut = head.length;
  if (cut < total) while (cut > 0 && (head[cut - 1] & 0xc0) === 0x80) cut--;
  const probe = decodeText(head.subarray(0, cut > 0 && cut < head.length ? cut - 1 : cut), path.basename(file), lang);
  const encoding = probe.encoding;
  const delimiter = sniffDelimiter(probe.text);
  const skipBom =
    encoding === 'utf-8' && head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf
      ? 3
      : encoding.startsWith('utf-16') && (head[0] === 0xff || head[0] === 0xfe)
        ? 2
        : 0;
  const decoder = new TextDecoder(encoding);
  const stream = fs.createReadStream(file, { start: skipBom, highWaterMark: 1 << 20 });
  let header: string[] | null = null;
  let keep: number[] = [];
  let mapping: ColumnMapping = {};
  const grid: BookCell[][] = [];
  let rows = 0;
  let bytes = 0;
  let nextReport = 200_000;
  const onRow = (fields: string[]) => {
    if (!header) {
      header = fields.map((s) => String(s).trim());
      const full = mapHeaders(header);
      const roles = (keepRoles ?? (Object.keys(full) as ColumnRole[])).filter((r) => full[r] !== undefined && full[r] !== null);
      keep = [...new Set(roles.map((r) => full[r] as number))].sort((a, b) => a - b);
      mapping = {};
      for (const r of roles) mapping[r] = keep.indexOf(full[r] as number);
      grid.push(keep.map((c) => header?.[c] ?? ''));
      return;
    }
    if (fields.length === 1 && fields[0].trim() === '') return;
    const row: BookCell[] = new Array(keep.length);
    for (let j = 0; j < keep.length; j++) {
      const s = fields[keep[j]];
      row[j] = s === undefined ? '' : s;
    }
    grid.push(row);
    rows++;
    if (progress && rows >= nextReport) {
      nextReport += 200_000;
      progress(
        localize(lang, RUNNER_MSG.readRows, { rows: rows.toLocaleString('en-US'), mb: (bytes / 1048576).toFixed(0), total: (total / 1048576).toFixed(0) }),
      );
    }
  };
  await new Promise<void>((resolve, reject) => {
    let rest = '';
    const splitWs = (line: string) => line.trim().split(/\s+/);
    if (delimiter === 'whitespace') {
      stream.on('data', (chunk: string | Buffer) => {
        bytes += chunk.length;
        const text = rest + decoder.decode(chunk as Buffer, { stream: true });
        const lines = text.split(/\r?\n/);
        rest = lines.pop() ?? '';
        for (const l of lines) if (l.trim() !== '') onRow(splitWs(l));
      });
      stream.on('end', () => {
        const tail = rest + decoder.decode();
        for (const l of tail.split(/\r?\n/)) if (l.trim() !== '') onRow(splitWs(l));
        resolve();
      });
      stream.on('error', reject);
      return;
    }
    // Papaparse on decoded text chunks (it keeps the partial row between chunks).
    const parser = Papa.parse(Papa.NODE_STREAM_INPUT, { delimiter, skipEmptyLines: true }) as unknown as NodeJS.ReadWriteStream;
    parser.on('data', (row: string[]) => onRow(row));
    parser.on('end', () => resolve());
    parser.on('error', reject);
    stream.on('data', (chunk: string | Buffer) => {
      bytes += chunk.length;
      const text = decoder.decode(chunk as Buffer, { stream: true });
      if (text) parser.write(text.normalize('NFC'));
    });
    stream.on('end', () => {
      const tail = decoder.decode();
      if (tail) parser.write(tail);
      parser.end();
    });
    stream.on('error', reject);
  });
  if (!header) throw new UploadError('empty', localize(lang, { en: 'The file "{file}" is empty.', vi: 'Tệp "{file}" trống.' }, { file: path.basename(file) }));
  return { header, grid, mapping, rows };
}

// ---------------------------------------------------------------------------------------------
// Helpers

function requireRoles(mapping: ColumnMapping, header: string[], file: string, lang: Lang) {
  const need: [ColumnRole, keyof typeof RUNNER_MSG][] = [
    ['customer_id', 'idWhat'],
    ['order_date', 'dateWhat'],
    ['amount', 'amountWhat'],
  ];
  for (const [role, what] of need)
    if (mapping[role] === undefined || mapping[role] === null)
      throw new RunnerError(
        localize(lang, RUNNER_MSG.noColumns, {
          what: localize(lang, RUNNER_MSG[what]),
          file: path.basename(file),
          cols: header.map((h) => `"${h}"`).join(', '),
        }),
      );
}

const fmtInt = (n: number, lang: Lang) => Math.round(n).toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-US');
const fmtPct = (x: number, lang: Lang) => `${(Math.round(x * 1000) / 10).toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-US')}%`;

/** The summary table printed at the end. */
export function summaryTable(p: PreviewResult, lang: Lang): string {
  const head = [
    localize(lang, RUNNER_MSG.head),
    localize(lang, RUNNER_MSG.headCustomers),
    localize(lang, RUNNER_MSG.headShare),
    localize(lang, RUNNER_MSG.headRevenue),
    localize(lang, RUNNER_MSG.headClv),
  ];
  const rows = p.segments
    .filter((s) => s.customers > 0)
    .map((s) => [
      s.name,
      fmtInt(s.customers, lang),
      fmtPct(s.customerShare, lang),
      fmtPct(s.revenueShare, lang),
      s.avgClv === null ? '—' : fmtInt(s.avgClv, lang),
    ]);
  const all = [head, ...rows];
  const w = head.map((_, i) => Math.max(...all.map((r) => [...r[i]].length)));
  const line = (r: string[]) => r.map((c, i) => (i === 0 ? c.padEnd(w[i]) : c.padStart(w[i]))).join('  ');
  const out = [line(head), w.map((x) => '-'.repeat(x)).join('  '), ...rows.map(line)];
  out.push('');
  out.push(
    localize(lang, RUNNER_MSG.total, {
      orders: fmtInt(p.orders, lang),
      customers: fmtInt(p.customers, lang),
      revenue: fmtInt(p.revenue, lang),
      date: p.analysisDate,
    }),
  );
  if (p.pareto) out.push(p.pareto.answer);
  for (const wmsg of p.warnings) out.push(`! ${wmsg}`);
  return out.join('\n');
}

function countLines(file: string): number {
  const fd = fs.openSync(file, 'r');
  const buf = Buffer.alloc(1 << 20);
  let n = 0;
  let last = 10;
  let pos = 0;
  for (;;) {
    const read = fs.readSync(fd, buf, 0, buf.length, pos);
    if (read <= 0) break;
    for (let i = 0; i < read; i++) if (buf[i] === 10) n++;
    last = buf[read - 1];
    pos += read;
  }
  fs.closeSync(fd);
  return last === 10 ? n : n + 1;
}

// ---------------------------------------------------------------------------------------------
// The runner

export async function analyzeFiles(opts: RunnerOptions): Promise<RunnerResult> {
  const t0 = Date.now();
  const lang = opts.lang ?? 'vi';
  // Dates and amounts are read in the spreadsheet's locale, independent of the message language.
  const locale = opts.locale ?? 'vi_VN';
  const timeZone = opts.timeZone ?? 'Asia/Ho_Chi_Minh';
  const progress = opts.progress ?? (() => {});
  for (const f of [opts.orders, opts.customers].filter(Boolean) as string[])
    if (!fs.existsSync(f)) throw new RunnerError(localize(lang, RUNNER_MSG.noFile, { file: f }));
  const out = opts.out ?? path.join(path.dirname(opts.orders), `${path.basename(opts.orders).replace(/\.[^.]+$/, '')}-target-customers.xlsx`);
  const isXlsx = (f: string) => /\.xlsx$/i.test(f);
  let engine = opts.engine ?? 'auto';
  if (engine === 'auto') {
    const lines = isXlsx(opts.orders) ? 0 : countLines(opts.orders);
    engine = isXlsx(opts.orders) || lines - 1 <= (opts.scriptLimit ?? 100_000) ? 'script' : 'engine';
  }
  const res = engine === 'script' ? await runScript(opts, out, lang, locale, timeZone, progress) : await runEngine(opts, out, lang, locale, timeZone, progress);
  const summary = summaryTable(res.preview, lang);
  return { ...res, out, engine, summary, ms: Date.now() - t0 };
}

// ---- script path: dist/Code.js in the stand-in

async function readAnyTable(file: string, lang: Lang, timeZone: string, locale: string): Promise<BookSheet[]> {
  const buf = fs.readFileSync(file);
  if (!isZipBuf(buf)) {
    // Whitespace-separated text (CDNOW): convert to rows here; other text goes through readUpload.
    const probe = decodeText(buf.subarray(0, Math.min(buf.length, 64 * 1024)), path.basename(file), lang);
    if (sniffDelimiter(probe.text) === 'whitespace') {
      const t = await streamCsv(file, lang, undefined, undefined);
      return [{ name: sheetNameFromFile(file), values: t.grid, frozenRows: 1 }];
    }
  }
  const up = await readUpload(new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength), path.basename(file), lang, timeZone, locale);
  return up.sheets;
}

function isZipBuf(b: Buffer) {
  return b[0] === 0x50 && b[1] === 0x4b;
}

async function runScript(opts: RunnerOptions, out: string, lang: Lang, locale: string, timeZone: string, progress: (l: string) => void) {
  const { PlaygroundSession } = await import('./session');
  progress(localize(lang, RUNNER_MSG.reading, { file: path.basename(opts.orders) }));
  const orderSheets = await readAnyTable(opts.orders, lang, timeZone, locale);
  const custSheets = opts.customers ? await readAnyTable(opts.customers, lang, timeZone, locale) : [];
  const sheets = [
    orderSheets[0],
    ...(custSheets.length ? [{ ...custSheets[0], name: custSheets[0].name === orderSheets[0].name ? `${custSheets[0].name} 2` : custSheets[0].name }] : []),
  ];
  const session = await PlaygroundSession.create({ locale, timeZone, workbook: { name: path.basename(opts.orders), sheets } });
  progress(localize(lang, RUNNER_MSG.analysingScript));
  const call = (fn: string, ...args: unknown[]) => {
    const r = session.run(fn, args);
    if (!r.ok) throw new RunnerError(r.error?.message ?? 'error');
    const env = r.value as { ok: boolean; data?: any; error?: { message: string } };
    if (env?.ok !== true) throw new RunnerError(env?.error?.message ?? `${fn} failed`);
    return env.data;
  };
  const load = call('wizardLoad', lang);
  const det = call('wizardDetect', sheets[0].name, lang);
  const settings = load.settings;
  const sources: any = { orders: { sheet: sheets[0].name, headerRow: det.headerRow, mapping: det.mapping } };
  if (sheets[1]) {
    const dc = call('wizardDetect', sheets[1].name, lang);
    sources.customers = { sheet: sheets[1].name, headerRow: dc.headerRow, mapping: dc.mapping };
  }
  if (det.kind === 'customers' && !sheets[1]) {
    sources.customers = sources.orders;
    sources.orders = null;
  }
  const params = settings.params ?? defaultParams();
  const preview: PreviewResult = call('wizardAnalyze', { lang, sources, params, rules: null });
  const apply = call('wizardApply', {
    lang,
    sources,
    params,
    rules: null,
    tags: preview.availableTags,
    colorRows: true,
    tagOrderRows: true,
    personas: true,
  });
  progress(localize(lang, RUNNER_MSG.writing, { file: out }));
  // The add-on's hidden bookkeeping sheets (settings store, undo images) stay out of the result.
  const book = session.bookSheets().filter((s) => !s.hidden);
  fs.writeFileSync(out, await writeXlsx(book, { timeZone }));
  return {
    orders: apply.preview.orders as number,
    customers: apply.preview.customers as number,
    preview: apply.preview as PreviewResult,
    sheets: book.map((s) => s.name),
  };
}

// ---- engine path: pure src/core, streaming

async function runEngine(opts: RunnerOptions, out: string, lang: Lang, locale: string, timeZone: string, progress: (l: string) => void) {
  const ctx: CallContext = { fn: 'target-customers', lang, locale, timeZone };
  progress(localize(lang, RUNNER_MSG.reading, { file: path.basename(opts.orders) }));
  const orderRoles: ColumnRole[] = ['customer_id', 'order_date', 'amount', 'discount', 'channel', 'profit'];
  const t = isXlsxFile(opts.orders) ? await xlsxTable(opts.orders, lang, timeZone) : await streamCsv(opts.orders, lang, progress, orderRoles);
  requireRoles(t.mapping, t.header, opts.orders, lang);
  const sources: { orders: Source; customers?: Source } = {
    orders: { spec: { sheet: sheetNameFromFile(opts.orders), headerRow: 1, mapping: t.mapping }, grid: t.grid as any },
  };
  let cust: StreamedTable | null = null;
  if (opts.customers) {
    cust = isXlsxFile(opts.customers) ? await xlsxTable(opts.customers, lang, timeZone) : await streamCsv(opts.customers, lang, progress);
    sources.customers = { spec: { sheet: sheetNameFromFile(opts.customers), headerRow: 1, mapping: cust.mapping }, grid: cust.grid as any };
  }
  const params = defaultParams();
  const rules = defaultRules('default');
  const data = readDataset(ctx, sources, { analysisDate: null });
  progress(localize(lang, RUNNER_MSG.analysing, { rows: fmtInt(data.orders?.customer.length ?? 0, lang), customers: fmtInt(data.keys.length, lang) }));
  const model = computeModel(ctx, data, params, rules);
  progress(localize(lang, RUNNER_MSG.writing, { file: out }));
  const sheets = await writeEngineWorkbook(out, model, t, opts, lang);
  return { orders: model.preview.orders, customers: model.preview.customers, preview: model.preview, sheets };
}

function isXlsxFile(f: string) {
  const fd = fs.openSync(f, 'r');
  const b = Buffer.alloc(4);
  fs.readSync(fd, b, 0, 4, 0);
  fs.closeSync(fd);
  return isZipBuf(b);
}

async function xlsxTable(file: string, lang: Lang, timeZone: string): Promise<StreamedTable> {
  const buf = fs.readFileSync(file);
  const up = await readUpload(new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength), path.basename(file), lang, timeZone);
  const s = up.sheets[0];
  const header = (s.values[0] ?? []).map((v) => String(v ?? ''));
  return { header, grid: s.values, mapping: mapHeaders(header), rows: s.values.length - 1 };
}

/** Writes summary (tagged) + personas + orders (with the segment) using exceljs' streaming writer. */
async function writeEngineWorkbook(out: string, model: WizardModel, orders: StreamedTable, opts: RunnerOptions, lang: Lang): Promise<string[]> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: out, useStyles: true, useSharedStrings: false });
  wb.creator = 'Target Customers (Khách hàng mục tiêu)';
  const names: string[] = [];
  const tags: TagKey[] = model.preview.availableTags;
  // 1. Customer summary with tags, rows coloured by segment.
  const sumName = localize(lang, RUNNER_MSG.summarySheet);
  names.push(sumName);
  const ws = wb.addWorksheet(sumName, { views: [{ state: 'frozen', ySplit: 1 }] });
  const header = [
    localize(lang, RUNNER_MSG.colId),
    localize(lang, RUNNER_MSG.colOrders),
    localize(lang, RUNNER_MSG.colRevenue),
    localize(lang, RUNNER_MSG.colFirst),
    localize(lang, RUNNER_MSG.colLast),
    ...tags.map((tg) => tagHeader(tg, lang, 12)),
  ];
  ws.addRow(header).font = { bold: true };
  const colorOf = model.catalog.map((s) => {
    const hex = segmentColor(s.group);
    return hex ? `FF${hex.slice(1).toUpperCase()}` : null;
  });
  for (let c = 0; c < model.n; c++) {
    if (!model.data.active[c]) continue;
    const id = model.data.displayIds[c];
    const row = ws.addRow([
      typeof id === 'number' ? id : String(id ?? ''),
      model.orderCount[c],
      model.revenue[c],
      Number.isFinite(model.firstDay[c]) ? dayToIso(model.firstDay[c]) : '',
      Number.isFinite(model.lastDay[c]) ? dayToIso(model.lastDay[c]) : '',
      ...tags.map((tg) => tagValue(model, tg, c)),
    ]);
    const s = model.segment[c];
    if (s >= 0 && colorOf[s]) row.eachCell((cell) => (cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: colorOf[s] as string } }));
    row.commit();
  }
  ws.getColumn(3).numFmt = '#,##0';
  await ws.commit();
  // 2. Personas.
  const pcs: PersonaCustomer[] = [];
  for (let c = 0; c < model.n; c++) {
    if (!model.data.active[c] || model.segment[c] < 0) continue;
    const seg = model.catalog[model.segment[c]];
    pcs.push({
      segmentKey: seg.key,
      group: seg.group,
      revenue: model.revenue[c],
      orders: model.orderCount[c],
      clv: model.clv ? (Number.isFinite(model.clv.clv[c]) ? model.clv.clv[c] : null) : null,
      daysSinceLast: Number.isFinite(model.lastDay[c]) ? model.analysisDay - model.lastDay[c] : null,
      province: model.province[c] || null,
      region: model.region[c] || null,
      gender: model.gender[c] || null,
      ageBand: model.ageBand[c] || null,
      mainChannel: model.behaviour ? model.behaviour.mainChannel[c] || null : null,
      tags: model.behaviour ? model.behaviour.tags[c] : [],
    });
  }
  const cards = buildPersonas(pcs, { segments: model.catalog.map((s) => ({ key: s.key, name: s.name, group: s.group })), includeEmpty: false });
  const grid = personaSheetGrid(cards, lang, model.locale, { subtitle: `${path.basename(opts.orders)} · ${model.preview.analysisDate}` });
  const pName = localize(lang, RUNNER_MSG.personasSheet);
  names.push(pName);
  const ps = wb.addWorksheet(pName, { views: [{ state: 'frozen', ySplit: grid.frozenRows }] });
  grid.columnWidths.forEach((w, i) => {
    ps.getColumn(i + 1).width = Math.max(8, Math.round(w / 7));
  });
  const bg = new Map<string, string>();
  for (const b of grid.backgrounds)
    for (let r = b.row; r < b.row + b.numRows; r++) for (let c = b.col; c < b.col + b.numCols; c++) bg.set(`${r},${c}`, b.color);
  const bold = new Set<string>();
  for (const b of grid.bold) for (let r = b.row; r < b.row + b.numRows; r++) for (let c = b.col; c < b.col + b.numCols; c++) bold.add(`${r},${c}`);
  const wrap = new Set<string>();
  for (const b of grid.wrap) for (let r = b.row; r < b.row + b.numRows; r++) for (let c = b.col; c < b.col + b.numCols; c++) wrap.add(`${r},${c}`);
  for (const m of grid.merges) ps.mergeCells(m.row + 1, m.col + 1, m.row + m.numRows, m.col + m.numCols);
  grid.values.forEach((vals, r) => {
    const row = ps.getRow(r + 1);
    vals.forEach((v, c) => {
      if (v === '' && !bg.has(`${r},${c}`)) return;
      const cell = row.getCell(c + 1);
      cell.value = v;
      const f = grid.numberFormats[r]?.[c];
      if (f && f !== '@' && typeof v === 'number') cell.numFmt = f.replace(/M/g, 'm');
      const color = bg.get(`${r},${c}`);
      if (color) cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: `FF${color.slice(1).toUpperCase()}` } };
      if (bold.has(`${r},${c}`)) cell.font = { bold: true };
      if (wrap.has(`${r},${c}`)) cell.alignment = { wrapText: true, vertical: 'top' };
    });
    row.commit();
  });
  await ps.commit();
  // 3. The orders with their customer's segment (when they fit in a sheet).
  if (orders.rows + 1 <= 1_048_576) {
    const oName = sheetNameFromFile(opts.orders).slice(0, 31);
    names.push(oName);
    const os = wb.addWorksheet(oName, { views: [{ state: 'frozen', ySplit: 1 }] });
    os.addRow([...orders.grid[0].map((v) => String(v ?? '')), tagHeader('segment', lang)]).commit();
    const rowCust = model.data.orderRowCustomer;
    for (let i = 1; i < orders.grid.length; i++) {
      const c = rowCust ? rowCust[i - 1] : -1;
      const s = c >= 0 ? model.segment[c] : -1;
      os.addRow([...orders.grid[i].map((v) => (typeof v === 'string' ? v : (v as any))), s >= 0 ? model.catalog[s].name[lang] : '']).commit();
      orders.grid[i] = [] as any; // free as we go
    }
    await os.commit();
  } else opts.progress?.(localize(lang, RUNNER_MSG.tooManyRows, { file: path.basename(opts.orders), rows: fmtInt(orders.rows, lang) }));
  await wb.commit();
  return names;
}

function segmentColor(group: string): string | null {
  return (SEGMENT_GROUP_COLORS as Record<string, string>)[group] ?? null;
}

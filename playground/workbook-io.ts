/**
 * Reading uploads (CSV in UTF-8 / UTF-16 / Windows-1258, XLSX) into plain sheets, and writing a
 * workbook out as XLSX. Used by the playground server and the file runner.
 *
 * Everything a user sends is untrusted: text that looks like a formula (`=HYPERLINK(...)`) stays
 * text on the way in and on the way out; nothing is ever evaluated.
 */

import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import type { Lang, Localized } from '../src/core/i18n';
import { localize } from '../src/core/i18n';
import { parseAmount, zoneOffset } from '../src/core/parse';

export type BookCell = string | number | boolean | Date | null;

/** A sheet as the playground and the runner exchange it. */
export interface BookSheet {
  name: string;
  values: BookCell[][];
  /** Number formats (Sheets pattern syntax) per cell; null/'' = automatic. */
  formats?: (string | null)[][];
  /** Per-column number format, used when `formats` is absent. */
  columnFormats?: (string | null)[];
  /** Background colours `#rrggbb` per cell; null/'#ffffff' = none. */
  backgrounds?: (string | null)[][];
  /** Bold cells. */
  bold?: boolean[][];
  /** Font colours `#rrggbb` per cell. */
  fontColors?: (string | null)[][];
  frozenRows?: number;
  frozenColumns?: number;
  hidden?: boolean;
  /** Column widths in pixels (1-based columns → index 0). */
  columnWidths?: (number | null)[];
  /** Notes per cell. */
  notes?: (string | null)[][];
}

/** Largest upload accepted. */
export const MAX_UPLOAD_BYTES = 50 * 1024 * 1024;

/** A problem with an upload, already localised for the person who sent it. */
export class UploadError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.name = 'UploadError';
    this.code = code;
  }
}

export const UPLOAD_MSG = {
  empty: {
    en: 'The file "{file}" is empty. Choose a CSV or XLSX file with a header row and data.',
    vi: 'Tệp "{file}" trống. Hãy chọn tệp CSV hoặc XLSX có dòng tiêu đề và dữ liệu.',
  },
  noRows: {
    en: 'The file "{file}" has no data rows. The first row should be the column headers and the data should start on the next row.',
    vi: 'Tệp "{file}" không có dòng dữ liệu nào. Dòng đầu tiên là tiêu đề cột, dữ liệu bắt đầu từ dòng tiếp theo.',
  },
  tooBig: {
    en: 'The file "{file}" is {size} MB; the playground accepts files up to {max} MB. For bigger files use the file runner: npx target-customers analyze <file>.',
    vi: 'Tệp "{file}" có dung lượng {size} MB; playground chỉ nhận tệp tối đa {max} MB. Với tệp lớn hơn, hãy dùng lệnh: npx target-customers analyze <tệp>.',
  },
  notSheet: {
    en: 'The file "{file}" is not a spreadsheet (it looks like {kind}). Upload a CSV file or an Excel .xlsx workbook.',
    vi: 'Tệp "{file}" không phải là bảng tính (có vẻ là {kind}). Hãy tải lên tệp CSV hoặc sổ làm việc Excel .xlsx.',
  },
  xls: {
    en: 'The file "{file}" is an old Excel .xls workbook. Open it in Excel or LibreOffice and save it as .xlsx or CSV (UTF-8), then upload that.',
    vi: 'Tệp "{file}" là định dạng Excel cũ .xls. Hãy mở bằng Excel hoặc LibreOffice, lưu thành .xlsx hoặc CSV (UTF-8) rồi tải lên lại.',
  },
  badXlsx: {
    en: 'The file "{file}" could not be read as an Excel workbook ({detail}). Save it again from Excel or LibreOffice as .xlsx, or export it as CSV (UTF-8).',
    vi: 'Không đọc được tệp "{file}" như một sổ làm việc Excel ({detail}). Hãy lưu lại bằng Excel hoặc LibreOffice dưới dạng .xlsx, hoặc xuất ra CSV (UTF-8).',
  },
  encoding: {
    en: 'The file "{file}" is not in a text encoding we can read (line {line} has "{sample}"). Save it as "CSV UTF-8" (Excel: File → Save As → CSV UTF-8) and upload it again.',
    vi: 'Tệp "{file}" không ở bảng mã văn bản đọc được (dòng {line} có "{sample}"). Hãy lưu lại dạng "CSV UTF-8" (Excel: Tệp → Lưu thành → CSV UTF-8) rồi tải lên lại.',
  },
  mojibake: {
    en: 'The file "{file}" seems to have been converted to the wrong encoding: line {line} shows "{sample}" instead of Vietnamese letters. Open the original file and save it as "CSV UTF-8", then upload it again.',
    vi: 'Tệp "{file}" có vẻ đã bị chuyển sai bảng mã: dòng {line} hiện "{sample}" thay vì chữ tiếng Việt. Hãy mở tệp gốc, lưu dạng "CSV UTF-8" rồi tải lên lại.',
  },
  csvBroken: {
    en: 'The file "{file}" could not be read as CSV: {detail} (around line {line}). Check the quotes in that line.',
    vi: 'Không đọc được tệp "{file}" dạng CSV: {detail} (khoảng dòng {line}). Hãy kiểm tra dấu ngoặc kép ở dòng đó.',
  },
  noSheets: { en: 'The workbook "{file}" has no sheet with data.', vi: 'Sổ làm việc "{file}" không có trang tính nào chứa dữ liệu.' },
  decodedAs: { en: 'Read as {encoding}.', vi: 'Đã đọc với bảng mã {encoding}.' },
} satisfies Record<string, Localized>;

function fail(lang: Lang, code: keyof typeof UPLOAD_MSG, params: Record<string, string | number>): UploadError {
  return new UploadError(code, localize(lang, UPLOAD_MSG[code], params));
}

// ---------------------------------------------------------------------------------------------
// Text decoding

export interface Decoded {
  text: string;
  encoding: 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1258';
}

/** Control bytes (other than tab/CR/LF/FF) in the first 4 KB, with no UTF-16 pattern: not text. */
function looksBinary(buf: Uint8Array): boolean {
  if ((buf[0] === 0xff && buf[1] === 0xfe) || (buf[0] === 0xfe && buf[1] === 0xff)) return false;
  const n = Math.min(buf.length, 4096);
  let ctl = 0;
  let zerosEven = 0;
  let zerosOdd = 0;
  for (let i = 0; i < n; i++) {
    const b = buf[i];
    if (b === 0) {
      if (i % 2) zerosOdd++;
      else zerosEven++;
    }
    if (b < 9 || (b > 13 && b < 32)) ctl++;
  }
  const utf16 = (zerosOdd > n / 4 && zerosEven < n / 50) || (zerosEven > n / 4 && zerosOdd < n / 50);
  return !utf16 && ctl > n * 0.02;
}

function sniffBinary(buf: Uint8Array): string | null {
  const starts = (...b: number[]) => b.every((x, i) => buf[i] === x);
  if (starts(0x25, 0x50, 0x44, 0x46)) return 'PDF';
  if (starts(0x89, 0x50, 0x4e, 0x47)) return 'PNG';
  if (starts(0xff, 0xd8, 0xff)) return 'JPEG';
  if (starts(0x47, 0x49, 0x46, 0x38)) return 'GIF';
  if (starts(0x1f, 0x8b)) return 'gzip';
  if (starts(0x52, 0x61, 0x72, 0x21)) return 'RAR';
  if (starts(0x7f, 0x45, 0x4c, 0x46)) return 'ELF executable';
  if (starts(0x4d, 0x5a)) return 'Windows executable';
  return null;
}

/** Where the first suspicious character is, for messages. */
function locate(text: string, index: number): { line: number; sample: string } {
  let line = 1;
  for (let i = 0; i < index && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  const sample = text.slice(Math.max(0, index - 8), index + 12).replace(/[\r\n]+/g, ' ');
  let clean = '';
  for (const ch of sample) clean += isControl(ch.charCodeAt(0), true) ? '?' : ch;
  return { line, sample: clean };
}

/** C0/C1 control characters and U+FFFD (tab, CR, LF allowed unless `all`). */
function isControl(code: number, all = false): boolean {
  if (code === 0xfffd) return true;
  if (code === 9 || code === 10 || code === 13) return all;
  return code < 32 || (code >= 0x7f && code <= 0x9f);
}

function firstControl(text: string): number {
  for (let i = 0; i < text.length; i++) if (isControl(text.charCodeAt(i))) return i;
  return -1;
}

/** Typical UTF-8-read-as-Windows-1252 sequences of Vietnamese text ("Nguyá»…n", "Tráº§n", "Ä‘"). */
const MOJIBAKE = /(á»[\u0080-\u00ff\u0152-\u2122]|áº[\u0080-\u00ff\u0152-\u2122]|Ä[‘\u0090]|Æ°|Ã[¡-¿\u0080-\u00a0]|Ã¢|Ãª|Ã´)/;

/**
 * Decodes an uploaded text file: BOMs first (UTF-8, UTF-16 LE/BE), then strict UTF-8, then
 * UTF-16 without BOM (many zero bytes), then Windows-1258 (Vietnamese Windows' default ANSI code
 * page). Text that shows UTF-8 read through the wrong code page, or control characters, is refused
 * with a message saying how to save the file properly.
 */
export function decodeText(buf: Uint8Array, file: string, lang: Lang): Decoded {
  let text: string;
  let encoding: Decoded['encoding'];
  if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) {
    encoding = 'utf-8';
    text = new TextDecoder('utf-8').decode(buf.subarray(3));
  } else if (buf[0] === 0xff && buf[1] === 0xfe) {
    encoding = 'utf-16le';
    text = new TextDecoder('utf-16le').decode(buf.subarray(2));
  } else if (buf[0] === 0xfe && buf[1] === 0xff) {
    encoding = 'utf-16be';
    text = new TextDecoder('utf-16be').decode(buf.subarray(2));
  } else {
    const sample = buf.subarray(0, Math.min(buf.length, 4096));
    let zerosEven = 0;
    let zerosOdd = 0;
    for (let i = 0; i < sample.length; i++) if (sample[i] === 0) i % 2 ? zerosOdd++ : zerosEven++;
    if (zerosOdd > sample.length / 4 && zerosEven < sample.length / 50) {
      encoding = 'utf-16le';
      text = new TextDecoder('utf-16le').decode(buf);
    } else if (zerosEven > sample.length / 4 && zerosOdd < sample.length / 50) {
      encoding = 'utf-16be';
      text = new TextDecoder('utf-16be').decode(buf);
    } else {
      try {
        text = new TextDecoder('utf-8', { fatal: true }).decode(buf);
        encoding = 'utf-8';
      } catch {
        text = new TextDecoder('windows-1258').decode(buf);
        encoding = 'windows-1258';
      }
    }
  }
  // Windows-1258 writes tones as combining marks; compose them so "Nguyễn" compares equal.
  text = text.normalize('NFC');
  // Control characters other than tab / CR / LF mean binary data or the wrong encoding.
  const bad = firstControl(text);
  if (bad >= 0) {
    const at = locate(text, bad);
    throw fail(lang, 'encoding', { file, line: at.line, sample: at.sample });
  }
  const moji = MOJIBAKE.exec(text);
  if (moji) {
    const at = locate(text, moji.index);
    throw fail(lang, 'mojibake', { file, line: at.line, sample: at.sample.trim() });
  }
  return { text, encoding };
}

// ---------------------------------------------------------------------------------------------
// CSV

/** Delimiters tried: comma, semicolon (Excel in comma-decimal locales), tab, pipe. */
const DELIMITERS = [',', ';', '\t', '|'];

/**
 * Reads a value of a CSV cell the way a spreadsheet import would, but safely:
 * - plain numbers become numbers, read in the spreadsheet's locale (`300.000` is three hundred
 *   thousand in vi_VN and 300 in en_US; `12,5` is 12.5 in vi_VN), except ids/phones with a leading
 *   zero (`0912345678`, `007`) and very long digit strings, which stay text;
 * - everything else (including dates and `=...`) stays text; the engine reads dates from text.
 */
export function csvCell(s: string, locale = 'vi_VN'): BookCell {
  const t = s.trim();
  if (t === '') return '';
  if (/^-?(0|[1-9]\d{0,14})([.,]\d+)*$/.test(t) && t.replace(/\D/g, '').length <= 15) {
    const n = parseAmount(t, locale);
    if (Number.isFinite(n)) return n;
  }
  return s;
}

export interface ParsedCsv {
  values: BookCell[][];
  encoding: Decoded['encoding'];
  delimiter: string;
}

export function parseCsvBuffer(buf: Uint8Array, file: string, lang: Lang, locale = 'vi_VN'): ParsedCsv {
  const { text, encoding } = decodeText(buf, file, lang);
  return { ...parseCsvText(text, file, lang, locale), encoding };
}

export function parseCsvText(text: string, file: string, lang: Lang, locale = 'vi_VN'): { values: BookCell[][]; delimiter: string } {
  if (text.trim() === '') throw fail(lang, 'empty', { file });
  const res = Papa.parse<string[]>(text, { delimiter: '', delimitersToGuess: DELIMITERS, skipEmptyLines: 'greedy' });
  const serious = res.errors.find((e) => e.type === 'Quotes');
  if (serious) throw fail(lang, 'csvBroken', { file, detail: serious.message, line: (serious.row ?? 0) + 2 });
  const rows = res.data.filter((r) => r.some((c) => String(c).trim() !== ''));
  if (rows.length < 2) throw fail(lang, 'noRows', { file });
  const width = Math.max(...rows.map((r) => r.length));
  const values: BookCell[][] = rows.map((r, i) => {
    const out: BookCell[] = new Array(width).fill('');
    for (let c = 0; c < r.length; c++) out[c] = i === 0 ? String(r[c]).trim() : csvCell(String(r[c]), locale);
    return out;
  });
  return { values, delimiter: res.meta.delimiter };
}

// ---------------------------------------------------------------------------------------------
// XLSX in

function isZip(buf: Uint8Array): boolean {
  return buf[0] === 0x50 && buf[1] === 0x4b && (buf[2] === 0x03 || buf[2] === 0x05) && (buf[3] === 0x04 || buf[3] === 0x06);
}

function isOle(buf: Uint8Array): boolean {
  return [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1].every((b, i) => buf[i] === b);
}

function argbToHex(c: any): string | null {
  const argb: unknown = c?.argb;
  if (typeof argb !== 'string' || argb.length < 6) return null;
  const hex = argb.slice(-6).toLowerCase();
  return `#${hex}`;
}

/** Plain value of an exceljs cell: formulas give their cached result, rich text its text. */
function excelValue(v: ExcelJS.CellValue): BookCell {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  if (v instanceof Date) return v;
  if (typeof v === 'object') {
    const o = v as any;
    if (Array.isArray(o.richText)) return o.richText.map((p: any) => p.text).join('');
    if ('formula' in o || 'sharedFormula' in o) return excelValue(o.result ?? '');
    if ('hyperlink' in o) return typeof o.text === 'string' ? o.text : excelValue(o.text);
    if ('error' in o) return String(o.error);
  }
  return String(v);
}

/**
 * Excel stores dates as serials in the sheet's wall-clock time, which exceljs returns as the UTC
 * instant of that wall-clock time. Sheets holds dates as local midnights of the spreadsheet zone.
 */
function excelDateToZone(d: Date, timeZone: string): Date {
  const wall = d.getTime();
  return new Date(wall - zoneOffset(wall, timeZone));
}

/** Excel number format → Sheets pattern: in date formats, months are `M` (minutes stay `m` next to `h`/`s`). */
export function fromExcelFormat(nf: string): string {
  if (!/[dy]/i.test(nf.replace(/"[^"]*"/g, ''))) return nf;
  return nf.replace(/(h+[:\]]*)?(m+)(?=(:s|\]?:?s))?/gi, (all, h, m, s) => (h || s ? all : all.replace(m, m.toUpperCase())));
}

export async function readXlsx(buf: Uint8Array, file: string, lang: Lang, timeZone = 'Asia/Ho_Chi_Minh'): Promise<BookSheet[]> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength) as any);
  } catch (e) {
    throw fail(lang, 'badXlsx', { file, detail: String((e as Error)?.message || e).slice(0, 120) });
  }
  const out: BookSheet[] = [];
  wb.eachSheet((ws) => {
    const rows = ws.actualRowCount ? ws.rowCount : 0;
    const cols = ws.columnCount;
    const values: BookCell[][] = [];
    const formats: (string | null)[][] = [];
    for (let r = 1; r <= rows; r++) {
      const row = ws.getRow(r);
      const vals: BookCell[] = new Array(cols).fill('');
      const fmts: (string | null)[] = new Array(cols).fill(null);
      for (let c = 1; c <= cols; c++) {
        const cell = row.getCell(c);
        let v = excelValue(cell.value);
        if (v instanceof Date) v = excelDateToZone(v, timeZone);
        vals[c - 1] = v;
        const nf = cell.numFmt;
        if (nf && nf !== 'General') fmts[c - 1] = fromExcelFormat(nf);
        else if (v instanceof Date) fmts[c - 1] = 'dd/MM/yyyy';
      }
      values.push(vals);
      formats.push(fmts);
    }
    // Drop trailing blank rows.
    while (values.length && values[values.length - 1].every((v) => v === '' || v === null)) {
      values.pop();
      formats.pop();
    }
    if (values.length) out.push({ name: ws.name, values, formats, frozenRows: 0, hidden: ws.state !== 'visible' });
  });
  if (!out.length) throw fail(lang, 'noSheets', { file });
  if (out.every((s) => s.values.length < 2)) throw fail(lang, 'noRows', { file });
  return out;
}

// ---------------------------------------------------------------------------------------------
// Any upload

export interface ReadUpload {
  sheets: BookSheet[];
  /** Localized notes (e.g. the encoding used). */
  notes: string[];
  kind: 'csv' | 'xlsx';
}

/** A safe sheet name from a file name (`đơn hàng 2024.csv` → `đơn hàng 2024`). */
export function sheetNameFromFile(file: string): string {
  const base = file.replace(/^.*[\\/]/, '').replace(/\.[A-Za-z0-9]{1,5}$/, '');
  const clean = base
    .replace(/[[\]*?/\\:]/g, ' ')
    .trim()
    .slice(0, 90);
  return clean || 'Sheet1';
}

/** Reads an uploaded file (CSV/TSV/TXT or XLSX), or throws an `UploadError` with a clear message. */
export async function readUpload(buf: Uint8Array, file: string, lang: Lang, timeZone = 'Asia/Ho_Chi_Minh', locale = 'vi_VN'): Promise<ReadUpload> {
  if (buf.length === 0) throw fail(lang, 'empty', { file });
  if (buf.length > MAX_UPLOAD_BYTES) throw fail(lang, 'tooBig', { file, size: (buf.length / 1024 / 1024).toFixed(1), max: MAX_UPLOAD_BYTES / 1024 / 1024 });
  if (isZip(buf)) return { sheets: await readXlsx(buf, file, lang, timeZone), notes: [], kind: 'xlsx' };
  if (isOle(buf)) throw fail(lang, 'xls', { file });
  const bin = sniffBinary(buf);
  if (bin) throw fail(lang, 'notSheet', { file, kind: bin });
  if (/\.(xlsx|xlsm|ods|numbers)$/i.test(file)) throw fail(lang, 'badXlsx', { file, detail: 'not a zip archive' });
  if (looksBinary(buf)) throw fail(lang, 'notSheet', { file, kind: lang === 'vi' ? 'dữ liệu nhị phân' : 'binary data' });
  const csv = parseCsvBuffer(buf, file, lang, locale);
  const notes = csv.encoding === 'utf-8' ? [] : [localize(lang, UPLOAD_MSG.decodedAs, { encoding: csv.encoding.toUpperCase() })];
  return { sheets: [{ name: sheetNameFromFile(file), values: csv.values, frozenRows: 1 }], notes, kind: 'csv' };
}

// ---------------------------------------------------------------------------------------------
// XLSX out

/** Sheets number pattern → Excel number format (dates use `mm` for months in Excel). */
export function toExcelFormat(fmt: string | null | undefined): string | undefined {
  if (!fmt || fmt === 'General') return undefined;
  if (fmt === '@') return '@';
  // Sheets writes months as MM, minutes as mm; Excel uses mm for both (by context).
  return fmt.replace(/M/g, 'm');
}

function pxToChars(px: number): number {
  return Math.max(4, Math.round((px / 7) * 10) / 10);
}

/**
 * Writes sheets to an XLSX buffer. Values keep their types (numbers, dates, booleans); every string
 * is written as a string cell (text starting with `=` stays text and is never a formula).
 */
export async function writeXlsx(sheets: BookSheet[], opts: { creator?: string; timeZone?: string } = {}): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = opts.creator ?? 'Target Customers (Khách hàng mục tiêu)';
  wb.created = new Date(0);
  wb.modified = new Date(0);
  const timeZone = opts.timeZone ?? 'Asia/Ho_Chi_Minh';
  const used = new Set<string>();
  for (const s of sheets) {
    let name = s.name.replace(/[[\]*?/\\:]/g, ' ').slice(0, 31) || 'Sheet';
    for (let k = 2; used.has(name.toLowerCase()); k++) name = `${name.slice(0, 28)} ${k}`;
    used.add(name.toLowerCase());
    const ws = wb.addWorksheet(name, {
      state: s.hidden ? 'hidden' : 'visible',
      views: s.frozenRows || s.frozenColumns ? [{ state: 'frozen', ySplit: s.frozenRows ?? 0, xSplit: s.frozenColumns ?? 0 }] : undefined,
    });
    s.columnWidths?.forEach((w, i) => {
      if (w) ws.getColumn(i + 1).width = pxToChars(w);
    });
    for (let r = 0; r < s.values.length; r++) {
      const row = s.values[r];
      for (let c = 0; c < row.length; c++) {
        const v = row[c];
        const bg = s.backgrounds?.[r]?.[c];
        const fmt = s.formats?.[r]?.[c] ?? s.columnFormats?.[c] ?? null;
        const bold = s.bold?.[r]?.[c];
        const color = s.fontColors?.[r]?.[c];
        const note = s.notes?.[r]?.[c];
        const hasStyle = (bg && bg.toLowerCase() !== '#ffffff') || fmt || bold || (color && color !== '#000000') || note;
        if ((v === '' || v === null || v === undefined) && !hasStyle) continue;
        const cell = ws.getCell(r + 1, c + 1);
        if (v instanceof Date) {
          // Excel has no time zones: write the wall-clock time of the spreadsheet zone.
          const f = new Intl.DateTimeFormat('en-US', {
            timeZone,
            hourCycle: 'h23',
            year: 'numeric',
            month: 'numeric',
            day: 'numeric',
            hour: 'numeric',
            minute: 'numeric',
            second: 'numeric',
          });
          const p: Record<string, number> = {};
          for (const part of f.formatToParts(v)) if (part.type !== 'literal') p[part.type] = Number(part.value);
          cell.value = new Date(Date.UTC(p.year, p.month - 1, p.day, p.hour % 24, p.minute, p.second));
          cell.numFmt = toExcelFormat(fmt) ?? 'dd/mm/yyyy';
        } else if (typeof v === 'string') {
          // A plain string cell; exceljs only writes a formula for `{ formula }` objects.
          cell.value = v;
          if (/^[=+\-@]/.test(v)) cell.numFmt = '@';
        } else if (v !== null && v !== undefined) {
          cell.value = v;
        }
        const xf = typeof v === 'string' ? undefined : toExcelFormat(fmt);
        if (xf && !(v instanceof Date)) cell.numFmt = xf;
        if (bg && bg.toLowerCase() !== '#ffffff') cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: `FF${bg.slice(1).toUpperCase()}` } };
        if (bold || (color && color !== '#000000')) cell.font = { bold: !!bold, color: color ? { argb: `FF${color.slice(1).toUpperCase()}` } : undefined };
        if (note) cell.note = note;
      }
    }
  }
  const out = await wb.xlsx.writeBuffer();
  return Buffer.from(out as ArrayBuffer);
}

function safeText(cell: ExcelJS.Cell): string {
  try {
    return cell.text;
  } catch {
    // exceljs throws on the text of a merged cell whose master is empty.
    return '';
  }
}

/** For tests: the cells of an XLSX as exceljs reads them back (type + value + fill). */
export async function inspectXlsx(buf: Uint8Array): Promise<
  {
    name: string;
    state: string;
    cells: { address: string; type: number; value: unknown; text: string; fill: string | null; numFmt: string | undefined; formula: string | undefined }[];
  }[]
> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength) as any);
  const out: any[] = [];
  wb.eachSheet((ws) => {
    const cells: any[] = [];
    ws.eachRow({ includeEmpty: false }, (row) => {
      row.eachCell({ includeEmpty: false }, (cell) => {
        cells.push({
          address: cell.address,
          type: cell.type,
          value: cell.value,
          text: safeText(cell),
          fill: cell.fill && (cell.fill as any).fgColor ? argbToHex((cell.fill as any).fgColor) : null,
          numFmt: cell.numFmt,
          formula: cell.formula,
        });
      });
    });
    out.push({ name: ws.name, state: ws.state, cells });
  });
  return out;
}

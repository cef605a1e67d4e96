/**
 * One playground workbook: the local Sheets stand-in holding the sheets, with the real
 * dist/Code.js loaded into it by gas-local. Server functions, menu items and custom functions all
 * run inside that script context; this file only moves data between it and the web page.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Lang, langFromLocale } from '../src/core/i18n';
import { convertTyped } from '../standin/convert';
import { createStandIn } from '../standin/index';
import type { SheetModel } from '../standin/model';
import type { CellView, ChartView, SheetView, StateView } from './api-types';
import { evaluateFormula, FormulaError, parseFormula } from './formula';
import { sampleSheets } from './sample-data';
import { type BookCell, type BookSheet, readUpload, writeXlsx } from './workbook-io';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '..');
const require = createRequire(import.meta.url);

export interface SessionOptions {
  /** Folder holding Code.js and Sidebar.html. Default `<root>/dist`. */
  distDir?: string;
  locale?: string;
  timeZone?: string;
  /** Sample data size (tests use smaller workbooks). */
  sample?: { customers?: number; orders?: number; seed?: number | string };
  /** Open these sheets instead of the sample data (the file runner). */
  workbook?: { name: string; sheets: BookSheet[] };
}

export interface RunResult {
  ok: boolean;
  value?: unknown;
  error?: { name: string; message: string };
}

/** Sheets the add-on creates (tabs get a marker). Kept loose: any sheet not loaded by the user. */
function jsonSafe(v: unknown): unknown {
  // What google.script.run does to return values: Dates and functions do not cross; undefined → null.
  return JSON.parse(JSON.stringify(v === undefined ? null : v));
}

export class PlaygroundSession {
  private standIn: any;
  private ctx: any;
  private opts: Required<Omit<SessionOptions, 'sample' | 'workbook'>> & { sample: SessionOptions['sample'] };
  private version = 0;
  private sidebarVersion = 0;
  private lastSidebar: unknown = null;
  private userSheets = new Set<string>();
  private fileName = 'Khách hàng mục tiêu — dữ liệu mẫu';

  private constructor(opts: SessionOptions) {
    this.opts = {
      distDir: opts.distDir ?? path.join(ROOT, 'dist'),
      locale: opts.locale ?? 'vi_VN',
      timeZone: opts.timeZone ?? 'Asia/Ho_Chi_Minh',
      sample: opts.sample,
    };
  }

  static async create(opts: SessionOptions = {}): Promise<PlaygroundSession> {
    const s = new PlaygroundSession(opts);
    if (opts.workbook) {
      s.fileName = opts.workbook.name;
      s.open(
        opts.workbook.name,
        opts.workbook.sheets.map((sh) => (sh.formats ? sh : s.typeCsvSheet(sh))),
      );
    } else s.loadSample();
    return s;
  }

  // ---- workbook lifecycle ----

  private loadSample() {
    const sheets = sampleSheets({ ...(this.opts.sample ?? {}), timeZone: this.opts.timeZone });
    this.fileName = this.opts.locale.startsWith('vi') ? 'Cửa hàng mẫu — Khách hàng mục tiêu' : 'Sample shop — Target Customers';
    this.open(
      this.fileName,
      sheets.map((s) => ({
        name: s.name,
        values: s.values as BookCell[][],
        columnFormats: s.formats,
        frozenRows: 1,
      })),
    );
  }

  async reset(): Promise<void> {
    this.loadSample();
  }

  /** Replaces the workbook with these sheets, loads dist/Code.js into it and runs onOpen. */
  private open(name: string, sheets: BookSheet[]) {
    const specs = sheets.map((s) => {
      const width = s.values.reduce((w, r) => Math.max(w, r.length), 0);
      const numberFormats: (string | null)[][] = [];
      const values: unknown[][] = s.values.map((row, ri) =>
        row.map((v, ci) => {
          const fmt = s.formats?.[ri]?.[ci] ?? (ri > 0 ? s.columnFormats?.[ci] : null) ?? null;
          if (fmt) {
            if (!numberFormats[ri]) numberFormats[ri] = [];
            numberFormats[ri][ci] = fmt;
          }
          return v === null ? '' : v;
        }),
      );
      return {
        name: s.name,
        values,
        numberFormats,
        raw: true,
        frozenRows: s.frozenRows ?? 1,
        hidden: s.hidden,
        maxRows: Math.max(1000, s.values.length + 100),
        maxColumns: Math.max(26, width + 10),
      };
    });
    this.standIn = createStandIn({
      name,
      locale: this.opts.locale,
      timeZone: this.opts.timeZone,
      sheets: specs,
      htmlDir: this.opts.distDir,
      authMode: 'FULL',
    });
    this.userSheets = new Set(sheets.map((s) => s.name));
    const gas = require('gas-local');
    this.ctx = gas.require(this.opts.distDir, this.standIn.globals, { filter: (f: string) => path.basename(f) === 'Code.js' });
    this.standIn.setFormulaEvaluator((sheet: string, row: number, col: number, formula: string) => this.evaluate(sheet, row, col, formula));
    // Sheets runs onOpen when the document opens: it builds the add-on menu.
    if (typeof this.ctx.onOpen === 'function') this.ctx.onOpen({ authMode: this.standIn.globals.ScriptApp?.AuthMode?.FULL ?? 'FULL' });
    this.version++;
  }

  async loadUpload(buf: Buffer, file: string, lang: Lang): Promise<string[]> {
    const up = await readUpload(new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength), file, lang, this.opts.timeZone, this.opts.locale);
    const sheets = up.sheets.map((s) => (up.kind === 'csv' ? this.typeCsvSheet(s) : s));
    this.fileName = file.replace(/\.[A-Za-z0-9]{1,5}$/, '');
    this.open(this.fileName, sheets);
    this.closeSidebar();
    return up.notes;
  }

  /**
   * CSV cells arrive as text (plain numbers already converted). Dates are converted as Sheets'
   * import does (so they display and sort as dates); anything that looks like a formula stays text.
   */
  private typeCsvSheet(s: BookSheet): BookSheet {
    const formats: (string | null)[][] = [];
    const values = s.values.map((row, ri) =>
      row.map((v, ci) => {
        if (ri === 0 || typeof v !== 'string' || v === '' || /^[=+@'-]/.test(v.trim())) return v;
        if (!/^\s*\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}(\s+\d{1,2}:\d{2}(:\d{2})?)?\s*$/.test(v)) return v;
        const typed = convertTyped(v.trim(), this.opts.locale, this.opts.timeZone);
        if (Object.prototype.toString.call(typed.value) === '[object Date]') {
          if (!formats[ri]) formats[ri] = [];
          formats[ri][ci] = typed.format ?? 'dd/MM/yyyy';
          return typed.value as Date;
        }
        return v;
      }),
    );
    return { ...s, values, formats };
  }

  // ---- the script ----

  run(fn: string, args: unknown[]): RunResult {
    if (!/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(fn) || fn.endsWith('_')) return { ok: false, error: { name: 'Error', message: `Script function not found: ${fn}` } };
    const f = this.ctx[fn];
    if (typeof f !== 'function') return { ok: false, error: { name: 'Error', message: `Script function not found: ${fn}` } };
    try {
      const value = f.apply(null, jsonSafe(args) as unknown[]);
      this.version++;
      return { ok: true, value: jsonSafe(value) };
    } catch (e) {
      this.version++;
      const err = e as Error;
      return { ok: false, error: { name: err?.name || 'Error', message: err?.message || String(e) } };
    }
  }

  runMenu(fn: string): RunResult {
    const menu = this.menuView();
    // Only what the add-on registered in its menu can be clicked.
    if (!menu?.items.some((it) => it.fn === fn)) return { ok: false, error: { name: 'Error', message: `No menu item runs ${fn}` } };
    return this.run(fn, []);
  }

  private sidebarRecord(): any {
    const ui = this.standIn.ui;
    return ui?.sidebar ?? null;
  }

  sidebarHtml(): string | null {
    const sb = this.sidebarRecord();
    if (!sb) return null;
    return typeof sb.html === 'string' ? sb.html : typeof sb.getContent === 'function' ? sb.getContent() : String(sb.content ?? '');
  }

  closeSidebar() {
    const ui = this.standIn.ui;
    if (ui && 'sidebar' in ui) ui.sidebar = null;
  }

  // ---- formulas ----

  private evaluate(sheet: string, _row: number, _col: number, formula: string): unknown {
    const lang: Lang = langFromLocale(this.opts.locale);
    const call = parseFormula(formula, lang, /^(vi|de|fr|es|it|pt|ru|id|nl)/i.test(this.opts.locale));
    const ss = this.standIn.globals.SpreadsheetApp.getActiveSpreadsheet();
    return evaluateFormula(call, {
      lang,
      fn: (name) => {
        const f = this.ctx[name];
        return typeof f === 'function' ? f : undefined;
      },
      range: (sheetName, ref) => {
        const sh = sheetName ? ss.getSheetByName(sheetName) : ss.getSheetByName(sheet);
        if (!sh) throw new FormulaError(`Unresolved sheet name '${sheetName}'.`);
        const rg = sh.getRange(ref);
        const values = rg.getValues();
        return values.length === 1 && values[0].length === 1 && !ref.includes(':') ? values[0][0] : values;
      },
    });
  }

  setCell(sheetName: string, row: number, col: number, input: string): RunResult {
    const sh = this.model().sheetByName(sheetName);
    if (!sh) return { ok: false, error: { name: 'Error', message: `No sheet named "${sheetName}"` } };
    if (!Number.isInteger(row) || !Number.isInteger(col) || row < 1 || col < 1 || row > sh.maxRows || col > sh.maxColumns)
      return { ok: false, error: { name: 'Error', message: 'That cell is outside the sheet.' } };
    // As if typed by the user: `=…` is a formula, the rest is converted by the locale.
    this.standIn.globals.SpreadsheetApp.getActiveSpreadsheet().getSheetByName(sheetName).getRange(row, col).setValue(input);
    this.model().ensureCalculated();
    this.version++;
    const err = sh.errors.get(cellA1(row, col));
    return err ? { ok: false, error: { name: 'Error', message: err } } : { ok: true };
  }

  // ---- views ----

  private model(): any {
    return this.standIn.workbook;
  }

  state(): StateView {
    const m = this.model();
    m.ensureCalculated();
    const menu = this.menuView();
    const sb = this.sidebarRecord();
    if (sb && sb !== this.lastSidebar) this.sidebarVersion++;
    this.lastSidebar = sb;
    return {
      name: m.name,
      locale: m.locale,
      timeZone: m.timeZone,
      sheets: m.sheets
        .filter((s: SheetModel) => !s.deleted)
        .map((s: SheetModel) => ({ name: s.name, rows: s.lastRow(), cols: s.lastColumn(), hidden: s.hidden, addOn: !this.userSheets.has(s.name) })),
      activeSheet: m.sheets.length ? m.activeSheet().name : '',
      menu,
      sidebar: sb ? { title: String(sb.title ?? ''), version: this.sidebarVersion } : null,
      toasts: (this.standIn.ui?.toasts ?? []).slice(-3).map((t: any) => ({ title: String(t.title ?? ''), message: String(t.message ?? '') })),
      version: this.version,
    };
  }

  private menuView(): StateView['menu'] {
    const ui = this.standIn.ui;
    const menus: any[] = ui?.menus ?? [];
    const addon = menus.find((mn) => mn.addon) ?? menus[0];
    if (!addon) return null;
    return {
      title: String(addon.title ?? addon.name ?? 'Target Customers'),
      items: (addon.items ?? []).map((it: any) =>
        it.separator ? { label: '', fn: '', separator: true } : { label: String(it.caption ?? it.label), fn: String(it.functionName ?? it.fn) },
      ),
    };
  }

  sheetView(name: string, offset: number, limit: number): SheetView | null {
    const m = this.model();
    m.ensureCalculated();
    const sh: SheetModel | undefined = m.sheetByName(name);
    if (!sh) return null;
    // Like Sheets, show a few blank rows and columns past the data, to type into.
    const rows = Math.min(sh.maxRows, Math.max(sh.lastRow() + 20, 50));
    const cols = Math.min(sh.maxColumns, Math.max(sh.lastColumn() + 4, 10));
    const cell = (r: number, c: number): CellView | null => {
      const v = sh.get(r, c);
      const f = sh.formula(r, c);
      const bg = sh.fmt('background', r, c) as string | undefined;
      const fc = sh.fmt('fontColor', r, c) as string | undefined;
      const fw = sh.fmt('fontWeight', r, c);
      const fs = sh.fmt('fontStyle', r, c);
      const note = sh.fmt('note', r, c) as string | undefined;
      const ha = sh.fmt('horizontalAlignment', r, c) as string | undefined;
      const wrap = sh.fmt('wrap', r, c);
      if (v === '' && !f && !bg && !note) return null;
      const out: CellView = { d: m.display(v, sh.fmt('numberFormat', r, c)) };
      if (f) out.f = f;
      if (bg && bg !== '#ffffff') out.bg = bg;
      if (fc && fc !== '#000000') out.fc = fc;
      if (fw === 'bold') out.b = true;
      if (fs === 'italic') out.i = true;
      if (typeof v === 'number' || typeof v === 'object') out.num = true;
      if (ha) out.ha = String(ha).toLowerCase().replace('normal', 'left');
      if (wrap === true) out.wrap = true;
      if (note) out.n = note;
      const err = sh.errors.get(cellA1(r, c));
      if (err) out.err = err;
      return out;
    };
    const rowCells = (r: number) => {
      const out: (CellView | null)[] = [];
      for (let c = 1; c <= cols; c++) out.push(cell(r, c));
      return out;
    };
    const cells: (CellView | null)[][] = [];
    for (let r = offset + 1; r <= Math.min(rows, offset + limit); r++) cells.push(rowCells(r));
    const frozen: (CellView | null)[][] = [];
    for (let r = 1; r <= Math.min(sh.frozenRows, rows); r++) frozen.push(rowCells(r));
    const colWidths: number[] = [];
    for (let c = 1; c <= cols; c++) colWidths.push(sh.columnWidths[c - 1] ?? 100);
    return {
      name: sh.name,
      rows,
      lastRow: sh.lastRow(),
      cols,
      offset,
      frozenRows: sh.frozenRows,
      frozenColumns: sh.frozenColumns,
      colWidths,
      cells,
      frozen,
      charts: this.chartViews(sh),
    };
  }

  private chartViews(sh: SheetModel): ChartView[] {
    const m = this.model();
    const out: ChartView[] = [];
    for (const ch of sh.charts) {
      const labels: string[] = [];
      const values: number[] = [];
      const display: string[] = [];
      const rg = ch.ranges[0];
      const src: SheetModel | undefined = rg ? m.sheetById(rg.sheetId) : undefined;
      if (src && rg) {
        const { r, c, h, w } = rg.rect;
        const startRow = r + Math.max(ch.numHeaders, 0);
        for (let i = startRow; i < r + h; i++) {
          const label = src.get(i, c);
          const val = w > 1 ? src.get(i, c + 1) : src.get(i, c);
          if (label === '' && val === '') continue;
          labels.push(m.display(label, src.fmt('numberFormat', i, c)));
          values.push(typeof val === 'number' ? val : Number(val) || 0);
          display.push(m.display(val, src.fmt('numberFormat', i, w > 1 ? c + 1 : c)));
        }
      }
      const colors = Array.isArray((ch.options as any).colors) ? ((ch.options as any).colors as string[]) : [];
      out.push({ type: ch.type, title: String((ch.options as any).title ?? ''), labels, values, display, colors });
    }
    return out;
  }

  // ---- export ----

  fileBaseName(): string {
    return this.fileName.replace(/[\\/:*?"<>|]/g, ' ').trim() || 'workbook';
  }

  /** The workbook as BookSheets with display formats, colours, bold, notes, frozen rows. */
  bookSheets(): BookSheet[] {
    const m = this.model();
    m.ensureCalculated();
    return m.sheets
      .filter((s: SheetModel) => !s.deleted)
      .map((sh: SheetModel) => {
        const rows = sh.lastRow();
        const cols = sh.lastColumn();
        const values: BookCell[][] = [];
        const formats: (string | null)[][] = [];
        const backgrounds: (string | null)[][] = [];
        const bold: boolean[][] = [];
        const fontColors: (string | null)[][] = [];
        const notes: (string | null)[][] = [];
        for (let r = 1; r <= rows; r++) {
          const vr: BookCell[] = [];
          const fr: (string | null)[] = [];
          const br: (string | null)[] = [];
          const bo: boolean[] = [];
          const fcr: (string | null)[] = [];
          const nr: (string | null)[] = [];
          for (let c = 1; c <= cols; c++) {
            const v = sh.get(r, c);
            vr.push(typeof v === 'object' ? new Date(v.getTime()) : v);
            fr.push((sh.fmt('numberFormat', r, c) as string) ?? null);
            br.push((sh.fmt('background', r, c) as string) ?? null);
            bo.push(sh.fmt('fontWeight', r, c) === 'bold');
            fcr.push((sh.fmt('fontColor', r, c) as string) ?? null);
            nr.push((sh.fmt('note', r, c) as string) ?? null);
          }
          values.push(vr);
          formats.push(fr);
          backgrounds.push(br);
          bold.push(bo);
          fontColors.push(fcr);
          notes.push(nr);
        }
        const columnWidths: (number | null)[] = [];
        for (let c = 1; c <= cols; c++) columnWidths.push(sh.columnWidths[c - 1] ?? null);
        return {
          name: sh.name,
          values,
          formats,
          backgrounds,
          bold,
          fontColors,
          notes,
          frozenRows: sh.frozenRows,
          frozenColumns: sh.frozenColumns,
          hidden: sh.hidden,
          columnWidths,
        };
      });
  }

  async exportXlsx(): Promise<Buffer> {
    return writeXlsx(this.bookSheets(), { timeZone: this.opts.timeZone });
  }

  /** For tests. */
  get script(): any {
    return this.ctx;
  }
  get stand(): any {
    return this.standIn;
  }
}

function cellA1(r: number, c: number): string {
  let s = '';
  let n = c;
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = Math.floor((n - 1) / 26);
  }
  return `${s}${r}`;
}

export function distExists(distDir = path.join(ROOT, 'dist')): boolean {
  return fs.existsSync(path.join(distDir, 'Code.js'));
}

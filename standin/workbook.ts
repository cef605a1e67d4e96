/**
 * The workbook model: sheets, developer metadata, named ranges, formula recalculation, and the
 * conversions applied when values are written (typed input) and read (dates by number format).
 */
import { langFromLocale } from '../src/core/i18n';
import { parseA1, toA1 } from './a1';
import { ModelError } from './context';
import { convertTyped } from './convert';
import { defaultDateFormat, formatValue, isDateFormat, isNumberFormat } from './format';
import {
  cellA1,
  FORMAT_KEYS,
  jsonCell,
  type MetadataModel,
  type Rect,
  rectA1,
  SheetModel,
  type SheetSpec,
  type Stored,
  shiftSpan,
  type WorkbookJSON,
} from './model';
import { civil, msToSerial, serialToMs } from './time';

export { ModelError };

export type FormulaEvaluator = (sheet: string, row: number, col: number, formula: string) => unknown;

export const MAX_CELL_CHARS = 50_000;
export const MAX_CELLS = 10_000_000;
export const METADATA_CHAR_LIMIT = 30_000;

export class WorkbookModel {
  sheets: SheetModel[] = [];
  metadata: MetadataModel[] = [];
  namedRanges = new Map<string, { sheetId: number; rect: Rect }>();
  activeSheetId: number | null = null;
  activeRange: { sheetId: number; rect: Rect } | null = null;
  private nextSheetId = 0;
  private nextMetaId = 1;
  nextObjectId = 1;
  /** Set when a write may have changed a formula's result; reads recalculate first. */
  dirty = false;
  hasFormulas = false;
  private calculating = false;
  evaluator: FormulaEvaluator | null = null;
  /** Runs the evaluator (the stand-in wraps it so its service calls are not counted as the script's). */
  runEvaluator: (fn: () => unknown) => unknown = (fn) => fn();

  constructor(
    public id: string,
    public name: string,
    public locale: string,
    public timeZone: string,
  ) {}

  // ---- sheets ----

  defaultSheetName(): string {
    const base = langFromLocale(this.locale) === 'vi' ? 'Trang tính' : 'Sheet';
    let n = this.sheets.length + 1;
    while (this.sheetByName(`${base}${n}`)) n++;
    return `${base}${n}`;
  }

  sheetByName(name: string): SheetModel | undefined {
    return this.sheets.find((s) => s.name === name);
  }

  sheetById(id: number): SheetModel | undefined {
    return this.sheets.find((s) => s.id === id);
  }

  activeSheet(): SheetModel {
    const s = this.activeSheetId === null ? undefined : this.sheetById(this.activeSheetId);
    return s ?? this.sheets.find((x) => !x.hidden) ?? this.sheets[0];
  }

  /** Adds a sheet; errors mirror Sheets. */
  addSheet(name: string | undefined, index: number | undefined, rows = 1000, cols = 26): SheetModel {
    const n = name === undefined || name === null ? this.defaultSheetName() : String(name);
    if (this.sheetByName(n) || this.sheets.some((s) => s.name.toLowerCase() === n.toLowerCase()))
      throw new ModelError(`A sheet with the name "${n}" already exists. Please enter another name.`);
    if (n.length > 100) throw new ModelError('Sheet name must not exceed 100 characters.');
    if (index !== undefined && (index < 0 || index > this.sheets.length || !Number.isInteger(index)))
      throw new ModelError(`The sheet index must be between 0 and ${this.sheets.length}.`);
    this.checkCellQuota(rows * cols);
    const sh = new SheetModel(this.nextSheetId++, n, rows, cols);
    if (index === undefined) this.sheets.push(sh);
    else this.sheets.splice(index, 0, sh);
    return sh;
  }

  removeSheet(sh: SheetModel): void {
    const visible = this.sheets.filter((s) => !s.hidden && s !== sh);
    if (this.sheets.length <= 1 || visible.length === 0) throw new ModelError("You can't remove all the sheets in a document.");
    this.sheets = this.sheets.filter((s) => s !== sh);
    sh.deleted = true;
    this.metadata = this.metadata.filter((m) => {
      const gone = m.location.type !== 'SPREADSHEET' && m.location.sheetId === sh.id;
      if (gone) m.removed = true;
      return !gone;
    });
    for (const [k, v] of this.namedRanges) if (v.sheetId === sh.id) this.namedRanges.delete(k);
    for (const s of this.sheets) for (const ch of s.charts) ch.ranges = ch.ranges.filter((r) => r.sheetId !== sh.id);
    if (this.activeSheetId === sh.id) this.activeSheetId = (this.sheets.find((s) => !s.hidden) ?? this.sheets[0]).id;
    this.dirty = this.hasFormulas;
  }

  renameSheet(sh: SheetModel, name: string): void {
    const n = String(name);
    if (n === sh.name) return;
    if (!n.trim()) throw new ModelError('Sheet names cannot be empty.');
    if (this.sheets.some((s) => s !== sh && s.name.toLowerCase() === n.toLowerCase()))
      throw new ModelError(`A sheet with the name "${n}" already exists. Please enter another name.`);
    sh.name = n;
  }

  totalCells(): number {
    return this.sheets.reduce((a, s) => a + s.maxRows * s.maxColumns, 0);
  }

  checkCellQuota(extra: number): void {
    if (this.totalCells() + extra > MAX_CELLS)
      throw new ModelError('This action would increase the number of cells in the workbook above the limit of 10000000 cells.');
  }

  // ---- structure, with metadata and named ranges following ----

  insertRows(sh: SheetModel, at: number, n: number): void {
    this.checkCellQuota(n * sh.maxColumns);
    sh.insertRows(at, n);
    this.shiftAnchors(sh, 'ROW', at, n);
    this.dirty = this.hasFormulas;
  }

  deleteRows(sh: SheetModel, at: number, n: number): void {
    sh.deleteRows(at, n);
    this.shiftAnchors(sh, 'ROW', at, -n);
    this.dirty = this.hasFormulas;
  }

  insertColumns(sh: SheetModel, at: number, n: number): void {
    this.checkCellQuota(n * sh.maxRows);
    sh.insertColumns(at, n);
    this.shiftAnchors(sh, 'COLUMN', at, n);
    this.dirty = this.hasFormulas;
  }

  deleteColumns(sh: SheetModel, at: number, n: number): void {
    sh.deleteColumns(at, n);
    this.shiftAnchors(sh, 'COLUMN', at, -n);
    this.dirty = this.hasFormulas;
  }

  moveColumns(sh: SheetModel, start: number, count: number, dest: number): void {
    const map = sh.moveColumns(start, count, dest);
    for (const m of this.metadata) if (m.location.type === 'COLUMN' && m.location.sheetId === sh.id) m.location.index = map(m.location.index);
    for (const nr of this.namedRanges.values()) if (nr.sheetId === sh.id && nr.rect.w === 1) nr.rect.c = map(nr.rect.c);
    this.dirty = this.hasFormulas;
  }

  moveRows(sh: SheetModel, start: number, count: number, dest: number): void {
    const map = sh.moveRows(start, count, dest);
    for (const m of this.metadata) if (m.location.type === 'ROW' && m.location.sheetId === sh.id) m.location.index = map(m.location.index);
    for (const nr of this.namedRanges.values()) if (nr.sheetId === sh.id && nr.rect.h === 1) nr.rect.r = map(nr.rect.r);
    this.dirty = this.hasFormulas;
  }

  private shiftAnchors(sh: SheetModel, type: 'ROW' | 'COLUMN', at: number, n: number): void {
    this.metadata = this.metadata.filter((m) => {
      if (m.location.type !== type || m.location.sheetId !== sh.id) return true;
      const res = shiftSpan(m.location.index, 1, at, n);
      if (!res) {
        m.removed = true;
        return false;
      }
      m.location.index = res[0];
      return true;
    });
    for (const [name, nr] of this.namedRanges) {
      if (nr.sheetId !== sh.id) continue;
      const start = type === 'ROW' ? nr.rect.r : nr.rect.c;
      const size = type === 'ROW' ? nr.rect.h : nr.rect.w;
      const res = shiftSpan(start, size, at, n);
      if (!res) this.namedRanges.delete(name);
      else if (type === 'ROW') [nr.rect.r, nr.rect.h] = res;
      else [nr.rect.c, nr.rect.w] = res;
    }
    for (const s of this.sheets)
      for (const ch of s.charts)
        for (const rg of ch.ranges) {
          if (rg.sheetId !== sh.id) continue;
          const start = type === 'ROW' ? rg.rect.r : rg.rect.c;
          const size = type === 'ROW' ? rg.rect.h : rg.rect.w;
          const res = shiftSpan(start, size, at, n);
          if (!res) continue;
          if (type === 'ROW') [rg.rect.r, rg.rect.h] = res;
          else [rg.rect.c, rg.rect.w] = res;
        }
  }

  // ---- developer metadata ----

  addMetadata(key: string, value: string | null, visibility: 'DOCUMENT' | 'PROJECT', location: MetadataModel['location']): MetadataModel {
    if (typeof key !== 'string' || key.length === 0) throw new ModelError('Invalid argument: key');
    const md: MetadataModel = { id: this.nextMetaId++, key, value, visibility, location, removed: false };
    this.checkMetadataQuota(location, key.length + (value?.length ?? 0));
    this.metadata.push(md);
    return md;
  }

  /** Sheets limits developer metadata to 30,000 characters for the spreadsheet and for each sheet. */
  checkMetadataQuota(location: MetadataModel['location'], extra: number, except?: MetadataModel): void {
    const scope = location.type === 'SPREADSHEET' ? null : location.sheetId;
    let used = extra;
    for (const m of this.metadata) {
      if (m === except) continue;
      const s = m.location.type === 'SPREADSHEET' ? null : m.location.sheetId;
      if (s === scope) used += m.key.length + (m.value?.length ?? 0);
    }
    if (used > METADATA_CHAR_LIMIT)
      throw new ModelError(
        `Developer metadata storage quota exceeded: the ${scope === null ? 'spreadsheet' : 'sheet'} may hold at most ${METADATA_CHAR_LIMIT} characters of metadata keys and values.`,
      );
  }

  removeMetadata(md: MetadataModel): void {
    md.removed = true;
    this.metadata = this.metadata.filter((m) => m !== md);
  }

  // ---- writing values (typed input) ----

  /**
   * Stores `v` into (r, c) the way Sheets stores a value written by setValue(s): see convert.ts.
   * `numberFormat` is the cell's current format (passed in so callers can fetch it per row).
   */
  writeCell(sh: SheetModel, r: number, c: number, v: unknown, numberFormat: unknown): void {
    const fr = sh.formulas[r - 1];
    if (fr?.[c - 1]) fr[c - 1] = undefined;
    if (v === null || v === undefined || v === '') {
      sh.put(r, c, '');
      return;
    }
    const t = typeof v;
    if (t === 'number') {
      sh.put(r, c, Number.isFinite(v) ? (v as number) : '#NUM!');
      return;
    }
    if (t === 'boolean') {
      sh.put(r, c, v as boolean);
      return;
    }
    if (t === 'string') {
      const s = v as string;
      if (s.length > MAX_CELL_CHARS) throw new ModelError(`Your input contains more than the maximum of ${MAX_CELL_CHARS} characters in a single cell.`);
      if (numberFormat === '@') {
        sh.put(r, c, s);
        return;
      }
      const c0 = s.charCodeAt(0);
      if (c0 === 61 /* = */ && s.length > 1) {
        sh.setFormula(r, c, s);
        sh.put(r, c, '');
        this.hasFormulas = true;
        this.dirty = true;
        return;
      }
      if (c0 === 39 /* ' */) {
        sh.put(r, c, s.slice(1));
        return;
      }
      const typed = convertTyped(s, this.locale, this.timeZone);
      sh.put(r, c, typed.value);
      if (typed.format && (numberFormat === undefined || numberFormat === 'General')) sh.setFmt('numberFormat', r, c, typed.format);
      return;
    }
    if (Object.prototype.toString.call(v) === '[object Date]') {
      const ms = (v as Date).getTime();
      if (!Number.isFinite(ms)) {
        sh.put(r, c, '');
        return;
      }
      sh.put(r, c, new Date(ms));
      if (numberFormat === undefined || numberFormat === 'General') {
        const cv = civil(ms, this.timeZone);
        sh.setFmt('numberFormat', r, c, defaultDateFormat(this.locale, cv.h !== 0 || cv.mi !== 0 || cv.s !== 0));
      }
      return;
    }
    sh.put(r, c, String(v));
  }

  /** The value getValues returns for a stored value under a number format (dates ↔ serials). */
  readCell(v: Stored, numberFormat: unknown, makeDate: (ms: number) => Date): string | number | boolean | Date {
    if (typeof v === 'object') {
      if (typeof numberFormat === 'string' && isNumberFormat(numberFormat)) return msToSerial(v.getTime(), this.timeZone);
      return makeDate(v.getTime());
    }
    if (typeof v === 'number' && typeof numberFormat === 'string' && numberFormat !== 'General' && isDateFormat(numberFormat))
      return makeDate(serialToMs(v, this.timeZone));
    return v;
  }

  display(v: Stored, numberFormat: unknown): string {
    return formatValue(v, typeof numberFormat === 'string' ? numberFormat : undefined, this.locale, this.timeZone);
  }

  // ---- formulas ----

  /** Recalculates every formula when a write may have changed results. */
  ensureCalculated(): void {
    if (this.dirty && !this.calculating) this.recalculate();
  }

  recalculate(): void {
    if (this.calculating) return;
    this.calculating = true;
    this.dirty = false;
    try {
      for (const sh of this.sheets) {
        for (const sp of sh.spills)
          for (let r = sp.r; r < sp.r + sp.h; r++) for (let c = sp.c; c < sp.c + sp.w; c++) if (r !== sp.r || c !== sp.c) sh.put(r, c, '');
        sh.spills = [];
        sh.errors.clear();
      }
      let any = false;
      for (const sh of this.sheets) {
        const spilled = new Set<number>();
        for (let ri = 0; ri < sh.formulas.length; ri++) {
          const row = sh.formulas[ri];
          if (!row) continue;
          for (let ci = 0; ci < row.length; ci++) {
            const f = row[ci];
            if (!f) continue;
            any = true;
            this.evaluateCell(sh, ri + 1, ci + 1, f, spilled);
          }
        }
      }
      this.hasFormulas = any;
    } finally {
      this.calculating = false;
    }
  }

  private evaluateCell(sh: SheetModel, r: number, c: number, f: string, spilled: Set<number>): void {
    const a1 = cellA1(r, c);
    let result: unknown;
    if (!this.evaluator) {
      result = '#NAME?';
      sh.errors.set(a1, `Unknown function: no formula evaluator is plugged into the stand-in for ${f}`);
    } else {
      try {
        const ev = this.evaluator;
        result = this.runEvaluator(() => ev(sh.name, r, c, f));
      } catch (e) {
        result = '#ERROR!';
        sh.errors.set(a1, e instanceof Error || (e && typeof (e as Error).message === 'string') ? (e as Error).message : String(e));
      }
    }
    if (Array.isArray(result)) {
      let grid = result as unknown[][];
      if (grid.length > 0 && !Array.isArray(grid[0])) grid = [grid as unknown[]];
      if (grid.length === 0 || grid.every((row) => !Array.isArray(row) || row.length === 0)) {
        sh.put(r, c, '#N/A');
        sh.errors.set(a1, 'The formula returned an empty array.');
        return;
      }
      const h = grid.length;
      const w = Math.max(...grid.map((row) => (Array.isArray(row) ? row.length : 1)));
      if (h * w > 1) {
        let blocker: string | null = null;
        if (r + h - 1 > sh.maxRows || c + w - 1 > sh.maxColumns) blocker = 'the edge of the sheet';
        for (let i = 0; i < h && !blocker; i++)
          for (let j = 0; j < w && !blocker; j++) {
            if (i === 0 && j === 0) continue;
            if (sh.filled(r + i, c + j) || spilled.has((r + i) * 100_000 + c + j)) blocker = cellA1(r + i, c + j);
          }
        if (blocker) {
          sh.put(r, c, '#REF!');
          sh.errors.set(a1, `Array result was not expanded because it would overwrite data in ${blocker}.`);
          return;
        }
        for (let i = 0; i < h; i++)
          for (let j = 0; j < w; j++) {
            const row = grid[i];
            const v = Array.isArray(row) ? row[j] : j === 0 ? row : '';
            sh.put(r + i, c + j, this.normalizeResult(v));
            if (i || j) spilled.add((r + i) * 100_000 + c + j);
          }
        sh.spills.push({ r, c, h, w });
        return;
      }
      result = Array.isArray(grid[0]) ? grid[0][0] : grid[0];
    }
    sh.put(r, c, this.normalizeResult(result));
  }

  private normalizeResult(v: unknown): Stored {
    if (v === null || v === undefined) return '';
    if (typeof v === 'number') return Number.isFinite(v) ? v : '#NUM!';
    if (typeof v === 'string' || typeof v === 'boolean') return v;
    if (Object.prototype.toString.call(v) === '[object Date]') return new Date((v as Date).getTime());
    return String(v);
  }

  // ---- JSON ----

  toJSON(opts: { display?: boolean } = {}): WorkbookJSON {
    this.ensureCalculated();
    const sheets = this.sheets.map((sh, index) => {
      const lastRow = sh.lastRow();
      const lastColumn = sh.lastColumn();
      const values: ReturnType<typeof jsonCell>[][] = [];
      for (let r = 1; r <= lastRow; r++) {
        const row: ReturnType<typeof jsonCell>[] = [];
        for (let c = 1; c <= lastColumn; c++) row.push(jsonCell(sh.get(r, c)));
        values.push(row);
      }
      const formulas: Record<string, string> = {};
      sh.formulas.forEach((row, ri) => {
        row?.forEach((f, ci) => {
          if (f) formulas[cellA1(ri + 1, ci + 1)] = f;
        });
      });
      const formats: Record<string, Record<string, unknown>> = {};
      for (const k of FORMAT_KEYS) {
        const layer = sh.formats[k];
        if (!layer) continue;
        const m: Record<string, unknown> = {};
        layer.forEach((row, ri) => {
          row?.forEach((v, ci) => {
            if (v !== undefined) m[cellA1(ri + 1, ci + 1)] = v;
          });
        });
        if (Object.keys(m).length) formats[k] = m;
      }
      const sparse = (arr: (number | undefined)[]) => {
        const o: Record<number, number> = {};
        arr.forEach((v, i) => {
          if (v !== undefined) o[i + 1] = v;
        });
        return o;
      };
      const flags = (arr: (boolean | undefined)[]) => {
        const o: number[] = [];
        arr.forEach((v, i) => {
          if (v) o.push(i + 1);
        });
        return o;
      };
      const json: WorkbookJSON['sheets'][number] = {
        id: sh.id,
        name: sh.name,
        index: index + 1,
        hidden: sh.hidden,
        tabColor: sh.tabColor,
        maxRows: sh.maxRows,
        maxColumns: sh.maxColumns,
        frozenRows: sh.frozenRows,
        frozenColumns: sh.frozenColumns,
        lastRow,
        lastColumn,
        values,
        formulas,
        formats,
        merges: sh.merges.map(rectA1),
        columnWidths: sparse(sh.columnWidths),
        rowHeights: sparse(sh.rowHeights),
        hiddenRows: flags(sh.hiddenRows),
        hiddenColumns: flags(sh.hiddenColumns),
        hiddenGridlines: sh.hiddenGridlines,
        protections: sh.protections.map((p) => ({
          type: p.type,
          range: p.rect ? rectA1(p.rect) : null,
          description: p.description,
          warningOnly: p.warningOnly,
          unprotected: p.unprotected.map(rectA1),
        })),
        conditionalFormats: sh.cfRules.map((rule) => ({ ranges: rule.ranges.map(rectA1), condition: { ...rule.condition } })),
        charts: sh.charts.map((ch) => ({
          type: ch.type,
          ranges: ch.ranges.map((rg) => `${this.sheetById(rg.sheetId)?.name ?? '?'}!${rectA1(rg.rect)}`),
          position: { ...ch.position },
          options: { ...ch.options },
          numHeaders: ch.numHeaders,
          transpose: ch.transpose,
        })),
        filter: sh.filter ? rectA1(sh.filter) : null,
        borders: sh.borders.map(({ rect, ...rest }) => ({ range: rectA1(rect), ...rest })),
        errors: Object.fromEntries(sh.errors),
      };
      if (opts.display) {
        json.display = [];
        for (let r = 1; r <= lastRow; r++) {
          const row: string[] = [];
          for (let c = 1; c <= lastColumn; c++) row.push(this.display(sh.get(r, c), sh.fmt('numberFormat', r, c)));
          json.display.push(row);
        }
      }
      return json;
    });
    const loc = (m: MetadataModel): string => {
      const l = m.location;
      if (l.type === 'SPREADSHEET') return 'SPREADSHEET';
      const name = this.sheetById(l.sheetId)?.name ?? '?';
      if (l.type === 'SHEET') return `SHEET ${name}`;
      return l.type === 'ROW' ? `ROW ${name}!${l.index}` : `COLUMN ${name}!${toA1(1, l.index, 1, 1).replace(/\d+$/, '')}`;
    };
    const developerMetadata = this.metadata
      .map((m) => ({ key: m.key, value: m.value, visibility: m.visibility, location: loc(m) }))
      .sort((a, b) => (a.location + a.key + a.value < b.location + b.key + b.value ? -1 : a.location + a.key + a.value > b.location + b.key + b.value ? 1 : 0));
    const namedRanges: Record<string, string> = {};
    for (const [k, v] of this.namedRanges) namedRanges[k] = `${this.sheetById(v.sheetId)?.name ?? '?'}!${rectA1(v.rect)}`;
    return {
      id: this.id,
      name: this.name,
      locale: this.locale,
      timeZone: this.timeZone,
      activeSheet: this.sheets.length ? this.activeSheet().name : null,
      sheets,
      developerMetadata,
      namedRanges,
    };
  }

  // ---- loading ----

  loadSheet(spec: SheetSpec): SheetModel {
    const values = spec.values ?? [];
    const width = values.reduce((a, r) => Math.max(a, r.length), 0);
    const rows = spec.maxRows ?? Math.max(1000, values.length);
    const cols = spec.maxColumns ?? Math.max(26, width);
    if (values.length > rows || width > cols) throw new ModelError(`Sheet "${spec.name}": the values do not fit in ${rows} x ${cols}.`);
    const sh = this.addSheet(spec.name, undefined, rows, cols);
    if (spec.columnFormats)
      for (const [col, f] of Object.entries(spec.columnFormats)) for (let r = 1; r <= rows; r++) sh.setFmt('numberFormat', r, Number(col), f);
    spec.numberFormats?.forEach((row, ri) => {
      row?.forEach((f, ci) => {
        if (f) sh.setFmt('numberFormat', ri + 1, ci + 1, f);
      });
    });
    values.forEach((row, ri) => {
      row.forEach((v, ci) => {
        if (spec.raw) {
          const isDate = Object.prototype.toString.call(v) === '[object Date]';
          sh.put(ri + 1, ci + 1, v === null || v === undefined ? '' : isDate ? new Date((v as Date).getTime()) : (v as Stored));
        } else this.writeCell(sh, ri + 1, ci + 1, v, sh.fmt('numberFormat', ri + 1, ci + 1));
      });
    });
    if (spec.frozenRows) sh.frozenRows = spec.frozenRows;
    if (spec.hidden) sh.hidden = true;
    for (const m of spec.merges ?? []) {
      const ref = parseA1(m);
      if (!ref || ref.row1 === null || ref.col1 === null || ref.row2 === null || ref.col2 === null) throw new ModelError(`Bad merge range ${m}`);
      const rect = { r: ref.row1, c: ref.col1, h: ref.row2 - ref.row1 + 1, w: ref.col2 - ref.col1 + 1 };
      mergeRect(sh, rect);
    }
    return sh;
  }
}

/** Merges a rectangle: keeps the top-left value, clears the others (as Sheets does). */
export function mergeRect(sh: SheetModel, rect: Rect): void {
  const inside = (m: Rect) => m.r >= rect.r && m.c >= rect.c && m.r + m.h <= rect.r + rect.h && m.c + m.w <= rect.c + rect.w;
  for (const m of sh.merges)
    if (m.r < rect.r + rect.h && rect.r < m.r + m.h && m.c < rect.c + rect.w && rect.c < m.c + m.w && !inside(m))
      throw new ModelError('You must select all cells in a merged range to merge or unmerge them.');
  sh.merges = sh.merges.filter((m) => !inside(m));
  for (let r = rect.r; r < rect.r + rect.h; r++)
    for (let c = rect.c; c < rect.c + rect.w; c++) {
      if (r === rect.r && c === rect.c) continue;
      sh.put(r, c, '');
      sh.setFormula(r, c, undefined);
    }
  sh.merges.push({ ...rect });
}

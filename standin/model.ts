/**
 * The in-memory workbook behind the stand-in: sheets store rows as plain arrays (no per-cell
 * objects), formats as sparse row arrays per attribute, plus merges, protections, conditional
 * format rules, charts, developer metadata. Structural edits (insert/delete/move of rows and
 * columns) shift every layer and every anchored object the way Sheets does.
 */
import { colToLetters, toA1 } from './a1';

/** What a cell holds: '' for empty. Dates are instants. */
export type Stored = string | number | boolean | Date;
export type Layer<T> = ((T | undefined)[] | undefined)[];

export interface Rect {
  /** 1-based first row / column and size. */
  r: number;
  c: number;
  h: number;
  w: number;
}

export const FORMAT_KEYS = [
  'numberFormat',
  'background',
  'fontColor',
  'fontWeight',
  'fontStyle',
  'fontSize',
  'fontFamily',
  'fontLine',
  'horizontalAlignment',
  'verticalAlignment',
  'wrap',
  'wrapStrategy',
  'note',
  'border',
] as const;
export type FormatKey = (typeof FORMAT_KEYS)[number];

export interface ProtectionModel {
  id: number;
  type: 'SHEET' | 'RANGE';
  rect: Rect | null;
  description: string;
  warningOnly: boolean;
  editors: string[];
  domainEdit: boolean;
  unprotected: Rect[];
  removed: boolean;
}

export interface ConditionModel {
  /** BooleanCriteria name (e.g. `CUSTOM_FORMULA`, `TEXT_EQUAL_TO`) or `GRADIENT`. */
  criteria: string;
  values: unknown[];
  background: string | null;
  fontColor: string | null;
  bold: boolean | null;
  italic: boolean | null;
  strikethrough: boolean | null;
  underline: boolean | null;
  /** Gradient points: [min, mid, max] each {color, type, value} or null. */
  gradient?: ({ color: string; type: string; value: string } | null)[];
}

export interface CFRuleModel {
  ranges: Rect[];
  condition: ConditionModel;
}

export interface ChartModel {
  id: number;
  type: string;
  ranges: { sheetId: number; rect: Rect }[];
  position: { row: number; column: number; offsetX: number; offsetY: number };
  options: Record<string, unknown>;
  numHeaders: number;
  transpose: boolean;
  hiddenDimensionStrategy: string | null;
  mergeStrategy: string | null;
}

export type MetaLocation =
  | { type: 'SPREADSHEET' }
  | { type: 'SHEET'; sheetId: number }
  | { type: 'ROW'; sheetId: number; index: number }
  | { type: 'COLUMN'; sheetId: number; index: number };

export interface MetadataModel {
  id: number;
  key: string;
  value: string | null;
  visibility: 'DOCUMENT' | 'PROJECT';
  location: MetaLocation;
  removed: boolean;
}

export interface BorderRecord {
  rect: Rect;
  top: boolean | null;
  left: boolean | null;
  bottom: boolean | null;
  right: boolean | null;
  vertical: boolean | null;
  horizontal: boolean | null;
  color: string | null;
  style: string | null;
}

export class SheetModel {
  values: Stored[][] = [];
  formulas: Layer<string> = [];
  formats: Partial<Record<FormatKey, Layer<unknown>>> = {};
  merges: Rect[] = [];
  borders: BorderRecord[] = [];
  frozenRows = 0;
  frozenColumns = 0;
  hidden = false;
  hiddenGridlines = false;
  tabColor: string | null = null;
  columnWidths: (number | undefined)[] = [];
  rowHeights: (number | undefined)[] = [];
  hiddenRows: (boolean | undefined)[] = [];
  hiddenColumns: (boolean | undefined)[] = [];
  protections: ProtectionModel[] = [];
  cfRules: CFRuleModel[] = [];
  charts: ChartModel[] = [];
  filter: Rect | null = null;
  /** Cells filled by array results of formulas, and formula error messages by A1. */
  spills: Rect[] = [];
  errors = new Map<string, string>();
  deleted = false;
  /** Cached API wrapper (so `range.getSheet()` returns the same object each time). */
  api: unknown = null;

  constructor(
    public id: number,
    public name: string,
    public maxRows: number,
    public maxColumns: number,
  ) {}

  // ---- cells ----

  get(r: number, c: number): Stored {
    const row = this.values[r - 1];
    if (!row) return '';
    const v = row[c - 1];
    return v === undefined ? '' : v;
  }

  /** Stores a value without conversion. */
  put(r: number, c: number, v: Stored): void {
    let row = this.values[r - 1];
    if (!row) {
      if (v === '') return;
      row = this.values[r - 1] = [];
    }
    row[c - 1] = v;
  }

  formula(r: number, c: number): string {
    const row = this.formulas[r - 1];
    return row?.[c - 1] || '';
  }

  setFormula(r: number, c: number, f: string | undefined): void {
    let row = this.formulas[r - 1];
    if (!row) {
      if (!f) return;
      row = this.formulas[r - 1] = [];
    }
    row[c - 1] = f || undefined;
  }

  fmt(key: FormatKey, r: number, c: number): unknown {
    const layer = this.formats[key];
    if (!layer) return undefined;
    const row = layer[r - 1];
    return row ? row[c - 1] : undefined;
  }

  setFmt(key: FormatKey, r: number, c: number, v: unknown): void {
    let layer = this.formats[key];
    if (!layer) {
      if (v === undefined || v === null) return;
      layer = this.formats[key] = [];
    }
    let row = layer[r - 1];
    if (!row) {
      if (v === undefined || v === null) return;
      row = layer[r - 1] = [];
    }
    row[c - 1] = v === null ? undefined : v;
  }

  /** True when the cell holds a value or a formula. */
  filled(r: number, c: number): boolean {
    return this.get(r, c) !== '' || this.formula(r, c) !== '';
  }

  lastRow(): number {
    const rows = Math.max(this.values.length, this.formulas.length);
    for (let r = rows; r >= 1; r--) {
      const row = this.values[r - 1];
      if (row) for (let c = 0; c < row.length; c++) if (row[c] !== undefined && row[c] !== '') return r;
      const fr = this.formulas[r - 1];
      if (fr) for (let c = 0; c < fr.length; c++) if (fr[c]) return r;
    }
    return 0;
  }

  lastColumn(): number {
    let last = 0;
    const scan = (rows: (unknown[] | undefined)[]) => {
      for (const row of rows) {
        if (!row || row.length <= last) continue;
        for (let c = row.length - 1; c >= last; c--) {
          const v = row[c];
          if (v !== undefined && v !== '') {
            last = c + 1;
            break;
          }
        }
      }
    };
    scan(this.values);
    scan(this.formulas);
    return last;
  }

  hasFormulas(): boolean {
    for (const row of this.formulas) if (row) for (const f of row) if (f) return true;
    return false;
  }

  /** Top-left cells of merges that cover (r, c) without starting there. */
  mergeCovering(r: number, c: number): Rect | null {
    for (const m of this.merges) if (r >= m.r && r < m.r + m.h && c >= m.c && c < m.c + m.w) return m;
    return null;
  }

  // ---- structure ----

  private rowLayers(): (unknown[] | undefined)[][] {
    const out: (unknown[] | undefined)[][] = [this.values as unknown[][], this.formulas];
    for (const k of FORMAT_KEYS) {
      const l = this.formats[k];
      if (l) out.push(l);
    }
    return out;
  }

  insertRows(at: number, n: number): void {
    for (const layer of this.rowLayers()) if (layer.length >= at) layer.splice(at - 1, 0, ...new Array(n));
    for (const arr of [this.rowHeights, this.hiddenRows] as unknown[][]) if (arr.length >= at) arr.splice(at - 1, 0, ...new Array(n));
    this.maxRows += n;
    this.shiftRects('row', at, n);
  }

  deleteRows(at: number, n: number): void {
    for (const layer of this.rowLayers()) if (layer.length >= at) layer.splice(at - 1, n);
    for (const arr of [this.rowHeights, this.hiddenRows] as unknown[][]) if (arr.length >= at) arr.splice(at - 1, n);
    this.maxRows -= n;
    this.shiftRects('row', at, -n);
    if (this.frozenRows >= at) this.frozenRows = Math.max(at - 1, this.frozenRows - n);
  }

  insertColumns(at: number, n: number): void {
    const blanks = new Array(n);
    for (const layer of this.rowLayers()) for (const row of layer) if (row && row.length >= at) row.splice(at - 1, 0, ...blanks);
    for (const arr of [this.columnWidths, this.hiddenColumns] as unknown[][]) if (arr.length >= at) arr.splice(at - 1, 0, ...blanks);
    this.maxColumns += n;
    this.shiftRects('col', at, n);
  }

  deleteColumns(at: number, n: number): void {
    for (const layer of this.rowLayers()) for (const row of layer) if (row && row.length >= at) row.splice(at - 1, n);
    for (const arr of [this.columnWidths, this.hiddenColumns] as unknown[][]) if (arr.length >= at) arr.splice(at - 1, n);
    this.maxColumns -= n;
    this.shiftRects('col', at, -n);
    if (this.frozenColumns >= at) this.frozenColumns = Math.max(at - 1, this.frozenColumns - n);
  }

  /**
   * Moves columns `start..start+count-1` so they sit before column `dest` (indexes before the
   * move, as `Sheet.moveColumns` takes them). Returns old index → new index.
   */
  moveColumns(start: number, count: number, dest: number): (old: number) => number {
    const width = this.maxColumns;
    const order: number[] = [];
    for (let c = 1; c <= width; c++) order.push(c);
    const moved = order.splice(start - 1, count);
    const insertAt = dest > start ? dest - 1 - count : dest - 1;
    order.splice(insertAt, 0, ...moved);
    const newIndex = new Array<number>(width + 1);
    order.forEach((old, i) => {
      newIndex[old] = i + 1;
    });
    const permute = (row: unknown[]) => {
      const copy = row.slice();
      const out: unknown[] = [];
      for (let old = 1; old <= Math.max(copy.length, 0); old++) {
        const v = copy[old - 1];
        if (v !== undefined) out[newIndex[old] - 1] = v;
      }
      row.length = 0;
      for (let i = 0; i < out.length; i++) row[i] = out[i];
    };
    for (const layer of this.rowLayers()) for (const row of layer) if (row) permute(row);
    permute(this.columnWidths);
    permute(this.hiddenColumns);
    const map = (old: number) => (old >= 1 && old <= width ? newIndex[old] : old);
    // Anchored rectangles: single columns follow; wider rectangles keep their place.
    for (const rect of this.allRects()) if (rect.w === 1) rect.c = map(rect.c);
    return map;
  }

  moveRows(start: number, count: number, dest: number): (old: number) => number {
    const height = this.maxRows;
    const order: number[] = [];
    for (let r = 1; r <= height; r++) order.push(r);
    const moved = order.splice(start - 1, count);
    const insertAt = dest > start ? dest - 1 - count : dest - 1;
    order.splice(insertAt, 0, ...moved);
    const newIndex = new Array<number>(height + 1);
    order.forEach((old, i) => {
      newIndex[old] = i + 1;
    });
    const permute = (rows: unknown[]) => {
      const copy = rows.slice();
      rows.length = 0;
      for (let old = 1; old <= copy.length; old++) if (copy[old - 1] !== undefined) rows[newIndex[old] - 1] = copy[old - 1];
    };
    for (const layer of this.rowLayers()) permute(layer);
    permute(this.rowHeights);
    permute(this.hiddenRows);
    const map = (old: number) => (old >= 1 && old <= height ? newIndex[old] : old);
    for (const rect of this.allRects()) if (rect.h === 1) rect.r = map(rect.r);
    return map;
  }

  private allRects(): Rect[] {
    const out: Rect[] = [...this.merges, ...this.spills];
    for (const b of this.borders) out.push(b.rect);
    for (const p of this.protections) {
      if (p.rect) out.push(p.rect);
      out.push(...p.unprotected);
    }
    for (const r of this.cfRules) out.push(...r.ranges);
    if (this.filter) out.push(this.filter);
    return out;
  }

  /** Shifts or resizes every anchored rectangle for an insert (n > 0) or delete (n < 0) at `at`. */
  private shiftRects(dim: 'row' | 'col', at: number, n: number): void {
    const adjust = (rect: Rect): boolean => {
      const start = dim === 'row' ? rect.r : rect.c;
      const size = dim === 'row' ? rect.h : rect.w;
      const res = shiftSpan(start, size, at, n);
      if (!res) return false;
      if (dim === 'row') {
        rect.r = res[0];
        rect.h = res[1];
      } else {
        rect.c = res[0];
        rect.w = res[1];
      }
      return true;
    };
    this.merges = this.merges.filter(adjust);
    this.spills = this.spills.filter(adjust);
    this.borders = this.borders.filter((b) => adjust(b.rect));
    for (const p of this.protections) {
      if (p.rect && !adjust(p.rect)) p.removed = true;
      p.unprotected = p.unprotected.filter(adjust);
    }
    this.protections = this.protections.filter((p) => !p.removed);
    for (const rule of this.cfRules) rule.ranges = rule.ranges.filter(adjust);
    this.cfRules = this.cfRules.filter((r) => r.ranges.length > 0);
    if (this.filter && !adjust(this.filter)) this.filter = null;
  }
}

/** New [start, size] of a span after inserting (n > 0) or deleting (n < 0) lines at `at`; null if gone. */
export function shiftSpan(start: number, size: number, at: number, n: number): [number, number] | null {
  if (n > 0) {
    if (at <= start) return [start + n, size];
    if (at < start + size) return [start, size + n];
    return [start, size];
  }
  const del = -n;
  const delEnd = at + del - 1;
  const end = start + size - 1;
  if (delEnd < start) return [start - del, size];
  if (at > end) return [start, size];
  const overlap = Math.min(end, delEnd) - Math.max(start, at) + 1;
  const newSize = size - overlap;
  if (newSize <= 0) return null;
  return [Math.min(start, at), newSize];
}

export interface SheetSpec {
  name: string;
  /** Rows of values, written as typed input unless `raw` is set (then stored as given). */
  values?: unknown[][];
  /** Number formats per cell (same shape as values, or shorter); `@` keeps typed text as text. */
  numberFormats?: (string | null | undefined)[][];
  /** Number format for whole columns, 1-based: `{ 3: '@' }` (applied before values are written). */
  columnFormats?: Record<number, string>;
  raw?: boolean;
  maxRows?: number;
  maxColumns?: number;
  frozenRows?: number;
  hidden?: boolean;
  /** Merged ranges in A1 notation, e.g. `['A1:C1']` (the "messy sheet" case). */
  merges?: string[];
}

export interface CellJSON {
  date: string;
}

export interface SheetJSON {
  id: number;
  name: string;
  index: number;
  hidden: boolean;
  tabColor: string | null;
  maxRows: number;
  maxColumns: number;
  frozenRows: number;
  frozenColumns: number;
  lastRow: number;
  lastColumn: number;
  /** Rows 1..lastRow, columns 1..lastColumn; dates as `{ date: ISO }`. */
  values: (string | number | boolean | CellJSON)[][];
  /** Rendered like getDisplayValues (only with `{ display: true }`). */
  display?: string[][];
  formulas: Record<string, string>;
  formats: Partial<Record<FormatKey, Record<string, unknown>>>;
  merges: string[];
  columnWidths: Record<number, number>;
  rowHeights: Record<number, number>;
  hiddenRows: number[];
  hiddenColumns: number[];
  hiddenGridlines: boolean;
  protections: { type: string; range: string | null; description: string; warningOnly: boolean; unprotected: string[] }[];
  conditionalFormats: { ranges: string[]; condition: ConditionModel }[];
  charts: {
    type: string;
    ranges: string[];
    position: ChartModel['position'];
    options: Record<string, unknown>;
    numHeaders: number;
    transpose: boolean;
  }[];
  filter: string | null;
  borders: (Omit<BorderRecord, 'rect'> & { range: string })[];
  errors: Record<string, string>;
}

export interface WorkbookJSON {
  id: string;
  name: string;
  locale: string;
  timeZone: string;
  activeSheet: string | null;
  sheets: SheetJSON[];
  developerMetadata: { key: string; value: string | null; visibility: string; location: string }[];
  namedRanges: Record<string, string>;
}

export function rectA1(rect: Rect): string {
  return toA1(rect.r, rect.c, rect.h, rect.w);
}

export function cellA1(r: number, c: number): string {
  return `${colToLetters(c)}${r}`;
}

export function jsonCell(v: Stored): string | number | boolean | CellJSON {
  if (typeof v === 'object') return { date: Number.isFinite(v.getTime()) ? v.toISOString() : 'Invalid Date' };
  return v;
}

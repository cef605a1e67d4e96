/**
 * SpreadsheetApp and its classes (Spreadsheet, Sheet, Range, DeveloperMetadata, Protection,
 * conditional format rules, embedded charts, filters) over the workbook model.
 * Every public method is counted and permission-checked by `instrument` (see context.ts).
 */
import { colToLetters, parseA1, quoteSheet, toA1 } from './a1';
import { type Ctx, instrument, ModelError, SCOPE_SHEETS, signatureError } from './context';
import {
  BooleanCriteria,
  BorderStyle,
  ChartHiddenDimensionStrategy,
  ChartMergeStrategy,
  ChartType,
  DeveloperMetadataLocationType,
  DeveloperMetadataVisibility,
  Dimension,
  EnumValue,
  enumName,
  InterpolationType,
  ProtectionType,
  SheetType,
  WrapStrategy,
} from './enums';
import type { CFRuleModel, ChartModel, ConditionModel, FormatKey, MetadataModel, ProtectionModel, Rect, SheetModel } from './model';
import type { UiApi } from './services';
import { mergeRect, type WorkbookModel } from './workbook';

const NAMED_COLORS: Record<string, string> = {
  black: '#000000',
  white: '#ffffff',
  red: '#ff0000',
  green: '#008000',
  lime: '#00ff00',
  blue: '#0000ff',
  yellow: '#ffff00',
  orange: '#ffa500',
  purple: '#800080',
  gray: '#808080',
  grey: '#808080',
  silver: '#c0c0c0',
  maroon: '#800000',
  navy: '#000080',
  teal: '#008080',
  olive: '#808000',
  aqua: '#00ffff',
  cyan: '#00ffff',
  fuchsia: '#ff00ff',
  magenta: '#ff00ff',
  pink: '#ffc0cb',
  brown: '#a52a2a',
};

/** Colours as Sheets reports them: lower-case `#rrggbb`; null resets. */
export function normColor(v: unknown): string | null {
  if (v === null || v === undefined || v === '') return null;
  const s = String(v).trim().toLowerCase();
  if (NAMED_COLORS[s]) return NAMED_COLORS[s];
  const short = /^#([0-9a-f])([0-9a-f])([0-9a-f])$/.exec(s);
  if (short) return `#${short[1]}${short[1]}${short[2]}${short[2]}${short[3]}${short[3]}`;
  return s;
}

const DEFAULTS: Record<FormatKey, unknown> = {
  numberFormat: 'General',
  background: '#ffffff',
  fontColor: '#000000',
  fontWeight: 'normal',
  fontStyle: 'normal',
  fontSize: 10,
  fontFamily: 'Arial',
  fontLine: 'none',
  horizontalAlignment: 'general',
  verticalAlignment: 'bottom',
  wrap: false,
  wrapStrategy: 'OVERFLOW',
  note: '',
  border: null,
};

function isInt(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v);
}

/** Integer arguments: Apps Script rejects non-numbers and fractional numbers. */
function intArg($: Ctx, v: unknown, method: string, args: unknown[]): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) throw signatureError($, args, method);
  if (!Number.isInteger(v)) throw $.exception(`Cannot convert ${v} to int.`);
  return v;
}

// =====================================================================================
// Range
// =====================================================================================

export class RangeApi {
  constructor(
    public $: Ctx,
    public wb: WorkbookModel,
    public sh: SheetModel,
    public r: number,
    public c: number,
    public h: number,
    public w: number,
  ) {}

  _rect(): Rect {
    return { r: this.r, c: this.c, h: this.h, w: this.w };
  }

  _alive(): void {
    if (this.sh.deleted) throw new ModelError('The sheet this range belongs to has been deleted.');
    if (this.r + this.h - 1 > this.sh.maxRows || this.c + this.w - 1 > this.sh.maxColumns)
      throw new ModelError('The coordinates of the range are outside the dimensions of the sheet.');
  }

  _checkGrid(values: unknown, method: string): unknown[][] {
    if (!Array.isArray(values) || (values.length > 0 && !values.every((row) => Array.isArray(row)))) throw signatureError(this.$, [values], method);
    if (values.length !== this.h)
      throw new ModelError(
        `The number of rows in the data does not match the number of rows in the range. The data has ${values.length} but the range has ${this.h}.`,
      );
    for (const row of values as unknown[][])
      if (row.length !== this.w)
        throw new ModelError(
          `The number of columns in the data does not match the number of columns in the range. The data has ${row.length} but the range has ${this.w}.`,
        );
    return values as unknown[][];
  }

  /** Cells hidden under a merge (not the top-left one), as a set of r*100000+c; null when none. */
  _mergedAway(): Set<number> | null {
    if (!this.sh.merges.length) return null;
    const out = new Set<number>();
    for (const m of this.sh.merges)
      for (let r = m.r; r < m.r + m.h; r++) for (let c = m.c; c < m.c + m.w; c++) if (r !== m.r || c !== m.c) out.add(r * 100_000 + c);
    return out;
  }

  _write(values: unknown[][]): void {
    const { sh, wb } = this;
    const away = this._mergedAway();
    const nfLayer = sh.formats.numberFormat;
    for (let i = 0; i < this.h; i++) {
      const src = values[i];
      const r = this.r + i;
      const nfRow = nfLayer ? nfLayer[r - 1] : undefined;
      for (let j = 0; j < this.w; j++) {
        const c = this.c + j;
        if (away?.has(r * 100_000 + c)) continue;
        wb.writeCell(sh, r, c, src[j], nfRow ? nfRow[c - 1] : undefined);
      }
    }
    if (wb.hasFormulas) wb.dirty = true;
  }

  _fill(v: unknown): unknown[][] {
    const out: unknown[][] = new Array(this.h);
    for (let i = 0; i < this.h; i++) out[i] = new Array(this.w).fill(v);
    return out;
  }

  _readValues(): unknown[][] {
    this._alive();
    const { sh, wb, $ } = this;
    wb.ensureCalculated();
    const out: unknown[][] = new Array(this.h);
    const nfLayer = sh.formats.numberFormat;
    const mk = (ms: number) => $.date(ms);
    for (let i = 0; i < this.h; i++) {
      const row = sh.values[this.r - 1 + i];
      const nfRow = nfLayer ? nfLayer[this.r - 1 + i] : undefined;
      const o: unknown[] = new Array(this.w);
      if (!row) o.fill('');
      else
        for (let j = 0; j < this.w; j++) {
          const v = row[this.c - 1 + j];
          if (v === undefined) o[j] = '';
          else if (typeof v === 'object' || (nfRow && typeof v === 'number')) o[j] = wb.readCell(v, nfRow ? nfRow[this.c - 1 + j] : undefined, mk);
          else o[j] = v;
        }
      out[i] = o;
    }
    return out;
  }

  _readDisplay(): string[][] {
    this._alive();
    const { sh, wb } = this;
    wb.ensureCalculated();
    const out: string[][] = new Array(this.h);
    for (let i = 0; i < this.h; i++) {
      const o: string[] = new Array(this.w);
      for (let j = 0; j < this.w; j++) o[j] = wb.display(sh.get(this.r + i, this.c + j), sh.fmt('numberFormat', this.r + i, this.c + j));
      out[i] = o;
    }
    return out;
  }

  _readLayer(key: FormatKey): unknown[][] {
    this._alive();
    const out: unknown[][] = new Array(this.h);
    const layer = this.sh.formats[key];
    const def = DEFAULTS[key];
    for (let i = 0; i < this.h; i++) {
      const row = layer ? layer[this.r - 1 + i] : undefined;
      const o: unknown[] = new Array(this.w);
      for (let j = 0; j < this.w; j++) {
        const v = row ? row[this.c - 1 + j] : undefined;
        o[j] = v === undefined ? def : v;
      }
      out[i] = o;
    }
    return out;
  }

  _writeLayer(key: FormatKey, grid: unknown[][], norm: (v: unknown) => unknown = (v) => v): void {
    this._alive();
    for (let i = 0; i < this.h; i++)
      for (let j = 0; j < this.w; j++) {
        const v = norm(grid[i][j]);
        this.sh.setFmt(key, this.r + i, this.c + j, v === null || v === undefined || v === '' ? undefined : v);
      }
  }

  _setAll(key: FormatKey, v: unknown): RangeApi {
    this._alive();
    const val = v === null || v === undefined || v === '' ? undefined : v;
    for (let i = 0; i < this.h; i++) for (let j = 0; j < this.w; j++) this.sh.setFmt(key, this.r + i, this.c + j, val);
    return this;
  }

  _isFullColumn(): boolean {
    return this.r === 1 && this.h === this.sh.maxRows;
  }

  _isFullRow(): boolean {
    return this.c === 1 && this.w === this.sh.maxColumns;
  }

  // ---- values ----
  getValues(): unknown[][] {
    return this._readValues();
  }
  getValue(): unknown {
    return new RangeApi(this.$, this.wb, this.sh, this.r, this.c, 1, 1)._readValues()[0][0];
  }
  setValues(values: unknown[][]): RangeApi {
    this._alive();
    this._write(this._checkGrid(values, 'SpreadsheetApp.Range.setValues'));
    return this;
  }
  setValue(value: unknown): RangeApi {
    this._alive();
    if (Array.isArray(value)) throw signatureError(this.$, [value], 'SpreadsheetApp.Range.setValue');
    this._write(this._fill(value));
    return this;
  }
  getDisplayValues(): string[][] {
    return this._readDisplay();
  }
  getDisplayValue(): string {
    return new RangeApi(this.$, this.wb, this.sh, this.r, this.c, 1, 1)._readDisplay()[0][0];
  }
  getFormulas(): string[][] {
    this._alive();
    const out: string[][] = [];
    for (let i = 0; i < this.h; i++) {
      const o: string[] = [];
      for (let j = 0; j < this.w; j++) o.push(this.sh.formula(this.r + i, this.c + j));
      out.push(o);
    }
    return out;
  }
  getFormula(): string {
    this._alive();
    return this.sh.formula(this.r, this.c);
  }
  setFormulas(formulas: string[][]): RangeApi {
    this._alive();
    const grid = this._checkGrid(formulas, 'SpreadsheetApp.Range.setFormulas');
    this._write(grid.map((row) => row.map((f) => (f === null || f === undefined ? '' : String(f)))));
    return this;
  }
  setFormula(formula: string): RangeApi {
    this._alive();
    this._write(this._fill(String(formula ?? '')));
    return this;
  }

  // ---- formats ----
  getNumberFormats(): string[][] {
    return this._readLayer('numberFormat') as string[][];
  }
  getNumberFormat(): string {
    return this._readLayer('numberFormat')[0][0] as string;
  }
  setNumberFormat(format: string): RangeApi {
    return this._setAll('numberFormat', format === 'General' ? null : format);
  }
  setNumberFormats(formats: string[][]): RangeApi {
    this._writeLayer('numberFormat', this._checkGrid(formats, 'SpreadsheetApp.Range.setNumberFormats'), (v) => (v === 'General' ? null : v));
    return this;
  }
  getBackgrounds(): string[][] {
    return this._readLayer('background') as string[][];
  }
  getBackground(): string {
    return this._readLayer('background')[0][0] as string;
  }
  setBackground(color: string | null): RangeApi {
    return this._setAll('background', normColor(color));
  }
  setBackgrounds(colors: (string | null)[][]): RangeApi {
    this._writeLayer('background', this._checkGrid(colors, 'SpreadsheetApp.Range.setBackgrounds'), normColor);
    return this;
  }
  setBackgroundRGB(red: number, green: number, blue: number): RangeApi {
    const hex = (n: number) =>
      Math.max(0, Math.min(255, Math.round(n)))
        .toString(16)
        .padStart(2, '0');
    return this._setAll('background', `#${hex(red)}${hex(green)}${hex(blue)}`);
  }
  getFontColors(): string[][] {
    return this._readLayer('fontColor') as string[][];
  }
  getFontColor(): string {
    return this._readLayer('fontColor')[0][0] as string;
  }
  setFontColor(color: string | null): RangeApi {
    return this._setAll('fontColor', normColor(color));
  }
  setFontColors(colors: (string | null)[][]): RangeApi {
    this._writeLayer('fontColor', this._checkGrid(colors, 'SpreadsheetApp.Range.setFontColors'), normColor);
    return this;
  }
  getFontWeights(): string[][] {
    return this._readLayer('fontWeight') as string[][];
  }
  getFontWeight(): string {
    return this._readLayer('fontWeight')[0][0] as string;
  }
  setFontWeight(weight: string | null): RangeApi {
    return this._setAll('fontWeight', weight === 'normal' ? null : weight);
  }
  setFontWeights(weights: (string | null)[][]): RangeApi {
    this._writeLayer('fontWeight', this._checkGrid(weights, 'SpreadsheetApp.Range.setFontWeights'), (v) => (v === 'normal' ? null : v));
    return this;
  }
  getFontStyles(): string[][] {
    return this._readLayer('fontStyle') as string[][];
  }
  getFontStyle(): string {
    return this._readLayer('fontStyle')[0][0] as string;
  }
  setFontStyle(style: string | null): RangeApi {
    return this._setAll('fontStyle', style === 'normal' ? null : style);
  }
  getFontSizes(): number[][] {
    return this._readLayer('fontSize') as number[][];
  }
  getFontSize(): number {
    return this._readLayer('fontSize')[0][0] as number;
  }
  setFontSize(size: number): RangeApi {
    return this._setAll('fontSize', size === 10 ? null : size);
  }
  setFontSizes(sizes: number[][]): RangeApi {
    this._writeLayer('fontSize', this._checkGrid(sizes, 'SpreadsheetApp.Range.setFontSizes'));
    return this;
  }
  getFontFamily(): string {
    return this._readLayer('fontFamily')[0][0] as string;
  }
  setFontFamily(family: string | null): RangeApi {
    return this._setAll('fontFamily', family);
  }
  setFontLine(line: string | null): RangeApi {
    return this._setAll('fontLine', line === 'none' ? null : line);
  }
  getWrap(): boolean {
    return this._readLayer('wrap')[0][0] as boolean;
  }
  getWraps(): boolean[][] {
    return this._readLayer('wrap') as boolean[][];
  }
  setWrap(isWrapEnabled: boolean): RangeApi {
    this._setAll('wrapStrategy', isWrapEnabled ? 'WRAP' : null);
    return this._setAll('wrap', isWrapEnabled ? true : null);
  }
  setWraps(wraps: boolean[][]): RangeApi {
    this._writeLayer('wrap', this._checkGrid(wraps, 'SpreadsheetApp.Range.setWraps'), (v) => (v ? true : null));
    return this;
  }
  setWrapStrategy(strategy: unknown): RangeApi {
    const n = enumName(strategy);
    this._setAll('wrap', n === 'WRAP' ? true : null);
    return this._setAll('wrapStrategy', n === 'OVERFLOW' ? null : n);
  }
  getWrapStrategy(): EnumValue {
    return WrapStrategy[this._readLayer('wrapStrategy')[0][0] as string];
  }
  getHorizontalAlignment(): string {
    return this._readLayer('horizontalAlignment')[0][0] as string;
  }
  getHorizontalAlignments(): string[][] {
    return this._readLayer('horizontalAlignment') as string[][];
  }
  setHorizontalAlignment(alignment: string | null): RangeApi {
    return this._setAll('horizontalAlignment', alignment === 'normal' || alignment === 'general' ? null : alignment);
  }
  setHorizontalAlignments(alignments: (string | null)[][]): RangeApi {
    this._writeLayer('horizontalAlignment', this._checkGrid(alignments, 'SpreadsheetApp.Range.setHorizontalAlignments'));
    return this;
  }
  getVerticalAlignment(): string {
    return this._readLayer('verticalAlignment')[0][0] as string;
  }
  setVerticalAlignment(alignment: string | null): RangeApi {
    return this._setAll('verticalAlignment', alignment === 'bottom' ? null : alignment);
  }
  getNote(): string {
    return this._readLayer('note')[0][0] as string;
  }
  getNotes(): string[][] {
    return this._readLayer('note') as string[][];
  }
  setNote(note: string | null): RangeApi {
    return this._setAll('note', note === null || note === undefined ? null : String(note));
  }
  setNotes(notes: (string | null)[][]): RangeApi {
    this._writeLayer('note', this._checkGrid(notes, 'SpreadsheetApp.Range.setNotes'), (v) => (v === null || v === undefined ? null : String(v)));
    return this;
  }
  clearNote(): RangeApi {
    return this._setAll('note', null);
  }
  /** Borders are recorded (not rendered per cell). */
  setBorder(
    top: boolean | null,
    left: boolean | null,
    bottom: boolean | null,
    right: boolean | null,
    vertical: boolean | null,
    horizontal: boolean | null,
    color?: string | null,
    style?: unknown,
  ): RangeApi {
    this._alive();
    this.sh.borders.push({
      rect: this._rect(),
      top,
      left,
      bottom,
      right,
      vertical,
      horizontal,
      color: normColor(color ?? null),
      style: enumName(style ?? null),
    });
    return this;
  }

  // ---- clearing ----
  clear(options?: { contentsOnly?: boolean; formatOnly?: boolean; commentsOnly?: boolean; validationsOnly?: boolean }): RangeApi {
    this._alive();
    const o = options ?? {};
    const contents = !o.formatOnly && !o.commentsOnly && !o.validationsOnly;
    const formats = !o.contentsOnly && !o.commentsOnly && !o.validationsOnly;
    if (contents) this._write(this._fill(''));
    if (formats) this._clearFormats();
    return this;
  }
  clearContent(): RangeApi {
    this._alive();
    this._write(this._fill(''));
    return this;
  }
  clearFormat(): RangeApi {
    this._alive();
    this._clearFormats();
    return this;
  }
  clearDataValidations(): RangeApi {
    return this;
  }
  _clearFormats(): void {
    for (const key of Object.keys(this.sh.formats) as FormatKey[]) if (key !== 'note') this._setAll(key, null);
    const rect = this._rect();
    this.sh.borders = this.sh.borders.filter((b) => !contains(rect, b.rect));
  }

  // ---- merges ----
  merge(): RangeApi {
    this._alive();
    if (this.h * this.w > 1) mergeRect(this.sh, this._rect());
    return this;
  }
  mergeAcross(): RangeApi {
    this._alive();
    if (this.w > 1) for (let i = 0; i < this.h; i++) mergeRect(this.sh, { r: this.r + i, c: this.c, h: 1, w: this.w });
    return this;
  }
  mergeVertically(): RangeApi {
    this._alive();
    if (this.h > 1) for (let j = 0; j < this.w; j++) mergeRect(this.sh, { r: this.r, c: this.c + j, h: this.h, w: 1 });
    return this;
  }
  breakApart(): RangeApi {
    this._alive();
    const rect = this._rect();
    for (const m of this.sh.merges)
      if (intersects(rect, m) && !contains(rect, m)) throw new ModelError('You must select all cells in a merged range to merge or unmerge them.');
    this.sh.merges = this.sh.merges.filter((m) => !contains(rect, m));
    return this;
  }
  isPartOfMerge(): boolean {
    const rect = this._rect();
    return this.sh.merges.some((m) => intersects(rect, m));
  }
  getMergedRanges(): RangeApi[] {
    const rect = this._rect();
    return this.sh.merges.filter((m) => intersects(rect, m)).map((m) => new RangeApi(this.$, this.wb, this.sh, m.r, m.c, m.h, m.w));
  }

  // ---- geometry ----
  getRow(): number {
    return this.r;
  }
  getRowIndex(): number {
    return this.r;
  }
  getColumn(): number {
    return this.c;
  }
  getColumnIndex(): number {
    return this.c;
  }
  getLastRow(): number {
    return this.r + this.h - 1;
  }
  getLastColumn(): number {
    return this.c + this.w - 1;
  }
  getNumRows(): number {
    return this.h;
  }
  getNumColumns(): number {
    return this.w;
  }
  getHeight(): number {
    return this.h;
  }
  getWidth(): number {
    return this.w;
  }
  getA1Notation(): string {
    return toA1(this.r, this.c, this.h, this.w, this.sh.maxRows, this.sh.maxColumns);
  }
  getGridId(): number {
    return this.sh.id;
  }
  getSheet(): SheetApi {
    return sheetApi(this.$, this.wb, this.sh);
  }
  getCell(row: number, column: number): RangeApi {
    if (!isInt(row) || !isInt(column) || row < 1 || column < 1 || row > this.h || column > this.w)
      throw new ModelError('The coordinates of the range are outside the dimensions of the sheet.');
    return new RangeApi(this.$, this.wb, this.sh, this.r + row - 1, this.c + column - 1, 1, 1);
  }
  offset(rowOffset: number, columnOffset: number, numRows?: number, numColumns?: number): RangeApi {
    const args = [rowOffset, columnOffset, numRows, numColumns].filter((a) => a !== undefined);
    intArg(this.$, rowOffset, 'SpreadsheetApp.Range.offset', args);
    intArg(this.$, columnOffset, 'SpreadsheetApp.Range.offset', args);
    return makeRange(
      this.$,
      this.wb,
      this.sh,
      this.r + rowOffset,
      this.c + columnOffset,
      numRows ?? this.h,
      numColumns ?? this.w,
      'SpreadsheetApp.Range.offset',
      args,
    );
  }
  getDataRegion(): RangeApi {
    return sheetApi(this.$, this.wb, this.sh).getDataRange();
  }
  activate(): RangeApi {
    this.wb.activeSheetId = this.sh.id;
    this.wb.activeRange = { sheetId: this.sh.id, rect: this._rect() };
    return this;
  }
  isBlank(): boolean {
    this.wb.ensureCalculated();
    for (let i = 0; i < this.h; i++) for (let j = 0; j < this.w; j++) if (this.sh.filled(this.r + i, this.c + j)) return false;
    return true;
  }

  // ---- protection, metadata, filter ----
  protect(): ProtectionApi {
    this._alive();
    const p: ProtectionModel = {
      id: this.wb.nextObjectId++,
      type: 'RANGE',
      rect: this._rect(),
      description: '',
      warningOnly: false,
      editors: [],
      domainEdit: true,
      unprotected: [],
      removed: false,
    };
    this.sh.protections.push(p);
    return new ProtectionApi(this.$, this.wb, this.sh, p);
  }
  addDeveloperMetadata(key: string, a?: unknown, b?: unknown): RangeApi {
    this._alive();
    let location: MetadataModel['location'];
    if (this._isFullColumn() && this.w === 1) location = { type: 'COLUMN', sheetId: this.sh.id, index: this.c };
    else if (this._isFullRow() && this.h === 1) location = { type: 'ROW', sheetId: this.sh.id, index: this.r };
    else
      throw new ModelError(
        'Adding developer metadata to arbitrary ranges is not currently supported. Developer metadata may only be added to the top-level spreadsheet, an individual sheet, or an entire row or column.',
      );
    addMetadata(this.wb, key, a, b, location);
    return this;
  }
  getDeveloperMetadata(): DeveloperMetadataApi[] {
    const rect = this._rect();
    return this.wb.metadata.filter((m) => metaWithin(this.sh, m, rect, false)).map((m) => new DeveloperMetadataApi(this.$, this.wb, m));
  }
  createDeveloperMetadataFinder(): DeveloperMetadataFinderApi {
    return new DeveloperMetadataFinderApi(this.$, this.wb, { sheet: this.sh, rect: this._rect() });
  }
  createFilter(): FilterApi {
    this._alive();
    if (this.sh.filter) throw new ModelError("You can't create a filter in a sheet that already has a filter.");
    this.sh.filter = this._rect();
    return new FilterApi(this.$, this.wb, this.sh);
  }
  getFilter(): FilterApi | null {
    return this.sh.filter ? new FilterApi(this.$, this.wb, this.sh) : null;
  }
}

function intersects(a: Rect, b: Rect): boolean {
  return a.r < b.r + b.h && b.r < a.r + a.h && a.c < b.c + b.w && b.c < a.c + a.w;
}

function contains(outer: Rect, inner: Rect): boolean {
  return inner.r >= outer.r && inner.c >= outer.c && inner.r + inner.h <= outer.r + outer.h && inner.c + inner.w <= outer.c + outer.w;
}

/** Whether row/column metadata lies wholly within (or, if `intersect`, touches) a rectangle. */
function metaWithin(sh: SheetModel, m: MetadataModel, rect: Rect, intersect: boolean): boolean {
  const l = m.location;
  if (l.type === 'SPREADSHEET' || l.sheetId !== sh.id) return false;
  if (l.type === 'SHEET') return !intersect ? rect.r === 1 && rect.c === 1 && rect.h === sh.maxRows && rect.w === sh.maxColumns : true;
  const lineRect: Rect = l.type === 'COLUMN' ? { r: 1, c: l.index, h: sh.maxRows, w: 1 } : { r: l.index, c: 1, h: 1, w: sh.maxColumns };
  return intersect ? intersects(rect, lineRect) : contains(rect, lineRect);
}

function addMetadata(wb: WorkbookModel, key: unknown, a: unknown, b: unknown, location: MetadataModel['location']): MetadataModel {
  let value: string | null = null;
  let visibility: 'DOCUMENT' | 'PROJECT' = 'DOCUMENT';
  if (a instanceof EnumValue) visibility = a.name() as 'DOCUMENT' | 'PROJECT';
  else if (a !== undefined && a !== null) value = String(a);
  if (b instanceof EnumValue) visibility = b.name() as 'DOCUMENT' | 'PROJECT';
  return wb.addMetadata(typeof key === 'string' ? key : String(key ?? ''), value, visibility, location);
}

/** Builds a range with Sheets' argument checks and messages. */
export function makeRange(
  $: Ctx,
  wb: WorkbookModel,
  sh: SheetModel,
  row: number,
  col: number,
  numRows: number,
  numCols: number,
  method: string,
  args: unknown[],
): RangeApi {
  for (const v of [row, col, numRows, numCols]) intArg($, v, method, args);
  if (row < 1) throw new ModelError('The starting row of the range is too small.');
  if (col < 1) throw new ModelError('The starting column of the range is too small.');
  if (numRows < 1) throw new ModelError('The number of rows in the range must be at least 1.');
  if (numCols < 1) throw new ModelError('The number of columns in the range must be at least 1.');
  if (row + numRows - 1 > sh.maxRows || col + numCols - 1 > sh.maxColumns)
    throw new ModelError('The coordinates of the range are outside the dimensions of the sheet.');
  return new RangeApi($, wb, sh, row, col, numRows, numCols);
}

/** A range from A1 notation on a sheet (the sheet part, if any, must name that sheet). */
export function rangeFromA1($: Ctx, wb: WorkbookModel, sh: SheetModel, a1: string): RangeApi {
  const ref = parseA1(a1);
  if (!ref) throw new ModelError('Range not found');
  const r1 = ref.row1 ?? 1;
  const c1 = ref.col1 ?? 1;
  const r2 = ref.row2 ?? sh.maxRows;
  const c2 = ref.col2 ?? sh.maxColumns;
  if (r2 > sh.maxRows || c2 > sh.maxColumns || r1 > sh.maxRows || c1 > sh.maxColumns)
    throw new ModelError('The coordinates of the range are outside the dimensions of the sheet.');
  return new RangeApi($, wb, sh, r1, c1, r2 - r1 + 1, c2 - c1 + 1);
}

// =====================================================================================
// Sheet
// =====================================================================================

export function sheetApi($: Ctx, wb: WorkbookModel, sh: SheetModel): SheetApi {
  if (!sh.api) sh.api = new SheetApi($, wb, sh);
  return sh.api as SheetApi;
}

export class SheetApi {
  constructor(
    public $: Ctx,
    public wb: WorkbookModel,
    public sh: SheetModel,
  ) {}

  _alive(): void {
    if (this.sh.deleted) throw new ModelError('This sheet has been deleted.');
  }

  getName(): string {
    return this.sh.name;
  }
  getSheetName(): string {
    return this.sh.name;
  }
  setName(name: string): SheetApi {
    this._alive();
    this.wb.renameSheet(this.sh, name);
    return this;
  }
  getSheetId(): number {
    return this.sh.id;
  }
  getIndex(): number {
    return this.wb.sheets.indexOf(this.sh) + 1;
  }
  getType(): EnumValue {
    return SheetType.GRID;
  }
  getParent(): SpreadsheetApi {
    return spreadsheetApi(this.$, this.wb);
  }
  activate(): SheetApi {
    this._alive();
    this.wb.activeSheetId = this.sh.id;
    if (this.sh.hidden) this.sh.hidden = false;
    return this;
  }
  getRange(a: unknown, col?: number, numRows?: number, numCols?: number): RangeApi {
    this._alive();
    const args = [a, col, numRows, numCols].filter((x) => x !== undefined);
    if (typeof a === 'string' && col === undefined) {
      const ref = parseA1(a);
      if (ref?.sheet !== undefined && ref.sheet !== this.sh.name) throw new ModelError('Range not found');
      return rangeFromA1(this.$, this.wb, this.sh, a);
    }
    if (typeof a !== 'number' || col === undefined) throw signatureError(this.$, args, 'SpreadsheetApp.Sheet.getRange');
    return makeRange(this.$, this.wb, this.sh, a, col, numRows ?? 1, numCols ?? 1, 'SpreadsheetApp.Sheet.getRange', args);
  }
  getDataRange(): RangeApi {
    this._alive();
    this.wb.ensureCalculated();
    return new RangeApi(this.$, this.wb, this.sh, 1, 1, Math.max(1, this.sh.lastRow()), Math.max(1, this.sh.lastColumn()));
  }
  getLastRow(): number {
    this.wb.ensureCalculated();
    return this.sh.lastRow();
  }
  getLastColumn(): number {
    this.wb.ensureCalculated();
    return this.sh.lastColumn();
  }
  getMaxRows(): number {
    return this.sh.maxRows;
  }
  getMaxColumns(): number {
    return this.sh.maxColumns;
  }
  getActiveRange(): RangeApi | null {
    const ar = this.wb.activeRange;
    if (!ar || ar.sheetId !== this.sh.id) return new RangeApi(this.$, this.wb, this.sh, 1, 1, 1, 1);
    return new RangeApi(this.$, this.wb, this.sh, ar.rect.r, ar.rect.c, ar.rect.h, ar.rect.w);
  }
  setActiveRange(range: RangeApi): RangeApi {
    return range.activate();
  }
  setActiveSelection(range: unknown): RangeApi {
    const rg = typeof range === 'string' ? rangeFromA1(this.$, this.wb, this.sh, range) : (range as RangeApi);
    return rg.activate();
  }

  // ---- rows / columns ----
  _checkPos(pos: number, max: number, what: 'row' | 'column', args: unknown[], method: string): void {
    intArg(this.$, pos, method, args);
    if (pos < 1) throw new ModelError(`The starting ${what} of the range is too small.`);
    if (pos > max) throw new ModelError(`Those ${what}s are out of bounds.`);
  }
  _count(n: number, args: unknown[], method: string): number {
    intArg(this.$, n, method, args);
    if (n < 1) throw new ModelError(`The number of ${method.includes('Row') ? 'rows' : 'columns'} must be at least 1.`);
    return n;
  }
  insertColumnsAfter(afterPosition: number, howMany: number): SheetApi {
    this._alive();
    const m = 'SpreadsheetApp.Sheet.insertColumnsAfter';
    this._checkPos(afterPosition, this.sh.maxColumns, 'column', [afterPosition, howMany], m);
    this.wb.insertColumns(this.sh, afterPosition + 1, this._count(howMany, [afterPosition, howMany], m));
    return this;
  }
  insertColumnAfter(afterPosition: number): SheetApi {
    this._alive();
    this._checkPos(afterPosition, this.sh.maxColumns, 'column', [afterPosition], 'SpreadsheetApp.Sheet.insertColumnAfter');
    this.wb.insertColumns(this.sh, afterPosition + 1, 1);
    return this;
  }
  insertColumnsBefore(beforePosition: number, howMany: number): SheetApi {
    this._alive();
    const m = 'SpreadsheetApp.Sheet.insertColumnsBefore';
    this._checkPos(beforePosition, this.sh.maxColumns, 'column', [beforePosition, howMany], m);
    this.wb.insertColumns(this.sh, beforePosition, this._count(howMany, [beforePosition, howMany], m));
    return this;
  }
  insertColumnBefore(beforePosition: number): SheetApi {
    this._alive();
    this._checkPos(beforePosition, this.sh.maxColumns, 'column', [beforePosition], 'SpreadsheetApp.Sheet.insertColumnBefore');
    this.wb.insertColumns(this.sh, beforePosition, 1);
    return this;
  }
  insertColumns(columnIndex: number, numColumns?: number): void {
    this._alive();
    const m = 'SpreadsheetApp.Sheet.insertColumns';
    const args = [columnIndex, numColumns].filter((x) => x !== undefined);
    this._checkPos(columnIndex, this.sh.maxColumns, 'column', args, m);
    this.wb.insertColumns(this.sh, columnIndex, numColumns === undefined ? 1 : this._count(numColumns, args, m));
  }
  deleteColumn(columnPosition: number): SheetApi {
    return this._deleteColumns(columnPosition, 1, 'SpreadsheetApp.Sheet.deleteColumn');
  }
  deleteColumns(columnPosition: number, howMany: number): void {
    this._deleteColumns(columnPosition, howMany, 'SpreadsheetApp.Sheet.deleteColumns');
  }
  _deleteColumns(pos: number, n: number, m: string): SheetApi {
    this._alive();
    this._checkPos(pos, this.sh.maxColumns, 'column', [pos, n], m);
    this._count(n, [pos, n], m);
    if (pos + n - 1 > this.sh.maxColumns) throw new ModelError('Those columns are out of bounds.');
    if (n >= this.sh.maxColumns - this.sh.frozenColumns) throw new ModelError('Sorry, it is not possible to delete all non-frozen columns.');
    this.wb.deleteColumns(this.sh, pos, n);
    return this;
  }
  insertRowsAfter(afterPosition: number, howMany: number): SheetApi {
    this._alive();
    const m = 'SpreadsheetApp.Sheet.insertRowsAfter';
    this._checkPos(afterPosition, this.sh.maxRows, 'row', [afterPosition, howMany], m);
    this.wb.insertRows(this.sh, afterPosition + 1, this._count(howMany, [afterPosition, howMany], m));
    return this;
  }
  insertRowAfter(afterPosition: number): SheetApi {
    this._alive();
    this._checkPos(afterPosition, this.sh.maxRows, 'row', [afterPosition], 'SpreadsheetApp.Sheet.insertRowAfter');
    this.wb.insertRows(this.sh, afterPosition + 1, 1);
    return this;
  }
  insertRowsBefore(beforePosition: number, howMany: number): SheetApi {
    this._alive();
    const m = 'SpreadsheetApp.Sheet.insertRowsBefore';
    this._checkPos(beforePosition, this.sh.maxRows, 'row', [beforePosition, howMany], m);
    this.wb.insertRows(this.sh, beforePosition, this._count(howMany, [beforePosition, howMany], m));
    return this;
  }
  insertRowBefore(beforePosition: number): SheetApi {
    this._alive();
    this._checkPos(beforePosition, this.sh.maxRows, 'row', [beforePosition], 'SpreadsheetApp.Sheet.insertRowBefore');
    this.wb.insertRows(this.sh, beforePosition, 1);
    return this;
  }
  insertRows(rowIndex: number, numRows?: number): void {
    this._alive();
    const m = 'SpreadsheetApp.Sheet.insertRows';
    const args = [rowIndex, numRows].filter((x) => x !== undefined);
    this._checkPos(rowIndex, this.sh.maxRows, 'row', args, m);
    this.wb.insertRows(this.sh, rowIndex, numRows === undefined ? 1 : this._count(numRows, args, m));
  }
  deleteRow(rowPosition: number): SheetApi {
    return this._deleteRows(rowPosition, 1, 'SpreadsheetApp.Sheet.deleteRow');
  }
  deleteRows(rowPosition: number, howMany: number): void {
    this._deleteRows(rowPosition, howMany, 'SpreadsheetApp.Sheet.deleteRows');
  }
  _deleteRows(pos: number, n: number, m: string): SheetApi {
    this._alive();
    this._checkPos(pos, this.sh.maxRows, 'row', [pos, n], m);
    this._count(n, [pos, n], m);
    if (pos + n - 1 > this.sh.maxRows) throw new ModelError('Those rows are out of bounds.');
    if (n >= this.sh.maxRows - this.sh.frozenRows) throw new ModelError('Sorry, it is not possible to delete all non-frozen rows.');
    this.wb.deleteRows(this.sh, pos, n);
    return this;
  }
  moveColumns(columnSpec: RangeApi, destinationIndex: number): void {
    this._alive();
    if (!(columnSpec instanceof RangeApi)) throw signatureError(this.$, [columnSpec, destinationIndex], 'SpreadsheetApp.Sheet.moveColumns');
    intArg(this.$, destinationIndex, 'SpreadsheetApp.Sheet.moveColumns', [columnSpec, destinationIndex]);
    if (destinationIndex < 1 || destinationIndex > this.sh.maxColumns + 1) throw new ModelError('Those columns are out of bounds.');
    this.wb.moveColumns(this.sh, columnSpec.c, columnSpec.w, destinationIndex);
  }
  moveRows(rowSpec: RangeApi, destinationIndex: number): void {
    this._alive();
    if (!(rowSpec instanceof RangeApi)) throw signatureError(this.$, [rowSpec, destinationIndex], 'SpreadsheetApp.Sheet.moveRows');
    intArg(this.$, destinationIndex, 'SpreadsheetApp.Sheet.moveRows', [rowSpec, destinationIndex]);
    if (destinationIndex < 1 || destinationIndex > this.sh.maxRows + 1) throw new ModelError('Those rows are out of bounds.');
    this.wb.moveRows(this.sh, rowSpec.r, rowSpec.h, destinationIndex);
  }
  appendRow(rowContents: unknown[]): SheetApi {
    this._alive();
    if (!Array.isArray(rowContents)) throw signatureError(this.$, [rowContents], 'SpreadsheetApp.Sheet.appendRow');
    const r = this.sh.lastRow() + 1;
    if (r > this.sh.maxRows) this.wb.insertRows(this.sh, this.sh.maxRows + 1, 1);
    if (rowContents.length > this.sh.maxColumns) this.wb.insertColumns(this.sh, this.sh.maxColumns + 1, rowContents.length - this.sh.maxColumns);
    if (rowContents.length) new RangeApi(this.$, this.wb, this.sh, r, 1, 1, rowContents.length)._write([rowContents]);
    return this;
  }

  // ---- frozen, hidden, sizes ----
  setFrozenRows(rows: number): void {
    this._alive();
    intArg(this.$, rows, 'SpreadsheetApp.Sheet.setFrozenRows', [rows]);
    if (rows < 0 || rows > this.sh.maxRows) throw new ModelError('The number of frozen rows is out of bounds.');
    if (rows >= this.sh.maxRows && rows > 0) throw new ModelError("Sorry, it's not possible to freeze all rows of a sheet.");
    this.sh.frozenRows = rows;
  }
  getFrozenRows(): number {
    return this.sh.frozenRows;
  }
  setFrozenColumns(columns: number): void {
    this._alive();
    intArg(this.$, columns, 'SpreadsheetApp.Sheet.setFrozenColumns', [columns]);
    if (columns < 0 || columns > this.sh.maxColumns) throw new ModelError('The number of frozen columns is out of bounds.');
    if (columns >= this.sh.maxColumns && columns > 0) throw new ModelError("Sorry, it's not possible to freeze all columns of a sheet.");
    this.sh.frozenColumns = columns;
  }
  getFrozenColumns(): number {
    return this.sh.frozenColumns;
  }
  hideSheet(): SheetApi {
    this._alive();
    if (this.wb.sheets.filter((s) => !s.hidden && s !== this.sh).length === 0) throw new ModelError("You can't hide all the sheets in a document.");
    this.sh.hidden = true;
    if (this.wb.activeSheetId === this.sh.id) this.wb.activeSheetId = (this.wb.sheets.find((s) => !s.hidden) as SheetModel).id;
    return this;
  }
  showSheet(): SheetApi {
    this._alive();
    this.sh.hidden = false;
    return this;
  }
  isSheetHidden(): boolean {
    return this.sh.hidden;
  }
  _lines(kind: 'row' | 'col', start: unknown, n: unknown, hidden: boolean, method: string): void {
    this._alive();
    let s: number;
    let count: number;
    if (start instanceof RangeApi) {
      s = kind === 'row' ? start.r : start.c;
      count = kind === 'row' ? start.h : start.w;
    } else {
      s = intArg(this.$, start, method, [start, n]);
      count = n === undefined ? 1 : intArg(this.$, n, method, [start, n]);
    }
    const max = kind === 'row' ? this.sh.maxRows : this.sh.maxColumns;
    if (s < 1 || count < 1 || s + count - 1 > max) throw new ModelError(`Those ${kind === 'row' ? 'rows' : 'columns'} are out of bounds.`);
    const arr = kind === 'row' ? this.sh.hiddenRows : this.sh.hiddenColumns;
    for (let i = s; i < s + count; i++) arr[i - 1] = hidden || undefined;
  }
  hideRows(rowIndex: number, numRows?: number): void {
    this._lines('row', rowIndex, numRows, true, 'SpreadsheetApp.Sheet.hideRows');
  }
  hideRow(row: RangeApi): void {
    this._lines('row', row, undefined, true, 'SpreadsheetApp.Sheet.hideRow');
  }
  showRows(rowIndex: number, numRows?: number): void {
    this._lines('row', rowIndex, numRows, false, 'SpreadsheetApp.Sheet.showRows');
  }
  unhideRow(row: RangeApi): void {
    this._lines('row', row, undefined, false, 'SpreadsheetApp.Sheet.unhideRow');
  }
  isRowHiddenByUser(rowPosition: number): boolean {
    return !!this.sh.hiddenRows[rowPosition - 1];
  }
  hideColumns(columnIndex: number, numColumns?: number): void {
    this._lines('col', columnIndex, numColumns, true, 'SpreadsheetApp.Sheet.hideColumns');
  }
  hideColumn(column: RangeApi): void {
    this._lines('col', column, undefined, true, 'SpreadsheetApp.Sheet.hideColumn');
  }
  showColumns(columnIndex: number, numColumns?: number): void {
    this._lines('col', columnIndex, numColumns, false, 'SpreadsheetApp.Sheet.showColumns');
  }
  unhideColumn(column: RangeApi): void {
    this._lines('col', column, undefined, false, 'SpreadsheetApp.Sheet.unhideColumn');
  }
  isColumnHiddenByUser(columnPosition: number): boolean {
    return !!this.sh.hiddenColumns[columnPosition - 1];
  }
  setTabColor(color: string | null): SheetApi {
    this.sh.tabColor = normColor(color);
    return this;
  }
  getTabColor(): string | null {
    return this.sh.tabColor;
  }
  setHiddenGridlines(hideGridlines: boolean): SheetApi {
    this.sh.hiddenGridlines = !!hideGridlines;
    return this;
  }
  hasHiddenGridlines(): boolean {
    return this.sh.hiddenGridlines;
  }
  setColumnWidth(columnPosition: number, width: number): SheetApi {
    this._alive();
    this._checkPos(columnPosition, this.sh.maxColumns, 'column', [columnPosition, width], 'SpreadsheetApp.Sheet.setColumnWidth');
    this.sh.columnWidths[columnPosition - 1] = width;
    return this;
  }
  setColumnWidths(startColumn: number, numColumns: number, width: number): SheetApi {
    this._alive();
    this._checkPos(startColumn, this.sh.maxColumns, 'column', [startColumn, numColumns, width], 'SpreadsheetApp.Sheet.setColumnWidths');
    if (startColumn + numColumns - 1 > this.sh.maxColumns) throw new ModelError('Those columns are out of bounds.');
    for (let c = startColumn; c < startColumn + numColumns; c++) this.sh.columnWidths[c - 1] = width;
    return this;
  }
  getColumnWidth(columnPosition: number): number {
    return this.sh.columnWidths[columnPosition - 1] ?? 100;
  }
  setRowHeight(rowPosition: number, height: number): SheetApi {
    this._alive();
    this._checkPos(rowPosition, this.sh.maxRows, 'row', [rowPosition, height], 'SpreadsheetApp.Sheet.setRowHeight');
    this.sh.rowHeights[rowPosition - 1] = height;
    return this;
  }
  setRowHeights(startRow: number, numRows: number, height: number): SheetApi {
    this._alive();
    this._checkPos(startRow, this.sh.maxRows, 'row', [startRow, numRows, height], 'SpreadsheetApp.Sheet.setRowHeights');
    for (let r = startRow; r < startRow + numRows; r++) this.sh.rowHeights[r - 1] = height;
    return this;
  }
  getRowHeight(rowPosition: number): number {
    return this.sh.rowHeights[rowPosition - 1] ?? 21;
  }
  /** Sets each column's width from its longest display text (about 7 px a character, 40..500 px). */
  autoResizeColumns(startColumn: number, numColumns: number): SheetApi {
    this._alive();
    this._checkPos(startColumn, this.sh.maxColumns, 'column', [startColumn, numColumns], 'SpreadsheetApp.Sheet.autoResizeColumns');
    this.wb.ensureCalculated();
    const last = this.sh.lastRow();
    for (let c = startColumn; c < startColumn + numColumns && c <= this.sh.maxColumns; c++) {
      let longest = 0;
      for (let r = 1; r <= last; r++) {
        const v = this.sh.get(r, c);
        if (v === '') continue;
        longest = Math.max(longest, this.wb.display(v, this.sh.fmt('numberFormat', r, c)).length);
      }
      this.sh.columnWidths[c - 1] = Math.max(40, Math.min(500, Math.round(longest * 7 + 16)));
    }
    return this;
  }
  autoResizeColumn(columnPosition: number): SheetApi {
    return this.autoResizeColumns(columnPosition, 1);
  }

  // ---- clearing ----
  clear(options?: { contentsOnly?: boolean; formatOnly?: boolean }): SheetApi {
    this._alive();
    const o = options ?? {};
    if (!o.formatOnly) this._clearContents();
    if (!o.contentsOnly) this._clearFormats();
    return this;
  }
  clearContents(): SheetApi {
    this._alive();
    this._clearContents();
    return this;
  }
  clearFormats(): SheetApi {
    this._alive();
    this._clearFormats();
    return this;
  }
  clearNotes(): SheetApi {
    this._alive();
    delete this.sh.formats.note;
    return this;
  }
  clearConditionalFormatRules(): void {
    this._alive();
    this.sh.cfRules = [];
  }
  _clearContents(): void {
    this.sh.values = [];
    this.sh.formulas = [];
    this.sh.spills = [];
    this.sh.errors.clear();
    if (this.wb.hasFormulas) this.wb.dirty = true;
  }
  _clearFormats(): void {
    const note = this.sh.formats.note;
    this.sh.formats = note ? { note } : {};
    this.sh.borders = [];
  }

  // ---- protection ----
  protect(): ProtectionApi {
    this._alive();
    const existing = this.sh.protections.find((p) => p.type === 'SHEET');
    if (existing) return new ProtectionApi(this.$, this.wb, this.sh, existing);
    const p: ProtectionModel = {
      id: this.wb.nextObjectId++,
      type: 'SHEET',
      rect: null,
      description: '',
      warningOnly: false,
      editors: [],
      domainEdit: true,
      unprotected: [],
      removed: false,
    };
    this.sh.protections.push(p);
    return new ProtectionApi(this.$, this.wb, this.sh, p);
  }
  getProtections(type: unknown): ProtectionApi[] {
    const t = enumName(type);
    return this.sh.protections.filter((p) => p.type === t).map((p) => new ProtectionApi(this.$, this.wb, this.sh, p));
  }

  // ---- conditional formats ----
  getConditionalFormatRules(): ConditionalFormatRuleApi[] {
    return this.sh.cfRules.map((r) => new ConditionalFormatRuleApi(this.$, this.wb, cloneRule(r), this.sh));
  }
  setConditionalFormatRules(rules: ConditionalFormatRuleApi[]): void {
    this._alive();
    if (!Array.isArray(rules) || rules.some((r) => !(r instanceof ConditionalFormatRuleApi)))
      throw signatureError(this.$, [rules], 'SpreadsheetApp.Sheet.setConditionalFormatRules');
    for (const rule of rules)
      if (rule.sheetId !== null && rule.sheetId !== this.sh.id) throw new ModelError('Conditional format rule cannot reference a different sheet.');
    this.sh.cfRules = rules.map((r) => cloneRule(r.model));
  }

  // ---- charts ----
  newChart(): EmbeddedChartBuilderApi {
    return new EmbeddedChartBuilderApi(this.$, this.wb, this.sh, null);
  }
  insertChart(chart: EmbeddedChartApi): void {
    this._alive();
    if (!(chart instanceof EmbeddedChartApi)) throw signatureError(this.$, [chart], 'SpreadsheetApp.Sheet.insertChart');
    const m = { ...chart.model, id: this.wb.nextObjectId++ };
    this.sh.charts.push(m);
    chart.model = m;
    chart.sh = this.sh;
  }
  getCharts(): EmbeddedChartApi[] {
    return this.sh.charts.map((m) => new EmbeddedChartApi(this.$, this.wb, this.sh, m));
  }
  removeChart(chart: EmbeddedChartApi): void {
    this._alive();
    this.sh.charts = this.sh.charts.filter((m) => m.id !== chart.model.id);
  }
  updateChart(chart: EmbeddedChartApi): void {
    this._alive();
    const i = this.sh.charts.findIndex((m) => m.id === chart.model.id);
    if (i < 0) throw new ModelError('The chart does not exist in this sheet.');
    this.sh.charts[i] = { ...chart.model };
  }

  // ---- metadata, filter ----
  addDeveloperMetadata(key: string, a?: unknown, b?: unknown): SheetApi {
    this._alive();
    addMetadata(this.wb, key, a, b, { type: 'SHEET', sheetId: this.sh.id });
    return this;
  }
  getDeveloperMetadata(): DeveloperMetadataApi[] {
    return this.wb.metadata
      .filter((m) => m.location.type === 'SHEET' && m.location.sheetId === this.sh.id)
      .map((m) => new DeveloperMetadataApi(this.$, this.wb, m));
  }
  createDeveloperMetadataFinder(): DeveloperMetadataFinderApi {
    return new DeveloperMetadataFinderApi(this.$, this.wb, { sheet: this.sh, rect: null });
  }
  getFilter(): FilterApi | null {
    return this.sh.filter ? new FilterApi(this.$, this.wb, this.sh) : null;
  }
}

// =====================================================================================
// Spreadsheet
// =====================================================================================

const spreadsheetCache = new WeakMap<WorkbookModel, SpreadsheetApi>();

export function spreadsheetApi($: Ctx, wb: WorkbookModel): SpreadsheetApi {
  let api = spreadsheetCache.get(wb);
  if (!api) {
    api = new SpreadsheetApi($, wb);
    spreadsheetCache.set(wb, api);
  }
  return api;
}

export class SpreadsheetApi {
  constructor(
    public $: Ctx,
    public wb: WorkbookModel,
  ) {}

  getId(): string {
    return this.wb.id;
  }
  getName(): string {
    return this.wb.name;
  }
  rename(newName: string): void {
    this.wb.name = String(newName);
  }
  getUrl(): string {
    return `https://docs.google.com/spreadsheets/d/${this.wb.id}/edit`;
  }
  getSheets(): SheetApi[] {
    return this.wb.sheets.map((s) => sheetApi(this.$, this.wb, s));
  }
  getNumSheets(): number {
    return this.wb.sheets.length;
  }
  getSheetByName(name: string): SheetApi | null {
    const s = this.wb.sheetByName(String(name));
    return s ? sheetApi(this.$, this.wb, s) : null;
  }
  getSheetById(id: number): SheetApi | null {
    const s = this.wb.sheetById(id);
    return s ? sheetApi(this.$, this.wb, s) : null;
  }
  getActiveSheet(): SheetApi {
    return sheetApi(this.$, this.wb, this.wb.activeSheet());
  }
  setActiveSheet(sheet: SheetApi): SheetApi {
    if (!(sheet instanceof SheetApi)) throw signatureError(this.$, [sheet], 'SpreadsheetApp.Spreadsheet.setActiveSheet');
    return sheet.activate();
  }
  getActiveRange(): RangeApi | null {
    return this.getActiveSheet().getActiveRange();
  }
  moveActiveSheet(pos: number): void {
    intArg(this.$, pos, 'SpreadsheetApp.Spreadsheet.moveActiveSheet', [pos]);
    if (pos < 1 || pos > this.wb.sheets.length) throw new ModelError(`The sheet index must be between 1 and ${this.wb.sheets.length}.`);
    const sh = this.wb.activeSheet();
    this.wb.sheets = this.wb.sheets.filter((s) => s !== sh);
    this.wb.sheets.splice(pos - 1, 0, sh);
  }
  insertSheet(a?: unknown, b?: unknown): SheetApi {
    let name: string | undefined;
    let index: number | undefined;
    if (typeof a === 'string') name = a;
    else if (typeof a === 'number') index = a;
    else if (a !== undefined && (a === null || typeof a !== 'object')) throw signatureError(this.$, [a, b], 'SpreadsheetApp.Spreadsheet.insertSheet');
    if (typeof b === 'number') index = b;
    const sh = this.wb.addSheet(name, index);
    this.wb.activeSheetId = sh.id;
    return sheetApi(this.$, this.wb, sh);
  }
  deleteSheet(sheet: SheetApi): void {
    if (!(sheet instanceof SheetApi)) throw signatureError(this.$, [sheet], 'SpreadsheetApp.Spreadsheet.deleteSheet');
    if (sheet.sh.deleted) throw new ModelError('This sheet has been deleted.');
    this.wb.removeSheet(sheet.sh);
  }
  getSpreadsheetLocale(): string {
    return this.wb.locale;
  }
  setSpreadsheetLocale(locale: string): void {
    this.wb.locale = String(locale);
  }
  getSpreadsheetTimeZone(): string {
    return this.wb.timeZone;
  }
  setSpreadsheetTimeZone(timezone: string): void {
    this.wb.timeZone = String(timezone);
  }
  getRange(a1Notation: string): RangeApi {
    if (typeof a1Notation !== 'string') throw signatureError(this.$, [a1Notation], 'SpreadsheetApp.Spreadsheet.getRange');
    const ref = parseA1(a1Notation);
    if (!ref) throw new ModelError('Range not found');
    const sh = ref.sheet === undefined ? this.wb.activeSheet() : this.wb.sheetByName(ref.sheet);
    if (!sh) throw new ModelError('Range not found');
    return rangeFromA1(this.$, this.wb, sh, a1Notation);
  }
  getRangeByName(name: string): RangeApi | null {
    const nr = this.wb.namedRanges.get(String(name));
    if (!nr) return null;
    const sh = this.wb.sheetById(nr.sheetId);
    return sh ? new RangeApi(this.$, this.wb, sh, nr.rect.r, nr.rect.c, nr.rect.h, nr.rect.w) : null;
  }
  setNamedRange(name: string, range: RangeApi): void {
    if (!/^[A-Za-z_][A-Za-z0-9_.]*$/.test(String(name)) || /^[A-Za-z]{1,3}[0-9]+$/.test(String(name)))
      throw new ModelError(`Invalid named range name: ${name}`);
    this.wb.namedRanges.set(String(name), { sheetId: range.sh.id, rect: range._rect() });
  }
  removeNamedRange(name: string): void {
    this.wb.namedRanges.delete(String(name));
  }
  toast(msg: string, title?: string, timeoutSeconds?: number): void {
    this.$.toasts.push({ message: String(msg), title: title === undefined || title === null ? '' : String(title), timeoutSeconds: timeoutSeconds ?? 5 });
  }
  addDeveloperMetadata(key: string, a?: unknown, b?: unknown): SpreadsheetApi {
    addMetadata(this.wb, key, a, b, { type: 'SPREADSHEET' });
    return this;
  }
  getDeveloperMetadata(): DeveloperMetadataApi[] {
    return this.wb.metadata.filter((m) => m.location.type === 'SPREADSHEET').map((m) => new DeveloperMetadataApi(this.$, this.wb, m));
  }
  createDeveloperMetadataFinder(): DeveloperMetadataFinderApi {
    return new DeveloperMetadataFinderApi(this.$, this.wb, null);
  }
  getProtections(type: unknown): ProtectionApi[] {
    const t = enumName(type);
    const out: ProtectionApi[] = [];
    for (const sh of this.wb.sheets) for (const p of sh.protections) if (p.type === t) out.push(new ProtectionApi(this.$, this.wb, sh, p));
    return out;
  }
  getOwner(): null {
    return null;
  }
  getEditors(): unknown[] {
    return [];
  }
}

// =====================================================================================
// Developer metadata
// =====================================================================================

export class DeveloperMetadataApi {
  constructor(
    public $: Ctx,
    public wb: WorkbookModel,
    public m: MetadataModel,
  ) {}
  _alive(): void {
    if (this.m.removed) throw new ModelError('The developer metadata has been removed.');
  }
  getId(): number {
    return this.m.id;
  }
  getKey(): string {
    return this.m.key;
  }
  getValue(): string | null {
    return this.m.value;
  }
  getVisibility(): EnumValue {
    return DeveloperMetadataVisibility[this.m.visibility];
  }
  getLocation(): DeveloperMetadataLocationApi {
    return new DeveloperMetadataLocationApi(this.$, this.wb, this.m);
  }
  setKey(key: string): DeveloperMetadataApi {
    this._alive();
    if (typeof key !== 'string' || !key) throw new ModelError('Invalid argument: key');
    this.wb.checkMetadataQuota(this.m.location, key.length + (this.m.value?.length ?? 0), this.m);
    this.m.key = key;
    return this;
  }
  setValue(value: string | null): DeveloperMetadataApi {
    this._alive();
    const v = value === null || value === undefined ? null : String(value);
    this.wb.checkMetadataQuota(this.m.location, this.m.key.length + (v?.length ?? 0), this.m);
    this.m.value = v;
    return this;
  }
  setVisibility(visibility: unknown): DeveloperMetadataApi {
    this._alive();
    const v = enumName(visibility);
    if (v !== 'DOCUMENT' && v !== 'PROJECT') throw signatureError(this.$, [visibility], 'SpreadsheetApp.DeveloperMetadata.setVisibility');
    this.m.visibility = v;
    return this;
  }
  remove(): void {
    this.wb.removeMetadata(this.m);
  }
  moveToColumn(column: RangeApi): DeveloperMetadataApi {
    this._alive();
    if (!(column instanceof RangeApi) || column.w !== 1 || !column._isFullColumn())
      throw new ModelError('Developer metadata can only be moved to an entire column.');
    this.m.location = { type: 'COLUMN', sheetId: column.sh.id, index: column.c };
    return this;
  }
  moveToRow(row: RangeApi): DeveloperMetadataApi {
    this._alive();
    if (!(row instanceof RangeApi) || row.h !== 1 || !row._isFullRow()) throw new ModelError('Developer metadata can only be moved to an entire row.');
    this.m.location = { type: 'ROW', sheetId: row.sh.id, index: row.r };
    return this;
  }
  moveToSheet(sheet: SheetApi): DeveloperMetadataApi {
    this._alive();
    this.m.location = { type: 'SHEET', sheetId: sheet.sh.id };
    return this;
  }
  moveToSpreadsheet(): DeveloperMetadataApi {
    this._alive();
    this.m.location = { type: 'SPREADSHEET' };
    return this;
  }
}

export class DeveloperMetadataLocationApi {
  constructor(
    public $: Ctx,
    public wb: WorkbookModel,
    public m: MetadataModel,
  ) {}
  getLocationType(): EnumValue {
    return DeveloperMetadataLocationType[this.m.location.type];
  }
  getSpreadsheet(): SpreadsheetApi | null {
    return this.m.location.type === 'SPREADSHEET' ? spreadsheetApi(this.$, this.wb) : null;
  }
  getSheet(): SheetApi | null {
    const l = this.m.location;
    if (l.type !== 'SHEET') return null;
    const sh = this.wb.sheetById(l.sheetId);
    return sh ? sheetApi(this.$, this.wb, sh) : null;
  }
  getColumn(): RangeApi | null {
    const l = this.m.location;
    if (l.type !== 'COLUMN') return null;
    const sh = this.wb.sheetById(l.sheetId) as SheetModel;
    return new RangeApi(this.$, this.wb, sh, 1, l.index, sh.maxRows, 1);
  }
  getRow(): RangeApi | null {
    const l = this.m.location;
    if (l.type !== 'ROW') return null;
    const sh = this.wb.sheetById(l.sheetId) as SheetModel;
    return new RangeApi(this.$, this.wb, sh, l.index, 1, 1, sh.maxColumns);
  }
}

export class DeveloperMetadataFinderApi {
  private id: number | null = null;
  private key: string | null = null;
  private value: string | null | undefined = undefined;
  private locationType: string | null = null;
  private visibility: string | null = null;
  private intersecting = false;
  constructor(
    public $: Ctx,
    public wb: WorkbookModel,
    private scope: { sheet: SheetModel; rect: Rect | null } | null,
  ) {}
  withId(id: number): DeveloperMetadataFinderApi {
    this.id = id;
    return this;
  }
  withKey(key: string): DeveloperMetadataFinderApi {
    this.key = String(key);
    return this;
  }
  withValue(value: string): DeveloperMetadataFinderApi {
    this.value = value === null ? null : String(value);
    return this;
  }
  withLocationType(locationType: unknown): DeveloperMetadataFinderApi {
    this.locationType = enumName(locationType);
    return this;
  }
  withVisibility(visibility: unknown): DeveloperMetadataFinderApi {
    this.visibility = enumName(visibility);
    return this;
  }
  onIntersectingLocations(): DeveloperMetadataFinderApi {
    this.intersecting = true;
    return this;
  }
  find(): DeveloperMetadataApi[] {
    return this.wb.metadata
      .filter((m) => {
        if (this.id !== null && m.id !== this.id) return false;
        if (this.key !== null && m.key !== this.key) return false;
        if (this.value !== undefined && m.value !== this.value) return false;
        if (this.locationType !== null && m.location.type !== this.locationType) return false;
        if (this.visibility !== null && m.visibility !== this.visibility) return false;
        const sc = this.scope;
        if (sc) {
          if (m.location.type === 'SPREADSHEET' || m.location.sheetId !== sc.sheet.id) return false;
          if (sc.rect && !metaWithin(sc.sheet, m, sc.rect, this.intersecting)) return false;
        }
        return true;
      })
      .map((m) => new DeveloperMetadataApi(this.$, this.wb, m));
  }
}

// =====================================================================================
// Protection
// =====================================================================================

export class ProtectionApi {
  constructor(
    public $: Ctx,
    public wb: WorkbookModel,
    public sh: SheetModel,
    public p: ProtectionModel,
  ) {}
  _alive(): void {
    if (this.p.removed) throw new ModelError('The protection has been removed.');
  }
  getProtectionType(): EnumValue {
    return ProtectionType[this.p.type];
  }
  getRange(): RangeApi {
    const r = this.p.rect ?? { r: 1, c: 1, h: this.sh.maxRows, w: this.sh.maxColumns };
    return new RangeApi(this.$, this.wb, this.sh, r.r, r.c, r.h, r.w);
  }
  setRange(range: RangeApi): ProtectionApi {
    this._alive();
    if (this.p.type === 'SHEET') throw new ModelError('Cannot set the range of a sheet protection.');
    this.p.rect = range._rect();
    return this;
  }
  getDescription(): string {
    return this.p.description;
  }
  setDescription(description: string): ProtectionApi {
    this._alive();
    this.p.description = String(description ?? '');
    return this;
  }
  isWarningOnly(): boolean {
    return this.p.warningOnly;
  }
  setWarningOnly(warningOnly: boolean): ProtectionApi {
    this._alive();
    this.p.warningOnly = !!warningOnly;
    return this;
  }
  canEdit(): boolean {
    return true;
  }
  canDomainEdit(): boolean {
    return this.p.domainEdit;
  }
  setDomainEdit(editable: boolean): ProtectionApi {
    this.p.domainEdit = !!editable;
    return this;
  }
  getEditors(): { getEmail(): string }[] {
    return this.p.editors.map((e) => ({ getEmail: () => e }));
  }
  addEditor(email: unknown): ProtectionApi {
    this.p.editors.push(String(email));
    return this;
  }
  addEditors(emails: unknown[]): ProtectionApi {
    for (const e of emails) this.p.editors.push(String(e));
    return this;
  }
  removeEditor(email: unknown): ProtectionApi {
    this.p.editors = this.p.editors.filter((e) => e !== String(email));
    return this;
  }
  removeEditors(emails: unknown[]): ProtectionApi {
    const set = new Set(emails.map(String));
    this.p.editors = this.p.editors.filter((e) => !set.has(e));
    return this;
  }
  getUnprotectedRanges(): RangeApi[] {
    return this.p.unprotected.map((r) => new RangeApi(this.$, this.wb, this.sh, r.r, r.c, r.h, r.w));
  }
  setUnprotectedRanges(ranges: RangeApi[]): ProtectionApi {
    this._alive();
    if (this.p.type !== 'SHEET') throw new ModelError('Unprotected ranges can only be set on a sheet protection.');
    this.p.unprotected = ranges.map((r) => r._rect());
    return this;
  }
  remove(): void {
    this.p.removed = true;
    this.sh.protections = this.sh.protections.filter((x) => x !== this.p);
  }
}

// =====================================================================================
// Conditional format rules
// =====================================================================================

function blankCondition(): ConditionModel {
  return { criteria: '', values: [], background: null, fontColor: null, bold: null, italic: null, strikethrough: null, underline: null };
}

function cloneRule(r: CFRuleModel): CFRuleModel {
  return {
    ranges: r.ranges.map((x) => ({ ...x })),
    condition: {
      ...r.condition,
      values: [...r.condition.values],
      gradient: r.condition.gradient?.map((g) => (g ? { ...g } : null)),
    },
  };
}

export class BooleanConditionApi {
  constructor(
    public $: Ctx,
    private c: ConditionModel,
  ) {}
  getCriteriaType(): EnumValue {
    return BooleanCriteria[this.c.criteria];
  }
  getCriteriaValues(): unknown[] {
    return [...this.c.values];
  }
  getBackground(): string | null {
    return this.c.background;
  }
  getFontColor(): string | null {
    return this.c.fontColor;
  }
  getBold(): boolean | null {
    return this.c.bold;
  }
  getItalic(): boolean | null {
    return this.c.italic;
  }
  getStrikethrough(): boolean | null {
    return this.c.strikethrough;
  }
  getUnderline(): boolean | null {
    return this.c.underline;
  }
}

export class GradientConditionApi {
  constructor(
    public $: Ctx,
    private c: ConditionModel,
  ) {}
  private point(i: number) {
    return this.c.gradient?.[i] ?? null;
  }
  getMinColor(): string {
    return this.point(0)?.color ?? '';
  }
  getMinType(): EnumValue | null {
    const p = this.point(0);
    return p ? InterpolationType[p.type] : null;
  }
  getMinValue(): string {
    return this.point(0)?.value ?? '';
  }
  getMidColor(): string {
    return this.point(1)?.color ?? '';
  }
  getMidType(): EnumValue | null {
    const p = this.point(1);
    return p ? InterpolationType[p.type] : null;
  }
  getMidValue(): string {
    return this.point(1)?.value ?? '';
  }
  getMaxColor(): string {
    return this.point(2)?.color ?? '';
  }
  getMaxType(): EnumValue | null {
    const p = this.point(2);
    return p ? InterpolationType[p.type] : null;
  }
  getMaxValue(): string {
    return this.point(2)?.value ?? '';
  }
}

export class ConditionalFormatRuleApi {
  constructor(
    public $: Ctx,
    public wb: WorkbookModel,
    public model: CFRuleModel,
    private sheet: SheetModel | null,
  ) {}
  get sheetId(): number | null {
    return this.sheet ? this.sheet.id : null;
  }
  getRanges(): RangeApi[] {
    const sh = this.sheet;
    if (!sh) return [];
    return this.model.ranges.map((r) => new RangeApi(this.$, this.wb, sh, r.r, r.c, r.h, r.w));
  }
  getBooleanCondition(): BooleanConditionApi | null {
    return this.model.condition.criteria && this.model.condition.criteria !== 'GRADIENT' ? new BooleanConditionApi(this.$, this.model.condition) : null;
  }
  getGradientCondition(): GradientConditionApi | null {
    return this.model.condition.criteria === 'GRADIENT' ? new GradientConditionApi(this.$, this.model.condition) : null;
  }
  copy(): ConditionalFormatRuleBuilderApi {
    return new ConditionalFormatRuleBuilderApi(this.$, this.wb, cloneRule(this.model), this.sheet);
  }
}

export class ConditionalFormatRuleBuilderApi {
  constructor(
    public $: Ctx,
    public wb: WorkbookModel,
    public model: CFRuleModel = { ranges: [], condition: blankCondition() },
    private sheet: SheetModel | null = null,
  ) {}
  _when(criteria: string, values: unknown[]): ConditionalFormatRuleBuilderApi {
    this.model.condition.criteria = criteria;
    this.model.condition.values = values;
    delete this.model.condition.gradient;
    return this;
  }
  whenFormulaSatisfied(formula: string): ConditionalFormatRuleBuilderApi {
    return this._when('CUSTOM_FORMULA', [String(formula)]);
  }
  whenTextEqualTo(text: string): ConditionalFormatRuleBuilderApi {
    return this._when('TEXT_EQUAL_TO', [String(text)]);
  }
  whenTextContains(text: string): ConditionalFormatRuleBuilderApi {
    return this._when('TEXT_CONTAINS', [String(text)]);
  }
  whenTextDoesNotContain(text: string): ConditionalFormatRuleBuilderApi {
    return this._when('TEXT_DOES_NOT_CONTAIN', [String(text)]);
  }
  whenTextStartsWith(text: string): ConditionalFormatRuleBuilderApi {
    return this._when('TEXT_STARTS_WITH', [String(text)]);
  }
  whenTextEndsWith(text: string): ConditionalFormatRuleBuilderApi {
    return this._when('TEXT_ENDS_WITH', [String(text)]);
  }
  whenCellEmpty(): ConditionalFormatRuleBuilderApi {
    return this._when('CELL_EMPTY', []);
  }
  whenCellNotEmpty(): ConditionalFormatRuleBuilderApi {
    return this._when('CELL_NOT_EMPTY', []);
  }
  whenNumberGreaterThan(n: number): ConditionalFormatRuleBuilderApi {
    return this._when('NUMBER_GREATER_THAN', [n]);
  }
  whenNumberGreaterThanOrEqualTo(n: number): ConditionalFormatRuleBuilderApi {
    return this._when('NUMBER_GREATER_THAN_OR_EQUAL_TO', [n]);
  }
  whenNumberLessThan(n: number): ConditionalFormatRuleBuilderApi {
    return this._when('NUMBER_LESS_THAN', [n]);
  }
  whenNumberLessThanOrEqualTo(n: number): ConditionalFormatRuleBuilderApi {
    return this._when('NUMBER_LESS_THAN_OR_EQUAL_TO', [n]);
  }
  whenNumberEqualTo(n: number): ConditionalFormatRuleBuilderApi {
    return this._when('NUMBER_EQUAL_TO', [n]);
  }
  whenNumberNotEqualTo(n: number): ConditionalFormatRuleBuilderApi {
    return this._when('NUMBER_NOT_EQUAL_TO', [n]);
  }
  whenNumberBetween(start: number, end: number): ConditionalFormatRuleBuilderApi {
    return this._when('NUMBER_BETWEEN', [start, end]);
  }
  whenNumberNotBetween(start: number, end: number): ConditionalFormatRuleBuilderApi {
    return this._when('NUMBER_NOT_BETWEEN', [start, end]);
  }
  _gradient(i: number, color: string, type: string, value: string): ConditionalFormatRuleBuilderApi {
    const c = this.model.condition;
    if (c.criteria !== 'GRADIENT') {
      c.criteria = 'GRADIENT';
      c.values = [];
      c.gradient = [null, null, null];
    }
    (c.gradient as (NonNullable<ConditionModel['gradient']>[number] | null)[])[i] = { color: normColor(color) ?? '', type, value };
    return this;
  }
  setGradientMinpoint(color: string): ConditionalFormatRuleBuilderApi {
    return this._gradient(0, color, 'MIN', '');
  }
  setGradientMinpointWithValue(color: string, type: unknown, value: string): ConditionalFormatRuleBuilderApi {
    return this._gradient(0, color, enumName(type) ?? 'NUMBER', String(value));
  }
  setGradientMidpointWithValue(color: string, type: unknown, value: string): ConditionalFormatRuleBuilderApi {
    return this._gradient(1, color, enumName(type) ?? 'NUMBER', String(value));
  }
  setGradientMaxpoint(color: string): ConditionalFormatRuleBuilderApi {
    return this._gradient(2, color, 'MAX', '');
  }
  setGradientMaxpointWithValue(color: string, type: unknown, value: string): ConditionalFormatRuleBuilderApi {
    return this._gradient(2, color, enumName(type) ?? 'NUMBER', String(value));
  }
  setBackground(color: string | null): ConditionalFormatRuleBuilderApi {
    this.model.condition.background = normColor(color);
    return this;
  }
  setFontColor(color: string | null): ConditionalFormatRuleBuilderApi {
    this.model.condition.fontColor = normColor(color);
    return this;
  }
  setBold(bold: boolean | null): ConditionalFormatRuleBuilderApi {
    this.model.condition.bold = bold;
    return this;
  }
  setItalic(italic: boolean | null): ConditionalFormatRuleBuilderApi {
    this.model.condition.italic = italic;
    return this;
  }
  setStrikethrough(v: boolean | null): ConditionalFormatRuleBuilderApi {
    this.model.condition.strikethrough = v;
    return this;
  }
  setUnderline(v: boolean | null): ConditionalFormatRuleBuilderApi {
    this.model.condition.underline = v;
    return this;
  }
  setRanges(ranges: RangeApi[]): ConditionalFormatRuleBuilderApi {
    if (!Array.isArray(ranges) || ranges.some((r) => !(r instanceof RangeApi)))
      throw signatureError(this.$, [ranges], 'SpreadsheetApp.ConditionalFormatRuleBuilder.setRanges');
    const sheets = new Set(ranges.map((r) => r.sh));
    if (sheets.size > 1) throw new ModelError('All ranges of a conditional format rule must be on the same sheet.');
    this.sheet = ranges[0]?.sh ?? null;
    this.model.ranges = ranges.map((r) => r._rect());
    return this;
  }
  getRanges(): RangeApi[] {
    return new ConditionalFormatRuleApi(this.$, this.wb, this.model, this.sheet).getRanges();
  }
  getBooleanCondition(): BooleanConditionApi | null {
    return new ConditionalFormatRuleApi(this.$, this.wb, this.model, this.sheet).getBooleanCondition();
  }
  getGradientCondition(): GradientConditionApi | null {
    return new ConditionalFormatRuleApi(this.$, this.wb, this.model, this.sheet).getGradientCondition();
  }
  build(): ConditionalFormatRuleApi {
    if (!this.model.condition.criteria) throw new ModelError('A conditional format rule needs a condition (for example whenFormulaSatisfied).');
    const c = this.model.condition;
    if (c.criteria === 'GRADIENT' && (!c.gradient?.[0] || !c.gradient?.[2])) throw new ModelError('A gradient needs a minpoint and a maxpoint.');
    if (c.criteria !== 'GRADIENT' && c.background === null && c.fontColor === null && !c.bold && !c.italic && !c.strikethrough && !c.underline)
      throw new ModelError('A conditional format rule needs a format (for example setBackground).');
    return new ConditionalFormatRuleApi(this.$, this.wb, cloneRule(this.model), this.sheet);
  }
  copy(): ConditionalFormatRuleBuilderApi {
    return new ConditionalFormatRuleBuilderApi(this.$, this.wb, cloneRule(this.model), this.sheet);
  }
}

// =====================================================================================
// Charts
// =====================================================================================

export class EmbeddedChartBuilderApi {
  model: ChartModel;
  constructor(
    public $: Ctx,
    public wb: WorkbookModel,
    public sh: SheetModel,
    existing: ChartModel | null,
  ) {
    this.model = existing
      ? { ...existing, ranges: existing.ranges.map((r) => ({ sheetId: r.sheetId, rect: { ...r.rect } })), options: { ...existing.options } }
      : {
          id: 0,
          type: 'COLUMN',
          ranges: [],
          position: { row: 1, column: 1, offsetX: 0, offsetY: 0 },
          options: {},
          numHeaders: -1,
          transpose: false,
          hiddenDimensionStrategy: null,
          mergeStrategy: null,
        };
  }
  setChartType(type: unknown): EmbeddedChartBuilderApi {
    const n = enumName(type);
    if (!n || !ChartType[n]) throw signatureError(this.$, [type], 'SpreadsheetApp.EmbeddedChartBuilder.setChartType');
    this.model.type = n;
    return this;
  }
  getChartType(): EnumValue {
    return ChartType[this.model.type];
  }
  addRange(range: RangeApi): EmbeddedChartBuilderApi {
    if (!(range instanceof RangeApi)) throw signatureError(this.$, [range], 'SpreadsheetApp.EmbeddedChartBuilder.addRange');
    this.model.ranges.push({ sheetId: range.sh.id, rect: range._rect() });
    return this;
  }
  removeRange(range: RangeApi): EmbeddedChartBuilderApi {
    const r = range._rect();
    this.model.ranges = this.model.ranges.filter(
      (x) => !(x.sheetId === range.sh.id && x.rect.r === r.r && x.rect.c === r.c && x.rect.h === r.h && x.rect.w === r.w),
    );
    return this;
  }
  clearRanges(): EmbeddedChartBuilderApi {
    this.model.ranges = [];
    return this;
  }
  getRanges(): RangeApi[] {
    return chartRanges(this.$, this.wb, this.model);
  }
  setPosition(anchorRowPos: number, anchorColPos: number, offsetX: number, offsetY: number): EmbeddedChartBuilderApi {
    this.model.position = { row: anchorRowPos, column: anchorColPos, offsetX, offsetY };
    return this;
  }
  setOption(option: string, value: unknown): EmbeddedChartBuilderApi {
    this.model.options[String(option)] = value;
    return this;
  }
  setNumHeaders(headers: number): EmbeddedChartBuilderApi {
    this.model.numHeaders = headers;
    return this;
  }
  setTransposeRowsAndColumns(transpose: boolean): EmbeddedChartBuilderApi {
    this.model.transpose = !!transpose;
    return this;
  }
  setHiddenDimensionStrategy(strategy: unknown): EmbeddedChartBuilderApi {
    const n = enumName(strategy);
    this.model.hiddenDimensionStrategy = n && ChartHiddenDimensionStrategy[n] ? n : null;
    return this;
  }
  setMergeStrategy(strategy: unknown): EmbeddedChartBuilderApi {
    const n = enumName(strategy);
    this.model.mergeStrategy = n && ChartMergeStrategy[n] ? n : null;
    return this;
  }
  _as(type: string): EmbeddedChartBuilderApi {
    this.model.type = type;
    return this;
  }
  asAreaChart(): EmbeddedChartBuilderApi {
    return this._as('AREA');
  }
  asBarChart(): EmbeddedChartBuilderApi {
    return this._as('BAR');
  }
  asColumnChart(): EmbeddedChartBuilderApi {
    return this._as('COLUMN');
  }
  asComboChart(): EmbeddedChartBuilderApi {
    return this._as('COMBO');
  }
  asHistogramChart(): EmbeddedChartBuilderApi {
    return this._as('HISTOGRAM');
  }
  asLineChart(): EmbeddedChartBuilderApi {
    return this._as('LINE');
  }
  asPieChart(): EmbeddedChartBuilderApi {
    return this._as('PIE');
  }
  asScatterChart(): EmbeddedChartBuilderApi {
    return this._as('SCATTER');
  }
  asTableChart(): EmbeddedChartBuilderApi {
    return this._as('TABLE');
  }
  // Options of the typed builders (EmbeddedPieChartBuilder etc.), stored as chart options.
  setTitle(title: string): EmbeddedChartBuilderApi {
    return this.setOption('title', title);
  }
  setColors(colors: string[]): EmbeddedChartBuilderApi {
    return this.setOption('colors', [...colors]);
  }
  setLegendPosition(position: unknown): EmbeddedChartBuilderApi {
    return this.setOption('legend.position', (enumName(position) ?? '').toLowerCase());
  }
  setStacked(): EmbeddedChartBuilderApi {
    return this.setOption('isStacked', true);
  }
  set3D(): EmbeddedChartBuilderApi {
    return this.setOption('is3D', true);
  }
  setXAxisTitle(title: string): EmbeddedChartBuilderApi {
    return this.setOption('hAxis.title', title);
  }
  setYAxisTitle(title: string): EmbeddedChartBuilderApi {
    return this.setOption('vAxis.title', title);
  }
  setDimensions(width: number, height: number): EmbeddedChartBuilderApi {
    this.setOption('width', width);
    return this.setOption('height', height);
  }
  reverseCategories(): EmbeddedChartBuilderApi {
    return this.setOption('hAxis.direction', -1);
  }
  build(): EmbeddedChartApi {
    return new EmbeddedChartApi(this.$, this.wb, this.sh, {
      ...this.model,
      ranges: this.model.ranges.map((r) => ({ sheetId: r.sheetId, rect: { ...r.rect } })),
      options: { ...this.model.options },
    });
  }
}

function chartRanges($: Ctx, wb: WorkbookModel, m: ChartModel): RangeApi[] {
  const out: RangeApi[] = [];
  for (const r of m.ranges) {
    const sh = wb.sheetById(r.sheetId);
    if (sh) out.push(new RangeApi($, wb, sh, r.rect.r, r.rect.c, r.rect.h, r.rect.w));
  }
  return out;
}

export class EmbeddedChartApi {
  constructor(
    public $: Ctx,
    public wb: WorkbookModel,
    public sh: SheetModel,
    public model: ChartModel,
  ) {}
  getId(): string {
    return `u${this.model.id}`;
  }
  getChartId(): number | null {
    return this.model.id || null;
  }
  getRanges(): RangeApi[] {
    return chartRanges(this.$, this.wb, this.model);
  }
  getOptions(): { get(option: string): unknown } {
    const opts = { ...this.model.options };
    return { get: (option: string) => (option in opts ? opts[option] : null) };
  }
  getContainerInfo(): { getAnchorRow(): number; getAnchorColumn(): number; getOffsetX(): number; getOffsetY(): number } {
    const p = { ...this.model.position };
    return { getAnchorRow: () => p.row, getAnchorColumn: () => p.column, getOffsetX: () => p.offsetX, getOffsetY: () => p.offsetY };
  }
  getNumHeaders(): number {
    return this.model.numHeaders;
  }
  getTransposeRowsAndColumns(): boolean {
    return this.model.transpose;
  }
  modify(): EmbeddedChartBuilderApi {
    return new EmbeddedChartBuilderApi(this.$, this.wb, this.sh, this.model);
  }
}

// =====================================================================================
// Filter
// =====================================================================================

export class FilterApi {
  constructor(
    public $: Ctx,
    public wb: WorkbookModel,
    public sh: SheetModel,
  ) {}
  getRange(): RangeApi {
    const f = this.sh.filter ?? { r: 1, c: 1, h: 1, w: 1 };
    return new RangeApi(this.$, this.wb, this.sh, f.r, f.c, f.h, f.w);
  }
  remove(): void {
    this.sh.filter = null;
  }
}

// =====================================================================================
// SpreadsheetApp
// =====================================================================================

export class SpreadsheetAppApi {
  readonly DeveloperMetadataVisibility = DeveloperMetadataVisibility;
  readonly DeveloperMetadataLocationType = DeveloperMetadataLocationType;
  readonly ProtectionType = ProtectionType;
  readonly BorderStyle = BorderStyle;
  readonly WrapStrategy = WrapStrategy;
  readonly SheetType = SheetType;
  readonly Dimension = Dimension;
  readonly BooleanCriteria = BooleanCriteria;
  readonly InterpolationType = InterpolationType;
  readonly ChartHiddenDimensionStrategy = ChartHiddenDimensionStrategy;
  readonly ChartMergeStrategy = ChartMergeStrategy;
  constructor(
    public $: Ctx,
    public wb: WorkbookModel,
    private ui: () => UiApi,
  ) {}
  getActive(): SpreadsheetApi {
    return spreadsheetApi(this.$, this.wb);
  }
  getActiveSpreadsheet(): SpreadsheetApi {
    return spreadsheetApi(this.$, this.wb);
  }
  getActiveSheet(): SheetApi {
    return spreadsheetApi(this.$, this.wb).getActiveSheet();
  }
  getActiveRange(): RangeApi | null {
    return spreadsheetApi(this.$, this.wb).getActiveRange();
  }
  setActiveSheet(sheet: SheetApi): SheetApi {
    return sheet.activate();
  }
  setActiveRange(range: RangeApi): RangeApi {
    return range.activate();
  }
  getUi(): UiApi {
    return this.ui();
  }
  flush(): void {
    this.wb.ensureCalculated();
  }
  newConditionalFormatRule(): ConditionalFormatRuleBuilderApi {
    return new ConditionalFormatRuleBuilderApi(this.$, this.wb);
  }
  /** The manifest only grants `spreadsheets.currentonly`: opening other files is refused, as in production. */
  openById(id: string): never {
    throw this.$.exception(
      `You do not have permission to call SpreadsheetApp.openById. Required permissions: https://www.googleapis.com/auth/spreadsheets (${id})`,
    );
  }
  openByUrl(url: string): never {
    throw this.$.exception(
      `You do not have permission to call SpreadsheetApp.openByUrl. Required permissions: https://www.googleapis.com/auth/spreadsheets (${url})`,
    );
  }
  create(name: string): never {
    throw this.$.exception(
      `You do not have permission to call SpreadsheetApp.create. Required permissions: https://www.googleapis.com/auth/spreadsheets (${name})`,
    );
  }
}

export const SHEETS_SCOPE = SCOPE_SHEETS;

instrument(RangeApi, 'Range');
instrument(SheetApi, 'Sheet');
instrument(SpreadsheetApi, 'Spreadsheet');
instrument(DeveloperMetadataApi, 'DeveloperMetadata');
instrument(DeveloperMetadataLocationApi, 'DeveloperMetadataLocation');
instrument(DeveloperMetadataFinderApi, 'DeveloperMetadataFinder');
instrument(ProtectionApi, 'Protection');
instrument(BooleanConditionApi, 'BooleanCondition');
instrument(GradientConditionApi, 'GradientCondition');
instrument(ConditionalFormatRuleApi, 'ConditionalFormatRule');
instrument(ConditionalFormatRuleBuilderApi, 'ConditionalFormatRuleBuilder');
instrument(EmbeddedChartBuilderApi, 'EmbeddedChartBuilder');
instrument(EmbeddedChartApi, 'EmbeddedChart');
instrument(FilterApi, 'Filter');
instrument(SpreadsheetAppApi, 'SpreadsheetApp');

export { colToLetters, quoteSheet };

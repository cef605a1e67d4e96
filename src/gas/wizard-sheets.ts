/**
 * Sheet-level helpers of the wizard: the add-on's own sheets (found by developer metadata, rebuilt
 * with a hidden backup so undo is exact), tag columns (found by column metadata), pre-images of
 * the cells a run overwrites, chunked JSON in document properties or a hidden sheet, and the undo
 * record. Every read and write is a whole-range call.
 */
import { asText } from '../core/wizard-tags';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type CellValue = string | number | boolean | Date;

export const META_COL = 'tc.col';
export const META_SHEET = 'tc.sheet';
export const BACKUP_PREFIX = 'backup:';
export const PROP = {
  settings: 'tc.settings',
  rules: 'tc.rules',
  undo: 'tc.undo',
  lastRun: 'tc.lastRun',
};

/** Roles of the sheets the add-on creates. */
export type AddOnRole = 'summary' | 'personas' | 'legend' | 'history' | 'share' | 'store' | 'undo';

/** Largest string written to one cell (Sheets allows 50,000 characters). */
const CHUNK = 45_000;
/** Largest value kept in one document property (the quota is 9 KB per value). */
const PROP_CHUNK = 8_000;

// ---------------------------------------------------------------------------------------------
// Columns

export function columnLetter(col: number): string {
  let s = '';
  let n = col;
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** Tag columns of a sheet: metadata value → 1-based column (first one wins when duplicated). */
export function findTagColumns(sheet: Sheet): Map<string, number> {
  const out = new Map<string, number>();
  const found = sheet.createDeveloperMetadataFinder().withKey(META_COL).withLocationType(SpreadsheetApp.DeveloperMetadataLocationType.COLUMN).find();
  for (const md of found) {
    const loc = md.getLocation();
    const range = loc.getColumn();
    if (!range) continue;
    const value = md.getValue() || '';
    const col = range.getColumn();
    if (!out.has(value) || (out.get(value) as number) > col) out.set(value, col);
  }
  return out;
}

/** Marks a whole column as the add-on's; returns the metadata id. */
export function markColumn(sheet: Sheet, col: number, value: string): number {
  const letter = columnLetter(col);
  const range = sheet.getRange(`${letter}:${letter}`);
  range.addDeveloperMetadata(META_COL, value, SpreadsheetApp.DeveloperMetadataVisibility.PROJECT);
  const mds = range.getDeveloperMetadata();
  let id = -1;
  for (const md of mds) if (md.getKey() === META_COL && md.getValue() === value) id = md.getId();
  return id;
}

// ---------------------------------------------------------------------------------------------
// Cell encoding for pre-images

export type Encoded = string | number | boolean | null | { d: number };

export function encodeCell(v: unknown): Encoded {
  if (v === null || v === undefined || v === '') return '';
  if (typeof v === 'number') return Number.isFinite(v) ? v : String(v);
  if (typeof v === 'boolean') return v;
  if (Object.prototype.toString.call(v) === '[object Date]') return { d: (v as Date).getTime() };
  return String(v);
}

/** Back to a value for setValues that stores exactly what was there (text stays text). */
export function decodeCell(e: Encoded): CellValue {
  if (e === null || e === '') return '';
  if (typeof e === 'object') return new Date(e.d);
  if (typeof e === 'string') return asText(e);
  return e;
}

/** Run-length encoding of a flat list of strings: [value, count, value, count, ...]. */
export function rle(rows: string[][]): (string | number)[] {
  const out: (string | number)[] = [];
  let prev: string | null = null;
  let count = 0;
  for (const row of rows)
    for (const v of row) {
      const s = v ?? '';
      if (s === prev) count++;
      else {
        if (prev !== null) out.push(prev, count);
        prev = s;
        count = 1;
      }
    }
  if (prev !== null) out.push(prev, count);
  return out;
}

export function unrle(list: (string | number)[], rows: number, cols: number): string[][] {
  const out: string[][] = [];
  let i = 0;
  let left = 0;
  let value = '';
  for (let r = 0; r < rows; r++) {
    const row: string[] = new Array(cols);
    for (let c = 0; c < cols; c++) {
      while (left === 0 && i < list.length) {
        value = String(list[i]);
        left = Number(list[i + 1]);
        i += 2;
      }
      row[c] = value;
      left--;
    }
    out.push(row);
  }
  return out;
}

/** What a block of cells held before a run wrote into it. */
export interface RegionImage {
  row: number;
  col: number;
  rows: number;
  cols: number;
  values?: Encoded[][];
  /** Sparse formulas: [r, c, formula] relative to the block. */
  formulas?: [number, number, string][];
  formats?: (string | number)[];
  backgrounds?: (string | number)[];
}

/** A background to write back: white (what getBackgrounds reports for "no fill") resets the fill. */
export function bgOut(b: string | null | undefined): string | null {
  return !b || b.toLowerCase() === '#ffffff' ? null : b;
}

export function restoreRegion(sheet: Sheet, img: RegionImage): void {
  if (img.rows < 1 || img.cols < 1) return;
  const maxRows = sheet.getMaxRows();
  const maxCols = sheet.getMaxColumns();
  if (img.row + img.rows - 1 > maxRows || img.col + img.cols - 1 > maxCols) return;
  const range = sheet.getRange(img.row, img.col, img.rows, img.cols);
  if (img.values) {
    const vals: CellValue[][] = img.values.map((row) => row.map(decodeCell));
    if (img.formulas) for (const [r, c, f] of img.formulas) vals[r][c] = f;
    range.setValues(vals);
  }
  if (img.formats) range.setNumberFormats(unrle(img.formats, img.rows, img.cols));
  if (img.backgrounds) range.setBackgrounds(unrle(img.backgrounds, img.rows, img.cols).map((row) => row.map(bgOut)) as string[][]);
}

// ---------------------------------------------------------------------------------------------
// Add-on sheets

export function findAddOnSheet(ss: Spreadsheet, role: string): Sheet | null {
  const found = ss.createDeveloperMetadataFinder().withKey(META_SHEET).withValue(role).find();
  for (const md of found) {
    const loc = md.getLocation();
    if (String(loc.getLocationType()) !== String(SpreadsheetApp.DeveloperMetadataLocationType.SHEET)) continue;
    const sh = loc.getSheet();
    if (sh) return sh;
  }
  return null;
}

/** All sheets carrying add-on metadata: sheetId → role (including backups). */
export function addOnSheetIds(ss: Spreadsheet): Map<number, string> {
  const out = new Map<number, string>();
  for (const md of ss.createDeveloperMetadataFinder().withKey(META_SHEET).find()) {
    const loc = md.getLocation();
    if (String(loc.getLocationType()) !== String(SpreadsheetApp.DeveloperMetadataLocationType.SHEET)) continue;
    const sh = loc.getSheet();
    if (sh) out.set(sh.getSheetId(), md.getValue() || '');
  }
  return out;
}

function setSheetRole(sheet: Sheet, role: string): void {
  const mds = sheet.getDeveloperMetadata().filter((m) => m.getKey() === META_SHEET);
  if (mds.length) {
    mds[0].setValue(role);
    for (let i = 1; i < mds.length; i++) mds[i].remove();
  } else sheet.addDeveloperMetadata(META_SHEET, role, SpreadsheetApp.DeveloperMetadataVisibility.PROJECT);
}

/** A sheet name not used yet: `base`, `base (2)`, ... */
export function freeName(ss: Spreadsheet, base: string): string {
  const used = new Set(ss.getSheets().map((s) => s.getName().toLowerCase()));
  if (!used.has(base.toLowerCase())) return base;
  for (let i = 2; ; i++) {
    const name = `${base} (${i})`;
    if (!used.has(name.toLowerCase())) return name;
  }
}

export interface ReplacedSheet {
  role: string;
  /** Name and position the sheet had. */
  name: string;
  index: number;
  hidden: boolean;
  /** Name of the hidden backup it was renamed to. */
  backup: string;
}

export interface SheetsUndo {
  /** Add-on sheets created by the run (by role): deleted on undo. */
  created: string[];
  /** Add-on sheets the run replaced: the old sheet was renamed to a hidden backup. */
  replaced: ReplacedSheet[];
}

/**
 * A fresh add-on sheet for `role`. An existing one is kept as a hidden backup (renamed, role
 * `backup:<role>`) so undo can put it back exactly (same sheet, id, charts, formats).
 */
export function freshAddOnSheet(ss: Spreadsheet, role: AddOnRole, title: string, undo: SheetsUndo, hidden = false): Sheet {
  const old = findAddOnSheet(ss, role);
  let position = ss.getSheets().length;
  let name = title;
  if (old) {
    position = old.getIndex() - 1;
    name = old.getName();
    const wasHidden = old.isSheetHidden();
    const backup = freeName(ss, `_tc_backup_${role}`);
    old.setName(backup);
    setSheetRole(old, `${BACKUP_PREFIX}${role}`);
    undo.replaced.push({ role, name, index: position, hidden: wasHidden, backup });
  } else {
    name = freeName(ss, title);
    undo.created.push(role);
  }
  const sheet = ss.insertSheet(name, position);
  setSheetRole(sheet, role);
  if (old && !old.isSheetHidden()) old.hideSheet();
  if (hidden) sheet.hideSheet();
  return sheet;
}

/** Puts add-on sheets back as they were before a run (also used to roll back a failed run). */
export function undoSheets(ss: Spreadsheet, undo: SheetsUndo): void {
  for (const role of undo.created.slice().reverse()) {
    const sh = findAddOnSheet(ss, role);
    if (sh) ss.deleteSheet(sh);
  }
  for (const r of undo.replaced.slice().reverse()) {
    const fresh = findAddOnSheet(ss, r.role);
    const backup = ss.getSheetByName(r.backup);
    if (!backup) continue;
    if (fresh) ss.deleteSheet(fresh);
    backup.setName(r.name);
    setSheetRole(backup, r.role);
    if (!r.hidden) backup.showSheet();
  }
}

/** Deletes the backups of the previous run (its undo is replaced by the new run's). */
export function dropBackups(ss: Spreadsheet): void {
  for (const sh of ss.getSheets()) {
    const role = sh
      .getDeveloperMetadata()
      .filter((m) => m.getKey() === META_SHEET)
      .map((m) => m.getValue() || '')[0];
    if (role && role.indexOf(BACKUP_PREFIX) === 0) ss.deleteSheet(sh);
  }
}

// ---------------------------------------------------------------------------------------------
// Chunked text: document properties and hidden sheets

export function readJsonProp<T>(key: string): T | null {
  const props = PropertiesService.getDocumentProperties();
  const head = props.getProperty(key);
  if (head === null || head === undefined) return null;
  try {
    const h = JSON.parse(head);
    if (h && typeof h === 'object' && h.__chunks) {
      let s = '';
      for (let i = 0; i < h.__chunks; i++) s += props.getProperty(`${key}#${i}`) || '';
      return JSON.parse(s) as T;
    }
    return h as T;
  } catch {
    return null;
  }
}

export function writeJsonProp(key: string, value: unknown): void {
  const props = PropertiesService.getDocumentProperties();
  deleteJsonProp(key);
  const s = JSON.stringify(value);
  if (s.length <= PROP_CHUNK) {
    props.setProperty(key, s);
    return;
  }
  const parts: Record<string, string> = {};
  let n = 0;
  for (let i = 0; i < s.length; i += PROP_CHUNK) parts[`${key}#${n++}`] = s.slice(i, i + PROP_CHUNK);
  parts[key] = JSON.stringify({ __chunks: n });
  props.setProperties(parts);
}

export function deleteJsonProp(key: string): void {
  const props = PropertiesService.getDocumentProperties();
  const head = props.getProperty(key);
  if (head === null || head === undefined) return;
  try {
    const h = JSON.parse(head);
    if (h && typeof h === 'object' && h.__chunks) for (let i = 0; i < h.__chunks; i++) props.deleteProperty(`${key}#${i}`);
  } catch {
    // not JSON: just delete the key
  }
  props.deleteProperty(key);
}

/** Splits text into cells of a one-column block (each chunk forced to text). */
export function textToColumn(s: string): string[][] {
  const out: string[][] = [];
  for (let i = 0; i < s.length; i += CHUNK) out.push([asText(s.slice(i, i + CHUNK))]);
  if (!out.length) out.push(['']);
  return out;
}

export function columnToText(values: unknown[][]): string {
  let s = '';
  for (const row of values) s += row[0] === null || row[0] === undefined ? '' : String(row[0]);
  return s;
}

/** Writes a JSON blob into column A of a (fresh) sheet: one setValues. */
export function writeBlob(sheet: Sheet, value: unknown): void {
  const block = textToColumn(JSON.stringify(value));
  if (sheet.getMaxRows() < block.length) sheet.insertRowsAfter(sheet.getMaxRows(), block.length - sheet.getMaxRows());
  sheet.getRange(1, 1, block.length, 1).setValues(block);
}

/** Reads a JSON blob from column A: one getValues. */
export function readBlob<T>(sheet: Sheet): T | null {
  const last = sheet.getLastRow();
  if (last < 1) return null;
  try {
    return JSON.parse(columnToText(sheet.getRange(1, 1, last, 1).getValues())) as T;
  } catch {
    return null;
  }
}

/**
 * Step 1 of the wizard: read one sheet (one getValues), find its header row and what each column
 * holds (src/core/columns.ts), with sample values for the mapping table.
 */
import type { Cell } from '../core/args';
import { detectColumns, detectHeaderRow, detectTableKind } from '../core/columns';
import { callError } from '../core/errors';
import { localize } from '../core/i18n';
import type { Env } from './wizard';
import type { ColumnMapping, DetectedColumn, DetectResult } from './wizard-api';
import { columnLetter, findTagColumns } from './wizard-sheets';

const D = {
  noSheet: { en: 'There is no sheet named "{sheet}". Pick the sheet again.', vi: 'Không có trang tính nào tên "{sheet}". Hãy chọn lại trang tính.' },
  empty: {
    en: 'Sheet "{sheet}" is empty. Put your data on it (a header row, then one row per order or customer).',
    vi: 'Trang tính "{sheet}" đang trống. Hãy nhập dữ liệu (một dòng tiêu đề, sau đó mỗi dòng là một đơn hàng hoặc một khách hàng).',
  },
  headerOnly: {
    en: 'Sheet "{sheet}" has a header row but no data under it yet.',
    vi: 'Trang tính "{sheet}" mới có dòng tiêu đề, chưa có dữ liệu bên dưới.',
  },
  noHeader: {
    en: 'No header row was found on "{sheet}"; the columns were guessed from their content. Check the mapping.',
    vi: 'Không tìm thấy dòng tiêu đề trên "{sheet}"; các cột được đoán theo nội dung. Hãy kiểm tra lại.',
  },
  kind: { en: 'Looks like {kind}: {reason}.', vi: 'Có vẻ là {kind}: {reason}.' },
  orders: { en: 'an order log (one row per order)', vi: 'nhật ký đơn hàng (mỗi dòng một đơn)' },
  customers: { en: 'a customer table (one row per customer)', vi: 'bảng khách hàng (mỗi dòng một khách)' },
  unknownKind: {
    en: 'It is not clear what this sheet holds ({reason}). Choose the columns below.',
    vi: 'Chưa rõ trang tính này chứa gì ({reason}). Hãy chọn các cột bên dưới.',
  },
  filter: {
    en: 'The sheet has a filter: hidden rows are analysed and tagged too.',
    vi: 'Trang tính đang bật bộ lọc: các dòng bị ẩn vẫn được phân tích và gắn nhãn.',
  },
  tagCols: {
    en: '{n} columns were added by this add-on earlier; they are not used as input.',
    vi: '{n} cột do tiện ích thêm trước đây; chúng không được dùng làm dữ liệu đầu vào.',
  },
  missing: { en: 'Still needed: {list}.', vi: 'Còn thiếu: {list}.' },
};

/**
 * Step 1 for one sheet: header row, column roles with sample values, warnings. `headerRow`
 * (1-based) is the user's choice of header row; without it the header row is detected.
 */
export function detectSheet(env: Env, name: string, headerRow1?: number | null): DetectResult {
  const { ss, ctx } = env;
  const sheet = ss.getSheetByName(String(name || ''));
  if (!sheet) throw callError(ctx, D.noSheet, { sheet: String(name || '').slice(0, 100) });
  const rows = sheet.getLastRow();
  const cols = sheet.getLastColumn();
  if (rows < 1 || cols < 1) throw callError(ctx, D.empty, { sheet: sheet.getName() });
  const grid = sheet.getRange(1, 1, rows, cols).getValues() as Cell[][];
  const tagCols = new Set(Array.from(findTagColumns(sheet).values()).map((c) => c - 1));
  // The add-on's own columns are hidden from detection.
  const input = tagCols.size ? grid.map((row) => row.map((v, c) => (tagCols.has(c) ? '' : v))) : grid;
  const chosen = Number(headerRow1);
  const headerRow = Number.isInteger(chosen) && chosen >= 1 && chosen <= rows ? chosen - 1 : detectHeaderRow(input);
  const year = new Date().getFullYear();
  const m = detectColumns(input, headerRow, ctx.locale, { headerRow, year, timeZone: ctx.timeZone });
  const kind = detectTableKind(m);
  const warnings: string[] = [];
  const L = (t: { en: string; vi: string }, p?: Record<string, string | number>) => localize(ctx.lang, t, p);
  if (headerRow < 0) warnings.push(L(D.noHeader, { sheet: sheet.getName() }));
  if (m.dataRows === 0) warnings.push(L(D.headerOnly, { sheet: sheet.getName() }));
  if (kind.kind === 'unknown') warnings.push(L(D.unknownKind, { reason: L(kind.reason) }));
  else warnings.push(L(D.kind, { kind: L(kind.kind === 'orders' ? D.orders : D.customers), reason: L(kind.reason) }));
  if (kind.missing.length) {
    const names = kind.missing.map((r) => L(ROLE_LABELS[r] || { en: r, vi: r }));
    warnings.push(L(D.missing, { list: names.join(', ') }));
  }
  try {
    if (sheet.getFilter()) warnings.push(L(D.filter));
  } catch {
    // getFilter is optional in some environments
  }
  if (tagCols.size) warnings.push(L(D.tagCols, { n: tagCols.size }));
  const mapping: ColumnMapping = {};
  const byCol = new Map<number, DetectedColumn>();
  for (const [role, match] of Object.entries(m.roles)) {
    if (!match) continue;
    mapping[role as keyof ColumnMapping] = match.col;
  }
  const columns: DetectedColumn[] = [];
  for (let c = 0; c < m.width; c++) {
    const role = m.columns[c];
    const match = role ? m.roles[role] : undefined;
    const col: DetectedColumn = {
      index: c,
      letter: columnLetter(c + 1),
      header: m.headers[c] || '',
      samples: match ? match.samples.slice(0, 5) : samplesOf(input, m.dataStart, m.dataEnd, c),
      role: role || null,
      confidence: match ? match.confidence : 0,
      reason: match ? L(match.reason) + (match.warning ? ` — ${L(match.warning)}` : '') : '',
      addOn: tagCols.has(c),
    };
    byCol.set(c, col);
    columns.push(col);
  }
  return {
    sheet: sheet.getName(),
    headerRow: headerRow + 1,
    dataRows: m.dataRows,
    kind: kind.kind === 'unknown' ? (mapping.order_date !== undefined && mapping.amount !== undefined ? 'orders' : 'customers') : kind.kind,
    columns,
    mapping,
    warnings,
  };
}

import { ROLE_NAMES as ROLE_LABELS } from '../core/columns';

function samplesOf(grid: Cell[][], start: number, end: number, c: number): string[] {
  const out: string[] = [];
  for (let r = start; r < end && out.length < 5; r++) {
    const v = grid[r]?.[c];
    if (v === null || v === undefined || v === '') continue;
    const s = Object.prototype.toString.call(v) === '[object Date]' ? (v as Date).toISOString().slice(0, 10) : String(v);
    if (!out.includes(s)) out.push(s.length > 60 ? `${s.slice(0, 57)}...` : s);
  }
  return out;
}

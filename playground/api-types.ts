/** JSON shapes exchanged between the playground server and its page. */

export interface MenuView {
  title: string;
  items: { label: string; fn: string; separator?: boolean }[];
}

export interface StateView {
  name: string;
  locale: string;
  timeZone: string;
  sheets: { name: string; rows: number; cols: number; hidden: boolean; addOn: boolean }[];
  activeSheet: string;
  menu: MenuView | null;
  sidebar: { title: string; version: number } | null;
  /** The last few toasts the add-on showed (Spreadsheet.toast). */
  toasts: { title: string; message: string }[];
  version: number;
}

/** One cell as shown: display text plus the formatting the add-on applies. */
export interface CellView {
  /** Display value (getDisplayValues semantics). */
  d: string;
  /** Formula, when the cell holds one. */
  f?: string;
  bg?: string;
  fc?: string;
  b?: boolean;
  i?: boolean;
  /** Right-aligned (numbers and dates). */
  num?: boolean;
  ha?: string;
  wrap?: boolean;
  /** Note text. */
  n?: string;
  /** Error message (a formula that failed). */
  err?: string;
}

export interface ChartView {
  type: string;
  title: string;
  labels: string[];
  values: number[];
  display: string[];
  colors: string[];
}

export interface SheetView {
  name: string;
  /** Rows shown (data plus some blank rows to type into). */
  rows: number;
  /** Last row with content. */
  lastRow: number;
  cols: number;
  offset: number;
  frozenRows: number;
  frozenColumns: number;
  colWidths: number[];
  /** Rows offset..offset+limit-1. */
  cells: (CellView | null)[][];
  /** The frozen rows (always sent, to stay on top). */
  frozen: (CellView | null)[][];
  charts: ChartView[];
}

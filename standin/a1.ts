/** A1 notation: parsing `Sheet!A1:B2`, `'My sheet'!C:C`, `2:5`, `A2:A` and writing it back. */

export interface A1Ref {
  /** Sheet name when the notation had one (`'Đơn hàng'!A1`). */
  sheet?: string;
  /** 1-based; `null` on an open side (`C:C` has no rows). */
  row1: number | null;
  col1: number | null;
  row2: number | null;
  col2: number | null;
}

export function colToLetters(col: number): string {
  let s = '';
  let n = col;
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

export function lettersToCol(letters: string): number {
  let n = 0;
  for (let i = 0; i < letters.length; i++) n = n * 26 + (letters.charCodeAt(i) - 64);
  return n;
}

const PART = /^\$?([A-Za-z]{1,3})?\$?([0-9]{1,7})?$/;

/** Splits `Sheet!A1:B2` into its sheet name and range part; handles quoted names with `''`. */
export function splitSheet(a1: string): { sheet?: string; ref: string } {
  const s = a1.trim();
  if (s.startsWith("'")) {
    let i = 1;
    let name = '';
    while (i < s.length) {
      if (s[i] === "'") {
        if (s[i + 1] === "'") {
          name += "'";
          i += 2;
          continue;
        }
        break;
      }
      name += s[i++];
    }
    if (s[i] !== "'" || s[i + 1] !== '!') return { ref: s };
    return { sheet: name, ref: s.slice(i + 2) };
  }
  const bang = s.lastIndexOf('!');
  if (bang >= 0) return { sheet: s.slice(0, bang), ref: s.slice(bang + 1) };
  return { ref: s };
}

/** Parses A1 notation; returns null when it is not valid. Rows/columns come back in ascending order. */
export function parseA1(a1: string): A1Ref | null {
  if (typeof a1 !== 'string') return null;
  const { sheet, ref } = splitSheet(a1);
  if (!ref) return null;
  const parts = ref.split(':');
  if (parts.length > 2) return null;
  const p = parts.map((x) => PART.exec(x));
  if (p.some((m) => !m || (!m[1] && !m[2]))) return null;
  const col = (m: RegExpExecArray) => (m[1] ? lettersToCol(m[1].toUpperCase()) : null);
  const row = (m: RegExpExecArray) => (m[2] ? Number(m[2]) : null);
  const a = p[0] as RegExpExecArray;
  const b = (p[1] ?? a) as RegExpExecArray;
  let c1 = col(a);
  let r1 = row(a);
  let c2 = col(b);
  let r2 = row(b);
  if (r1 === 0 || r2 === 0) return null;
  if (parts.length === 1 && (c1 === null || r1 === null)) return null; // a lone `A` or `3`
  if ((c1 === null) !== (c2 === null)) return null; // `3:B4`
  if (r1 === null && r2 !== null) return null; // `A:B5`
  if (c1 === null && (r1 === null || r2 === null)) return null;
  if (c1 !== null && c2 !== null && c1 > c2) [c1, c2] = [c2, c1];
  if (r1 !== null && r2 !== null && r1 > r2) [r1, r2] = [r2, r1];
  return { sheet, row1: r1, col1: c1, row2: r2, col2: c2 };
}

/** Writes `A1`, `A1:B2` (no sheet name), the form `Range.getA1Notation()` returns. */
export function toA1(row: number, col: number, numRows: number, numCols: number, maxRows?: number, maxCols?: number): string {
  const fullCols = maxRows !== undefined && row === 1 && numRows === maxRows;
  const fullRows = maxCols !== undefined && col === 1 && numCols === maxCols;
  if (fullCols && !fullRows) return `${colToLetters(col)}:${colToLetters(col + numCols - 1)}`;
  if (fullRows && !fullCols) return `${row}:${row + numRows - 1}`;
  const a = `${colToLetters(col)}${row}`;
  if (numRows === 1 && numCols === 1) return a;
  return `${a}:${colToLetters(col + numCols - 1)}${row + numRows - 1}`;
}

/** Quotes a sheet name for A1 notation when needed. */
export function quoteSheet(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

/** Reads the CDNOW reference files (../shared/data/reference/cdnow) into sheet-like columns. */
import fs from 'node:fs';
import path from 'node:path';

export const REFERENCE = path.resolve(import.meta.dirname ?? __dirname, '../../shared/data/reference');

export interface OrderColumns {
  ids: string[][];
  dates: string[][];
  amounts: number[][];
}

/** `CDNOW_master.txt` (id date cds dollars, header) or `CDNOW_sample.txt` (master_id sample_id date cds dollars). */
export function readCdnow(which: 'master' | 'sample'): OrderColumns {
  const file = path.join(REFERENCE, 'cdnow', which === 'master' ? 'CDNOW_master.txt' : 'CDNOW_sample.txt');
  const lines = fs.readFileSync(file, 'utf8').split(/\r?\n/);
  const ids: string[][] = [];
  const dates: string[][] = [];
  const amounts: number[][] = [];
  for (const line of lines) {
    const f = line.trim().split(/\s+/);
    if (f.length < 4 || !/^\d/.test(f[0])) continue;
    const [id, date, dollars] = which === 'master' ? [f[0], f[1], f[3]] : [f[1], f[2], f[4]];
    ids.push([id]);
    dates.push([`${date.slice(0, 4)}-${date.slice(4, 6)}-${date.slice(6, 8)}`]);
    amounts.push([Number(dollars)]);
  }
  return { ids, dates, amounts };
}

/**
 * File runner benchmark: a synthetic 1,000,000-order CSV (the sample generator scaled up to
 * 100,000 customers) and the CDNOW master file, each through `bin/target-customers.mjs analyze`.
 * Reports wall time and the peak RSS the runner itself measured.
 *
 *   npx tsx bench/file-runner.bench.ts [--rows 1000000]
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateSampleData, tableCsv } from '../playground/sample-data';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const TMP = path.join(ROOT, '.playground-tmp');
const CDNOW = path.resolve(ROOT, '../shared/data/reference/cdnow/CDNOW_master.txt');

export function syntheticCsv(rows: number): string {
  fs.mkdirSync(TMP, { recursive: true });
  const file = path.join(TMP, `orders-${rows}.csv`);
  if (fs.existsSync(file)) return file;
  const data = generateSampleData({ customers: Math.max(100, Math.round(rows / 10)), orders: rows, seed: 'bench' });
  fs.writeFileSync(file, tableCsv(data.orders));
  return file;
}

export function runCli(file: string, extra: string[] = []): { ms: number; peakMb: number; stdout: string; stderr: string; status: number | null } {
  const out = path.join(TMP, `${path.basename(file)}.xlsx`);
  const t0 = Date.now();
  const r = spawnSync(process.execPath, [path.join(ROOT, 'bin/target-customers.mjs'), 'analyze', file, '--out', out, '--lang', 'en', ...extra], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const ms = Date.now() - t0;
  const m = /peak memory (\d+) MB/.exec(r.stderr);
  return { ms, peakMb: m ? Number(m[1]) : Number.NaN, stdout: r.stdout, stderr: r.stderr, status: r.status };
}

const isMain = process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const i = process.argv.indexOf('--rows');
  const rows = i >= 0 ? Number(process.argv[i + 1]) : 1_000_000;
  const t0 = Date.now();
  const file = syntheticCsv(rows);
  console.log(`synthetic file: ${file} (${(fs.statSync(file).size / 1048576).toFixed(0)} MB, generated/cached in ${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  for (const [name, f, extra] of [
    ['CDNOW master (69,659 rows, script path: dist/Code.js)', CDNOW, ['--locale', 'en_US', '--engine', 'script']],
    ['CDNOW master (engine path)', CDNOW, ['--locale', 'en_US', '--engine', 'engine']],
    [`synthetic ${rows.toLocaleString('en-US')} rows (auto → engine path)`, file, []],
  ] as const) {
    if (!fs.existsSync(f)) {
      console.log(`${name}: file missing (${f})`);
      continue;
    }
    const r = runCli(f, [...extra]);
    console.log(`${name}: ${r.status === 0 ? 'ok' : `FAILED (${r.status})`} in ${(r.ms / 1000).toFixed(1)} s, peak RSS ${r.peakMb} MB`);
    if (r.status !== 0) console.log(r.stderr.slice(-2000));
  }
}

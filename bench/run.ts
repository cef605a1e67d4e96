/**
 * Custom-function benchmarks through the BUILT bundle (dist/Code.js in a vm, as Sheets calls it),
 * each reported as milliseconds and as a ratio to a baseline measured in the same run: sorting the
 * same amounts (a Float64Array sort of the amount column), so figures compare across machines.
 *   npm run bench            # all
 *   npm run bench -- --json  # machine-readable
 */
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { readCdnow } from './cdnow';
import { syntheticOrders } from './synthetic';

process.env.TZ = 'Asia/Ho_Chi_Minh';
const root = path.resolve(import.meta.dirname, '..');
const code = fs.readFileSync(path.join(root, 'dist/Code.js'), 'utf8');

function load(): Record<string, any> {
  const ctx = vm.createContext({
    SpreadsheetApp: { getActiveSpreadsheet: () => ({ getSpreadsheetLocale: () => 'vi_VN', getSpreadsheetTimeZone: () => 'Asia/Ho_Chi_Minh' }) },
    Session: { getScriptTimeZone: () => 'Asia/Ho_Chi_Minh', getActiveUserLocale: () => 'vi_VN' },
    CacheService: { getDocumentCache: () => null, getScriptCache: () => null },
  });
  vm.runInContext(code, ctx);
  return ctx as Record<string, any>;
}

function time(fn: () => unknown, reps = 5): number {
  fn(); // warm-up (Apps Script compiles too; we report the steady state)
  const t: number[] = [];
  for (let i = 0; i < reps; i++) {
    const t0 = performance.now();
    fn();
    t.push(performance.now() - t0);
  }
  t.sort((a, b) => a - b);
  return t[Math.floor(t.length / 2)];
}

function baseline(amounts: number[][]): number {
  return time(() => Float64Array.from(amounts, (r) => r[0]).sort(), 9);
}

const g = load();
const rows: { name: string; ms: number; base: number; budget: number }[] = [];
const synth = syntheticOrders(100_000, 20_000);
const synthBase = baseline(synth.amounts);
rows.push({ name: 'PARETO_RANK, 100,000 orders / 20,000 customers', ms: time(() => g.PARETO_RANK(synth.amounts, synth.ids)), base: synthBase, budget: 500 });
rows.push({
  name: 'SEGMENT, 100,000 orders / 20,000 customers',
  ms: time(() => g.SEGMENT(synth.ids, synth.dates, synth.amounts)),
  base: synthBase,
  budget: 500,
});
const master = readCdnow('master');
const masterBase = baseline(master.amounts);
rows.push({
  name: 'CLV, CDNOW master (69,659 rows / 23,570 customers), fit included',
  ms: time(() => g.CLV(master.ids, master.dates, master.amounts, 12, 0.1, 1, '1997-09-30'), 3),
  base: masterBase,
  budget: 2000,
});
const sample = readCdnow('sample');
const sampleBase = baseline(sample.amounts);
rows.push({
  name: 'CLV, CDNOW sample (6,919 rows / 2,357 customers), fit included',
  ms: time(() => g.CLV(sample.ids, sample.dates, sample.amounts, 12, 0.1, 1, '1997-09-30')),
  base: sampleBase,
  budget: 100,
});

if (process.argv.includes('--json')) console.log(JSON.stringify(rows, null, 2));
else {
  console.log(`Node ${process.version}, dist/Code.js ${(Buffer.byteLength(code) / 1024).toFixed(1)} KB\n`);
  console.log('| benchmark (through dist/Code.js) | median ms | × baseline sort | budget |');
  console.log('|---|---:|---:|---:|');
  for (const r of rows) console.log(`| ${r.name} | ${r.ms.toFixed(1)} | ${(r.ms / r.base).toFixed(0)}× (sort ${r.base.toFixed(2)} ms) | < ${r.budget} ms |`);
}
const over = rows.filter((r) => r.ms > r.budget);
if (over.length) {
  console.error(`Over budget: ${over.map((r) => r.name).join('; ')}`);
  process.exitCode = 1;
}

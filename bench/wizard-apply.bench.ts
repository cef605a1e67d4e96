/**
 * Scale benchmark of the wizard's apply, through the BUILT bundle (dist/Code.js loaded with
 * gas-local into the local stand-in): 50,000 customers (a customer table with demographics) and
 * 200,000 orders, all analyses on, rows coloured, persona sheet built. Prints the time and the
 * range reads/writes counted by the stand-in, for the first run, an identical re-run and undo.
 * Target: < 10 s per apply in Node, ≤ 30 range reads + writes.
 *
 *   npm run build && npx tsx bench/wizard-apply.bench.ts [--customers 50000] [--orders 200000] [--json]
 */

import { createRequire } from 'node:module';
import path from 'node:path';
import { createStandIn } from '../standin';

process.env.TZ = 'Asia/Ho_Chi_Minh';
const require = createRequire(import.meta.url);
const gas = require('gas-local');
const root = path.resolve(import.meta.dirname, '..');

const arg = (name: string, dflt: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};
const N_CUSTOMERS = arg('customers', 50_000);
const N_ORDERS = arg('orders', 200_000);
const JSON_OUT = process.argv.includes('--json');

const PROVINCES = ['TP.HCM', 'Hà Nội', 'Đà Nẵng', 'Bình Dương', 'Cần Thơ', 'Huế', 'Hải Phòng', 'Khánh Hòa', 'Nghệ An', 'Đồng Nai', 'Sài Gòn', 'Ha Noi'];
const CHANNELS = ['Online', 'Cửa hàng', 'Shopee', 'Zalo'];

function data() {
  let seed = 20240601;
  const rnd = () => {
    seed = (seed * 16807) % 2147483647;
    return seed / 2147483647;
  };
  const customers: unknown[][] = [['Mã KH', 'Họ tên', 'SĐT', 'Tỉnh/Thành phố', 'Năm sinh', 'Giới tính']];
  for (let c = 0; c < N_CUSTOMERS; c++)
    customers.push([
      `KH${String(c).padStart(6, '0')}`,
      `Khách hàng ${c}`,
      `'09${String(10_000_000 + c)}`,
      PROVINCES[c % PROVINCES.length],
      1955 + (c % 50),
      c % 3 ? 'Nữ' : 'Nam',
    ]);
  const orders: unknown[][] = [['Mã KH', 'Ngày mua', 'Thành tiền', 'Kênh', 'Giảm giá']];
  const start = Date.UTC(2022, 0, 1);
  for (let i = 0; i < N_ORDERS; i++) {
    // Skewed: a few customers buy often (Pareto-like), everyone buys at least once.
    const c = i < N_CUSTOMERS ? i : Math.floor(rnd() * rnd() * N_CUSTOMERS);
    orders.push([
      `KH${String(c).padStart(6, '0')}`,
      new Date(start + Math.floor(rnd() * 1000) * 86_400_000 + 3 * 3_600_000),
      Math.round(50 + rnd() * rnd() * 5000) * 1000,
      CHANNELS[Math.floor(rnd() * CHANNELS.length)],
      rnd() < 0.25 ? 0.1 : 0,
    ]);
  }
  return { customers, orders };
}

const t0 = Date.now();
const { customers, orders } = data();
const si = createStandIn({
  locale: 'vi_VN',
  sheets: [
    { name: 'Khách hàng', values: customers, raw: false },
    { name: 'Đơn hàng', values: orders },
  ],
});
const app = gas.require(path.join(root, 'dist'), si.globals, { filter: (f: string) => f.endsWith('Code.js') });
const setupMs = Date.now() - t0;

const req = {
  lang: 'vi',
  sources: {
    orders: { sheet: 'Đơn hàng', headerRow: 1, mapping: { customer_id: 0, order_date: 1, amount: 2, channel: 3, discount: 4 } },
    customers: { sheet: 'Khách hàng', headerRow: 1, mapping: { customer_id: 0, customer_name: 1, phone: 2, province: 3, birth_year: 4, gender: 5 } },
  },
  params: {
    pareto: { enabled: true, measure: 'revenue', aShare: 0.8, bShare: 0.95 },
    rfm: { enabled: true, scheme: 'default', analysisDate: null },
    clv: { enabled: true, horizonMonths: 12, annualDiscountRate: 0.1, margin: 1 },
    demographics: { enabled: true },
    behaviour: { enabled: true, bargainShare: 0.6 },
  },
  tags: ['segment', 'pareto_class', 'rfm_score', 'clv', 'p_alive', 'region', 'age_band', 'behaviour'],
  colorRows: true,
  tagOrderRows: false,
  personas: true,
};

function run(label: string, fn: () => { ok: boolean; error?: { message: string } }) {
  si.resetCalls();
  const t = Date.now();
  const res = fn();
  const ms = Date.now() - t;
  if (!res.ok) throw new Error(`${label} failed: ${res.error?.message}`);
  return { label, ms, rangeReads: si.rangeIO('read'), rangeWrites: si.rangeIO('write'), rangeIO: si.rangeIO() };
}

const results = [
  run('apply (first run, with personas)', () => app.wizardApply(req)),
  run('apply (re-run, same columns)', () => app.wizardApply(req)),
  run('undo', () => app.wizardUndo('vi')),
];
if (JSON_OUT) console.log(JSON.stringify({ customers: N_CUSTOMERS, orders: N_ORDERS, setupMs, results }, null, 2));
else {
  console.log(`wizard apply: ${N_CUSTOMERS.toLocaleString('en')} customers, ${N_ORDERS.toLocaleString('en')} orders (stand-in setup ${setupMs} ms)`);
  for (const r of results)
    console.log(`  ${r.label.padEnd(36)} ${String(r.ms).padStart(6)} ms   range IO ${r.rangeIO} (${r.rangeReads} reads, ${r.rangeWrites} writes)`);
  const worst = Math.max(...results.slice(0, 2).map((r) => r.ms));
  const io = Math.max(...results.slice(0, 2).map((r) => r.rangeIO));
  console.log(`  target: apply < 10000 ms → ${worst < 10_000 ? 'OK' : 'TOO SLOW'}; range IO ≤ 30 → ${io <= 30 ? 'OK' : 'TOO MANY'}`);
  if (worst >= 10_000 || io > 30) process.exitCode = 1;
}

/**
 * Command line of the file runner (started by bin/target-customers.mjs through tsx):
 *
 *   target-customers analyze <orders.csv|tsv|txt|xlsx> [--customers <file>] [--out result.xlsx]
 *                            [--lang vi|en] [--locale vi_VN] [--time-zone Asia/Ho_Chi_Minh]
 *                            [--engine auto|script|engine]
 *   target-customers sample [--out-dir <dir>] [--customers N] [--orders N] [--seed S]
 */
import fs from 'node:fs';
import path from 'node:path';
import { type Lang, type Localized, langFromLocale, localize } from '../src/core/i18n';
import { analyzeFiles, RunnerError } from './runner';
import { generateSampleData, tableCsv } from './sample-data';
import { UploadError } from './workbook-io';

const USAGE: Localized = {
  en: `Usage:
  target-customers analyze <orders.csv|xlsx> [--customers <file>] [--out result.xlsx]
                           [--lang vi|en] [--locale vi_VN] [--time-zone Asia/Ho_Chi_Minh] [--engine auto|script|engine]
  target-customers sample [--out-dir <dir>] [--customers 2000] [--orders 20000] [--seed 2025]

analyze  runs the wizard's default analyses (Pareto, RFM segments, CLV, demographics, behaviour)
         and writes the tagged workbook with a persona sheet. Files up to 100,000 order rows run
         through the add-on itself (dist/Code.js); bigger files use the same engine directly.
sample   writes the built-in Vietnamese sample data as CSV files.`,
  vi: `Cách dùng:
  target-customers analyze <đơn-hàng.csv|xlsx> [--customers <tệp>] [--out ket-qua.xlsx]
                           [--lang vi|en] [--locale vi_VN] [--time-zone Asia/Ho_Chi_Minh] [--engine auto|script|engine]
  target-customers sample [--out-dir <thư-mục>] [--customers 2000] [--orders 20000] [--seed 2025]

analyze  chạy các phân tích mặc định của trình hướng dẫn (Pareto, phân khúc RFM, CLV, nhân khẩu học,
         hành vi) và ghi sổ làm việc đã gắn nhãn kèm trang chân dung khách hàng. Tệp đến 100.000 dòng
         đơn hàng chạy qua chính tiện ích (dist/Code.js); tệp lớn hơn dùng trực tiếp cùng bộ máy tính toán.
sample   ghi dữ liệu mẫu tiếng Việt có sẵn ra các tệp CSV.`,
};

const MSG = {
  unknownOption: { en: 'Unknown option {opt}.', vi: 'Tùy chọn không hợp lệ: {opt}.' },
  missingValue: { en: 'Option {opt} needs a value.', vi: 'Tùy chọn {opt} cần một giá trị.' },
  missingFile: { en: 'Give the orders file: target-customers analyze <orders.csv>', vi: 'Hãy chỉ định tệp đơn hàng: target-customers analyze <đơn-hàng.csv>' },
  done: { en: 'Done in {s} s ({engine} path), peak memory {mb} MB.', vi: 'Hoàn tất sau {s} giây (cách chạy: {engine}), bộ nhớ tối đa {mb} MB.' },
  sampleWritten: { en: 'Written {file} ({rows} rows)', vi: 'Đã ghi {file} ({rows} dòng)' },
} satisfies Record<string, Localized>;

function parseArgs(argv: string[], lang: Lang) {
  const pos: string[] = [];
  const flags: Record<string, string> = {};
  const known = new Set(['customers', 'out', 'lang', 'locale', 'time-zone', 'engine', 'out-dir', 'orders', 'seed', 'help']);
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '-h' || a === '--help') {
      flags.help = '1';
      continue;
    }
    if (a.startsWith('--')) {
      const [k, inline] = a.slice(2).split(/=(.*)/s, 2);
      if (!known.has(k)) throw new RunnerError(localize(lang, MSG.unknownOption, { opt: a }));
      const v = inline ?? argv[++i];
      if (v === undefined) throw new RunnerError(localize(lang, MSG.missingValue, { opt: a }));
      flags[k] = v;
    } else pos.push(a);
  }
  return { pos, flags };
}

async function main(argv: string[]): Promise<number> {
  let lang: Lang = langFromLocale(process.env.LC_ALL || process.env.LANG || 'vi') === 'en' && !/^vi/i.test(process.env.LANG || '') ? 'en' : 'vi';
  const li = argv.indexOf('--lang');
  if (li >= 0 && (argv[li + 1] === 'en' || argv[li + 1] === 'vi')) lang = argv[li + 1] as Lang;
  const { pos, flags } = parseArgs(argv, lang);
  const cmd = pos[0];
  if (flags.help || !cmd) {
    console.log(localize(lang, USAGE));
    return cmd || flags.help ? 0 : 2;
  }
  if (cmd === 'sample') {
    const dir = flags['out-dir'] ?? '.';
    fs.mkdirSync(dir, { recursive: true });
    const data = generateSampleData({
      customers: flags.customers ? Number(flags.customers) : undefined,
      orders: flags.orders ? Number(flags.orders) : undefined,
      seed: flags.seed,
    });
    for (const [t, name] of [
      [data.orders, 'don-hang.csv'],
      [data.customers, 'khach-hang.csv'],
    ] as const) {
      const file = path.join(dir, name);
      fs.writeFileSync(file, `\ufeff${tableCsv(t)}`);
      console.log(localize(lang, MSG.sampleWritten, { file, rows: t.rows.length }));
    }
    return 0;
  }
  if (cmd !== 'analyze') {
    console.error(localize(lang, USAGE));
    return 2;
  }
  const orders = pos[1];
  if (!orders) throw new RunnerError(localize(lang, MSG.missingFile));
  const engine = (flags.engine ?? 'auto') as 'auto' | 'script' | 'engine';
  if (!['auto', 'script', 'engine'].includes(engine)) throw new RunnerError(localize(lang, MSG.unknownOption, { opt: `--engine ${engine}` }));
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 200);
  timer.unref();
  const res = await analyzeFiles({
    orders,
    customers: flags.customers ?? null,
    out: flags.out ?? null,
    lang,
    locale: flags.locale,
    timeZone: flags['time-zone'],
    engine,
    progress: (line) => process.stderr.write(`${line}\n`),
  });
  clearInterval(timer);
  peak = Math.max(peak, process.memoryUsage().rss);
  console.log('');
  console.log(res.summary);
  console.log('');
  console.log(localize(lang, { en: 'Written: {file} ({sheets})', vi: 'Đã ghi: {file} ({sheets})' }, { file: res.out, sheets: res.sheets.join(', ') }));
  console.error(localize(lang, MSG.done, { s: (res.ms / 1000).toFixed(1), engine: res.engine, mb: Math.round(peak / 1048576) }));
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e) => {
    if (e instanceof RunnerError || e instanceof UploadError || (e && e.name === 'UserError')) {
      console.error(`target-customers: ${e.message}`);
      process.exit(1);
    }
    console.error(e instanceof Error ? e.stack : String(e));
    process.exit(70);
  },
);

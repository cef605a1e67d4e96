import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyzeFiles, mapHeaders, RunnerError, streamCsv } from '../playground/runner';
import { generateSampleData, tableCsv } from '../playground/sample-data';
import { inspectXlsx } from '../playground/workbook-io';

const REFERENCE = path.resolve(__dirname, '../../shared/data/reference');
const CDNOW = path.join(REFERENCE, 'cdnow/CDNOW_master.txt');
let dir: string;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tc-runner-'));
});

describe('file runner: reading', () => {
  it('maps Vietnamese, English and CDNOW headers to roles', () => {
    expect(mapHeaders(['Mã đơn', 'Mã KH', 'Ngày mua', 'Thành tiền', 'Giảm giá', 'Kênh', 'Danh mục'])).toEqual({
      order_id: 0,
      customer_id: 1,
      order_date: 2,
      amount: 3,
      discount: 4,
      channel: 5,
      product: 6,
    });
    expect(mapHeaders(['customer_id', 'date', 'number_of_cds', 'dollar_value'])).toEqual({ customer_id: 0, order_date: 1, quantity: 2, amount: 3 });
    expect(mapHeaders(['ma kh', 'NGAY MUA', 'tong tien'])).toEqual({ customer_id: 0, order_date: 1, amount: 2 });
  });

  it('stream-reads the whitespace-separated CDNOW master file: 69,659 rows, needed columns only', async () => {
    const t = await streamCsv(CDNOW, 'en', undefined, ['customer_id', 'order_date', 'amount']);
    expect(t.rows).toBe(69_659);
    expect(t.header).toEqual(['customer_id', 'date', 'number_of_cds', 'dollar_value']);
    expect(t.grid[0]).toEqual(['customer_id', 'date', 'dollar_value']);
    expect(t.grid[1]).toEqual(['00001', '19970101', '11.77']);
    expect(t.mapping).toEqual({ customer_id: 0, order_date: 1, amount: 2 });
  });

  it('stream-reads Windows-1258 CSV with Vietnamese text', async () => {
    const f = path.join(dir, 'cp1258.csv');
    // "Nguyễn" in Windows-1258: base letter ê (0xEA) + combining tilde (0xDE).
    fs.writeFileSync(
      f,
      Buffer.from([...Buffer.from('Ma KH;Ho ten;Ngay mua;Thanh tien\r\nKH1;Nguy', 'latin1'), 0xea, 0xde, ...Buffer.from('n;01/02/2025;100\r\n', 'latin1')]),
    );
    const t = await streamCsv(f, 'vi');
    expect(t.grid[1]).toContain('Nguyễn');
  });
});

describe('file runner: analyses', () => {
  it('CDNOW: the add-on path (dist/Code.js) and the engine path give the same segments', async () => {
    const a = await analyzeFiles({ orders: CDNOW, out: path.join(dir, 'cdnow-script.xlsx'), lang: 'en', engine: 'script' });
    const b = await analyzeFiles({ orders: CDNOW, out: path.join(dir, 'cdnow-engine.xlsx'), lang: 'en', engine: 'engine' });
    expect(a.engine).toBe('script');
    expect(b.engine).toBe('engine');
    // Published facts of the data set: 23,570 customers, 69,659 purchase rows.
    expect(a.customers).toBe(23_570);
    expect(b.customers).toBe(23_570);
    expect(a.orders).toBe(69_659);
    const seg = (p: typeof a.preview) => p.segments.map((s) => [s.key, s.customers]);
    expect(seg(a.preview)).toEqual(seg(b.preview));
    expect(a.preview.segments.reduce((s, x) => s + x.customers, 0)).toBe(23_570);
    expect(a.preview.pareto?.count80).toBe(b.preview.pareto?.count80);
    expect(a.summary).toMatch(/VIP \/ Champions/);
    expect(a.summary).toMatch(/of customers bring 80% of revenue/);
    // The written workbook: a tagged customer summary and a persona sheet; internal sheets left out.
    const book = await inspectXlsx(fs.readFileSync(a.out));
    const names = book.map((s) => s.name);
    expect(names).toContain('Personas');
    expect(names.some((n) => /summary/i.test(n))).toBe(true);
    expect(names.some((n) => n.startsWith('_tc'))).toBe(false);
    const personas = book.find((s) => s.name === 'Personas');
    expect(personas?.cells.some((c) => c.value === 'VIP / Champions')).toBe(true);
    const engineBook = await inspectXlsx(fs.readFileSync(b.out));
    const summary = engineBook[0];
    expect(summary.cells.filter((c) => c.address.startsWith('A') && c.address !== 'A1').length).toBe(23_570);
  }, 180_000);

  it('the sample business through the add-on path: Vietnamese summary, coloured tagged rows', async () => {
    const data = generateSampleData({ customers: 200, orders: 2000 });
    const f = path.join(dir, 'don-hang.csv');
    fs.writeFileSync(f, `\ufeff${tableCsv(data.orders)}`);
    const fc = path.join(dir, 'khach-hang.csv');
    fs.writeFileSync(fc, tableCsv(data.customers));
    const lines: string[] = [];
    const r = await analyzeFiles({ orders: f, customers: fc, lang: 'vi', out: path.join(dir, 'kq.xlsx'), progress: (l) => lines.push(l) });
    expect(r.engine).toBe('script');
    expect(r.orders).toBe(2000);
    expect(r.summary).toMatch(/Phân khúc/);
    expect(r.summary).toMatch(/khách hàng.*mang lại 80% doanh thu/);
    expect(lines.join('\n')).toMatch(/Đang đọc/);
    const book = await inspectXlsx(fs.readFileSync(r.out));
    const cust = book.find((s) => s.name === 'khach-hang');
    expect(cust).toBeTruthy();
    const header = cust?.cells.filter((c) => /^[A-Z]+1$/.test(c.address)).map((c) => c.value);
    expect(header).toContain('Phân khúc');
    expect(cust?.cells.some((c) => c.fill && c.fill !== '#ffffff' && /^A\d+$/.test(c.address) && c.address !== 'A1')).toBe(true);
    // Phones keep their leading zero as text.
    expect(cust?.cells.find((c) => c.address === 'C2')?.value).toMatch(/^0\d{9}$/);
  }, 120_000);

  it('refuses a file without the needed columns with a message naming them', async () => {
    const f = path.join(dir, 'bad.csv');
    fs.writeFileSync(f, 'a,b,c\n1,2,3\n');
    await expect(analyzeFiles({ orders: f, lang: 'en', engine: 'engine', out: path.join(dir, 'x.xlsx') })).rejects.toThrow(/customer id.*"a", "b", "c"/);
    await expect(analyzeFiles({ orders: path.join(dir, 'missing.csv'), lang: 'vi' })).rejects.toBeInstanceOf(RunnerError);
  });
});

describe('playground formula reader (=NAME(args) typed into a cell)', async () => {
  const { parseFormula, evaluateFormula } = await import('../playground/formula');
  it('reads ranges, sheet-qualified ranges, whole columns, numbers, percents, strings and blanks', () => {
    const f = parseFormula(`=pareto_rank('Đơn hàng'!D2:D, B:B, "class", 80%, , TRUE)`);
    expect(f.name).toBe('PARETO_RANK');
    expect(f.args).toEqual([
      { kind: 'range', text: "'Đơn hàng'!D2:D", sheet: 'Đơn hàng', ref: 'D2:D' },
      { kind: 'range', text: 'B:B', sheet: null, ref: 'B:B' },
      { kind: 'string', value: 'class' },
      { kind: 'number', value: 0.8 },
      { kind: 'blank' },
      { kind: 'bool', value: true },
    ]);
    // vi_VN: `;` separates arguments and `0,8` is a number.
    expect(parseFormula('=CLV(A2:A; B2:B; C2:C; 0,8)', 'vi', true).args[3]).toEqual({ kind: 'number', value: 0.8 });
    expect(parseFormula('=F("say ""hi""", Sheet1!$A$1)').args).toEqual([
      { kind: 'string', value: 'say "hi"' },
      { kind: 'range', text: 'Sheet1!$A$1', sheet: 'Sheet1', ref: 'A1' },
    ]);
  });

  it('refuses what it cannot read with a localized message', () => {
    expect(() => parseFormula('=A1+B1', 'en')).toThrow(/only function calls/);
    expect(() => parseFormula('=F(A1', 'vi')).toThrow(/dấu ngoặc đóng/);
    expect(() => parseFormula('=F("abc)', 'en')).toThrow(/closing quote/);
    expect(() => parseFormula('=F(A1:B2:C3)', 'en')).toThrow(/not a valid cell reference/);
  });

  it('evaluates with ranges as 2D arrays, drops trailing omitted arguments, wraps errors', () => {
    const seen: unknown[][] = [];
    const env = {
      lang: 'en' as const,
      range: (_s: string | null, ref: string) => (ref === 'A1' ? 5 : [[1], [2]]),
      fn: (name: string) =>
        name === 'ECHO'
          ? (...args: unknown[]) => {
              seen.push(args);
              return [[args.length]];
            }
          : name === 'BOOM'
            ? () => {
                throw new Error('BOOM: values, row 3: "x" is not a number');
              }
            : undefined,
    };
    expect(evaluateFormula(parseFormula('=ECHO(A1:A2, A1, , )'), env)).toEqual([[2]]);
    expect(seen[0]).toEqual([[[1], [2]], 5]);
    expect(() => evaluateFormula(parseFormula('=BOOM(A1)'), env)).toThrow('BOOM: values, row 3: "x" is not a number');
    expect(() => evaluateFormula(parseFormula('=NOPE(A1)'), env)).toThrow(/unknown function NOPE/);
  });
});

describe('CSV cells are read in the spreadsheet locale (never a silently wrong number)', () => {
  it('reads 300.000 as three hundred thousand in vi_VN and 300 in en_US; leading zeros stay text', async () => {
    const { csvCell, parseCsvText } = await import('../playground/workbook-io');
    expect(csvCell('300.000', 'vi_VN')).toBe(300000);
    expect(csvCell('300.000', 'en_US')).toBe(300);
    expect(csvCell('1.500.000', 'vi_VN')).toBe(1500000);
    expect(csvCell('12,5', 'vi_VN')).toBe(12.5);
    expect(csvCell('1,234', 'en_US')).toBe(1234);
    expect(csvCell('0912345678', 'vi_VN')).toBe('0912345678');
    expect(csvCell('=HYPERLINK("http://x")', 'vi_VN')).toBe('=HYPERLINK("http://x")');
    const { values } = parseCsvText('Mã KH,Thành tiền\nKH1,"300.000"\nKH2,"1.200.000"\n', 'x.csv', 'vi', 'vi_VN');
    expect(values).toEqual([
      ['Mã KH', 'Thành tiền'],
      ['KH1', 300000],
      ['KH2', 1200000],
    ]);
  });
});

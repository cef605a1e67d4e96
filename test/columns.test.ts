import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import type { Cell } from '../src/core/args';
import { assignRole, COLUMN_ROLES, type ColumnMapping, detectColumns, detectHeaderRow, detectTableKind, isVnPhone, ROLE_NAMES } from '../src/core/columns';

const rolesOf = (m: ColumnMapping) => Object.fromEntries(Object.entries(m.roles).map(([r, x]) => [r, x?.col]));

function detect(grid: Cell[][], locale = 'vi_VN') {
  const h = detectHeaderRow(grid);
  return detectColumns(grid, h, locale, { year: 2025 });
}

describe('detectHeaderRow', () => {
  it('finds a plain header in the first row', () => {
    expect(
      detectHeaderRow([
        ['Mã KH', 'Ngày mua', 'Thành tiền'],
        ['KH1', '01/02/2024', 100],
      ]),
    ).toBe(0);
  });

  it('skips a title, blank rows and merged group labels', () => {
    const grid: Cell[][] = [
      ['BÁO CÁO BÁN HÀNG QUÝ 4/2024', '', '', '', ''],
      ['', '', '', '', ''],
      ['Thông tin khách hàng', '', '', 'Đơn hàng', ''],
      ['Mã KH', 'Họ tên', 'SĐT', 'Ngày mua', 'Thành tiền'],
      ['KH001', 'Nguyễn Văn An', '0912345678', '15/10/2024', '1.250.000'],
    ];
    expect(detectHeaderRow(grid)).toBe(3);
  });

  it('accepts unknown header names when numbers or dates sit under them', () => {
    expect(
      detectHeaderRow([
        ['Foo', 'Bar', 'Baz'],
        ['x', 12, new Date(2024, 0, 1)],
      ]),
    ).toBe(0);
  });

  it('returns -1 for a sheet without a header row', () => {
    expect(
      detectHeaderRow([
        ['KH001', '15/10/2024', 120000],
        ['KH002', '16/10/2024', 99000],
      ]),
    ).toBe(-1);
    // All-text data rows are not a header either.
    expect(
      detectHeaderRow([
        ['Nguyễn An', 'Hà Nội', 'Nam'],
        ['Trần Bình', 'Huế', 'Nữ'],
      ]),
    ).toBe(-1);
    expect(detectHeaderRow([])).toBe(-1);
  });

  it('finds the header of a sheet that has only a header', () => {
    const grid: Cell[][] = [['Mã khách hàng', 'Ngày đặt hàng', 'Doanh thu']];
    expect(detectHeaderRow(grid)).toBe(0);
    const m = detectColumns(grid, 0, 'vi_VN');
    expect(m.dataRows).toBe(0);
    expect(rolesOf(m)).toEqual({ customer_id: 0, order_date: 1, amount: 2 });
    expect(m.idStats).toEqual({ rows: 0, distinct: 0 });
  });
});

describe('detectColumns: by header', () => {
  it('reads Vietnamese headers with diacritics, and samples the values', () => {
    const grid: Cell[][] = [
      ['BÁO CÁO', '', '', '', '', '', '', '', ''],
      ['Mã KH', 'Tên khách hàng', 'SĐT', 'Ngày mua', 'Thành tiền', 'Kênh', 'Tỉnh/Thành phố', 'Giới tính', 'Ghi chú'],
      ['KH001', 'Nguyễn Văn An', '0912345678', '15/10/2024', '1.250.000', 'Shopee', 'TP.HCM', 'Nam', ''],
      ['KH002', 'Trần Thị Bình', '0987 654 321', '16/10/2024', '350.000', 'Cửa hàng', 'Hà Nội', 'Nữ', 'gọi lại'],
      ['', '', '', '', '', '', '', '', ''],
      ['KH001', 'Nguyễn Văn An', '0912345678', new Date(2024, 10, 2, 12), 990000, 'Shopee', 'Sài Gòn', 'Nam', ''],
      ['', '', '', '', '', '', '', '', ''],
    ];
    const m = detect(grid);
    expect(m.headerRow).toBe(1);
    expect(m.dataStart).toBe(2);
    expect(m.dataEnd).toBe(6);
    expect(m.dataRows).toBe(3);
    expect(rolesOf(m)).toEqual({
      customer_id: 0,
      customer_name: 1,
      phone: 2,
      order_date: 3,
      amount: 4,
      channel: 5,
      province: 6,
      gender: 7,
      notes: 8,
    });
    expect(m.roles.customer_id).toMatchObject({ by: 'header', confidence: 1, header: 'Mã KH', samples: ['KH001', 'KH002'] });
    expect(m.roles.customer_id?.reason).toEqual({ en: 'header "Mã KH"', vi: 'tiêu đề "Mã KH"' });
    expect(m.roles.order_date?.samples).toEqual(['15/10/2024', '16/10/2024', '02/11/2024']);
    expect(m.customerKey).toEqual({ role: 'customer_id', col: 0 });
    expect(m.idStats).toEqual({ rows: 3, distinct: 2 });
    expect(m.columns).toEqual(['customer_id', 'customer_name', 'phone', 'order_date', 'amount', 'channel', 'province', 'gender', 'notes']);
  });

  it('reads Vietnamese headers without diacritics and the B2B columns', () => {
    const headers = [
      'Ma KH',
      'Ten khach hang',
      'So dien thoai',
      'Ngay dat hang',
      'Tong tien',
      'Loi nhuan',
      'Tinh thanh',
      'Nam sinh',
      'Gioi tinh',
      'Kenh ban',
      'Chiet khau',
      'Nganh',
      'So nhan vien',
      'Thu nhap',
      'Nhan vien ban hang',
      'Chi nhanh',
      'So luong',
      'Danh muc',
      'Khu vuc',
    ];
    const row = [
      'KH1',
      'Lê Văn C',
      '0901234567',
      '01/03/2024',
      500000,
      80000,
      'Đà Nẵng',
      1990,
      'Nam',
      'Website',
      '10%',
      'Bán lẻ',
      25,
      '15 triệu',
      'Hoa',
      'CN Quận 1',
      2,
      'Mỹ phẩm',
      'Miền Trung',
    ];
    const m = detect([headers, row, row.map((v, i) => (i === 0 ? 'KH2' : v))]);
    expect(rolesOf(m)).toEqual({
      customer_id: 0,
      customer_name: 1,
      phone: 2,
      order_date: 3,
      amount: 4,
      profit: 5,
      province: 6,
      birth_year: 7,
      gender: 8,
      channel: 9,
      discount: 10,
      industry: 11,
      company_size: 12,
      income: 13,
      salesperson: 14,
      store: 15,
      quantity: 16,
      category: 17,
      region: 18,
    });
  });

  it('reads English headers', () => {
    const headers = [
      'Customer ID',
      'Order ID',
      'Order Date',
      'Revenue',
      'Profit',
      'Province',
      'Region',
      'Birth year',
      'Gender',
      'Channel',
      'Discount',
      'Industry',
      'Employees',
      'Sales Rep',
      'Store',
      'Quantity',
      'Email',
      'Phone',
      'Product',
      'Age',
    ];
    const row = (i: number) => [
      `C${i}`,
      `O${i}`,
      '2024-03-01',
      120.5,
      20,
      'Hanoi',
      'North',
      1985,
      'F',
      'Online',
      0,
      'Software',
      12,
      'Ann',
      'Main St',
      1,
      `a${i}@x.com`,
      '+84 912 345 678',
      'Widget',
      39,
    ];
    const m = detect([headers, row(1), row(2)], 'en_US');
    const want: Record<string, number> = {};
    const names = [
      'customer_id',
      'order_id',
      'order_date',
      'amount',
      'profit',
      'province',
      'region',
      'birth_year',
      'gender',
      'channel',
      'discount',
      'industry',
      'company_size',
      'salesperson',
      'store',
      'quantity',
      'email',
      'phone',
      'product',
      'age',
    ];
    names.forEach((n, i) => {
      want[n] = i;
    });
    expect(rolesOf(m)).toEqual(want);
  });

  it('tells "Khách hàng" ids from names by content', () => {
    const ids = detect([
      ['Khách hàng', 'Ngày mua', 'Doanh thu'],
      ['KH001', '01/01/2024', 10],
      ['KH002', '02/01/2024', 20],
    ]);
    expect(rolesOf(ids)).toEqual({ customer_id: 0, order_date: 1, amount: 2 });
    const names = detect([
      ['Khách hàng', 'Ngày mua', 'Doanh thu'],
      ['Nguyễn Văn An', '01/01/2024', 10],
      ['Trần Thị Bình', '02/01/2024', 20],
    ]);
    expect(rolesOf(names)).toEqual({ customer_name: 0, order_date: 1, amount: 2 });
    // Without an id, the name identifies customers.
    expect(names.customerKey).toEqual({ role: 'customer_name', col: 0 });
  });

  it('tells "Số đơn hàng" (order number) from a number of orders by content', () => {
    const log = detect([
      ['Mã KH', 'Số đơn hàng', 'Ngày mua', 'Thành tiền'],
      ['KH1', 'DH0001', '01/01/2024', 10],
      ['KH1', 'DH0002', '05/01/2024', 20],
      ['KH2', 'DH0003', '06/01/2024', 30],
    ]);
    expect(log.roles.order_id?.col).toBe(1);
    expect(detectTableKind(log).kind).toBe('orders');
    const rows: Cell[][] = [['Mã KH', 'Số đơn hàng', 'Tổng chi tiêu', 'Ngày mua gần nhất']];
    for (let i = 0; i < 30; i++) rows.push([`KH${i}`, 1 + (i % 4), 100000 * (i + 1), '01/06/2024']);
    const table = detect(rows);
    expect(rolesOf(table)).toEqual({ customer_id: 0, order_count: 1, total_spend: 2, last_purchase_date: 3 });
    expect(detectTableKind(table)).toMatchObject({ kind: 'customers', missing: [] });
  });

  it('uses a merged group label above a generic header', () => {
    const grid: Cell[][] = [
      ['Khách hàng', '', 'Đơn hàng', ''],
      ['Mã', 'Tên', 'Ngày', 'Tiền'],
      ['KH01', 'An', '01/01/2024', 5],
      ['KH02', 'Bình', '03/01/2024', 7],
    ];
    const m = detect(grid);
    expect(m.headerRow).toBe(1);
    expect(rolesOf(m)).toEqual({ customer_id: 0, customer_name: 1, order_date: 2, amount: 3 });
  });

  it('treats a "City" column that holds provinces as the province', () => {
    const m = detect([
      ['Customer', 'City', 'Date', 'Amount'],
      ['C1', 'Hanoi', '2024-01-01', 5],
      ['C2', 'Ho Chi Minh City', '2024-01-02', 7],
    ]);
    expect(m.roles.province?.col).toBe(1);
    expect(m.roles.city).toBeUndefined();
  });

  it('warns when the content does not fit the header', () => {
    const m = detect([
      ['Mã KH', 'Ngày mua', 'Thành tiền'],
      ['KH1', 'hôm qua', 'abc'],
      ['KH2', 'không rõ', 'xyz'],
    ]);
    expect(m.roles.order_date?.warning?.en).toBe('only 0% of values look like dates');
    expect(m.roles.order_date?.warning?.vi).toBe('chỉ 0% giá trị trông giống ngày tháng');
    expect(m.roles.amount?.warning).toBeDefined();
    expect(m.roles.customer_id?.warning).toBeUndefined();
  });
});

describe('detectColumns: by content', () => {
  it('finds emails, phones, dates, amounts, genders, provinces and channels without headers', () => {
    const grid: Cell[][] = [
      ['KH001', 'a@x.com', '0912345678', new Date(2024, 0, 1), 120000, 'Nam', 'Đà Nẵng', 'Shopee'],
      ['KH002', 'b@x.com', '0912345679', new Date(2024, 0, 2), 220000, 'Nữ', 'Hue', 'Lazada'],
      ['KH001', 'c@x.com', '+84 912 345 670', new Date(2024, 0, 3), 20000, 'Nữ', 'Cần Thơ', 'Website'],
    ];
    const m = detect(grid);
    expect(m.headerRow).toBe(-1);
    expect(m.dataStart).toBe(0);
    expect(rolesOf(m)).toEqual({ customer_id: 0, email: 1, phone: 2, order_date: 3, amount: 4, gender: 5, province: 6, channel: 7 });
    expect(m.roles.phone).toMatchObject({
      by: 'content',
      reason: { en: '100% of values look like phone numbers', vi: '100% giá trị trông giống số điện thoại' },
    });
    expect(detectTableKind(m).kind).toBe('orders');
  });

  it('finds the amount among numeric columns by size, and a birth-year column', () => {
    const grid: Cell[][] = [];
    for (let i = 0; i < 20; i++) grid.push([`KH${i % 7}`, 1 + (i % 3), 1970 + i, 150000 + i * 1000]);
    const m = detect(grid);
    expect(m.roles.amount?.col).toBe(3);
    expect(m.roles.birth_year?.col).toBe(2);
    expect(m.roles.customer_id?.col).toBe(0);
  });
});

describe('detectColumns: messy sheets', () => {
  it('ignores a row-number column (STT) and an unrelated second date', () => {
    const grid: Cell[][] = [['STT', 'Mã KH', 'Ngày giao hàng', 'Ngày mua', 'Thành tiền']];
    for (let i = 1; i <= 1500; i++) grid.push([i, `KH${i % 300}`, '05/01/2024', '01/01/2024', 150000]);
    const m = detect(grid);
    expect(rolesOf(m)).toEqual({ customer_id: 1, order_date: 3, amount: 4 });
    expect(m.columns[0]).toBeNull();
  });

  it('finds a header below a filter/notes area and ignores text in number columns', () => {
    const grid: Cell[][] = [
      ['Lọc theo: Quý 4', ''],
      ['Ngày xuất: 05/01/2025', ''],
      [],
      ['Mã khách hàng', 'Doanh thu'],
      ['KH1', 'N/A'],
      ['KH2', 120000],
      ['KH3', 90000],
    ];
    const m = detect(grid);
    expect(m.headerRow).toBe(3);
    expect(rolesOf(m)).toEqual({ customer_id: 0, amount: 1 });
    expect(m.roles.amount?.warning).toBeUndefined();
    expect(m.roles.amount?.confidence).toBeCloseTo(0.83, 2);
  });
});

describe('detectColumns: public reference data (R package rfm sample data)', () => {
  const ref = path.resolve(__dirname, '../../shared/data/reference/rfm');
  const read = (f: string, n: number): Cell[][] => {
    const text = fs.readFileSync(path.join(ref, f), 'utf8');
    return (Papa.parse<string[]>(text, { dynamicTyping: true, skipEmptyLines: true }).data as Cell[][]).slice(0, n);
  };
  it('maps the order log (customer_id, order_date, revenue, names, email)', () => {
    const m = detect(read('rfm_data_orders.csv', 300), 'en_US');
    expect(m.headerRow).toBe(0);
    expect(m.roles.customer_id).toMatchObject({ col: 0, by: 'header' });
    expect(m.roles.customer_id?.warning).toBeUndefined();
    expect(m.roles.order_date?.col).toBe(1);
    expect(m.roles.amount?.col).toBe(2);
    expect(m.roles.email?.col).toBe(5);
    expect(detectTableKind(m).kind).toBe('orders');
  });
  it('maps the customer table (revenue, most recent visit, number of orders, recency days)', () => {
    const m = detect(read('rfm_data_customer.csv', 300), 'en_US');
    expect(rolesOf(m)).toMatchObject({ customer_id: 0, amount: 1, last_purchase_date: 2, order_count: 3, days_since_last: 4, email: 7 });
    expect(detectTableKind(m)).toMatchObject({ kind: 'customers', missing: [] });
  });
});

describe('detectColumns: ambiguous words', () => {
  it('does not read "Mã sản phẩm" as a customer id or "Sản phẩm" as a channel', () => {
    const m = detect([
      ['Khách hàng', 'Mã sản phẩm', 'Tên sản phẩm', 'Ngày giao hàng', 'Ngày mua', 'Doanh thu'],
      ['Nguyễn An', 'SP01', 'Áo thun', '03/01/2024', '01/01/2024', 100000],
      ['Trần Bình', 'SP02', 'Quần jean', '04/01/2024', '02/01/2024', 250000],
    ]);
    expect(rolesOf(m)).toEqual({ customer_name: 0, product: 1, order_date: 4, amount: 5 });
    expect(m.customerKey).toEqual({ role: 'customer_name', col: 0 });
  });
});

describe('detectColumns: properties', () => {
  const headerPool = ['Mã KH', 'Khách hàng', 'Ngày mua', 'Ngày', 'Thành tiền', 'Tổng', 'Kênh', 'SĐT', 'Email', 'Tỉnh', 'Ghi chú', 'Số đơn hàng', 'Foo', ''];
  const cellPool: Cell[] = [
    'KH1',
    'KH2',
    'An',
    '01/02/2024',
    12000,
    3,
    'Nam',
    'Hà Nội',
    'Shopee',
    '0912345678',
    'x@y.vn',
    '',
    null,
    true,
    new Date(2024, 1, 1),
  ];
  const gridArb = fc
    .integer({ min: 1, max: 8 })
    .chain((w) =>
      fc.tuple(
        fc.array(fc.constantFrom(...headerPool), { minLength: w, maxLength: w }),
        fc.array(fc.array(fc.constantFrom(...cellPool), { minLength: w, maxLength: w }), { maxLength: 12 }),
      ),
    );
  it('is deterministic and uses each column and each role at most once', () => {
    fc.assert(
      fc.property(gridArb, ([head, body]) => {
        const grid: Cell[][] = [head, ...body];
        const a = detect(grid);
        const b = detect(grid.map((r) => r.slice()));
        expect(b).toEqual(a);
        const cols = Object.values(a.roles).map((x) => x?.col);
        expect(new Set(cols).size).toBe(cols.length);
        for (const [role, x] of Object.entries(a.roles)) {
          expect(a.columns[x?.col as number]).toBe(role);
          expect(x?.confidence).toBeGreaterThan(0);
          expect(x?.confidence).toBeLessThanOrEqual(1);
          expect(x?.samples.length).toBeLessThanOrEqual(5);
        }
        expect(a.columns.filter((c) => c !== null).length).toBe(cols.length);
      }),
    );
  });
});

describe('assignRole', () => {
  it("gives a column to a role, dropping the column's and the role's previous assignments", () => {
    const grid: Cell[][] = [
      ['Mã KH', 'SĐT', 'Ngày mua', 'Thành tiền'],
      ['KH1', '0912345678', '01/01/2024', 5],
      ['KH1', '0912345679', '02/01/2024', 6],
    ];
    const m = detect(grid);
    const u = assignRole(grid, m, 'customer_id', 1, 'vi_VN');
    expect(rolesOf(u)).toEqual({ customer_id: 1, order_date: 2, amount: 3 });
    expect(u.roles.customer_id).toMatchObject({ by: 'user', confidence: 1, samples: ['0912345678', '0912345679'] });
    expect(u.idStats).toEqual({ rows: 2, distinct: 2 });
    expect(u.columns).toEqual([null, 'customer_id', 'order_date', 'amount']);
    const v = assignRole(grid, u, 'amount', null, 'vi_VN');
    expect(v.roles.amount).toBeUndefined();
    expect(v.columns[3]).toBeNull();
    // The original is untouched.
    expect(rolesOf(m)).toEqual({ customer_id: 0, phone: 1, order_date: 2, amount: 3 });
  });
});

describe('detectTableKind', () => {
  it('needs a customer column', () => {
    const m = detect([
      ['Ngày mua', 'Thành tiền'],
      ['01/01/2024', 5],
    ]);
    expect(detectTableKind(m)).toMatchObject({ kind: 'unknown', missing: ['customer_id'] });
  });
  it('lists what an order log lacks', () => {
    const m = detect([
      ['Mã KH', 'Mã đơn', 'Ngày mua'],
      ['KH1', 'D1', '01/01/2024'],
      ['KH1', 'D2', '02/01/2024'],
    ]);
    expect(detectTableKind(m)).toMatchObject({ kind: 'orders', missing: ['amount'] });
  });
});

describe('isVnPhone', () => {
  it.each([
    ['0912345678', true],
    ['091 234 5678', true],
    ['0912.345.678', true],
    ['+84 912 345 678', true],
    ['84912345678', true],
    ['(028) 3823 4567', true],
    [912345678, true],
    [84912345678, true],
    ['0112345678', false],
    ['12345', false],
    ['KH001', false],
    [120000, false],
    ['01/02/2024', false],
  ])('%s → %s', (v, want) => {
    expect(isVnPhone(v as Cell)).toBe(want);
  });
});

describe('roles', () => {
  it('has a label for every role in both languages', () => {
    for (const r of COLUMN_ROLES) {
      expect(ROLE_NAMES[r].en).not.toBe('');
      expect(ROLE_NAMES[r].vi).not.toBe('');
    }
  });
});

describe('scale', () => {
  it('maps a 200,000-row order log quickly', () => {
    const n = 200_000;
    const grid: Cell[][] = [['Mã KH', 'Mã đơn', 'Ngày mua', 'Thành tiền', 'Kênh', 'Tỉnh/Thành phố', 'Giảm giá', 'Ghi chú']];
    for (let i = 0; i < n; i++)
      grid.push([`KH${i % 50_000}`, `DH${i}`, new Date(2024, i % 12, 1 + (i % 28)), 1000 * (i % 997), 'Shopee', 'Hà Nội', i % 3 ? 0 : 5000, '']);
    const t0 = performance.now();
    const h = detectHeaderRow(grid);
    const m = detectColumns(grid, h, 'vi_VN');
    const ms = performance.now() - t0;
    console.log(`detectColumns: ${n} rows in ${ms.toFixed(0)} ms`);
    expect(m.idStats).toEqual({ rows: n, distinct: 50_000 });
    expect(detectTableKind(m).kind).toBe('orders');
    expect(ms).toBeLessThan(2000); // catches a quadratic regression, not noise on a busy 2-core machine
  });
});

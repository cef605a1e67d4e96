/** The local Sheets stand-in: SpreadsheetApp behaviour, errors included, against hand-computed cases. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseAmount } from '../src/core/parse';
import { createStandIn, parseA1, type StandIn, type StandInOptions, toA1 } from '../standin';

const HCM = 'Asia/Ho_Chi_Minh';
/** 2024-12-31 00:00 in Ho Chi Minh City (UTC+7). */
const NYE_HCM = Date.UTC(2024, 11, 30, 17, 0, 0);

function make(opts: StandInOptions = {}) {
  const si = createStandIn({ locale: 'vi_VN', timeZone: HCM, now: Date.UTC(2025, 0, 1), ...opts });
  const ss = si.globals.SpreadsheetApp.getActive();
  return { si, ss, sheet: ss.getSheets()[0] };
}

function err(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    return String(e);
  }
  throw new Error('expected an exception');
}

describe('Range.setValues / getValues', () => {
  it('throws Apps Script dimension errors', () => {
    const { sheet } = make();
    expect(
      err(() =>
        sheet.getRange(1, 1, 3, 2).setValues([
          [1, 2],
          [3, 4],
        ]),
      ),
    ).toBe('Exception: The number of rows in the data does not match the number of rows in the range. The data has 2 but the range has 3.');
    expect(err(() => sheet.getRange(1, 1, 2, 2).setValues([[1, 2], [3]]))).toBe(
      'Exception: The number of columns in the data does not match the number of columns in the range. The data has 1 but the range has 2.',
    );
    expect(err(() => sheet.getRange(1, 1, 1, 2).setValues([1, 2] as unknown as unknown[][]))).toBe(
      "Exception: The parameters (number[]) don't match the method signature for SpreadsheetApp.Range.setValues.",
    );
  });

  it('stores typed input like Sheets: formulas, apostrophes, numbers, booleans, dates', () => {
    const { si, sheet } = make();
    sheet
      .getRange(1, 1, 1, 10)
      .setValues([['0912345678', '1.234.567', '1,5', '12%', "'0912", '=SUM(A1:B1)', 'TRUE', '31/12/2024', '12/31/2024', "'=IMPORTXML(A1)"]]);
    const v = sheet.getRange(1, 1, 1, 10).getValues()[0];
    expect(v.slice(0, 7)).toEqual([912345678, 1234567, 1.5, 0.12, '0912', '#NAME?', true]);
    expect(Object.prototype.toString.call(v[7])).toBe('[object Date]');
    expect((v[7] as Date).getTime()).toBe(NYE_HCM);
    expect(v[8]).toBe('12/31/2024'); // month 31 does not exist: text in vi_VN
    expect(v[9]).toBe('=IMPORTXML(A1)');
    const f = sheet.getRange(1, 1, 1, 10).getFormulas()[0];
    expect(f[5]).toBe('=SUM(A1:B1)');
    expect(f[9]).toBe('');
    expect(sheet.getRange('D1').getNumberFormat()).toBe('0%');
    expect(sheet.getRange('H1').getNumberFormat()).toBe('dd/MM/yyyy');
    expect(si.snapshot().sheets[0].formulas).toEqual({ F1: '=SUM(A1:B1)' });
  });

  it('keeps text in plain-text (@) cells: phone numbers keep their leading zero', () => {
    const { sheet } = make();
    sheet.getRange('A1:A3').setNumberFormat('@');
    sheet.getRange('A1:A3').setValues([['0912345678'], ['=1+1'], ['2024-12-31']]);
    expect(sheet.getRange('A1:A3').getValues()).toEqual([['0912345678'], ['=1+1'], ['2024-12-31']]);
    expect(sheet.getRange('A1:A3').getFormulas()).toEqual([[''], [''], ['']]);
  });

  it('reads numbers the en_US way in an en_US spreadsheet', () => {
    const { sheet } = make({ locale: 'en_US' });
    sheet.getRange(1, 1, 1, 6).setValues([['1,234', '1.5', '12/31/2024', '31/12/2024', '$1,234.50', '1.234.567']]);
    const v = sheet.getRange(1, 1, 1, 6).getValues()[0];
    expect(v[0]).toBe(1234);
    expect(v[1]).toBe(1.5);
    expect((v[2] as Date).getTime()).toBe(NYE_HCM);
    expect(v[3]).toBe('31/12/2024');
    expect(v[4]).toBe(1234.5);
    expect(v[5]).toBe('1.234.567');
  });

  it('keeps numbers, booleans, Dates; null and undefined become empty; each read gives new Dates', () => {
    const { sheet } = make();
    const d = new Date(NYE_HCM);
    sheet.getRange(1, 1, 1, 5).setValues([[42.5, false, d, null, undefined]]);
    d.setTime(0); // the cell must not alias the caller's Date
    const a = sheet.getRange(1, 1, 1, 5).getValues()[0];
    const b = sheet.getRange(1, 1, 1, 5).getValues()[0];
    expect(a).toEqual([42.5, false, new Date(NYE_HCM), '', '']);
    expect(a[2]).not.toBe(b[2]);
    (a[2] as Date).setTime(1);
    expect(sheet.getRange('C1').getValue()).toEqual(new Date(NYE_HCM));
  });

  it('returns Dates for numbers under a date format and serials for Dates under a number format', () => {
    const { sheet } = make();
    sheet.getRange('A1').setValue(new Date(NYE_HCM));
    sheet.getRange('A1').setNumberFormat('0.00');
    expect(sheet.getRange('A1').getValue()).toBe(45657); // 2024-12-31 is serial 45657
    expect(sheet.getRange('A1').getDisplayValue()).toBe('45657,00');
    sheet.getRange('B1').setValue(45657.5);
    sheet.getRange('B1').setNumberFormat('yyyy-mm-dd hh:mm');
    expect(sheet.getRange('B1').getValue()).toEqual(new Date(NYE_HCM + 12 * 3600_000));
    expect(sheet.getRange('B1').getDisplayValue()).toBe('2024-12-31 12:00');
  });

  it('setValue fills the whole range; getValue reads the top-left cell', () => {
    const { sheet } = make();
    sheet.getRange('A1:B2').setValue('x');
    expect(sheet.getRange('A1:B2').getValues()).toEqual([
      ['x', 'x'],
      ['x', 'x'],
    ]);
    sheet.getRange('A1').setValue(7);
    expect(sheet.getRange('A1:B2').getValue()).toBe(7);
  });

  it('refuses more than 50,000 characters in a cell', () => {
    const { sheet } = make();
    expect(err(() => sheet.getRange('A1').setValue('x'.repeat(50_001)))).toBe(
      'Exception: Your input contains more than the maximum of 50000 characters in a single cell.',
    );
    sheet.getRange('A1').setValue('x'.repeat(50_000));
  });
});

describe('Sheet.getRange bounds', () => {
  it('has 1000 x 26 cells by default and throws the real messages outside', () => {
    const { ss, sheet } = make();
    expect([sheet.getMaxRows(), sheet.getMaxColumns()]).toEqual([1000, 26]);
    expect(err(() => sheet.getRange(0, 1))).toBe('Exception: The starting row of the range is too small.');
    expect(err(() => sheet.getRange(1, 0))).toBe('Exception: The starting column of the range is too small.');
    expect(err(() => sheet.getRange(1, 1, 0, 1))).toBe('Exception: The number of rows in the range must be at least 1.');
    expect(err(() => sheet.getRange(1, 1, 1, 0))).toBe('Exception: The number of columns in the range must be at least 1.');
    expect(err(() => sheet.getRange(1000, 1, 2, 1))).toBe('Exception: The coordinates of the range are outside the dimensions of the sheet.');
    expect(err(() => sheet.getRange(1, 27))).toBe('Exception: The coordinates of the range are outside the dimensions of the sheet.');
    expect(err(() => sheet.getRange('A1001'))).toBe('Exception: The coordinates of the range are outside the dimensions of the sheet.');
    expect(err(() => sheet.getRange('nonsense'))).toBe('Exception: Range not found');
    expect(err(() => sheet.getRange(1.5, 1))).toBe('Exception: Cannot convert 1.5 to int.');
    expect(err(() => ss.getRange('Missing!A1'))).toBe('Exception: Range not found');
    sheet.insertRowsAfter(1000, 5);
    expect(sheet.getRange(1001, 1, 5, 1).getNumRows()).toBe(5);
    expect(sheet.getMaxRows()).toBe(1005);
  });

  it('understands A1 notation with sheet names, whole columns and rows', () => {
    const { ss } = make({ sheets: [{ name: "Đơn hàng 'Q1'", values: [['a']] }] });
    const r = ss.getRange("'Đơn hàng ''Q1'''!B2:C3");
    expect([r.getRow(), r.getColumn(), r.getNumRows(), r.getNumColumns(), r.getSheet().getName()]).toEqual([2, 2, 2, 2, "Đơn hàng 'Q1'"]);
    const sheet = r.getSheet();
    expect(sheet.getRange('C:C').getA1Notation()).toBe('C:C');
    expect(sheet.getRange('C:C').getNumRows()).toBe(1000);
    expect(sheet.getRange('2:3').getA1Notation()).toBe('2:3');
    expect(sheet.getRange('B2:B').getNumRows()).toBe(999);
    expect(sheet.getRange('AA1'.replace('AA', 'Z')).getColumn()).toBe(26);
  });

  it('round-trips A1 notation for any rectangle', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5000 }),
        fc.integer({ min: 1, max: 700 }),
        fc.integer({ min: 1, max: 50 }),
        fc.integer({ min: 1, max: 30 }),
        (r, c, h, w) => {
          const ref = parseA1(toA1(r, c, h, w));
          expect(ref).toEqual({ sheet: undefined, row1: r, col1: c, row2: r + h - 1, col2: c + w - 1 });
        },
      ),
    );
  });
});

describe('getDisplayValues', () => {
  const cases: [unknown, string, string, string][] = [
    // value, format, vi_VN, en_US
    [1234567.891, 'General', '1234567,891', '1234567.891'],
    [1234567.891, '0', '1234568', '1234568'],
    [1234567.891, '0.00', '1234567,89', '1234567.89'],
    [1234567.891, '#,##0', '1.234.568', '1,234,568'],
    [1234567.891, '#,##0.00', '1.234.567,89', '1,234,567.89'],
    [-1234.5, '#,##0.00', '-1.234,50', '-1,234.50'],
    [0.1234, '0%', '12%', '12%'],
    [0.1234, '0.0%', '12,3%', '12.3%'],
    [1234567, '#,##0 ₫', '1.234.567 ₫', '1,234,567 ₫'],
    [1234567, '#,##0" ₫"', '1.234.567 ₫', '1,234,567 ₫'],
    [1234567, '[$₫]#,##0', '₫1.234.567', '₫1,234,567'],
    [0, '#,##0;(#,##0);"-"', '-', '-'],
    [-5, '#,##0;(#,##0);"-"', '(5)', '(5)'],
    [1.005, '0.00', '1,01', '1.01'],
    [1 / 3, 'General', '0,3333333333', '0.3333333333'],
    [12, '000', '012', '012'],
    [123456, '0.00E+00', '1,23E+05', '1.23E+05'],
    [true, 'General', 'TRUE', 'TRUE'],
    ['0912', '@', '0912', '0912'],
    [new Date(NYE_HCM), 'dd/mm/yyyy', '31/12/2024', '31/12/2024'],
    [new Date(NYE_HCM), 'yyyy-mm-dd', '2024-12-31', '2024-12-31'],
    [new Date(NYE_HCM), 'mm/dd/yyyy', '12/31/2024', '12/31/2024'],
    [new Date(NYE_HCM), 'General', '31/12/2024', '12/31/2024'],
    [new Date(NYE_HCM + (13 * 60 + 45) * 60_000), 'General', '31/12/2024 13:45:00', '12/31/2024 13:45:00'],
    [new Date(NYE_HCM + (13 * 60 + 5) * 60_000), 'h:mm AM/PM', '1:05 PM', '1:05 PM'],
    [new Date(NYE_HCM), 'dddd d mmmm yyyy', 'Thứ Ba 31 tháng 12 2024', 'Tuesday 31 December 2024'],
    [1.5, '[h]:mm', '36:00', '36:00'],
    [45657.25, 'dd.mm.yyyy hh:mm', '31.12.2024 06:00', '31.12.2024 06:00'],
  ];

  for (const locale of ['vi_VN', 'en_US'] as const) {
    it(`renders number formats in ${locale}`, () => {
      const { sheet } = make({ locale });
      const values = cases.map((c) => [c[0]]);
      const formats = cases.map((c) => [c[1]]);
      const range = sheet.getRange(1, 1, cases.length, 1);
      range.setNumberFormats(formats);
      range.setValues(values);
      const shown = range.getDisplayValues().map((r) => r[0]);
      const expected = cases.map((c) => (locale === 'vi_VN' ? c[2] : c[3]));
      expect(shown).toEqual(expected);
    });
  }

  it('shows what parseAmount reads back (vi_VN #,##0.00 round trip)', () => {
    const { sheet } = make();
    fc.assert(
      fc.property(fc.integer({ min: -1e11, max: 1e11 }), (cents) => {
        const n = cents / 100;
        sheet.getRange('A1').setNumberFormat('#,##0.00');
        sheet.getRange('A1').setValue(n);
        const shown = sheet.getRange('A1').getDisplayValue();
        expect(parseAmount(shown, 'vi_VN')).toBeCloseTo(n, 2);
        // and typing the display text back gives the number again
        sheet.getRange('B1').setValue(shown);
        expect(sheet.getRange('B1').getValue()).toBeCloseTo(n, 2);
      }),
      { numRuns: 300 },
    );
  });
});

describe('formulas', () => {
  it('shows #NAME? without an evaluator, evaluates and spills with one, and recalculates after writes', () => {
    const { si, sheet } = make();
    sheet.getRange('A1:A3').setValues([[1], [2], [3]]);
    sheet.getRange('C1').setFormula('=DOUBLE(A1:A3)');
    expect(sheet.getRange('C1').getValue()).toBe('#NAME?');
    si.setFormulaEvaluator((sheetName, row, col, formula) => {
      expect([sheetName, row, col, formula]).toEqual(['Trang tính1', 1, 3, '=DOUBLE(A1:A3)']);
      return si.values(sheetName).map((r) => [(r[0] as number) * 2]);
    });
    expect(sheet.getRange('C1:C3').getValues()).toEqual([[2], [4], [6]]);
    expect(sheet.getRange('C1:C3').getFormulas()).toEqual([['=DOUBLE(A1:A3)'], [''], ['']]);
    expect(sheet.getLastRow()).toBe(3);
    sheet.getRange('A2').setValue(10);
    expect(sheet.getRange('C2').getValue()).toBe(20);
  });

  it('gives #REF! when the array result would overwrite data, and #ERROR! when the function throws', () => {
    const { si, sheet } = make();
    sheet.getRange('B2').setValue('busy');
    sheet.getRange('B1').setFormula('=SPILL()');
    sheet.getRange('D1').setFormula('=FAIL()');
    si.setFormulaEvaluator((_s, _r, _c, f) => {
      if (f === '=FAIL()') throw new Error('FAIL: bad input');
      return [[1], [2]];
    });
    expect(sheet.getRange('B1:B2').getValues()).toEqual([['#REF!'], ['busy']]);
    expect(sheet.getRange('D1').getValue()).toBe('#ERROR!');
    const errors = si.snapshot().sheets[0].errors;
    expect(errors.B1).toBe('Array result was not expanded because it would overwrite data in B2.');
    expect(errors.D1).toBe('FAIL: bad input');
  });
});

describe('merged cells (a messy sheet)', () => {
  it('returns the value only in the top-left cell', () => {
    const { sheet } = make({
      sheets: [
        {
          name: 'Messy',
          values: [
            ['Khách hàng', 'x', 'y'],
            ['KH1', 'KH2', 'KH3'],
          ],
          merges: ['A1:C1'],
        },
      ],
    });
    expect(sheet.getRange('A1:C2').getValues()).toEqual([
      ['Khách hàng', '', ''],
      ['KH1', 'KH2', 'KH3'],
    ]);
    expect(sheet.getRange('B1').isPartOfMerge()).toBe(true);
    expect(sheet.getRange('B2').isPartOfMerge()).toBe(false);
    sheet.getRange('A1:C1').setValues([['a', 'b', 'c']]);
    expect(sheet.getRange('A1:C1').getValues()).toEqual([['a', '', '']]);
    expect(err(() => sheet.getRange('B1:D1').merge())).toBe('Exception: You must select all cells in a merged range to merge or unmerge them.');
    sheet.getRange('A1:C1').breakApart();
    expect(sheet.getRange('B1').isPartOfMerge()).toBe(false);
  });
});

describe('developer metadata', () => {
  function setup() {
    const m = make({ sheets: [{ name: 'Đơn hàng', values: [['Mã KH', 'Ngày', 'Tiền', 'Hạng']] }] });
    m.sheet.getRange('D:D').addDeveloperMetadata('tc:col', 'segment');
    m.sheet.addDeveloperMetadata('tc:sheet', 'orders');
    m.ss.addDeveloperMetadata('tc:version', '1');
    const col = () => {
      const found = m.ss.createDeveloperMetadataFinder().withKey('tc:col').find();
      return found.map((d) => d.getLocation().getColumn()?.getColumn());
    };
    return { ...m, col };
  }

  it('follows its column through inserts, deletes and moves, and dies with it', () => {
    const { si, sheet, col } = setup();
    expect(col()).toEqual([4]);
    sheet.insertColumnsBefore(2, 2);
    expect(col()).toEqual([6]);
    expect(sheet.getRange(1, 6).getValue()).toBe('Hạng');
    sheet.deleteColumn(1);
    expect(col()).toEqual([5]);
    si.moveColumn('Đơn hàng', 5, 1);
    expect(col()).toEqual([1]);
    expect(sheet.getRange(1, 1).getValue()).toBe('Hạng');
    sheet.moveColumns(sheet.getRange('A:A'), 4); // before old column D: ends at C
    expect(col()).toEqual([3]);
    expect(sheet.getRange('C1').getValue()).toBe('Hạng');
    sheet.deleteColumns(2, 2);
    expect(col()).toEqual([]);
    expect(si.snapshot().developerMetadata.map((m) => m.key)).toEqual(['tc:sheet', 'tc:version']);
  });

  it('finds by key, value, location type and visibility, and scopes finders to sheets and ranges', () => {
    const { si, ss, sheet } = setup();
    const SA = si.globals.SpreadsheetApp;
    const all = ss.createDeveloperMetadataFinder().find();
    expect(all.map((m) => m.getKey()).sort()).toEqual(['tc:col', 'tc:sheet', 'tc:version']);
    expect(ss.createDeveloperMetadataFinder().withValue('orders').find()[0].getKey()).toBe('tc:sheet');
    expect(ss.createDeveloperMetadataFinder().withLocationType(SA.DeveloperMetadataLocationType.COLUMN).find()[0].getKey()).toBe('tc:col');
    expect(ss.createDeveloperMetadataFinder().withVisibility(SA.DeveloperMetadataVisibility.PROJECT).find()).toEqual([]);
    expect(
      sheet
        .createDeveloperMetadataFinder()
        .find()
        .map((m) => m.getKey())
        .sort(),
    ).toEqual(['tc:col', 'tc:sheet']);
    expect(
      sheet
        .getRange('D:D')
        .createDeveloperMetadataFinder()
        .find()
        .map((m) => m.getKey()),
    ).toEqual(['tc:col']);
    expect(sheet.getRange('D1').createDeveloperMetadataFinder().find()).toEqual([]);
    expect(
      sheet
        .getRange('D1')
        .createDeveloperMetadataFinder()
        .onIntersectingLocations()
        .find()
        .map((m) => m.getKey())
        .sort(),
    ).toEqual(['tc:col', 'tc:sheet']);
    expect(sheet.getDeveloperMetadata().map((m) => m.getKey())).toEqual(['tc:sheet']);
    expect(ss.getDeveloperMetadata().map((m) => m.getValue())).toEqual(['1']);
    const md = ss.getDeveloperMetadata()[0];
    expect(String(md.getVisibility())).toBe('DOCUMENT');
    expect(String(md.getLocation().getLocationType())).toBe('SPREADSHEET');
    md.setValue('2');
    expect(ss.getDeveloperMetadata()[0].getValue()).toBe('2');
    md.remove();
    expect(ss.getDeveloperMetadata()).toEqual([]);
    expect(err(() => md.setValue('3'))).toBe('Exception: The developer metadata has been removed.');
  });

  it('stays on its column through any sequence of inserts, deletes and moves (against a reference list)', () => {
    const op = fc.oneof(
      fc.record({ kind: fc.constant('insert' as const), at: fc.integer({ min: 1, max: 12 }), n: fc.integer({ min: 1, max: 3 }) }),
      fc.record({ kind: fc.constant('delete' as const), at: fc.integer({ min: 1, max: 12 }), n: fc.integer({ min: 1, max: 2 }) }),
      fc.record({ kind: fc.constant('move' as const), from: fc.integer({ min: 1, max: 12 }), to: fc.integer({ min: 1, max: 12 }) }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 25 }), (ops) => {
        const headers = ['a', 'b', 'c', 'd', 'TAG', 'f', 'g', 'h', 'i', 'j', 'k', 'l'];
        const si = createStandIn({ sheets: [{ name: 'S', values: [headers], maxColumns: 12 }] });
        const sheet = si.globals.SpreadsheetApp.getActive().getSheetByName('S')!;
        sheet.getRange('E:E').addDeveloperMetadata('tc:col', 'tag');
        const ref: string[] = [...headers];
        for (const o of ops) {
          if (o.kind === 'insert' && o.at <= ref.length) {
            sheet.insertColumnsBefore(o.at, o.n);
            ref.splice(o.at - 1, 0, ...new Array(o.n).fill(''));
          } else if (o.kind === 'delete' && o.at + o.n - 1 <= ref.length && o.n < ref.length) {
            sheet.deleteColumns(o.at, o.n);
            ref.splice(o.at - 1, o.n);
          } else if (o.kind === 'move' && o.from <= ref.length && o.to <= ref.length) {
            si.moveColumn('S', o.from, o.to);
            const [x] = ref.splice(o.from - 1, 1);
            ref.splice(o.to - 1, 0, x);
          }
        }
        expect(sheet.getRange(1, 1, 1, ref.length).getValues()[0]).toEqual(ref);
        const found = sheet.createDeveloperMetadataFinder().withKey('tc:col').find();
        const expected = ref.indexOf('TAG');
        expect(found.map((m) => m.getLocation().getColumn()!.getColumn())).toEqual(expected < 0 ? [] : [expected + 1]);
      }),
      { numRuns: 200 },
    );
  });

  it('refuses arbitrary ranges and storage over 30,000 characters', () => {
    const { sheet, ss } = setup();
    expect(err(() => sheet.getRange('A1:B2').addDeveloperMetadata('k'))).toContain('Adding developer metadata to arbitrary ranges is not currently supported.');
    sheet.getRange('2:2').addDeveloperMetadata('row', 'r');
    expect(ss.createDeveloperMetadataFinder().withKey('row').find()[0].getLocation().getRow()?.getRow()).toBe(2);
    ss.addDeveloperMetadata('big', 'x'.repeat(29_000));
    expect(err(() => ss.addDeveloperMetadata('big2', 'x'.repeat(1_000)))).toContain('Developer metadata storage quota exceeded');
    sheet.addDeveloperMetadata('sheet-scope-is-separate', 'x'.repeat(1_000));
  });
});

describe('sheets and structure', () => {
  it('inserts sheets with Sheets errors and default names, and activates them', () => {
    const { ss } = make({ sheets: [{ name: 'Đơn hàng' }] });
    expect(err(() => ss.insertSheet('Đơn hàng'))).toBe('Exception: A sheet with the name "Đơn hàng" already exists. Please enter another name.');
    expect(err(() => ss.insertSheet('đơn HÀNG'))).toBe('Exception: A sheet with the name "đơn HÀNG" already exists. Please enter another name.');
    const s2 = ss.insertSheet();
    expect(s2.getName()).toBe('Trang tính2');
    expect(ss.getActiveSheet().getName()).toBe('Trang tính2');
    const first = ss.insertSheet('Đầu', 0);
    expect(ss.getSheets().map((s) => s.getName())).toEqual(['Đầu', 'Đơn hàng', 'Trang tính2']);
    expect(first.getIndex()).toBe(1);
    expect(err(() => s2.setName('Đầu'))).toBe('Exception: A sheet with the name "Đầu" already exists. Please enter another name.');
    ss.deleteSheet(first);
    ss.deleteSheet(s2);
    expect(err(() => ss.deleteSheet(ss.getSheets()[0]))).toBe("Exception: You can't remove all the sheets in a document.");
    expect(ss.getSheetByName('Đầu')).toBeNull();
    expect(make({ locale: 'en_US' }).ss.insertSheet().getName()).toBe('Sheet2');
  });

  it('inserts and deletes rows and columns, moving values and formats with them', () => {
    const { sheet } = make();
    sheet.getRange('A1:C2').setValues([
      ['a', 'b', 'c'],
      [1, 2, 3],
    ]);
    sheet.getRange('B1').setBackground('red').setFontWeight('bold');
    sheet.insertColumnsAfter(1, 2);
    expect(sheet.getRange('A1:E1').getValues()).toEqual([['a', '', '', 'b', 'c']]);
    expect(sheet.getRange('D1').getBackground()).toBe('#ff0000');
    expect(sheet.getRange('D1').getFontWeight()).toBe('bold');
    expect(sheet.getRange('B1').getBackground()).toBe('#ffffff');
    expect(sheet.getMaxColumns()).toBe(28);
    sheet.insertRowBefore(1);
    expect(sheet.getLastRow()).toBe(3);
    sheet.deleteRows(1, 2);
    expect(sheet.getDataRange().getValues()).toEqual([[1, '', '', 2, 3]]);
    expect(sheet.getDataRange().getA1Notation()).toBe('A1:E1');
    sheet.appendRow(['x', 'y']);
    expect(sheet.getLastRow()).toBe(2);
    expect(err(() => sheet.deleteRows(1, 999))).toBe('Exception: Sorry, it is not possible to delete all non-frozen rows.');
    expect(err(() => sheet.deleteColumns(28, 2))).toBe('Exception: Those columns are out of bounds.');
  });

  it('records frozen rows, hidden rows and sheets, widths, tab colours', () => {
    const { ss, sheet } = make();
    sheet.setFrozenRows(1);
    sheet.hideRows(3, 2);
    sheet.setColumnWidth(2, 150);
    sheet.setTabColor('#ABC');
    expect([sheet.getFrozenRows(), sheet.isRowHiddenByUser(3), sheet.isRowHiddenByUser(5), sheet.getColumnWidth(2), sheet.getColumnWidth(3)]).toEqual([
      1,
      true,
      false,
      150,
      100,
    ]);
    expect(sheet.getTabColor()).toBe('#aabbcc');
    expect(err(() => sheet.hideSheet())).toBe("Exception: You can't hide all the sheets in a document.");
    const other = ss.insertSheet('Ẩn');
    other.hideSheet();
    expect(other.isSheetHidden()).toBe(true);
    expect(ss.getActiveSheet().getName()).toBe('Trang tính1');
  });

  it('clears contents, formats or both', () => {
    const { sheet } = make();
    sheet
      .getRange('A1:B1')
      .setValues([[1, 2]])
      .setBackground('yellow')
      .setNumberFormat('0.00');
    sheet.getRange('A1').clearContent();
    expect(sheet.getRange('A1:B1').getValues()).toEqual([['', 2]]);
    expect(sheet.getRange('A1').getBackground()).toBe('#ffff00');
    sheet.getRange('A1:B1').clearFormat();
    expect(sheet.getRange('A1:B1').getNumberFormats()).toEqual([['General', 'General']]);
    sheet.getRange('A1:B1').setBackground('yellow');
    sheet.clear();
    expect(sheet.getLastRow()).toBe(0);
    expect(sheet.getRange('A1').getBackground()).toBe('#ffffff');
  });
});

describe('protections, conditional formats, charts', () => {
  it('protects ranges and sheets; range protections follow inserted rows', () => {
    const { si, sheet, ss } = make();
    const PT = si.globals.SpreadsheetApp.ProtectionType;
    const p = sheet.getRange('A2:B3').protect().setDescription('Target Customers output').setWarningOnly(true);
    expect([p.getDescription(), p.isWarningOnly(), p.getRange().getA1Notation()]).toEqual(['Target Customers output', true, 'A2:B3']);
    sheet.insertRowsBefore(1, 2);
    expect(sheet.getProtections(PT.RANGE)[0].getRange().getA1Notation()).toBe('A4:B5');
    sheet.protect().setDescription('whole');
    expect(ss.getProtections(PT.SHEET).map((x) => x.getDescription())).toEqual(['whole']);
    sheet.getProtections(PT.RANGE)[0].remove();
    expect(sheet.getProtections(PT.RANGE)).toEqual([]);
  });

  it('builds, stores and returns conditional format rules', () => {
    const { si, sheet } = make();
    const SA = si.globals.SpreadsheetApp;
    const rule = SA.newConditionalFormatRule()
      .whenFormulaSatisfied('=$D2="vip"')
      .setBackground('#FFD700')
      .setFontColor('black')
      .setRanges([sheet.getRange('A2:D100')])
      .build();
    const rule2 = SA.newConditionalFormatRule()
      .whenTextEqualTo('lost')
      .setBackground('gray')
      .setRanges([sheet.getRange('D2:D100')])
      .build();
    sheet.setConditionalFormatRules([...sheet.getConditionalFormatRules(), rule, rule2]);
    const got = sheet.getConditionalFormatRules();
    expect(got.length).toBe(2);
    const c = got[0].getBooleanCondition()!;
    expect([String(c.getCriteriaType()), c.getCriteriaValues(), c.getBackground(), c.getFontColor()]).toEqual([
      'CUSTOM_FORMULA',
      ['=$D2="vip"'],
      '#ffd700',
      '#000000',
    ]);
    expect(got[0].getRanges().map((r) => r.getA1Notation())).toEqual(['A2:D100']);
    sheet.deleteColumn(1);
    expect(sheet.getConditionalFormatRules()[1].getRanges()[0].getA1Notation()).toBe('C2:C100');
    expect(err(() => SA.newConditionalFormatRule().setBackground('red').build())).toContain('needs a condition');
  });

  it('inserts charts and keeps what was set for the playground', () => {
    const { si, sheet } = make();
    const chart = sheet
      .newChart()
      .setChartType(si.globals.Charts.ChartType.PIE)
      .addRange(sheet.getRange('A1:B10'))
      .setPosition(2, 5, 0, 0)
      .setOption('title', 'Phân khúc')
      .build();
    sheet.insertChart(chart);
    const charts = sheet.getCharts();
    expect(charts.length).toBe(1);
    expect(charts[0].getOptions().get('title')).toBe('Phân khúc');
    expect(charts[0].getRanges()[0].getA1Notation()).toBe('A1:B10');
    expect(si.snapshot().sheets[0].charts).toEqual([
      {
        type: 'PIE',
        ranges: ['Trang tính1!A1:B10'],
        position: { row: 2, column: 5, offsetX: 0, offsetY: 0 },
        options: { title: 'Phân khúc' },
        numHeaders: -1,
        transpose: false,
      },
    ]);
    sheet.removeChart(charts[0]);
    expect(sheet.getCharts()).toEqual([]);
  });
});

describe('call counting and scale', () => {
  it('counts top-level calls only, and range reads + writes', () => {
    const { si, sheet } = make();
    si.resetCalls();
    sheet.getRange('A1:B2').setValues([
      [1, 2],
      [3, 4],
    ]);
    sheet.getRange('A1').getValue();
    sheet.getDataRange().getDisplayValues();
    sheet.getRange('A1').setBackground('red');
    sheet.getRange('A1').getRow();
    expect(si.calls['Range.setValues']).toBe(1);
    expect(si.calls['Sheet.getRange']).toBe(4);
    expect(si.calls['Range.getValue']).toBe(1);
    expect(si.calls['Range.getRow']).toBe(1);
    expect(si.calls['Range.getValues']).toBeUndefined(); // getValue's inner read is not counted
    expect(si.rangeIO()).toBe(4);
    expect(si.rangeIO('read')).toBe(2);
    expect(si.rangeIO('write')).toBe(2);
    si.resetCalls();
    expect(si.rangeIO()).toBe(0);
    expect(Object.keys(si.calls)).toEqual([]);
  });

  it('writes and reads 50,000 x 20 cells in two range calls, quickly', () => {
    const { si, ss } = make();
    const sheet = ss.insertSheet('Big');
    sheet.insertRowsAfter(1000, 49_000);
    const rows = Array.from({ length: 50_000 }, (_, i) => Array.from({ length: 20 }, (_, j) => (j === 0 ? `KH${i}` : j === 1 ? '0912345678' : i * j)));
    si.resetCalls();
    const t0 = performance.now();
    sheet.getRange(1, 1, 50_000, 20).setValues(rows);
    const back = sheet.getRange(1, 1, 50_000, 20).getValues();
    const ms = performance.now() - t0;
    expect(back[49_999][19]).toBe(49_999 * 19);
    expect(back[12][1]).toBe(912345678);
    expect(si.rangeIO()).toBe(2);
    expect(ms).toBeLessThan(5_000);
  });
});

describe('snapshot', () => {
  it('is plain JSON that changes with the sheet and comes back when a change is undone', () => {
    const { si, sheet } = make({
      sheets: [
        {
          name: 'Đơn hàng',
          values: [
            ['KH', 'Ngày'],
            ['KH1', '31/12/2024'],
          ],
        },
      ],
    });
    const before = si.snapshot();
    expect(JSON.parse(JSON.stringify(before))).toEqual(before);
    expect(before.sheets[0].values).toEqual([
      ['KH', 'Ngày'],
      ['KH1', { date: '2024-12-30T17:00:00.000Z' }],
    ]);
    sheet.insertColumnAfter(2);
    sheet
      .getRange('C1:C2')
      .setValues([['Hạng'], ['vip']])
      .setBackground('#ffd700');
    sheet.getRange('C:C').addDeveloperMetadata('tc:col', 'segment');
    expect(si.snapshot()).not.toEqual(before);
    sheet.getDeveloperMetadata();
    for (const m of sheet.createDeveloperMetadataFinder().withKey('tc:col').find()) m.remove();
    sheet.deleteColumn(3);
    expect(si.snapshot()).toEqual(before);
    expect(si.snapshot({ display: true }).sheets[0].display).toEqual([
      ['KH', 'Ngày'],
      ['KH1', '31/12/2024'],
    ]);
  });
});

describe('stand-in helpers', () => {
  it('loads raw values without conversion and column formats before values', () => {
    const si: StandIn = createStandIn({
      sheets: [
        { name: 'Raw', values: [['0912', '=1+1']], raw: true },
        { name: 'Text', values: [['0912']], columnFormats: { 1: '@' } },
      ],
    });
    expect(si.values('Raw')).toEqual([['0912', '=1+1']]);
    expect(si.snapshot().sheets[0].formulas).toEqual({});
    expect(si.values('Text')).toEqual([['0912']]);
    expect(() => si.sheet('Nope')).toThrow('no sheet named "Nope"');
  });
});

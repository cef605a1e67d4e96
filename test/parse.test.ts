/** Amounts and dates as Vietnamese and English sheets hold them. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { civilToDay, dayToIso, formatDay, instantToDay, parseAmount, parseDay } from '../src/core/parse';

describe('parseAmount', () => {
  it.each([
    ['1.234.567', 'vi_VN', 1234567],
    ['1.234.567 ₫', 'vi_VN', 1234567],
    ['1.234.567đ', 'vi_VN', 1234567],
    ['1.234.567 VNĐ', 'vi_VN', 1234567],
    ['12,5', 'vi_VN', 12.5],
    ['1.234,56', 'vi_VN', 1234.56],
    ['1,234,567.89', 'en_US', 1234567.89],
    ['$1,234', 'en_US', 1234],
    ['(1.234)', 'vi_VN', -1234],
    ['(1,234.50)', 'en_US', -1234.5],
    ['-500.000 ₫', 'vi_VN', -500000],
    ['1.234', 'vi_VN', 1234],
    ['1.234', 'en_US', 1.234],
    ['1,234', 'en_US', 1234],
    ['1,234', 'vi_VN', 1.234],
    ['0,5', 'en_US', 0.5],
    [' 42 ', 'en_US', 42],
    ['1 234 567', 'fr_FR', 1234567],
    [1500, 'vi_VN', 1500],
  ])('%s in %s is %d', (text, locale, n) => {
    expect(parseAmount(text, locale)).toBeCloseTo(n, 10);
  });

  it.each(['abc', '', '1.2.3,4,5', '12,34,5', '1..2', '--5', 'NaN', '1e5x', true, null, Number.POSITIVE_INFINITY, new Date()])('rejects %s', (v) => {
    expect(parseAmount(v, 'vi_VN')).toBeNaN();
  });

  it('round-trips numbers formatted the Vietnamese and the English way', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e12 }), fc.integer({ min: 0, max: 99 }), (whole, cents) => {
        const n = whole + cents / 100;
        const vi = new Intl.NumberFormat('vi-VN', { minimumFractionDigits: 2 }).format(n);
        const en = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2 }).format(n);
        expect(parseAmount(`${vi} ₫`, 'vi_VN')).toBeCloseTo(n, 6);
        expect(parseAmount(`$${en}`, 'en_US')).toBeCloseTo(n, 6);
      }),
    );
  });
});

describe('parseDay', () => {
  const d = (iso: string) => civilToDay(+iso.slice(0, 4), +iso.slice(5, 7), +iso.slice(8, 10));
  it.each([
    ['2024-12-31', 'vi_VN', '2024-12-31'],
    ['31/12/2024', 'vi_VN', '2024-12-31'],
    ['01/02/2024', 'vi_VN', '2024-02-01'],
    ['01/02/2024', 'en_US', '2024-01-02'],
    ['31/12/2024', 'en_US', '2024-12-31'],
    ['31-12-2024', 'vi_VN', '2024-12-31'],
    ['31.12.2024', 'de_DE', '2024-12-31'],
    ['19970101', 'en_US', '1997-01-01'],
    ['2024-02-29', 'vi_VN', '2024-02-29'],
    ['2024-12-31 23:30', 'vi_VN', '2024-12-31'],
  ])('%s in %s is %s', (text, locale, iso) => {
    expect(dayToIso(parseDay(text, locale, 'Asia/Ho_Chi_Minh'))).toBe(iso);
    expect(parseDay(text, locale, 'Asia/Ho_Chi_Minh')).toBe(d(iso));
  });

  it.each(['2023-02-29', '32/01/2024', '13/13/2024', 'hôm qua', '', '2024-13-01'])('rejects %s', (t) => {
    expect(parseDay(t, 'vi_VN', 'Asia/Ho_Chi_Minh')).toBeNaN();
  });

  it('reads a Date in the spreadsheet time zone, not the machine one', () => {
    // Midnight 1 Jan 2025 in Ho Chi Minh City is 17:00 on 31 Dec 2024 UTC.
    const midnightHcm = new Date(Date.UTC(2024, 11, 31, 17, 0));
    expect(dayToIso(parseDay(midnightHcm, 'vi_VN', 'Asia/Ho_Chi_Minh'))).toBe('2025-01-01');
    expect(dayToIso(parseDay(midnightHcm, 'en_US', 'UTC'))).toBe('2024-12-31');
    expect(dayToIso(parseDay(midnightHcm, 'en_US', 'America/New_York'))).toBe('2024-12-31');
    expect(dayToIso(instantToDay(Date.UTC(2024, 2, 10, 6, 59), 'America/New_York'))).toBe('2024-03-10');
  });

  it('reads Sheets serial numbers', () => {
    expect(dayToIso(parseDay(45657, 'vi_VN', 'UTC'))).toBe('2024-12-31');
  });

  it('formats days the local way', () => {
    expect(formatDay(d('2024-12-31'), 'vi_VN')).toBe('31/12/2024');
    expect(formatDay(d('2024-12-31'), 'en_US')).toBe('12/31/2024');
  });

  it('round-trips every day through dd/mm/yyyy and ISO', () => {
    fc.assert(
      fc.property(fc.integer({ min: -25000, max: 60000 }), (day) => {
        expect(parseDay(formatDay(day, 'vi_VN'), 'vi_VN', 'UTC')).toBe(day);
        expect(parseDay(dayToIso(day), 'en_US', 'UTC')).toBe(day);
      }),
    );
  });
});

describe('localMidnight', () => {
  it('is the instant a date cell of that day holds, in the sheet time zone', async () => {
    const { localMidnight } = await import('../src/core/parse');
    const day = civilToDay(2025, 1, 1);
    expect(localMidnight(day, 'Asia/Ho_Chi_Minh').toISOString()).toBe('2024-12-31T17:00:00.000Z');
    expect(localMidnight(day, 'UTC').toISOString()).toBe('2025-01-01T00:00:00.000Z');
    // New York on the day DST starts (2024-03-10): midnight is still EST (UTC-5).
    expect(localMidnight(civilToDay(2024, 3, 10), 'America/New_York').toISOString()).toBe('2024-03-10T05:00:00.000Z');
    expect(localMidnight(civilToDay(2024, 7, 4), 'America/New_York').toISOString()).toBe('2024-07-04T04:00:00.000Z');
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 40000 }),
        fc.constantFrom('Asia/Ho_Chi_Minh', 'America/New_York', 'Europe/London', 'Australia/Lord_Howe'),
        (d, tz) => {
          expect(instantToDay(localMidnight(d, tz).getTime(), tz)).toBe(d);
        },
      ),
    );
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  currencySymbol,
  formatCompact,
  formatDate,
  formatMoney,
  formatNumber,
  formatPercent,
  numberStyle,
  parseDateInput,
  parseNumberInput,
} from '../sidebar/format';

describe('formatNumber', () => {
  it('groups thousands by locale', () => {
    expect(formatNumber(1234567, 'vi_VN')).toBe('1.234.567');
    expect(formatNumber(1234567, 'en_US')).toBe('1,234,567');
    expect(formatNumber(1234567.891, 'vi_VN', 2)).toBe('1.234.567,89');
    expect(formatNumber(1234567.891, 'en_US', 2)).toBe('1,234,567.89');
    expect(formatNumber(999, 'vi_VN')).toBe('999');
    expect(formatNumber(1000, 'vi_VN')).toBe('1.000');
    expect(formatNumber(-1234.5, 'en_US', 1)).toBe('-1,234.5');
    expect(formatNumber(0, 'en_US')).toBe('0');
  });
  it('never shows NaN, Infinity or -0', () => {
    expect(formatNumber(Number.NaN, 'vi_VN')).toBe('—');
    expect(formatNumber(Number.POSITIVE_INFINITY, 'vi_VN')).toBe('—');
    expect(formatNumber(null, 'vi_VN')).toBe('—');
    expect(formatNumber(undefined, 'vi_VN')).toBe('—');
    expect(formatNumber(-0.001, 'en_US')).toBe('0');
    expect(formatNumber(-0.004, 'en_US', 2)).toBe('0.00');
  });
  it('agrees with Intl.NumberFormat for integers (en-US and vi-VN)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), (n) => {
        expect(formatNumber(n, 'en_US')).toBe(new Intl.NumberFormat('en-US').format(n).replace('−', '-'));
        expect(formatNumber(n, 'vi_VN')).toBe(new Intl.NumberFormat('vi-VN').format(n).replace('−', '-'));
      }),
    );
  });
  it('round-trips through parseNumberInput', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e9, max: 1e9 }), fc.integer({ min: 0, max: 99 }), fc.constantFrom('vi_VN', 'en_US', 'de_DE'), (i, cents, loc) => {
        const v = i + (Math.sign(i || 1) * cents) / 100;
        expect(parseNumberInput(formatNumber(v, loc, 2), loc)).toBeCloseTo(v, 6);
      }),
    );
  });
  it('knows the separators', () => {
    expect(numberStyle('vi_VN')).toEqual({ group: '.', decimal: ',' });
    expect(numberStyle('en_GB')).toEqual({ group: ',', decimal: '.' });
    expect(numberStyle('fr_FR')).toEqual({ group: '\u00a0', decimal: ',' });
  });
});

describe('formatMoney', () => {
  it('shows đồng after the number, dollars before', () => {
    expect(formatMoney(1234567, 'vi_VN', '₫')).toBe('1.234.567 ₫');
    expect(formatMoney(1234567, 'en_US', '₫')).toBe('1,234,567 ₫');
    expect(formatMoney(1234567, 'vi_VN', 'VND')).toBe('1.234.567 ₫');
    expect(formatMoney(1234567, 'en_US', '$')).toBe('$1,234,567');
    expect(formatMoney(-1500, 'en_US', 'USD')).toBe('-$1,500');
    expect(formatMoney(12.5, 'en_US', '$')).toBe('$12.50');
    expect(formatMoney(1234567.4, 'vi_VN', '₫')).toBe('1.234.567 ₫');
    expect(formatMoney(1000, 'vi_VN', '')).toBe('1.000');
    expect(formatMoney(Number.NaN, 'vi_VN', '₫')).toBe('—');
    expect(formatMoney(null, 'vi_VN', '₫')).toBe('—');
  });
  it('maps currency codes', () => {
    expect(currencySymbol('VND')).toBe('₫');
    expect(currencySymbol('usd')).toBe('$');
    expect(currencySymbol('JPY')).toBe('JPY');
  });
});

describe('formatPercent / formatCompact', () => {
  it('formats shares in the locale', () => {
    expect(formatPercent(0.2, 'vi_VN')).toBe('20%');
    expect(formatPercent(0.125, 'vi_VN')).toBe('12,5%');
    expect(formatPercent(0.125, 'en_US')).toBe('12.5%');
    expect(formatPercent(1, 'en_US')).toBe('100%');
    expect(formatPercent(0, 'en_US')).toBe('0%');
    expect(formatPercent(0.0001, 'vi_VN')).toBe('<0,1%');
    expect(formatPercent(Number.NaN, 'vi_VN')).toBe('—');
  });
  it('drops trailing zeros', () => {
    expect(formatCompact(0.62, 'vi_VN', 2)).toBe('0,62');
    expect(formatCompact(3, 'vi_VN', 2)).toBe('3');
    expect(formatCompact(2.5, 'en_US', 2)).toBe('2.5');
    expect(formatCompact(1000.5, 'vi_VN', 2)).toBe('1.000,5');
  });
});

describe('dates', () => {
  it('formats ISO dates by locale', () => {
    expect(formatDate('2024-12-31', 'vi_VN')).toBe('31/12/2024');
    expect(formatDate('2024-12-31T10:00:00Z', 'vi_VN')).toBe('31/12/2024');
    expect(formatDate('2024-12-31', 'en_US')).toBe('12/31/2024');
    expect(formatDate('2024-12-31', 'en_GB')).toBe('31/12/2024');
    expect(formatDate('', 'vi_VN')).toBe('—');
    expect(formatDate(null, 'vi_VN')).toBe('—');
  });
  it('parses typed dates in the locale order and rejects impossible ones', () => {
    expect(parseDateInput('31/12/2024', 'vi_VN')).toBe('2024-12-31');
    expect(parseDateInput('1/2/2024', 'vi_VN')).toBe('2024-02-01');
    expect(parseDateInput('1/2/2024', 'en_US')).toBe('2024-01-02');
    expect(parseDateInput('2024-02-29', 'vi_VN')).toBe('2024-02-29');
    expect(parseDateInput('29/02/2023', 'vi_VN')).toBeNull();
    expect(parseDateInput('31/12/2024', 'en_US')).toBeNull();
    expect(parseDateInput('hôm qua', 'vi_VN')).toBeNull();
    expect(parseDateInput('', 'vi_VN')).toBeNull();
  });
  it('round-trips every day of 1990..2040', () => {
    fc.assert(
      fc.property(fc.integer({ min: 7305, max: 25567 }), fc.constantFrom('vi_VN', 'en_US'), (day, loc) => {
        const iso = new Date(day * 86400000).toISOString().slice(0, 10);
        expect(parseDateInput(formatDate(iso, loc), loc)).toBe(iso);
      }),
    );
  });
});

describe('parseNumberInput', () => {
  it('reads locale numbers and percents', () => {
    expect(parseNumberInput('80', 'vi_VN')).toBe(80);
    expect(parseNumberInput('75,5', 'vi_VN')).toBe(75.5);
    expect(parseNumberInput('0.5', 'vi_VN')).toBe(0.5);
    expect(parseNumberInput('1.234', 'vi_VN')).toBe(1234);
    expect(parseNumberInput('1.234,5', 'vi_VN')).toBe(1234.5);
    expect(parseNumberInput('1,234.5', 'en_US')).toBe(1234.5);
    expect(parseNumberInput('10 %', 'en_US')).toBe(10);
    expect(parseNumberInput('abc', 'en_US')).toBeNaN();
    expect(parseNumberInput('', 'en_US')).toBeNaN();
    expect(parseNumberInput('1e5', 'en_US')).toBeNaN();
  });
});

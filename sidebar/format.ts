/**
 * Number, money, percent and date formatting for the sidebar, by spreadsheet locale:
 * `1.234.567 ₫` and `31/12/2024` for vi_VN, `1,234,567 ₫` / `$1,234,567` and `12/31/2024` for en_US.
 * Plain code instead of `Intl.NumberFormat`, so the output is the same in every browser and in tests.
 */
import { decimalCommaLocale, monthFirstLocale } from '../src/core/i18n';

export interface NumberStyle {
  group: string;
  decimal: string;
}

/** Group and decimal separators of a locale. */
export function numberStyle(locale: string): NumberStyle {
  if (/^(fr|nb|no|sv|fi|cs|sk|pl|ru|uk|bg|et|lv|lt|hu)([_-]|$)/i.test(locale)) return { group: '\u00a0', decimal: ',' };
  if (/^de[_-](CH|LI)$/i.test(locale)) return { group: '\u2019', decimal: '.' };
  return decimalCommaLocale(locale) ? { group: '.', decimal: ',' } : { group: ',', decimal: '.' };
}

/** `1234567.891` → `1.234.567,89` (vi, 2 decimals). Non-finite values give an em dash, never `NaN`. */
export function formatNumber(n: number | null | undefined, locale: string, decimals = 0): string {
  if (n === null || n === undefined || typeof n !== 'number' || !Number.isFinite(n)) return '—';
  const st = numberStyle(locale);
  const neg = n < 0;
  const fixed = Math.abs(n).toFixed(decimals);
  const [int, frac] = fixed.split('.');
  let grouped = '';
  for (let i = 0; i < int.length; i++) {
    if (i > 0 && (int.length - i) % 3 === 0) grouped += st.group;
    grouped += int[i];
  }
  const body = frac ? grouped + st.decimal + frac : grouped;
  // Avoid "-0" after rounding.
  return neg && /[1-9]/.test(body) ? '-' + body : body;
}

/** Rounds to at most `maxDecimals`, dropping trailing zeros: 2.50 → `2,5`, 3.00 → `3`. */
export function formatCompact(n: number | null | undefined, locale: string, maxDecimals = 2): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return '—';
  const s = formatNumber(n, locale, maxDecimals);
  if (maxDecimals === 0) return s;
  const dec = numberStyle(locale).decimal;
  if (s.indexOf(dec) < 0) return s;
  return s.replace(/0+$/, '').replace(new RegExp('\\' + dec + '$'), '');
}

/** Currency display: `₫` after the number (`1.234.567 ₫`), `$` before (`$1,234,567`), other codes after. */
export function formatMoney(n: number | null | undefined, locale: string, currency: string): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return '—';
  const cur = (currency || '').trim();
  const sym = currencySymbol(cur);
  const decimals = sym === '₫' || cur === '' ? 0 : Math.abs(n) < 100 && n !== Math.round(n) ? 2 : 0;
  const num = formatNumber(n, locale, decimals);
  if (!sym) return num;
  if (sym === '$' || sym === '€' || sym === '£') {
    if (decimalCommaLocale(locale) && sym === '€') return num + ' €';
    return num.charAt(0) === '-' ? '-' + sym + num.slice(1) : sym + num;
  }
  return num + ' ' + sym;
}

export function currencySymbol(code: string): string {
  switch ((code || '').toUpperCase()) {
    case 'VND':
    case '₫':
    case 'Đ':
      return '₫';
    case 'USD':
    case '$':
      return '$';
    case 'EUR':
    case '€':
      return '€';
    case 'GBP':
    case '£':
      return '£';
    case '':
      return '';
    default:
      return code;
  }
}

/**
 * A share (0..1) as a percent: 0.125 → `12,5%` (vi) / `12.5%` (en). Tiny non-zero shares show
 * as `<0,1%` so that a segment never looks empty when it is not.
 */
export function formatPercent(share: number | null | undefined, locale: string, decimals = 1): string {
  if (share === null || share === undefined || !Number.isFinite(share)) return '—';
  const p = share * 100;
  const min = 10 ** -decimals;
  if (p > 0 && p < min) return '<' + formatNumber(min, locale, decimals) + '%';
  return formatCompact(p, locale, decimals) + '%';
}

/** An ISO date `2024-12-31` (or `2024-12-31T…`) → `31/12/2024`, or `12/31/2024` for month-first locales. */
export function formatDate(iso: string | null | undefined, locale: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(String(iso || ''));
  if (!m) return iso ? String(iso) : '—';
  return monthFirstLocale(locale) ? m[2] + '/' + m[3] + '/' + m[1] : m[3] + '/' + m[2] + '/' + m[1];
}

/** A date typed by the user in the locale's order (`31/12/2024`, or ISO) → ISO, or null if not a real date. */
export function parseDateInput(text: string, locale: string): string | null {
  const s = String(text || '').trim();
  let y: number;
  let mo: number;
  let d: number;
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s);
  if (m) {
    y = +m[1];
    mo = +m[2];
    d = +m[3];
  } else {
    m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(s);
    if (!m) return null;
    y = +m[3];
    if (monthFirstLocale(locale)) {
      mo = +m[1];
      d = +m[2];
    } else {
      d = +m[1];
      mo = +m[2];
    }
  }
  const t = new Date(Date.UTC(y, mo - 1, d));
  if (t.getUTCFullYear() !== y || t.getUTCMonth() !== mo - 1 || t.getUTCDate() !== d) return null;
  return y + '-' + (mo < 10 ? '0' : '') + mo + '-' + (d < 10 ? '0' : '') + d;
}

/** A number typed by the user in the locale (`0,5` in vi, `0.5` in en; a `%` sign is stripped). */
export function parseNumberInput(text: string, locale: string): number {
  let s = String(text ?? '')
    .trim()
    .replace(/[\s\u00a0%]/g, '');
  if (!s) return Number.NaN;
  const st = numberStyle(locale);
  if (st.decimal === ',') {
    // "1.234,5" → 1234.5; a lone "0.5" (dot, no comma) is still read as a decimal.
    if (s.indexOf(',') >= 0) s = s.replace(/\./g, '').replace(',', '.');
    else if (/^\d{1,3}(\.\d{3})+$/.test(s)) s = s.replace(/\./g, '');
  } else s = s.replace(/,/g, '');
  if (!/^[-+]?(\d+\.?\d*|\.\d+)$/.test(s)) return Number.NaN;
  return Number(s);
}

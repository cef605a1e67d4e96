/**
 * CLV_SIMPLE: the textbook lifetime value per row,
 *   CLV = Σ_{y=1..⌈L⌉} w_y · AOV · F · margin / (1 + d)^y,
 * where AOV is the average order value, F purchases per year, L the lifespan in years (w_y = 1 for
 * whole years, the fraction for a last partial year), d the annual discount rate (default 0, which
 * gives the classic AOV × F × L × margin).
 */
import { type Cell, isRange, type Output } from '../args';
import { type CallContext, MSG, UserError, valueError } from '../errors';
import { localize } from '../i18n';
import { isBlank, parseAmount } from '../parse';

const T = {
  header: { en: 'CLV', vi: 'CLV' },
  rows: { en: 'the ranges must have the same number of rows: {list}', vi: 'các vùng dữ liệu phải có cùng số dòng: {list}' },
  range: { en: 'must be between {lo} and {hi}', vi: 'phải nằm trong khoảng {lo} đến {hi}' },
};

/** Present value of a yearly amount over a (possibly fractional) lifespan. */
export function simpleClv(aov: number, perYear: number, years: number, margin = 1, discount = 0): number {
  const yearly = aov * perYear * margin;
  let v = 0;
  const whole = Math.floor(years);
  for (let y = 1; y <= whole; y++) v += yearly / (1 + discount) ** y;
  const frac = years - whole;
  if (frac > 0) v += (frac * yearly) / (1 + discount) ** (whole + 1);
  return v;
}

interface Arg {
  name: string;
  cells: Cell[][] | null;
  scalar: Cell;
  lo: number;
  hi: number;
  dflt?: number;
}

export function clvSimple(ctx: CallContext, aov: unknown, perYear: unknown, lifespan: unknown, margin?: unknown, discount?: unknown): Output {
  const args: Arg[] = [
    { name: 'avg_order_value', v: aov, lo: 0, hi: Number.MAX_VALUE },
    { name: 'purchases_per_year', v: perYear, lo: 0, hi: 1e6 },
    { name: 'lifespan_years', v: lifespan, lo: 0, hi: 200 },
    { name: 'margin', v: margin, lo: -10, hi: 10, dflt: 1 },
    { name: 'annual_discount_rate', v: discount, lo: 0, hi: 10, dflt: 0 },
  ].map(({ name, v, lo, hi, dflt }) => ({ name, cells: isRange(v) ? (v as Cell[][]) : null, scalar: isRange(v) ? undefined : (v as Cell), lo, hi, dflt }));
  const ranges = args.filter((a) => a.cells && a.cells.length > 1);
  const rows = ranges.length ? ranges[0].cells!.length : 1;
  if (ranges.some((a) => a.cells!.length !== rows)) {
    const list = ranges.map((a) => `${a.name} ${a.cells!.length}`).join(', ');
    throw new UserError(`${ctx.fn}: ${localize(ctx.lang, T.rows, { list })}`);
  }
  const cell = (a: Arg, i: number): Cell => (a.cells ? (a.cells.length === 1 ? a.cells[0][0] : a.cells[i][0]) : a.scalar);
  const read = (a: Arg, i: number): number | null => {
    const v = cell(a, i);
    if (isBlank(v)) return a.dflt ?? null;
    let n: number;
    if (typeof v === 'string' && /%\s*$/.test(v)) n = parseAmount(v.replace(/%\s*$/, ''), ctx.locale) / 100;
    else n = parseAmount(v, ctx.locale);
    const row = a.cells && a.cells.length > 1 ? i + 1 : null;
    if (Number.isNaN(n)) throw valueError(ctx, a.name, row, v, MSG.notNumber);
    if (n < a.lo || n > a.hi) throw valueError(ctx, a.name, row, v, T.range, { lo: a.lo, hi: a.hi });
    return n;
  };
  const out: Output = [];
  let end = rows;
  while (end > 0 && args.slice(0, 3).every((a) => isBlank(cell(a, end - 1)))) end--;
  for (let i = 0; i < rows; i++) {
    if (i >= end) {
      out.push(['']);
      continue;
    }
    const firstThree = args.slice(0, 3).map((a) => cell(a, i));
    // A header row: text in the first row where numbers are expected.
    if (i === 0 && rows > 1 && firstThree.some((v) => typeof v === 'string' && !isBlank(v) && Number.isNaN(parseAmount(v, ctx.locale)))) {
      out.push([localize(ctx.lang, T.header)]);
      continue;
    }
    if (firstThree.some(isBlank)) {
      out.push(['']);
      continue;
    }
    const [a, f, l, m, d] = args.map((x) => read(x, i) as number);
    out.push([simpleClv(a, f, l, m, d)]);
  }
  return out;
}

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { curveFromValues, downsample, paretoCurveChart, safeColor, shareBarsChart } from '../sidebar/chart';
import { renderHtml, type VNode, walk } from '../sidebar/escape';
import { formatPercent } from '../sidebar/format';

const HOSTILE = '<img src=x onerror=alert(1)>';
const pct = (x: number) => formatPercent(x, 'en_US', 0);
const text = { title: 'T', customersLegend: 'Customers', revenueLegend: 'Revenue', pct };

function rects(v: VNode): VNode[] {
  const out: VNode[] = [];
  walk(v, (n) => {
    if (n.tag === 'rect') out.push(n);
  });
  return out;
}

describe('shareBarsChart', () => {
  const bars = [
    { label: 'VIP', customers: 0.2, revenue: 0.8, color: '#fde68a' },
    { label: HOSTILE, customers: 0.5, revenue: 0.1, color: 'red;background:url(javascript:alert(1))' },
  ];
  const svg = shareBarsChart(bars, text);
  it('draws bars proportional to the shares, largest share at full width', () => {
    const r = rects(svg).slice(2); // after the two legend swatches
    const widths = r.map((x) => Number(x.attrs.width));
    // max share 0.8 spans 280 - 4 - 46 = 230 units
    expect(widths).toEqual([57.5, 230, 143.8, 28.8]);
    expect(r[1].attrs.fill).toBe('#fde68a');
  });
  it('escapes labels and refuses a colour that is not #hex', () => {
    const html = renderHtml(svg);
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).not.toContain('<img');
    expect(html).not.toContain('javascript');
    expect(rects(svg)[5].attrs.fill).toBe('#9ca3af');
    expect(html.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(html).toContain('role="img"');
    expect(html).toContain('<title>T</title>');
  });
  it('prints the values with the given formatter', () => {
    const html = renderHtml(svg);
    for (const s of ['20%', '80%', '50%', '10%']) expect(html).toContain('>' + s + '<');
  });
  it('never produces NaN or negative geometry, whatever the shares', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ label: fc.string(), customers: fc.double(), revenue: fc.double(), color: fc.string() }), { maxLength: 12 }), (bs) => {
        const v = shareBarsChart(bs, text);
        const html = renderHtml(v);
        expect(html).not.toMatch(/NaN|Infinity/);
        for (const r of rects(v)) expect(Number(r.attrs.width)).toBeGreaterThanOrEqual(0);
      }),
    );
  });
  it('colour filter', () => {
    expect(safeColor('#abc')).toBe('#abc');
    expect(safeColor('#A1B2C3')).toBe('#A1B2C3');
    expect(safeColor('#abcd')).toBe('#9ca3af');
    expect(safeColor('url(x)')).toBe('#9ca3af');
  });
});

describe('paretoCurveChart', () => {
  it('places the curve and the 80% marker in the plot box', () => {
    const v = paretoCurveChart(
      [
        [0, 0],
        [0.2, 0.8],
        [1, 1],
      ],
      0.2,
      0.8,
      { title: 'P', xLabel: 'x', yLabel: 'y', marker: '20% → 80%' },
    );
    let poly: VNode | null = null;
    walk(v, (n) => {
      if (n.tag === 'polyline') poly = n;
    });
    // plot: left 32, width 280-32-14 = 234, top 10, height 150
    expect(poly!.attrs.points).toBe('32,160 78.8,40 266,10');
    const html = renderHtml(v);
    expect(html).toContain('20% → 80%');
    expect(html).toContain('<circle cx="78.8" cy="40"');
  });
  it('adds the origin and drops non-finite points', () => {
    const v = paretoCurveChart(
      [
        [0.5, 0.9],
        [Number.NaN, 1],
        [1, 1],
      ],
      Number.NaN,
      0.8,
      { title: 'P', xLabel: 'x', yLabel: 'y', marker: 'm' },
    );
    const html = renderHtml(v);
    expect(html).toContain('points="32,160 149,25 266,10"');
    expect(html).not.toContain('<circle');
    expect(html).not.toMatch(/NaN/);
  });
});

describe('curve helpers', () => {
  it('curveFromValues sorts largest first and ends at (1,1)', () => {
    expect(curveFromValues([1, 3, 0, -2, 6])).toEqual([
      [0, 0],
      [1 / 3, 0.6],
      [2 / 3, 0.9],
      [1, 1],
    ]);
    expect(curveFromValues([0, -1])).toEqual([]);
  });
  it('downsample keeps the ends and at most max points', () => {
    const pts: [number, number][] = Array.from({ length: 1001 }, (_, i) => [i / 1000, Math.sqrt(i / 1000)]);
    const d = downsample(pts, 50);
    expect(d.length).toBe(50);
    expect(d[0]).toEqual([0, 0]);
    expect(d[49]).toEqual([1, 1]);
    for (let i = 1; i < d.length; i++) expect(d[i][0]).toBeGreaterThan(d[i - 1][0]);
  });
});

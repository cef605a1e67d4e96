/**
 * The sidebar's charts, drawn as SVG by hand (no chart library): the customers-vs-revenue share per
 * segment as paired horizontal bars, and the Pareto (Lorenz) curve with the 80% line. Built as
 * virtual trees (`h`), so every label is text, never markup; `renderHtml` gives the SVG string.
 */
import { h, type VNode } from './escape';

export interface ShareBar {
  label: string;
  /** Share of customers, 0..1. */
  customers: number;
  /** Share of revenue, 0..1 (may be negative with profit). */
  revenue: number;
  color: string;
}

export interface ChartText {
  title: string;
  customersLegend: string;
  revenueLegend: string;
  /** Formats a 0..1 share for the labels. */
  pct: (share: number) => string;
}

const W = 280;
const CUSTOMER_COLOR = '#64748b';

function clamp01(x: number): number {
  return Number.isFinite(x) ? Math.max(0, Math.min(1, x)) : 0;
}

/** Only `#rgb`/`#rrggbb` colours get into the SVG (a colour is data from the document). */
export function safeColor(c: string, fallback = '#9ca3af'): string {
  return /^#[0-9a-fA-F]{3}([0-9a-fA-F]{3})?$/.test(String(c || '')) ? c : fallback;
}

function r1(x: number): string {
  return String(Math.round(x * 10) / 10);
}

/** Paired bars: for each segment, its share of customers (grey) and of revenue (segment colour). */
export function shareBarsChart(bars: ShareBar[], text: ChartText): VNode {
  const labelH = 13;
  const barH = 9;
  const gap = 2;
  const rowH = labelH + 2 * barH + gap + 8;
  const top = 22;
  const height = top + Math.max(1, bars.length) * rowH + 4;
  const left = 4;
  const valueW = 46;
  const maxW = W - left - valueW;
  const max = Math.max(0.0001, ...bars.map((b) => Math.max(clamp01(b.customers), clamp01(b.revenue))));
  const scale = maxW / max;
  const rows: VNode[] = [];
  bars.forEach((b, i) => {
    const y = top + i * rowH;
    const cw = clamp01(b.customers) * scale;
    const rw = clamp01(b.revenue) * scale;
    const color = safeColor(b.color);
    rows.push(
      h(
        'g',
        { class: 'bar-row' },
        h('text', { x: left, y: y + 10, class: 'chart-label' }, b.label),
        h('rect', { x: left, y: y + labelH, width: r1(Math.max(cw, 0.5)), height: barH, fill: CUSTOMER_COLOR, rx: 1 }),
        h('text', { x: r1(left + cw + 3), y: y + labelH + 8, class: 'chart-value' }, text.pct(b.customers)),
        h('rect', {
          x: left,
          y: y + labelH + barH + gap,
          width: r1(Math.max(rw, 0.5)),
          height: barH,
          fill: color,
          stroke: '#374151',
          'stroke-width': '0.5',
          rx: 1,
        }),
        h('text', { x: r1(left + rw + 3), y: y + labelH + barH + gap + 8, class: 'chart-value' }, text.pct(b.revenue)),
      ),
    );
  });
  return h(
    'svg',
    {
      xmlns: 'http://www.w3.org/2000/svg',
      viewBox: '0 0 ' + W + ' ' + height,
      width: '100%',
      role: 'img',
      'aria-label': text.title,
      class: 'chart',
      'data-testid': 'chart-segments',
    },
    h('title', null, text.title),
    h('rect', { x: left, y: 4, width: 10, height: 8, fill: CUSTOMER_COLOR }),
    h('text', { x: left + 14, y: 12, class: 'chart-legend' }, text.customersLegend),
    h('rect', { x: 140, y: 4, width: 10, height: 8, fill: '#fde68a', stroke: '#374151', 'stroke-width': '0.5' }),
    h('text', { x: 154, y: 12, class: 'chart-legend' }, text.revenueLegend),
    rows,
  );
}

export interface CurveText {
  title: string;
  xLabel: string;
  yLabel: string;
  /** Label of the marker, e.g. "20% → 80%". */
  marker: string;
}

/**
 * Keeps at most `max` points of a curve (always the first and the last), for a light SVG.
 * Points are [x, y] with x ascending.
 */
export function downsample(points: [number, number][], max = 120): [number, number][] {
  if (points.length <= max) return points.slice();
  const out: [number, number][] = [];
  const step = (points.length - 1) / (max - 1);
  for (let i = 0; i < max; i++) out.push(points[Math.round(i * step)]);
  return out;
}

/**
 * The Pareto curve: x = share of customers (largest first), y = cumulative share of revenue.
 * Draws the equality diagonal, the 80% line, and a marker at (`markX`, `markY`).
 */
export function paretoCurveChart(points: [number, number][], markX: number, markY: number, text: CurveText): VNode {
  const pad = { l: 32, r: 14, t: 10, b: 26 };
  const size = 150;
  const width = W;
  const height = pad.t + size + pad.b;
  const pw = width - pad.l - pad.r;
  const px = (x: number) => r1(pad.l + clamp01(x) * pw);
  const py = (y: number) => r1(pad.t + (1 - clamp01(y)) * size);
  const pts = downsample(points.filter((p) => Number.isFinite(p[0]) && Number.isFinite(p[1])));
  if (!pts.length || pts[0][0] > 0) pts.unshift([0, 0]);
  const line = pts.map((p) => px(p[0]) + ',' + py(p[1])).join(' ');
  const ticks = [0, 0.2, 0.4, 0.6, 0.8, 1];
  return h(
    'svg',
    {
      xmlns: 'http://www.w3.org/2000/svg',
      viewBox: '0 0 ' + width + ' ' + height,
      width: '100%',
      role: 'img',
      'aria-label': text.title,
      class: 'chart',
      'data-testid': 'chart-pareto',
    },
    h('title', null, text.title),
    ticks.map((t) =>
      h(
        'g',
        { class: 'tick' },
        h('line', { x1: px(0), x2: px(1), y1: py(t), y2: py(t), stroke: '#e5e7eb', 'stroke-width': '1' }),
        h('text', { x: pad.l - 3, y: Number(py(t)) + 3, class: 'chart-axis', 'text-anchor': 'end' }, Math.round(t * 100) + '%'),
        h('text', { x: px(t), y: pad.t + size + 11, class: 'chart-axis', 'text-anchor': 'middle' }, Math.round(t * 100) + '%'),
      ),
    ),
    h('line', { x1: px(0), y1: py(0), x2: px(1), y2: py(1), stroke: '#9ca3af', 'stroke-dasharray': '3 3', 'stroke-width': '1' }),
    h('line', { x1: px(0), y1: py(0.8), x2: px(1), y2: py(0.8), stroke: '#dc2626', 'stroke-dasharray': '4 2', 'stroke-width': '1' }),
    h('polyline', { points: line, fill: 'none', stroke: '#1d4ed8', 'stroke-width': '2' }),
    Number.isFinite(markX) && Number.isFinite(markY)
      ? h(
          'g',
          { class: 'marker' },
          h('line', { x1: px(markX), y1: py(0), x2: px(markX), y2: py(markY), stroke: '#dc2626', 'stroke-width': '1' }),
          h('circle', { cx: px(markX), cy: py(markY), r: 3, fill: '#dc2626' }),
          h('text', { x: Number(px(markX)) + 5, y: Number(py(markY)) + 12, class: 'chart-value', 'text-anchor': markX > 0.7 ? 'end' : 'start' }, text.marker),
        )
      : null,
    h('text', { x: pad.l + pw / 2, y: height - 2, class: 'chart-axis', 'text-anchor': 'middle' }, text.xLabel),
    h('text', { x: 8, y: pad.t + size / 2, class: 'chart-axis', 'text-anchor': 'middle', transform: 'rotate(-90 8 ' + (pad.t + size / 2) + ')' }, text.yLabel),
  );
}

/** Pareto curve points from per-customer values (largest first), if the server sends values instead of a curve. */
export function curveFromValues(values: number[]): [number, number][] {
  const v = values.filter((x) => Number.isFinite(x) && x > 0).sort((a, b) => b - a);
  const total = v.reduce((s, x) => s + x, 0);
  if (!v.length || !(total > 0)) return [];
  const out: [number, number][] = [[0, 0]];
  let cum = 0;
  for (let i = 0; i < v.length; i++) {
    cum += v[i];
    out.push([(i + 1) / v.length, cum / total]);
  }
  return out;
}

/**
 * Safe rendering for the sidebar. Views are built as small virtual trees with `h()`; `mount()`
 * turns them into DOM nodes with `createElement` and `textContent` only (never `innerHTML`), so
 * customer names, sheet names and server messages can never become markup. `renderHtml()` turns
 * the same tree into an HTML string (every text and attribute through `escapeHtml`), used for tests
 * and for the chart string.
 */

export type Child = VNode | string | number | null | undefined | false | Child[];

export interface VNode {
  tag: string;
  attrs: Record<string, string>;
  on: Record<string, (ev: Event) => void>;
  /** Live DOM properties set after creation (`value`, `checked`, `disabled`, `selected`). */
  props: Record<string, unknown>;
  children: (VNode | string)[];
}

export interface Props {
  [name: string]: unknown;
}

const PROP_NAMES: Record<string, true> = { value: true, checked: true, selected: true, disabled: true };

/** Element names we are allowed to create. Anything else is a programming error, not data. */
const ALLOWED_TAGS = new Set([
  'div',
  'span',
  'p',
  'h1',
  'h2',
  'h3',
  'h4',
  'section',
  'header',
  'footer',
  'nav',
  'ol',
  'ul',
  'li',
  'button',
  'label',
  'input',
  'select',
  'option',
  'optgroup',
  'textarea',
  'fieldset',
  'legend',
  'table',
  'thead',
  'tbody',
  'tr',
  'th',
  'td',
  'caption',
  'small',
  'strong',
  'abbr',
  'br',
  'em',
  'code',
  'details',
  'summary',
  'dl',
  'dt',
  'dd',
  'figure',
  'figcaption',
  'svg',
  'g',
  'rect',
  'line',
  'polyline',
  'path',
  'circle',
  'text',
  'title',
  'desc',
]);

export const SVG_TAGS = new Set(['svg', 'g', 'rect', 'line', 'polyline', 'path', 'circle', 'text', 'title', 'desc']);

/** Escapes text for HTML element content and double-quoted attribute values. */
export function escapeHtml(s: unknown): string {
  return String(s ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

function flatten(children: Child[], out: (VNode | string)[]): void {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    if (Array.isArray(c)) flatten(c, out);
    else if (typeof c === 'object') out.push(c);
    else out.push(String(c));
  }
}

/**
 * Builds a virtual element. `props`: `onclick`-style keys become listeners, `value`/`checked`/
 * `selected`/`disabled` become live properties, `true` gives an empty attribute, `false`/`null`/
 * `undefined` are left out, everything else becomes a string attribute. Strings among the children
 * are always text, never markup.
 */
export function h(tag: string, props?: Props | null, ...children: Child[]): VNode {
  if (!ALLOWED_TAGS.has(tag)) throw new Error('h: tag not allowed: ' + tag);
  const node: VNode = { tag, attrs: {}, on: {}, props: {}, children: [] };
  if (props) {
    for (const k of Object.keys(props)) {
      const v = props[k];
      if (v === undefined || v === null || v === false) {
        if (k === 'disabled' || k === 'checked' || k === 'selected') node.props[k] = false;
        continue;
      }
      if (k.length > 2 && k.slice(0, 2) === 'on' && typeof v === 'function') {
        node.on[k.slice(2).toLowerCase()] = v as (ev: Event) => void;
      } else if (PROP_NAMES[k]) {
        node.props[k] = v;
        if (v === true) node.attrs[k] = '';
        else if (k === 'value') node.attrs[k] = String(v);
      } else if (/^[a-zA-Z][a-zA-Z0-9:_-]*$/.test(k) && !/^on/i.test(k)) {
        node.attrs[k] = v === true ? '' : String(v);
      } else {
        throw new Error('h: attribute not allowed: ' + k);
      }
    }
  }
  flatten(children, node.children);
  return node;
}

/** Minimal DOM surface `mount` needs; the browser's `document` satisfies it (and so can a test fake). */
export interface DocLike {
  createElement(tag: string): ElementLike;
  createElementNS(ns: string, tag: string): ElementLike;
  createTextNode(text: string): unknown;
}
export interface ElementLike {
  setAttribute(name: string, value: string): void;
  appendChild(child: any): unknown;
  addEventListener(type: string, fn: (ev: Event) => void): void;
}

const SVG_NS = 'http://www.w3.org/2000/svg';

/** Creates real DOM nodes for a virtual tree. Text goes through text nodes only. */
export function mount(doc: DocLike, node: VNode | string, inSvg = false): any {
  if (typeof node === 'string') return doc.createTextNode(node);
  const svg = inSvg || node.tag === 'svg';
  const el = svg && SVG_TAGS.has(node.tag) ? doc.createElementNS(SVG_NS, node.tag) : doc.createElement(node.tag);
  for (const k of Object.keys(node.attrs)) el.setAttribute(k, node.attrs[k]);
  for (const k of Object.keys(node.props)) (el as any)[k] = node.props[k];
  for (const k of Object.keys(node.on)) el.addEventListener(k, node.on[k]);
  for (const c of node.children) el.appendChild(mount(doc, c, svg));
  // `value` of a <select> only sticks once its options exist.
  if (node.tag === 'select' && node.props.value !== undefined) (el as any).value = node.props.value;
  return el;
}

const VOID = new Set(['input', 'br']);

/** Serialises a virtual tree to HTML; all text and attribute values are escaped. */
export function renderHtml(node: VNode | string): string {
  if (typeof node === 'string') return escapeHtml(node);
  let s = '<' + node.tag;
  for (const k of Object.keys(node.attrs)) s += ' ' + k + '="' + escapeHtml(node.attrs[k]) + '"';
  if (VOID.has(node.tag)) return s + '>';
  s += '>';
  for (const c of node.children) s += renderHtml(c);
  return s + '</' + node.tag + '>';
}

/** Visits every element of a virtual tree (for tests and for lookups by `data-testid`). */
export function walk(node: VNode | string, fn: (n: VNode) => void): void {
  if (typeof node === 'string') return;
  fn(node);
  for (const c of node.children) walk(c, fn);
}

/** All text of a tree, concatenated. */
export function textOf(node: VNode | string): string {
  if (typeof node === 'string') return node;
  return node.children.map(textOf).join('');
}

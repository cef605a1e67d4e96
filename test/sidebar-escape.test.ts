import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeHtml, h, mount, renderHtml, textOf, walk } from '../sidebar/escape';
import { allNodes, FakeDoc } from './sidebar-dom';

const HOSTILE = '<img src=x onerror=alert(1)>';

describe('escapeHtml', () => {
  it('escapes the five HTML specials', () => {
    expect(escapeHtml(HOSTILE)).toBe('&lt;img src=x onerror=alert(1)&gt;');
    expect(escapeHtml(`a&b"c'd`)).toBe('a&amp;b&quot;c&#39;d');
    expect(escapeHtml(null)).toBe('');
    expect(escapeHtml(12)).toBe('12');
  });
  it('leaves no markup character in any string', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        expect(escapeHtml(s)).not.toMatch(/[<>"']/);
      }),
    );
  });
});

describe('h / renderHtml', () => {
  it('keeps strings as text, never markup', () => {
    const v = h('td', { title: HOSTILE }, HOSTILE, ' ', '</td><script>alert(2)</script>');
    expect(v.children).toEqual([HOSTILE, ' ', '</td><script>alert(2)</script>']);
    const html = renderHtml(v);
    expect(html).toBe(
      '<td title="&lt;img src=x onerror=alert(1)&gt;">&lt;img src=x onerror=alert(1)&gt; &lt;/td&gt;&lt;script&gt;alert(2)&lt;/script&gt;</td>',
    );
    expect(textOf(v)).toBe(HOSTILE + ' </td><script>alert(2)</script>');
  });
  it('refuses tags and on* attributes from anywhere but code', () => {
    expect(() => h('script')).toThrow(/not allowed/);
    expect(() => h('img')).toThrow(/not allowed/);
    expect(() => h('div', { onerror: 'alert(1)' })).toThrow(/not allowed/);
    expect(() => h('div', { 'x"y': '1' })).toThrow(/not allowed/);
  });
  it('turns on* functions into listeners and value/checked into properties', () => {
    const f = () => {};
    const v = h('input', { type: 'checkbox', checked: true, disabled: false, onchange: f });
    expect(v.on).toEqual({ change: f });
    expect(v.props).toEqual({ checked: true, disabled: false });
    expect(v.attrs).toEqual({ type: 'checkbox', checked: '' });
  });
  it('flattens nested children and drops null/false', () => {
    const v = h('ul', null, [h('li', null, 'a'), null, false, [h('li', null, 'b')]], undefined, 0);
    expect(v.children.length).toBe(3);
    expect(v.children[2]).toBe('0');
  });
});

describe('mount', () => {
  it('creates only the elements of the tree; hostile text stays text', () => {
    const doc = new FakeDoc();
    const tree = h(
      'table',
      null,
      h(
        'tbody',
        null,
        [HOSTILE, '"><svg onload=alert(1)>', '<script>alert(3)</script>'].map((name) => h('tr', null, h('td', { title: name }, name))),
      ),
    );
    const root = mount(doc, tree);
    const tags = doc.created.map((n) => n.tag).sort();
    expect(tags).toEqual(['table', 'tbody', 'td', 'td', 'td', 'tr', 'tr', 'tr']);
    expect(doc.created.some((n) => n.tag === 'img' || n.tag === 'script' || n.tag === 'svg')).toBe(false);
    const texts = allNodes(root)
      .filter((n) => n.tag === '#text')
      .map((n) => n.text);
    expect(texts).toEqual([HOSTILE, '"><svg onload=alert(1)>', '<script>alert(3)</script>']);
    // No attribute is an event handler.
    for (const n of doc.created) expect(Object.keys(n.attrs).some((k) => /^on/i.test(k))).toBe(false);
  });
  it('uses the SVG namespace inside <svg> and wires listeners and properties', () => {
    const doc = new FakeDoc();
    let clicked = 0;
    const root = mount(
      doc,
      h('div', null, h('svg', { viewBox: '0 0 1 1' }, h('text', null, HOSTILE)), h('button', { onclick: () => clicked++, disabled: true }, 'x')),
    );
    const svg = root.children[0];
    expect(svg.ns).toBe('http://www.w3.org/2000/svg');
    expect(svg.children[0].ns).toBe('http://www.w3.org/2000/svg');
    expect(svg.children[0].children[0].text).toBe(HOSTILE);
    const btn = root.children[1];
    expect(btn.disabled).toBe(true);
    btn.listeners.click[0]({});
    expect(clicked).toBe(1);
  });
  it('sets a select value after its options exist', () => {
    const doc = new FakeDoc();
    const sel = mount(doc, h('select', { value: 'b' }, h('option', { value: 'a' }, 'A'), h('option', { value: 'b' }, 'B')));
    expect(sel.value).toBe('b');
  });
  it('walk visits every element', () => {
    const seen: string[] = [];
    walk(h('div', null, h('p', null, 'x', h('strong', null, 'y'))), (n) => seen.push(n.tag));
    expect(seen).toEqual(['div', 'p', 'strong']);
  });
});

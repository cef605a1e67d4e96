/**
 * A tiny fake DOM for sidebar tests (happy-dom/jsdom are not installed): enough for `mount()` and
 * for running the built sidebar script in a `vm` context. Records every element created.
 */
export class FakeNode {
  children: FakeNode[] = [];
  parent: FakeNode | null = null;
  attrs: Record<string, string> = {};
  listeners: Record<string, ((ev: any) => void)[]> = {};
  owner: FakeDoc | null = null;
  hidden = false;
  disabled = false;
  [prop: string]: any;
  constructor(
    public tag: string,
    public ns: string | null = null,
    public text: string | null = null,
  ) {}
  get id(): string {
    return this.attrs.id || '';
  }
  setAttribute(name: string, value: string) {
    this.attrs[name] = String(value);
  }
  getAttribute(name: string) {
    return name in this.attrs ? this.attrs[name] : null;
  }
  appendChild(c: FakeNode) {
    if (c.parent) c.parent.removeChild(c);
    c.parent = this;
    this.children.push(c);
    return c;
  }
  removeChild(c: FakeNode) {
    const i = this.children.indexOf(c);
    if (i >= 0) this.children.splice(i, 1);
    c.parent = null;
    return c;
  }
  get firstChild(): FakeNode | null {
    return this.children[0] || null;
  }
  get lastChild(): FakeNode | null {
    return this.children[this.children.length - 1] || null;
  }
  addEventListener(type: string, fn: (ev: any) => void) {
    if (!this.listeners[type]) this.listeners[type] = [];
    this.listeners[type].push(fn);
  }
  get textContent(): string {
    return this.text !== null ? this.text : this.children.map((c) => c.textContent).join('');
  }
  set textContent(v: string) {
    if (this.tag === '#text') {
      this.text = String(v);
      return;
    }
    for (const c of this.children) c.parent = null;
    this.children = [];
    if (v !== '') {
      const t = new FakeNode('#text', null, String(v));
      this.appendChild(t);
    }
  }
  focus() {
    if (this.owner) this.owner.activeElement = this;
  }
  contains(n: FakeNode | null): boolean {
    for (let p = n; p; p = p.parent) if (p === this) return true;
    return false;
  }
  /** Calls the listeners of `type` with an event whose target is this node. */
  fire(type: string) {
    for (const fn of this.listeners[type] || []) fn({ target: this, type, preventDefault() {} });
  }
}

export class FakeDoc {
  created: FakeNode[] = [];
  activeElement: FakeNode | null = null;
  readyState = 'complete';
  title = '';
  documentElement = new FakeNode('html');
  body: FakeNode;
  constructor() {
    this.body = this.createElement('body');
    this.documentElement.appendChild(this.body);
    this.documentElement.scrollTop = 0;
    this.created = [];
  }
  get scrollingElement() {
    return this.documentElement;
  }
  createElement(tag: string) {
    const n = new FakeNode(tag);
    n.owner = this;
    this.created.push(n);
    return n;
  }
  createElementNS(ns: string, tag: string) {
    const n = new FakeNode(tag, ns);
    n.owner = this;
    this.created.push(n);
    return n;
  }
  createTextNode(text: string) {
    return new FakeNode('#text', null, text);
  }
  getElementById(id: string): FakeNode | null {
    return allNodes(this.documentElement).filter((n) => n.attrs.id === id)[0] || null;
  }
  /** Supports `[data-testid="x"]` only. */
  querySelector(sel: string): FakeNode | null {
    const m = /^\[data-testid="([^"]+)"\]$/.exec(sel);
    if (!m) throw new Error('FakeDoc.querySelector: unsupported selector ' + sel);
    return this.byTestId(m[1]);
  }
  byTestId(id: string): FakeNode | null {
    return allNodes(this.documentElement).filter((n) => n.attrs['data-testid'] === id)[0] || null;
  }
  addEventListener() {}
}

export function allNodes(n: FakeNode, out: FakeNode[] = []): FakeNode[] {
  out.push(n);
  for (const c of n.children) allNodes(c, out);
  return out;
}

/**
 * The playground page: a spreadsheet-like view of the workbook held by the server (the local
 * Sheets stand-in running the real dist/Code.js), the add-on menu, and the real sidebar in an
 * iframe. Every text from the workbook is put in the page with `textContent`, never as markup.
 */
import type { ChartView, SheetView, StateView } from '../api-types';

type Lang = 'en' | 'vi';

const T = {
  file: { en: 'File', vi: 'Tệp' },
  extensions: { en: 'Extensions', vi: 'Tiện ích mở rộng' },
  upload: { en: 'Open a CSV or XLSX file (replaces this workbook)…', vi: 'Mở tệp CSV hoặc XLSX (thay sổ làm việc này)…' },
  download: { en: 'Download as Excel (.xlsx)', vi: 'Tải xuống dạng Excel (.xlsx)' },
  reset: { en: 'Reload the sample data', vi: 'Nạp lại dữ liệu mẫu' },
  rows: { en: 'Rows {a}–{b} of {n}', vi: 'Dòng {a}–{b} / {n}' },
  empty: { en: 'This sheet is empty.', vi: 'Trang tính này trống.' },
  uploaded: { en: 'Opened "{file}".', vi: 'Đã mở "{file}".' },
  uploading: { en: 'Reading "{file}"…', vi: 'Đang đọc "{file}"…' },
  reloaded: { en: 'Sample data reloaded.', vi: 'Đã nạp lại dữ liệu mẫu.' },
  noMenu: { en: 'The add-on has not added a menu.', vi: 'Tiện ích chưa thêm menu.' },
  hiddenSheet: { en: '(hidden)', vi: '(ẩn)' },
  serverDown: { en: 'The playground server did not answer: {detail}', vi: 'Máy chủ playground không phản hồi: {detail}' },
};

function t(key: keyof typeof T, params?: Record<string, string | number>): string {
  let s = T[key][state.lang];
  if (params) for (const k of Object.keys(params)) s = s.split(`{${k}}`).join(String(params[k]));
  return s;
}

const PAGE = 200;

const state = {
  lang: (localStorage.getItem('tc-ui-lang') as Lang) || 'vi',
  view: null as StateView | null,
  sheet: '' as string,
  offset: 0,
  data: null as SheetView | null,
  sel: { r: 0, c: 0 },
};

const $ = (id: string) => document.getElementById(id) as HTMLElement;

function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const k of Object.keys(attrs)) e.setAttribute(k, attrs[k]);
  if (text !== undefined) e.textContent = text;
  return e;
}

function colLetter(c: number): string {
  let s = '';
  let n = c + 1;
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

async function api<T>(method: string, url: string, body?: unknown, raw?: { data: Blob | ArrayBuffer; type: string }): Promise<T> {
  let res: Response;
  try {
    res = await fetch(url, {
      method,
      headers: raw ? { 'content-type': raw.type } : body !== undefined ? { 'content-type': 'application/json' } : {},
      body: raw ? raw.data : body !== undefined ? JSON.stringify(body) : undefined,
    });
  } catch (e) {
    toast(t('serverDown', { detail: String((e as Error).message || e) }), true);
    throw e;
  }
  const json = await res.json();
  return json as T;
}

let toastTimer: number | undefined;
let lastToastKey = '';
function toast(text: string, error = false) {
  const box = $('toast');
  box.textContent = text;
  box.className = error ? 'toast error' : 'toast';
  box.hidden = false;
  box.setAttribute('data-kind', error ? 'error' : 'info');
  if (toastTimer) clearTimeout(toastTimer);
  if (!error) toastTimer = window.setTimeout(() => (box.hidden = true), 6000);
}

function renderChrome() {
  document.documentElement.lang = state.lang;
  $('file-menu-btn').textContent = t('file');
  $('ext-menu-btn').textContent = t('extensions');
  $('upload-text').textContent = t('upload');
  $('download').textContent = t('download');
  $('reset').textContent = t('reset');
  for (const b of Array.from(document.querySelectorAll<HTMLButtonElement>('.ui-lang button'))) b.classList.toggle('on', b.dataset.lang === state.lang);
  const v = state.view;
  if (!v) return;
  $('doc-title').textContent = v.name;
  document.title = `${v.name} — Target Customers playground`;
  // Add-on menu, as onOpen registered it.
  const items = $('addon-items');
  items.textContent = '';
  $('addon-title').textContent = v.menu ? v.menu.title : t('noMenu');
  if (v.menu)
    v.menu.items.forEach((it, i) => {
      if (it.separator) {
        items.appendChild(el('hr'));
        return;
      }
      const b = el('button', { type: 'button', class: 'menu-item', role: 'menuitem', 'data-testid': `menu-item-${i}`, 'data-fn': it.fn }, it.label);
      b.addEventListener('click', () => {
        closeMenus();
        void runMenu(it.fn);
      });
      items.appendChild(b);
    });
  // Tabs.
  const tabs = $('tabs');
  tabs.textContent = '';
  // As in Sheets, hidden sheets have no tab.
  for (const s of v.sheets.filter((x) => !x.hidden || x.name === state.sheet)) {
    const b = el(
      'button',
      { type: 'button', 'data-testid': `tab-${s.name}`, 'data-sheet': s.name, title: s.name },
      s.hidden ? `${s.name} ${t('hiddenSheet')}` : s.name,
    );
    if (s.name === state.sheet) b.classList.add('on');
    if (s.addOn) b.classList.add('addon');
    if (s.hidden) b.classList.add('hidden-sheet');
    b.addEventListener('click', () => {
      state.sheet = s.name;
      state.offset = 0;
      state.sel = { r: 0, c: 0 };
      void loadSheet();
    });
    tabs.appendChild(b);
  }
  // Toasts the add-on showed (Spreadsheet.toast), newest last.
  const last = v.toasts[v.toasts.length - 1];
  const key = last ? `${v.toasts.length}|${last.title}|${last.message}` : '';
  if (last && key !== lastToastKey) toast(last.title ? `${last.title}: ${last.message}` : last.message);
  lastToastKey = key;
  // Sidebar.
  const side = $('side');
  if (v.sidebar) {
    side.hidden = false;
    $('side-title').textContent = v.sidebar.title;
    const frame = $('side-frame') as HTMLIFrameElement;
    if (frame.dataset.version !== String(v.sidebar.version)) {
      frame.dataset.version = String(v.sidebar.version);
      frame.src = `/sidebar?v=${v.sidebar.version}`;
    }
  } else side.hidden = true;
}

async function refresh(keepSheet = true) {
  const v = await api<StateView>('GET', '/api/state');
  state.view = v;
  if (!keepSheet || !v.sheets.some((s) => s.name === state.sheet)) {
    state.sheet = v.activeSheet || v.sheets.find((s) => !s.hidden)?.name || v.sheets[0]?.name || '';
    state.offset = 0;
  }
  renderChrome();
  await loadSheet();
}

async function loadSheet() {
  if (!state.sheet) return;
  const q = new URLSearchParams({ name: state.sheet, offset: String(state.offset), limit: String(PAGE) });
  const d = await api<SheetView & { error?: string }>('GET', `/api/sheet?${q}`);
  if ((d as any).error) {
    toast((d as any).error, true);
    return;
  }
  state.data = d;
  renderChrome();
  renderGrid();
}

function renderGrid() {
  const d = state.data;
  const grid = $('grid');
  grid.textContent = '';
  if (!d) return;
  const cols = Math.max(d.cols, 1);
  const colgroup = el('colgroup');
  colgroup.appendChild(el('col', { style: 'width:46px' }));
  for (let c = 0; c < cols; c++) colgroup.appendChild(el('col', { style: `width:${d.colWidths[c] || 100}px` }));
  grid.appendChild(colgroup);
  const thead = el('thead');
  const hr = el('tr');
  hr.appendChild(el('th', { class: 'rownum' }));
  for (let c = 0; c < cols; c++) hr.appendChild(el('th', {}, colLetter(c)));
  thead.appendChild(hr);
  grid.appendChild(thead);
  const tbody = el('tbody');
  // Frozen rows are repeated on every page, as they stay visible in Sheets.
  const rowsToShow: number[] = [];
  for (let r = 0; r < Math.min(d.frozenRows, d.rows); r++) rowsToShow.push(r);
  for (let r = Math.max(d.offset, d.frozenRows); r < Math.min(d.offset + PAGE, d.rows); r++) rowsToShow.push(r);
  let top = 23;
  for (const r of rowsToShow) {
    const cells = d.cells[r - d.offset] ?? d.frozen[r];
    const tr = el('tr', { 'data-row': String(r + 1) });
    if (r < d.frozenRows) {
      tr.classList.add('frozen');
      if (r === d.frozenRows - 1) tr.classList.add('frozen-last');
    }
    tr.appendChild(el('th', { class: 'rownum' }, String(r + 1)));
    for (let c = 0; c < cols; c++) {
      const cell = cells?.[c];
      const td = el('td', { 'data-testid': `cell-${colLetter(c)}${r + 1}` }, cell ? cell.d : '');
      if (cell) {
        if (cell.bg) td.style.background = cell.bg;
        if (cell.fc) td.style.color = cell.fc;
        if (cell.b) td.style.fontWeight = '700';
        if (cell.i) td.style.fontStyle = 'italic';
        if (cell.num) td.classList.add('num');
        if (cell.ha) td.style.textAlign = cell.ha;
        if (cell.err) {
          td.classList.add('err');
          td.title = cell.err;
        } else if (cell.n) {
          td.classList.add('note');
          td.title = cell.n;
        } else if (cell.d.length > 30) td.title = cell.d;
        if (cell.wrap) td.style.whiteSpace = 'pre-wrap';
      }
      if (r < d.frozenRows) {
        td.style.top = `${top}px`;
        if (!cell?.bg) td.style.background = '#fff';
      }
      if (r === state.sel.r && c === state.sel.c) td.classList.add('sel');
      td.addEventListener('click', () => select(r, c));
      td.addEventListener('dblclick', () => {
        select(r, c);
        ($('formula-input') as HTMLInputElement).focus();
      });
      tr.appendChild(td);
    }
    if (r < d.frozenRows) top += 23;
    tbody.appendChild(tr);
  }
  grid.appendChild(tbody);
  if (!d.rows) {
    const tr = el('tr');
    tr.appendChild(el('td', { colspan: String(cols + 1) }, t('empty')));
    tbody.appendChild(tr);
  }
  const first = Math.min(d.rows, d.offset + 1);
  const last = Math.min(d.rows, d.offset + PAGE);
  $('pager-text').textContent = t('rows', { a: first, b: Math.min(last, Math.max(d.lastRow, first)), n: d.lastRow });
  ($('prev') as HTMLButtonElement).disabled = d.offset === 0;
  ($('next') as HTMLButtonElement).disabled = d.offset + PAGE >= d.rows;
  renderCharts(d.charts);
  updateFormulaBar();
}

function renderCharts(charts: ChartView[]) {
  const box = $('charts');
  box.textContent = '';
  const NS = 'http://www.w3.org/2000/svg';
  for (const ch of charts) {
    const fig = el('figure', { class: 'chart', 'data-testid': 'chart' });
    fig.appendChild(el('h3', {}, ch.title || ch.type));
    const w = 420;
    const h = 220;
    const svg = document.createElementNS(NS, 'svg');
    svg.setAttribute('width', String(w));
    svg.setAttribute('height', String(h));
    svg.setAttribute('role', 'img');
    const max = Math.max(1e-9, ...ch.values.map((v) => Math.abs(v)));
    const n = Math.max(1, ch.values.length);
    const barW = Math.max(4, (w - 40) / n - 6);
    ch.values.forEach((v, i) => {
      const bh = (Math.abs(v) / max) * (h - 60);
      const x = 30 + i * (barW + 6);
      const rect = document.createElementNS(NS, 'rect');
      rect.setAttribute('x', String(x));
      rect.setAttribute('y', String(h - 40 - bh));
      rect.setAttribute('width', String(barW));
      rect.setAttribute('height', String(bh));
      rect.setAttribute('fill', ch.colors[i] || '#4285f4');
      const title = document.createElementNS(NS, 'title');
      title.textContent = `${ch.labels[i] ?? ''}: ${ch.display[i] ?? v}`;
      rect.appendChild(title);
      svg.appendChild(rect);
      const label = document.createElementNS(NS, 'text');
      label.setAttribute('x', String(x + barW / 2));
      label.setAttribute('y', String(h - 26));
      label.setAttribute('font-size', '10');
      label.setAttribute('text-anchor', 'middle');
      label.textContent = String(ch.labels[i] ?? '').slice(0, 12);
      svg.appendChild(label);
    });
    fig.appendChild(svg);
    box.appendChild(fig);
  }
}

function select(r: number, c: number) {
  state.sel = { r, c };
  for (const td of Array.from(document.querySelectorAll('.grid td.sel'))) td.classList.remove('sel');
  document.querySelector(`[data-testid="cell-${colLetter(c)}${r + 1}"]`)?.classList.add('sel');
  updateFormulaBar();
}

function updateFormulaBar() {
  const d = state.data;
  const { r, c } = state.sel;
  $('name-box').textContent = `${colLetter(c)}${r + 1}`;
  const cell = d ? (d.cells[r - d.offset] ?? d.frozen[r])?.[c] : null;
  ($('formula-input') as HTMLInputElement).value = cell ? (cell.f ?? cell.d) : '';
}

async function commitCell() {
  const input = ($('formula-input') as HTMLInputElement).value;
  const { r, c } = state.sel;
  const res = await api<{ ok: boolean; error?: { message: string } }>('POST', '/api/cell', { sheet: state.sheet, row: r + 1, col: c + 1, input });
  if (!res.ok && res.error) toast(res.error.message, true);
  await refresh();
}

async function runMenu(fn: string) {
  const res = await api<{ ok: boolean; error?: { message: string } }>('POST', '/api/menu', { fn });
  if (!res.ok && res.error) toast(res.error.message, true);
  await refresh();
}

function closeMenus() {
  for (const id of ['file-menu', 'ext-menu']) $(id).hidden = true;
  for (const id of ['file-menu-btn', 'ext-menu-btn']) $(id).setAttribute('aria-expanded', 'false');
}

function toggleMenu(btn: string, menu: string) {
  const open = $(menu).hidden;
  closeMenus();
  $(menu).hidden = !open;
  $(btn).setAttribute('aria-expanded', String(open));
}

async function upload(file: File) {
  toast(t('uploading', { file: file.name }));
  const buf = await file.arrayBuffer();
  const res = await api<{ ok: boolean; error?: string; notes?: string[] }>(
    'POST',
    `/api/upload?name=${encodeURIComponent(file.name)}&lang=${state.lang}`,
    undefined,
    {
      data: buf,
      type: 'application/octet-stream',
    },
  );
  if (!res.ok) {
    toast(res.error || 'Upload failed', true);
    return;
  }
  toast([t('uploaded', { file: file.name }), ...(res.notes || [])].join(' '));
  await refresh(false);
}

function wire() {
  $('file-menu-btn').addEventListener('click', () => toggleMenu('file-menu-btn', 'file-menu'));
  $('ext-menu-btn').addEventListener('click', () => toggleMenu('ext-menu-btn', 'ext-menu'));
  document.addEventListener('click', (e) => {
    if (!(e.target as HTMLElement).closest('.menu')) closeMenus();
  });
  $('upload').addEventListener('change', () => {
    const input = $('upload') as HTMLInputElement;
    const f = input.files?.[0];
    closeMenus();
    if (f) void upload(f).finally(() => (input.value = ''));
  });
  $('download').addEventListener('click', () => {
    closeMenus();
    window.location.href = '/api/download';
  });
  $('reset').addEventListener('click', async () => {
    closeMenus();
    await api('POST', '/api/reset', {});
    toast(t('reloaded'));
    await refresh(false);
  });
  $('prev').addEventListener('click', () => {
    state.offset = Math.max(0, state.offset - PAGE);
    void loadSheet();
  });
  $('next').addEventListener('click', () => {
    state.offset += PAGE;
    void loadSheet();
  });
  $('formula-input').addEventListener('keydown', (e) => {
    if ((e as KeyboardEvent).key === 'Enter') {
      e.preventDefault();
      void commitCell();
    }
  });
  $('side-close').addEventListener('click', async () => {
    await api('POST', '/api/sidebar/close', {});
    await refresh();
  });
  for (const b of Array.from(document.querySelectorAll<HTMLButtonElement>('.ui-lang button')))
    b.addEventListener('click', () => {
      state.lang = b.dataset.lang as Lang;
      localStorage.setItem('tc-ui-lang', state.lang);
      renderChrome();
      renderGrid();
    });
  // The sidebar's google.script.run shim tells us when a server call finished: redraw.
  window.addEventListener('message', (e) => {
    if (e.origin !== window.location.origin) return;
    if (e.data && e.data.type === 'tc-run-done') void refresh();
  });
}

wire();
renderChrome();
void refresh(false);

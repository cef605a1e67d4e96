/**
 * The built sidebar against the real server: dist/Sidebar.html's script (fake DOM) calling
 * dist/Code.js in the playground's Sheets stand-in, on the built-in sample data. Checks that the
 * two sides agree on the contract of src/gas/wizard-api.ts, end to end.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { PlaygroundSession } from '../playground/session';
import { allNodes } from './sidebar-dom';
import { type Harness, harness } from './sidebar-harness';

let session: PlaygroundSession;

beforeAll(async () => {
  session = await PlaygroundSession.create({ sample: { customers: 120, orders: 500, seed: 7 } });
});

function real(): Harness {
  return harness({ backend: (name, args) => session.run(name, args) as any });
}

function noBadText(h: Harness) {
  const text = h.doc.documentElement.textContent;
  expect(text).not.toMatch(/NaN|undefined|\[object|Infinity/);
}

describe('sidebar ↔ real server (playground stand-in)', () => {
  it('loads, detects the sample order log, previews, tags, undoes, shows history', async () => {
    const h = real();
    await h.settle();
    expect(h.has('error-box') ? h.text('error-box') : '').toBe('');
    expect(h.has('step-heading')).toBe(true);
    const sources = ['orders', 'customers'].filter((slot) => h.has('mapping-' + slot));
    expect(sources.length).toBeGreaterThan(0);
    noBadText(h);

    await h.click('btn-next');
    expect(h.has('rules-table')).toBe(true);
    await h.click('btn-next');
    expect(h.has('error-box') ? h.text('error-box') : '').toBe('');
    expect(h.text('pareto-answer')).toMatch(/^\d+(,\d+)?% khách hàng \(\d[\d.]*\/\d[\d.]* khách\) mang lại 80% doanh thu\.$/);
    expect(h.has('preview-segments')).toBe(true);
    expect(h.has('chart-segments')).toBe(true);
    noBadText(h);

    await h.click('btn-next');
    await h.click('btn-apply');
    expect(h.has('error-box') ? h.text('error-box') : '').toBe('');
    expect(h.text('apply-result')).toMatch(/Đã gắn nhãn \d[\d.]* dòng/);
    expect(h.el('btn-undo').disabled).toBe(false);

    await h.click('btn-undo');
    expect(h.has('error-box') ? h.text('error-box') : '').toBe('');
    expect(h.has('undo-result')).toBe(true);

    // Apply twice: the history has two runs and a migration matrix.
    await h.click('btn-apply');
    await h.click('btn-apply');
    await h.click('nav-track');
    expect(h.has('error-box') ? h.text('error-box') : '').toBe('');
    expect(h.has('history-table')).toBe(true);
    expect(h.has('migration-matrix')).toBe(true);
    noBadText(h);

    await h.click('lang-en');
    expect(h.text('step-heading')).toBe('Step 7 of 7 · Track over time');
    expect(h.has('error-box') ? h.text('error-box') : '').toBe('');
    expect(h.el('history-table').textContent).toContain('Customers per segment');
    // Segment names in the matrix come back in English from the server.
    const rowHeads = allNodes(h.el('migration-matrix')).filter((n) => n.tag === 'th' && n.attrs.scope === 'row');
    expect(rowHeads.length).toBeGreaterThan(0);
    for (const th of rowHeads) expect(th.textContent).not.toMatch(/[ăâđêôơư]/i);
    noBadText(h);
  }, 120_000);
});

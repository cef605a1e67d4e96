import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { groupLabel, ROLE_LABELS, roleLabel, STRINGS, t } from '../sidebar/i18n';

const placeholders = (s: string) => (s.match(/\{[a-zA-Z]+\}/g) || []).sort();
const sidebarDir = path.resolve(__dirname, '../sidebar');
const sources = fs
  .readdirSync(sidebarDir)
  .filter((f) => f.endsWith('.ts') && f !== 'i18n.ts' && f !== 'fixtures.ts')
  .map((f) => fs.readFileSync(path.join(sidebarDir, f), 'utf8'))
  .join('\n');

/** Strings that are the same in both languages on purpose. */
const SAME = new Set(['paretoTitle', 'datePlaceholder']);

describe('sidebar strings', () => {
  const entries = Object.entries(STRINGS) as [string, { en: string; vi: string }][];
  it('every string exists in both languages with the same placeholders', () => {
    for (const [key, s] of entries) {
      expect(s.en.trim(), key).not.toBe('');
      expect(s.vi.trim(), key).not.toBe('');
      expect(placeholders(s.vi), key).toEqual(placeholders(s.en));
    }
  });
  it('Vietnamese is translated, not copied', () => {
    for (const [key, s] of entries) {
      if (SAME.has(key)) continue;
      expect(s.vi, key).not.toBe(s.en);
    }
    // Most Vietnamese strings carry Vietnamese letters (a copy-paste of English would not).
    const withDiacritics = entries.filter(([, s]) => /[ăâđêôơưáàảãạấầẩẫậắằẳẵặéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ]/i.test(s.vi));
    expect(withDiacritics.length / entries.length).toBeGreaterThan(0.9);
  });
  it('every string is used by the sidebar (no dead entries)', () => {
    for (const [key] of entries) expect(sources.includes("'" + key + "'"), key).toBe(true);
  });
  it('fills placeholders', () => {
    expect(t('vi', 'stepOf', { n: 2, total: 7 })).toBe('Bước 2/7');
    expect(t('en', 'applyDone', { n: '1,234', sheet: 'Customers' })).toBe('1,234 rows tagged in “Customers”.');
  });
  it('role and group labels in both languages', () => {
    for (const [role, l] of Object.entries(ROLE_LABELS)) {
      expect(l.en, role).not.toBe('');
      expect(l.vi, role).not.toBe('');
    }
    expect(roleLabel('vi', 'order_date')).toBe('Ngày mua');
    expect(roleLabel('en', 'amount')).toBe('Amount');
    expect(groupLabel('vi', 'at_risk')).toBe('Có nguy cơ rời bỏ');
    expect(groupLabel('en', 'vip')).toBe('VIP / Champions');
  });
});

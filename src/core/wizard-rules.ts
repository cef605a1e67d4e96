/**
 * The wizard's editable segment rules table: first match wins over (R, F, M) score ranges, like
 * R `rfm::rfm_segment`; customers matching no rule get the fallback segment.
 */
import type { RfmSchemeId, SegmentRule, SegmentRules } from '../gas/wizard-api';
import { type CallContext, callError } from './errors';
import type { Localized } from './i18n';
import { DEFAULT_RULES, RFM_PACKAGE_RULES, segmentGroup, segmentName } from './rfm-schemes';
import { SEGMENT_GROUPS, type SegmentGroup } from './segment-keys';

export const RULES_MSG = {
  empty: { en: 'the segment rules table is empty', vi: 'bảng quy tắc phân khúc đang trống' },
  tooMany: { en: 'the segment rules table has more than {max} rows', vi: 'bảng quy tắc phân khúc có hơn {max} dòng' },
  badKey: {
    en: 'rule {row}: the key "{key}" must be 1–40 letters, digits or _',
    vi: 'quy tắc {row}: mã "{key}" phải gồm 1–40 chữ cái, chữ số hoặc dấu _',
  },
  dupKey: { en: 'rule {row}: the key "{key}" is used twice', vi: 'quy tắc {row}: mã "{key}" bị dùng hai lần' },
  badGroup: { en: 'rule {row}: unknown group "{group}"', vi: 'quy tắc {row}: nhóm "{group}" không tồn tại' },
  badName: {
    en: 'rule {row}: the name must not be empty (both English and Vietnamese, at most 60 characters)',
    vi: 'quy tắc {row}: tên không được để trống (cả tiếng Anh và tiếng Việt, tối đa 60 ký tự)',
  },
  badRange: {
    en: 'rule {row}: the {dim} range must be whole scores from 1 to 5 with min ≤ max',
    vi: 'quy tắc {row}: khoảng {dim} phải là điểm nguyên từ 1 đến 5 và min ≤ max',
  },
  fallback: { en: 'the fallback segment', vi: 'phân khúc mặc định' },
  fallbackName: { en: 'Others', vi: 'Khác' },
} satisfies Record<string, Localized>;

const MAX_RULES = 60;
const KEY_RE = /^[A-Za-z0-9_]{1,40}$/;

const idx = (r: number, f: number, m: number) => (r - 1) * 25 + (f - 1) * 5 + (m - 1);

const cache: Partial<Record<RfmSchemeId, SegmentRules>> = {};

/**
 * The built-in scheme as a rules table: the engine's own first-match tables (`RFM_PACKAGE_RULES`,
 * `DEFAULT_RULES` of rfm-schemes.ts) with their names and groups. The 'rfm' scheme falls back to
 * "Others" like the R package; the default scheme covers all 125 combinations, so its fallback
 * (the lost group) is never reached unless the user edits the rules.
 */
export function defaultRules(scheme: RfmSchemeId): SegmentRules {
  const hit = cache[scheme];
  if (hit) return clone(hit);
  const source = scheme === 'rfm' ? RFM_PACKAGE_RULES : DEFAULT_RULES;
  const info = (key: string) => ({ group: segmentGroup(scheme, key), name: { en: segmentName(scheme, key, 'en'), vi: segmentName(scheme, key, 'vi') } });
  const rules: SegmentRule[] = source.map((q) => ({
    key: q.key,
    ...info(q.key),
    r: { min: q.r[0], max: q.r[1] },
    f: { min: q.f[0], max: q.f[1] },
    m: { min: q.m[0], max: q.m[1] },
  }));
  const fallbackKey = scheme === 'rfm' ? 'others' : 'lost';
  const table: SegmentRules = { scheme, rules, fallback: { key: fallbackKey, ...info(fallbackKey) } };
  cache[scheme] = table;
  return clone(table);
}

function clone<T>(x: T): T {
  return JSON.parse(JSON.stringify(x));
}

/** Index of the first matching rule, or -1 for the fallback. */
export function matchRule(rules: SegmentRule[], r: number, f: number, m: number): number {
  for (let i = 0; i < rules.length; i++) {
    const q = rules[i];
    if (r >= q.r.min && r <= q.r.max && f >= q.f.min && f <= q.f.max && m >= q.m.min && m <= q.m.max) return i;
  }
  return -1;
}

/** A 125-entry lookup: score combination → segment key (fast per customer). */
export function rulesLookup(table: SegmentRules): string[] {
  const out: string[] = new Array(125);
  for (let r = 1; r <= 5; r++)
    for (let f = 1; f <= 5; f++)
      for (let m = 1; m <= 5; m++) {
        const i = matchRule(table.rules, r, f, m);
        out[idx(r, f, m)] = i < 0 ? table.fallback.key : table.rules[i].key;
      }
  return out;
}

export function scoreIndex(r: number, f: number, m: number): number {
  return idx(r, f, m);
}

/** Segment key → display info, in rule order, fallback last, each key once. */
export function segmentCatalog(table: SegmentRules): { key: string; group: SegmentGroup; name: { en: string; vi: string } }[] {
  const seen = new Set<string>();
  const out: { key: string; group: SegmentGroup; name: { en: string; vi: string } }[] = [];
  for (const q of [...table.rules, table.fallback]) {
    if (seen.has(q.key)) continue;
    seen.add(q.key);
    out.push({ key: q.key, group: q.group, name: q.name });
  }
  return out;
}

function validRange(x: unknown): boolean {
  if (!x || typeof x !== 'object') return false;
  const { min, max } = x as { min: unknown; max: unknown };
  return Number.isInteger(min) && Number.isInteger(max) && (min as number) >= 1 && (max as number) <= 5 && (min as number) <= (max as number);
}

function validName(n: unknown): n is { en: string; vi: string } {
  if (!n || typeof n !== 'object') return false;
  const { en, vi } = n as { en: unknown; vi: unknown };
  return typeof en === 'string' && typeof vi === 'string' && en.trim() !== '' && vi.trim() !== '' && en.length <= 60 && vi.length <= 60;
}

/**
 * Checks a rules table from the sidebar and returns a clean copy (names trimmed). Rules sharing a
 * key must share group and name (they are one segment split into several boxes): the first one's
 * group and name win.
 */
export function validateRules(ctx: CallContext, input: unknown): SegmentRules {
  const t = input as SegmentRules;
  if (!t || typeof t !== 'object' || !Array.isArray(t.rules) || t.rules.length === 0) throw callError(ctx, RULES_MSG.empty);
  if (t.rules.length > MAX_RULES) throw callError(ctx, RULES_MSG.tooMany, { max: MAX_RULES });
  const scheme: RfmSchemeId = t.scheme === 'rfm' ? 'rfm' : 'default';
  const first = new Map<string, { group: SegmentGroup; name: { en: string; vi: string } }>();
  const rules: SegmentRule[] = [];
  t.rules.forEach((q, i) => {
    const row = i + 1;
    const key = String(q?.key ?? '').trim();
    if (!KEY_RE.test(key)) throw callError(ctx, RULES_MSG.badKey, { row, key: key.slice(0, 40) });
    if (!SEGMENT_GROUPS.includes(q.group)) throw callError(ctx, RULES_MSG.badGroup, { row, group: String(q.group).slice(0, 40) });
    if (!validName(q.name)) throw callError(ctx, RULES_MSG.badName, { row });
    for (const dim of ['r', 'f', 'm'] as const) if (!validRange(q[dim])) throw callError(ctx, RULES_MSG.badRange, { row, dim: dim.toUpperCase() });
    const prev = first.get(key);
    const name = prev ? prev.name : { en: q.name.en.trim(), vi: q.name.vi.trim() };
    const group = prev ? prev.group : q.group;
    if (!prev) first.set(key, { group, name });
    rules.push({ key, group, name, r: { ...q.r }, f: { ...q.f }, m: { ...q.m } });
  });
  const fb = t.fallback;
  const fbKey = String(fb?.key ?? '').trim();
  const fallbackLabel = `${RULES_MSG.fallback[ctx.lang]}`;
  if (!KEY_RE.test(fbKey)) throw callError(ctx, RULES_MSG.badKey, { row: fallbackLabel, key: fbKey.slice(0, 40) });
  if (!SEGMENT_GROUPS.includes(fb.group)) throw callError(ctx, RULES_MSG.badGroup, { row: fallbackLabel, group: String(fb.group).slice(0, 40) });
  if (!validName(fb.name)) throw callError(ctx, RULES_MSG.badName, { row: fallbackLabel });
  const prevFb = first.get(fbKey);
  const fallback = prevFb ? { key: fbKey, ...prevFb } : { key: fbKey, group: fb.group, name: { en: fb.name.en.trim(), vi: fb.name.vi.trim() } };
  return { scheme, rules, fallback };
}

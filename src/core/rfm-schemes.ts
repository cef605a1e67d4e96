/**
 * Segment schemes over R, F, M scores (1..5): which named segment a customer is in, its display
 * name, and the playbook group (segment-keys.ts) it belongs to.
 *
 * - `'rfm'`: the first-match table of the R package `rfm` v0.3.0 (`rfm_segment()`): segments are
 *   tried in order, the first whose R, F and M ranges (inclusive) all contain the scores wins, and a
 *   customer no segment matches is "Others". Names are the package's English names in both
 *   languages, so results read exactly like the package's output.
 * - `'default'`: ours. Every one of the 125 combinations lands in one of the 9 playbook groups (no
 *   "Others"); segment keys are the group keys and names are the localized group names.
 */
import type { Lang } from './i18n';
import type { RfmScore } from './rfm';
import { SEGMENT_GROUP_NAMES, SEGMENT_GROUPS, type SegmentGroup } from './segment-keys';

export type RfmSchemeId = 'default' | 'rfm';
export const RFM_SCHEME_IDS: readonly RfmSchemeId[] = ['default', 'rfm'];

export function isRfmSchemeId(s: unknown): s is RfmSchemeId {
  return s === 'default' || s === 'rfm';
}

/** Inclusive score range [low, high]. */
export type ScoreRange = readonly [number, number];

/** One row of a first-match segment table. */
export interface SegmentRule {
  key: string;
  r: ScoreRange;
  f: ScoreRange;
  m: ScoreRange;
}

const inRange = (v: number, [lo, hi]: ScoreRange) => v >= lo && v <= hi;

/**
 * `rfm_segment()`'s rule: the first rule whose three ranges contain the scores, else `fallback`
 * (data.table/dplyr `between()` is inclusive on both ends).
 */
export function firstMatchSegment(rules: readonly SegmentRule[], s: RfmScore, fallback = 'others'): string {
  for (const rule of rules) {
    if (inRange(s.r, rule.r) && inRange(s.f, rule.f) && inRange(s.m, rule.m)) return rule.key;
  }
  return fallback;
}

// ---------------------------------------------------------------------------------------------
// 'rfm': the R package rfm v0.3.0.
// Source: the rfm v0.3.0 documentation of rfm_segment() / rfm_segment_summary() (examples) and the
// vignette "RFM - Introduction" (vignettes/rfm-introduction.Rmd, chunks `segments` and `criteria`):
//   segment_names   <- c("Champions", "Potential Loyalist", "Loyal Customers", "Promising",
//                        "New Customers", "Can't Lose Them", "At Risk", "Need Attention",
//                        "About To Sleep", "Lost")
//   recency_lower   <- c(5, 3, 2, 3, 4, 1, 1, 1, 2, 1);  recency_upper   <- c(5, 5, 4, 4, 5, 2, 2, 3, 3, 1)
//   frequency_lower <- c(5, 3, 2, 1, 1, 3, 2, 3, 1, 1);  frequency_upper <- c(5, 5, 4, 3, 3, 4, 5, 5, 3, 5)
//   monetary_lower  <- c(5, 2, 2, 3, 1, 4, 4, 3, 1, 1);  monetary_upper  <- c(5, 5, 4, 5, 5, 5, 5, 5, 4, 5)
// rfm_segment() (R/rfm-segment.R, v0.3.0) assigns segment i only to rows not already holding a
// segment name, so the first match wins; rows left unassigned become "Others".
// Ten of the 125 combinations fall through to "Others": 215 241 251 252 341 351 441 451 541 551.
// ---------------------------------------------------------------------------------------------

/** The package's segment table, in its (first-match) order. */
export const RFM_PACKAGE_RULES: readonly SegmentRule[] = [
  { key: 'champions', r: [5, 5], f: [5, 5], m: [5, 5] },
  { key: 'potential_loyalist', r: [3, 5], f: [3, 5], m: [2, 5] },
  { key: 'loyal_customers', r: [2, 4], f: [2, 4], m: [2, 4] },
  { key: 'promising', r: [3, 4], f: [1, 3], m: [3, 5] },
  { key: 'new_customers', r: [4, 5], f: [1, 3], m: [1, 5] },
  { key: 'cant_lose_them', r: [1, 2], f: [3, 4], m: [4, 5] },
  { key: 'at_risk', r: [1, 2], f: [2, 5], m: [4, 5] },
  { key: 'need_attention', r: [1, 3], f: [3, 5], m: [3, 5] },
  { key: 'about_to_sleep', r: [2, 3], f: [1, 3], m: [1, 4] },
  { key: 'lost', r: [1, 1], f: [1, 5], m: [1, 5] },
];

const RFM_PACKAGE_NAMES: Record<string, string> = {
  champions: 'Champions',
  potential_loyalist: 'Potential Loyalist',
  loyal_customers: 'Loyal Customers',
  promising: 'Promising',
  new_customers: 'New Customers',
  cant_lose_them: "Can't Lose Them",
  at_risk: 'At Risk',
  need_attention: 'Need Attention',
  about_to_sleep: 'About To Sleep',
  lost: 'Lost',
  others: 'Others',
};

/**
 * Playbook group of each package segment. "Promising" (recent, few orders, fair spend) is treated
 * as potential; "About To Sleep" (below-average everything) as hibernating; "Others" (the ten
 * unmatched combinations: mostly frequent buyers with the lowest spend) as need-attention.
 */
const RFM_PACKAGE_GROUPS: Record<string, SegmentGroup> = {
  champions: 'vip',
  potential_loyalist: 'potential',
  loyal_customers: 'loyal',
  promising: 'potential',
  new_customers: 'new',
  cant_lose_them: 'cant_lose',
  at_risk: 'at_risk',
  need_attention: 'need_attention',
  about_to_sleep: 'hibernating',
  lost: 'lost',
  others: 'need_attention',
};

// ---------------------------------------------------------------------------------------------
// 'default': ours. First match wins; the rules cover all 125 combinations (see test/rfm.test.ts).
// ---------------------------------------------------------------------------------------------

/** The default scheme's table, in first-match order. Keys are playbook group keys. */
export const DEFAULT_RULES: readonly (SegmentRule & { key: SegmentGroup })[] = [
  { key: 'vip', r: [4, 5], f: [4, 5], m: [4, 5] },
  { key: 'loyal', r: [3, 5], f: [4, 5], m: [1, 5] },
  { key: 'new', r: [4, 5], f: [1, 1], m: [1, 5] },
  { key: 'potential', r: [4, 5], f: [2, 3], m: [1, 5] },
  { key: 'need_attention', r: [3, 3], f: [1, 3], m: [1, 5] },
  { key: 'cant_lose', r: [1, 2], f: [4, 5], m: [4, 5] },
  { key: 'at_risk', r: [1, 2], f: [3, 5], m: [1, 5] },
  { key: 'hibernating', r: [2, 2], f: [1, 2], m: [1, 5] },
  { key: 'lost', r: [1, 1], f: [1, 2], m: [1, 5] },
];

/** One row of the default scheme's documentation table. */
export interface SchemeDocRow {
  key: string;
  group: SegmentGroup;
  name_en: string;
  name_vi: string;
  /** The exact set of score combinations, as text. */
  rule_en: string;
  rule_vi: string;
  /** Who these customers are, in a few words. */
  who_en: string;
  who_vi: string;
  /** How many of the 125 (r, f, m) combinations land here. */
  combos: number;
}

const DEFAULT_TEXT: Record<SegmentGroup, { rule_en: string; rule_vi: string; who_en: string; who_vi: string }> = {
  vip: {
    rule_en: 'R 4–5, F 4–5, M 4–5',
    rule_vi: 'R 4–5, F 4–5, M 4–5',
    who_en: 'Bought recently, buy often and spend the most',
    who_vi: 'Mua gần đây, mua thường xuyên và chi tiêu nhiều nhất',
  },
  loyal: {
    rule_en: 'R 3–5, F 4–5, any M (unless VIP)',
    rule_vi: 'R 3–5, F 4–5, M bất kỳ (trừ VIP)',
    who_en: 'Buy often and are still active',
    who_vi: 'Mua thường xuyên và vẫn đang hoạt động',
  },
  new: {
    rule_en: 'R 4–5, F 1, any M',
    rule_vi: 'R 4–5, F 1, M bất kỳ',
    who_en: 'First order, placed recently',
    who_vi: 'Mới mua lần đầu, gần đây',
  },
  potential: {
    rule_en: 'R 4–5, F 2–3, any M',
    rule_vi: 'R 4–5, F 2–3, M bất kỳ',
    who_en: 'Recent customers who came back a few times',
    who_vi: 'Khách gần đây đã quay lại vài lần',
  },
  need_attention: {
    rule_en: 'R 3, F 1–3, any M',
    rule_vi: 'R 3, F 1–3, M bất kỳ',
    who_en: 'Middling recency, not yet regular: slipping away',
    who_vi: 'Lần mua cuối đã hơi lâu, chưa mua đều: đang dần rời xa',
  },
  cant_lose: {
    rule_en: 'R 1–2, F 4–5, M 4–5',
    rule_vi: 'R 1–2, F 4–5, M 4–5',
    who_en: 'Used to buy often and spend big, but not for a long time',
    who_vi: 'Từng mua nhiều và chi lớn, nhưng đã lâu không quay lại',
  },
  at_risk: {
    rule_en: "R 1–2, F 3–5, any M (unless Can't lose)",
    rule_vi: 'R 1–2, F 3–5, M bất kỳ (trừ Không thể để mất)',
    who_en: 'Bought regularly before, but not for a long time',
    who_vi: 'Từng mua đều đặn, nhưng đã lâu không quay lại',
  },
  hibernating: {
    rule_en: 'R 2, F 1–2, any M',
    rule_vi: 'R 2, F 1–2, M bất kỳ',
    who_en: 'Few orders, a long time ago',
    who_vi: 'Ít đơn, đã khá lâu',
  },
  lost: {
    rule_en: 'R 1, F 1–2, any M',
    rule_vi: 'R 1, F 1–2, M bất kỳ',
    who_en: 'Few orders, the longest ago',
    who_vi: 'Ít đơn, lâu nhất chưa quay lại',
  },
};

// ---------------------------------------------------------------------------------------------
// Lookup.
// ---------------------------------------------------------------------------------------------

interface Scheme {
  rules: readonly SegmentRule[];
  /** Key for combinations no rule matches; null when the rules are exhaustive over 1..5. */
  fallback: string | null;
  /** Display order. */
  keys: readonly string[];
  /** (r-1)*25 + (f-1)*5 + (m-1) → index into keys, for scores 1..5. */
  table: Uint8Array;
}

function buildScheme(rules: readonly SegmentRule[], fallback: string | null, keys: readonly string[]): Scheme {
  const table = new Uint8Array(125);
  for (let r = 1; r <= 5; r++) {
    for (let f = 1; f <= 5; f++) {
      for (let m = 1; m <= 5; m++) {
        const key = firstMatchSegment(rules, { r, f, m }, fallback ?? '');
        const idx = keys.indexOf(key);
        if (idx < 0) throw new Error(`rfm-schemes: combination ${r}${f}${m} has no segment`);
        table[(r - 1) * 25 + (f - 1) * 5 + (m - 1)] = idx;
      }
    }
  }
  return { rules, fallback, keys, table };
}

let schemes: Record<RfmSchemeId, Scheme> | null = null;

function scheme(id: RfmSchemeId): Scheme {
  if (!schemes) {
    schemes = {
      default: buildScheme(DEFAULT_RULES, null, SEGMENT_GROUPS),
      rfm: buildScheme(RFM_PACKAGE_RULES, 'others', [...RFM_PACKAGE_RULES.map((r) => r.key), 'others']),
    };
  }
  const s = schemes[id];
  if (!s) throw new RangeError(`rfm-schemes: unknown scheme ${String(id)}`);
  return s;
}

const isScore = (v: number) => v === 1 || v === 2 || v === 3 || v === 4 || v === 5;

/**
 * The segment key of a customer's scores: for `'default'` one of the 9 group keys; for `'rfm'`
 * one of `champions`, `potential_loyalist`, …, `lost`, or `others`.
 * Scores outside 1..5 follow the package's table literally for `'rfm'`; `'default'` needs 1..5.
 */
export function segmentOf(id: RfmSchemeId, s: RfmScore): string {
  const sc = scheme(id);
  if (isScore(s.r) && isScore(s.f) && isScore(s.m)) return sc.keys[sc.table[(s.r - 1) * 25 + (s.f - 1) * 5 + (s.m - 1)]];
  if (sc.fallback === null) throw new RangeError(`rfm-schemes: scores must be 1..5, got ${s.r}${s.f}${s.m}`);
  return firstMatchSegment(sc.rules, s, sc.fallback);
}

/** Segment keys of a scheme in display order (the rfm scheme ends with `others`). */
export function segmentKeys(id: RfmSchemeId): string[] {
  return [...scheme(id).keys];
}

function checkKey(id: RfmSchemeId, key: string): void {
  if (!scheme(id).keys.includes(key)) throw new RangeError(`rfm-schemes: unknown segment ${key} in scheme ${id}`);
}

/** Display name: the package's English name for `'rfm'` (in both languages), the localized group name for `'default'`. */
export function segmentName(id: RfmSchemeId, key: string, lang: Lang): string {
  checkKey(id, key);
  if (id === 'rfm') return RFM_PACKAGE_NAMES[key];
  const names = SEGMENT_GROUP_NAMES[key as SegmentGroup];
  return names[lang] ?? names.en;
}

/** The playbook group a segment belongs to. */
export function segmentGroup(id: RfmSchemeId, key: string): SegmentGroup {
  checkKey(id, key);
  return id === 'rfm' ? RFM_PACKAGE_GROUPS[key] : (key as SegmentGroup);
}

/** How many of the 125 score combinations land in each segment of a scheme (display order). */
export function segmentComboCounts(id: RfmSchemeId): Record<string, number> {
  const sc = scheme(id);
  const out: Record<string, number> = {};
  for (const k of sc.keys) out[k] = 0;
  for (let i = 0; i < 125; i++) out[sc.keys[sc.table[i]]]++;
  return out;
}

// ---------------------------------------------------------------------------------------------
// Documentation tables (README).
// ---------------------------------------------------------------------------------------------

/** The default scheme, one row per segment in display order, for the README. */
export const DEFAULT_SCHEME_DOC: readonly SchemeDocRow[] = SEGMENT_GROUPS.map((g) => ({
  key: g,
  group: g,
  name_en: SEGMENT_GROUP_NAMES[g].en,
  name_vi: SEGMENT_GROUP_NAMES[g].vi,
  ...DEFAULT_TEXT[g],
  combos: countCombos(g),
}));

function countCombos(g: SegmentGroup): number {
  let n = 0;
  for (let r = 1; r <= 5; r++) for (let f = 1; f <= 5; f++) for (let m = 1; m <= 5; m++) if (firstMatchSegment(DEFAULT_RULES, { r, f, m }, '') === g) n++;
  return n;
}

const HEAD: Record<Lang, { order: string; segment: string; group: string; rule: string; who: string; combos: string; note: string }> = {
  en: {
    order: '#',
    segment: 'Segment',
    group: 'Playbook group',
    rule: 'Scores',
    who: 'Who they are',
    combos: 'Combinations',
    note: 'Rules are checked from top to bottom; the first that matches wins. R, F, M are scores 1–5 (5 = most recent, most orders, highest spend).',
  },
  vi: {
    order: '#',
    segment: 'Phân khúc',
    group: 'Nhóm trong cẩm nang',
    rule: 'Điểm',
    who: 'Họ là ai',
    combos: 'Số tổ hợp',
    note: 'Các quy tắc được xét từ trên xuống; quy tắc đầu tiên khớp sẽ được áp dụng. R, F, M là điểm 1–5 (5 = mua gần nhất, nhiều đơn nhất, chi tiêu cao nhất).',
  },
};

const cell = (s: string | number) => String(s).replace(/\|/g, '\\|');
const range = ([lo, hi]: ScoreRange) => (lo === hi ? `${lo}` : `${lo}–${hi}`);

/**
 * A Markdown table of a scheme. `'default'`: segment, scores, who, combinations. `'rfm'`: the
 * package's table in its first-match order with R, F, M ranges and the playbook group.
 */
export function schemeMarkdown(id: RfmSchemeId, lang: Lang): string {
  const h = HEAD[lang];
  const lines: string[] = [];
  if (id === 'default') {
    lines.push(`| ${h.order} | ${h.segment} | ${h.rule} | ${h.who} | ${h.combos} |`, '|---|---|---|---|---|');
    const order = DEFAULT_RULES.map((r) => r.key);
    const rows = [...DEFAULT_SCHEME_DOC].sort((a, b) => order.indexOf(a.group) - order.indexOf(b.group));
    rows.forEach((row, i) => {
      const name = lang === 'vi' ? row.name_vi : row.name_en;
      const rule = lang === 'vi' ? row.rule_vi : row.rule_en;
      const who = lang === 'vi' ? row.who_vi : row.who_en;
      lines.push(`| ${i + 1} | ${cell(name)} | ${cell(rule)} | ${cell(who)} | ${row.combos} |`);
    });
  } else {
    const counts = segmentComboCounts('rfm');
    lines.push(`| ${h.order} | ${h.segment} | R | F | M | ${h.group} | ${h.combos} |`, '|---|---|---|---|---|---|---|');
    RFM_PACKAGE_RULES.forEach((r, i) => {
      const g = RFM_PACKAGE_GROUPS[r.key];
      lines.push(
        `| ${i + 1} | ${cell(RFM_PACKAGE_NAMES[r.key])} | ${range(r.r)} | ${range(r.f)} | ${range(r.m)} | ${cell(SEGMENT_GROUP_NAMES[g][lang])} | ${counts[r.key]} |`,
      );
    });
    const g = RFM_PACKAGE_GROUPS.others;
    lines.push(`| – | Others | – | – | – | ${cell(SEGMENT_GROUP_NAMES[g][lang])} | ${counts.others} |`);
  }
  return `${lines.join('\n')}\n\n${h.note}\n`;
}

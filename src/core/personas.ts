/**
 * Persona cards: one per segment, summarising who its customers are, how they buy and what to
 * do with them (the playbook), plus a print-friendly grid of the cards that an adapter writes
 * with a single `setValues`.
 *
 * Shares: customers / revenue shares are of all customers / all revenue. Province, region,
 * gender, age and channel shares are of the segment's customers (unknown values count in the
 * denominator, so the listed shares may add to less than 100%).
 */
import { BEHAVIOUR_TAG_NAMES, BEHAVIOUR_TAGS, type BehaviourTag } from './behaviour';
import { AGE_BAND_NAMES, AGE_BANDS, type AgeBand, GENDER_NAMES, GENDERS, type Gender } from './demographics';
import { decimalCommaLocale, type Lang, type Localized } from './i18n';
import { recommendedActions, SEGMENT_PLAYBOOK } from './playbook';
import { foldText, normalizeProvince, provinceDisplayName, REGION_NAMES, REGIONS, type Region } from './provinces';
import { SEGMENT_GROUP_COLORS, SEGMENT_GROUP_NAMES, SEGMENT_GROUPS, type SegmentGroup } from './segment-keys';

/** A segment of the scheme in use (its rules may rename it). */
export interface PersonaSegment {
  key: string;
  name: Localized;
  group: SegmentGroup;
  /** Defaults to the group's playbook description. */
  description?: Localized;
}

/** One customer, as the wizard knows them. Optional fields may be null or absent. */
export interface PersonaCustomer {
  segmentKey: string;
  /** Needed when no segment list is given. */
  group?: SegmentGroup;
  revenue: number;
  orders: number;
  clv?: number | null;
  aov?: number | null;
  daysSinceLast?: number | null;
  /** Raw province text (pre- or post-2025, any spelling) or a canonical name. */
  province?: string | null;
  region?: Region | null;
  gender?: Gender | null;
  ageBand?: AgeBand | null;
  mainChannel?: string | null;
  tags?: readonly BehaviourTag[];
}

export interface ShareOf<K extends string> {
  key: K;
  count: number;
  /** count / customers of the segment. */
  share: number;
}

export interface PersonaCard {
  segmentKey: string;
  group: SegmentGroup;
  name: Localized;
  description: Localized;
  color: string;
  customers: number;
  /** Of all customers; null when there are none. */
  customerShare: number | null;
  revenue: number;
  /** Of total revenue; null when the total is not positive. */
  revenueShare: number | null;
  avgClv: number | null;
  /** Segment revenue / segment orders. */
  aov: number | null;
  ordersPerCustomer: number | null;
  medianDaysSinceLast: number | null;
  /** Top 3 provinces (post-2025 names by default; unrecognised text kept as typed). */
  topProvinces: ShareOf<string>[];
  topRegions: ShareOf<Region>[];
  /** Female, male, other, in that order, with their shares; unknown is the rest. */
  gender: ShareOf<Gender>[];
  genderUnknown: number;
  typicalAgeBand: ShareOf<AgeBand> | null;
  mainChannel: ShareOf<string> | null;
  /** Behaviour tags held by at least one customer, most common first. */
  tags: ShareOf<BehaviourTag>[];
  actions: Localized[];
}

export interface PersonaOptions {
  /** The segments to show, in order. Without it: the segments present, ordered by group. */
  segments?: PersonaSegment[];
  /** Keep segments without customers (default true when `segments` is given). */
  includeEmpty?: boolean;
  /** Name provinces by their unit after (default) or before the 2025 merger. */
  provinceScheme?: 'post2025' | 'pre2025';
  /** A behaviour tag adds its advice when at least this share of the segment has it (default 0.3). */
  tagShareForActions?: number;
  /** At most this many actions per card (default 5). */
  maxActions?: number;
}

interface Acc {
  seg: PersonaSegment;
  n: number;
  revenue: number;
  orders: number;
  clvSum: number;
  clvN: number;
  aovSum: number;
  aovN: number;
  days: number[];
  provinces: Map<string, number>;
  regions: Map<Region, number>;
  gender: Map<Gender, number>;
  age: Map<AgeBand, number>;
  channels: Map<string, { display: string; count: number }>;
  tags: Map<BehaviourTag, number>;
}

const fin = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);

function bump<K>(m: Map<K, number>, k: K): void {
  m.set(k, (m.get(k) ?? 0) + 1);
}

function top<K extends string>(m: Map<K, number>, n: number, total: number, order?: readonly K[]): ShareOf<K>[] {
  const rank = (k: K) => (order ? order.indexOf(k) : 0);
  return Array.from(m.entries())
    .sort((a, b) => b[1] - a[1] || rank(a[0]) - rank(b[0]) || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .slice(0, n)
    .map(([key, count]) => ({ key, count, share: total ? count / total : 0 }));
}

function medianOf(xs: number[]): number | null {
  if (!xs.length) return null;
  const s = xs.slice().sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Builds one card per segment. Sums: customer counts add to the number of customers; revenue shares add to 1. */
export function buildPersonas(customers: readonly PersonaCustomer[], opts: PersonaOptions = {}): PersonaCard[] {
  const scheme = opts.provinceScheme ?? 'post2025';
  const tagMin = opts.tagShareForActions ?? 0.3;
  const maxActions = opts.maxActions ?? 5;
  const accs = new Map<string, Acc>();
  const newAcc = (seg: PersonaSegment): Acc => ({
    seg,
    n: 0,
    revenue: 0,
    orders: 0,
    clvSum: 0,
    clvN: 0,
    aovSum: 0,
    aovN: 0,
    days: [],
    provinces: new Map(),
    regions: new Map(),
    gender: new Map(),
    age: new Map(),
    channels: new Map(),
    tags: new Map(),
  });
  if (opts.segments) for (const s of opts.segments) if (!accs.has(s.key)) accs.set(s.key, newAcc(s));
  const provinceCache = new Map<string, { name: string; region: Region | null }>();

  let total = 0;
  let totalRevenue = 0;
  for (const c of customers) {
    let acc = accs.get(c.segmentKey);
    if (!acc) {
      const group: SegmentGroup = c.group && SEGMENT_GROUPS.includes(c.group) ? c.group : 'lost';
      const name = c.segmentKey === group ? SEGMENT_GROUP_NAMES[group] : { en: c.segmentKey, vi: c.segmentKey };
      acc = newAcc({ key: c.segmentKey, name, group });
      accs.set(c.segmentKey, acc);
    }
    total++;
    acc.n++;
    const rev = fin(c.revenue) ? c.revenue : 0;
    acc.revenue += rev;
    totalRevenue += rev;
    if (fin(c.orders) && c.orders > 0) acc.orders += c.orders;
    if (fin(c.clv)) {
      acc.clvSum += c.clv;
      acc.clvN++;
    }
    if (fin(c.aov)) {
      acc.aovSum += c.aov;
      acc.aovN++;
    }
    if (fin(c.daysSinceLast) && c.daysSinceLast >= 0) acc.days.push(c.daysSinceLast);
    let region: Region | null = c.region && REGIONS.includes(c.region) ? c.region : null;
    if (c.province !== null && c.province !== undefined && String(c.province).trim() !== '') {
      const raw = String(c.province);
      let p = provinceCache.get(raw);
      if (!p) {
        const m = normalizeProvince(raw);
        p = m
          ? { name: scheme === 'post2025' ? m.canonicalPost2025 : m.canonical, region: m.region }
          : { name: raw.trim().replace(/\s+/g, ' ').slice(0, 60), region: null };
        provinceCache.set(raw, p);
      }
      bump(acc.provinces, p.name);
      if (!region) region = p.region;
    }
    if (region) bump(acc.regions, region);
    if (c.gender && GENDERS.includes(c.gender)) bump(acc.gender, c.gender);
    if (c.ageBand && AGE_BANDS.includes(c.ageBand)) bump(acc.age, c.ageBand);
    if (c.mainChannel !== null && c.mainChannel !== undefined && String(c.mainChannel).trim() !== '') {
      const display = String(c.mainChannel).trim().replace(/\s+/g, ' ');
      const key = foldText(display);
      const e = acc.channels.get(key);
      if (e) e.count++;
      else acc.channels.set(key, { display, count: 1 });
    }
    if (c.tags) for (const t of new Set(c.tags)) if (BEHAVIOUR_TAGS.includes(t)) bump(acc.tags, t);
  }

  let list = Array.from(accs.values());
  if (!opts.segments) {
    list.sort(
      (a, b) => SEGMENT_GROUPS.indexOf(a.seg.group) - SEGMENT_GROUPS.indexOf(b.seg.group) || (a.seg.key < b.seg.key ? -1 : a.seg.key > b.seg.key ? 1 : 0),
    );
  }
  const includeEmpty = opts.includeEmpty ?? !!opts.segments;
  if (!includeEmpty) list = list.filter((a) => a.n > 0);

  return list.map((a): PersonaCard => {
    const n = a.n;
    const chan = Array.from(a.channels.entries()).sort((x, y) => y[1].count - x[1].count || (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0))[0];
    const tags = top(a.tags, BEHAVIOUR_TAGS.length, n, BEHAVIOUR_TAGS);
    const adviceTags = tags.filter((t) => t.share >= tagMin).map((t) => t.key);
    const age = top(a.age, 1, n, AGE_BANDS)[0] ?? null;
    const gender = GENDERS.filter((g) => a.gender.has(g)).map((g) => ({ key: g, count: a.gender.get(g) as number, share: (a.gender.get(g) as number) / n }));
    const genderKnown = gender.reduce((s, g) => s + g.count, 0);
    return {
      segmentKey: a.seg.key,
      group: a.seg.group,
      name: a.seg.name,
      description: a.seg.description ?? SEGMENT_PLAYBOOK[a.seg.group].description,
      color: SEGMENT_GROUP_COLORS[a.seg.group],
      customers: n,
      customerShare: total ? n / total : null,
      revenue: a.revenue,
      revenueShare: totalRevenue > 0 ? a.revenue / totalRevenue : null,
      avgClv: a.clvN ? a.clvSum / a.clvN : null,
      aov: a.orders > 0 ? a.revenue / a.orders : a.aovN ? a.aovSum / a.aovN : null,
      ordersPerCustomer: n ? a.orders / n : null,
      medianDaysSinceLast: medianOf(a.days),
      topProvinces: top(a.provinces, 3, n),
      topRegions: top(a.regions, 3, n, REGIONS),
      gender,
      genderUnknown: n ? (n - genderKnown) / n : 0,
      typicalAgeBand: age,
      mainChannel: chan ? { key: chan[1].display, count: chan[1].count, share: chan[1].count / n } : null,
      tags,
      actions: recommendedActions(a.seg.group, adviceTags, maxActions),
    };
  });
}

// ---------------------------------------------------------------------------------------------
// The persona sheet grid

const L = {
  title: { en: 'Customer personas by segment', vi: 'Chân dung khách hàng theo phân khúc' },
  segment: { en: 'Segment', vi: 'Phân khúc' },
  customers: { en: 'Customers', vi: 'Số khách hàng' },
  customerShare: { en: '% of customers', vi: '% khách hàng' },
  revenue: { en: 'Revenue', vi: 'Doanh thu' },
  revenueShare: { en: '% of revenue', vi: '% doanh thu' },
  total: { en: 'Total', vi: 'Tổng cộng' },
  avgClv: { en: 'Average CLV', vi: 'CLV trung bình' },
  aov: { en: 'Average order value', vi: 'Giá trị đơn trung bình' },
  opc: { en: 'Orders per customer', vi: 'Số đơn mỗi khách' },
  days: { en: 'Median days since last order', vi: 'Số ngày từ lần mua cuối (trung vị)' },
  provinces: { en: 'Top provinces', vi: 'Tỉnh/thành nhiều nhất' },
  regions: { en: 'Regions', vi: 'Vùng miền' },
  gender: { en: 'Gender', vi: 'Giới tính' },
  age: { en: 'Typical age', vi: 'Độ tuổi phổ biến' },
  channel: { en: 'Main channel', vi: 'Kênh mua chính' },
  behaviour: { en: 'Buying behaviour', vi: 'Hành vi mua' },
  actions: { en: 'Recommended actions', vi: 'Hành động đề xuất' },
  unknown: { en: 'Unknown', vi: 'Chưa rõ' },
  none: { en: 'No customers in this segment', vi: 'Chưa có khách hàng trong phân khúc này' },
} satisfies Record<string, Localized>;

export interface GridRange {
  /** 0-based, relative to the grid's top-left cell. */
  row: number;
  col: number;
  numRows: number;
  numCols: number;
}

export interface PersonaGrid {
  /** Every row has `width` cells; numbers are numbers, blanks are ''. */
  values: (string | number)[][];
  /** Same shape: a number format per cell (`@` = plain text, so text is never read as a formula). Apply before the values. */
  numberFormats: string[][];
  width: number;
  height: number;
  merges: GridRange[];
  bold: GridRange[];
  /** Wrapped text (descriptions, lists, actions). */
  wrap: GridRange[];
  backgrounds: (GridRange & { color: string })[];
  /** The summary table (header, one row per card, total row). */
  summary: GridRange;
  /** Source of the revenue-share chart: segment names (first column) and % of revenue (last column), header row included. */
  chart: { labels: GridRange; values: GridRange };
  /** Where each card starts and how many rows it has (for page breaks). */
  cards: { segmentKey: string; row: number; numRows: number }[];
  /** Suggested column widths in pixels. */
  columnWidths: number[];
  /** Rows to freeze (the title). */
  frozenRows: number;
}

export interface PersonaGridOptions {
  /** Number format of money cells; default `#,##0" ₫"`. */
  currencyFormat?: string;
  /** Replaces the default title. */
  title?: string;
  /** A subtitle line, e.g. `Data: Orders!A1:H5000 · Analysis date 31/12/2024`. */
  subtitle?: string;
}

const WIDTH = 5;
const F_TEXT = '@';
const F_INT = '#,##0';
const F_PCT = '0.0%';
const F_DEC = '0.0';

/** `12,5%` / `12.5%` with at most one decimal. */
export function formatShare(x: number, locale: string): string {
  const s = (Math.round(x * 1000) / 10).toFixed(1).replace(/\.0$/, '');
  return `${decimalCommaLocale(locale) ? s.replace('.', ',') : s}%`;
}

/** A print-friendly grid of the cards: a summary table, then one block per card, 5 columns wide. */
export function personaSheetGrid(cards: readonly PersonaCard[], lang: Lang, locale: string, opts: PersonaGridOptions = {}): PersonaGrid {
  const money = opts.currencyFormat ?? '#,##0" ₫"';
  const values: (string | number)[][] = [];
  const formats: string[][] = [];
  const merges: GridRange[] = [];
  const bold: GridRange[] = [];
  const wrap: GridRange[] = [];
  const backgrounds: (GridRange & { color: string })[] = [];
  const t = (x: Localized) => x[lang];
  const num = (x: number | null | undefined): number | '' => (typeof x === 'number' && Number.isFinite(x) ? x : '');
  const row = (cells: (string | number)[], fmts: string[]): number => {
    const r = values.length;
    const v = cells.slice(0, WIDTH);
    const f = fmts.slice(0, WIDTH);
    while (v.length < WIDTH) v.push('');
    while (f.length < WIDTH) f.push(F_TEXT);
    // Blank numeric cells are shown as text blanks.
    for (let i = 0; i < WIDTH; i++) if (v[i] === '') f[i] = F_TEXT;
    values.push(v);
    formats.push(f);
    return r;
  };
  const textRow = (label: string, text: string, color?: string): void => {
    const r = row([label, text], [F_TEXT, F_TEXT]);
    merges.push({ row: r, col: 1, numRows: 1, numCols: WIDTH - 1 });
    wrap.push({ row: r, col: 1, numRows: 1, numCols: 1 });
    bold.push({ row: r, col: 0, numRows: 1, numCols: 1 });
    if (color) backgrounds.push({ row: r, col: 0, numRows: 1, numCols: WIDTH, color });
  };
  const shareList = (items: { label: string; share: number }[]): string => items.map((i) => `${i.label} ${formatShare(i.share, locale)}`).join(' · ');

  // Title
  const titleRow = row([opts.title ?? t(L.title)], [F_TEXT]);
  merges.push({ row: titleRow, col: 0, numRows: 1, numCols: WIDTH });
  bold.push({ row: titleRow, col: 0, numRows: 1, numCols: WIDTH });
  if (opts.subtitle) {
    const r = row([opts.subtitle], [F_TEXT]);
    merges.push({ row: r, col: 0, numRows: 1, numCols: WIDTH });
  }
  const frozenRows = values.length;
  row([], []);

  // Summary table
  const head = row([t(L.segment), t(L.customers), t(L.customerShare), t(L.revenue), t(L.revenueShare)], [F_TEXT, F_TEXT, F_TEXT, F_TEXT, F_TEXT]);
  bold.push({ row: head, col: 0, numRows: 1, numCols: WIDTH });
  backgrounds.push({ row: head, col: 0, numRows: 1, numCols: WIDTH, color: '#f3f4f6' });
  let totCustomers = 0;
  let totRevenue = 0;
  let anyShare = false;
  for (const c of cards) {
    const r = row([t(c.name), c.customers, num(c.customerShare), num(c.revenue), num(c.revenueShare)], [F_TEXT, F_INT, F_PCT, money, F_PCT]);
    backgrounds.push({ row: r, col: 0, numRows: 1, numCols: 1, color: c.color });
    totCustomers += c.customers;
    totRevenue += Number.isFinite(c.revenue) ? c.revenue : 0;
    if (c.revenueShare !== null) anyShare = true;
  }
  const lastSummary = values.length - 1;
  const allShares = cards.reduce((s, c) => s + (c.customerShare ?? 0), 0);
  const revShares = cards.reduce((s, c) => s + (c.revenueShare ?? 0), 0);
  const totalRow = row([t(L.total), totCustomers, totCustomers ? allShares : '', totRevenue, anyShare ? revShares : ''], [F_TEXT, F_INT, F_PCT, money, F_PCT]);
  bold.push({ row: totalRow, col: 0, numRows: 1, numCols: WIDTH });
  const summary: GridRange = { row: head, col: 0, numRows: totalRow - head + 1, numCols: WIDTH };
  const chart = {
    labels: { row: head, col: 0, numRows: lastSummary - head + 1, numCols: 1 },
    values: { row: head, col: 4, numRows: lastSummary - head + 1, numCols: 1 },
  };

  // Cards
  const cardRanges: PersonaGrid['cards'] = [];
  for (const c of cards) {
    row([], []);
    const start = values.length;
    const nameRow = row([t(c.name)], [F_TEXT]);
    merges.push({ row: nameRow, col: 0, numRows: 1, numCols: WIDTH });
    bold.push({ row: nameRow, col: 0, numRows: 1, numCols: WIDTH });
    backgrounds.push({ row: nameRow, col: 0, numRows: 1, numCols: WIDTH, color: c.color });
    const descRow = row([t(c.description)], [F_TEXT]);
    merges.push({ row: descRow, col: 0, numRows: 1, numCols: WIDTH });
    wrap.push({ row: descRow, col: 0, numRows: 1, numCols: 1 });

    const pair = (l1: Localized, v1: number | '', f1: string, l2: Localized, v2: number | '', f2: string) => {
      const r = row([t(l1), v1, t(l2), v2], [F_TEXT, f1, F_TEXT, f2]);
      merges.push({ row: r, col: 3, numRows: 1, numCols: 2 });
      bold.push({ row: r, col: 0, numRows: 1, numCols: 1 }, { row: r, col: 2, numRows: 1, numCols: 1 });
    };
    pair(L.customers, c.customers, F_INT, L.customerShare, num(c.customerShare), F_PCT);
    pair(L.revenue, num(c.revenue), money, L.revenueShare, num(c.revenueShare), F_PCT);
    pair(L.avgClv, num(c.avgClv), money, L.aov, num(c.aov), money);
    pair(L.opc, num(c.ordersPerCustomer), F_DEC, L.days, num(c.medianDaysSinceLast), F_INT);

    if (c.customers === 0) {
      textRow('', t(L.none));
    } else {
      const prov = shareList(c.topProvinces.map((p) => ({ label: provinceLabel(p.key, lang), share: p.share })));
      textRow(t(L.provinces), prov);
      textRow(t(L.regions), shareList(c.topRegions.map((p) => ({ label: t(REGION_NAMES[p.key]), share: p.share }))));
      const g = c.gender.map((x) => ({ label: t(GENDER_NAMES[x.key]), share: x.share }));
      if (c.gender.length && c.genderUnknown > 0) g.push({ label: t(L.unknown), share: c.genderUnknown });
      textRow(t(L.gender), shareList(g));
      textRow(t(L.age), c.typicalAgeBand ? `${t(AGE_BAND_NAMES[c.typicalAgeBand.key])} (${formatShare(c.typicalAgeBand.share, locale)})` : '');
      textRow(t(L.channel), c.mainChannel ? `${c.mainChannel.key} (${formatShare(c.mainChannel.share, locale)})` : '');
      textRow(t(L.behaviour), shareList(c.tags.map((x) => ({ label: t(BEHAVIOUR_TAG_NAMES[x.key]), share: x.share }))));
    }
    const ah = row([t(L.actions)], [F_TEXT]);
    merges.push({ row: ah, col: 0, numRows: 1, numCols: WIDTH });
    bold.push({ row: ah, col: 0, numRows: 1, numCols: WIDTH });
    backgrounds.push({ row: ah, col: 0, numRows: 1, numCols: WIDTH, color: '#f3f4f6' });
    c.actions.forEach((a, i) => {
      const r = row([`${i + 1}.`, t(a)], [F_TEXT, F_TEXT]);
      merges.push({ row: r, col: 1, numRows: 1, numCols: WIDTH - 1 });
      wrap.push({ row: r, col: 1, numRows: 1, numCols: 1 });
    });
    cardRanges.push({ segmentKey: c.segmentKey, row: start, numRows: values.length - start });
  }

  return {
    values,
    numberFormats: formats,
    width: WIDTH,
    height: values.length,
    merges,
    bold,
    wrap,
    backgrounds,
    summary,
    chart,
    cards: cardRanges,
    columnWidths: [220, 130, 200, 130, 130],
    frozenRows,
  };
}

function provinceLabel(name: string, lang: Lang): string {
  const m = normalizeProvince(name);
  return m && (m.canonicalPost2025 === name || m.canonical === name) ? provinceDisplayName(name, lang) : name;
}

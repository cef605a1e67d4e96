/**
 * The wizard's analyses over a dataset (wizard-data.ts): Pareto, RFM segments (through the editable
 * rules table), predictive CLV, who the customers are and how they behave — one value per customer,
 * plus the preview the sidebar shows. Pure; reused by the Apps Script adapter and the file runner.
 */
import type { AnalysisParams, ClvPreview, CountShare, ParetoPreview, PreviewResult, SegmentRules, SegmentSummary, TagKey } from '../gas/wizard-api';
import {
  AGE_BAND_NAMES,
  type AgeBand,
  ageBand,
  COMPANY_SIZE_NAMES,
  type CompanySize,
  companySizeBand,
  GENDER_NAMES,
  type Gender,
  INCOME_BAND_NAMES,
  INDUSTRY_NAMES,
  type IncomeBand,
  type Industry,
  incomeBand,
  incomeScale,
  normalizeGender,
  normalizeIndustry,
  normalizeProvince,
  parseIncome,
  REGION_NAMES,
} from './demographics';
import type { CallContext } from './errors';
import { type Lang, type Localized, localize } from './i18n';
import { paretoClasses, paretoCurve, paretoSummary } from './pareto';
import { dayToIso } from './parse';
import { provinceDisplayName, type Region } from './provinces';
import { scoreValues } from './rfm';
import { SEGMENT_GROUP_COLORS } from './segment-keys';
import { customerBehaviour, type WizardBehaviour } from './wizard-behaviour';
import { type ClvResult, customerClv } from './wizard-clv';
import type { Dataset } from './wizard-data';
import { rulesLookup, scoreIndex, segmentCatalog } from './wizard-rules';

export const MODEL_MSG = {
  noProfit: {
    en: 'Pareto on profit needs a profit column; revenue is used instead.',
    vi: 'Phân tích Pareto theo lợi nhuận cần cột lợi nhuận; đang dùng doanh thu thay thế.',
  },
  noRfm: {
    en: 'RFM segments need order dates and amounts (or last purchase date, number of orders and total spend columns); segments are not computed.',
    vi: 'Phân khúc RFM cần ngày mua và số tiền (hoặc các cột ngày mua gần nhất, số đơn hàng và tổng chi tiêu); chưa thể tính phân khúc.',
  },
  partialRfm: {
    en: '{n} customers lack last purchase date, number of orders or total spend; they get no segment.',
    vi: '{n} khách hàng thiếu ngày mua gần nhất, số đơn hàng hoặc tổng chi tiêu; họ không được xếp phân khúc.',
  },
  noClvOrders: {
    en: 'Predictive CLV needs an order log (one row per order); it is skipped.',
    vi: 'CLV dự báo cần nhật ký đơn hàng (mỗi dòng một đơn); đã bỏ qua bước này.',
  },
  noBehaviourOrders: {
    en: 'Behaviour (channel, seasonal, bargain hunters) needs an order log; it is skipped.',
    vi: 'Phân tích hành vi (kênh, mua theo mùa, săn khuyến mãi) cần nhật ký đơn hàng; đã bỏ qua bước này.',
  },
  noRevenue: {
    en: 'Pareto needs an amount or total spend column; it is skipped.',
    vi: 'Phân tích Pareto cần cột thành tiền hoặc tổng chi tiêu; đã bỏ qua bước này.',
  },
  badAttr: {
    en: '{n} values in "{column}" could not be read (for example {examples}); those customers are left blank there.',
    vi: '{n} giá trị trong cột "{column}" không đọc được (ví dụ {examples}); các khách hàng đó để trống ở mục này.',
  },
  unknownProvince: {
    en: '{n} province names were not recognised (for example {examples}); their region is left blank.',
    vi: '{n} tên tỉnh/thành không nhận ra được (ví dụ {examples}); vùng miền của họ để trống.',
  },
  answer: {
    en: '{pct} of customers bring 80% of {measure}.',
    vi: '{pct} khách hàng mang lại 80% {measure}.',
  },
  revenue: { en: 'revenue', vi: 'doanh thu' },
  profit: { en: 'profit', vi: 'lợi nhuận' },
  unknown: { en: 'Unknown', vi: 'Không rõ' },
} satisfies Record<string, Localized>;

/** Per-customer results, aligned with `data.keys`. Blank ('' / NaN) where not computable. */
export interface WizardModel {
  data: Dataset;
  lang: Lang;
  locale: string;
  timeZone: string;
  n: number;
  analysisDay: number;
  revenue: Float64Array;
  profit: Float64Array | null;
  orderCount: Float64Array;
  firstDay: Float64Array;
  lastDay: Float64Array;
  /** Pareto measure per customer (revenue or profit) and class ('' when inactive). */
  paretoCls: string[] | null;
  r: Uint8Array | null;
  f: Uint8Array | null;
  m: Uint8Array | null;
  /** Segment index into `catalog`, -1 = none. */
  segment: Int16Array;
  catalog: { key: string; group: SegmentSummary['group']; name: { en: string; vi: string } }[];
  clv: ClvResult | null;
  region: (Region | '')[];
  province: string[];
  ageBand: (AgeBand | '')[];
  gender: (Gender | '')[];
  incomeBand: (IncomeBand | '')[];
  industry: (Industry | '')[];
  companySize: (CompanySize | '')[];
  behaviour: WizardBehaviour | null;
  preview: PreviewResult;
}

function countShares<K extends string>(
  values: readonly (K | '')[],
  active: Uint8Array,
  names: Record<K, Localized> | ((k: K) => string),
  lang: Lang,
  order?: readonly K[],
): CountShare[] {
  const counts = new Map<K, number>();
  let total = 0;
  for (let c = 0; c < values.length; c++) {
    if (!active[c]) continue;
    const v = values[c];
    if (v === '') continue;
    counts.set(v, (counts.get(v) || 0) + 1);
    total++;
  }
  const keys = order
    ? order.filter((k) => counts.has(k))
    : [...counts.keys()].sort((a, b) => (counts.get(b) as number) - (counts.get(a) as number) || (a < b ? -1 : 1));
  return keys.map((k) => ({
    key: k,
    label: typeof names === 'function' ? names(k) : localize(lang, names[k]),
    customers: counts.get(k) as number,
    share: total ? (counts.get(k) as number) / total : 0,
  }));
}

function examplesOf(list: string[]): string {
  return list
    .slice(0, 3)
    .map((s) => `"${s.length > 30 ? `${s.slice(0, 27)}...` : s}"`)
    .join(', ');
}

/** Runs every enabled analysis. */
export function computeModel(ctx: CallContext, data: Dataset, params: AnalysisParams, rules: SegmentRules): WizardModel {
  const lang = ctx.lang;
  const n = data.keys.length;
  const warnings = data.warnings.slice();
  const active = data.active;
  const revenue = new Float64Array(n);
  const orderCount = new Float64Array(n);
  const firstDay = new Float64Array(n).fill(Number.NaN);
  const lastDay = new Float64Array(n).fill(Number.NaN);
  let profit: Float64Array | null = null;
  let hasRevenue = true;
  /** Customer table only: which customers have all three RFM measures. */
  const complete = new Uint8Array(n);
  const o = data.orders;
  if (o) {
    if (o.profit) profit = new Float64Array(n);
    for (let q = 0; q < o.customer.length; q++) {
      const c = o.customer[q];
      revenue[c] += o.amount[q];
      if (profit && o.profit) profit[c] += o.profit[q];
      orderCount[c]++;
      const d = o.day[q];
      if (!(d >= firstDay[c])) firstDay[c] = d;
      if (!(d <= lastDay[c])) lastDay[c] = d;
    }
  } else if (data.table) {
    const t = data.table;
    if (!t.totalSpend) hasRevenue = false;
    if (t.profit) profit = new Float64Array(n);
    for (let i = 0; i < (data.tableRowCustomer as Int32Array).length; i++) {
      const c = (data.tableRowCustomer as Int32Array)[i];
      if (c < 0) continue;
      // Duplicate rows of one customer: the first row's values count.
      if (t.totalSpend && !Number.isNaN(t.totalSpend[i]) && revenue[c] === 0) revenue[c] = t.totalSpend[i];
      if (profit && t.profit && !Number.isNaN(t.profit[i]) && profit[c] === 0) profit[c] = t.profit[i];
      if (t.orderCount && !Number.isNaN(t.orderCount[i]) && orderCount[c] === 0) orderCount[c] = t.orderCount[i];
      if (t.lastDay && !Number.isNaN(t.lastDay[i]) && Number.isNaN(lastDay[c])) lastDay[c] = t.lastDay[i];
      else if (t.daysSince && !Number.isNaN(t.daysSince[i]) && Number.isNaN(lastDay[c]) && Number.isFinite(data.analysisDay))
        lastDay[c] = data.analysisDay - t.daysSince[i];
      if (!Number.isNaN(lastDay[c]) && t.orderCount && !Number.isNaN(t.orderCount[i]) && t.totalSpend && !Number.isNaN(t.totalSpend[i])) complete[c] = 1;
    }
  }

  // Active customers, as a compact list.
  const act: number[] = [];
  for (let c = 0; c < n; c++) if (active[c]) act.push(c);
  const totalRevenue = act.reduce((s, c) => s + revenue[c], 0);

  // Pareto.
  let paretoCls: string[] | null = null;
  let pareto: ParetoPreview | null = null;
  if (params.pareto.enabled) {
    if (!hasRevenue) warnings.push(localize(lang, MODEL_MSG.noRevenue));
    else {
      let measure: 'revenue' | 'profit' = params.pareto.measure;
      if (measure === 'profit' && !profit) {
        warnings.push(localize(lang, MODEL_MSG.noProfit));
        measure = 'revenue';
      }
      const src = measure === 'profit' ? (profit as Float64Array) : revenue;
      const totals = act.map((c) => src[c]);
      const res = paretoClasses(totals, params.pareto.aShare, params.pareto.bShare);
      const sum = paretoSummary(totals);
      paretoCls = new Array(n).fill('');
      const cls: ParetoPreview['classes'] = (['A', 'B', 'C'] as const).map((k) => ({ cls: k, customers: 0, total: 0, share: 0 }));
      let positive = 0;
      for (const t of totals) if (t > 0) positive += t;
      act.forEach((c, i) => {
        (paretoCls as string[])[c] = res.cls[i];
        const k = cls[res.cls[i] === 'A' ? 0 : res.cls[i] === 'B' ? 1 : 2];
        k.customers++;
        k.total += totals[i];
      });
      for (const k of cls) k.share = positive > 0 ? Math.max(0, k.total) / positive : 0;
      const pct = `${(Math.round(sum.pct80 * 1000) / 10).toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-US')}%`;
      pareto = {
        measure,
        customers: sum.customers,
        total: sum.total,
        count80: sum.count80,
        pct80: sum.pct80,
        top20Share: sum.top20Share,
        gini: sum.gini,
        classes: cls,
        answer: localize(lang, MODEL_MSG.answer, { pct, measure: localize(lang, MODEL_MSG[measure]) }),
        curve: paretoCurve(totals).map(([x, y]) => [Math.round(x * 1e4) / 1e4, Math.round(y * 1e4) / 1e4]),
      };
    }
  }

  // RFM segments through the rules table.
  const catalog = segmentCatalog(rules);
  const segIndexOf = new Map(catalog.map((s, i) => [s.key, i]));
  const segment = new Int16Array(n).fill(-1);
  let r: Uint8Array | null = null;
  let f: Uint8Array | null = null;
  let m: Uint8Array | null = null;
  if (params.rfm.enabled) {
    // Customers with all three measures.
    const ok: number[] = [];
    for (const c of act) if (o || complete[c]) ok.push(c);
    const usable =
      Number.isFinite(data.analysisDay) &&
      (o || (data.table && (data.table.lastDay || data.table.daysSince) && data.table.orderCount && data.table.totalSpend));
    if (!usable || ok.length === 0) warnings.push(localize(lang, MODEL_MSG.noRfm));
    else {
      if (ok.length < act.length) warnings.push(localize(lang, MODEL_MSG.partialRfm, { n: act.length - ok.length }));
      const rec = Float64Array.from(ok, (c) => data.analysisDay - lastDay[c]);
      const fr = Float64Array.from(ok, (c) => orderCount[c]);
      const mo = Float64Array.from(ok, (c) => revenue[c]);
      const rs = scoreValues(rec, 5, true);
      const fs = scoreValues(fr, 5, false);
      const ms = scoreValues(mo, 5, false);
      r = new Uint8Array(n);
      f = new Uint8Array(n);
      m = new Uint8Array(n);
      const lookup = rulesLookup(rules);
      ok.forEach((c, i) => {
        (r as Uint8Array)[c] = rs[i];
        (f as Uint8Array)[c] = fs[i];
        (m as Uint8Array)[c] = ms[i];
        segment[c] = segIndexOf.get(lookup[scoreIndex(rs[i], fs[i], ms[i])]) as number;
      });
    }
  }

  // CLV.
  let clv: ClvResult | null = null;
  if (params.clv.enabled) {
    if (!o) warnings.push(localize(lang, MODEL_MSG.noClvOrders));
    else {
      const res = customerClv(ctx, o, n, data.analysisDay, params.clv);
      if (res.warning) warnings.push(res.warning);
      clv = res.result;
    }
  }

  // Who the customers are.
  const region: (Region | '')[] = new Array(n).fill('');
  const province: string[] = new Array(n).fill('');
  const age: (AgeBand | '')[] = new Array(n).fill('');
  const gender: (Gender | '')[] = new Array(n).fill('');
  const income: (IncomeBand | '')[] = new Array(n).fill('');
  const industry: (Industry | '')[] = new Array(n).fill('');
  const size: (CompanySize | '')[] = new Array(n).fill('');
  const A = data.attrs;
  const H = data.hasAttr;
  const sheetName = data.customersSheet?.name || data.ordersSheet?.name || '';
  const analysisYear = Number.isFinite(data.analysisDay) ? new Date(data.analysisDay * 86_400_000).getUTCFullYear() : new Date().getUTCFullYear();
  if (params.demographics.enabled) {
    const unknownProv: string[] = [];
    let unknownCount = 0;
    const bad: Record<string, string[]> = {};
    const badCount: Record<string, number> = {};
    const noteBad = (col: string, v: unknown) => {
      badCount[col] = (badCount[col] || 0) + 1;
      bad[col] = bad[col] || [];
      if (bad[col].length < 3) bad[col].push(String(v));
    };
    let scale = 1;
    if (H.income) scale = incomeScale(act.map((c) => (typeof A.income[c] === 'number' ? (A.income[c] as number) : Number.NaN)));
    for (const c of act) {
      if (H.province) {
        const v = A.province[c];
        if (v !== '' && v !== null && v !== undefined) {
          const p = normalizeProvince(v);
          if (p) {
            region[c] = p.region;
            province[c] = provinceDisplayName(p.canonicalPost2025, lang, true);
          } else {
            unknownCount++;
            if (unknownProv.length < 3) unknownProv.push(String(v));
          }
        }
      }
      const ageCell = H.birth_year && A.birth_year[c] !== '' ? A.birth_year[c] : H.age ? A.age[c] : '';
      if (ageCell !== '' && ageCell !== null && ageCell !== undefined) {
        const b = ageBand(ageCell, analysisYear, ctx.locale, ctx.timeZone);
        if (b.ok) age[c] = b.key;
        else noteBad(H.birth_year ? 'birth_year' : 'age', ageCell);
      }
      if (H.gender && A.gender[c] !== '') {
        const g = normalizeGender(A.gender[c]);
        if (g) gender[c] = g;
        else noteBad('gender', A.gender[c]);
      }
      if (H.income && A.income[c] !== '') {
        const x = parseIncome(A.income[c], ctx.locale, scale);
        const b = incomeBand(x);
        if (b.ok) income[c] = b.key;
        else noteBad('income', A.income[c]);
      }
      if (H.industry && A.industry[c] !== '') {
        const k = normalizeIndustry(A.industry[c]);
        if (k) industry[c] = k;
      }
      if (H.company_size && A.company_size[c] !== '') {
        const b = companySizeBand(A.company_size[c], {}, ctx.locale);
        if (b.ok) size[c] = b.key;
        else noteBad('company_size', A.company_size[c]);
      }
    }
    if (unknownCount) warnings.push(localize(lang, MODEL_MSG.unknownProvince, { n: unknownCount, examples: examplesOf(unknownProv) }));
    const colNames: Record<string, Localized> = {
      birth_year: { en: 'Birth year', vi: 'Năm sinh' },
      age: { en: 'Age', vi: 'Tuổi' },
      gender: { en: 'Gender', vi: 'Giới tính' },
      income: { en: 'Income', vi: 'Thu nhập' },
      company_size: { en: 'Employees', vi: 'Số nhân viên' },
    };
    for (const col of Object.keys(badCount))
      warnings.push(
        localize(lang, MODEL_MSG.badAttr, {
          n: badCount[col],
          column: `${localize(lang, colNames[col])}${sheetName ? ` (${sheetName})` : ''}`,
          examples: examplesOf(bad[col]),
        }),
      );
  }

  // Behaviour.
  let behaviour: WizardBehaviour | null = null;
  if (params.behaviour.enabled) {
    if (!o) warnings.push(localize(lang, MODEL_MSG.noBehaviourOrders));
    else behaviour = customerBehaviour(o, n, params.behaviour, lang);
  }

  // Preview.
  const segments: SegmentSummary[] = catalog.map((s) => ({
    key: s.key,
    name: s.name[lang],
    group: s.group,
    color: SEGMENT_GROUP_COLORS[s.group],
    customers: 0,
    customerShare: 0,
    revenue: 0,
    revenueShare: 0,
    avgClv: null,
  }));
  const clvSum = new Float64Array(catalog.length);
  const clvN = new Float64Array(catalog.length);
  let segmented = 0;
  for (const c of act) {
    const s = segment[c];
    if (s < 0) continue;
    segmented++;
    segments[s].customers++;
    segments[s].revenue += revenue[c];
    if (clv && !Number.isNaN(clv.clv[c])) {
      clvSum[s] += clv.clv[c];
      clvN[s]++;
    }
  }
  let positiveRevenue = 0;
  for (const s of segments) if (s.revenue > 0) positiveRevenue += s.revenue;
  segments.forEach((s, i) => {
    s.customerShare = segmented ? s.customers / segmented : 0;
    s.revenueShare = positiveRevenue > 0 ? Math.max(0, s.revenue) / positiveRevenue : 0;
    s.avgClv = clvN[i] ? clvSum[i] / clvN[i] : null;
  });

  let clvPreview: ClvPreview | null = null;
  if (clv) {
    let tot = 0;
    let cnt = 0;
    for (const c of act)
      if (!Number.isNaN(clv.clv[c])) {
        tot += clv.clv[c];
        cnt++;
      }
    clvPreview = { horizonMonths: params.clv.horizonMonths, total: tot, average: cnt ? tot / cnt : 0, model: clv.model, repeatBuyers: clv.repeatBuyers };
  }

  const availableTags: TagKey[] = [];
  if (paretoCls) availableTags.push('pareto_class');
  if (r) availableTags.push('segment', 'rfm_score');
  if (clv) availableTags.push('clv', 'p_alive');
  if (params.demographics.enabled) {
    if (H.province) availableTags.push('region', 'province');
    if (H.birth_year || H.age) availableTags.push('age_band');
    if (H.gender) availableTags.push('gender');
    if (H.income) availableTags.push('income_band');
    if (H.industry) availableTags.push('industry');
    if (H.company_size) availableTags.push('company_size');
  }
  if (behaviour) {
    if (behaviour.hasChannel) availableTags.push('main_channel');
    availableTags.push('behaviour');
  }

  const preview: PreviewResult = {
    kind: data.kind,
    customers: act.length,
    orders: o ? o.customer.length : act.reduce((s, c) => s + orderCount[c], 0),
    revenue: totalRevenue,
    analysisDate: Number.isFinite(data.analysisDay) ? dayToIso(data.analysisDay) : '',
    segments,
    pareto,
    clv: clvPreview,
    regions: countShares(region, active, REGION_NAMES, lang, ['north', 'central', 'south']),
    ageBands: countShares(age, active, AGE_BAND_NAMES, lang, Object.keys(AGE_BAND_NAMES) as AgeBand[]),
    genders: countShares(gender, active, GENDER_NAMES, lang, ['female', 'male', 'other']),
    incomeBands: countShares(income, active, INCOME_BAND_NAMES, lang, Object.keys(INCOME_BAND_NAMES) as IncomeBand[]),
    industries: countShares(industry, active, INDUSTRY_NAMES, lang),
    companySizes: countShares(size, active, COMPANY_SIZE_NAMES, lang, Object.keys(COMPANY_SIZE_NAMES) as CompanySize[]),
    channels: behaviour ? countShares(behaviour.mainChannel, active, (k: string) => k, lang) : [],
    behaviour: behaviour ? behaviour.summary(active) : [],
    warnings,
    availableTags,
  };

  return {
    data,
    lang,
    locale: ctx.locale,
    timeZone: ctx.timeZone,
    n,
    analysisDay: data.analysisDay,
    revenue,
    profit,
    orderCount,
    firstDay,
    lastDay,
    paretoCls,
    r,
    f,
    m,
    segment,
    catalog,
    clv,
    region,
    province,
    ageBand: age,
    gender,
    incomeBand: income,
    industry,
    companySize: size,
    behaviour,
    preview,
  };
}

/**
 * RFM engine: exactness against the R package `rfm` v0.3.0 on its own sample data, hand-computed
 * cases, and properties. Expected numbers marked "from R" came from R 4.2.2 running a base-R
 * transcription of the v0.3.0 logic (`bins()`/`bins_lower()`/`bins_upper()`, the scoring loops of
 * `rfm_prep_bins()`, and `rfm_segment()`); that transcription reproduces the package's own
 * published results (checked below), and it agreed with this engine on every customer of both
 * sample files and on 2,000 random vectors (1..997 values, ties, decimals, negatives, bins 1..9).
 */
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { civilToDay } from '../src/core/parse';
import {
  quantileType7,
  type RfmInput,
  type RfmScore,
  rfmDimensionThresholds,
  rfmFromOrders,
  rfmScoreCode,
  rfmScoreColumns,
  rfmScores,
  rfmThresholds,
  scoreValues,
} from '../src/core/rfm';
import {
  DEFAULT_RULES,
  DEFAULT_SCHEME_DOC,
  firstMatchSegment,
  isRfmSchemeId,
  RFM_PACKAGE_RULES,
  type SegmentRule,
  schemeMarkdown,
  segmentComboCounts,
  segmentGroup,
  segmentKeys,
  segmentName,
  segmentOf,
} from '../src/core/rfm-schemes';
import { SEGMENT_GROUP_NAMES, SEGMENT_GROUPS } from '../src/core/segment-keys';

const REF = path.resolve(__dirname, '../../shared/data/reference/rfm');
const readCsv = (file: string) =>
  Papa.parse<Record<string, string>>(fs.readFileSync(path.join(REF, file), 'utf8'), { header: true, skipEmptyLines: true }).data;
const isoDay = (iso: string) => civilToDay(+iso.slice(0, 4), +iso.slice(5, 7), +iso.slice(8, 10));

/** rfm_table_order(rfm_data_orders, customer_id, order_date, revenue, analysis_date) through the engine. */
function packageOrders(analysisIso: string) {
  const orders = readCsv('rfm_data_orders.csv');
  const index = new Map<string, number>();
  const cust = orders.map((o) => {
    let k = index.get(o.customer_id);
    if (k === undefined) {
      k = index.size;
      index.set(o.customer_id, k);
    }
    return k;
  });
  const inputs = rfmFromOrders(
    cust,
    orders.map((o) => isoDay(o.order_date)),
    orders.map((o) => Number(o.revenue)),
    index.size,
    isoDay(analysisIso),
  );
  const scores = rfmScores(inputs);
  const ids = [...index.keys()];
  return { ids, inputs, scores, byId: (id: string) => index.get(id)! };
}

const count = (xs: string[]) => {
  const out: Record<string, number> = {};
  for (const x of xs) out[x] = (out[x] ?? 0) + 1;
  return out;
};
const hist = (xs: ArrayLike<number>) => {
  const h = [0, 0, 0, 0, 0];
  for (let i = 0; i < xs.length; i++) h[xs[i] - 1]++;
  return h;
};
const rfmNames = (scores: RfmScore[]) => scores.map((s) => segmentName('rfm', segmentOf('rfm', s), 'en'));

/** The older segment table used by the package's own test and its 0.2.2 release post. */
const PACKAGE_TEST_TABLE: SegmentRule[] = (() => {
  const names = [
    'Champions',
    'Loyal Customers',
    'Potential Loyalist',
    'New Customers',
    'Promising',
    'Need Attention',
    'About To Sleep',
    'At Risk',
    "Can't Lose Them",
    'Lost',
  ];
  const rl = [4, 2, 3, 4, 3, 2, 2, 1, 1, 1];
  const ru = [5, 5, 5, 5, 4, 3, 3, 2, 1, 2];
  const fl = [4, 3, 1, 1, 1, 2, 1, 2, 4, 1];
  const fu = [5, 5, 3, 1, 1, 3, 2, 5, 5, 2];
  const ml = [4, 3, 1, 1, 1, 2, 1, 2, 4, 1];
  const mu = [5, 5, 3, 1, 1, 3, 2, 5, 5, 2];
  return names.map((key, i) => ({ key, r: [rl[i], ru[i]] as const, f: [fl[i], fu[i]] as const, m: [ml[i], mu[i]] as const }));
})();

describe('rfm_table_order on rfm_data_orders (analysis date 2006-12-31, as in the package docs)', () => {
  const t = packageOrders('2006-12-31');

  it("reproduces the package's own published results", () => {
    // rfm v0.3.0 tests/testthat/test-rfm-segment.R: Champions = 158 customers, 1234 orders, revenue 120178.
    const seg = t.scores.map((s) => firstMatchSegment(PACKAGE_TEST_TABLE, s, 'Others'));
    const champ = t.inputs.filter((_, i) => seg[i] === 'Champions');
    expect(champ.length).toBe(158);
    expect(champ.reduce((a, c) => a + c.frequency, 0)).toBe(1234);
    expect(champ.reduce((a, c) => a + c.monetary, 0)).toBe(120178);
    // rfm 0.2.2 release post (blog.rsquaredacademy.com/rfm-0-2-2): the full segment count table.
    expect(count(seg)).toEqual({
      'Loyal Customers': 278,
      'Potential Loyalist': 229,
      Champions: 158,
      Lost: 111,
      'At Risk': 86,
      'About To Sleep': 50,
      Others: 48,
      'Need Attention': 35,
    });
    // First rows printed in that post: Abbey O'Reilly 205 days / 6 orders / 472; Add Senger 140 / 3 / 340.
    expect(t.inputs[t.byId("Abbey O'Reilly")]).toEqual({ recencyDays: 205, frequency: 6, monetary: 472 });
    expect(t.inputs[t.byId('Add Senger')]).toEqual({ recencyDays: 140, frequency: 3, monetary: 340 });
  });

  it('has the thresholds the package documents (its custom-threshold example rounds them)', () => {
    // Docs: recency_bins = c(115, 181, 297, 482), frequency_bins = c(4, 5, 6, 8), monetary_bins = c(256, 382, 506, 666).
    const th = rfmThresholds(t.inputs);
    const close = (xs: number[], ys: number[]) => {
      expect(xs.length).toBe(ys.length);
      for (let i = 0; i < xs.length; i++) expect(xs[i]).toBeCloseTo(ys[i], 9);
    };
    close(th.recency.lower, [1, 115, 181, 297.4, 482]);
    close(th.recency.upper, [115, 181, 297.4, 482, 977]);
    close(th.frequency.lower, [1, 4, 5, 6, 8]);
    close(th.frequency.upper, [4, 5, 6, 8, 15]);
    close(th.monetary.lower, [12, 255.8, 382, 506.4, 666]);
    close(th.monetary.upper, [255.8, 382, 506.4, 666, 1489]);
  });

  it('matches R customer by customer (all 995 scores, from R)', () => {
    expect(t.ids.length).toBe(995);
    // rfm_score of every customer, customers sorted by id (C-locale order), concatenated.
    const R_CODES =
      '343412323544433555555355321445212121345433212523411444421144311455344335345423455244342233334354434345555333332334111211' +
      '443223111112421521112243212224112244455445233544143332523313444345324211425455521455555445322533433111322523111311234111' +
      '334111311345355555522422544111255211111335355211144212532433233312122411544234244355422542511212521111444132344212523112' +
      '543333422323313344445513334233234555222554455434411544311345111334455544223511134245112342432421344445544532245112233411' +
      '422224411111145111542433421544112213455512445312442123345112111555312213245312445244212355521111113344121233433344344111' +
      '234523532234111233111223422555445211222111322423222311322211211423122545522333512211543555521423234444534524135444135511' +
      '523114122111331132134324555234555322412511145533134545334124511245211312121242245412511111423432543555543212222144455455' +
      '433111332145444245544511543311123255111532555212443333432555111111534255545512111111511455522255354255444355112211144454' +
      '111513544311242344312523142342111111222223122333112113455544111111355123211211343244112544213234512533123411112443533422' +
      '111223411542545135432511122411111511134533544344124234442322432521455433411332111355454212444445443222345411244132535311' +
      '433323212333244244445242345213544343411111435143133255233122111331555411112211245333443243333344244243255445331555323134' +
      '544411455245323544455533343211235444322311332532321111211422513222243111555133535555124123555322354334422412412544553445' +
      '243443545545243533344112212333123524455111212533223311455533224234311133134111255431322211455214455444445212255522321111' +
      '532234212244543322244345445344554444244534513322445522412344155334455543322312112323455522532135212211445121113221521355' +
      '411222134334221211524555142234542455233555355424345555324431255224344123244222234511255311454445224433512342244111455533' +
      '222144111311111235543522243211112111111111313555555355111511243545433532212444311222544422222223245223344455534334255211' +
      '444513423313143555411245522111111223111511544434523322211214244455423543211543512312424522244445554334511155443233232112' +
      '511212345522523112333132511532222111412545424111333112413555233434255344522311132124524223542422211111344122412212533411' +
      '445434145353111245423544434411145112211343111111123545154534423321332244122224245111144134112211434311111311244533121345' +
      '344343455311544321411533143422344244112111313234544243311111111244422331111211112245144545355332211111554555113421255535' +
      '455143124555455233332112334112121542544423111222422311344123145123113321143333312454323422423544234523433244433112255234' +
      '424344245455423223334555454314413555533433355422123234442423443444345113455444555322522333122345432321543111355342555112' +
      '444421344524111545342343223344445323533355312235111445544144113523344332411112135333543512444455111445321255343344334411' +
      '512511444121555223312333222533244255345111111134422232555433255443211111332223535311443133555543524123324435533244545113' +
      '232112355333322455411311545134444212111234445544434243312232424111135421442255223243544344355223111124322';
    const ours = [...t.ids]
      .sort()
      .map((id) => rfmScoreCode(t.scores[t.byId(id)]))
      .join('');
    expect(ours).toBe(R_CODES);
    const check = [...t.ids].sort().reduce((a, id, i) => a + rfmScoreCode(t.scores[t.byId(id)]) * (i + 1), 0);
    expect(check).toBe(163139109); // sum(rfm_score * position), from R
  });

  it('scores a dozen customers as R does', () => {
    // customer, recency_days, transaction_count, amount, r, f, m, segment (v0.3.0 table) — from R.
    const cases: [string, number, number, number, number, number, number, string][] = [
      ["Abbey O'Reilly", 205, 6, 472, 3, 4, 3, 'Potential Loyalist'],
      ['Add Senger', 140, 3, 340, 4, 1, 2, 'New Customers'],
      ['Aden Lesch', 194, 4, 405, 3, 2, 3, 'Loyal Customers'],
      ['Davion Hudson', 251, 2, 172, 3, 1, 1, 'About To Sleep'],
      ['Emanuel Reichert', 269, 5, 421, 3, 3, 3, 'Potential Loyalist'],
      ['Handy Walsh', 116, 7, 758, 4, 4, 5, 'Potential Loyalist'],
      ['Jazmin Harvey', 34, 5, 874, 5, 3, 5, 'Potential Loyalist'],
      ['Jeff Denesik', 235, 4, 326, 3, 2, 2, 'Loyal Customers'],
      ['Jerald Hintz', 179, 3, 286, 4, 1, 2, 'New Customers'],
      ['Lon Witting', 295, 3, 413, 3, 1, 3, 'Promising'],
      ['Mike Legros', 186, 1, 23, 3, 1, 1, 'About To Sleep'],
      ['Rosevelt Murazik', 139, 5, 447, 4, 3, 3, 'Potential Loyalist'],
    ];
    for (const [id, days, n, amount, r, f, m, seg] of cases) {
      const k = t.byId(id);
      expect(t.inputs[k], id).toEqual({ recencyDays: days, frequency: n, monetary: amount });
      expect(t.scores[k], id).toEqual({ r, f, m });
      expect(segmentName('rfm', segmentOf('rfm', t.scores[k]), 'en'), id).toBe(seg);
    }
  });

  it('has the per-score distributions and v0.3.0 segment counts of R', () => {
    const s = rfmScoreColumns({
      recencyDays: t.inputs.map((c) => c.recencyDays),
      frequency: t.inputs.map((c) => c.frequency),
      monetary: t.inputs.map((c) => c.monetary),
    });
    expect(hist(s.r)).toEqual([197, 200, 199, 199, 200]);
    expect(hist(s.f)).toEqual([268, 187, 176, 244, 120]);
    expect(hist(s.m)).toEqual([200, 200, 198, 202, 195]);
    expect(count(rfmNames(t.scores))).toEqual({
      'About To Sleep': 102,
      'At Risk': 28,
      "Can't Lose Them": 47,
      Champions: 35,
      Lost: 148,
      'Loyal Customers': 170,
      'Need Attention': 10,
      'New Customers': 104,
      'Potential Loyalist': 342,
      Promising: 9,
    });
  });

  it('shifts recency by one day at 2007-01-01 and keeps every score (from R)', () => {
    const u = packageOrders('2007-01-01');
    expect(rfmDimensionThresholds(u.inputs.map((c) => c.recencyDays)).lower.map((x) => Math.round(x * 10) / 10)).toEqual([2, 116, 182, 298.4, 483]);
    expect(u.scores).toEqual(t.scores);
  });
});

describe('rfm_table_customer on rfm_data_customer (39,999 customers; recency_days column, analysis date 2007-01-01)', () => {
  const rows = readCsv('rfm_data_customer.csv');
  const inputs: RfmInput[] = rows.map((c) => ({ recencyDays: Number(c.recency_days), frequency: Number(c.number_of_orders), monetary: Number(c.revenue) }));
  const scores = rfmScores(inputs);

  it('the recency_days column is 2007-01-01 minus most_recent_visit', () => {
    const a = isoDay('2007-01-01');
    expect(rows.every((c) => a - isoDay(c.most_recent_visit) === Number(c.recency_days))).toBe(true);
  });

  it('matches R: distributions, the full 125-cell score histogram, segments, checksum', () => {
    expect(scores.length).toBe(39999);
    expect(hist(scores.map((s) => s.r))).toEqual([7994, 7957, 7889, 8108, 8051]);
    expect(hist(scores.map((s) => s.f))).toEqual([9427, 9764, 4945, 8204, 7659]);
    expect(hist(scores.map((s) => s.m))).toEqual([8016, 7998, 8008, 7997, 7980]);
    const R_HIST =
      '111:2409,112:757,113:198,114:28,121:336,122:865,123:648,124:285,125:27,131:30,132:163,133:310,134:244,135:64,141:11,142:87,143:252,144:427,145:263,152:3,153:42,154:145,155:400,' +
      '211:1286,212:550,213:127,214:14,221:335,222:816,223:680,224:270,225:22,231:32,232:210,233:378,234:303,235:96,241:15,242:129,243:382,244:644,245:377,252:14,253:75,254:318,255:884,' +
      '311:971,312:413,313:130,314:11,321:318,322:721,323:635,324:236,325:22,331:49,332:217,333:364,334:334,335:67,341:10,342:135,343:441,344:734,345:430,352:9,353:89,354:350,355:1203,' +
      '411:840,412:397,413:92,414:15,421:262,422:728,423:601,424:232,425:27,431:40,432:218,433:408,434:324,435:65,441:13,442:141,443:425,444:848,445:482,451:1,452:14,453:132,454:435,455:1368,' +
      '511:724,512:357,513:100,514:8,521:270,522:656,523:531,524:222,525:19,531:49,532:228,533:362,534:315,535:75,541:14,542:153,543:479,544:794,545:518,551:1,552:17,553:127,554:461,555:1571';
    const ours = Object.entries(count(scores.map((s) => String(rfmScoreCode(s)))))
      .sort(([a], [b]) => +a - +b)
      .map(([k, v]) => `${k}:${v}`)
      .join(',');
    expect(ours).toBe(R_HIST);
    expect(count(rfmNames(scores))).toEqual({
      'About To Sleep': 4095,
      'At Risk': 2081,
      "Can't Lose Them": 1471,
      Champions: 1571,
      Lost: 5535,
      'Loyal Customers': 6965,
      'Need Attention': 679,
      'New Customers': 4475,
      Others: 68,
      'Potential Loyalist': 12762,
      Promising: 297,
    });
    // sum(rfm_score * position) with customers sorted by numeric id — pins every single customer.
    const order = rows.map((c, i) => [Number(c.customer_id), i]).sort((a, b) => a[0] - b[0]);
    expect(order.reduce((a, [, i], k) => a + rfmScoreCode(scores[i]) * (k + 1), 0)).toBe(265856018947);
  });

  it('scores a dozen customers as R does', () => {
    const byId = new Map(rows.map((c, i) => [c.customer_id, i]));
    const cases: [string, number, number, number, string][] = [
      ['34', 3, 5, 5, 'Potential Loyalist'],
      ['921', 3, 5, 5, 'Potential Loyalist'],
      ['1063', 1, 1, 2, 'Lost'],
      ['8076', 5, 3, 3, 'Potential Loyalist'],
      ['19004', 1, 2, 2, 'Lost'],
      ['21667', 4, 2, 2, 'Loyal Customers'],
      ['22961', 4, 3, 2, 'Potential Loyalist'],
      ['26094', 4, 4, 3, 'Potential Loyalist'],
      ['28886', 1, 3, 3, 'Need Attention'],
      ['31467', 1, 1, 1, 'Lost'],
      ['31656', 3, 4, 2, 'Potential Loyalist'],
      ['37598', 3, 4, 4, 'Potential Loyalist'],
    ];
    for (const [id, r, f, m, seg] of cases) {
      const s = scores[byId.get(id)!];
      expect(s, id).toEqual({ r, f, m });
      expect(segmentName('rfm', segmentOf('rfm', s), 'vi'), id).toBe(seg);
    }
  });
});

describe('hand-computed scoring', () => {
  it('R type-7 quantiles of 10 values', () => {
    const sorted = [3, 5, 7, 8, 9, 12, 13, 14, 18, 21];
    // index = 1 + 9p: 2.8 → 5 + 0.8·2; 4.6 → 8 + 0.6·1; 6.4 → 12 + 0.4·1; 8.2 → 14 + 0.2·4.
    expect(quantileType7(sorted, 0.2)).toBeCloseTo(6.6, 12);
    expect(quantileType7(sorted, 0.4)).toBeCloseTo(8.6, 12);
    expect(quantileType7(sorted, 3 * 0.2)).toBeCloseTo(12.4, 12);
    expect(quantileType7(sorted, 0.8)).toBeCloseTo(14.8, 12);
    expect(quantileType7(sorted, 0)).toBe(3);
    expect(quantileType7(sorted, 1)).toBe(21);
    expect(quantileType7([42], 0.5)).toBe(42);
  });

  it('scores against breaks at quantile + 1, as the package does', () => {
    const x = [3, 7, 8, 5, 12, 14, 21, 13, 18, 9];
    // Breaks 7.6, 9.6, 13.4, 15.8: 7 < 7.6 scores 1, 8 scores 2, 13 < 13.4 scores 3, 14 scores 4 (same in R).
    expect(rfmDimensionThresholds(x).lower.map((v) => +v.toFixed(10))).toEqual([3, 7.6, 9.6, 13.4, 15.8]);
    expect(Array.from(scoreValues(x))).toEqual([1, 1, 2, 1, 3, 4, 5, 3, 5, 2]);
    // Recency is reversed: fewest days scores 5.
    expect(Array.from(scoreValues(x, 5, true))).toEqual([5, 5, 4, 5, 3, 2, 1, 3, 1, 4]);
  });

  it('equal values share a score; coinciding breaks leave scores unused', () => {
    // Sorted: quantiles 1, 1.6, 2.4, 4.2 → breaks 2, 2.6, 3.4, 5.2 (R gives the same).
    expect(Array.from(scoreValues([1, 1, 1, 1, 2, 2, 3, 4, 5, 10]))).toEqual([1, 1, 1, 1, 2, 2, 3, 4, 4, 5]);
    expect(Array.from(scoreValues([5, 5, 5]))).toEqual([1, 1, 1]);
    expect(Array.from(scoreValues([5, 5, 5], 5, true))).toEqual([5, 5, 5]);
    expect(Array.from(scoreValues([42], 5, true))).toEqual([5]);
    expect(Array.from(scoreValues([]))).toEqual([]);
  });

  it('decimal amounts and other bin counts (from R)', () => {
    const z = [12.5, 0.1, 0.2, 0.3, 7.25, 19.99, 3.3, 3.3, 100.01, 42, 0.7];
    expect(Array.from(scoreValues(z))).toEqual([4, 1, 1, 1, 3, 4, 2, 2, 5, 5, 1]);
    expect(Array.from(scoreValues(z, 3))).toEqual([3, 1, 1, 1, 2, 3, 2, 2, 3, 3, 1]);
    expect(Array.from(scoreValues(z, 4, true))).toEqual([2, 4, 4, 4, 2, 1, 3, 3, 1, 1, 4]);
    expect(Array.from(scoreValues(z, 7))).toEqual([5, 1, 1, 1, 5, 6, 3, 3, 7, 7, 1]);
  });

  it('rfmScores puts the three dimensions together; rfmScoreCode is r·100 + f·10 + m', () => {
    const customers: RfmInput[] = [
      { recencyDays: 1, frequency: 9, monetary: 900 },
      { recencyDays: 400, frequency: 1, monetary: 10 },
      { recencyDays: 30, frequency: 3, monetary: 120 },
      { recencyDays: 90, frequency: 2, monetary: 300 },
      { recencyDays: 200, frequency: 5, monetary: 50 },
    ];
    // 5 values: quantiles at index 1.8, 2.6, 3.4, 4.2 of the sorted values.
    // recency sorted 1,30,90,200,400 → q 24.2, 66, 134, 240 → breaks 25.2, 67, 135, 241.
    // frequency 1,2,3,5,9 → q 1.8, 2.6, 3.8, 5.8 → breaks 2.8, 3.6, 4.8, 6.8 (so 3 orders scores 2).
    // monetary 10,50,120,300,900 → q 42, 92, 192, 420 → breaks 43, 93, 193, 421.
    expect(rfmScores(customers)).toEqual([
      { r: 5, f: 5, m: 5 },
      { r: 1, f: 1, m: 1 },
      { r: 4, f: 2, m: 3 },
      { r: 3, f: 1, m: 4 },
      { r: 2, f: 4, m: 2 },
    ]);
    expect(rfmScoreCode({ r: 5, f: 4, m: 3 })).toBe(543);
  });

  it('rejects what is not clean data (programming errors, not user messages)', () => {
    expect(() => rfmScores([{ recencyDays: Number.NaN, frequency: 1, monetary: 1 }])).toThrow(/recencyDays/);
    expect(() => scoreValues([1, Number.POSITIVE_INFINITY])).toThrow(RangeError);
    expect(() => scoreValues([1, 2], 0)).toThrow(/bins/);
    expect(() => scoreValues([1, 2], 10)).toThrow(/bins/);
  });
});

describe('rfmFromOrders', () => {
  it('aggregates like rfm_table_order: last order, order rows, summed amounts', () => {
    // Customer 0: days 100, 105, 105 (two orders the same day count twice), amounts 10 + 20 + 30.
    // Customer 1: one order on day 90 of -5 (a return), customer 2: day 110.
    const r = rfmFromOrders([0, 1, 0, 0, 2], [100, 90, 105, 105, 110], [10, -5, 20, 30, 7.5], 3, 110);
    expect(r).toEqual([
      { recencyDays: 5, frequency: 3, monetary: 60 },
      { recencyDays: 20, frequency: 1, monetary: -5 },
      { recencyDays: 0, frequency: 1, monetary: 7.5 },
    ]);
  });

  it('sums amounts accurately (R sums in long double)', () => {
    const n = 10;
    const r = rfmFromOrders(new Array(n).fill(0), new Array(n).fill(1), new Array(n).fill(0.1), 1, 1);
    expect(r[0].monetary).toBe(1);
  });

  it('rejects bad indexes, lengths and customers without orders', () => {
    expect(() => rfmFromOrders([0, 2], [1, 1], [1, 1], 2, 1)).toThrow(/custIndex\[1\]/);
    expect(() => rfmFromOrders([0], [1, 2], [1], 1, 1)).toThrow(/length/);
    expect(() => rfmFromOrders([0], [1], [1], 2, 1)).toThrow(/customer 1 has no orders/);
    expect(() => rfmFromOrders([0], [Number.NaN], [1], 1, 1)).toThrow(/days\[0\]/);
  });

  it('property: totals are kept and recency is analysis day minus the latest day', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(4), fc.integer({ min: 0, max: 3000 }), fc.integer({ min: -1000, max: 100000 })), { minLength: 1, maxLength: 60 }),
        (orders) => {
          const ids = [...new Set(orders.map((o) => o[0]))];
          const idx = orders.map((o) => ids.indexOf(o[0]));
          const r = rfmFromOrders(
            idx,
            orders.map((o) => o[1]),
            orders.map((o) => o[2]),
            ids.length,
            3000,
          );
          expect(r.reduce((a, c) => a + c.frequency, 0)).toBe(orders.length);
          expect(r.reduce((a, c) => a + c.monetary, 0)).toBe(orders.reduce((a, o) => a + o[2], 0));
          ids.forEach((id, k) => {
            expect(r[k].recencyDays).toBe(3000 - Math.max(...orders.filter((o) => o[0] === id).map((o) => o[1])));
          });
        },
      ),
    );
  });
});

describe('scoring properties', () => {
  const values = fc.array(fc.oneof(fc.integer({ min: -50, max: 50 }), fc.double({ min: -1e6, max: 1e6, noNaN: true })), { minLength: 1, maxLength: 80 });
  const bins = fc.integer({ min: 1, max: 9 });

  /** A literal transcription of the package's loop, as an independent model. */
  function model(x: number[], n: number, reverse: boolean): number[] {
    const s = [...x].sort((a, b) => a - b);
    const q = (p: number) => {
      const idx = 1 + (s.length - 1) * p;
      const lo = Math.floor(idx);
      const hi = Math.ceil(idx);
      return idx > lo && s[hi - 1] !== s[lo - 1] ? (1 - (idx - lo)) * s[lo - 1] + (idx - lo) * s[hi - 1] : s[lo - 1];
    };
    const b: number[] = [];
    for (let k = 1; k < n; k++) b.push(q(k * (1 / n)) + 1);
    const lower = [s[0], ...b];
    const upper = [...b, s[s.length - 1] + 1];
    const out = new Array(x.length).fill(0);
    for (let i = 0; i < n; i++) for (let j = 0; j < x.length; j++) if (x[j] >= lower[i] && x[j] < upper[i]) out[j] = reverse ? n - i : i + 1;
    return out;
  }

  it('agrees with a literal transcription of the package loop', () => {
    fc.assert(
      fc.property(values, bins, fc.boolean(), (x, n, rev) => {
        expect(Array.from(scoreValues(x, n, rev))).toEqual(model(x, n, rev));
      }),
    );
  });

  it('scores are whole numbers in 1..bins', () => {
    fc.assert(fc.property(values, bins, fc.boolean(), (x, n, rev) => Array.from(scoreValues(x, n, rev)).every((s) => Number.isInteger(s) && s >= 1 && s <= n)));
  });

  it('monotone: a larger value never scores lower (higher for recency); equal values score equal', () => {
    fc.assert(
      fc.property(values, fc.boolean(), (x, rev) => {
        const s = scoreValues(x, 5, rev);
        for (let i = 0; i < x.length; i++) {
          for (let j = 0; j < x.length; j++) {
            if (x[i] === x[j]) expect(s[i]).toBe(s[j]);
            else if (x[i] < x[j]) expect(rev ? s[i] >= s[j] : s[i] <= s[j]).toBe(true);
          }
        }
      }),
    );
  });

  it('more monetary never lowers a customer m score (raising one customer)', () => {
    fc.assert(
      fc.property(values, fc.nat(), fc.double({ min: 0, max: 1e6, noNaN: true }), (x, k, extra) => {
        const i = k % x.length;
        const before = scoreValues(x)[i];
        const y = [...x];
        y[i] += extra;
        expect(scoreValues(y)[i]).toBeGreaterThanOrEqual(before);
      }),
    );
  });

  it('permutation invariance: scores follow the customers', () => {
    const customers = fc.array(
      fc.record({ recencyDays: fc.integer({ min: 0, max: 900 }), frequency: fc.integer({ min: 1, max: 30 }), monetary: fc.integer({ min: -100, max: 10000 }) }),
      { minLength: 1, maxLength: 60 },
    );
    fc.assert(
      fc.property(customers, fc.array(fc.nat()), (cs, seeds) => {
        const perm = cs.map((_, i) => i);
        for (let i = perm.length - 1; i > 0; i--) {
          const j = (seeds[i % Math.max(seeds.length, 1)] ?? i) % (i + 1);
          [perm[i], perm[j]] = [perm[j], perm[i]];
        }
        const a = rfmScores(cs);
        const b = rfmScores(perm.map((p) => cs[p]));
        for (let i = 0; i < perm.length; i++) expect(b[i]).toEqual(a[perm[i]]);
      }),
    );
  });
});

describe("the 'rfm' scheme (R package rfm v0.3.0 segment table)", () => {
  const all: RfmScore[] = [];
  for (let r = 1; r <= 5; r++) for (let f = 1; f <= 5; f++) for (let m = 1; m <= 5; m++) all.push({ r, f, m });

  it('first match wins, in the package order, with its bounds', () => {
    expect(RFM_PACKAGE_RULES.map((r) => segmentName('rfm', r.key, 'en'))).toEqual([
      'Champions',
      'Potential Loyalist',
      'Loyal Customers',
      'Promising',
      'New Customers',
      "Can't Lose Them",
      'At Risk',
      'Need Attention',
      'About To Sleep',
      'Lost',
    ]);
    const seg = (r: number, f: number, m: number) => segmentOf('rfm', { r, f, m });
    expect(seg(5, 5, 5)).toBe('champions');
    expect(seg(5, 5, 4)).toBe('potential_loyalist'); // r 3–5, f 3–5, m 2–5
    expect(seg(2, 2, 2)).toBe('loyal_customers');
    expect(seg(2, 3, 3)).toBe('loyal_customers'); // also Need Attention's ranges: the earlier rule wins
    expect(seg(3, 1, 3)).toBe('promising');
    expect(seg(5, 1, 1)).toBe('new_customers');
    expect(seg(2, 3, 5)).toBe('cant_lose_them');
    expect(seg(1, 2, 4)).toBe('at_risk');
    expect(seg(1, 3, 3)).toBe('need_attention');
    expect(seg(2, 3, 1)).toBe('about_to_sleep');
    expect(seg(1, 3, 1)).toBe('lost');
  });

  it('exactly ten combinations are Others', () => {
    const others = all.filter((s) => segmentOf('rfm', s) === 'others').map(rfmScoreCode);
    expect(others).toEqual([215, 241, 251, 252, 341, 351, 441, 451, 541, 551]);
    expect(segmentName('rfm', 'others', 'vi')).toBe('Others');
  });

  it('segments match the generic first-match function, and out-of-range scores follow the table', () => {
    for (const s of all) expect(segmentOf('rfm', s)).toBe(firstMatchSegment(RFM_PACKAGE_RULES, s));
    expect(segmentOf('rfm', { r: 6, f: 6, m: 6 })).toBe('others');
  });

  it('names are the package English names in both languages; every segment has a playbook group', () => {
    for (const k of segmentKeys('rfm')) {
      expect(segmentName('rfm', k, 'vi')).toBe(segmentName('rfm', k, 'en'));
      expect(SEGMENT_GROUPS).toContain(segmentGroup('rfm', k));
    }
    expect(segmentGroup('rfm', 'champions')).toBe('vip');
    expect(segmentGroup('rfm', 'cant_lose_them')).toBe('cant_lose');
    expect(() => segmentName('rfm', 'vip', 'en')).toThrow(/unknown segment/);
  });
});

describe("the 'default' scheme (ours)", () => {
  const all: RfmScore[] = [];
  for (let r = 1; r <= 5; r++) for (let f = 1; f <= 5; f++) for (let m = 1; m <= 5; m++) all.push({ r, f, m });

  it('maps every one of the 125 combinations to one of the 9 groups, each reachable', () => {
    const keys = all.map((s) => segmentOf('default', s));
    for (const k of keys) expect(SEGMENT_GROUPS).toContain(k);
    expect(new Set(keys).size).toBe(9);
    expect(segmentComboCounts('default')).toEqual({
      vip: 8,
      loyal: 22,
      potential: 20,
      new: 10,
      need_attention: 15,
      at_risk: 22,
      cant_lose: 8,
      hibernating: 10,
      lost: 10,
    });
    expect(segmentKeys('default')).toEqual([...SEGMENT_GROUPS]);
  });

  it('hand-checked cases', () => {
    const seg = (code: number) => segmentOf('default', { r: Math.floor(code / 100), f: Math.floor(code / 10) % 10, m: code % 10 });
    expect(seg(555)).toBe('vip');
    expect(seg(444)).toBe('vip');
    expect(seg(543)).toBe('loyal');
    expect(seg(351)).toBe('loyal');
    expect(seg(515)).toBe('new');
    expect(seg(411)).toBe('new');
    expect(seg(525)).toBe('potential');
    expect(seg(431)).toBe('potential');
    expect(seg(333)).toBe('need_attention');
    expect(seg(155)).toBe('cant_lose');
    expect(seg(244)).toBe('cant_lose');
    expect(seg(243)).toBe('at_risk');
    expect(seg(131)).toBe('at_risk');
    expect(seg(225)).toBe('hibernating');
    expect(seg(111)).toBe('lost');
    expect(seg(125)).toBe('lost');
    expect(() => seg(611)).toThrow(/1\.\.5/);
  });

  it('names are the localized group names; the group of a segment is itself', () => {
    for (const g of SEGMENT_GROUPS) {
      expect(segmentName('default', g, 'en')).toBe(SEGMENT_GROUP_NAMES[g].en);
      expect(segmentName('default', g, 'vi')).toBe(SEGMENT_GROUP_NAMES[g].vi);
      expect(segmentGroup('default', g)).toBe(g);
    }
    expect(segmentName('default', 'lost', 'vi')).toBe('Đã rời bỏ');
  });

  it('the documentation table says exactly what the rules do', () => {
    expect(DEFAULT_SCHEME_DOC.map((d) => d.key)).toEqual([...SEGMENT_GROUPS]);
    expect(DEFAULT_SCHEME_DOC.reduce((a, d) => a + d.combos, 0)).toBe(125);
    const byName = new Map(SEGMENT_GROUPS.map((g) => [SEGMENT_GROUP_NAMES[g].en.toLowerCase(), g]));
    byName.set('vip', 'vip');
    const rng = (lo: string, hi?: string): [number, number] => [+lo, +(hi ?? lo)];
    for (const d of DEFAULT_SCHEME_DOC) {
      const m = /^R (\d)(?:–(\d))?, F (\d)(?:–(\d))?, (?:M (\d)(?:–(\d))?|any M)(?: \(unless (.+)\))?$/.exec(d.rule_en);
      expect(m, d.rule_en).not.toBeNull();
      const [rr, fr, mr] = [rng(m![1], m![2]), rng(m![3], m![4]), m![5] ? rng(m![5], m![6]) : ([1, 5] as [number, number])];
      const except = m![7] ? byName.get(m![7].toLowerCase()) : undefined;
      const described = all.filter(
        (s) => s.r >= rr[0] && s.r <= rr[1] && s.f >= fr[0] && s.f <= fr[1] && s.m >= mr[0] && s.m <= mr[1] && (!except || segmentOf('default', s) !== except),
      );
      const actual = all.filter((s) => segmentOf('default', s) === d.key);
      expect(described.map(rfmScoreCode), d.key).toEqual(actual.map(rfmScoreCode));
      expect(d.combos).toBe(actual.length);
      expect(d.rule_vi.length && d.who_vi.length && d.who_en.length).toBeGreaterThan(0);
    }
    expect(DEFAULT_RULES.length).toBe(9);
  });

  it('spreads the package order sample over all 9 groups (scores verified against R above)', () => {
    const t = packageOrders('2006-12-31');
    expect(count(t.scores.map((s) => segmentOf('default', s)))).toEqual({
      vip: 158,
      loyal: 111,
      potential: 146,
      new: 61,
      need_attention: 122,
      at_risk: 84,
      cant_lose: 73,
      hibernating: 93,
      lost: 147,
    });
  });

  it('renders Markdown tables in both languages', () => {
    const en = schemeMarkdown('default', 'en');
    expect(en).toContain('| 1 | VIP / Champions | R 4–5, F 4–5, M 4–5 |');
    expect(en.split('\n').filter((l) => l.startsWith('| ')).length).toBe(10);
    const vi = schemeMarkdown('default', 'vi');
    expect(vi).toContain('Phân khúc');
    expect(vi).toContain('Không thể để mất');
    const pkg = schemeMarkdown('rfm', 'en');
    expect(pkg).toContain("| 6 | Can't Lose Them | 1–2 | 3–4 | 4–5 | Can't lose | 6 |");
    expect(pkg).toContain('| – | Others | – | – | – | Need attention | 10 |');
  });

  it('scheme ids', () => {
    expect(isRfmSchemeId('rfm')).toBe(true);
    expect(isRfmSchemeId('RFM')).toBe(false);
  });
});

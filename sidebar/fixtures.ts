/**
 * Typed sample answers of the wizard server, for unit tests and UI smoke runs (not bundled: only
 * tests import this). Some values are hostile on purpose: markup in customer names, sheet names
 * and headers must show as text.
 */
import type { ApplyResult, DetectResult, HistoryResult, LoadResult, PreviewResult, SegmentRules, UndoResult } from '../src/gas/wizard-api';

export const HOSTILE = '<img src=x onerror=alert(1)>';
export const HOSTILE_SCRIPT = '</td><script>alert(2)</script>';

export const RULES: SegmentRules = {
  scheme: 'default',
  rules: [
    {
      key: 'vip',
      group: 'vip',
      name: { en: 'VIP / Champions', vi: 'VIP / Khách hàng xuất sắc' },
      r: { min: 4, max: 5 },
      f: { min: 4, max: 5 },
      m: { min: 4, max: 5 },
    },
    { key: 'loyal', group: 'loyal', name: { en: 'Loyal', vi: 'Trung thành' }, r: { min: 3, max: 5 }, f: { min: 3, max: 5 }, m: { min: 1, max: 5 } },
    { key: 'at_risk', group: 'at_risk', name: { en: 'At risk', vi: 'Có nguy cơ rời bỏ' }, r: { min: 1, max: 2 }, f: { min: 3, max: 5 }, m: { min: 1, max: 5 } },
  ],
  fallback: { key: 'others', group: 'hibernating', name: { en: 'Others', vi: 'Khác' } },
};

export function loadResult(lang: 'en' | 'vi' = 'vi'): LoadResult {
  return {
    lang,
    locale: lang === 'vi' ? 'vi_VN' : 'en_US',
    timeZone: 'Asia/Ho_Chi_Minh',
    spreadsheetName: 'Sổ ' + HOSTILE,
    currency: lang === 'vi' ? '₫' : '$',
    sheets: [
      { name: 'Đơn hàng', rows: 201, columns: 6, hidden: false, addOn: false },
      { name: 'Khách ' + HOSTILE, rows: 51, columns: 5, hidden: true, addOn: false },
      { name: 'TC Personas', rows: 40, columns: 8, hidden: false, addOn: true },
    ],
    settings: {
      version: 1,
      lang: null,
      sources: { orders: { sheet: 'Đơn hàng', headerRow: 1, mapping: { customer_id: 0, order_date: 1, amount: 2 } }, customers: null },
      params: {
        pareto: { enabled: true, measure: 'revenue', aShare: 0.8, bShare: 0.95 },
        rfm: { enabled: true, scheme: 'default', analysisDate: null },
        clv: { enabled: true, horizonMonths: 12, annualDiscountRate: 0.1, margin: 1 },
        demographics: { enabled: true },
        behaviour: { enabled: true, bargainShare: 0.6 },
      },
      tags: ['pareto_class', 'segment'],
      colorRows: true,
      tagOrderRows: false,
    },
    saved: false,
    rules: RULES,
    defaultRules: { default: RULES, rfm: { ...RULES, scheme: 'rfm', rules: RULES.rules.slice(0, 2) } },
    roles: [
      { key: 'customer_id', label: lang === 'vi' ? 'Mã khách hàng' : 'Customer ID' },
      { key: 'order_date', label: lang === 'vi' ? 'Ngày mua' : 'Order date' },
      { key: 'amount', label: lang === 'vi' ? 'Thành tiền' : 'Amount' },
      { key: 'customer_name', label: lang === 'vi' ? 'Tên khách hàng' : 'Customer name' },
      { key: 'province', label: lang === 'vi' ? 'Tỉnh/Thành phố' : 'Province' },
      { key: 'discount', label: lang === 'vi' ? 'Giảm giá' : 'Discount' },
    ],
    tagOptions: [
      { key: 'pareto_class', label: lang === 'vi' ? 'Nhóm Pareto' : 'Pareto class' },
      { key: 'segment', label: lang === 'vi' ? 'Nhóm khách hàng' : 'Segment' },
      { key: 'clv', label: 'CLV' },
      { key: 'region', label: lang === 'vi' ? 'Miền' : 'Region' },
    ],
    schemes: [
      { key: 'default', label: lang === 'vi' ? 'Mặc định (9 nhóm)' : 'Default (9 groups)' },
      { key: 'rfm', label: 'R rfm' },
    ],
    groups: [
      { key: 'vip', label: 'VIP' },
      { key: 'loyal', label: lang === 'vi' ? 'Trung thành' : 'Loyal' },
      { key: 'at_risk', label: lang === 'vi' ? 'Có nguy cơ' : 'At risk' },
      { key: 'hibernating', label: lang === 'vi' ? 'Ngủ đông' : 'Hibernating' },
    ],
    canUndo: true,
    lastRun: { at: '2025-01-15T09:30:00', sheet: 'Đơn hàng' },
  };
}

export function detectResult(sheet = 'Đơn hàng'): DetectResult {
  return {
    sheet,
    headerRow: 1,
    dataRows: 200,
    kind: 'orders',
    columns: [
      { index: 0, letter: 'A', header: 'Mã KH', samples: ['KH001', 'KH002'], role: 'customer_id', confidence: 1, reason: 'tiêu đề “Mã KH”', addOn: false },
      { index: 1, letter: 'B', header: 'Ngày mua', samples: ['31/12/2024'], role: 'order_date', confidence: 1, reason: 'tiêu đề', addOn: false },
      { index: 2, letter: 'C', header: 'Thành tiền', samples: ['1.234.567'], role: 'amount', confidence: 1, reason: 'tiêu đề', addOn: false },
      { index: 3, letter: 'D', header: HOSTILE, samples: [HOSTILE, HOSTILE_SCRIPT], role: 'customer_name', confidence: 0.6, reason: HOSTILE, addOn: false },
      { index: 4, letter: 'E', header: 'Tỉnh', samples: ['Hà Nội'], role: 'province', confidence: 1, reason: 'tiêu đề', addOn: false },
      { index: 5, letter: 'F', header: 'Nhóm (TC)', samples: ['VIP'], role: null, confidence: 0, reason: '', addOn: true },
    ],
    mapping: { customer_id: 0, order_date: 1, amount: 2, customer_name: 3, province: 4 },
    warnings: ['3 dòng bị ẩn ' + HOSTILE],
  };
}

export function previewResult(): PreviewResult {
  return {
    kind: 'orders',
    customers: 50,
    orders: 200,
    revenue: 123456789,
    analysisDate: '2025-01-01',
    segments: [
      {
        key: 'vip',
        name: 'VIP ' + HOSTILE,
        group: 'vip',
        color: '#fde68a',
        customers: 10,
        customerShare: 0.2,
        revenue: 98765431,
        revenueShare: 0.8,
        avgClv: 5000000,
      },
      {
        key: 'loyal',
        name: 'Loyal',
        group: 'loyal',
        color: '#bbf7d0',
        customers: 15,
        customerShare: 0.3,
        revenue: 14814815,
        revenueShare: 0.12,
        avgClv: 1200000,
      },
      {
        key: 'at_risk',
        name: 'At risk',
        group: 'at_risk',
        color: 'red;background:url(x)',
        customers: 25,
        customerShare: 0.5,
        revenue: 9876543,
        revenueShare: 0.08,
        avgClv: null,
      },
    ],
    pareto: {
      measure: 'revenue',
      customers: 50,
      total: 123456789,
      count80: 10,
      pct80: 0.2,
      top20Share: 0.8,
      gini: 0.62,
      classes: [
        { cls: 'A', customers: 10, total: 98765431, share: 0.8 },
        { cls: 'B', customers: 12, total: 18518518, share: 0.15 },
        { cls: 'C', customers: 28, total: 6172840, share: 0.05 },
      ],
      answer: '20% khách hàng mang lại 80% doanh thu',
    },
    clv: {
      horizonMonths: 12,
      total: 80000000,
      average: 1600000,
      model: { r: 0.24, alpha: 4.4, a: 0.79, b: 2.4, p: 6.25, q: 3.74, gamma: 15.44, converged: true },
      repeatBuyers: 30,
    },
    regions: [
      { key: 'north', label: 'Miền Bắc', customers: 20, share: 0.4 },
      { key: 'south', label: HOSTILE, customers: 30, share: 0.6 },
    ],
    ageBands: [],
    genders: [],
    incomeBands: [],
    industries: [],
    companySizes: [],
    channels: [{ key: 'online', label: 'Online', customers: 50, share: 1 }],
    behaviour: [],
    warnings: ['2 dòng có số tiền không hợp lệ: ' + HOSTILE],
    availableTags: ['pareto_class', 'segment', 'clv'],
  };
}

export function applyResult(): ApplyResult {
  return {
    sheet: 'Khách hàng (TC)',
    rowsTagged: 50,
    columns: [
      { tag: 'pareto_class', sheet: 'Khách hàng (TC)', letter: 'G', header: 'Pareto', added: true },
      { tag: 'segment', sheet: 'Khách hàng (TC)', letter: 'H', header: HOSTILE, added: false },
    ],
    createdSheets: ['Khách hàng (TC)'],
    updatedSheets: [],
    personasSheet: null,
    historySheet: 'TC History',
    preview: previewResult(),
    canUndo: true,
  };
}

export const UNDO: UndoResult = { message: 'Đã khôi phục trang “Đơn hàng”.', restoredSheets: ['Đơn hàng'], removedSheets: [], canUndo: false };

export function historyResult(): HistoryResult {
  return {
    sheet: 'TC History',
    snapshots: [
      {
        at: '2025-01-01T08:00:00',
        segments: [
          { key: 'vip', name: 'VIP', customers: 8, revenue: 90000000 },
          { key: 'loyal', name: 'Loyal', customers: 17, revenue: 15000000 },
          { key: 'gone_seg', name: 'Old ' + HOSTILE, customers: 3, revenue: 1000 },
        ],
      },
      {
        at: '2025-02-01T08:00:00',
        segments: [
          { key: 'vip', name: 'VIP', customers: 10, revenue: 98765431 },
          { key: 'loyal', name: 'Loyal', customers: 15, revenue: 14814815 },
          { key: 'at_risk', name: 'At risk', customers: 25, revenue: 9876543 },
        ],
      },
    ],
    migration: {
      fromAt: '2025-01-01T08:00:00',
      toAt: '2025-02-01T08:00:00',
      from: [
        { key: 'vip', name: 'VIP', group: 'vip', color: '#fde68a' },
        { key: 'loyal', name: 'Loyal', group: 'loyal', color: '#bbf7d0' },
        { key: 'new', name: HOSTILE, group: 'new', color: '#e9d5ff' },
      ],
      to: [
        { key: 'vip', name: 'VIP', group: 'vip', color: '#fde68a' },
        { key: 'loyal', name: 'Loyal', group: 'loyal', color: '#bbf7d0' },
        { key: 'at_risk', name: 'At risk', group: 'at_risk', color: '#fecaca' },
      ],
      counts: [
        [7, 1, 0],
        [3, 12, 2],
        [0, 2, 23],
      ],
      newCustomers: 25,
      goneCustomers: 3,
    },
  };
}

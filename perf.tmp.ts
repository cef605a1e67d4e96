import { buildPersonas, personaSheetGrid } from './src/core/personas';
const provs = ['Hà Nội', 'TP.HCM', 'Sài Gòn', 'Đà Nẵng', 'Bình Dương', 'Cần Thơ', 'Huế', 'xyz'];
const segs = ['vip', 'loyal', 'potential', 'new', 'need_attention', 'at_risk', 'cant_lose', 'hibernating', 'lost'] as const;
const cs = Array.from({ length: 50000 }, (_, i) => ({ segmentKey: segs[i % 9], group: segs[i % 9], revenue: i % 1000, orders: 1 + (i % 5), clv: i, daysSinceLast: i % 400, province: provs[i % 8], gender: (['male', 'female', null] as const)[i % 3], ageBand: '25_34' as const, mainChannel: i % 2 ? 'Shopee' : 'Web', tags: ['repeat' as const] }));
for (let k = 0; k < 3; k++) { const t0 = performance.now(); const cards = buildPersonas(cs); const g = personaSheetGrid(cards, 'vi', 'vi_VN'); console.log((performance.now() - t0).toFixed(0), 'ms', g.height); }

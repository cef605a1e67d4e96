/**
 * The playbook's value groups. Every RFM scheme maps each of its segments onto one of these, and
 * the playbook (descriptions, recommended actions) and personas are keyed by them.
 */
import type { Lang } from './i18n';

export const SEGMENT_GROUPS = ['vip', 'loyal', 'potential', 'new', 'need_attention', 'at_risk', 'cant_lose', 'hibernating', 'lost'] as const;
export type SegmentGroup = (typeof SEGMENT_GROUPS)[number];

/** Display names of the groups (also the default scheme's segment names). */
export const SEGMENT_GROUP_NAMES: Record<SegmentGroup, Record<Lang, string>> = {
  vip: { en: 'VIP / Champions', vi: 'VIP / Khách hàng xuất sắc' },
  loyal: { en: 'Loyal', vi: 'Trung thành' },
  potential: { en: 'Potential loyalist', vi: 'Tiềm năng' },
  new: { en: 'New', vi: 'Khách hàng mới' },
  need_attention: { en: 'Need attention', vi: 'Cần quan tâm' },
  at_risk: { en: 'At risk', vi: 'Có nguy cơ rời bỏ' },
  cant_lose: { en: "Can't lose", vi: 'Không thể để mất' },
  hibernating: { en: 'Hibernating', vi: 'Ngủ đông' },
  lost: { en: 'Lost', vi: 'Đã rời bỏ' },
};

/** Background colours for tagging rows and legends, one per group (light, readable with black text). */
export const SEGMENT_GROUP_COLORS: Record<SegmentGroup, string> = {
  vip: '#fde68a',
  loyal: '#bbf7d0',
  potential: '#bfdbfe',
  new: '#e9d5ff',
  need_attention: '#fed7aa',
  at_risk: '#fecaca',
  cant_lose: '#fca5a5',
  hibernating: '#e5e7eb',
  lost: '#d1d5db',
};

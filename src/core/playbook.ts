/**
 * The marketing playbook: for each value group (segment-keys.ts) and each behaviour tag
 * (behaviour.ts), a short description and 2–4 recommended actions, in Vietnamese and English.
 */
import type { BehaviourTag } from './behaviour';
import { BEHAVIOUR_TAG_NAMES } from './behaviour';
import type { Lang, Localized } from './i18n';
import { SEGMENT_GROUP_NAMES, SEGMENT_GROUPS, type SegmentGroup } from './segment-keys';

export interface PlaybookEntry {
  name: Localized;
  description: Localized;
  actions: Localized[];
}

export const SEGMENT_PLAYBOOK: Record<SegmentGroup, PlaybookEntry> = {
  vip: {
    name: SEGMENT_GROUP_NAMES.vip,
    description: {
      en: 'Bought recently, buy often and spend the most. They bring a large share of revenue and are your best advocates.',
      vi: 'Mua gần đây, mua thường xuyên và chi tiêu nhiều nhất. Nhóm này đóng góp phần lớn doanh thu và là những người giới thiệu thương hiệu tốt nhất.',
    },
    actions: [
      {
        en: 'Offer exclusive perks: early access to new products, members-only prices, VIP gifts.',
        vi: 'Dành ưu đãi độc quyền: mua trước sản phẩm mới, giá riêng cho thành viên, quà tặng VIP.',
      },
      {
        en: 'Give personal care: a dedicated contact or priority hotline, birthday and anniversary greetings.',
        vi: 'Chăm sóc riêng: có nhân viên phụ trách hoặc đường dây ưu tiên, gửi lời chúc vào sinh nhật và ngày kỷ niệm.',
      },
      {
        en: 'Invite them to review products and refer friends, with a reward for each referral.',
        vi: 'Mời đánh giá sản phẩm và giới thiệu bạn bè, có quà cho mỗi lượt giới thiệu thành công.',
      },
      {
        en: 'Avoid blanket discounts: thank them with experiences and recognition rather than lower prices.',
        vi: 'Tránh giảm giá đại trà: tri ân bằng trải nghiệm và sự ghi nhận thay vì hạ giá.',
      },
    ],
  },
  loyal: {
    name: SEGMENT_GROUP_NAMES.loyal,
    description: {
      en: 'Buy regularly and spend well. They respond to appreciation and feeling part of the brand.',
      vi: 'Mua đều đặn với giá trị tốt. Họ trân trọng việc được ghi nhận và cảm thấy gắn bó với thương hiệu.',
    },
    actions: [
      {
        en: 'Enrol them in an appreciation programme: points, membership tiers, member gifts.',
        vi: 'Mời tham gia chương trình tri ân khách hàng thân thiết: tích điểm, hạng thành viên, quà tặng thành viên.',
      },
      {
        en: 'Build a community: a Zalo or Facebook group, events and workshops for regulars.',
        vi: 'Xây dựng cộng đồng: nhóm Zalo/Facebook, sự kiện và workshop dành riêng cho khách quen.',
      },
      {
        en: 'Suggest higher-value products and bundles that fit what they already buy.',
        vi: 'Gợi ý sản phẩm cao cấp hơn hoặc combo phù hợp với thói quen mua sắm của khách.',
      },
      { en: 'Ask for feedback and reviews.', vi: 'Xin ý kiến góp ý và đánh giá sản phẩm.' },
    ],
  },
  potential: {
    name: SEGMENT_GROUP_NAMES.potential,
    description: {
      en: 'Recent customers with a few purchases and fair spend. With the right push they become loyal.',
      vi: 'Khách mua gần đây, đã mua vài lần với mức chi tiêu khá. Chăm sóc đúng cách, họ sẽ trở thành khách trung thành.',
    },
    actions: [
      {
        en: 'Invite them to join the membership programme, with a welcome benefit.',
        vi: 'Mời đăng ký thành viên, kèm quyền lợi chào mừng ngay khi tham gia.',
      },
      {
        en: 'Recommend related products (cross-sell, upsell) based on their last purchase.',
        vi: 'Gợi ý sản phẩm liên quan (bán chéo, bán thêm) dựa trên lần mua gần nhất.',
      },
      {
        en: 'Encourage the next purchase with a reward for reaching a spending milestone.',
        vi: 'Khuyến khích mua tiếp bằng phần thưởng khi đạt mốc chi tiêu.',
      },
    ],
  },
  new: {
    name: SEGMENT_GROUP_NAMES.new,
    description: {
      en: 'Made their first purchase recently. The next few weeks decide whether they come back.',
      vi: 'Vừa mua lần đầu trong thời gian gần đây. Vài tuần tới sẽ quyết định họ có quay lại hay không.',
    },
    actions: [
      {
        en: 'Send a thank-you message within a few days of the first order.',
        vi: 'Gửi lời cảm ơn trong vài ngày sau đơn hàng đầu tiên.',
      },
      {
        en: 'Give a coupon for the next order with a short expiry (e.g. 30 days).',
        vi: 'Tặng mã giảm giá cho đơn hàng tiếp theo, hạn dùng ngắn (ví dụ 30 ngày).',
      },
      {
        en: 'Help them get started: how to use the product, care tips, where to get help.',
        vi: 'Hướng dẫn khách bắt đầu: cách dùng sản phẩm, mẹo bảo quản, kênh hỗ trợ khi cần.',
      },
    ],
  },
  need_attention: {
    name: SEGMENT_GROUP_NAMES.need_attention,
    description: {
      en: 'Above-average value, but they have been buying less lately.',
      vi: 'Giá trị trên mức trung bình nhưng thời gian gần đây mua ít đi.',
    },
    actions: [
      {
        en: 'Send limited-time offers to bring them back before they drift away.',
        vi: 'Gửi ưu đãi có thời hạn để kéo khách quay lại trước khi họ rời đi.',
      },
      {
        en: 'Recommend products based on their purchase history.',
        vi: 'Gợi ý sản phẩm dựa trên lịch sử mua hàng của khách.',
      },
      {
        en: 'Remind them of their member benefits and unused points.',
        vi: 'Nhắc khách về quyền lợi thành viên và điểm tích lũy chưa sử dụng.',
      },
    ],
  },
  at_risk: {
    name: SEGMENT_GROUP_NAMES.at_risk,
    description: {
      en: 'Used to buy often and spend well, but have not been back for a long time.',
      vi: 'Từng mua thường xuyên và chi tiêu tốt nhưng đã lâu không quay lại.',
    },
    actions: [
      {
        en: 'Run a win-back campaign: a personal message with an offer worth coming back for.',
        vi: 'Chạy chiến dịch win-back: nhắn tin riêng kèm ưu đãi đủ hấp dẫn để khách quay lại.',
      },
      {
        en: 'Ask why they stopped buying (a short survey or a call) and fix what you learn.',
        vi: 'Hỏi lý do khách ngừng mua (khảo sát ngắn hoặc gọi điện) và khắc phục.',
      },
      {
        en: 'Show them what is new since their last purchase.',
        vi: 'Giới thiệu những điểm mới kể từ lần mua gần nhất của khách.',
      },
    ],
  },
  cant_lose: {
    name: SEGMENT_GROUP_NAMES.cant_lose,
    description: {
      en: 'Were among your best customers (large, frequent orders) but have gone quiet for a long time.',
      vi: 'Từng là những khách hàng tốt nhất (mua nhiều, mua thường xuyên) nhưng đã lâu không quay lại.',
    },
    actions: [
      {
        en: 'Reach out personally: a call from a manager or their account manager.',
        vi: 'Liên hệ trực tiếp: quản lý hoặc nhân viên phụ trách gọi điện hỏi thăm.',
      },
      {
        en: 'Win them back with a strong offer: a deep discount, a valuable gift or a free service.',
        vi: 'Giành lại khách bằng ưu đãi mạnh: giảm giá sâu, quà tặng giá trị hoặc dịch vụ miễn phí.',
      },
      {
        en: 'Find and resolve any complaint or service problem.',
        vi: 'Tìm hiểu và giải quyết dứt điểm khiếu nại hoặc sự cố dịch vụ (nếu có).',
      },
    ],
  },
  hibernating: {
    name: SEGMENT_GROUP_NAMES.hibernating,
    description: {
      en: 'Low value, and a long time since their last purchase.',
      vi: 'Giá trị thấp và đã khá lâu không mua hàng.',
    },
    actions: [
      {
        en: 'Reactivate them with a reminder and a relevant offer.',
        vi: 'Đánh thức khách bằng tin nhắn nhắc nhở kèm ưu đãi phù hợp.',
      },
      {
        en: 'Show bestsellers and new arrivals.',
        vi: 'Giới thiệu sản phẩm bán chạy và hàng mới về.',
      },
      {
        en: 'Use low-cost channels (email, Zalo OA, SMS) and cap the budget.',
        vi: 'Dùng kênh chi phí thấp (email, Zalo OA, SMS) và giới hạn ngân sách.',
      },
    ],
  },
  lost: {
    name: SEGMENT_GROUP_NAMES.lost,
    description: {
      en: 'Lowest value: bought once or twice, long ago.',
      vi: 'Giá trị thấp nhất: chỉ mua một vài lần và đã từ rất lâu.',
    },
    actions: [
      {
        en: 'Keep contact low-cost: include them only in general campaigns.',
        vi: 'Chỉ tiếp cận bằng kênh chi phí thấp, gộp vào các chiến dịch chung.',
      },
      {
        en: 'Try one reactivation message; if there is no response, stop spending on them.',
        vi: 'Thử gửi một tin nhắn kích hoạt lại; nếu khách không phản hồi thì dừng chi phí cho nhóm này.',
      },
      {
        en: 'Learn why they left, to keep other customers from leaving.',
        vi: 'Rút kinh nghiệm từ lý do khách rời bỏ để giữ chân các nhóm khác.',
      },
    ],
  },
};

export const BEHAVIOUR_PLAYBOOK: Record<BehaviourTag, PlaybookEntry> = {
  one_time: {
    name: BEHAVIOUR_TAG_NAMES.one_time,
    description: { en: 'Have bought only once.', vi: 'Mới mua đúng một lần.' },
    actions: [
      {
        en: 'Send a thank-you with a coupon for the second purchase.',
        vi: 'Gửi lời cảm ơn kèm mã giảm giá cho lần mua thứ hai.',
      },
      {
        en: 'Ask about their experience and suggest products that go with what they bought.',
        vi: 'Hỏi thăm trải nghiệm và gợi ý sản phẩm dùng kèm với món khách đã mua.',
      },
    ],
  },
  repeat: {
    name: BEHAVIOUR_TAG_NAMES.repeat,
    description: { en: 'Have bought on two or more days.', vi: 'Đã mua từ hai lần trở lên.' },
    actions: [
      {
        en: 'Thank them and invite them to the loyalty programme.',
        vi: 'Cảm ơn khách và mời tham gia chương trình khách hàng thân thiết.',
      },
      {
        en: 'Remind them to reorder at their usual interval.',
        vi: 'Nhắc khách mua lại theo chu kỳ mua quen thuộc.',
      },
    ],
  },
  seasonal: {
    name: BEHAVIOUR_TAG_NAMES.seasonal,
    description: {
      en: 'Buy mostly around Tết or in the same one or two months each year.',
      vi: 'Chủ yếu mua dịp Tết hoặc vào cùng một, hai tháng mỗi năm.',
    },
    actions: [
      {
        en: 'Contact them 3–4 weeks before their season with early-bird offers.',
        vi: 'Liên hệ trước mùa mua 3–4 tuần với ưu đãi đặt sớm.',
      },
      {
        en: 'Suggest seasonal gift sets and combos (Tết gifts, holiday bundles).',
        vi: 'Gợi ý quà Tết, quà theo mùa và các combo phù hợp.',
      },
      {
        en: 'Keep in touch lightly outside the season.',
        vi: 'Giữ liên lạc nhẹ nhàng ngoài mùa cao điểm.',
      },
    ],
  },
  bargain_hunter: {
    name: BEHAVIOUR_TAG_NAMES.bargain_hunter,
    description: { en: 'Most of their orders used a discount.', vi: 'Phần lớn đơn hàng có dùng khuyến mãi hoặc giảm giá.' },
    actions: [
      {
        en: 'Send time-limited deals: flash sales, vouchers with a short expiry.',
        vi: 'Gửi ưu đãi có thời hạn: flash sale, voucher hạn dùng ngắn.',
      },
      {
        en: 'Tell them ahead of shopping days (9/9, 11/11, 12/12, Black Friday).',
        vi: 'Báo trước cho khách các ngày hội mua sắm (9/9, 11/11, 12/12, Black Friday).',
      },
      {
        en: 'Protect the margin: prefer bundles and minimum-order thresholds to deep discounts.',
        vi: 'Giữ biên lợi nhuận: ưu tiên combo và mức đơn tối thiểu thay vì giảm giá sâu.',
      },
    ],
  },
  infrequent: {
    name: BEHAVIOUR_TAG_NAMES.infrequent,
    description: {
      en: 'Come back, but with long gaps between purchases.',
      vi: 'Có quay lại mua nhưng cách quãng khá lâu giữa các lần mua.',
    },
    actions: [
      {
        en: 'Run periodic promotions on a fixed calendar (monthly or quarterly).',
        vi: 'Chạy khuyến mãi định kỳ theo lịch cố định (hàng tháng hoặc hàng quý).',
      },
      {
        en: 'Send reminders timed to their usual buying cycle.',
        vi: 'Gửi lời nhắc đúng thời điểm theo chu kỳ mua của khách.',
      },
    ],
  },
  multi_channel: {
    name: BEHAVIOUR_TAG_NAMES.multi_channel,
    description: { en: 'Buy through more than one channel.', vi: 'Mua qua nhiều kênh khác nhau.' },
    actions: [
      {
        en: 'Keep prices, points and service consistent across channels.',
        vi: 'Đồng bộ giá, điểm thưởng và chất lượng phục vụ giữa các kênh.',
      },
      {
        en: 'Reach them on the channel they use most.',
        vi: 'Tiếp cận khách trên kênh họ dùng nhiều nhất.',
      },
    ],
  },
};

export function isSegmentGroup(key: string): key is SegmentGroup {
  return (SEGMENT_GROUPS as readonly string[]).includes(key);
}

/** The playbook entry of a value group or a behaviour tag. */
export function playbookFor(key: SegmentGroup | BehaviourTag): PlaybookEntry {
  return isSegmentGroup(key) ? SEGMENT_PLAYBOOK[key] : BEHAVIOUR_PLAYBOOK[key];
}

/** Tags whose advice adds to the group's (one-time / repeat are already implied by the groups). */
const ADVICE_TAGS: readonly BehaviourTag[] = ['bargain_hunter', 'seasonal', 'infrequent', 'multi_channel'];

/**
 * The actions for a group, then the first action of each of the given behaviour tags that adds
 * advice (bargain hunter, seasonal, infrequent, multi-channel), without duplicates, at most `max`.
 */
export function recommendedActions(group: SegmentGroup, tags: readonly BehaviourTag[] = [], max = 6): Localized[] {
  const out: Localized[] = SEGMENT_PLAYBOOK[group].actions.slice();
  for (const t of ADVICE_TAGS) if (tags.includes(t)) out.push(BEHAVIOUR_PLAYBOOK[t].actions[0]);
  const seen = new Set<string>();
  const unique: Localized[] = [];
  for (const a of out) {
    if (seen.has(a.en)) continue;
    seen.add(a.en);
    unique.push(a);
  }
  return unique.slice(0, max);
}

/**
 * One line for a customer row in a sales list: the group's first action, and the first action of
 * the customer's most telling behaviour tag when there is one (`bargain_hunter` first).
 */
export function primaryAction(group: SegmentGroup, tags: readonly BehaviourTag[] = [], lang: Lang = 'vi'): string {
  const first = SEGMENT_PLAYBOOK[group].actions[0][lang];
  const tag = ADVICE_TAGS.find((t) => tags.includes(t));
  return tag ? `${first} ${BEHAVIOUR_PLAYBOOK[tag].actions[0][lang]}` : first;
}

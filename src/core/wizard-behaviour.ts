/**
 * The wizard's view of behaviour.ts: per customer the main channel and the behaviour tags, and
 * the counts the preview shows.
 */
import type { AnalysisParams, CountShare } from '../gas/wizard-api';
import { analyseBehaviour, BEHAVIOUR_TAG_NAMES, BEHAVIOUR_TAGS, type BehaviourTag } from './behaviour';
import type { Lang } from './i18n';
import { localize } from './i18n';
import type { Dataset } from './wizard-data';

export interface WizardBehaviour {
  /** Main channel per customer ('' = unknown). */
  mainChannel: string[];
  tags: BehaviourTag[][];
  hasChannel: boolean;
  hasDiscount: boolean;
  /** Customers per tag among the active ones. */
  summary(active: Uint8Array): CountShare[];
}

export function customerBehaviour(orders: NonNullable<Dataset['orders']>, n: number, params: AnalysisParams['behaviour'], lang: Lang): WizardBehaviour {
  const res = analyseBehaviour(
    n,
    {
      customer: orders.customer,
      day: orders.day,
      amount: orders.amount,
      channel: orders.channel ?? undefined,
      discounted: orders.discounted ?? undefined,
    },
    { bargainShare: params.bargainShare },
  );
  const mainChannel = res.customers.map((c) => c.mainChannel ?? '');
  const tags = res.customers.map((c) => c.tags);
  return {
    mainChannel,
    tags,
    hasChannel: !!orders.channel,
    hasDiscount: !!orders.discounted,
    summary(active) {
      const counts = new Map<BehaviourTag, number>();
      let total = 0;
      for (let c = 0; c < n; c++) {
        if (!active[c]) continue;
        total++;
        for (const t of tags[c]) counts.set(t, (counts.get(t) || 0) + 1);
      }
      return BEHAVIOUR_TAGS.filter((t) => counts.has(t)).map((t) => ({
        key: t,
        label: localize(lang, BEHAVIOUR_TAG_NAMES[t]),
        customers: counts.get(t) as number,
        share: total ? (counts.get(t) as number) / total : 0,
      }));
    },
  };
}

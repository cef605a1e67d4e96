import { describe, expect, it } from 'vitest';
import { BEHAVIOUR_TAGS } from '../src/core/behaviour';
import { BEHAVIOUR_PLAYBOOK, playbookFor, primaryAction, recommendedActions, SEGMENT_PLAYBOOK } from '../src/core/playbook';
import { SEGMENT_GROUP_NAMES, SEGMENT_GROUPS } from '../src/core/segment-keys';

const VI_LETTERS = /[ăâđêôơưáàảãạấầẩẫậắằẳẵặéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ]/i;

describe('playbook', () => {
  it('covers every value group and behaviour tag with a description and 2–4 actions in both languages', () => {
    const entries = [...SEGMENT_GROUPS.map((g) => SEGMENT_PLAYBOOK[g]), ...BEHAVIOUR_TAGS.map((t) => BEHAVIOUR_PLAYBOOK[t])];
    expect(entries.length).toBe(SEGMENT_GROUPS.length + BEHAVIOUR_TAGS.length);
    for (const e of entries) {
      expect(e.description.en.length).toBeGreaterThan(10);
      expect(e.description.vi).toMatch(VI_LETTERS);
      expect(e.actions.length).toBeGreaterThanOrEqual(2);
      expect(e.actions.length).toBeLessThanOrEqual(4);
      for (const a of e.actions) {
        expect(a.en).toMatch(/^[A-Z].*\.$/);
        expect(a.vi).toMatch(/\.$/);
        expect(a.vi).toMatch(VI_LETTERS);
        expect(a.vi).not.toBe(a.en);
      }
    }
    for (const g of SEGMENT_GROUPS) expect(SEGMENT_PLAYBOOK[g].name).toBe(SEGMENT_GROUP_NAMES[g]);
  });

  it('follows the marketing playbook for each group', () => {
    const en = (k: Parameters<typeof playbookFor>[0]) =>
      playbookFor(k)
        .actions.map((a) => a.en)
        .join(' ');
    const vi = (k: Parameters<typeof playbookFor>[0]) =>
      playbookFor(k)
        .actions.map((a) => a.vi)
        .join(' ');
    expect(en('vip')).toMatch(/exclusive/i);
    expect(en('vip')).toMatch(/personal care/i);
    expect(vi('vip')).toMatch(/độc quyền/);
    expect(en('new')).toMatch(/thank-you/i);
    expect(en('new')).toMatch(/coupon for the next order/i);
    expect(vi('new')).toMatch(/cảm ơn/);
    expect(en('loyal')).toMatch(/appreciation programme/i);
    expect(en('loyal')).toMatch(/community/i);
    expect(vi('loyal')).toMatch(/tri ân/);
    expect(en('infrequent')).toMatch(/periodic promotions/i);
    expect(vi('infrequent')).toMatch(/định kỳ/);
    expect(en('bargain_hunter')).toMatch(/time-limited deals/i);
    expect(vi('bargain_hunter')).toMatch(/có thời hạn/);
    expect(en('at_risk')).toMatch(/win-back/i);
    expect(en('cant_lose')).toMatch(/personally/i);
    expect(en('cant_lose')).toMatch(/strong offer/i);
    expect(en('hibernating')).toMatch(/reactivate/i);
    expect(en('lost')).toMatch(/low-cost/i);
    expect(en('lost')).toMatch(/stop/i);
    expect(en('potential')).toMatch(/membership/i);
    expect(en('potential')).toMatch(/upsell/i);
    expect(en('need_attention')).toMatch(/limited-time offers/i);
    expect(en('need_attention')).toMatch(/recommend/i);
  });

  it('adds behaviour advice after the group actions, without duplicates, capped', () => {
    const base = SEGMENT_PLAYBOOK.loyal.actions;
    const a = recommendedActions('loyal', ['repeat', 'bargain_hunter', 'seasonal']);
    expect(a.slice(0, base.length)).toEqual(base);
    expect(a.slice(base.length)).toEqual([BEHAVIOUR_PLAYBOOK.bargain_hunter.actions[0], BEHAVIOUR_PLAYBOOK.seasonal.actions[0]]);
    expect(recommendedActions('loyal', ['repeat', 'bargain_hunter', 'seasonal'], 3)).toEqual(base.slice(0, 3));
    expect(recommendedActions('new', [])).toEqual(SEGMENT_PLAYBOOK.new.actions);
  });

  it('gives a one-line action for sales lists', () => {
    expect(primaryAction('vip', [], 'en')).toBe(SEGMENT_PLAYBOOK.vip.actions[0].en);
    expect(primaryAction('at_risk', ['one_time', 'bargain_hunter'], 'vi')).toBe(
      `${SEGMENT_PLAYBOOK.at_risk.actions[0].vi} ${BEHAVIOUR_PLAYBOOK.bargain_hunter.actions[0].vi}`,
    );
  });
});

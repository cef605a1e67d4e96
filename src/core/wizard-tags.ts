/**
 * The result columns ("tags") the wizard writes next to the customer table: header, one value per
 * customer, and the number format. Text values are returned as plain strings; the sheet writer
 * forces them to text (see `asText`).
 */
import type { TagKey } from '../gas/wizard-api';
import { BEHAVIOUR_TAG_NAMES, type BehaviourTag } from './behaviour';
import { AGE_BAND_NAMES, COMPANY_SIZE_NAMES, GENDER_NAMES, INCOME_BAND_NAMES, INDUSTRY_NAMES, REGION_NAMES } from './demographics';
import { type Lang, type Localized, localize } from './i18n';
import type { WizardModel } from './wizard-model';

export const TAG_KEYS: readonly TagKey[] = [
  'pareto_class',
  'segment',
  'rfm_score',
  'clv',
  'p_alive',
  'region',
  'province',
  'age_band',
  'gender',
  'income_band',
  'industry',
  'company_size',
  'main_channel',
  'behaviour',
];

export const TAG_NAMES: Record<TagKey, Localized> = {
  pareto_class: { en: 'Pareto class', vi: 'Nhóm Pareto' },
  segment: { en: 'Segment', vi: 'Phân khúc' },
  rfm_score: { en: 'RFM score', vi: 'Điểm RFM' },
  clv: { en: 'CLV ({months} months)', vi: 'CLV ({months} tháng)' },
  p_alive: { en: 'P(alive)', vi: 'Xác suất còn mua' },
  region: { en: 'Region', vi: 'Vùng miền' },
  province: { en: 'Province (2025)', vi: 'Tỉnh/thành (2025)' },
  age_band: { en: 'Age band', vi: 'Nhóm tuổi' },
  gender: { en: 'Gender', vi: 'Giới tính' },
  income_band: { en: 'Income band', vi: 'Nhóm thu nhập' },
  industry: { en: 'Industry', vi: 'Ngành' },
  company_size: { en: 'Company size', vi: 'Quy mô doanh nghiệp' },
  main_channel: { en: 'Main channel', vi: 'Kênh chính' },
  behaviour: { en: 'Behaviour', vi: 'Hành vi' },
};

/** Number formats of the numeric tags; text tags keep the cell's format. */
export const TAG_FORMATS: Partial<Record<TagKey, string>> = {
  rfm_score: '0',
  clv: '#,##0',
  p_alive: '0%',
};

export function tagHeader(tag: TagKey, lang: Lang, horizonMonths = 12): string {
  return localize(lang, TAG_NAMES[tag], { months: horizonMonths });
}

/** The tag value of customer `c`: '' when not computable. */
export function tagValue(model: WizardModel, tag: TagKey, c: number): string | number {
  const lang = model.lang;
  switch (tag) {
    case 'pareto_class':
      return model.paretoCls ? model.paretoCls[c] : '';
    case 'segment': {
      const s = model.segment[c];
      return s < 0 ? '' : model.catalog[s].name[lang];
    }
    case 'rfm_score':
      return model.r && model.segment[c] >= 0 && model.r[c] ? model.r[c] * 100 + (model.f as Uint8Array)[c] * 10 + (model.m as Uint8Array)[c] : '';
    case 'clv': {
      const v = model.clv ? model.clv.clv[c] : Number.NaN;
      return Number.isFinite(v) ? Math.round(v) : '';
    }
    case 'p_alive': {
      const v = model.clv ? model.clv.pAlive[c] : Number.NaN;
      return Number.isFinite(v) ? Math.round(v * 10000) / 10000 : '';
    }
    case 'region':
      return model.region[c] ? localize(lang, REGION_NAMES[model.region[c] as keyof typeof REGION_NAMES]) : '';
    case 'province':
      return model.province[c];
    case 'age_band':
      return model.ageBand[c] ? localize(lang, AGE_BAND_NAMES[model.ageBand[c] as keyof typeof AGE_BAND_NAMES]) : '';
    case 'gender':
      return model.gender[c] ? localize(lang, GENDER_NAMES[model.gender[c] as keyof typeof GENDER_NAMES]) : '';
    case 'income_band':
      return model.incomeBand[c] ? localize(lang, INCOME_BAND_NAMES[model.incomeBand[c] as keyof typeof INCOME_BAND_NAMES]) : '';
    case 'industry':
      return model.industry[c] ? localize(lang, INDUSTRY_NAMES[model.industry[c] as keyof typeof INDUSTRY_NAMES]) : '';
    case 'company_size':
      return model.companySize[c] ? localize(lang, COMPANY_SIZE_NAMES[model.companySize[c] as keyof typeof COMPANY_SIZE_NAMES]) : '';
    case 'main_channel':
      return model.behaviour ? model.behaviour.mainChannel[c] : '';
    case 'behaviour':
      return model.behaviour ? behaviourLabel(model.behaviour.tags[c], lang) : '';
  }
}

export function behaviourLabel(tags: readonly BehaviourTag[], lang: Lang): string {
  return tags.map((t) => localize(lang, BEHAVIOUR_TAG_NAMES[t])).join(', ');
}

/**
 * Forces a string to be stored as text when written with `setValues`: a leading apostrophe is
 * Sheets' quote prefix (not stored), so `=HYPERLINK(...)`, `+84...`, `-5`, `@x`, `0912...` and
 * `1.234` stay exactly as written and can never run as formulas or turn into numbers.
 */
export function asText(s: string): string {
  return s === '' ? '' : `'${s}`;
}

/** A value for a cell of a sheet the add-on creates: strings as text, numbers/booleans as they are, Dates kept. */
export function cellOut(v: unknown): string | number | boolean | Date {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? v : '';
  if (typeof v === 'boolean') return v;
  if (Object.prototype.toString.call(v) === '[object Date]') return v as Date;
  return asText(String(v));
}

/**
 * The typed contract between the sidebar (`sidebar/`) and the wizard's Apps Script server
 * (`src/gas/wizard-entry.ts`). Everything here crosses `google.script.run`, so it is plain JSON:
 * no Date (ISO `yyyy-mm-dd` strings), no typed arrays, no functions, no undefined inside arrays.
 *
 * The sidebar imports this file with `import type` only.
 *
 * Conventions
 * - Every entry point returns a `WizardResponse<T>` envelope and never throws: `{ ok: true, data }`
 *   or `{ ok: false, error }`, where `error.message` is a plain-language, localized sentence that
 *   says what to do. (If the call itself fails — network, authorization, timeout — the sidebar's
 *   failure handler fires instead; the sidebar must handle both.)
 * - Column positions are 0-based indexes from column A of the sheet (`0` = A); `letter` gives
 *   the A1 letter for display. Row numbers are 1-based sheet rows.
 * - `lang` in a request is the sidebar's current language; messages and names in the response
 *   use it.
 * - All text copied from the sheet (headers, sample values, names) is untrusted: the sidebar must
 *   render it with `textContent` / escaping.
 */
import type { ColumnRole as CoreColumnRole } from '../core/columns';
import type { Lang } from '../core/i18n';
import type { SegmentGroup } from '../core/segment-keys';

export type { Lang, SegmentGroup };

/* ------------------------------------------------------------------------------------------ */
/* Envelope                                                                                     */
/* ------------------------------------------------------------------------------------------ */

export type WizardErrorCode =
  /** Something about the data or the request; the message says what to fix. */
  | 'user'
  /** Another run holds the document lock; try again in a moment. */
  | 'locked'
  /** Undo asked for but nothing to undo (or the sheet changed too much to undo safely). */
  | 'no_undo'
  /** Anything unexpected; the message says "Something went wrong: … Try again; if it persists, …". */
  | 'unexpected';

export interface WizardError {
  code: WizardErrorCode;
  /** Localized, plain language, says what to do. Show as text. */
  message: string;
}

export type WizardResponse<T> = { ok: true; data: T } | { ok: false; error: WizardError };

/* ------------------------------------------------------------------------------------------ */
/* Columns and sources                                                                          */
/* ------------------------------------------------------------------------------------------ */

/** What a column holds (the detector's roles, src/core/columns.ts). At most one column per role. */
export type ColumnRole = CoreColumnRole;

/** Role → 0-based column index. A role left out (or null) is not used. */
export type ColumnMapping = Partial<Record<ColumnRole, number | null>>;

export type TableKind = 'orders' | 'customers';

/** One sheet used as input. */
export interface SourceSpec {
  sheet: string;
  /** 1-based row of the header; data starts on the next row. 0 = no header row (data from row 1). */
  headerRow: number;
  mapping: ColumnMapping;
}

/**
 * The input of an analysis: an order log, a customer table, or both (linked by `customer_id`).
 * With only a customer table, RFM uses its last-purchase date / days-since-last, order count and
 * total spend columns, and CLV is not available. With only an order log, apply builds a
 * customer summary sheet and tags that.
 */
export interface Sources {
  orders?: SourceSpec | null;
  customers?: SourceSpec | null;
}

/* ------------------------------------------------------------------------------------------ */
/* Parameters and rules                                                                         */
/* ------------------------------------------------------------------------------------------ */

export type RfmSchemeId = 'default' | 'rfm';

export interface AnalysisParams {
  pareto: {
    enabled: boolean;
    /** `profit` needs a profit column. */
    measure: 'revenue' | 'profit';
    /** Class A: customers before the cumulative share reaches aShare (0..1, default 0.8). */
    aShare: number;
    /** Class B up to bShare (default 0.95). */
    bShare: number;
  };
  rfm: {
    enabled: boolean;
    /** Which built-in scheme the rules table started from (informational once rules are edited). */
    scheme: RfmSchemeId;
    /** ISO `yyyy-mm-dd`; null = the latest order date in the data (as the SEGMENT/CLV functions do). */
    analysisDate: string | null;
  };
  clv: {
    enabled: boolean;
    /** Months ahead, 1..120 (default 12). */
    horizonMonths: number;
    /** Annual discount rate, 0..1 (default 0.1). */
    annualDiscountRate: number;
    /** Gross margin applied to revenue, 0..1 (default 1 = revenue CLV). */
    margin: number;
  };
  demographics: { enabled: boolean };
  behaviour: {
    enabled: boolean;
    /** Share of discounted orders (with >= 2 orders) that makes a bargain hunter, 0..1 (default 0.6). */
    bargainShare: number;
  };
}

/** The analyses' defaults: what the sidebar starts from, the server falls back to, and the file runner uses. */
export const DEFAULT_PARAMS: AnalysisParams = {
  pareto: { enabled: true, measure: 'revenue', aShare: 0.8, bShare: 0.95 },
  rfm: { enabled: true, scheme: 'default', analysisDate: null },
  clv: { enabled: true, horizonMonths: 12, annualDiscountRate: 0.1, margin: 1 },
  demographics: { enabled: true },
  behaviour: { enabled: true, bargainShare: 0.6 },
};

/** A range of RFM scores, inclusive, each 1..5. */
export interface ScoreRange {
  min: number;
  max: number;
}

/**
 * One row of the editable segment rules table: a customer whose R, F and M scores all fall in the
 * ranges gets this segment. The first matching rule wins (like R `rfm::rfm_segment`); a customer
 * matching no rule gets `SegmentRules.fallback`.
 */
export interface SegmentRule {
  /** Stable key (letters, digits, `_`), unique in the table. Used in history and metadata. */
  key: string;
  /** Playbook group: decides the colour, the description and the recommended actions. */
  group: SegmentGroup;
  /** Display names, editable. */
  name: { en: string; vi: string };
  r: ScoreRange;
  f: ScoreRange;
  m: ScoreRange;
}

export interface SegmentRules {
  /** The scheme the table was built from. */
  scheme: RfmSchemeId;
  rules: SegmentRule[];
  fallback: { key: string; group: SegmentGroup; name: { en: string; vi: string } };
}

/** Result columns that apply can add to the customer table. */
export type TagKey =
  | 'pareto_class'
  | 'segment'
  | 'rfm_score'
  | 'clv'
  | 'p_alive'
  | 'region'
  | 'province'
  | 'age_band'
  | 'gender'
  | 'income_band'
  | 'industry'
  | 'company_size'
  | 'main_channel'
  | 'behaviour';

/** The full description of one analysis run. */
export interface AnalyzeRequest {
  lang: Lang;
  sources: Sources;
  params: AnalysisParams;
  /** Omitted/null = the rules saved in the document (or the scheme's defaults). */
  rules?: SegmentRules | null;
}

/* ------------------------------------------------------------------------------------------ */
/* wizardLoad                                                                                   */
/* ------------------------------------------------------------------------------------------ */

export interface SheetInfo {
  name: string;
  /** Last row / column with content. */
  rows: number;
  columns: number;
  hidden: boolean;
  /** Sheets the add-on created (personas, share, history, customer summary, its hidden store). */
  addOn: boolean;
}

export interface Option<K extends string = string> {
  key: K;
  label: string;
}

export interface SegmentInfo {
  key: string;
  name: string;
  group: SegmentGroup;
  /** Background colour used for rows and legends, `#rrggbb`. */
  color: string;
}

/** Everything the wizard remembers per document. */
export interface WizardSettings {
  version: 1;
  /** null = follow the user's locale. */
  lang: Lang | null;
  sources: Sources;
  params: AnalysisParams;
  tags: TagKey[];
  colorRows: boolean;
  tagOrderRows: boolean;
}

export interface LoadResult {
  /** The language to show: the saved choice, else the one asked for, else the user's locale. */
  lang: Lang;
  /** Spreadsheet locale (e.g. `vi_VN`) and time zone; numbers/dates in the sidebar follow the locale. */
  locale: string;
  timeZone: string;
  spreadsheetName: string;
  /** Currency symbol to show amounts with (`₫` for vi_VN, `$` for en_US, ...). */
  currency: string;
  sheets: SheetInfo[];
  /** Saved settings, or defaults (with the first non-add-on sheet detected) on the first run. */
  settings: WizardSettings;
  /** True when saved settings exist in the document. */
  saved: boolean;
  /** The rules table in use (saved or default for the scheme). */
  rules: SegmentRules;
  /** Default rules of each scheme, for "reset". */
  defaultRules: Record<RfmSchemeId, SegmentRules>;
  /** Labels for the mapping selects, in `lang`. */
  roles: Option<ColumnRole>[];
  tagOptions: Option<TagKey>[];
  schemes: Option<RfmSchemeId>[];
  groups: Option<SegmentGroup>[];
  /** Undo is available (a tagging was applied and not undone). */
  canUndo: boolean;
  /** Last apply, if any: ISO date-time and sheet tagged. */
  lastRun: { at: string; sheet: string } | null;
}

/* ------------------------------------------------------------------------------------------ */
/* wizardDetect                                                                                 */
/* ------------------------------------------------------------------------------------------ */

export interface DetectedColumn {
  index: number;
  letter: string;
  /** Header text as in the sheet (merged header cells: the merged value), '' if blank. */
  header: string;
  /** Up to 5 non-blank values as displayed, untrusted. */
  samples: string[];
  role: ColumnRole | null;
  /** 0..1. */
  confidence: number;
  /** Localized: why this role ("header “Mã KH”", "looks like phone numbers"...). */
  reason: string;
  /** True for columns the add-on wrote (tag columns); never offered as input. */
  addOn: boolean;
}

export interface DetectResult {
  sheet: string;
  headerRow: number;
  /** Non-blank data rows below the header. */
  dataRows: number;
  kind: TableKind;
  columns: DetectedColumn[];
  mapping: ColumnMapping;
  /** Localized notes: hidden/filtered rows, merged headers, no id column, header only, ... */
  warnings: string[];
}

/* ------------------------------------------------------------------------------------------ */
/* wizardAnalyze (preview)                                                                      */
/* ------------------------------------------------------------------------------------------ */

export interface SegmentSummary extends SegmentInfo {
  customers: number;
  /** 0..1 */
  customerShare: number;
  revenue: number;
  /** 0..1 of total revenue (0 when total revenue is not positive). */
  revenueShare: number;
  /** null when CLV is off or not computable. */
  avgClv: number | null;
}

export interface CountShare {
  key: string;
  label: string;
  customers: number;
  share: number;
}

export interface ParetoPreview {
  measure: 'revenue' | 'profit';
  customers: number;
  total: number;
  /** Fewest customers bringing 80% of the (positive) total, and that as a share of all customers. */
  count80: number;
  pct80: number;
  top20Share: number;
  gini: number;
  classes: { cls: 'A' | 'B' | 'C'; customers: number; total: number; share: number }[];
  /** Localized sentence: "20% of customers bring 80% of revenue". */
  answer: string;
  /** The Pareto curve, 101 points: [share of customers (largest first), cumulative share of the total]. */
  curve?: [number, number][];
}

export interface ClvPreview {
  horizonMonths: number;
  total: number;
  average: number;
  /** Fitted parameters (BG/NBD per week; Gamma-Gamma, null when spend could not be modelled: then CLV values are blank). */
  model: { r: number; alpha: number; a: number; b: number; p: number | null; q: number | null; gamma: number | null; converged: boolean };
  repeatBuyers: number;
}

export interface PreviewResult {
  kind: TableKind | 'both';
  customers: number;
  orders: number;
  revenue: number;
  /** ISO date used for recency. */
  analysisDate: string;
  segments: SegmentSummary[];
  pareto: ParetoPreview | null;
  clv: ClvPreview | null;
  /** Present when demographics are on and a column exists. */
  regions: CountShare[];
  ageBands: CountShare[];
  genders: CountShare[];
  incomeBands: CountShare[];
  industries: CountShare[];
  companySizes: CountShare[];
  channels: CountShare[];
  behaviour: CountShare[];
  /** Localized notes about skipped rows, duplicates, missing columns, unavailable analyses. */
  warnings: string[];
  /** Tag keys that can be applied with this data. */
  availableTags: TagKey[];
}

/* ------------------------------------------------------------------------------------------ */
/* wizardApply / wizardUndo                                                                     */
/* ------------------------------------------------------------------------------------------ */

export interface ApplyRequest extends AnalyzeRequest {
  tags: TagKey[];
  /** Colour customer rows by segment and add a legend. */
  colorRows: boolean;
  /** With an order log: also add a segment column to each order row. */
  tagOrderRows: boolean;
  /** Also (re)build the persona sheet in the same run. */
  personas: boolean;
}

export interface WrittenColumn {
  tag: TagKey;
  sheet: string;
  letter: string;
  header: string;
  /** True when the column was added by this run, false when an existing tag column was updated. */
  added: boolean;
}

export interface ApplyResult {
  /** The sheet whose rows were tagged (the customer table or the customer summary sheet). */
  sheet: string;
  rowsTagged: number;
  columns: WrittenColumn[];
  /** Sheets created by this run (customer summary, personas, history, legend). */
  createdSheets: string[];
  /** Sheets rewritten by this run. */
  updatedSheets: string[];
  personasSheet: string | null;
  historySheet: string;
  preview: PreviewResult;
  canUndo: boolean;
}

export interface UndoResult {
  /** Localized sentence describing what was restored. */
  message: string;
  restoredSheets: string[];
  removedSheets: string[];
  canUndo: boolean;
}

/* ------------------------------------------------------------------------------------------ */
/* Personas, share, history, settings                                                           */
/* ------------------------------------------------------------------------------------------ */

export interface PersonasResult {
  sheet: string;
  cards: number;
}

export interface ShareRequest extends AnalyzeRequest {
  /** Segment keys to include. */
  segments: string[];
  /** Protect the tag columns of the customer table with a warning. */
  protectTags: boolean;
}

export interface ShareResult {
  sheet: string;
  customers: number;
  protectedColumns: number;
}

export interface HistorySnapshot {
  /** ISO date-time of the apply. */
  at: string;
  segments: { key: string; name: string; customers: number; revenue: number }[];
}

export interface Migration {
  fromAt: string;
  toAt: string;
  /**
   * Row labels (segments of the earlier run, then `__new`: customers not in the earlier run) and
   * column labels (segments of the later run, then `__gone`: customers no longer in the data).
   */
  from: SegmentInfo[];
  to: SegmentInfo[];
  /** counts[i][j] = customers in from[i] then in to[j]. */
  counts: number[][];
  /** Customers only in the later run / only in the earlier one. */
  newCustomers: number;
  goneCustomers: number;
}

export interface HistoryResult {
  sheet: string | null;
  snapshots: HistorySnapshot[];
  /** Between the last two runs; null with fewer than two runs. */
  migration: Migration | null;
}

export interface SaveSettingsRequest {
  settings: WizardSettings;
}

/* ------------------------------------------------------------------------------------------ */
/* The functions callable through google.script.run                                             */
/* ------------------------------------------------------------------------------------------ */

/**
 * Name → signature of every server function the sidebar calls. Use it to type a promise wrapper:
 * `call<K extends keyof WizardServer>(fn: K, ...args: Parameters<WizardServer[K]>): Promise<ReturnType<WizardServer[K]>>`.
 */
export interface WizardServer {
  /** Language, locale, sheets, saved settings and rules, option labels. `lang` = sidebar's choice or null. */
  wizardLoad(lang: Lang | null): WizardResponse<LoadResult>;
  /** Header row, columns, roles and samples of one sheet. */
  wizardDetect(sheet: string, lang: Lang, headerRow?: number | null): WizardResponse<DetectResult>;
  /** Runs the analyses without writing anything. */
  wizardAnalyze(req: AnalyzeRequest): WizardResponse<PreviewResult>;
  /** Tags the customer rows (and optionally builds personas); saves the settings; appends history. */
  wizardApply(req: ApplyRequest): WizardResponse<ApplyResult>;
  /** Undoes the last apply exactly. */
  wizardUndo(lang: Lang): WizardResponse<UndoResult>;
  /** (Re)builds the persona sheet. */
  wizardBuildPersonas(req: AnalyzeRequest): WizardResponse<PersonasResult>;
  /** Creates the share sheet for the chosen segments. */
  wizardShare(req: ShareRequest): WizardResponse<ShareResult>;
  /** Snapshots per run and the migration matrix between the last two runs. */
  wizardHistory(lang: Lang): WizardResponse<HistoryResult>;
  /** Saves settings (mapping, parameters, language, tag choices). */
  wizardSaveSettings(settings: WizardSettings, lang: Lang): WizardResponse<{ saved: true }>;
  /** Saves the segment rules table (validated: keys unique, ranges 1..5, names non-empty). */
  wizardSaveRules(rules: SegmentRules, lang: Lang): WizardResponse<{ rules: SegmentRules }>;
  /** Goes back to a scheme's default rules and saves that. */
  wizardResetRules(scheme: RfmSchemeId, lang: Lang): WizardResponse<{ rules: SegmentRules }>;
}

export type WizardFunctionName = keyof WizardServer;

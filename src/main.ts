/**
 * The public surface of the add-on: every function exported here becomes a top-level Apps Script
 * global (the build generates a wrapper per export, keeping its JSDoc). Custom functions carry
 * `@customfunction`; Sheets' autocomplete shows their JSDoc. Keep logic out of this file.
 */
import { clvFunction } from './core/functions/clv';
import { clvSimple } from './core/functions/clv-simple';
import { paretoRank } from './core/functions/pareto-rank';
import { segment, segmentCustomers } from './core/functions/segment';
import { runCustomFunction } from './gas/context';
import { buildMenu } from './gas/menu';
import { documentModelCache } from './gas/model-cache';

/**
 * Adds the add-on menu. In AuthMode.NONE (before the add-on is used in this document) it only adds
 * menu items and touches nothing else.
 * @param {Object} e The onOpen event.
 */
export function onOpen(e?: { authMode?: GoogleAppsScript.Script.AuthMode | string }) {
  buildMenu(e);
}

/**
 * Runs when the add-on is installed: builds the menu as onOpen does.
 * @param {Object} e The onInstall event.
 */
export function onInstall(e?: { authMode?: GoogleAppsScript.Script.AuthMode | string }) {
  onOpen(e);
}

/**
 * Pareto (80/20, ABC) analysis: the class A/B/C, rank or cumulative revenue share of each row's
 * customer. With customer ids, amounts are summed per customer first; class A holds the customers
 * who bring the first 80% of the total (the one who crosses 80% included).
 *
 * @param {number|string|Array<Array<number|string>>} values Amounts (revenue or profit), one per row; numbers or text like "1.234.567 ₫".
 * @param {string|Array<Array<string>>} customer_ids Optional. Customer id of each row; rows of one customer are summed. Pass a region, product, salesperson or store column instead to rank those.
 * @param {string} output Optional. "class" (default), "rank", "share" (cumulative share 0–1), "all" (rank, share, class) or "summary" (the 80/20 answer table).
 * @param {number} a_share Optional. Cumulative share that closes class A (default 0.8).
 * @param {number} b_share Optional. Cumulative share that closes class B (default 0.95).
 * @param {string|Array<Array<string>>} for_ids Optional. Return one row per id of this range instead of one per input row.
 * @return {Array<Array<string|number>>} The class, rank or share per row (spills beside the data), or the summary table.
 * @example =PARETO_RANK(C2:C, B2:B)
 * @example =PARETO_RANK(Orders!E:E, Orders!B:B, "summary")
 * @example =PARETO_RANK(Orders!E:E, Orders!G:G, "summary")
 * @customfunction
 */
export function PARETO_RANK(values: unknown, customer_ids?: unknown, output?: unknown, a_share?: unknown, b_share?: unknown, for_ids?: unknown) {
  return runCustomFunction('PARETO_RANK', (ctx) => paretoRank(ctx, values, customer_ids, output, a_share, b_share, for_ids));
}

/**
 * RFM segmentation from an order log (one row per order): scores recency, frequency and monetary
 * value 1–5 (breaks at the 20/40/60/80% quantiles) and names each customer's segment. Scheme
 * "default" has VIP, loyal, potential, new, need attention, at risk, can't lose, hibernating and
 * lost; scheme "rfm" reproduces the R package rfm.
 *
 * @param {string|Array<Array<string>>} customer_ids Customer id of each order row.
 * @param {Date|string|Array<Array<Date|string>>} order_dates Order date of each row (a date, 2024-12-31 or 31/12/2024).
 * @param {number|string|Array<Array<number|string>>} amounts Order amount of each row.
 * @param {Date|string} analysis_date Optional. Date recency is measured to (later orders are left out); default the latest order date.
 * @param {string} scheme Optional. "default" (ours, localized names) or "rfm" (the R rfm package's segments).
 * @param {string} output Optional. "segment" (default), "score" (e.g. 543), "r", "f", "m" or "all".
 * @param {string|Array<Array<string>>} for_ids Optional. Return one row per id of this range instead of one per order row.
 * @return {Array<Array<string|number>>} The segment (or scores) of each row's customer.
 * @example =SEGMENT(B2:B, C2:C, E2:E)
 * @example =SEGMENT(Orders!B:B, Orders!C:C, Orders!E:E, , "rfm", "all", Customers!A:A)
 * @customfunction
 */
export function SEGMENT(
  customer_ids: unknown,
  order_dates: unknown,
  amounts: unknown,
  analysis_date?: unknown,
  scheme?: unknown,
  output?: unknown,
  for_ids?: unknown,
) {
  return runCustomFunction('SEGMENT', (ctx) => segment(ctx, customer_ids, order_dates, amounts, analysis_date, scheme, output, for_ids));
}

/**
 * RFM segmentation from customer-level data (one row per customer): the last purchase as a date or
 * as days since, the number of orders and the total spend. Same scores, schemes and outputs as
 * SEGMENT; scheme "rfm" matches the R rfm package's rfm_table_customer.
 *
 * @param {string|Array<Array<string>>} customer_ids Customer id of each row (each customer once).
 * @param {Date|number|Array<Array<Date|number>>} last_purchase Last purchase date, or days since the last purchase.
 * @param {number|Array<Array<number>>} order_counts Number of orders of each customer.
 * @param {number|string|Array<Array<number|string>>} total_spend Total spend of each customer.
 * @param {Date|string} analysis_date Optional. Date recency is measured to when last_purchase holds dates; default the latest of them.
 * @param {string} scheme Optional. "default" or "rfm".
 * @param {string} output Optional. "segment" (default), "score", "r", "f", "m" or "all".
 * @param {string|Array<Array<string>>} for_ids Optional. Return one row per id of this range instead.
 * @return {Array<Array<string|number>>} The segment (or scores) of each customer.
 * @example =SEGMENT_CUSTOMERS(A2:A, D2:D, E2:E, F2:F)
 * @example =SEGMENT_CUSTOMERS(A:A, E:E, D:D, B:B, , "rfm", "score")
 * @customfunction
 */
export function SEGMENT_CUSTOMERS(
  customer_ids: unknown,
  last_purchase: unknown,
  order_counts: unknown,
  total_spend: unknown,
  analysis_date?: unknown,
  scheme?: unknown,
  output?: unknown,
  for_ids?: unknown,
) {
  return runCustomFunction('SEGMENT_CUSTOMERS', (ctx) =>
    segmentCustomers(ctx, customer_ids, last_purchase, order_counts, total_spend, analysis_date, scheme, output, for_ids),
  );
}

/**
 * Predictive customer lifetime value from an order log: BG/NBD (repeat purchases, P(alive)) and
 * Gamma-Gamma (spend per purchase) fitted by maximum likelihood over all customers of the range.
 * CLV = expected purchases month by month over the horizon × expected spend × margin, discounted
 * monthly. Orders of one customer on one day count as one purchase.
 *
 * @param {string|Array<Array<string>>} customer_ids Customer id of each order row.
 * @param {Date|string|Array<Array<Date|string>>} order_dates Order date of each row.
 * @param {number|string|Array<Array<number|string>>} amounts Order amount of each row.
 * @param {number} horizon_months Optional. How far ahead to value, in months (default 12).
 * @param {number} annual_discount_rate Optional. Yearly discount rate (default 0.10 = 10%).
 * @param {number} margin Optional. Profit margin applied to revenue (default 1 = revenue).
 * @param {Date|string} analysis_date Optional. End of the history used; later orders are ignored. Default the latest order date.
 * @param {string} output Optional. "clv" (default), "purchases", "p_alive", "spend", "all" or "model" (fitted parameters).
 * @param {string|Array<Array<string>>} for_ids Optional. Return one row per id of this range instead of one per order row.
 * @return {Array<Array<string|number>>} CLV (or the chosen output) of each row's customer, or the model table.
 * @example =CLV(B2:B, C2:C, E2:E)
 * @example =CLV(Orders!B:B, Orders!C:C, Orders!E:E, 24, 0.1, 0.3, , "all", Customers!A:A)
 * @customfunction
 */
export function CLV(
  customer_ids: unknown,
  order_dates: unknown,
  amounts: unknown,
  horizon_months?: unknown,
  annual_discount_rate?: unknown,
  margin?: unknown,
  analysis_date?: unknown,
  output?: unknown,
  for_ids?: unknown,
) {
  return runCustomFunction('CLV', (ctx) =>
    clvFunction(ctx, customer_ids, order_dates, amounts, horizon_months, annual_discount_rate, margin, analysis_date, output, for_ids, documentModelCache()),
  );
}

/**
 * The textbook customer lifetime value per row: average order value × purchases per year ×
 * lifespan in years × margin, each year discounted at the annual rate (default 0: no discount).
 *
 * @param {number|Array<Array<number>>} avg_order_value Average order value.
 * @param {number|Array<Array<number>>} purchases_per_year Purchases per year.
 * @param {number|Array<Array<number>>} lifespan_years Expected customer lifespan in years (fractions allowed).
 * @param {number|Array<Array<number>>} margin Optional. Profit margin (default 1).
 * @param {number|Array<Array<number>>} annual_discount_rate Optional. Yearly discount rate (default 0).
 * @return {Array<Array<number>>} The lifetime value of each row.
 * @example =CLV_SIMPLE(B2:B, C2:C, 3, 0.3, 0.1)
 * @example =CLV_SIMPLE(500000, 4, 2.5)
 * @customfunction
 */
export function CLV_SIMPLE(avg_order_value: unknown, purchases_per_year: unknown, lifespan_years: unknown, margin?: unknown, annual_discount_rate?: unknown) {
  return runCustomFunction('CLV_SIMPLE', (ctx) => clvSimple(ctx, avg_order_value, purchases_per_year, lifespan_years, margin, annual_discount_rate));
}

// The wizard: the sidebar's google.script.run calls and the menu items (see src/gas/wizard-entry.ts).
export * from './gas/wizard-entry';

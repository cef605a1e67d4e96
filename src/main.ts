/**
 * The public surface of the add-on: every function exported here becomes a top-level Apps Script
 * global (the build generates a wrapper per export, keeping its JSDoc). Custom functions carry
 * `@customfunction`; Sheets' autocomplete shows their JSDoc. Keep logic out of this file.
 */
import { paretoRank } from './core/functions/pareto-rank';
import { runCustomFunction } from './gas/context';
import { buildMenu } from './gas/menu';

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
 * @param {string|Array<Array<string>>} customer_ids Optional. Customer id of each row; rows of one customer are summed.
 * @param {string} output Optional. "class" (default), "rank", "share" (cumulative share 0–1), "all" (rank, share, class) or "summary" (the 80/20 answer table).
 * @param {number} a_share Optional. Cumulative share that closes class A (default 0.8).
 * @param {number} b_share Optional. Cumulative share that closes class B (default 0.95).
 * @param {string|Array<Array<string>>} for_ids Optional. Return one row per id of this range instead of one per input row.
 * @return {Array<Array<string|number>>} The class, rank or share per row (spills beside the data), or the summary table.
 * @example =PARETO_RANK(C2:C, B2:B)
 * @example =PARETO_RANK(Orders!E:E, Orders!B:B, "summary")
 * @customfunction
 */
export function PARETO_RANK(values: unknown, customer_ids?: unknown, output?: unknown, a_share?: unknown, b_share?: unknown, for_ids?: unknown) {
  return runCustomFunction('PARETO_RANK', (ctx) => paretoRank(ctx, values, customer_ids, output, a_share, b_share, for_ids));
}

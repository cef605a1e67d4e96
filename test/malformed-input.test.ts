/**
 * A battery of malformed inputs through the built bundle: every custom function either returns a
 * clean 2D array (strings and finite numbers only) or throws one localized line that starts with
 * the function's name — never NaN, Infinity, undefined, a stack trace or a bare JS error.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadPlain, sheetsGlobals } from './helpers/dist';

const cell = fc.oneof(
  fc.constant(''),
  fc.constant(null),
  fc.constant(undefined),
  fc.boolean(),
  fc.integer({ min: -1e6, max: 1e9 }),
  fc.double({ noNaN: false }),
  fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, -0, 1e308),
  fc.date({ min: new Date('1900-01-01'), max: new Date('2100-01-01'), noInvalidDate: false }),
  fc.constantFrom(
    '#N/A',
    '#REF!',
    'abc',
    '1.234.567 ₫',
    '12,5',
    '(1.234)',
    '31/12/2024',
    '2024-02-30',
    '=IMPORTXML("x")',
    '<img src=x onerror=alert(1)>',
    '  ',
    '₫',
    '-',
    '1e5',
    '0912345678',
  ),
  fc.string({ maxLength: 12 }),
);
const column = (n: number) => fc.array(fc.tuple(cell), { minLength: n, maxLength: n });
const arg = fc.oneof(cell, column(1), column(5), column(6));

function clean(out: unknown) {
  expect(Array.isArray(out)).toBe(true);
  for (const row of out as unknown[][]) {
    expect(Array.isArray(row)).toBe(true);
    for (const v of row) {
      expect(typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v)), `bad value ${String(v)}`).toBe(true);
    }
  }
}

function wellFormedError(fn: string, e: unknown) {
  // Errors come from the vm's realm: check their shape, not instanceof.
  expect(typeof e === 'object' && e !== null && typeof (e as Error).message === 'string').toBe(true);
  const msg = String((e as Error).message);
  expect(msg.startsWith(`${fn}: `), msg).toBe(true);
  // The offending value is quoted as typed; outside the quotes no JS internals may show.
  const words = msg.replace(/"[^"]*"/g, '""');
  expect(words).not.toMatch(/\n\s+at\s|TypeError|ReferenceError|undefined|Cannot read|NaN|Infinity|\[object /);
}

describe.each(['en_US', 'vi_VN'])('malformed input (%s)', (locale) => {
  const g = loadPlain(sheetsGlobals(locale));
  const calls: [string, number][] = [
    ['PARETO_RANK', 6],
    ['SEGMENT', 7],
    ['SEGMENT_CUSTOMERS', 8],
    ['CLV', 9],
    ['CLV_SIMPLE', 5],
  ];
  for (const [fn, arity] of calls) {
    it(`${fn} returns clean values or a named, localized error`, () => {
      fc.assert(
        fc.property(fc.array(arg, { minLength: 1, maxLength: arity }), (args) => {
          try {
            clean(g[fn](...args));
          } catch (e) {
            wellFormedError(fn, e);
          }
        }),
        { numRuns: 300 },
      );
    });
  }
});

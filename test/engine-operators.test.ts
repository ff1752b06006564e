import { Engine } from 'json-rules-engine';
import { describe, expect, it } from 'vitest';
import { OPERATORS } from '../src/engine/compiled.js';
import { Operator } from '../src/schema/rule.js';

/** json-rules-engine's own operators, as an Engine registers them by default. */
const engineOperators = (new Engine() as unknown as { operators: { get(name: string): { evaluate(a: unknown, b: unknown): boolean } } }).operators;

// Values that trip each validator: numeric strings, NaN, booleans, null, lists, objects.
const SAMPLES: unknown[] = [
  null, undefined, true, false, 0, -0, 1, -1, 0.5, 48, 72.25, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY,
  '', '0', '1', '48', '12abc', 'abc', 'Infinity', 'NaN', ' 7', '2026-11-11T00:10:00+08:00',
  [], ['a'], [1, 2], ['not_received', 'tracking_question'], [null], { fact: 'x' },
];

describe('the compiled operators', () => {
  it.each(Operator.options)('%s answers as json-rules-engine does for every pair of sample values', (name) => {
    const theirs = engineOperators.get(name);
    const ours = OPERATORS[name];
    for (const a of SAMPLES) {
      for (const b of SAMPLES) {
        let expected: unknown;
        let actual: unknown;
        try {
          expected = theirs.evaluate(a, b);
        } catch (error) {
          expected = error instanceof Error ? error.constructor : error;
        }
        try {
          actual = ours(a, b);
        } catch (error) {
          actual = error instanceof Error ? error.constructor : error;
        }
        expect(actual, `${name}(${String(a)}, ${String(b)})`).toStrictEqual(expected);
      }
    }
  });
});

import fc from 'fast-check';
import { Engine } from 'json-rules-engine';
import { describe, expect, it } from 'vitest';
import { createTriage } from '../src/index.js';
import { findShadowedRules } from '../src/rules/shadow.js';
import type { LoadedRule } from '../src/rules/types.js';
import type { ConditionNode, TopLevelCondition } from '../src/schema/rule.js';

const rule = (id: string, priority: number, conditions: TopLevelCondition): LoadedRule =>
  ({ id, priority, conditions, source: `<${id}>` }) as LoadedRule;

/** Warnings for rules listed in the order they are tried. */
const shadowed = (...rules: LoadedRule[]): string[] =>
  findShadowedRules(rules, { 'big-order': { all: [{ fact: 'orderAmount', operator: 'greaterThan', value: 500 }] } }).map((w) => w.file!);

const amount = (operator: string, value: number): ConditionNode => ({ fact: 'orderAmount', operator, value }) as ConditionNode;
const reason = (operator: string, value: unknown): ConditionNode => ({ fact: 'refundReason', operator, value }) as ConditionNode;

describe('a rule is reported as shadowed', () => {
  it('when an earlier rule asks for a subset of its conditions', () => {
    expect(shadowed(rule('a', 90, { all: [reason('equal', 'quality')] }), rule('b', 80, { all: [amount('greaterThan', 9), reason('equal', 'quality')] }))).toEqual(['<b>']);
  });

  it('when the earlier rule is unconditional', () => {
    expect(shadowed(rule('a', 90, { all: [] }), rule('b', 80, { all: [reason('equal', 'quality')] }))).toEqual(['<b>']);
  });

  it('when its conditions imply the earlier ones: a value inside a list, a tighter bound, an excluded value', () => {
    expect(shadowed(rule('a', 90, { all: [reason('in', ['quality', 'wrong_item'])] }), rule('b', 80, { all: [reason('equal', 'quality')] }))).toEqual(['<b>']);
    expect(shadowed(rule('a', 90, { all: [amount('greaterThan', 100)] }), rule('b', 80, { all: [amount('greaterThanInclusive', 500)] }))).toEqual(['<b>']);
    expect(shadowed(rule('a', 90, { all: [reason('notEqual', 'invoice')] }), rule('b', 80, { all: [reason('equal', 'quality')] }))).toEqual(['<b>']);
  });

  it('through a shared condition it names', () => {
    expect(shadowed(rule('a', 90, { all: [amount('greaterThan', 100)] }), rule('b', 80, { all: [{ condition: 'big-order' }] }))).toEqual(['<b>']);
  });

  it('behind an earlier rule of the same priority (the first loaded decides)', () => {
    expect(shadowed(rule('a', 80, { all: [reason('equal', 'quality')] }), rule('b', 80, { all: [reason('equal', 'quality')] }))).toEqual(['<b>']);
  });

  it('from a shop directory, with file, path and the rule that shadows it', () => {
    const { ruleSet } = createTriage({ ruleDirs: ['test/data/shadowed-rules'] });
    expect(ruleSet.warnings).toEqual([
      {
        file: 'test/data/shadowed-rules/refunds/late-refund.json',
        path: '$.conditions',
        code: 'shadowed',
        message: expect.stringContaining('"refund-reason-penalty" (rules/refunds/refund-reason-penalty.json) has a higher priority (100 > 20)'),
      },
    ]);
  });
});

describe('a rule is not reported', () => {
  it('when the earlier rule asks for more', () => {
    expect(shadowed(rule('a', 90, { all: [amount('greaterThan', 9), reason('equal', 'quality')] }), rule('b', 80, { all: [reason('equal', 'quality')] }))).toEqual([]);
  });

  it('when a bound or a list does not follow', () => {
    expect(shadowed(rule('a', 90, { all: [amount('greaterThan', 500)] }), rule('b', 80, { all: [amount('greaterThan', 100)] }))).toEqual([]);
    expect(shadowed(rule('a', 90, { all: [reason('in', ['quality'])] }), rule('b', 80, { all: [reason('in', ['quality', 'wrong_item'])] }))).toEqual([]);
  });

  it('when it comes first itself', () => {
    expect(shadowed(rule('b', 90, { all: [amount('greaterThan', 9), reason('equal', 'quality')] }), rule('a', 80, { all: [reason('equal', 'quality')] }))).toEqual([]);
  });

  it('when implication would need knowing a fact value compared with another fact', () => {
    const stalled = { fact: 'hoursSinceLastEvent', operator: 'greaterThanInclusive', value: { fact: 'stallThresholdHours' } } as ConditionNode;
    const longer = { fact: 'hoursSinceLastEvent', operator: 'greaterThan', value: { fact: 'stallThresholdHours' } } as ConditionNode;
    expect(shadowed(rule('a', 90, { all: [stalled] }), rule('b', 80, { all: [longer] }))).toEqual([]);
  });

  it('for the built-in rules, several of which share a situation on purpose', () => {
    expect(createTriage().ruleSet.warnings).toEqual([]);
  });
});

// Soundness: whenever a warning says A fires whenever B does, json-rules-engine agrees on every sampled fact values.
const values = [null, 0, 1, 5, 10, 'a', 'b', true, false] as const;
const leaf = fc.record({
  fact: fc.constantFrom('x', 'y'),
  operator: fc.constantFrom('equal', 'notEqual', 'in', 'notIn', 'lessThan', 'lessThanInclusive', 'greaterThan', 'greaterThanInclusive'),
  value: fc.constantFrom(...values),
  list: fc.subarray([...values], { minLength: 1, maxLength: 3 }),
}).map(({ fact, operator, value, list }) => ({ fact, operator, value: operator === 'in' || operator === 'notIn' ? list : value }) as unknown as ConditionNode);
const { node } = fc.letrec<{ node: ConditionNode }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc.array(tie('node'), { maxLength: 3 }).map((all) => ({ all })),
    fc.array(tie('node'), { minLength: 1, maxLength: 3 }).map((any) => ({ any })),
  ),
}));
const top = fc.array(node, { maxLength: 4 }).map((all): TopLevelCondition => ({ all }));

const fires = async (conditions: TopLevelCondition, facts: Record<string, unknown>): Promise<boolean> => {
  const engine = new Engine([{ conditions: conditions as never, event: { type: 'fired' } }], { allowUndefinedFacts: false });
  return (await engine.run(facts)).events.length > 0;
};

describe('shadowing is only claimed when json-rules-engine agrees', () => {
  it('for random rules over two facts', async () => {
    await fc.assert(
      fc.asyncProperty(top, top, fc.array(fc.record({ x: fc.constantFrom(...values), y: fc.constantFrom(...values) }), { minLength: 8, maxLength: 8 }), async (a, b, samples) => {
        if (shadowed(rule('a', 90, a), rule('b', 80, b)).length === 0) return;
        for (const facts of samples) {
          if (await fires(b, facts)) expect(await fires(a, facts)).toBe(true);
        }
      }),
      { numRuns: 300, seed: 20261111 },
    );
  });
});

import fc from 'fast-check';
import type { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { CompiledEvaluator, compileRules, conditionKey } from '../src/engine/compiled.js';
import { ReferenceEvaluator } from '../src/engine/reference.js';
import type { RuleMatch } from '../src/engine/types.js';
import { deriveFacts } from '../src/facts/derive.js';
import { builtinSources } from '../src/generated/builtin-rules.js';
import { builtinRuleTests } from '../src/generated/builtin-rule-tests.js';
import { validateInput } from '../src/input/validate.js';
import { loadRuleSet } from '../src/rules/load.js';
import type { RuleSet } from '../src/rules/types.js';
import { FACT_NAMES, Facts, type FactName } from '../src/schema/facts.js';
import { Policy } from '../src/schema/policy.js';
import type { ConditionNode, LeafCondition, TopLevelCondition } from '../src/schema/rule.js';
import { TriageError, createTriage } from '../src/index.js';
import { loadFixtures } from './support/fixtures.js';
import { ruleTestsSource } from '../scripts/rule-tests-source.js';

/**
 * The compiled evaluator must be json-rules-engine, only faster: for any facts and any rule set
 * the loader accepts (and any it refuses only as pointless), both give the same rules in the same
 * order with the same condition traces.
 */

type Schema = z.ZodType & { def: { type: string; innerType?: Schema; entries?: Record<string, string> } };
const unwrap = (s: Schema): { base: Schema; nullable: boolean } =>
  s.def.type === 'nullable' ? { base: s.def.innerType!, nullable: true } : { base: s, nullable: false };

const BUILTIN_RULES = loadRuleSet({ builtin: builtinSources, rules: [], situations: [], checks: [], conditions: [], disable: [] });

const numbersIn = (node: unknown): number[] =>
  typeof node === 'number' ? [node] : node !== null && typeof node === 'object' ? Object.values(node).flatMap(numbersIn) : [];

/** Every number a rule or a policy default compares with, and its neighbours: where decisions flip. */
const THRESHOLDS = [
  ...new Set(
    [...numbersIn(BUILTIN_RULES.rules.map((r) => r.conditions)), ...numbersIn(Policy.parse({})), 0, 1, 24, 48, 72, 120].flatMap((n) => [n - 1, n - 0.5, n, n + 0.5, n + 1]),
  ),
];

const INSTANTS = ['2026-11-11T00:10:00.000+08:00', '2026-10-15T10:00:00.000+08:00', '2027-01-02T23:59:59.000+08:00'];

const valuesOf = (name: FactName): fc.Arbitrary<unknown> => {
  const { base, nullable } = unwrap(Facts.shape[name] as unknown as Schema);
  const schema = base as Schema & { isInt?: boolean; minValue?: number; format?: string };
  let arb: fc.Arbitrary<unknown>;
  switch (schema.def.type) {
    case 'enum':
      arb = fc.constantFrom(...Object.values(schema.def.entries!));
      break;
    case 'boolean':
      arb = fc.boolean();
      break;
    case 'number': {
      const pool = THRESHOLDS.filter((n) => (schema.isInt ? Number.isInteger(n) : true) && n >= (schema.minValue ?? -Infinity));
      const free = schema.isInt ? fc.integer({ min: Math.max(schema.minValue ?? -1000, -1000), max: 1000 }) : fc.double({ min: -1000, max: 1000, noNaN: true });
      arb = fc.oneof(fc.constantFrom(...pool), free);
      break;
    }
    default:
      arb = schema.format === 'datetime' ? fc.constantFrom(...INSTANTS) : fc.constantFrom('', 'apparel', '顺丰', 'SF1402837465', 'CNY', 'zh-CN');
  }
  return nullable ? fc.option(arb, { nil: null, freq: 3 }) : arb;
};

/** Facts shaped by the Facts schema: each enum's values, nulls, numbers around every threshold. */
const factsArb: fc.Arbitrary<Facts> = fc.record(Object.fromEntries(FACT_NAMES.map((n) => [n, valuesOf(n)]))) as unknown as fc.Arbitrary<Facts>;

/** What a result exposes of a match list: rule ids in order and every condition trace. */
const view = (matches: RuleMatch[]): { rule: string; conditions: unknown }[] => matches.map((m) => ({ rule: m.rule.id, conditions: m.conditions }));

/** `compiled` as createTriage builds it (with the tests generated for the built-in rules), `closures` without them. */
const evaluators = (ruleSet: RuleSet) => ({
  reference: new ReferenceEvaluator(ruleSet),
  compiled: new CompiledEvaluator(ruleSet, builtinRuleTests),
  closures: new CompiledEvaluator(ruleSet),
});

const NUMERIC_FACTS = FACT_NAMES.filter((n) => unwrap(Facts.shape[n] as unknown as Schema).base.def.type === 'number');

const baseOf = (name: FactName) => unwrap(Facts.shape[name] as unknown as Schema).base as Schema & { format?: string };
/** Pairs of facts of one kind: numbers, booleans, instants, free strings, or the very same enum. */
const SAME_KIND_PAIRS: [FactName, FactName][] = FACT_NAMES.flatMap((a) =>
  FACT_NAMES.filter((b) => {
    const [x, y] = [baseOf(a), baseOf(b)];
    return x.def.type === y.def.type && x.format === y.format && (x.def.type !== 'enum' || x === y);
  }).map((b): [FactName, FactName] => [a, b]),
);

/**
 * A leaf: a literal the fact can take, a list for in/notIn, a number for orderings, another fact.
 * Unless `meaningful`, also what the loader refuses as pointless: empty lists, paths, facts of kinds
 * that never compare.
 */
const leafArb = (meaningful: boolean): fc.Arbitrary<LeafCondition> =>
  fc.oneof(
    fc.constantFrom(...FACT_NAMES).chain((fact) =>
      fc.record({ fact: fc.constant(fact), operator: fc.constantFrom('equal' as const, 'notEqual' as const), value: valuesOf(fact) as fc.Arbitrary<LeafCondition['value']> }),
    ),
    fc.constantFrom(...FACT_NAMES).chain((fact) =>
      fc.record({
        fact: fc.constant(fact),
        operator: fc.constantFrom('in' as const, 'notIn' as const),
        value: fc.array(valuesOf(fact), { minLength: meaningful ? 1 : 0, maxLength: 4 }) as fc.Arbitrary<LeafCondition['value']>,
      }),
    ),
    fc.record({
      fact: fc.constantFrom(...NUMERIC_FACTS),
      operator: fc.constantFrom('lessThan' as const, 'lessThanInclusive' as const, 'greaterThan' as const, 'greaterThanInclusive' as const),
      value: fc.constantFrom(...THRESHOLDS.filter((n) => n >= 0 && Number.isInteger(n))),
    }),
    meaningful
      ? fc.constantFrom(...SAME_KIND_PAIRS).chain(([fact, other]) =>
          fc.record({
            fact: fc.constant(fact),
            operator: NUMERIC_FACTS.includes(fact) ? fc.constantFrom('equal' as const, 'notEqual' as const, 'lessThan' as const, 'greaterThanInclusive' as const) : fc.constantFrom('equal' as const, 'notEqual' as const),
            value: fc.constant({ fact: other }),
          }),
        )
      : fc.record({
          fact: fc.constantFrom(...FACT_NAMES),
          operator: fc.constantFrom('equal' as const, 'notEqual' as const, 'lessThan' as const, 'greaterThanInclusive' as const),
          value: fc.record({ fact: fc.constantFrom(...FACT_NAMES) }),
        }),
    // A plain path on a scalar fact reads the fact itself, in both evaluators.
    ...(meaningful ? [] : [fc.record({ fact: fc.constantFrom('claimType' as const), operator: fc.constant('equal' as const), value: fc.constantFrom('quality', null), path: fc.constant('$.a.b') })]),
  );

/** `forRule`: a rule's own conditions, whose empty "all" is how it says "always"; a shared condition's is not. */
const conditionArb = (shared: readonly string[], meaningful: boolean, forRule: boolean): fc.Arbitrary<TopLevelCondition> => {
  const minLength = meaningful ? 1 : 0;
  const { node } = fc.letrec<{ node: ConditionNode }>((tie) => ({
    node: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      leafArb(meaningful),
      ...(shared.length > 0 ? [fc.constantFrom(...shared).map((condition) => ({ condition }))] : []),
      fc.record({ all: fc.array(tie('node'), { minLength, maxLength: 4 }) }),
      fc.record({ any: fc.array(tie('node'), { minLength, maxLength: 4 }) }),
      fc.record({ not: tie('node') }),
    ),
  }));
  return fc.oneof(
    fc.record({ all: fc.array(node, { minLength: forRule ? 0 : minLength, maxLength: 5 }) }),
    fc.record({ any: fc.array(node, { minLength, maxLength: 5 }) }),
    fc.record({ not: node }),
  );
};

const fallback = builtinSources.rules.find((r) => r.source.endsWith('needs-human.json'))!.json;

interface RandomRules {
  shared: Record<string, TopLevelCondition>;
  rules: [TopLevelCondition, number][];
}

/** Shared conditions that refer only to earlier ones, and rules (with priorities) that may use them. */
const randomRulesArb = (meaningful: boolean): fc.Arbitrary<RandomRules> =>
  fc.tuple(conditionArb([], meaningful, false), conditionArb(['random-a'], meaningful, false)).chain(([a, b]) =>
    fc
      .array(fc.tuple(conditionArb(['random-a', 'random-b', 'delivery-concern'], meaningful, true), fc.integer({ min: 1, max: 5 })), { minLength: 1, maxLength: 8 })
      .map((rules) => ({ shared: { 'random-a': a, 'random-b': b }, rules })),
  );

/** The built-in catalogues and fallback with the random rules; the loader must accept them. */
const loadRandom = ({ shared, rules }: RandomRules): RuleSet =>
  loadRuleSet({
    builtin: { ...builtinSources, rules: [] },
    rules: [
      { source: '<fallback>', json: fallback },
      ...rules.map(([conditions, priority], i) => ({ source: `<random ${i}>`, json: { ...(fallback as object), id: `random-${i}`, priority, conditions } })),
    ],
    situations: [],
    checks: [],
    conditions: [{ source: '<random conditions>', json: { conditions: shared } }],
    disable: [],
  });

/** What the loader refuses although both evaluators would run it: conditions that cannot mean what they say. */
const REFUSED_AS_POINTLESS = new Set(['invalid_path', 'empty_condition', 'invalid_fact_reference']);
const FALLBACK_RULE = BUILTIN_RULES.rules.find((r) => r.situation === 'needs_human')!;

/**
 * The random rules as the loader gives them; where it refuses them, and only for a pointless
 * condition, the same rule set built by hand, since the evaluators must agree on it all the same.
 */
const loadOrBuild = (random: RandomRules): RuleSet => {
  try {
    return loadRandom(random);
  } catch (error) {
    if (!(error instanceof TriageError) || !error.issues.every((i) => REFUSED_AS_POINTLESS.has(i.code))) throw error;
  }
  const rules = random.rules.map(([conditions, priority], i) => ({ ...FALLBACK_RULE, id: `random-${i}`, priority, conditions }));
  return {
    ...BUILTIN_RULES,
    conditions: { ...BUILTIN_RULES.conditions, ...random.shared },
    rules: [FALLBACK_RULE, ...rules].sort((a, b) => b.priority - a.priority),
  };
};

describe('the compiled evaluator against json-rules-engine', () => {
  const builtin = evaluators(BUILTIN_RULES);

  it('fires the same built-in rules, in the same order, with the same traces, for any facts', async () => {
    await fc.assert(
      fc.asyncProperty(factsArb, async (facts) => {
        const expected = view(await builtin.reference.evaluate(facts));
        expect(view(builtin.compiled.evaluateSync(facts))).toEqual(expected);
        expect(view(builtin.closures.evaluateSync(facts))).toEqual(expected);
        // facts in the schema's key order are read in one pass, any other object by name: both alike
        const reordered = Object.fromEntries(Object.entries(facts).reverse()) as Facts;
        expect(view(builtin.compiled.evaluateSync(reordered))).toEqual(expected);
        expect(view(builtin.compiled.evaluateSync({ ...facts, extra: 1 } as Facts))).toEqual(expected);
        // what a triage asks for: the same matches, the deciding one's traces, none for the others
        const decisive = builtin.compiled.evaluateSync(facts, 'decisive');
        expect(decisive.map((m) => m.rule.id)).toEqual(expected.map((m) => m.rule));
        expect(view(decisive.slice(0, 1))).toEqual(expected.slice(0, 1));
        expect(decisive.slice(1).every((m) => m.conditions.length === 0)).toBe(true);
      }),
      { numRuns: 1500 },
    );
  });

  it('has a test generated at build time for every built-in rule, as the generator writes it now (npm run rules:bundle)', () => {
    for (const { rule, root } of compileRules(BUILTIN_RULES)) expect(builtinRuleTests.has(conditionKey(root)), rule.id).toBe(true);
    expect(readFileSync('src/generated/builtin-rule-tests.ts', 'utf8')).toBe(ruleTestsSource(BUILTIN_RULES));
  });

  it('uses a generated test only for the conditions it was generated from: a shop that redefines a shared condition gets the new one', async () => {
    const { 'delivery-concern': concern, ...others } = BUILTIN_RULES.conditions;
    expect(concern).toBeDefined();
    const redefined: RuleSet = { ...BUILTIN_RULES, conditions: { ...others, 'delivery-concern': { all: [{ fact: 'claimType', operator: 'equal', value: 'quality' }] } } };
    const { reference, compiled } = evaluators(redefined);
    let differs = 0;
    await fc.assert(
      fc.asyncProperty(factsArb, async (facts) => {
        const expected = view(await reference.evaluate(facts));
        expect(view(compiled.evaluateSync(facts))).toEqual(expected);
        if (JSON.stringify(expected) !== JSON.stringify(view(await builtin.reference.evaluate(facts)))) differs++;
      }),
      { numRuns: 300 },
    );
    // the redefinition changes decisions, so agreeing with it is not agreeing with the built-in one
    expect(differs).toBeGreaterThan(0);
  });

  it('agrees on the facts of every fixture', async () => {
    for (const { name, fixture } of loadFixtures()) {
      const { input, now } = validateInput(fixture.input, () => new Date(0));
      const facts = deriveFacts(input, { now, policy: Policy.parse({ ...input.policy }), locale: 'en', suspiciousLink: false });
      expect(view(builtin.compiled.evaluateSync(facts)), name).toEqual(view(await builtin.reference.evaluate(facts)));
      // deriveFacts writes the facts in the schema's order, which the compiled evaluator reads fastest
      expect(Object.keys(facts), name).toEqual(FACT_NAMES);
    }
  });

  it('agrees on random rule sets the loader accepts: nested all/any/not, shared conditions, fact references, lists', async () => {
    await fc.assert(
      fc.asyncProperty(randomRulesArb(true), fc.array(factsArb, { minLength: 1, maxLength: 8 }), async (random, factsList) => {
        const { reference, compiled } = evaluators(loadRandom(random));
        for (const facts of factsList) expect(view(compiled.evaluateSync(facts))).toEqual(view(await reference.evaluate(facts)));
      }),
      { numRuns: 300 },
    );
  });

  it('agrees on random rule sets the loader refuses as pointless: empty lists, paths, facts that never compare', async () => {
    await fc.assert(
      fc.asyncProperty(randomRulesArb(false), fc.array(factsArb, { minLength: 1, maxLength: 8 }), async (random, factsList) => {
        const { reference, compiled } = evaluators(loadOrBuild(random));
        for (const facts of factsList) expect(view(compiled.evaluateSync(facts))).toEqual(view(await reference.evaluate(facts)));
      }),
      { numRuns: 300 },
    );
  });

  it('decides every fixture alike through createTriage, and says which evaluator decided', async () => {
    const byReference = createTriage({ evaluator: 'reference' });
    const byCompiled = createTriage({ evaluator: 'compiled' });
    for (const { fixture } of loadFixtures()) {
      const a = await byReference.triage(fixture.input as never);
      const b = await byCompiled.triage(fixture.input as never);
      expect(a.explanation.evaluator).toBe('reference');
      expect(b.explanation.evaluator).toBe('compiled');
      expect({ ...b, explanation: { ...b.explanation, evaluator: 'reference' } }).toEqual(a);
    }
  });

  it('rejects a shared condition that refers to itself, naming the file and path', () => {
    const ruleSet = { ...BUILTIN_RULES, conditions: { ...BUILTIN_RULES.conditions, loop: { all: [{ condition: 'loop' }] } } };
    const rule = { ...BUILTIN_RULES.rules[0]!, conditions: { any: [{ condition: 'loop' }] } };
    const error = (() => {
      try {
        new CompiledEvaluator({ ...ruleSet, rules: [rule] });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(TriageError);
    expect((error as TriageError).issues[0]).toMatchObject({ code: 'condition_cycle', path: '$.conditions.any[0].all[0].condition' });
  });
});

import { deepFreeze } from '../deep-freeze.js';
import { TriageError, jsonPath } from '../errors.js';
import { FactName, type Facts } from '../schema/facts.js';
import type { ConditionNode, LeafCondition, Operator, TopLevelCondition } from '../schema/rule.js';
import type { LoadedRule, RuleSet } from '../rules/types.js';
import { plainPathResolver } from './reference.js';
import type { ConditionTrace, Evaluator, RuleMatch, Traces } from './types.js';

/** The facts the rules read, looked up once per evaluation (a keyed lookup on the 70-key facts object is the slow part). */
type Values = unknown[];
type Reader = (v: Values) => unknown;
type Test = (v: Values, memo: Int8Array) => boolean;
type Compare = (factValue: unknown, compareTo: unknown) => boolean;

/** json-rules-engine's `numberValidator`, with the common case (a number) answered without a string round trip. */
export const isNumberLike = (v: unknown): boolean =>
  typeof v === 'number' ? !Number.isNaN(v) : Number.parseFloat(v as string).toString() !== 'NaN';

const asList = (v: unknown): { indexOf(x: unknown): number } => v as { indexOf(x: unknown): number };

/**
 * json-rules-engine's default operators (engine-default-operators.js), written out so a leaf costs
 * one call: a failing fact-value validator makes the leaf false before the comparison runs.
 * test/engine-operators.test.ts checks each against the engine's own OperatorMap.
 */
export const OPERATORS: Readonly<Record<Operator, Compare>> = {
  equal: (a, b) => a === b,
  notEqual: (a, b) => a !== b,
  in: (a, b) => asList(b).indexOf(a) > -1,
  notIn: (a, b) => asList(b).indexOf(a) === -1,
  contains: (a, b) => Array.isArray(a) && a.indexOf(b) > -1,
  doesNotContain: (a, b) => Array.isArray(a) && a.indexOf(b) === -1,
  lessThan: (a, b) => isNumberLike(a) && (a as number) < (b as number),
  lessThanInclusive: (a, b) => isNumberLike(a) && (a as number) <= (b as number),
  greaterThan: (a, b) => isNumberLike(a) && (a as number) > (b as number),
  greaterThanInclusive: (a, b) => isNumberLike(a) && (a as number) >= (b as number),
};

/** A leaf's static part (as the trace shows it) and its two readers. */
export interface CompiledLeaf {
  kind: 'leaf';
  path: string;
  fact: string;
  /** The leaf's own `path` into the fact's value (`$.a.b`), when it has one. */
  factPath: string | undefined;
  /** The slots its readers read: the fact's, and the other fact's for a `{ "fact": … }` value. */
  slots: readonly number[];
  operator: Operator;
  value: unknown;
  readFact: Reader;
  readCompareTo: Reader;
  compare: Compare;
  test: Test;
}

export interface CompiledGroup {
  kind: 'all' | 'any';
  children: CompiledNode[];
  test: Test;
}

export interface CompiledNot {
  kind: 'not';
  child: CompiledNode;
  test: Test;
}

export type CompiledNode = CompiledLeaf | CompiledGroup | CompiledNot;

const isFactRef = (value: unknown): value is { fact: string } =>
  value !== null && typeof value === 'object' && !Array.isArray(value) && Object.hasOwn(value, 'fact');

/** The almanac's `factValue(fact, params, path)`: a path applies only to an object value. */
const factReader = (slot: number, path: string | undefined): Reader => {
  if (!path) return (v) => v[slot];
  return (v) => {
    const value = v[slot];
    return value !== null && typeof value === 'object' ? plainPathResolver(value, path) : value;
  };
};

/** A leaf's boolean test, specialised for the shapes rule files use most (a literal compared with equal/notEqual/in). */
const leafTest = (slot: number, operator: Operator, value: unknown, plain: boolean, readFact: Reader, readCompareTo: Reader, compare: Compare): Test => {
  if (plain && !isFactRef(value)) {
    if (operator === 'equal') return (v) => v[slot] === value;
    if (operator === 'notEqual') return (v) => v[slot] !== value;
    if (operator === 'in' && Array.isArray(value)) return (v) => value.indexOf(v[slot]) > -1;
    if (operator === 'notIn' && Array.isArray(value)) return (v) => value.indexOf(v[slot]) === -1;
  }
  return (v) => compare(readFact(v), readCompareTo(v));
};

const groupTest = (kind: 'all' | 'any', tests: readonly Test[]): Test => {
  // json-rules-engine answers an empty group true, whether "all" or "any".
  if (tests.length === 0) return () => true;
  if (tests.length === 1) return tests[0]!;
  if (kind === 'all') {
    return (v, memo) => {
      for (const t of tests) if (!t(v, memo)) return false;
      return true;
    };
  }
  return (v, memo) => {
    for (const t of tests) if (t(v, memo)) return true;
    return false;
  };
};

/**
 * Every fact has the slot of its place in the Facts schema, the order deriveFacts writes them in:
 * one pass over the facts object then fills the slots (see CompiledEvaluator#read).
 */
const FACT_ORDER: readonly string[] = FactName.options;

/** Compiles rule conditions against one rule set: fact slots and shared-condition tests are common to all rules. */
class Compiler {
  /** Fact names in slot order: the schema's, then any other name a rule set was built with. */
  readonly facts: string[] = [...FACT_ORDER];
  private readonly slots = new Map<string, number>(FACT_ORDER.map((name, i) => [name, i]));
  /** One memoised test per shared condition, so `delivery-concern` is decided once per evaluation however many rules use it. */
  private readonly sharedTests = new Map<string, Test>();
  source = '';

  constructor(private readonly named: Readonly<Record<string, TopLevelCondition>>) {}

  get sharedCount(): number {
    return this.sharedTests.size;
  }

  private slot(fact: string): number {
    let slot = this.slots.get(fact);
    if (slot === undefined) {
      slot = this.facts.length;
      this.facts.push(fact);
      this.slots.set(fact, slot);
    }
    return slot;
  }

  private fail(path: readonly PropertyKey[], code: string, message: string): never {
    throw new TriageError('INVALID_RULE', [{ file: this.source, path: jsonPath(['conditions', ...path]), code, message }]);
  }

  /** `path` is relative to the rule's `conditions`, as the reference evaluator's trace paths are. */
  compile(node: ConditionNode, path: PropertyKey[], expanding: readonly string[]): CompiledNode {
    if ('all' in node || 'any' in node) {
      const kind = 'all' in node ? 'all' : 'any';
      const list = 'all' in node ? node.all : (node as { any: ConditionNode[] }).any;
      const children = list.map((c, i) => this.compile(c, [...path, kind, i], expanding));
      return { kind, children, test: groupTest(kind, children.map((c) => c.test)) };
    }
    if ('not' in node) {
      const child = this.compile(node.not, [...path, 'not'], expanding);
      const inner = child.test;
      return { kind: 'not', child, test: (v, memo) => !inner(v, memo) };
    }
    if ('condition' in node) return this.expand(node.condition, path, expanding);
    return this.leaf(node, path);
  }

  /** A shared condition, expanded in place as json-rules-engine does: the traces' paths continue below the reference. */
  private expand(name: string, path: PropertyKey[], expanding: readonly string[]): CompiledNode {
    const target = Object.hasOwn(this.named, name) ? this.named[name] : undefined;
    if (target === undefined) this.fail([...path, 'condition'], 'unknown_condition', `unknown shared condition "${name}"`);
    if (expanding.includes(name)) {
      this.fail([...path, 'condition'], 'condition_cycle', `shared condition "${name}" refers to itself through ${[...expanding, name].join(' → ')}`);
    }
    const compiled = this.compile(target, path, [...expanding, name]);
    let test = this.sharedTests.get(name);
    if (test === undefined) {
      const index = this.sharedTests.size;
      const inner = compiled.test;
      // memo: 0 not yet decided in this evaluation, 1 true, 2 false.
      test = (v, memo) => {
        const known = memo[index];
        if (known !== 0) return known === 1;
        const result = inner(v, memo);
        memo[index] = result ? 1 : 2;
        return result;
      };
      this.sharedTests.set(name, test);
    }
    return { ...compiled, test };
  }

  private leaf(leaf: LeafCondition, path: PropertyKey[]): CompiledLeaf {
    const value = deepFreeze(structuredClone(leaf.value));
    const slot = this.slot(leaf.fact);
    const readFact = factReader(slot, leaf.path);
    const refSlot = isFactRef(value) ? this.slot(value.fact) : -1;
    const readCompareTo: Reader = refSlot === -1 ? () => value : factReader(refSlot, undefined);
    const compare = OPERATORS[leaf.operator];
    if (compare === undefined) this.fail([...path, 'operator'], 'invalid_operator', `unknown operator "${String(leaf.operator)}"`);
    return {
      kind: 'leaf',
      path: jsonPath(path),
      fact: leaf.fact,
      factPath: leaf.path,
      slots: refSlot === -1 ? [slot] : [slot, refSlot],
      operator: leaf.operator,
      value,
      readFact,
      readCompareTo,
      compare,
      test: leafTest(slot, leaf.operator, value, !leaf.path, readFact, readCompareTo, compare),
    };
  }
}

/**
 * Traces every leaf, as json-rules-engine evaluates every leaf of a group (Promise.all, no
 * short-circuit without condition priorities). A leaf is decisive when it and every group above it
 * passed; nothing under a `not` is.
 */
const trace = (node: CompiledNode, v: Values, memo: Int8Array, passing: boolean, out: ConditionTrace[]): void => {
  if (node.kind === 'leaf') {
    const factValue = node.readFact(v);
    const compareTo = node.readCompareTo(v);
    const result = node.compare(factValue, compareTo);
    out.push({ path: node.path, fact: node.fact, operator: node.operator, value: node.value, factValue, compareTo, result, decisive: passing && result });
  } else if (node.kind === 'not') {
    trace(node.child, v, memo, false, out);
  } else {
    const below = passing && node.test(v, memo);
    for (const child of node.children) trace(child, v, memo, below, out);
  }
};

/**
 * A rule's conditions with its shared conditions expanded, as one string: what a precompiled test
 * is looked up by, so it is used only for the very conditions it was generated from (a shop that
 * redefines a shared condition, or a stale generated file, gets the closures).
 */
export const conditionKey = (node: CompiledNode): string => {
  if (node.kind === 'leaf') return JSON.stringify([node.fact, node.operator, node.value, node.factPath ?? null]);
  if (node.kind === 'not') return `not(${conditionKey(node.child)})`;
  return `${node.kind}(${node.children.map(conditionKey).join(',')})`;
};

/** A rule's test generated at build time (scripts/rule-tests-source.ts): reads the facts by name, no closures, no slots. */
export type PrecompiledTest = (facts: Readonly<Record<string, unknown>>) => boolean;

/** Precompiled tests by `conditionKey`. */
export type PrecompiledTests = ReadonlyMap<string, PrecompiledTest>;

interface CompiledRule {
  rule: LoadedRule;
  root: CompiledNode;
  /** The generated test for these conditions, when there is one. */
  precompiled: PrecompiledTest | undefined;
  /** Every slot its leaves read: what a trace needs when no closure has read all the facts. */
  slots: Int32Array;
}

const slotsRead = (node: CompiledNode, into: Set<number>): Set<number> => {
  if (node.kind === 'leaf') for (const slot of node.slots) into.add(slot);
  else if (node.kind === 'not') slotsRead(node.child, into);
  else for (const child of node.children) slotsRead(child, into);
  return into;
};

/**
 * Every rule's conditions compiled, shared conditions expanded in place (the trees a generator
 * writes precompiled tests from).
 * @throws {TriageError} `INVALID_RULE` for an unknown or cyclic shared condition or an unknown operator.
 */
export const compileRules = (ruleSet: RuleSet): { rule: LoadedRule; root: CompiledNode }[] => new RuleCompilation(ruleSet).rules;

class RuleCompilation {
  readonly rules: { rule: LoadedRule; root: CompiledNode }[];
  readonly facts: readonly string[];
  readonly sharedCount: number;

  constructor(ruleSet: RuleSet) {
    const compiler = new Compiler(ruleSet.conditions);
    this.rules = ruleSet.rules.map((rule) => {
      compiler.source = rule.source;
      return { rule, root: compiler.compile(rule.conditions, [], []) };
    });
    this.facts = compiler.facts;
    this.sharedCount = compiler.sharedCount;
  }
}

/**
 * The compiled evaluator: each rule's conditions become plain closures once, at load (no `eval`,
 * no `new Function`, so it runs under a CSP that forbids them). It decides exactly as
 * json-rules-engine does, with the same operators, shared conditions expanded in place and fact
 * references resolved; test/engine-differential.test.ts proves its matches and traces equal to the
 * reference evaluator's. Rules are tested with short-circuits first; traces are built only for the
 * rules that fired, which are all a result exposes. A rule whose conditions have a test generated
 * at build time (`PrecompiledTests`: createTriage passes the built-in rules') is tested by it instead
 * of its closures, which then serve its trace only.
 * @example
 * const evaluator = new CompiledEvaluator(ruleSet, builtinRuleTests);
 * const [decided] = evaluator.evaluateSync(facts);
 * decided.rule.situation; // e.g. 'stalled_tracking'
 */
export class CompiledEvaluator implements Evaluator {
  readonly kind = 'compiled';
  private readonly compiled: readonly CompiledRule[];
  private readonly facts: readonly string[];
  // Reused by every evaluation: evaluateSync runs to completion before another can start, and
  // traces copy the values out.
  private readonly values: Values;
  private readonly memo: Int8Array;

  /** `precompiled`: tests generated at build time for some conditions (the built-in rules'), used where a rule's conditions are exactly those. */
  constructor(ruleSet: RuleSet, precompiled: PrecompiledTests = new Map()) {
    const compilation = new RuleCompilation(ruleSet);
    this.compiled = compilation.rules.map(({ rule, root }) => ({
      rule,
      root,
      precompiled: precompiled.size === 0 ? undefined : precompiled.get(conditionKey(root)),
      slots: Int32Array.from(slotsRead(root, new Set())),
    }));
    this.facts = compilation.facts;
    this.values = new Array<unknown>(compilation.facts.length);
    this.memo = new Int8Array(compilation.sharedCount);
  }

  /**
   * Copies the facts into their slots. A facts object with exactly the schema's keys in its order
   * (every one deriveFacts makes) is read in one enumeration; reading 60 properties by name costs
   * four times as much. Any other object is read by name.
   */
  private read(facts: Facts): void {
    const { facts: names, values: v } = this;
    let i = 0;
    for (const key in facts) {
      if (key !== names[i]) {
        i = -1;
        break;
      }
      v[i++] = facts[key as keyof Facts];
    }
    if (i !== names.length) for (let j = 0; j < names.length; j++) v[j] = facts[names[j] as keyof Facts];
  }

  /** The rules that fire, highest priority first, each with the trace of its conditions (with `decisive`, only the first). */
  evaluateSync(facts: Facts, traces: Traces = 'all'): RuleMatch[] {
    const { values: v, memo, facts: names } = this;
    // the slots are filled only when a closure needs them: a rule with a generated test reads the facts itself
    let read = false;
    memo.fill(0);
    const matches: RuleMatch[] = [];
    for (const { rule, root, precompiled, slots } of this.compiled) {
      if (precompiled === undefined) {
        if (!read) {
          this.read(facts);
          read = true;
        }
        if (!root.test(v, memo)) continue;
      } else if (!precompiled(facts)) continue;
      if (traces === 'decisive' && matches.length > 0) {
        matches.push({ rule, conditions: [] });
        continue;
      }
      // a trace reads only its own rule's facts: those few by name, rather than every fact
      if (!read) for (let k = 0; k < slots.length; k++) v[slots[k]!] = facts[names[slots[k]!] as keyof Facts];
      const conditions: ConditionTrace[] = [];
      // The root passed, so its children start as passing (the reference does the same).
      if (root.kind === 'not') trace(root.child, v, memo, false, conditions);
      else if (root.kind === 'leaf') trace(root, v, memo, true, conditions);
      else for (const child of root.children) trace(child, v, memo, true, conditions);
      matches.push({ rule, conditions });
    }
    return matches;
  }

  evaluate(facts: Facts, traces: Traces = 'all'): Promise<RuleMatch[]> {
    try {
      return Promise.resolve(this.evaluateSync(facts, traces));
    } catch (error) {
      return Promise.reject(error);
    }
  }
}

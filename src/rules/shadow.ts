import type { TriageIssue } from '../errors.js';
import type { ConditionNode, LeafCondition, TopLevelCondition } from '../schema/rule.js';
import type { LoadedRule } from './types.js';

/**
 * Shadowed rules: a rule that can never decide because a rule tried before it fires whenever it does.
 * Implication is decided syntactically, and only claimed when certain (no false warnings): every
 * conjunct of the earlier rule must appear among the later rule's conjuncts, or follow from one of
 * them by a leaf rule this file spells out (`equal 3` gives `in [3, 4]`, `> 5` gives `> 2`, ...).
 */

type Conditions = Readonly<Record<string, TopLevelCondition>>;
type Node = ConditionNode | TopLevelCondition;
type Literal = string | number | boolean | null;

/**
 * Key order never changes what a condition means, so it must not change its identity either.
 * Remembers each object's string: every rule's nodes are looked up against every later rule, and
 * nothing changes a rule set while it is checked, so a memo serves one `findShadowedRules` call.
 */
const canonicalMemo = (): ((value: unknown) => string) => {
  const memo = new WeakMap<object, string>();
  const canonical = (value: unknown): string => {
    if (value === null || typeof value !== 'object') return JSON.stringify(value);
    let known = memo.get(value);
    if (known === undefined) {
      if (Array.isArray(value)) known = `[${value.map(canonical).join(',')}]`;
      else {
        const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
        known = `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
      }
      memo.set(value, known);
    }
    return known;
  };
  return canonical;
};

const isLeaf = (node: Node): node is LeafCondition => 'fact' in node;
const isLiteral = (v: unknown): v is Literal => v === null || ['string', 'number', 'boolean'].includes(typeof v);
const isList = (v: unknown): v is Literal[] => Array.isArray(v);

/** What must hold whenever `node` holds: the node itself and, through `all` and shared conditions, its parts. */
const conjuncts = (node: Node, conditions: Conditions, depth = 0): Node[] => {
  if (depth > 32) return [node];
  if ('all' in node) return [node, ...node.all.flatMap((c) => conjuncts(c, conditions, depth + 1))];
  if ('any' in node && node.any.length === 1) return [node, ...conjuncts(node.any[0]!, conditions, depth + 1)];
  if ('condition' in node) {
    const body = conditions[node.condition];
    return body ? [node, ...conjuncts(body, conditions, depth + 1)] : [node];
  }
  return [node];
};

const ORDERING = new Set(['lessThan', 'lessThanInclusive', 'greaterThan', 'greaterThanInclusive']);

/** `fact op value` for one value of the fact, as json-rules-engine's default operators decide it. */
const holdsFor = (factValue: Literal, operator: string, value: Literal | Literal[]): boolean | undefined => {
  if (isList(value)) {
    if (operator === 'in') return value.indexOf(factValue) > -1;
    if (operator === 'notIn') return value.indexOf(factValue) === -1;
    return undefined;
  }
  if (operator === 'equal') return factValue === value;
  if (operator === 'notEqual') return factValue !== value;
  if (ORDERING.has(operator)) {
    if (typeof factValue !== 'number' || typeof value !== 'number') return undefined;
    if (operator === 'lessThan') return factValue < value;
    if (operator === 'lessThanInclusive') return factValue <= value;
    if (operator === 'greaterThan') return factValue > value;
    return factValue >= value;
  }
  return undefined;
};

/** Whenever `known` holds, does `target` hold? Both read the same fact; false when unsure. */
const leafImplies = (known: LeafCondition, target: LeafCondition): boolean => {
  if (known.fact !== target.fact || known.path !== target.path) return false;
  const kv = known.value;
  const tv = target.value;
  if (!(isLiteral(kv) || isList(kv)) || !(isLiteral(tv) || isList(tv))) return false;
  // A known finite set of values: the target must hold for each of them.
  const possible = known.operator === 'equal' && isLiteral(kv) ? [kv] : known.operator === 'in' && isList(kv) ? kv : undefined;
  if (possible) return possible.length > 0 && possible.every((v) => holdsFor(v, target.operator, tv) === true);
  // A known exclusion: only an equal exclusion follows.
  if ((known.operator === 'notEqual' && isLiteral(kv)) || (known.operator === 'notIn' && isList(kv))) {
    const excluded = isList(kv) ? kv : [kv];
    const wanted = target.operator === 'notEqual' && isLiteral(tv) ? [tv] : target.operator === 'notIn' && isList(tv) ? tv : undefined;
    return wanted !== undefined && wanted.every((v) => excluded.includes(v));
  }
  // A known bound on a number (null and non-numbers fail every ordering operator): a looser bound follows.
  if (ORDERING.has(known.operator) && ORDERING.has(target.operator) && typeof kv === 'number' && typeof tv === 'number') {
    const up = (op: string): boolean => op.startsWith('greaterThan');
    if (up(known.operator) !== up(target.operator)) return false;
    const strictKnown = !known.operator.endsWith('Inclusive');
    const strictTarget = !target.operator.endsWith('Inclusive');
    if (up(known.operator)) return kv > tv || (kv === tv && (strictKnown || !strictTarget));
    return kv < tv || (kv === tv && (strictKnown || !strictTarget));
  }
  return false;
};

const implies = (known: readonly Node[], knownKeys: ReadonlySet<string>, target: Node, conditions: Conditions, canonical: (value: unknown) => string, depth = 0): boolean => {
  if (knownKeys.has(canonical(target))) return true;
  if (depth > 32) return false;
  if ('all' in target) return target.all.every((c) => implies(known, knownKeys, c, conditions, canonical, depth + 1));
  if ('any' in target) return target.any.some((c) => implies(known, knownKeys, c, conditions, canonical, depth + 1));
  if ('condition' in target) {
    const body = conditions[target.condition];
    return body !== undefined && implies(known, knownKeys, body, conditions, canonical, depth + 1);
  }
  if (isLeaf(target)) return known.some((k) => isLeaf(k) && leafImplies(k, target));
  return false;
};

/**
 * Rules that can never decide, as warnings. `rules` must be in the order they are tried (highest
 * priority first, equal priorities in load order): the first rule that fires decides.
 * @example
 * const warnings = findShadowedRules(ruleSet.rules, ruleSet.conditions);
 * // [{ file: 'shop/late-refund.json', path: '$.conditions', code: 'shadowed', message: 'never decides: …' }]
 */
export const findShadowedRules = (rules: readonly LoadedRule[], conditions: Conditions): TriageIssue[] => {
  const warnings: TriageIssue[] = [];
  const canonical = canonicalMemo();
  rules.forEach((later, j) => {
    const known = conjuncts(later.conditions, conditions);
    const knownKeys = new Set(known.map(canonical));
    const earlier = rules.slice(0, j).find((rule) => implies(known, knownKeys, rule.conditions, conditions, canonical));
    if (!earlier) return;
    const order = earlier.priority === later.priority ? `has the same priority (${earlier.priority}) and is loaded first` : `has a higher priority (${earlier.priority} > ${later.priority})`;
    warnings.push({
      file: later.source,
      path: '$.conditions',
      code: 'shadowed',
      message: `never decides: rule "${earlier.id}" (${earlier.source}) ${order} and fires whenever this one does`,
    });
  });
  return warnings;
};

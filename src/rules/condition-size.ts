import type { ConditionNode, TopLevelCondition } from '../schema/rule.js';

/**
 * How large a condition is once its shared conditions are expanded in place, as both evaluators
 * expand them. A file's own nesting is bounded by its schema, but references multiply: a chain of
 * shared conditions overflows json-rules-engine's stack, and conditions that each use the previous
 * one twice double at every step. Measured once per shared condition (memoised), so measuring is
 * linear in the catalogue even when the expansion is not.
 */

/** Levels of nesting after expansion: json-rules-engine recurses per level and overflows in the thousands. */
export const MAX_EXPANDED_DEPTH = 64;
/** Plain conditions after expansion, per rule: the built-in rules use a few dozen at most. */
export const MAX_EXPANDED_CONDITIONS = 2000;

export interface ConditionSize {
  depth: number;
  conditions: number;
}

export class ConditionGraphProblem extends Error {
  constructor(
    readonly code: 'condition_cycle' | 'too_deep',
    message: string,
  ) {
    super(message);
  }
}

/** A measure of conditions over one catalogue of shared conditions; throws ConditionGraphProblem on a cycle or a runaway chain. */
export const conditionSizer = (named: Readonly<Record<string, TopLevelCondition>>): ((node: ConditionNode) => ConditionSize) => {
  const memo = new Map<string, ConditionSize>();
  const expanding: string[] = [];

  const ofList = (list: readonly ConditionNode[]): ConditionSize => {
    let depth = 0;
    let conditions = 0;
    for (const child of list) {
      const size = of(child);
      depth = Math.max(depth, size.depth);
      // capped: a doubling catalogue would otherwise count to Infinity
      conditions = Math.min(conditions + size.conditions, MAX_EXPANDED_CONDITIONS + 1);
    }
    return { depth: depth + 1, conditions };
  };

  const ofName = (name: string): ConditionSize => {
    const known = memo.get(name);
    if (known) return known;
    // an unknown name is reported where it is written
    if (!Object.hasOwn(named, name)) return { depth: 0, conditions: 0 };
    if (expanding.includes(name)) {
      const loop = [...expanding.slice(expanding.indexOf(name)), name];
      throw new ConditionGraphProblem('condition_cycle', `shared condition "${name}" refers to itself through ${loop.join(' → ')}`);
    }
    // every reference adds at least one level, so a longer chain is too deep whatever it ends in
    if (expanding.length >= MAX_EXPANDED_DEPTH) {
      throw new ConditionGraphProblem('too_deep', `shared conditions nest more than ${MAX_EXPANDED_DEPTH} levels deep: ${expanding[0]} → … → ${name}`);
    }
    expanding.push(name);
    try {
      const size = of(named[name]!);
      memo.set(name, size);
      return size;
    } finally {
      expanding.pop();
    }
  };

  const of = (node: ConditionNode): ConditionSize => {
    if ('all' in node) return ofList(node.all);
    if ('any' in node) return ofList(node.any);
    if ('not' in node) {
      const inner = of(node.not);
      return { depth: inner.depth + 1, conditions: inner.conditions };
    }
    if ('condition' in node) return ofName(node.condition);
    return { depth: 1, conditions: 1 };
  };

  return of;
};

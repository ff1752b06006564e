import type { Facts } from '../schema/facts.js';
import type { LoadedRule } from '../rules/types.js';

/** One leaf condition as it was evaluated: the fact's value, what it was compared with, and the outcome. */
export interface ConditionTrace {
  /** JSON path of the leaf inside the rule's conditions (shared conditions expanded in place). */
  path: string;
  fact: string;
  operator: string;
  value: unknown;
  factValue: unknown;
  /** The value compared with: the literal, or the other fact's value for `{ "fact": … }`. */
  compareTo: unknown;
  /** `undefined` when the evaluator did not need this leaf (short-circuit). */
  result: boolean | undefined;
  /** This leaf and every group above it passed: it is one of the facts that made the rule fire. */
  decisive: boolean;
}

export interface RuleMatch {
  rule: LoadedRule;
  conditions: ConditionTrace[];
}

export type EvaluatorKind = 'reference' | 'compiled';

/** Decides which rules fire for one set of facts; matches come highest priority first. */
export interface Evaluator {
  readonly kind: EvaluatorKind;
  evaluate(facts: Facts): Promise<RuleMatch[]>;
  /** The same, synchronously, for evaluators that can (the compiled one); json-rules-engine cannot. */
  evaluateSync?(facts: Facts): RuleMatch[];
}

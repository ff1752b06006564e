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
  /** Empty for a match after the first when only the deciding rule was traced (`Traces`). */
  conditions: ConditionTrace[];
}

/**
 * Which matches get their condition traces: every one (the differential tests compare them all),
 * or the deciding one only, which is all a result shows.
 */
export type Traces = 'all' | 'decisive';

export type EvaluatorKind = 'reference' | 'compiled';

/** Decides which rules fire for one set of facts; matches come highest priority first. */
export interface Evaluator {
  readonly kind: EvaluatorKind;
  /** `traces` is what the caller needs at least; an evaluator may trace more. */
  evaluate(facts: Facts, traces?: Traces): Promise<RuleMatch[]>;
  /** The same, synchronously, for evaluators that can (the compiled one); json-rules-engine cannot. */
  evaluateSync?(facts: Facts, traces?: Traces): RuleMatch[];
}

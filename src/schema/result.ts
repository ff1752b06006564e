import { z } from 'zod';
import { Facts } from './facts.js';
import { MessageExplanation } from './message-reading.js';
import { Category, EscalationTarget, Locale, Party, PayingParty } from './vocabulary.js';
import type { builtinSituations } from '../generated/builtin-rules.js';

/** The situation ids the package ships (rules/situations.json); shops may add their own. */
export type BuiltinSituation = keyof (typeof builtinSituations)['situations'];

export const Outcome = z
  .object({
    late: z.boolean(),
    shipBy: z.iso.datetime({ offset: true }),
    returnShippingPaidBy: PayingParty,
    agreeAsIs: z.boolean(),
    penaltyAmount: z.number(),
    allowed: z.boolean(),
    suggestNewPurchase: z.boolean(),
    withinReturnWindow: z.boolean(),
    withinWarranty: z.boolean(),
  })
  .partial();
export type Outcome = z.infer<typeof Outcome>;

export const ConditionTraceSchema = z.object({
  path: z.string(),
  fact: z.string(),
  operator: z.string(),
  value: z.unknown(),
  factValue: z.unknown(),
  compareTo: z.unknown(),
  result: z.boolean().optional(),
  decisive: z.boolean(),
});

const RuleRef = z.object({
  rule: z.string(),
  source: z.string(),
  situation: z.string(),
  priority: z.number(),
});

export const Explanation = z.object({
  /** One readable line: the rule file that decided and the fact values that made it fire. */
  summary: z.string(),
  decidedBy: RuleRef.extend({ conditions: z.array(ConditionTraceSchema) }),
  /** Lower-priority rules that fired too, in the order they would have decided. */
  alsoMatched: z.array(RuleRef),
  evaluator: z.enum(['reference', 'compiled']),
  /** Every derived fact: what a person picking up a `needs_human` case starts from. */
  facts: Facts,
  /** What was read from the buyer's message, when there was one. */
  message: MessageExplanation.optional(),
});
export type Explanation = z.infer<typeof Explanation>;

export const TriageResult = z.object({
  situation: z.string(),
  category: Category,
  responsible: Party.nullable(),
  checks: z.array(z.object({ id: z.string(), owner: Party, text: z.string() })),
  wording: z.object({ locale: Locale, text: z.string() }),
  outcome: Outcome,
  flags: z.array(z.object({ id: z.string(), detail: z.string() })),
  escalateTo: EscalationTarget.optional(),
  replyBy: z.iso.datetime({ offset: true }).optional(),
  explanation: Explanation,
});
/** A result's situation: one the package ships, named for autocompletion, or a shop's own. */
type WithSituation<T> = Omit<T, 'situation'> & { situation: BuiltinSituation | (string & {}) };

export type TriageResult = WithSituation<z.infer<typeof TriageResult>>;

/**
 * A result without its trace (the derived facts and the deciding rule's condition traces): what
 * `triage-batch` writes per line unless given `--trace`. The decision, the wording and the summary
 * line stay; the trace can be made again from the same input, `now` and rules.
 */
export const CompactTriageResult = TriageResult.extend({
  explanation: Explanation.omit({ facts: true, decidedBy: true }).extend({ decidedBy: RuleRef }),
});
export type CompactTriageResult = WithSituation<z.infer<typeof CompactTriageResult>>;

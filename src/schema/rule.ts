import { z } from 'zod';
import { FactName } from './facts.js';
import { Category, EscalationTarget, Locale, Party, PayingParty } from './vocabulary.js';

/** json-rules-engine's built-in operators; a rule file may use no other. */
export const Operator = z.enum([
  'equal',
  'notEqual',
  'lessThan',
  'lessThanInclusive',
  'greaterThan',
  'greaterThanInclusive',
  'in',
  'notIn',
  'contains',
  'doesNotContain',
]);
export type Operator = z.infer<typeof Operator>;

export const Slug = z.string().regex(/^[a-z][a-z0-9]*([-_][a-z0-9]+)*$/, 'expected a lower-case id like "stalled-tracking"').max(80);

const Scalar = z.union([z.string().max(200), z.number(), z.boolean(), z.null()]);

/** A value read from another fact at run time, e.g. `{ "fact": "stallThresholdHours" }`. */
export const FactRef = z.strictObject({ fact: FactName });
export type FactRef = z.infer<typeof FactRef>;

/**
 * Only plain property paths: json-rules-engine hands `path` to jsonpath-plus, whose filter
 * expressions have executed code (see ENGINE-NOTES.md).
 */
export const PlainPath = z.string().regex(/^\$(\.[A-Za-z_][A-Za-z0-9_]*)+$/, 'only plain property paths like "$.a.b" are allowed').max(200);

export const LeafCondition = z.strictObject({
  fact: FactName,
  operator: Operator,
  value: z.union([Scalar, z.array(Scalar).max(100), FactRef]),
  path: PlainPath.optional(),
});
export type LeafCondition = z.infer<typeof LeafCondition>;

/** A reference to a named condition of rules/conditions.json, shared by several rules. */
export const ConditionRef = z.strictObject({ condition: Slug });

export type ConditionNode =
  | LeafCondition
  | { condition: string }
  | { all: ConditionNode[] }
  | { any: ConditionNode[] }
  | { not: ConditionNode };

export const ConditionNode: z.ZodType<ConditionNode> = z.lazy(() =>
  z.union([
    LeafCondition,
    ConditionRef,
    z.strictObject({ all: z.array(ConditionNode).max(50) }),
    z.strictObject({ any: z.array(ConditionNode).max(50) }),
    z.strictObject({ not: ConditionNode }),
  ]),
);

export const TopLevelCondition = z.union([
  z.strictObject({ all: z.array(ConditionNode).max(50) }),
  z.strictObject({ any: z.array(ConditionNode).max(50) }),
  z.strictObject({ not: ConditionNode }),
]);
export type TopLevelCondition = z.infer<typeof TopLevelCondition>;

const BoolOrFact = z.union([z.boolean(), FactRef]);

/** What tools act on. A value is a literal, or `{ "fact": name }` to copy a derived fact. */
export const OutcomeSpec = z.strictObject({
  late: BoolOrFact.optional(),
  shipBy: FactRef.optional(),
  returnShippingPaidBy: PayingParty.optional(),
  agreeAsIs: BoolOrFact.optional(),
  penaltyAmount: z.union([z.number().nonnegative(), FactRef]).optional(),
  allowed: BoolOrFact.optional(),
  suggestNewPurchase: BoolOrFact.optional(),
  withinReturnWindow: BoolOrFact.optional(),
  withinWarranty: BoolOrFact.optional(),
});
export type OutcomeSpec = z.infer<typeof OutcomeSpec>;

/**
 * Wording templates: `{factName}` is replaced by the fact's value; a `[[ … ]]` section is dropped
 * when any placeholder inside it has no value, so a reply never shows an empty slot.
 */
export const Template = z
  .string({ error: (issue) => (issue.input === undefined ? 'missing text: every locale needs one' : undefined) })
  .min(1)
  .max(2000);
/** One text per locale, all of them required. */
export const Wording = z.record(Locale, Template);
export type Wording = z.infer<typeof Wording>;
/** Some locales only: an override keeps the texts of the locales it leaves out. */
export const PartialWording = z.partialRecord(Locale, Template);
export type PartialWording = z.infer<typeof PartialWording>;

export const RuleFile = z.strictObject({
  $schema: z.string().max(500).optional(),
  id: Slug.describe('equals the file name without .json'),
  description: z.string().min(1).max(500),
  situation: Slug.describe('an id of rules/situations.json (or of a shop-supplied catalogue)'),
  priority: z.number().int().min(1).max(1000).describe('higher is tried first; the highest-priority rule that fires decides'),
  conditions: TopLevelCondition,
  responsible: Party.nullable().describe('the party held responsible; null when nobody is at fault or no one can be named before the checks are done'),
  checks: z.array(Slug).min(1).max(20).describe('ids of rules/checks.json, in the order to do them'),
  outcome: OutcomeSpec.optional(),
  escalateTo: EscalationTarget.optional(),
  replyWithinMinutes: z.number().int().positive().max(7 * 24 * 60).optional(),
  wording: Wording,
});
export type RuleFile = z.infer<typeof RuleFile>;

export const SituationEntry = z.strictObject({
  category: Category,
  description: z.string().min(1).max(500),
});
export const SituationCatalogue = z.strictObject({
  $schema: z.string().max(500).optional(),
  situations: z.record(Slug, SituationEntry),
});
export type SituationCatalogue = z.infer<typeof SituationCatalogue>;

/**
 * A new check needs its owner and a text in every locale (the loader says which is missing); an entry
 * whose id is already known changes only what it gives, e.g. one locale's text.
 */
export const CheckEntry = z.strictObject({
  owner: Party.optional().describe('who does the check; required for a new check'),
  text: PartialWording.describe('the check as an agent reads it; every locale is required for a new check'),
});
export const CheckCatalogue = z.strictObject({
  $schema: z.string().max(500).optional(),
  checks: z.record(Slug, CheckEntry),
});
export type CheckCatalogue = z.infer<typeof CheckCatalogue>;

export const ConditionCatalogue = z.strictObject({
  $schema: z.string().max(500).optional(),
  conditions: z.record(Slug, TopLevelCondition),
});
export type ConditionCatalogue = z.infer<typeof ConditionCatalogue>;

/**
 * A shop's own wording: texts keyed by a rule id (that rule only) or a situation id (every rule
 * deciding it), per locale. A rule id wins over its situation; a locale left out keeps the rule's text.
 */
export const WordingOverrides = z.record(Slug, PartialWording);
export type WordingOverrides = z.infer<typeof WordingOverrides>;
export const WordingCatalogue = z.strictObject({
  $schema: z.string().optional(),
  wording: WordingOverrides,
});
export type WordingCatalogue = z.infer<typeof WordingCatalogue>;

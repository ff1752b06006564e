import { z } from 'zod';
import { PolicyPatch } from './schema/policy.js';
import { Locale } from './schema/vocabulary.js';

export const TriageOptions = z.strictObject({
  /** Keep the package's own rules (default true); false starts from the shop's rules alone. */
  builtinRules: z.boolean().optional(),
  /** Directories of shop rule files; `situations.json`, `checks.json`, `conditions.json` there are catalogues. */
  ruleDirs: z.array(z.string().min(1)).optional(),
  /** Rule files passed as objects; a rule whose id is a built-in one replaces it. */
  rules: z.array(z.unknown()).optional(),
  situations: z.unknown().optional(),
  checks: z.unknown().optional(),
  conditions: z.unknown().optional(),
  /** Ids of rules to leave out. */
  disable: z.array(z.string()).optional(),
  /** The shop's policy; a triage input's own `policy` overrides it field by field. */
  policy: PolicyPatch.optional(),
  /** The clock used when an input has no `now`. */
  clock: z.custom<() => Date>((v) => typeof v === 'function', 'expected a function returning a Date').optional(),
  locale: Locale.optional(),
  /**
   * `compiled` (default): the rule files compiled once into closures, proved identical to
   * json-rules-engine by test/engine-differential.test.ts, and needed by `triageSync`.
   * `reference`: json-rules-engine itself.
   */
  evaluator: z.enum(['compiled', 'reference']).optional(),
});
export type TriageOptions = z.input<typeof TriageOptions>;

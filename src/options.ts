import { z } from 'zod';
import { PolicyPatch } from './schema/policy.js';
import type { WordingOverrides } from './schema/rule.js';
import { Locale } from './schema/vocabulary.js';

export const TriageOptions = z.strictObject({
  /** Keep the package's own rules (default true); false starts from the shop's rules alone. */
  builtinRules: z.boolean().optional(),
  /** Directories of shop rule files; `situations.json`, `checks.json`, `conditions.json` there are catalogues, files under `messages/` are message pattern files. */
  ruleDirs: z.array(z.string().min(1).max(4096)).max(100).optional(),
  /** Rule files passed as objects; a rule whose id is a built-in one replaces it. */
  rules: z.array(z.unknown()).max(10_000).optional(),
  situations: z.unknown().optional(),
  checks: z.unknown().optional(),
  conditions: z.unknown().optional(),
  /** The shop's own wording: `{ "<rule id or situation>": { "zh-CN"?: text, "zh-TW"?: text, "en"?: text } }`. */
  // Typed for callers, checked by the rule loader (which reports `options` with the JSON path).
  wording: z.custom<WordingOverrides>().optional(),
  /** Message pattern files passed as objects (see rules/messages/); one with a built-in file's id replaces it. */
  messagePatterns: z.array(z.unknown()).max(50).optional(),
  /** Ids of rules to leave out. */
  disable: z.array(z.string().max(200)).max(10_000).optional(),
  /** The shop's policy; a triage input's own `policy` overrides it field by field. */
  policy: PolicyPatch.optional(),
  /** The clock used when an input has no `now`. */
  clock: z.custom<() => Date>((v) => typeof v === 'function', 'expected a function returning a Date').optional(),
  /** The wording's locale when an input has none. With `zh-TW`, the traditional-script name tables are built here rather than on the first reply. */
  locale: Locale.optional(),
  /**
   * `compiled` (default): the rule files compiled once into closures, proved identical to
   * json-rules-engine by test/engine-differential.test.ts, and needed by `triageSync`.
   * `reference`: json-rules-engine itself.
   */
  evaluator: z.enum(['compiled', 'reference']).optional(),
});
export type TriageOptions = z.input<typeof TriageOptions>;

import { z } from 'zod';

/**
 * Schemas built from every construct the validator generator knows, beyond those TriageInput uses
 * (defaults, nullables, strict objects, refinements on objects, arrays at the root): the generated
 * validators for them are checked against zod like the library's own. Exported one by one, so that
 * a generated module can import the schema it was made from.
 */
export const defaults = z.object({
  count: z.number().int().default(3),
  label: z.string().nullable().default(null),
  tags: z.array(z.string().min(2).max(4)).default(() => ['ab']),
  flag: z.boolean().default(false).optional(),
  kind: z.enum(['x', 'y']).optional().default('x'),
});
export const strict = z.strictObject({
  name: z.string().min(1).max(3),
  tags: z.array(z.string().regex(/^[a-z]+$/)).min(1).max(3),
  nested: z.strictObject({ n: z.number().positive().lt(10), m: z.int32().optional() }).optional(),
});
export const refined = z.object({ from: z.number(), to: z.number() }).refine((range) => range.from <= range.to);
export const nullables = z.object({ a: z.string().nullable().optional(), b: z.string().optional().nullable(), c: z.number().int().min(-5).max(5).nullable() });
export const array = z.array(z.object({ id: z.string().max(3), at: z.iso.datetime({ offset: true }).optional() })).min(1).max(4);
export const string = z.string().min(2).max(3);
export const patterns = z.object({ global: z.string().regex(/a+/g), sticky: z.string().regex(/b/y), quoted: z.string().regex(/^'"\/$/).optional() });
export const odd = z.object({
  'a-b': z.string().optional(),
  'a b': z.number().default(1),
  constructor: z.boolean().optional(),
  class: z.number().nullable().optional(),
  'end */ of comment': z.enum(['a', "'", '"']).optional(),
  NOT_SURE: z.number().optional(),
});

/** The schemas above checked against zod on generated values. */
export const ZOO = { defaults, strict, refined, nullables, array, string, patterns, odd } as const;

/** Not in ZOO: zod rejects every value in a synchronous parse. */
export const asyncRefined = z.string().refine(async () => true);

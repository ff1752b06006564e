import type { z } from 'zod';
import { Facts, type FactName } from '../schema/facts.js';
import { Outcome } from '../schema/result.js';

/**
 * Whether a fact copied into an outcome field always gives a value the field accepts (null aside:
 * a null fact leaves the field out). Decided from the two zod schemas, so a new fact or outcome
 * field needs no list here.
 */

interface Kind {
  type: string;
  format?: string | undefined;
  options?: readonly unknown[] | undefined;
}

interface SchemaInternals {
  def: { type: string; innerType?: SchemaInternals };
  format?: string | null;
  options?: readonly unknown[] | undefined;
}

const kindOf = (schema: z.ZodType): Kind => {
  let s = schema as unknown as SchemaInternals;
  while ((s.def.type === 'nullable' || s.def.type === 'optional' || s.def.type === 'default') && s.def.innerType) s = s.def.innerType;
  return { type: s.def.type, format: s.format ?? undefined, options: s.def.type === 'enum' ? s.options : undefined };
};

const describe = (k: Kind): string => (k.format ? `${k.type} (${k.format})` : k.options ? `one of ${k.options.map((o) => JSON.stringify(o)).join(', ')}` : k.type);

const fits = (fact: Kind, field: Kind): boolean => {
  if (fact.type !== field.type) return false;
  // a field with a format (an instant) takes only facts of that format; an integer fact is a number
  if (field.format !== undefined && fact.format !== field.format) return false;
  if (field.options) return fact.options !== undefined && fact.options.every((o) => field.options!.includes(o));
  return true;
};

/** A message when the fact's values do not fit the outcome field, else undefined. */
export const outcomeFactMismatch = (field: string, fact: FactName): string | undefined => {
  const fieldSchema = (Outcome.shape as Record<string, z.ZodType | undefined>)[field];
  if (!fieldSchema) return undefined;
  const want = kindOf(fieldSchema);
  const have = kindOf(Facts.shape[fact]);
  return fits(have, want) ? undefined : `outcome "${field}" is ${describe(want)}, and fact "${fact}" is ${describe(have)}`;
};

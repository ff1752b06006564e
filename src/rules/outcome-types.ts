import type { z } from 'zod';
import type { FactName } from '../schema/facts.js';
import { Outcome } from '../schema/result.js';
import { describeKind, factKind, kindOf, type Kind } from './fact-kinds.js';

/**
 * Whether a fact copied into an outcome field always gives a value the field accepts (null aside:
 * a null fact leaves the field out). Decided from the two zod schemas, so a new fact or outcome
 * field needs no list here.
 */

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
  const have = factKind(fact);
  return fits(have, want) ? undefined : `outcome "${field}" is ${describeKind(want)}, and fact "${fact}" is ${describeKind(have)}`;
};

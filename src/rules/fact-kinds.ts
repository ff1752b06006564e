import type { z } from 'zod';
import { Facts, type FactName } from '../schema/facts.js';

/**
 * What kind of value a schema holds (null aside), read from zod's definition, so that a check on
 * fact types needs no list of fact names and follows a new fact by itself.
 */
export interface Kind {
  type: string;
  format?: string | undefined;
  options?: readonly unknown[] | undefined;
}

interface SchemaInternals {
  def: { type: string; innerType?: SchemaInternals };
  format?: string | null;
  options?: readonly unknown[] | undefined;
}

export const kindOf = (schema: z.ZodType): Kind => {
  let s = schema as unknown as SchemaInternals;
  while ((s.def.type === 'nullable' || s.def.type === 'optional' || s.def.type === 'default') && s.def.innerType) s = s.def.innerType;
  return { type: s.def.type, format: s.format ?? undefined, options: s.def.type === 'enum' ? s.options : undefined };
};

export const factKind = (fact: FactName): Kind => kindOf(Facts.shape[fact]);

export const describeKind = (k: Kind): string =>
  k.format ? `${k.type} (${k.format})` : k.options ? `one of ${k.options.map((o) => JSON.stringify(o)).join(', ')}` : k.type;

/** An object, a record or a list: the only kinds a condition's `path` can read into. */
export const hasParts = (k: Kind): boolean => k.type === 'object' || k.type === 'record' || k.type === 'array';

/** The JSON type of the values: an enum of strings is a string. */
const valueType = (k: Kind): string => (k.options ? (k.options.every((o) => typeof o === 'string') ? 'string' : 'enum') : k.type);

/**
 * Why two facts can never be usefully compared with `operator`, or undefined when they can: an
 * ordering needs two numbers; equality needs values of one type, the same format (an instant
 * equals only an instant), and two enums that share a value.
 */
export const comparisonMismatch = (left: FactName, operator: string, right: FactName): string | undefined => {
  const a = factKind(left);
  const b = factKind(right);
  const ordering = operator.startsWith('lessThan') || operator.startsWith('greaterThan');
  if (ordering) {
    return a.type === 'number' && b.type === 'number' ? undefined : `"${operator}" orders numbers, and fact "${a.type === 'number' ? right : left}" is ${describeKind(a.type === 'number' ? b : a)}`;
  }
  const mismatch = `fact "${left}" is ${describeKind(a)} and fact "${right}" is ${describeKind(b)}: they are never equal`;
  if (valueType(a) !== valueType(b)) return mismatch;
  // an integer is a number like any other; an instant's text equals only another instant's
  if (valueType(a) === 'string' && a.format !== b.format) return mismatch;
  if (a.options && b.options && !a.options.some((o) => b.options!.includes(o))) return mismatch;
  return undefined;
};

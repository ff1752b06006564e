import type { z } from 'zod';

/**
 * Where a value's objects do not hold exactly their schema's declared keys in the schema's order:
 * the one shape of a validated input (src/input/canonical.ts) and of a validator generated with
 * `undefinedKeys: 'written'`. Read from the schema, under its optional, nullable and default wrappers.
 * @example
 * shapeProblems(z.object({ a: z.string().optional(), b: z.number() }), { b: 1 }); // ['$: ["b"] instead of ["a","b"]']
 */
export const shapeProblems = (schema: z.core.$ZodType, value: unknown, path = '$'): string[] => {
  const def = schema._zod.def;
  switch (def.type) {
    case 'optional':
    case 'nullable':
    case 'default':
      return shapeProblems((def as z.core.$ZodOptionalDef).innerType, value, path);
    case 'array':
      return Array.isArray(value) ? value.flatMap((item, i) => shapeProblems((def as z.core.$ZodArrayDef).element, item, `${path}[${i}]`)) : [];
    case 'object': {
      if (value === null || typeof value !== 'object') return [];
      const { shape } = def as z.core.$ZodObjectDef;
      const expected = Object.keys(shape);
      const actual = Object.keys(value);
      const problems = JSON.stringify(actual) === JSON.stringify(expected) ? [] : [`${path}: ${JSON.stringify(actual)} instead of ${JSON.stringify(expected)}`];
      for (const key of expected) problems.push(...shapeProblems(shape[key]!, (value as Record<string, unknown>)[key], `${path}.${key}`));
      return problems;
    }
    default:
      return [];
  }
};

/** Keys in order at every level, and -0 apart from 0: what toStrictEqual does not look at. */
export const layout = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(layout);
  if (value !== null && typeof value === 'object') return Object.keys(value).map((key) => [key, layout((value as Record<string, unknown>)[key])]);
  return Object.is(value, -0) ? '-0' : typeof value;
};

import fc from 'fast-check';
import { z } from 'zod';

/**
 * Values for a zod schema, read from the schema itself (no shape restated by hand), with every
 * bound hit exactly and (when edgy) just missed, so that a validator checked against zod on them
 * meets the edges: lengths at the limit counted in code points, integers at the safe range,
 * -0, NaN, ±Infinity, wrong enum words, near-valid timestamps, keys absent, present with
 * undefined, unknown or `__proto__`, and arrays one over their maximum.
 */

type Schema = z.core.$ZodType;
type CheckDef = z.core.$ZodCheckDef & Record<string, unknown>;
/** Generators for paths (`policy.timezone`) whose valid values random strings seldom hit. */
export type Overrides = Readonly<Record<string, fc.Arbitrary<unknown>>>;

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** Timestamps at and just past every field's range, with the case and separator variants zod refuses. */
const timestampLike: fc.Arbitrary<string> = fc
  .record({
    year: fc.oneof(fc.constantFrom(0, 4, 1900, 2000, 2024, 2026, 2100, 9999), fc.integer({ min: 0, max: 9999 })),
    month: fc.integer({ min: 0, max: 13 }),
    day: fc.oneof(fc.constantFrom(1, 28, 29, 30, 31), fc.integer({ min: 0, max: 32 })),
    t: fc.constantFrom('T', 'T', 'T', 't', ' '),
    hours: fc.oneof(fc.constantFrom(0, 23, 24), fc.integer({ min: 0, max: 25 })),
    minutes: fc.integer({ min: 0, max: 60 }),
    seconds: fc.option(fc.integer({ min: 0, max: 60 }), { nil: undefined, freq: 8 }),
    fraction: fc.option(fc.stringMatching(/^\d{0,9}$/), { nil: undefined }),
    zone: fc.oneof(
      fc.constantFrom('Z', 'Z', 'z', '', '+0800', '+08'),
      fc.tuple(fc.constantFrom('+', '-'), fc.integer({ min: 0, max: 24 }), fc.integer({ min: 0, max: 60 })).map(([s, h, m]) => `${s}${pad(h)}:${pad(m)}`),
    ),
  })
  .map((t) => {
    const seconds = t.seconds === undefined ? '' : `:${pad(t.seconds)}`;
    const fraction = t.fraction === undefined ? '' : `.${t.fraction}`;
    return `${pad(t.year, 4)}-${pad(t.month)}-${pad(t.day)}${t.t}${pad(t.hours)}:${pad(t.minutes)}${seconds}${fraction}${t.zone}`;
  });

/** Things no field expects, or expects only sometimes. */
export const strangeValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(undefined, null, Number.NaN, Infinity, -Infinity, -0, 0.5, 2 ** 53, -(2 ** 53), 1e300, '', 'x', true, 0, [], {}),
  fc.constant(null).map(() => new Date(0)),
  fc.constant(null).map(() => new Map([['a', 1]])),
  fc.constant(null).map(() => JSON.parse('{"__proto__": {"polluted": true}}') as unknown),
  fc.anything({ maxDepth: 2, withNullPrototype: true, withBoxedValues: true, withSparseArray: true }),
);

const checksOf = (schema: Schema): CheckDef[] => {
  const own = schema._zod.traits.has('$ZodCheck') ? [schema as unknown as z.core.$ZodCheck<never>] : [];
  return [...own, ...((schema._zod.def.checks ?? []) as z.core.$ZodCheck<never>[])].map((check) => check._zod.def as CheckDef);
};

/** Where in the schema, what to generate there instead, and whether to go past the bounds. */
interface Options {
  path: string;
  overrides: Overrides;
  /** false: values meant to pass (bounds hit exactly); true: just past them and wrong types too. */
  edgy: boolean;
}
const at = (options: Options, key: string): Options => ({ ...options, path: options.path === '' ? key : `${options.path}.${key}` });

/** Either meant to pass, or also what should fail. */
const pick = <T>(options: Options, valid: readonly T[], invalid: readonly T[]): fc.Arbitrary<T> =>
  fc.constantFrom(...(options.edgy ? [...valid, ...invalid] : valid));

/** Strings of `length` code points, some astral (two UTF-16 units), so length checks meet code points. */
const stringOf = (length: number): fc.Arbitrary<string> =>
  fc.oneof(fc.string({ minLength: length, maxLength: length }), fc.string({ unit: 'binary', minLength: length, maxLength: length }));

const stringFor = (schema: Schema, options: Options): fc.Arbitrary<string> => {
  const checks = checksOf(schema);
  const pattern = checks.find((c) => c.check === 'string_format' && c.pattern instanceof RegExp)?.pattern as RegExp | undefined;
  if (pattern !== undefined && checks.some((c) => c.format === 'datetime')) return options.edgy ? timestampLike : timestampLike.filter((t) => pattern.test(t));
  const max = checks.find((c) => c.check === 'max_length')?.maximum as number | undefined;
  const min = (checks.find((c) => c.check === 'min_length')?.minimum as number | undefined) ?? 0;
  const lengths = pick(options, [min, min + 1, min + 5, ...(max === undefined ? [] : [max])].filter((n) => max === undefined || n <= max), [min - 1, (max ?? 0) + 1].filter((n) => n >= 0));
  const sized = lengths.chain(stringOf);
  if (pattern === undefined) return sized;
  return options.edgy ? fc.oneof(fc.stringMatching(pattern), sized) : fc.stringMatching(pattern);
};

const numberFor = (schema: Schema, options: Options): fc.Arbitrary<number> => {
  let low = -1e6;
  let high = 1e6;
  let integer = false;
  for (const c of checksOf(schema)) {
    if (c.check === 'greater_than') low = Math.max(low, c.value as number);
    if (c.check === 'less_than') high = Math.min(high, c.value as number);
    if (c.check === 'number_format') integer = String(c.format).includes('int');
  }
  const inside = integer ? fc.integer({ min: Math.ceil(low), max: Math.floor(high) }) : fc.double({ min: low, max: high, noNaN: true });
  const edges = pick(options, [low, high, ...(low <= 0 && high >= 0 ? [-0] : [])], [low - 1, high + 1, low + 0.5, high - 0.5, Number.MAX_SAFE_INTEGER + 1, Number.NaN, Infinity, -Infinity]);
  return fc.oneof({ arbitrary: inside, weight: 3 }, { arbitrary: edges, weight: 1 });
};

/** Lengths from the minimum to the maximum (or one past either), the elements drawn a few at a time and repeated. */
const arrayFor = (schema: z.core.$ZodArray, options: Options): fc.Arbitrary<unknown[]> => {
  const checks = checksOf(schema);
  const max = checks.find((c) => c.check === 'max_length')?.maximum as number | undefined;
  const min = (checks.find((c) => c.check === 'min_length')?.minimum as number | undefined) ?? 0;
  const lengths = pick(options, [min, min + 1, min + 2, ...(max === undefined ? [] : [max])].filter((n) => max === undefined || n <= max), [min - 1, (max ?? 0) + 1].filter((n) => n >= 0));
  const element = valuesFor(schema._zod.def.element, at(options, '[]'));
  return fc
    .tuple(lengths, fc.array(element, { minLength: 1, maxLength: 3 }))
    .map(([length, some]) => Array.from({ length }, (_, i) => some[i % some.length]));
};

/** Keys in shape order, optional ones absent, present or present with undefined; unknown keys when edgy. */
const objectFor = (schema: z.core.$ZodObject, options: Options): fc.Arbitrary<Record<string, unknown>> => {
  const shape = schema._zod.def.shape;
  const fields = Object.keys(shape).map((key) => {
    const optional = shape[key]!._zod.optin !== undefined;
    const presence = optional || options.edgy
      ? fc.oneof(
          { arbitrary: fc.constant('present' as const), weight: optional ? 4 : 30 },
          { arbitrary: fc.constant('absent' as const), weight: optional ? 5 : 1 },
          { arbitrary: fc.constant('undefined' as const), weight: 1 },
        )
      : fc.constant('present' as const);
    return fc.tuple(fc.constant(key), presence, valuesFor(shape[key]!, at(options, key)));
  });
  const names = ['extra', '__proto__', 'constructor', 'toString', 'hasOwnProperty'];
  const extra = options.edgy ? fc.option(fc.tuple(fc.constantFrom(...names), strangeValue), { freq: 6, nil: undefined }) : fc.constant(undefined);
  return fc.tuple(fc.tuple(...fields), extra).map(([entries, unknown]) => {
    const object: Record<string, unknown> = {};
    for (const [key, presence, value] of entries) if (presence !== 'absent') object[key] = presence === 'present' ? value : undefined;
    // defineProperty, as JSON.parse does: `__proto__` becomes an own key instead of the prototype.
    if (unknown !== undefined) Object.defineProperty(object, unknown[0], { value: unknown[1], enumerable: true, writable: true, configurable: true });
    return object;
  });
};

/**
 * Values for `schema`: shapes zod accepts with their bounds hit exactly, or (`edgy`) also just past
 * them, of the wrong type, with unknown keys.
 * @example
 * fc.sample(valuesFor(z.object({ n: z.number().max(3) }), { edgy: true }), 1); // e.g. [{ n: 3 }], [{ n: 4 }], [{}]
 */
export const valuesFor = (schema: Schema, { path = '', overrides = {}, edgy = false }: Partial<Options> = {}): fc.Arbitrary<unknown> => {
  const options = { path, overrides, edgy };
  // Own keys only: a field named `constructor` must not find Object.prototype's.
  const override = Object.hasOwn(overrides, path) ? overrides[path] : undefined;
  if (override !== undefined) return override;
  const def = schema._zod.def;
  switch (def.type) {
    case 'string':
      return stringFor(schema, options);
    case 'number':
      return numberFor(schema, options);
    case 'boolean':
      return edgy ? fc.oneof(fc.boolean(), fc.constantFrom('true', 0)) : fc.boolean();
    case 'enum': {
      const options = [...(schema._zod.values ?? [])];
      return edgy ? fc.oneof({ arbitrary: fc.constantFrom(...options), weight: 6 }, { arbitrary: fc.constantFrom('', 'unknown', 'PAID', 1), weight: 1 }) : fc.constantFrom(...options);
    }
    case 'optional':
    case 'default':
      return fc.oneof({ arbitrary: valuesFor((def as z.core.$ZodOptionalDef).innerType, options), weight: 4 }, { arbitrary: fc.constant(undefined), weight: 1 });
    case 'nullable':
      return fc.oneof({ arbitrary: valuesFor((def as z.core.$ZodNullableDef).innerType, options), weight: 4 }, { arbitrary: fc.constant(null), weight: 1 });
    case 'array':
      return arrayFor(schema as z.core.$ZodArray, options);
    case 'object':
      return objectFor(schema as z.core.$ZodObject, options);
    default:
      return strangeValue;
  }
};

/** A deep copy that keeps own `__proto__` keys, holes and non-plain leaves (by reference). */
const copy = (value: unknown): unknown => {
  if (Array.isArray(value)) {
    const out = new Array<unknown>(value.length);
    value.forEach((item, i) => (out[i] = copy(item)));
    return out;
  }
  if (value === null || typeof value !== 'object' || Object.getPrototypeOf(value) !== Object.prototype) return value;
  const out = {};
  for (const key of Object.keys(value)) Object.defineProperty(out, key, { value: copy((value as Record<string, unknown>)[key]), enumerable: true, writable: true, configurable: true });
  return out;
};

/** The plain objects and arrays of a value, parents before children. */
const containers = (value: unknown, found: object[] = []): object[] => {
  if (value === null || typeof value !== 'object') return found;
  if (!Array.isArray(value) && Object.getPrototypeOf(value) !== Object.prototype) return found;
  found.push(value);
  for (const key of Object.keys(value)) containers((value as Record<string, unknown>)[key], found);
  return found;
};

/** What a mutation does, and where: `pick` chooses the object or array, `key` one of its keys. */
export interface Mutation {
  kind: 'replace' | 'remove' | 'add' | 'hole';
  pick: number;
  key: number;
  value: unknown;
}
export const mutation: fc.Arbitrary<Mutation> = fc.record({
  kind: fc.constantFrom<Mutation['kind']>('replace', 'replace', 'remove', 'add', 'hole'),
  pick: fc.nat(),
  key: fc.nat(),
  value: strangeValue,
});

/**
 * A copy of `value` with one place broken: a field replaced by something strange, removed, an
 * unknown (or `__proto__`) key added, or an array given a hole.
 */
export const mutate = (value: unknown, { kind, pick, key, value: strange }: Mutation): unknown => {
  const root = copy(value);
  const places = containers(root);
  if (places.length === 0) return kind === 'replace' ? strange : root;
  const target = places[pick % places.length] as Record<string, unknown>;
  const keys = Object.keys(target);
  const at = keys.length === 0 ? undefined : keys[key % keys.length]!;
  if (kind === 'add') Object.defineProperty(target, ['zz', '__proto__', 'constructor'][key % 3]!, { value: strange, enumerable: true, writable: true, configurable: true });
  else if (at === undefined) return root;
  else if (kind === 'replace') target[at] = strange;
  else if (kind === 'remove' || (kind === 'hole' && Array.isArray(target))) delete target[at];
  return root;
};

/**
 * The same data behind the ways an object can hold it, all of which zod reads with `obj[key]` and
 * `key in obj`: a null prototype, inherited keys, getters, non-enumerable keys, a class instance.
 */
export type Disguise = 'plain' | 'null-prototype' | 'inherited' | 'getters' | 'non-enumerable' | 'class-instance';
export const disguises: readonly Disguise[] = ['plain', 'null-prototype', 'inherited', 'getters', 'non-enumerable', 'class-instance'];

class Holder {}

/** `value` with every plain object (not arrays) rebuilt in `disguise`; `split` picks which keys an `inherited` object inherits. */
export const disguise = (value: unknown, how: Disguise, split = 1): unknown => {
  if (Array.isArray(value)) {
    // Not `map`: a mutation may have given the array a `constructor` key. Holes stay holes.
    const out = new Array<unknown>(value.length);
    for (let i = 0; i < value.length; i++) if (i in value) out[i] = disguise(value[i], how, split);
    return out;
  }
  if (value === null || typeof value !== 'object' || Object.getPrototypeOf(value) !== Object.prototype) return value;
  const entries = Object.keys(value).map((key, i) => [key, disguise((value as Record<string, unknown>)[key], how, split + i)] as const);
  const define = (target: object, key: string, item: unknown, enumerable = true): void => {
    Object.defineProperty(target, key, how === 'getters' ? { get: () => item, enumerable, configurable: true } : { value: item, enumerable, writable: true, configurable: true });
  };
  switch (how) {
    case 'null-prototype': {
      const out = Object.create(null) as object;
      for (const [key, item] of entries) define(out, key, item);
      return out;
    }
    case 'inherited': {
      const proto = {};
      const out = Object.create(proto) as object;
      entries.forEach(([key, item], i) => define((i + split) % 2 === 0 ? proto : out, key, item));
      return out;
    }
    case 'non-enumerable': {
      const out = {};
      entries.forEach(([key, item], i) => define(out, key, item, (i + split) % 2 === 0));
      return out;
    }
    case 'class-instance': {
      const out = new Holder();
      for (const [key, item] of entries) define(out, key, item);
      return out;
    }
    default: {
      const out = {};
      for (const [key, item] of entries) define(out, key, item);
      return out;
    }
  }
};

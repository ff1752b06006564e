import { z } from 'zod';

/**
 * A zod v4 schema compiled once into plain closures (no `eval`, no `new Function`, so it runs under
 * a strict CSP) that answer, for the inputs zod accepts, exactly what `schema.safeParse` gives as
 * `data`, at a fraction of the cost: no payload object per value, no issue bookkeeping. It never
 * reports errors. When an input fails, or the compiled code cannot vouch for it, it answers
 * NOT_SURE and the caller asks zod, so every error (issues, paths, messages) stays zod's own.
 *
 * It mirrors zod 4.6's parse step by step (schemas.js, checks.js): the same property reads in the
 * same order (`input[key]`, then `key in input`, then `for…in` for strict objects), so getters run
 * once and inherited keys count as zod counts them; the same fresh objects with declared keys in
 * shape order; the same checks, patterns included (zod's datetime regex runs as fast as a
 * hand-written scanner in V8, so it is kept). On NOT_SURE zod reads the input again: a getter
 * then runs twice. A construct it does not know makes compilation refuse (`refused` says where),
 * and the validator then always answers NOT_SURE.
 */

/** The answer when zod has to decide: the input is invalid, or this validator cannot tell. */
export const NOT_SURE: unique symbol = Symbol('not sure');
export type NotSure = typeof NOT_SURE;

export interface CompiledValidator<T> {
  /** zod's `data` for `raw`, or NOT_SURE. Never throws: a throwing getter or check answers NOT_SURE. */
  validate: (raw: unknown) => T | NotSure;
  /** Why the schema was not compiled (`path: construct`); `validate` then always answers NOT_SURE. */
  refused?: string;
}

type Schema = z.core.$ZodType;
/** A check as zod stores it; `traits` is missing on a check made from a bare function. */
type Check = z.core.$ZodCheck<never> & { _zod: { traits?: Set<string> } };
/** The output for a value, or NOT_SURE. */
type Validate = (value: unknown) => unknown;
/** Whether a value passes a check; may throw (caught once, at the top). */
type Predicate = (value: never) => boolean;

/** Raised on a construct the compiler does not know; caught once, at the top. */
class Refusal extends Error {}
const refuse = (path: string, what: string): never => {
  throw new Refusal(`${path || '(root)'}: ${what}`);
};

/** The test of zod's `$ZodCheckStringFormat` / `$ZodCheckRegex`, including its `lastIndex` reset. */
const testPattern = (pattern: RegExp): Predicate => (value: string) => {
  pattern.lastIndex = 0;
  return pattern.test(value);
};

/**
 * One check, by its zod class (`traits`, what zod's own `instanceof` reads). Each predicate is the
 * passing condition of that class's `_zod.check`. A check's `when` is ignored: running a check zod
 * would skip can only turn an answer into NOT_SURE, never accept more.
 */
const compileCheck = (check: Check, path: string): Predicate => {
  const traits = check._zod.traits;
  const def = check._zod.def;
  if (traits === undefined) return refuse(path, `check "${def.check}" made from a bare function`);
  if (traits.has('$ZodCheckMaxLength')) {
    const { maximum } = def as z.core.$ZodCheckMaxLengthDef;
    // zod counts a string's code points, but only when its UTF-16 length is over.
    return (value: string | unknown[]) =>
      value.length <= maximum || (typeof value === 'string' && z.util.codePointLength(value) <= maximum);
  }
  if (traits.has('$ZodCheckMinLength')) {
    const { minimum } = def as z.core.$ZodCheckMinLengthDef;
    return (value: string | unknown[]) => {
      const units = value.length;
      const length = typeof value === 'string' && units >= minimum && units < minimum * 2 ? z.util.codePointLength(value) : units;
      return length >= minimum;
    };
  }
  if (traits.has('$ZodCheckGreaterThan')) {
    const { value: bound, inclusive } = def as z.core.$ZodCheckGreaterThanDef;
    if (typeof bound !== 'number') return refuse(path, 'a bigint or date lower bound');
    return inclusive ? (value: number) => value >= bound : (value: number) => value > bound;
  }
  if (traits.has('$ZodCheckLessThan')) {
    const { value: bound, inclusive } = def as z.core.$ZodCheckLessThanDef;
    if (typeof bound !== 'number') return refuse(path, 'a bigint or date upper bound');
    return inclusive ? (value: number) => value <= bound : (value: number) => value < bound;
  }
  if (traits.has('$ZodCheckNumberFormat')) {
    const { format } = def as z.core.$ZodCheckNumberFormatDef;
    const range = Object.hasOwn(z.util.NUMBER_FORMAT_RANGES, format) ? z.util.NUMBER_FORMAT_RANGES[format] : undefined;
    if (range === undefined) return refuse(path, `number format "${format}"`);
    const [minimum, maximum] = range;
    const integer = format.includes('int');
    return (value: number) => (!integer || Number.isSafeInteger(value)) && value >= minimum && value <= maximum;
  }
  if (traits.has('$ZodCheckRegex')) return testPattern((def as z.core.$ZodCheckRegexDef).pattern);
  if (traits.has('$ZodISODateTime')) {
    // The format schema is its own check, the pattern test of `$ZodCheckStringFormat`.
    const { pattern } = def as z.core.$ZodISODateTimeDef;
    if (pattern === undefined) return refuse(path, 'a datetime format without a pattern');
    return testPattern(pattern);
  }
  if (traits.has('$ZodCustom')) {
    // `.refine(fn)`: the very check zod runs, on a payload of its own. A promise means an async
    // refinement, which a synchronous parse rejects: zod shall say so.
    const run = check._zod.check as (payload: z.core.ParsePayload) => unknown;
    return (value: unknown) => {
      const payload: z.core.ParsePayload = { value, issues: [] };
      const returned = run(payload);
      if (returned instanceof Promise) {
        returned.catch(() => undefined);
        return false;
      }
      return payload.issues.length === 0 && payload.value === value && payload.aborted !== true;
    };
  }
  return refuse(path, `check "${def.check}"`);
};

/** The output of a defaulted field, read like zod does: `defaultValue` is a getter minting a fresh copy. */
const defaultOf = (def: z.core.$ZodDefaultDef): unknown => def.defaultValue;

/**
 * How an object keeps a field, from the field's `optin`/`optout` exactly as zod's object parse
 * (`handlePropertyResult` and its JIT twin) branches on them.
 */
const REQUIRED = 0; // no optin: the key must be present
const OPTIONAL = 1; // a plain `.optional()`, unwrapped: undefined is kept as is when the key is present
const OPTIONAL_OUT = 2; // other optin and optout "optional": an absent key is left out, whatever its value
const DEFAULTED_OPTIONAL = 3; // optin "defaulted", optout "optional": an absent key kept when a value was produced
const IN_ONLY = 4; // optin without optout: the value counts even when the key is absent
type Mode = typeof REQUIRED | typeof OPTIONAL | typeof OPTIONAL_OUT | typeof DEFAULTED_OPTIONAL | typeof IN_ONLY;

interface Field {
  key: string;
  /** For OPTIONAL, the inner schema's. */
  validate: Validate;
  mode: Mode;
  /** Only for IN_ONLY: whether an absent key gets the value even when it is undefined. */
  defaulted: boolean;
}

/** `.optional()` with nothing of its own: for undefined it answers undefined without running its inner schema. */
const isPlainOptional = (schema: Schema): schema is z.core.$ZodOptional => {
  const { def, traits } = schema._zod;
  return (
    def.type === 'optional' &&
    traits.has('$ZodOptional') &&
    !traits.has('$ZodExactOptional') &&
    !traits.has('$ZodCheck') &&
    (def.checks ?? []).length === 0 &&
    (def as z.core.$ZodOptionalDef).innerType._zod.optin !== 'defaulted'
  );
};

const compileField = (key: string, schema: Schema, path: string, ancestors: Set<Schema>): Field => {
  const { optin, optout } = schema._zod;
  const fieldPath = `${path}.${key}`;
  if (isPlainOptional(schema)) return { key, validate: compileSchema(schema._zod.def.innerType, fieldPath, ancestors), mode: OPTIONAL, defaulted: false };
  const mode = optin === undefined ? REQUIRED : optout !== 'optional' ? IN_ONLY : optin === 'optional' ? OPTIONAL_OUT : DEFAULTED_OPTIONAL;
  return { key, validate: compileSchema(schema, fieldPath, ancestors), mode, defaulted: optin === 'defaulted' };
};

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const compileObject = (def: z.core.$ZodObjectDef, path: string, ancestors: Set<Schema>): Validate => {
  const shape = def.shape;
  if (Object.getOwnPropertySymbols(shape).length > 0) refuse(path, 'an object with symbol keys');
  const keys = Object.keys(shape);
  // zod skips a declared __proto__ in the output but not in strict key checks: not worth mirroring.
  if (keys.includes('__proto__')) refuse(path, 'an object declaring __proto__');
  let strict = false;
  if (def.catchall !== undefined) {
    if (def.catchall._zod.def.type !== 'never' || !def.catchall._zod.traits.has('$ZodNever')) refuse(path, 'an object with a catchall other than never');
    strict = true;
  }
  const fields = keys.map((key) => compileField(key, shape[key] as Schema, path, ancestors));
  // Parallel arrays read by index: the hottest loop of the validator.
  const validates = fields.map((field) => field.validate);
  const modes = fields.map((field) => field.mode);
  const defaulted = fields.map((field) => field.defaulted);
  const count = keys.length;
  const keySet = new Set(keys);

  return (input) => {
    if (!isObject(input)) return NOT_SURE;
    const output: Record<string, unknown> = {};
    for (let i = 0; i < count; i++) {
      const key = keys[i]!;
      // zod reads `input[key]`, parses it, and only then asks `key in input`: the same order here,
      // so that getters and proxy traps run as they would.
      const raw = input[key];
      const mode = modes[i];
      if (mode === OPTIONAL && raw === undefined) {
        if (key in input) output[key] = undefined;
        continue;
      }
      const value = validates[i]!(raw);
      const present = key in input;
      switch (mode) {
        case REQUIRED:
          if (value === NOT_SURE || !present) return NOT_SURE;
          output[key] = value;
          break;
        case OPTIONAL:
        case OPTIONAL_OUT:
          // An absent key's result is dropped, issues included (an absent key with a value takes a proxy).
          if (!present) break;
          if (value === NOT_SURE) return NOT_SURE;
          output[key] = value;
          break;
        case DEFAULTED_OPTIONAL:
          // Absent with issues is dropped, absent without keeps a defined value: NOT_SURE cannot tell which.
          if (value === NOT_SURE) return NOT_SURE;
          if (present || value !== undefined) output[key] = value;
          break;
        case IN_ONLY:
          if (value === NOT_SURE) return NOT_SURE;
          if (defaulted[i] === true || present || value !== undefined) output[key] = value;
          break;
      }
    }
    // zod's strict objects report every other enumerable key, inherited ones and __proto__ included.
    if (strict) for (const key in input) if (!keySet.has(key)) return NOT_SURE;
    return output;
  };
};

const compileArray = (def: z.core.$ZodArrayDef, path: string, ancestors: Set<Schema>): Validate => {
  const element = compileSchema(def.element, `${path}[]`, ancestors);
  // zod rejects an array over its max length before reading any element; bound the work the same way.
  let cap = Infinity;
  for (const check of def.checks ?? []) {
    const d = check._zod.def;
    if (d.check === 'max_length') cap = Math.min(cap, (d as z.core.$ZodCheckMaxLengthDef).maximum);
  }
  return (input) => {
    if (!Array.isArray(input) || input.length > cap) return NOT_SURE;
    const output = new Array<unknown>(input.length);
    for (let i = 0; i < input.length; i++) {
      const value = element(input[i]);
      if (value === NOT_SURE) return NOT_SURE;
      output[i] = value;
    }
    return output;
  };
};

/**
 * The parse step of the types whose output is their input: a test. zod v4 rejects NaN and
 * ±Infinity in every number schema, which `Number.isFinite` (false for non-numbers) says too.
 */
const compileTest = (schema: Schema): Predicate | undefined => {
  const { def, traits } = schema._zod;
  if ((def as { coerce?: boolean }).coerce === true) return undefined;
  switch (def.type) {
    case 'string':
      return traits.has('$ZodString') ? (value: unknown) => typeof value === 'string' : undefined;
    case 'number':
      return traits.has('$ZodNumber') ? Number.isFinite : undefined;
    case 'boolean':
      return traits.has('$ZodBoolean') ? (value: unknown) => typeof value === 'boolean' : undefined;
    case 'enum': {
      const values = schema._zod.values;
      return traits.has('$ZodEnum') && values !== undefined ? (value: z.core.util.Primitive) => values.has(value) : undefined;
    }
  }
  return undefined;
};

/** The parse step of the other types, without their checks. */
const compileParse = (schema: Schema, path: string, ancestors: Set<Schema>): Validate => {
  const { def, traits } = schema._zod;
  switch (def.type) {
    case 'object':
      if (traits.has('$ZodObject')) return compileObject(def as z.core.$ZodObjectDef, path, ancestors);
      break;
    case 'array':
      if (traits.has('$ZodArray')) return compileArray(def as z.core.$ZodArrayDef, path, ancestors);
      break;
    case 'optional': {
      if (!traits.has('$ZodOptional') || traits.has('$ZodExactOptional')) break;
      const innerType = (def as z.core.$ZodOptionalDef).innerType;
      const inner = compileSchema(innerType, path, ancestors);
      // Only a defaulted inner schema is run for undefined; the others leave undefined as it is.
      if (innerType._zod.optin === 'defaulted') return inner;
      return (value) => (value === undefined ? undefined : inner(value));
    }
    case 'nullable': {
      if (!traits.has('$ZodNullable')) break;
      const inner = compileSchema((def as z.core.$ZodNullableDef).innerType, path, ancestors);
      return (value) => (value === null ? null : inner(value));
    }
    case 'default': {
      if (!traits.has('$ZodDefault')) break;
      const defaultDef = def as z.core.$ZodDefaultDef;
      const inner = compileSchema(defaultDef.innerType, path, ancestors);
      return (value) => {
        if (value === undefined) return defaultOf(defaultDef);
        const output = inner(value);
        return output === undefined ? defaultOf(defaultDef) : output;
      };
    }
  }
  const coerced = (def as { coerce?: boolean }).coerce === true;
  return refuse(path, `schema type "${def.type}"${coerced ? ' (coerced)' : ''}`);
};

/** The value itself when it passes every test. The type test comes first, so the checks' parameter types hold. */
const accept = (tests: Predicate[]): Validate => {
  const [a, b, c] = tests as ((value: unknown) => boolean)[];
  if (a === undefined) return (value) => value;
  if (b === undefined) return (value) => (a(value) ? value : NOT_SURE);
  if (c === undefined) return (value) => (a(value) && b(value) ? value : NOT_SURE);
  if (tests.length === 3) return (value) => (a(value) && b(value) && c(value) ? value : NOT_SURE);
  return (value) => ((tests as ((value: unknown) => boolean)[]).every((test) => test(value)) ? value : NOT_SURE);
};

const compileSchema = (schema: Schema, path: string, ancestors: Set<Schema>): Validate => {
  // As in zod's `$ZodType` init: a schema that is itself a check (a string format) runs first.
  const defChecks = (schema._zod.def.checks ?? []) as Check[];
  const checks = (schema._zod.traits.has('$ZodCheck') ? [schema as unknown as Check, ...defChecks] : defChecks).map((check) => compileCheck(check, path));
  const test = compileTest(schema);
  if (test !== undefined) return accept([test, ...checks]);
  if (ancestors.has(schema)) refuse(path, 'a recursive schema');
  ancestors.add(schema);
  const parse = compileParse(schema, path, ancestors);
  ancestors.delete(schema);
  if (checks.length === 0) return parse;
  // Checks run on the parsed output (a fresh object or array), as zod runs them.
  const passes = accept(checks);
  return (value) => {
    const output = parse(value);
    return output === NOT_SURE ? NOT_SURE : passes(output);
  };
};

/**
 * Compiles `schema` once. Refuses (and says why) anything but objects (strip or strict), arrays,
 * strings, numbers, booleans, enums, optional, nullable and default, with length, bound, integer,
 * regex, ISO datetime and refine checks.
 * @example
 * const { validate } = compileValidator(z.object({ n: z.number().int() }));
 * validate({ n: 1, extra: true }); // { n: 1 }
 * validate({ n: 1.5 }); // NOT_SURE: ask zod for the issues
 */
export const compileValidator = <S extends Schema>(schema: S): CompiledValidator<z.output<S>> => {
  let validate: Validate;
  try {
    // The semantics mirrored are zod 4.6's; another version may parse differently, so it keeps its own parse.
    const { major, minor } = schema._zod.version;
    if (major !== 4 || minor !== 6) refuse('', `zod ${major}.${minor}, not the 4.6 this compiler mirrors`);
    validate = compileSchema(schema, '', new Set());
  } catch (error) {
    // Internals that are not where zod 4.6 keeps them are one more thing this compiler does not know.
    return { validate: () => NOT_SURE, refused: error instanceof Refusal ? error.message : `(root): ${String(error)}` };
  }
  return {
    validate: (raw) => {
      try {
        return validate(raw) as z.output<S> | NotSure;
      } catch {
        // A getter, proxy trap or refinement threw: zod runs them again and throws its own way.
        return NOT_SURE;
      }
    },
  };
};

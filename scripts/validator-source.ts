import { z } from 'zod';
import { TriageInput } from '../src/schema/input.js';

/**
 * Writes, from a zod v4 schema, the TypeScript source of a validator that answers, for the inputs
 * zod accepts, exactly what `schema.safeParse` gives as `data`, at a fraction of the cost: one
 * plain function per object and array schema, a straight line of checks per field, no closures
 * and no `eval` / `new Function` (checked-in source runs under a strict CSP). It never reports
 * errors: when an input fails, or the generated code cannot vouch for it, it answers NOT_SURE and
 * the caller asks zod, so every error (issues, paths, messages) stays zod's own.
 *
 * The code mirrors zod 4.6's parse step by step (schemas.js, checks.js): the same property reads
 * in the same order (`input[key]`, then `key in input`, then `for…in` for strict objects), so
 * getters run once and inherited keys count as zod counts them; the same fresh objects with
 * declared keys in shape order; the same checks, patterns included (zod's own regular expressions,
 * written into the source: zod's datetime regex runs as fast as a hand-written scanner in V8).
 * Enum values, bounds and patterns are read from the schema when generating; what cannot be written
 * as source (a refinement's function, a default's value) is looked up in the loaded schema once, at
 * load time. On NOT_SURE zod reads the input again: a getter then runs twice. A construct the
 * generator does not know makes it refuse (a `Refusal` saying where).
 */

type Schema = z.core.$ZodType;
/** A check as zod stores it; `traits` is missing on a check made from a bare function. */
type Check = z.core.$ZodCheck<never> & { _zod: { traits?: Set<string> } };
/** The steps from the root schema to a part of it, as `schemaPart` (validator-runtime.ts) walks them. */
type Steps = readonly (string | number)[];
/** What a value is known to be where a check runs, so that the check's source type-checks. */
type Kind = 'string' | 'number' | 'boolean' | 'enum' | 'array' | 'object' | 'other';
/** A condition on the variable named `v`. */
type Condition = (v: string) => string;

/**
 * How a schema's answer is written for a variable holding its input: `test`, a condition under
 * which the output is the input itself; or `parse`, an expression whose value is the output or NOT_SURE.
 */
type Piece = { test: Condition } | { parse: Condition };

/** Raised on a construct the generator does not know. */
export class Refusal extends Error {}
const refuse = (path: string, what: string): never => {
  throw new Refusal(`${path || '(root)'}: ${what}`);
};

/** The zod version whose parse the generated code mirrors. */
const ZOD = { major: 4, minor: 6 };

/**
 * How an object keeps a field, from the field's `optin`/`optout` exactly as zod's object parse
 * (`handlePropertyResult` and its JIT twin) branches on them.
 */
type Mode =
  | 'required' // no optin: the key must be present
  | 'optional' // a plain `.optional()`, unwrapped: undefined is kept as is when the key is present
  | 'optional-out' // other optin and optout "optional": an absent key is left out, whatever its value
  | 'defaulted-optional' // optin "defaulted", optout "optional": an absent key kept when a value was produced
  | 'in-only'; // optin without optout: the value counts even when the key is absent

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;
/** A string in single quotes, as the project writes them. */
const quote = (text: string): string => `'${JSON.stringify(text).slice(1, -1).replace(/\\"/g, '"').replace(/'/g, "\\'")}'`;
const literal = (value: string | number): string => {
  if (typeof value === 'string') return quote(value);
  if (Number.isNaN(value)) throw new Error('NaN has no literal');
  return Object.is(value, -0) ? '-0' : value === Infinity ? 'Infinity' : value === -Infinity ? '-Infinity' : String(value);
};
/** A property access that type-checks on a `Record<string, unknown>`, where TypeScript gives `constructor` and its kin Object's types. */
const property = (key: string): string => (key in Object.prototype ? `[${quote(key)} as string]` : IDENTIFIER.test(key) ? `.${key}` : `[${quote(key)}]`);
/** A key of an object literal (`__proto__`, which would set the literal's prototype quoted or not, is refused before). */
const literalKey = (key: string): string => (IDENTIFIER.test(key) ? key : quote(key));
const words = (path: string): string[] => path.replace(/\[\]/g, '.item').split(/[^A-Za-z0-9]+/).filter(Boolean);
const camel = (path: string): string => words(path).map((w) => w[0]!.toUpperCase() + w.slice(1)).join('');
const upperSnake = (path: string): string => words(path).map((w) => w.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase()).join('_');
const and = (conditions: string[]): string => (conditions.length === 1 ? conditions[0]! : conditions.map((c) => `(${c})`).join(' && '));
/** Text from the schema (keys, paths) made safe inside a block comment. */
const comment = (text: string): string => text.replace(/\*\//g, '*\\/');
const indent = (lines: string[], by = '  '): string[] => lines.map((line) => (line === '' ? line : by + line));

/** The `.optional()` zod unwraps in an object: for undefined it answers undefined without running its inner schema. */
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

export interface ValidatorTarget {
  schema: Schema;
  /** The schema's export name and module, as the generated file imports it (`TriageInput`, `'../schema/input.js'`). */
  schemaExport: string;
  schemaModule: string;
  /** Where validator-runtime.ts is, seen from the generated file. */
  runtimeModule: string;
  /** The exported validator (`validateTriageInput`). */
  functionName: string;
  /** The command that rewrites the file, for its header. */
  command: string;
  /**
   * `'kept'` (the default): an `.optional()` key whose value is undefined is in the answer when
   * `key in input`, as zod writes it. `'omitted'`: such a key is left out, and that `in` is never
   * asked, for a caller that reads an absent key and an undefined one alike: a lookup saved per
   * absent key, which is most of an input's keys. `'written'`: the reads, checks and `in` of
   * `'omitted'`, but every object is one literal holding every declared key in shape order,
   * undefined where zod leaves the key out or writes undefined (`Complete<T>`, validator-runtime.ts):
   * every answer's object at one place in the schema has one hidden class, for a caller that would
   * otherwise copy the answer into that shape. Object checks (refinements) see that literal.
   */
  undefinedKeys?: UndefinedKeys;
}

type UndefinedKeys = 'kept' | 'omitted' | 'written';

class Generator {
  private readonly constants: string[] = [];
  private readonly functions: string[][] = [];
  private readonly names = new Set<string>();
  private readonly patterns = new Map<string, string>();
  private readonly enums = new Map<string, string>();
  private readonly keySets = new Map<string, string>();
  /** Looked up in the loaded schema: all must be found for the validator to answer. */
  readonly live: string[] = [];
  private readonly pieces = new Map<Schema, Piece>();
  private readonly ancestors = new Set<Schema>();
  usesCodePoints = false;
  usesRefinements = false;
  usesDefaults = false;

  constructor(
    private readonly root: string,
    reserved: string[],
    private readonly undefinedKeys: UndefinedKeys,
  ) {
    for (const name of reserved) this.names.add(name);
  }

  private name(wanted: string): string {
    let name = wanted;
    for (let i = 2; this.names.has(name); i++) name = `${wanted}${i}`;
    this.names.add(name);
    return name;
  }

  private constant(map: Map<string, string>, key: string, wanted: string, doc: string, value: string): string {
    let name = map.get(key);
    if (name === undefined) {
      name = this.name(wanted);
      map.set(key, name);
      this.constants.push(`/** ${comment(doc)} */`, `const ${name} = ${value};`);
    }
    return name;
  }

  private pattern(pattern: RegExp, what: string, path: string): Condition {
    const source = `/${pattern.source}/${pattern.flags}`;
    const name = this.constant(this.patterns, source, `${what === 'datetime' ? 'ISO_DATETIME' : 'PATTERN'}`, `zod's ${what} pattern, first at ${path || '(root)'}.`, source);
    // The lastIndex reset of `$ZodCheckStringFormat` / `$ZodCheckRegex` matters only to a stateful pattern.
    return pattern.global || pattern.sticky ? (v) => `(${name}.lastIndex = 0, ${name}.test(${v}))` : (v) => `${name}.test(${v})`;
  }

  private livePart(wanted: string, steps: Steps, trait: string, type: string, path: string): string {
    const name = this.name(wanted);
    this.constants.push(`/** ${comment(path || '(root)')}, looked up in the loaded schema. */`, `const ${name} = schemaPart<${type}>(${this.root}, [${steps.map(literal).join(', ')}], '${trait}');`);
    this.live.push(name);
    return name;
  }

  /** One check, by its zod class (`traits`, what zod's own `instanceof` reads): the passing condition of that class's `_zod.check`. */
  private check(check: Check, kind: Kind, path: string, steps: Steps): Condition {
    const traits = check._zod.traits;
    const def = check._zod.def;
    const on = (wanted: Kind[], what: string): void => {
      if (!wanted.includes(kind)) refuse(path, `${what} on a ${kind} schema`);
    };
    if (traits === undefined) return refuse(path, `check "${def.check}" made from a bare function`);
    if (traits.has('$ZodCheckMaxLength')) {
      on(['string', 'array'], 'a maximum length');
      const max = literal((def as z.core.$ZodCheckMaxLengthDef).maximum);
      if (kind === 'array') return (v) => `${v}.length <= ${max}`;
      // zod counts a string's code points, but only when its UTF-16 length is over.
      this.usesCodePoints = true;
      return (v) => `${v}.length <= ${max} || codePointLength(${v}) <= ${max}`;
    }
    if (traits.has('$ZodCheckMinLength')) {
      on(['string', 'array'], 'a minimum length');
      const { minimum } = def as z.core.$ZodCheckMinLengthDef;
      // A string of one unit or more has a code point or more.
      if (kind === 'array' || minimum <= 1) return (v) => `${v}.length >= ${literal(minimum)}`;
      // A code point is one or two UTF-16 units: only between the floor and twice it is the count in doubt.
      this.usesCodePoints = true;
      return (v) => `${v}.length >= ${literal(minimum * 2)} || (${v}.length >= ${literal(minimum)} && codePointLength(${v}) >= ${literal(minimum)})`;
    }
    if (traits.has('$ZodCheckGreaterThan')) {
      on(['number'], 'a lower bound');
      const { value: bound, inclusive } = def as z.core.$ZodCheckGreaterThanDef;
      if (typeof bound !== 'number' || Number.isNaN(bound)) return refuse(path, 'a lower bound that is not a number');
      return (v) => `${v} ${inclusive ? '>=' : '>'} ${literal(bound)}`;
    }
    if (traits.has('$ZodCheckLessThan')) {
      on(['number'], 'an upper bound');
      const { value: bound, inclusive } = def as z.core.$ZodCheckLessThanDef;
      if (typeof bound !== 'number' || Number.isNaN(bound)) return refuse(path, 'an upper bound that is not a number');
      return (v) => `${v} ${inclusive ? '<=' : '<'} ${literal(bound)}`;
    }
    if (traits.has('$ZodCheckNumberFormat')) {
      on(['number'], 'a number format');
      const { format } = def as z.core.$ZodCheckNumberFormatDef;
      const range = Object.hasOwn(z.util.NUMBER_FORMAT_RANGES, format) ? z.util.NUMBER_FORMAT_RANGES[format] : undefined;
      if (range === undefined) return refuse(path, `number format "${format}"`);
      const [minimum, maximum] = range;
      const integer = format.includes('int');
      // Number.isSafeInteger already bounds a value to the safe range.
      if (integer && minimum === Number.MIN_SAFE_INTEGER && maximum === Number.MAX_SAFE_INTEGER) return (v) => `Number.isSafeInteger(${v})`;
      return (v) => and([...(integer ? [`Number.isSafeInteger(${v})`] : []), `${v} >= ${literal(minimum)}`, `${v} <= ${literal(maximum)}`]);
    }
    if (traits.has('$ZodCheckRegex')) {
      on(['string'], 'a regex');
      return this.pattern((def as z.core.$ZodCheckRegexDef).pattern, 'regex', path);
    }
    if (traits.has('$ZodISODateTime')) {
      on(['string'], 'a datetime format');
      // The format schema is its own check, the pattern test of `$ZodCheckStringFormat`.
      const { pattern } = def as z.core.$ZodISODateTimeDef;
      if (pattern === undefined) return refuse(path, 'a datetime format without a pattern');
      return this.pattern(pattern, 'datetime', path);
    }
    if (traits.has('$ZodCustom')) {
      // `.refine(fn)`: a function cannot be written into source; the very check zod runs is looked up.
      this.usesRefinements = true;
      const name = this.livePart(`REFINEMENT_${upperSnake(path) || 'ROOT'}`, steps, '$ZodCustom', 'z.core.$ZodCheck<never>', path);
      return (v) => `passesRefinement(${name}, ${v})`;
    }
    return refuse(path, `check "${def.check}"`);
  }

  /**
   * The parse step of the types whose output is their input: a test. zod v4 rejects NaN and
   * ±Infinity in every number schema, which `Number.isFinite` says too.
   */
  private test(schema: Schema, path: string): [Kind, Condition] | undefined {
    const { def, traits } = schema._zod;
    if ((def as { coerce?: boolean }).coerce === true) return undefined;
    switch (def.type) {
      case 'string':
        return traits.has('$ZodString') ? ['string', (v) => `typeof ${v} === 'string'`] : undefined;
      case 'number':
        return traits.has('$ZodNumber') ? ['number', (v) => `typeof ${v} === 'number' && Number.isFinite(${v})`] : undefined;
      case 'boolean':
        return traits.has('$ZodBoolean') ? ['boolean', (v) => `typeof ${v} === 'boolean'`] : undefined;
      case 'enum': {
        const values = schema._zod.values;
        if (!traits.has('$ZodEnum') || values === undefined) return undefined;
        const list = [...values].map((value) =>
          typeof value === 'string' || (typeof value === 'number' && !Number.isNaN(value)) ? literal(value) : refuse(path, `enum value ${String(value)}`),
        );
        const name = this.constant(this.enums, list.join(), `${upperSnake(path) || 'ROOT'}_VALUES`, `zod's enum values, first at ${path || '(root)'}.`, `new Set<unknown>([${list.join(', ')}])`);
        return ['enum', (v) => `${name}.has(${v})`];
      }
    }
    return undefined;
  }

  /** A function named after `path`, its source and what it answers with. */
  private function(path: string, doc: string, body: string[]): string {
    const name = this.name(`parse${camel(path) || this.root[0]!.toUpperCase() + this.root.slice(1)}`);
    this.functions.push([`/** ${comment(doc)} */`, `function ${name}(input: unknown): unknown {`, ...indent(body), '}']);
    return name;
  }

  piece(schema: Schema, path: string, steps: Steps): Piece {
    const known = this.pieces.get(schema);
    if (known !== undefined) return known;
    const { def, traits } = schema._zod;
    const tested = this.test(schema, path);
    const kind: Kind = tested?.[0] ?? (def.type === 'object' || def.type === 'array' ? def.type : 'other');
    // As in zod's `$ZodType` init: a schema that is itself a check (a string format) runs first.
    const own = traits.has('$ZodCheck') ? [this.check(schema as unknown as Check, kind, path, steps)] : [];
    const checks = [...own, ...((def.checks ?? []) as Check[]).map((check, i) => this.check(check, kind, path, [...steps, 'checks', i]))];
    let piece: Piece;
    if (tested !== undefined) {
      piece = { test: (v) => and([tested[1](v), ...checks.map((check) => check(v))]) };
    } else {
      if (this.ancestors.has(schema)) refuse(path, 'a recursive schema');
      this.ancestors.add(schema);
      piece = this.parse(schema, path, steps, checks);
      this.ancestors.delete(schema);
    }
    this.pieces.set(schema, piece);
    return piece;
  }

  /** The other types' parse step; object and array functions end with their checks, the wrappers get a function for theirs. */
  private parse(schema: Schema, path: string, steps: Steps, checks: Condition[]): Piece {
    const { def, traits } = schema._zod;
    switch (def.type) {
      case 'object':
        if (traits.has('$ZodObject')) return this.object(def as z.core.$ZodObjectDef, path, steps, checks);
        break;
      case 'array':
        if (traits.has('$ZodArray')) return this.array(def as z.core.$ZodArrayDef, path, steps, checks);
        break;
    }
    const wrapper = this.wrapper(schema, path, steps);
    if (checks.length === 0) return wrapper;
    const body = [`const output = ${asParse(wrapper, 'input')};`, 'if (output === NOT_SURE) return NOT_SURE;', `return ${and(checks.map((check) => check('output')))} ? output : NOT_SURE;`];
    return { parse: (v) => `${this.function(`${path}.checked`, `${path || '(root)'} with its checks.`, body)}(${v})` };
  }

  private wrapper(schema: Schema, path: string, steps: Steps): Piece {
    const { def, traits } = schema._zod;
    switch (def.type) {
      case 'optional': {
        if (!traits.has('$ZodOptional') || traits.has('$ZodExactOptional')) break;
        const innerType = (def as z.core.$ZodOptionalDef).innerType;
        const inner = this.piece(innerType, path, [...steps, 'innerType']);
        // Only a defaulted inner schema is run for undefined; the others leave undefined as it is.
        if (innerType._zod.optin === 'defaulted') return inner;
        return 'test' in inner ? { test: (v) => `${v} === undefined || (${inner.test(v)})` } : { parse: (v) => `${v} === undefined ? undefined : ${inner.parse(v)}` };
      }
      case 'nullable': {
        if (!traits.has('$ZodNullable')) break;
        const inner = this.piece((def as z.core.$ZodNullableDef).innerType, path, [...steps, 'innerType']);
        return 'test' in inner ? { test: (v) => `${v} === null || (${inner.test(v)})` } : { parse: (v) => `${v} === null ? null : ${inner.parse(v)}` };
      }
      case 'default': {
        if (!traits.has('$ZodDefault')) break;
        const inner = this.piece((def as z.core.$ZodDefaultDef).innerType, path, [...steps, 'innerType']);
        // A default's value is minted by zod's getter (a fresh copy, or the default's function): looked up, not written.
        this.usesDefaults = true;
        const schemaName = this.livePart(`DEFAULT_${upperSnake(path) || 'ROOT'}`, steps, '$ZodDefault', 'z.core.$ZodDefault', path);
        const body = [
          `if (input === undefined) return defaultOf(${schemaName});`,
          `const output = ${asParse(inner, 'input')};`,
          `return output === undefined ? defaultOf(${schemaName}) : output;`,
        ];
        return { parse: (v) => `${this.function(`${path}.defaulted`, `${path || '(root)'}, defaulted.`, body)}(${v})` };
      }
    }
    const coerced = (def as { coerce?: boolean }).coerce === true;
    return refuse(path, `schema type "${def.type}"${coerced ? ' (coerced)' : ''}`);
  }

  private object(def: z.core.$ZodObjectDef, path: string, steps: Steps, checks: Condition[]): Piece {
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
    const locals = new Set(['input', 'object', 'output', 'key']);
    const local = (wanted: string): string => {
      let name = wanted;
      for (let i = 2; locals.has(name); i++) name = `${wanted}${i}`;
      locals.add(name);
      return name;
    };
    const written = this.undefinedKeys === 'written';
    const body = [
      "if (typeof input !== 'object' || input === null || Array.isArray(input)) return NOT_SURE;",
      'const object = input as Record<string, unknown>;',
      ...(written ? [] : ['const output: Record<string, unknown> = {};']),
    ];
    /** The entries of the one literal `written` returns, in shape order. */
    const entries: string[] = [];
    for (const key of keys) {
      const schema = shape[key] as Schema;
      const fieldPath = `${path}.${key}`;
      const fieldSteps = [...steps, 'shape', key];
      const { optin, optout } = schema._zod;
      const plain = isPlainOptional(schema);
      const mode: Mode = plain ? 'optional' : optin === undefined ? 'required' : optout !== 'optional' ? 'in-only' : optin === 'optional' ? 'optional-out' : 'defaulted-optional';
      const piece = plain ? this.piece(schema._zod.def.innerType, fieldPath, [...fieldSteps, 'innerType']) : this.piece(schema, fieldPath, fieldSteps);
      // `$` keeps a field's local apart from reserved words, globals and the module's own names.
      const base = `$${IDENTIFIER.test(key) ? key : camel(key)}`;
      const v = local(base);
      const out = local(`${base}Out`);
      const k = quote(key);
      const to = `output${property(key)}`;
      /** A value zod always writes: onto `output`, or (written) straight into the literal. */
      const always = (value: string): void => {
        if (written) entries.push(`${literalKey(key)}: ${value},`);
        else body.push(`${to} = ${value};`);
      };
      /** Where a value zod may leave out goes: onto `output`, or (written) into a local the literal reads, undefined unless set. */
      const slot = (): string => {
        if (!written) return to;
        const name = local(`${base}Value`);
        body.push(`let ${name}: unknown;`);
        entries.push(`${literalKey(key)}: ${name},`);
        return name;
      };
      /** `target = value`; omitted leaves out a value that is undefined (`.optional().nullable()`), as it does an undefined key. */
      const assign = (target: string, value: string): string => (this.undefinedKeys === 'omitted' ? `if (${value} !== undefined) ${target} = ${value};` : `${target} = ${value};`);
      // zod reads `input[key]`, parses it, and only then asks `key in input`: the same order here,
      // so that getters and proxy traps run as they would.
      body.push(`const ${v} = object${property(key)};`);
      switch (mode) {
        case 'required':
          if ('test' in piece) {
            body.push(`if (!(${piece.test(v)}) || !(${k} in object)) return NOT_SURE;`);
            always(v);
          } else {
            body.push(`const ${out} = ${piece.parse(v)};`, `if (${out} === NOT_SURE || !(${k} in object)) return NOT_SURE;`);
            always(out);
          }
          break;
        case 'optional': {
          const target = slot();
          // Written, the key's presence cannot change the answer for undefined: no `in`, as for omitted.
          const absent = { kept: `  if (${k} in object) ${target} = undefined;`, omitted: '  // left out, present or not (undefinedKeys: omitted)', written: '  // undefined, present or not (undefinedKeys: written)' };
          body.push(`if (${v} === undefined) {`, absent[this.undefinedKeys]);
          // An absent key's result is dropped, issues included (an absent key with a value takes a proxy).
          if ('test' in piece) body.push(`} else if (${piece.test(v)}) {`, `  if (${k} in object) ${target} = ${v};`, `} else if (${k} in object) return NOT_SURE;`);
          else body.push('} else {', `  const ${out} = ${piece.parse(v)};`, `  if (${k} in object) {`, `    if (${out} === NOT_SURE) return NOT_SURE;`, `    ${target} = ${out};`, '  }', '}');
          break;
        }
        case 'optional-out': {
          const target = slot();
          body.push(`const ${out} = ${asParse(piece, v)};`, `if (${k} in object) {`, `  if (${out} === NOT_SURE) return NOT_SURE;`, `  ${assign(target, out)}`, '}');
          break;
        }
        case 'defaulted-optional':
        case 'in-only': {
          body.push(`const ${out} = ${asParse(piece, v)};`);
          // Absent and undefined is left out, unless the field's schema is a default itself; zod asks
          // `in` either way. Omitted or written, an absent key and an undefined value come out alike.
          if (this.undefinedKeys !== 'kept' || (mode === 'in-only' && optin === 'defaulted')) {
            body.push(`void (${k} in object);`, `if (${out} === NOT_SURE) return NOT_SURE;`);
            if (written) always(out);
            else body.push(assign(to, out));
          } else {
            const present = local(`${base}Present`);
            body.push(`const ${present} = ${k} in object;`, `if (${out} === NOT_SURE) return NOT_SURE;`, `if (${present} || ${out} !== undefined) ${to} = ${out};`);
          }
          break;
        }
      }
    }
    if (strict) {
      const list = keys.map(quote).join(', ');
      const name = this.constant(this.keySets, list, `${upperSnake(path) || 'ROOT'}_KEYS`, `The keys of the strict object at ${path || '(root)'}.`, `new Set<string>([${list}])`);
      // zod's strict objects report every other enumerable key, inherited ones and __proto__ included.
      body.push(`for (const key in object) if (!${name}.has(key)) return NOT_SURE;`);
    }
    // Written, the object is made once its fields are all read: one literal, one hidden class.
    if (written) body.push(...(entries.length === 0 ? ['const output = {};'] : ['const output = {', ...indent(entries), '};']));
    if (checks.length > 0) body.push(`if (!(${and(checks.map((check) => check('output')))})) return NOT_SURE;`);
    body.push('return output;');
    const doc = written ? 'one object literal with every declared key in shape order (undefined where zod has none)' : 'a fresh object with its declared keys in shape order';
    const name = this.function(path, `The object at ${path || '(root)'}: ${doc}, or NOT_SURE.`, body);
    return { parse: (v) => `${name}(${v})` };
  }

  private array(def: z.core.$ZodArrayDef, path: string, steps: Steps, checks: Condition[]): Piece {
    const element = this.piece(def.element, `${path}[]`, [...steps, 'element']);
    // zod rejects an array over its max length before reading any element; bound the work the same way.
    let cap = Infinity;
    for (const check of def.checks ?? []) {
      const d = check._zod.def;
      if (d.check === 'max_length') cap = Math.min(cap, (d as z.core.$ZodCheckMaxLengthDef).maximum);
    }
    const body = [
      `if (!Array.isArray(input)${cap === Infinity ? '' : ` || input.length > ${literal(cap)}`}) return NOT_SURE;`,
      'const output = new Array<unknown>(input.length);',
      'for (let i = 0; i < input.length; i++) {',
      '  const item: unknown = input[i];',
      ...('test' in element
        ? [`  if (!(${element.test('item')})) return NOT_SURE;`, '  output[i] = item;']
        : [`  const value = ${element.parse('item')};`, '  if (value === NOT_SURE) return NOT_SURE;', '  output[i] = value;']),
      '}',
      ...(checks.length > 0 ? [`if (!(${and(checks.map((check) => check('output')))})) return NOT_SURE;`] : []),
      'return output;',
    ];
    const name = this.function(path === '' ? '.items' : path, `The array at ${path || '(root)'}: a fresh array of its elements' outputs, or NOT_SURE.`, body);
    return { parse: (v) => `${name}(${v})` };
  }

  source(target: ValidatorTarget, rootPiece: Piece): string {
    const runtime = ['NOT_SURE', 'type NotSure', 'zodVersionIs'];
    if (this.live.length > 0) runtime.push('schemaPart');
    if (this.usesCodePoints) runtime.push('codePointLength');
    if (this.usesRefinements) runtime.push('passesRefinement');
    if (this.usesDefaults) runtime.push('defaultOf');
    if (this.undefinedKeys === 'written') runtime.push('type Complete');
    const data = `z.output<typeof ${target.schemaExport}>`;
    const output = this.undefinedKeys === 'written' ? `Complete<${data}>` : data;
    const howKeys = { kept: '', omitted: ', less the optional keys zod writes as undefined,', written: ', with every declared key (undefined where zod has none),' }[this.undefinedKeys];
    return [
      `// Generated by scripts/generate-validator.ts from the zod schema ${target.schemaExport}: do not edit; run \`${target.command}\`.`,
      "import type { z } from 'zod';",
      `import { ${target.schemaExport} } from '${target.schemaModule}';`,
      `import { ${runtime.sort((a, b) => a.replace('type ', '').localeCompare(b.replace('type ', ''))).join(', ')} } from '${target.runtimeModule}';`,
      '',
      ...this.constants,
      '',
      ...this.functions.flatMap((lines) => [...lines, '']),
      `/** Whether the loaded schema is the one this file was generated from, as far as it is read at run time: else every answer is NOT_SURE. */`,
      `const usable = ${[`zodVersionIs(${target.schemaExport}, ${ZOD.major}, ${ZOD.minor})`, ...this.live.map((name) => `${name} !== undefined`)].join(' && ')};`,
      '',
      '/**',
      ` * zod's \`data\` for \`raw\` when \`${target.schemaExport}.safeParse(raw)\` succeeds${howKeys} or NOT_SURE: then ask zod, for its issues.`,
      ' * Never throws: a throwing getter, proxy trap or refinement answers NOT_SURE.',
      ' * @example',
      ` * const data = ${target.functionName}(raw);`,
      ` * const parsed = data === NOT_SURE ? ${target.schemaExport}.safeParse(raw) : { success: true, data };`,
      ' */',
      `export const ${target.functionName} = (raw: unknown): ${output} | NotSure => {`,
      '  if (!usable) return NOT_SURE;',
      '  try {',
      `    return ${asParse(rootPiece, 'raw')} as ${output} | NotSure;`,
      '  } catch {',
      '    // zod runs the getter, trap or refinement again and throws its own way.',
      '    return NOT_SURE;',
      '  }',
      '};',
      '',
    ].join('\n');
  }
}

const asParse = (piece: Piece, v: string): string => ('test' in piece ? `${piece.test(v)} ? ${v} : NOT_SURE` : piece.parse(v));

/**
 * The source of a validator module for `target.schema`. Refuses (a `Refusal` saying where) anything
 * but objects (strip or strict), arrays, strings, numbers, booleans, enums, optional, nullable and
 * default, with length, bound, integer, regex, ISO datetime and refine checks.
 * @example
 * writeFileSync('src/generated/validate-input.ts', validatorSource({ schema: TriageInput, schemaExport: 'TriageInput', ... }));
 */
export const validatorSource = (target: ValidatorTarget): string => {
  const { schema } = target;
  const { major, minor } = schema._zod.version;
  if (major !== ZOD.major || minor !== ZOD.minor) refuse('', `zod ${major}.${minor}, not the ${ZOD.major}.${ZOD.minor} this generator mirrors`);
  // Module-level names the generated ones must not shadow or redeclare.
  const reserved = ['z', 'usable', target.schemaExport, target.functionName, 'NOT_SURE', 'NotSure', 'Complete', 'codePointLength', 'defaultOf', 'passesRefinement', 'schemaPart', 'zodVersionIs'];
  const generator = new Generator(target.schemaExport, reserved, target.undefinedKeys ?? 'kept');
  const root = generator.piece(schema, '', []);
  return generator.source(target, root);
};

/** The validators the library uses, by the file `npm run validator:generate` writes each to. */
export const generatedValidators = (): Record<string, string> => ({
  'src/generated/validate-input.ts': validatorSource({
    schema: TriageInput,
    schemaExport: 'TriageInput',
    schemaModule: '../schema/input.js',
    runtimeModule: '../schema/validator-runtime.js',
    functionName: 'validateTriageInput',
    command: 'npm run validator:generate',
    // validateInput hands the answer on as the canonical input (every key, src/input/canonical.ts), uncopied
    undefinedKeys: 'written',
  }),
});

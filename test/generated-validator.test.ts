import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { validateTriageInput } from '../src/generated/validate-input.js';
import { canonicalInput } from '../src/input/canonical.js';
import { validateInput } from '../src/input/validate.js';
import { NOT_SURE } from '../src/schema/validator-runtime.js';
import { TriageInput } from '../src/schema/input.js';
import { Policy, PolicyPatch } from '../src/schema/policy.js';
import { generatedValidators, Refusal, validatorSource, type ValidatorTarget } from '../scripts/validator-source.js';
import { loadFixtures } from './support/fixtures.js';
import { layout, shapeProblems } from './support/shape.js';
import * as zoo from './support/validator-zoo.js';
import { disguise, disguises, mutate, mutation, valuesFor, type Disguise, type Mutation } from './support/zod-arbitrary.js';

/**
 * The validator generated from TriageInput (src/generated/validate-input.ts) stands in for
 * `safeParse` on the inputs zod accepts. These tests hold it to zod itself: on every input, it
 * answers zod's data (deep, key order and own undefined keys included; in the library's mode,
 * 'written', every declared key in shape order) or NOT_SURE, and for the schemas here NOT_SURE
 * exactly when zod rejects. Validators for other schemas (the policy, the constructs TriageInput
 * does not use) and in the other modes are generated into test/.generated/ and held to zod the same way.
 */

type Validate = (raw: unknown) => unknown;
type UndefinedKeys = NonNullable<ValidatorTarget['undefinedKeys']>;

/** zod's data less its own keys whose value is undefined, at every level: the answer of a validator generated with `undefinedKeys: 'omitted'`, less those of 'written'. */
const withoutUndefinedKeys = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(withoutUndefinedKeys);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) if (v !== undefined) out[key] = withoutUndefinedKeys(v);
  return out;
};

/**
 * Whether zod accepted; fails the test unless the generated answer is zod's: as it is ('kept'),
 * less zod's undefined keys ('omitted'), or ('written') the same once both lose their undefined keys,
 * with every object holding exactly the schema's declared keys in shape order.
 */
const sameAnswerAsZod = (schema: z.ZodType, validate: Validate, input: unknown, undefinedKeys: UndefinedKeys = 'kept'): boolean => {
  const parsed = schema.safeParse(input);
  const fast = validate(input);
  if (!parsed.success) {
    expect(fast).toBe(NOT_SURE);
    return false;
  }
  expect(fast).not.toBe(NOT_SURE);
  const expected = undefinedKeys === 'kept' ? parsed.data : withoutUndefinedKeys(parsed.data);
  const answer = undefinedKeys === 'written' ? withoutUndefinedKeys(fast) : fast;
  expect(answer).toStrictEqual(expected);
  expect(layout(answer)).toStrictEqual(layout(expected));
  if (undefinedKeys === 'written') expect(shapeProblems(schema, fast)).toEqual([]);
  return true;
};

const MODES: readonly UndefinedKeys[] = ['kept', 'omitted', 'written'];

/**
 * Generated values for `schema`: meant to pass, past the bounds, or broken in one place; each behind
 * one of the ways to hold an object.
 */
const inputsFor = (schema: z.ZodType, overrides = {}): fc.Arbitrary<unknown> => {
  const valid = valuesFor(schema, { overrides });
  const value = fc.oneof(
    valid,
    valuesFor(schema, { overrides, edgy: true }),
    fc.tuple(valid, mutation).map(([v, change]: [unknown, Mutation]) => mutate(v, change)),
  );
  return fc.tuple(value, fc.constantFrom<Disguise>(...disguises), fc.nat(3)).map(([v, how, split]) => disguise(v, how, split));
};

const ZONES = fc.constantFrom('Asia/Shanghai', 'UTC', 'Europe/Berlin', 'America/New_York', 'Mars/Olympus_Mons', '');
const triageOverrides = { 'policy.timezone': ZONES };

const GENERATED_DIR = join(import.meta.dirname, '.generated');
rmSync(GENERATED_DIR, { recursive: true, force: true });
mkdirSync(GENERATED_DIR, { recursive: true });
afterAll(() => rmSync(GENERATED_DIR, { recursive: true, force: true }));

/** How a module in test/.generated/ imports `schemaExport` from `schemaModule` (relative to test/). */
const target = (schema: z.ZodType, schemaExport = 'schema', schemaModule = '../support/validator-zoo.js', undefinedKeys: UndefinedKeys = 'kept'): ValidatorTarget => ({
  schema,
  schemaExport,
  schemaModule,
  runtimeModule: '../../src/schema/validator-runtime.js',
  functionName: 'validate',
  command: 'vitest',
  undefinedKeys,
});

/** Writes the validator for `target` to test/.generated/ and loads it. */
const generate = async (file: string, options: ValidatorTarget): Promise<Validate> => {
  const path = join(GENERATED_DIR, `${file}.ts`);
  writeFileSync(path, validatorSource(options));
  return ((await import(path)) as { validate: Validate }).validate;
};

describe('the triage input validator generated from TriageInput', () => {
  const validate = validateTriageInput;

  it.each(Object.entries(generatedValidators()))('%s is what the generator writes now (run npm run validator:generate)', (path, text) => {
    expect(readFileSync(path, 'utf8')).toBe(text);
  });

  it('accepts every fixture input, with exactly zod\'s output in canonicalInput\'s shape (every declared key, in order)', () => {
    for (const { name, fixture } of loadFixtures()) {
      expect(sameAnswerAsZod(TriageInput, validate, fixture.input, 'written'), name).toBe(true);
      const canonical = canonicalInput(TriageInput.parse(fixture.input));
      expect(validate(fixture.input), name).toStrictEqual(canonical);
      expect(layout(validate(fixture.input)), name).toStrictEqual(layout(canonical));
    }
  });

  it('gives zod\'s answer on generated inputs: at the bounds, broken in one place, behind null prototypes, inheritance, getters', () => {
    let accepted = 0;
    const runs = 1500;
    fc.assert(
      fc.property(inputsFor(TriageInput, triageOverrides), (input) => {
        if (sameAnswerAsZod(TriageInput, validate, input, 'written')) accepted++;
      }),
      { numRuns: runs },
    );
    // Both answers are exercised, not only "NOT_SURE, zod rejects".
    expect(accepted).toBeGreaterThan(runs * 0.15);
    expect(accepted).toBeLessThan(runs * 0.85);
  }, 60_000); // 1,500 zod parses and generated inputs: seconds on a busy machine, not what is tested

  it('gives zod\'s answer on generated policies, defaults included, with undefined keys kept, omitted or written', async () => {
    for (const [name, schema] of Object.entries({ Policy, PolicyPatch })) {
      for (const undefinedKeys of MODES) {
        const generated = await generate(`${name}-${undefinedKeys}`, target(schema, name, '../../src/schema/policy.js', undefinedKeys));
        fc.assert(fc.property(inputsFor(schema, { timezone: ZONES }), (input) => void sameAnswerAsZod(schema, generated, input, undefinedKeys)), { numRuns: 500 });
      }
    }
  });

  it('is what validateInput hands on, uncopied (test/input-shape.test.ts holds it to the zod path)', () => {
    for (const { name, fixture } of loadFixtures()) {
      const raw = JSON.parse(JSON.stringify(fixture.input)) as unknown;
      const { input } = validateInput(raw, () => new Date(0));
      expect(input, name).toStrictEqual(validate(raw));
      expect(layout(input), name).toStrictEqual(layout(validate(raw)));
    }
  });
});

describe('reads an input the way zod does', () => {
  const validate = validateTriageInput;
  const order = { status: 'paid', amount: 10 };
  const agrees = (input: unknown): unknown => {
    sameAnswerAsZod(TriageInput, validate, input, 'written');
    return validate(input);
  };
  const DECLARED = Object.keys(TriageInput.shape);

  it('drops unknown keys and writes declared ones in the schema\'s order', () => {
    const output = agrees({ message: 'hi', extra: 1, order: { amount: 10, status: 'paid', id: 'A1' } });
    expect(JSON.stringify(output)).toBe('{"order":{"id":"A1","status":"paid","amount":10},"message":"hi"}');
    expect(Object.keys(output as object)).toEqual(DECLARED);
  });

  it('keeps a key present with undefined and leaves out an absent one (kept), leaves out both (omitted), writes both (written, the library\'s)', async () => {
    const [kept, omitted] = await Promise.all(
      (['kept', 'omitted'] as const).map((mode) => generate(`triage-input-${mode}`, target(TriageInput, 'TriageInput', '../../src/schema/input.js', mode))),
    );
    const input = { order, claim: undefined };
    expect(sameAnswerAsZod(TriageInput, kept!, input)).toBe(true);
    expect(sameAnswerAsZod(TriageInput, omitted!, input, 'omitted')).toBe(true);
    expect(Object.keys(kept!(input) as object)).toEqual(['order', 'claim']);
    expect(Object.keys(omitted!(input) as object)).toEqual(['order']);
    expect(Object.keys(agrees(input) as object)).toEqual(DECLARED);
  });

  it('asks no `in` for an undefined key, and keeps asking it for a key with a value (a proxy may deny a key it reads)', () => {
    const asked: (string | symbol)[] = [];
    const input = new Proxy({ order, message: 'hi', claim: undefined }, { has: (t, key) => (asked.push(key), Reflect.has(t, key)) });
    agrees(input);
    asked.length = 0; // zod's own parse asks for every key
    expect(validate(input)).not.toBe(NOT_SURE);
    expect(asked).toContain('message');
    expect(asked).not.toContain('claim');
    expect(asked).not.toContain('locale');
  });

  it('reads inherited keys, getters and non-plain objects (dates, class instances, null prototypes) as zod does', () => {
    agrees(Object.create({ order, message: 'inherited' }));
    agrees(Object.assign(Object.create(null), { order }));
    agrees(Object.assign(new Date(0), { order }));
    agrees(Object.assign(new (class Input {})(), { order }));
    agrees({ order: new Map() });
    agrees({ get order() { return order; } });
  });

  it('reads each declared property once when it accepts', () => {
    let reads = 0;
    const input = { get order() { reads++; return order; }, get message() { reads++; return 'hi'; } };
    expect(validate(input)).not.toBe(NOT_SURE);
    expect(reads).toBe(2);
  });

  it('asks whether a key is there after reading it, as zod does: a getter that deletes its key, a proxy that denies it', () => {
    expect(agrees({ get order() { delete (this as { order?: unknown }).order; return order; } })).toBe(NOT_SURE);
    expect(agrees(new Proxy({ order }, { has: () => false }))).toBe(NOT_SURE);
    // Every other key is "there", with the value undefined: zod keeps them all.
    expect(agrees(new Proxy({ order, message: 'hi' }, { has: (_, key) => key !== 'message' }))).toHaveProperty('message', undefined);
  });

  it('drops a __proto__ key where the schema strips, and leaves it to zod where it is strict', () => {
    const input = JSON.parse('{"__proto__": {"polluted": true}, "order": {"status": "paid", "amount": 1, "__proto__": {"x": 1}}}') as unknown;
    expect(withoutUndefinedKeys(agrees(input))).toStrictEqual({ order: { status: 'paid', amount: 1 } });
    expect(agrees({ order, policy: JSON.parse('{"__proto__": {}, "shipsOnWeekends": true}') })).toBe(NOT_SURE);
  });

  it('takes -0 as it is and leaves NaN, ±Infinity and unsafe integers to zod', () => {
    expect(Object.is((agrees({ order: { status: 'paid', amount: -0 } }) as { order: { amount: number } }).order.amount, -0)).toBe(true);
    for (const amount of [Number.NaN, Infinity, -Infinity]) expect(agrees({ order: { status: 'paid', amount } })).toBe(NOT_SURE);
    expect(agrees({ order, claim: { type: 'quality', photos: 2 ** 53 } })).toBe(NOT_SURE);
  });

  it('measures string lengths in code points, as zod does', () => {
    const emoji = '😀'.repeat(150); // 300 UTF-16 units, 150 code points: within 200
    expect(agrees({ order: { ...order, id: emoji } })).not.toBe(NOT_SURE);
    expect(agrees({ order: { ...order, id: '😀'.repeat(201) } })).toBe(NOT_SURE);
  });

  it('leaves to zod 501 tracking events, a throwing getter and a revoked proxy', () => {
    const event = { at: '2026-11-14T10:00:00+08:00', kind: 'accepted' };
    expect(agrees({ order, shipment: { events: Array.from({ length: 501 }, () => event) } })).toBe(NOT_SURE);
    const throwing = { order, get message(): string { throw new Error('boom'); } };
    expect(validate(throwing)).toBe(NOT_SURE);
    expect(() => TriageInput.safeParse(throwing)).toThrow('boom');
    const { proxy, revoke } = Proxy.revocable({ order }, {});
    revoke();
    expect(validate(proxy)).toBe(NOT_SURE);
  });

  it('leaves an async refinement to zod', async () => {
    const asyncRefined = await generate('async-refined', target(zoo.asyncRefined, 'asyncRefined'));
    expect(asyncRefined('x')).toBe(NOT_SURE);
  });
});

describe('other schemas built from the supported constructs', () => {
  const zooModes = Object.entries(zoo.ZOO).flatMap(([name, schema]) => MODES.map((mode) => [name, mode, schema] as const));
  it.each(zooModes)('generates %s (undefined keys %s) and gives zod\'s answer on generated values', async (name, mode, schema) => {
    const validate = await generate(`${name}-${mode}`, target(schema, name, undefined, mode));
    // fast-check cannot generate for a sticky pattern.
    const sticky = fc.constantFrom('b', 'bb', 'ab', '', 1);
    fc.assert(fc.property(inputsFor(schema, { sticky }), (input) => void sameAnswerAsZod(schema, validate, input, mode)), { numRuns: 500 });
  });

  it('answers NOT_SURE to everything when the loaded schema is not the one it was generated from', async () => {
    // Made from `refined`, whose refinement it looks up, but loading `strict`, which has none there.
    const validate = await generate('mismatched', target(zoo.refined, 'strict'));
    expect(zoo.refined.safeParse({ from: 1, to: 2 }).success).toBe(true);
    expect(validate({ from: 1, to: 2 })).toBe(NOT_SURE);
  });

  it('writes code that type-checks under the project\'s compiler options, odd keys (`constructor`, `class`, `a-b`) included', () => {
    const files = readdirSync(GENERATED_DIR).map((file) => join(GENERATED_DIR, file));
    expect(files.length).toBeGreaterThan(Object.keys(zoo.ZOO).length);
    const { config } = ts.readConfigFile('tsconfig.json', (path) => ts.sys.readFile(path)) as { config: unknown };
    const { options } = ts.parseJsonConfigFileContent(config, ts.sys, process.cwd());
    const diagnostics = ts.getPreEmitDiagnostics(ts.createProgram(files, options));
    expect(diagnostics.map((d) => `${d.file?.fileName ?? ''}: ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`)).toEqual([]);
  }, 60_000);
});

describe('refuses what it does not know', () => {
  const unknown: [string, z.ZodType][] = [
    ['a union', z.union([z.string(), z.number()])],
    ['a literal', z.object({ a: z.literal('a') })],
    ['a transform', z.string().transform((s) => s.length)],
    ['a pipe', z.string().pipe(z.string())],
    ['a superRefine', z.string().superRefine(() => undefined)],
    ['a loose object', z.looseObject({ a: z.string() })],
    ['a catchall', z.object({}).catchall(z.string())],
    ['coercion', z.coerce.number()],
    ['an exact optional', z.object({ a: z.string().exactOptional() })],
    ['an email', z.email()],
    ['a trim', z.string().trim()],
    ['a multiple of', z.number().multipleOf(2)],
    ['a date', z.date()],
    ['a record', z.record(z.string(), z.number())],
    ['a tuple', z.tuple([z.string()])],
    ['a readonly', z.object({ a: z.string() }).readonly()],
    ['a catch', z.string().catch('x')],
    ['a prefault', z.string().prefault('x')],
    ['unknown', z.unknown()],
    ['a length check on a nullable', z.object({ a: z.string().nullable().check(z.maxLength(3) as never) })],
    ['an object declaring __proto__', z.object({ ['__proto__']: z.string() })],
  ];

  it.each(unknown)('%s', (_, schema) => {
    expect(() => validatorSource(target(schema))).toThrow(Refusal);
    expect(() => validatorSource(target(schema))).toThrow(/^\(root\)|^\.a/);
  });

  it('another zod version, or internals that are not where zod 4.6 keeps them', () => {
    const string = z.string();
    const newer = { _zod: { ...string._zod, version: { major: 4, minor: 7, patch: 0 } } } as unknown as z.ZodString;
    expect(() => validatorSource(target(newer))).toThrow(/zod 4\.7/);
    const broken = { _zod: { version: string._zod.version } } as unknown as z.ZodString;
    expect(() => validatorSource(target(broken))).toThrow(TypeError);
  });

  it('a recursive schema', () => {
    const Tree: z.ZodType = z.object({ get children() { return z.array(Tree); } });
    expect(() => validatorSource(target(Tree))).toThrow(/recursive/);
  });
});

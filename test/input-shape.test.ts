import { describe, expect, it, vi } from 'vitest';
import { validateInput } from '../src/input/validate.js';
import { readMessage } from '../src/message/read.js';
import { loadMessagePatterns } from '../src/message/patterns.js';
import { builtinMessagePatterns } from '../src/generated/builtin-message-patterns.js';
import { TriageInput } from '../src/schema/input.js';
import { Policy } from '../src/schema/policy.js';
import { loadFixtures } from './support/fixtures.js';
import { layout, shapeProblems } from './support/shape.js';
import { disguise, disguises } from './support/zod-arbitrary.js';

// The generated validator answers NOT_SURE (and validateInput asks zod) only for what zod rejects:
// no valid input takes the zod path, so a switch sends every input there.
const zodPath = vi.hoisted(() => ({ forced: false }));
vi.mock('../src/generated/validate-input.js', async (importOriginal) => {
  const generated = await importOriginal<typeof import('../src/generated/validate-input.js')>();
  const { NOT_SURE } = await import('../src/schema/validator-runtime.js');
  return { validateTriageInput: (raw: unknown) => (zodPath.forced ? NOT_SURE : generated.validateTriageInput(raw)) };
});
const viaZod = <T>(run: () => T): T => {
  zodPath.forced = true;
  try {
    return run();
  } finally {
    zodPath.forced = false;
  }
};

const clock = (): Date => new Date('2026-11-11T00:10:00+08:00');

describe('a validated input has one shape whatever the caller wrote', () => {
  const fixtures = loadFixtures();

  it('holds zod\'s values, with every key the schema declares, in the schema\'s order, for every fixture', () => {
    for (const { name, fixture } of fixtures) {
      const { input } = validateInput(fixture.input, clock);
      expect(input, name).toEqual(TriageInput.parse(fixture.input));
      expect(shapeProblems(TriageInput, input), name).toEqual([]);
    }
  });

  it('is the same object whether the generated validator or zod (canonicalInput) parsed it, policy included', () => {
    const zodParses = vi.spyOn(TriageInput, 'safeParse');
    let withPolicy = 0;
    for (const { name, fixture } of fixtures) {
      for (const how of disguises) {
        const raw = disguise(fixture.input, how);
        const fast = validateInput(raw, clock).input;
        const zod = viaZod(() => validateInput(raw, clock).input);
        expect(fast, `${name} (${how})`).toStrictEqual(zod);
        expect(layout(fast), `${name} (${how})`).toStrictEqual(layout(zod));
      }
      if (fixture.input.policy !== undefined) withPolicy++;
    }
    expect(withPolicy).toBeGreaterThan(10);
    expect(zodParses).toHaveBeenCalledTimes(fixtures.length * disguises.length);
    zodParses.mockRestore();
  });

  it('does not depend on the order the caller wrote the keys in', () => {
    const reversed = (value: unknown): unknown =>
      Array.isArray(value)
        ? value.map(reversed)
        : value !== null && typeof value === 'object'
          ? Object.fromEntries(Object.entries(value).reverse().map(([k, v]) => [k, reversed(v)]))
          : value;
    for (const { name, fixture } of fixtures.slice(0, 40)) {
      const { input } = validateInput(reversed(fixture.input), clock);
      expect(shapeProblems(TriageInput, input), name).toEqual([]);
    }
  });

  it('keeps that shape when a claim or a refund reason is read from the message', () => {
    const patterns = loadMessagePatterns({ builtin: builtinMessagePatterns, extra: [] });
    const { input } = validateInput({ order: { status: 'completed', amount: 99 }, message: '鞋子开胶了 我要退货退款 质量问题' }, clock);
    const read = readMessage(input, Policy.parse({}), patterns);
    expect(read.input.claim?.type).toBe('quality');
    expect(shapeProblems(TriageInput, read.input)).toEqual([]);
    const refund = readMessage(validateInput({ order: { status: 'paid', amount: 99 }, claim: { type: 'changed_mind' }, message: '缺货 我要退款' }, clock).input, Policy.parse({}), patterns);
    expect(shapeProblems(TriageInput, refund.input)).toEqual([]);
  });
});

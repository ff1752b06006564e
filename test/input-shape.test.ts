import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { validateInput } from '../src/input/validate.js';
import { readMessage } from '../src/message/read.js';
import { loadMessagePatterns } from '../src/message/patterns.js';
import { builtinMessagePatterns } from '../src/generated/builtin-message-patterns.js';
import { TriageInput } from '../src/schema/input.js';
import { Policy } from '../src/schema/policy.js';
import { loadFixtures } from './support/fixtures.js';

const clock = (): Date => new Date('2026-11-11T00:10:00+08:00');

/** The schema under its optional, nullable and default wrappers. */
const unwrapped = (schema: z.ZodType): z.ZodType => {
  let s = schema;
  while (s instanceof z.ZodOptional || s instanceof z.ZodNullable || s instanceof z.ZodDefault) s = s.unwrap() as z.ZodType;
  return s;
};

/**
 * Every object of a value holds its schema's keys, in the schema's order (the policy patch aside:
 * it is merged into the shop's policy, never read as it comes).
 */
const shapeProblems = (schema: z.ZodType, value: unknown, path: string): string[] => {
  if (value === undefined) return [];
  const object = unwrapped(schema);
  if (object instanceof z.ZodArray) return (value as unknown[]).flatMap((item, i) => shapeProblems(object.element as z.ZodType, item, `${path}[${i}]`));
  if (!(object instanceof z.ZodObject)) return [];
  const expected = Object.keys(object.shape);
  const problems = JSON.stringify(Object.keys(value as object)) === JSON.stringify(expected) ? [] : [`${path}: ${Object.keys(value as object).join(',')}`];
  for (const key of expected) if (key !== 'policy') problems.push(...shapeProblems(object.shape[key] as z.ZodType, (value as Record<string, unknown>)[key], `${path}.${key}`));
  return problems;
};

describe('a validated input has one shape whatever the caller wrote', () => {
  const fixtures = loadFixtures();

  it('holds zod\'s values, with every key the schema declares, in the schema\'s order, for every fixture', () => {
    for (const { name, fixture } of fixtures) {
      const { input } = validateInput(fixture.input, clock);
      expect(input, name).toEqual(TriageInput.parse(fixture.input));
      expect(shapeProblems(TriageInput, input, '$'), name).toEqual([]);
    }
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
      expect(shapeProblems(TriageInput, input, '$'), name).toEqual([]);
    }
  });

  it('keeps that shape when a claim or a refund reason is read from the message', () => {
    const patterns = loadMessagePatterns({ builtin: builtinMessagePatterns, extra: [] });
    const { input } = validateInput({ order: { status: 'completed', amount: 99 }, message: '鞋子开胶了 我要退货退款 质量问题' }, clock);
    const read = readMessage(input, Policy.parse({}), patterns);
    expect(read.input.claim?.type).toBe('quality');
    expect(shapeProblems(TriageInput, read.input, '$')).toEqual([]);
    const refund = readMessage(validateInput({ order: { status: 'paid', amount: 99 }, claim: { type: 'changed_mind' }, message: '缺货 我要退款' }, clock).input, Policy.parse({}), patterns);
    expect(shapeProblems(TriageInput, refund.input, '$')).toEqual([]);
  });
});

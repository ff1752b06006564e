import { describe, expect, it } from 'vitest';
import { createTriage } from '../src/index.js';
import { LOCALES } from '../src/schema/vocabulary.js';
import { loadFixtures } from './support/fixtures.js';

const triager = createTriage();
const fixtures = loadFixtures();

describe.each(fixtures)('$name', ({ fixture }) => {
  it(`decides ${fixture.expect.situation} by rule ${fixture.expect.rule}`, async () => {
    const result = await triager.triage(fixture.input as never);
    const { expect: want } = fixture;
    expect(result.explanation.decidedBy.rule).toBe(want.rule);
    expect(result.situation).toBe(want.situation);
    expect(result.responsible).toBe(want.responsible);
    if (want.outcome) expect(result.outcome).toEqual(want.outcome);
    if (want.checks) expect(result.checks.map((c) => c.id)).toEqual(want.checks);
    expect(result.escalateTo).toBe(want.escalateTo);
    if (want.flags) expect(result.flags.map((f) => f.id)).toEqual(want.flags);
  });

  it.each(LOCALES)('words every check and the reply in %s with no empty slot', async (locale) => {
    const result = await triager.triage({ ...fixture.input, locale } as never);
    for (const text of [result.wording.text, ...result.checks.map((c) => c.text)]) {
      expect(text).not.toMatch(/[{}]|\[\[|\]\]|null|undefined|NaN/);
      expect(text.length).toBeGreaterThan(10);
    }
    expect(result.wording.locale).toBe(locale);
  });
});

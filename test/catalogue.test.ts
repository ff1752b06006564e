import { describe, expect, it } from 'vitest';
import { createTriage } from '../src/index.js';
import { builtinSources } from '../src/generated/builtin-rules.js';
import { loadFixtures } from './support/fixtures.js';

const { ruleSet } = createTriage();
const fixtures = loadFixtures();
const areaOf = (source: string): string => source.split('/')[1]!;

describe('the built-in catalogue', () => {
  it('decides every situation of rules/situations.json by at least one rule', () => {
    const decided = new Set(ruleSet.rules.map((r) => r.situation));
    expect(Object.keys(ruleSet.situations).filter((s) => !decided.has(s))).toEqual([]);
  });

  it('uses every check of rules/checks.json', () => {
    const used = new Set(ruleSet.rules.flatMap((r) => r.checks.map((c) => c.id)));
    expect([...ruleSet.checks.keys()].filter((c) => !used.has(c))).toEqual([]);
  });

  it.each(ruleSet.rules.map((r) => [r.id, r] as const))('%s has a fixture folder with a case that fires and one that must not', (id, rule) => {
    const own = fixtures.filter((f) => f.folder === id);
    expect(own.length, `fixtures/${areaOf(rule.source)}/${id}/ is missing`).toBeGreaterThan(0);
    expect(own.every((f) => f.area === areaOf(rule.source)), 'fixture area folder differs from the rule folder').toBe(true);
    expect(own.some((f) => f.fixture.expect.rule === id), 'no case where it fires').toBe(true);
    if (rule.situation !== 'needs_human') expect(own.some((f) => f.fixture.expect.rule !== id), 'no case where it must not fire').toBe(true);
  });

  it('has no fixture folder without a rule', () => {
    const ids = new Set(ruleSet.rules.map((r) => r.id));
    expect([...new Set(fixtures.map((f) => f.folder))].filter((f) => !ids.has(f))).toEqual([]);
  });

  it('bundles exactly the files under rules/ (src/generated is current)', () => {
    expect(builtinSources.rules.map((r) => r.source).sort()).toEqual(ruleSet.rules.map((r) => r.source).sort());
  });
});

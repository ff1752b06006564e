import { describe, expect, it } from 'vitest';
import { TriageError, createTriage, safeTriageSync, triageSync } from '../src/index.js';
import { loadFixtures } from './support/fixtures.js';

describe('triageSync', () => {
  const triager = createTriage();

  it.each(loadFixtures().map((f) => [f.name, f.fixture] as const))('gives what triage gives for %s', async (_name, fixture) => {
    expect(triager.triageSync(fixture.input as never)).toEqual(await triager.triage(fixture.input as never));
  });

  it('is exported for the built-in rules, deciding on the compiled evaluator', () => {
    const [first] = loadFixtures();
    expect(triageSync(first!.fixture.input as never).explanation.evaluator).toBe('compiled');
  });

  it('throws INVALID_INPUT with paths, and safeTriageSync returns it', () => {
    expect(() => triager.triageSync({ order: { status: 'lost', amount: -1 } } as never)).toThrow(TriageError);
    const result = triager.safeTriageSync({ order: { status: 'lost', amount: -1 } });
    expect(result.success).toBe(false);
    if (!result.success) expect(result.error.issues.map((i) => i.path)).toEqual(['$.order.status', '$.order.amount']);
  });

  it('has a top-level safeTriageSync on the built-in rules, as safeTriage has', () => {
    const [first] = loadFixtures();
    const ok = safeTriageSync(first!.fixture.input);
    expect(ok.success && ok.data).toEqual(triageSync(first!.fixture.input as never));
    const bad = safeTriageSync({ order: { status: 'paid' } });
    expect(bad.success === false && bad.error.issues.map((i) => [i.path, i.code])).toEqual([['$.order.amount', 'invalid_type']]);
  });

  it('is refused with INVALID_OPTIONS on the reference evaluator, which only runs asynchronously', () => {
    const reference = createTriage({ evaluator: 'reference' });
    const result = reference.safeTriageSync({ order: { status: 'paid', amount: 1 } });
    expect(result.success === false && result.error.code).toBe('INVALID_OPTIONS');
  });
});

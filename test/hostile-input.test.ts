import { afterEach, describe, expect, it } from 'vitest';
import { createTriage, type TriageIssue } from '../src/index.js';
import { minimalRule } from './support/rules.js';

const triager = createTriage();
const NOW = '2026-11-14T10:00:00+08:00';
const clean = () => ({
  now: NOW,
  order: { status: 'shipped', amount: 259, paidAt: '2026-11-10T20:00:00+08:00' },
  shipment: { trackingNumber: 'SF1402837465', events: [{ at: '2026-11-11T09:00:00+08:00', kind: 'in_transit' }] },
  claim: { type: 'not_received' },
});

const POLLUTION_KEYS = ['polluted', 'isAdmin', 'status', 'amount', 'claimType'];
const prototypeIsClean = (): void => {
  for (const key of POLLUTION_KEYS) {
    expect(Object.hasOwn(Object.prototype, key), `Object.prototype.${key}`).toBe(false);
    expect(({} as Record<string, unknown>)[key]).toBeUndefined();
  }
};
afterEach(() => {
  // A failing case must not poison the next ones.
  for (const key of POLLUTION_KEYS) delete (Object.prototype as Record<string, unknown>)[key];
});

const failure = async (input: unknown): Promise<{ code: string; issues: readonly TriageIssue[] }> => {
  const result = await triager.safeTriage(input);
  if (result.success) throw new Error(`expected a failure, got ${result.data.situation}`);
  return result.error;
};

describe('__proto__, constructor and prototype keys cannot pollute prototypes', () => {
  // JSON.parse makes "__proto__" an own key; code that copies keys with assignment would then
  // set the prototype of its target. These inputs are what a chatbot forwards from the wire.
  const hostile = [
    ['at the top', '{"__proto__": {"polluted": true, "isAdmin": true}}'],
    ['as constructor.prototype at the top', '{"constructor": {"prototype": {"polluted": true}}}'],
    ['inside the order', '{"order": {"__proto__": {"polluted": true}, "constructor": {"prototype": {"isAdmin": true}}}}'],
    ['inside a tracking event', '{"shipment": {"events": [{"__proto__": {"polluted": true}}]}}'],
    ['inside the claim', '{"claim": {"__proto__": {"claimType": "quality"}, "prototype": {"polluted": true}}}'],
  ] as const;

  it.each(hostile)('leaves Object.prototype and the result unchanged with the keys %s', async (_, extra) => {
    const expected = await triager.triage(clean() as never);
    const input = mergeJson(clean(), JSON.parse(extra));
    const result = await triager.triage(input as never);
    prototypeIsClean();
    expect(result.situation).toBe(expected.situation);
    expect(result.explanation.facts).toEqual(expected.explanation.facts);
  });

  it('rejects them where the schema is strict (policy), still without pollution', async () => {
    const input = { ...clean(), policy: JSON.parse('{"__proto__": {"polluted": true}, "shipsOnWeekends": true}') };
    const error = await failure(input);
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.issues.map((i) => i.path)).toEqual(['$.policy']);
    prototypeIsClean();
  });

  it('cannot smuggle a required field through a __proto__ key', async () => {
    const input = JSON.parse(`{"now": "${NOW}", "order": {"__proto__": {"status": "paid", "amount": 1}}}`);
    const error = await failure(input);
    expect(error.issues.map((i) => i.path).sort()).toEqual(['$.order.amount', '$.order.status']);
    prototypeIsClean();
  });

  it('does not take a rule\'s situation "constructor" for a known one', async () => {
    const rule = { ...minimalRule('odd-situation'), situation: 'constructor' };
    expect(() => createTriage({ rules: [rule] })).toThrowError(expect.objectContaining({ code: 'INVALID_RULE' }));
  });

  it('rejects __proto__ keys in rule files', () => {
    const rule = { ...minimalRule('proto-rule'), ...JSON.parse('{"__proto__": {"priority": 1000}}') };
    let issues: readonly TriageIssue[] = [];
    try {
      createTriage({ rules: [rule] });
    } catch (error) {
      issues = (error as { issues: readonly TriageIssue[] }).issues;
    }
    expect(issues.map((i) => [i.path, i.code])).toEqual([['$', 'unrecognized_keys']]);
    prototypeIsClean();
  });
});

describe('sizes are bounded by the schema, with a clear error past them', () => {
  const MB10 = 'x'.repeat(10 * 1024 * 1024);
  const cases: [string, () => unknown, string[]][] = [
    ['a 10 MB message', () => ({ ...clean(), message: MB10 }), ['$.message']],
    ['a 10 MB order id', () => ({ ...clean(), order: { ...clean().order, id: MB10 } }), ['$.order.id']],
    ['a 10 MB timestamp', () => ({ ...clean(), now: MB10 }), ['$.now']],
    ['a 10 MB event description', () => ({ ...clean(), shipment: { events: [{ at: NOW, kind: 'accepted', description: MB10 }] } }), ['$.shipment.events[0].description']],
    ['a 10 MB time zone', () => ({ ...clean(), policy: { timezone: MB10 } }), ['$.policy.timezone']],
    ['a 10 MB trusted domain', () => ({ ...clean(), policy: { trustedLinkDomains: [`${MB10}-`] } }), ['$.policy.trustedLinkDomains[0]']],
    ['a 10 MB string as the whole input', () => MB10, ['$']],
    ['100k tracking events', () => ({ ...clean(), shipment: { events: Array.from({ length: 100_000 }, () => ({ at: NOW, kind: 'accepted' })) } }), ['$.shipment.events']],
    ['100k invalid tracking events', () => ({ ...clean(), shipment: { events: Array.from({ length: 100_000 }, () => ({})) } }), ['$.shipment.events']],
    ['100k peak seasons', () => ({ ...clean(), policy: { peakSeasons: Array.from({ length: 100_000 }, () => ({ name: 'x', from: '01-01', to: '01-02', extraDelayDays: 1 })) } }), ['$.policy.peakSeasons']],
    ['a 100k-element array as the whole input', () => Array.from({ length: 100_000 }, (_, i) => i), ['$']],
    ['a 100k-level deep value where a string belongs', () => ({ ...clean(), order: { ...clean().order, id: deep(100_000) } }), ['$.order.id']],
  ];

  it.each(cases)('rejects %s as INVALID_INPUT naming the field', async (_, make, paths) => {
    const error = await failure(make());
    expect(error.code).toBe('INVALID_INPUT');
    // zod reports both the length and the pattern of a long string: one field, one or two problems.
    expect([...new Set(error.issues.map((i) => i.path))]).toEqual(paths);
  });

  it('ignores a huge or deep value under an unknown key (it is never read)', async () => {
    const input = { ...clean(), attachment: MB10, history: Array.from({ length: 100_000 }, () => ({})), nested: deep(100_000) };
    await expect(triager.triage(input as never)).resolves.toBeDefined();
  });

  it('keeps the error message short however many problems there are', async () => {
    const input = { ...clean(), shipment: { events: Array.from({ length: 500 }, () => ({ at: 'soon', kind: 'lost' })) } };
    const result = await triager.safeTriage(input);
    const error = result.success ? undefined : result.error;
    expect(error?.issues).toHaveLength(1000);
    expect(error?.message.split('\n')).toHaveLength(12); // a header, 10 problems, "… and 990 more"
  });
});

function deep(levels: number): unknown {
  let value: unknown = 'bottom';
  for (let i = 0; i < levels; i++) value = { next: value };
  return value;
}

/** A deep merge of plain JSON that copies keys as data (defineProperty), the way a careful host would. */
function mergeJson(target: unknown, extra: unknown): unknown {
  if (extra === null || typeof extra !== 'object' || Array.isArray(extra)) return extra;
  const out: Record<string, unknown> = target !== null && typeof target === 'object' && !Array.isArray(target) ? { ...target } : {};
  for (const key of Object.keys(extra)) {
    const current = Object.hasOwn(out, key) ? out[key] : undefined;
    const merged = Array.isArray(current) && Array.isArray((extra as Record<string, unknown>)[key])
      ? (current as unknown[]).map((c, i) => mergeJson(c, ((extra as Record<string, unknown[]>)[key] as unknown[])[i]))
      : mergeJson(current, (extra as Record<string, unknown>)[key]);
    Object.defineProperty(out, key, { value: merged, enumerable: true, writable: true, configurable: true });
  }
  return out;
}

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { validateInput } from '../src/input/validate.js';
import { Policy, PolicyPatch, mergePolicy } from '../src/schema/policy.js';

/** Policy patches with some fields set, valid or not (invalid ones never reach the merge). */
const patchArb = fc.record(
  {
    timezone: fc.constantFrom('Asia/Shanghai', 'Asia/Taipei', 'Europe/Berlin'),
    shipWithinHours: fc.constantFrom(24, 48, 72.5),
    shipsOnWeekends: fc.boolean(),
    returnWindowDays: fc.integer({ min: 0, max: 30 }),
    peakSeasons: fc.array(fc.record({ name: fc.constantFrom('618', 'double_11'), from: fc.constantFrom('06-01', '11-01'), to: fc.constantFrom('06-20', '11-20'), extraDelayDays: fc.integer({ min: 0, max: 5 }) }), { maxLength: 2 }),
    warrantyMonths: fc.option(fc.integer({ min: 0, max: 24 }), { nil: null }),
    trustedLinkDomains: fc.array(fc.constantFrom('taobao.com', 'jd.com'), { maxLength: 2 }),
    shopName: fc.option(fc.constantFrom('小鹿鞋铺', 'Maple Studio'), { nil: null }),
    agentName: fc.option(fc.constantFrom('阿青', 'Lin'), { nil: null }),
  },
  { requiredKeys: [] },
);

describe('mergePolicy', () => {
  it('equals parsing the shop policy and the input policy merged, field by field', () => {
    fc.assert(
      fc.property(patchArb, patchArb, (shop, input) => {
        const base = Policy.parse({ ...shop });
        const patch = PolicyPatch.parse(input);
        expect(mergePolicy(base, patch)).toStrictEqual(Policy.parse({ ...shop, ...patch }));
      }),
      { numRuns: 500 },
    );
  });

  it('takes a field set to undefined as not given: the shop keeps its value', () => {
    const withUndefined = fc.tuple(patchArb, fc.subarray(Object.keys(Policy.shape))).map(([patch, unset]) => ({
      patch,
      unset: Object.fromEntries(unset.map((key) => [key, undefined])),
    }));
    fc.assert(
      fc.property(patchArb, withUndefined, (shop, { patch, unset }) => {
        const base = Policy.parse({ ...shop });
        const given = PolicyPatch.parse(patch);
        const merged = mergePolicy(base, { ...given, ...unset } as PolicyPatch);
        const kept = Object.fromEntries(Object.entries(given).filter(([key]) => !(key in unset)));
        expect(merged).toStrictEqual(mergePolicy(base, kept as PolicyPatch));
        for (const key of Object.keys(unset)) expect(merged[key as keyof Policy], key).toStrictEqual(base[key as keyof Policy]);
      }),
      { numRuns: 300 },
    );
  });
});

describe('an input policy', () => {
  it("overrides the shop's policy field by field, keeping the shop's other fields", async () => {
    const { createTriage } = await import('../src/index.js');
    const triager = createTriage({ policy: { shopName: '小鹿鞋铺', shipsOnWeekends: true } });
    const result = triager.triageSync({
      now: '2026-11-12T10:00:00+08:00',
      order: { status: 'paid', amount: 199, paidAt: '2026-11-09T09:00:00+08:00' },
      claim: { type: 'urge_shipping' },
      policy: { agentName: '阿青' },
    });
    expect(result.explanation.facts).toMatchObject({ shopName: '小鹿鞋铺', agentName: '阿青', shipsOnWeekends: true });
  });
});

describe('an input policy with fields set to undefined (a caller passing `{ timezone: shop.tz }` without one)', () => {
  it("keeps the shop's zone and promise rather than UTC, or a deadline that never comes", async () => {
    const { createTriage } = await import('../src/index.js');
    const triager = createTriage({ policy: { timezone: 'Asia/Taipei', shipWithinHours: 24, shipsOnWeekends: true } });
    const result = triager.triageSync({
      now: '2026-11-12T10:00:00+08:00',
      order: { status: 'paid', amount: 199, paidAt: '2026-11-11T09:00:00+08:00' },
      claim: { type: 'urge_shipping' },
      policy: { timezone: undefined, shipWithinHours: undefined, returnWindowDays: undefined },
    });
    expect(result.explanation.facts).toMatchObject({ shipByAt: '2026-11-12T09:00:00.000+08:00', shipWithinHours: 24, returnWindowDays: 7 });
    expect(result.replyBy).toBe('2026-11-12T10:10:00.000+08:00');
  });
});

describe('a validated input\'s policy, every field written (undefined where not given)', () => {
  it('merges as zod\'s patch does', () => {
    const clock = (): Date => new Date('2026-11-12T10:00:00+08:00');
    fc.assert(
      fc.property(patchArb, patchArb, (shop, given) => {
        const base = Policy.parse({ ...shop });
        const policy = validateInput({ order: { status: 'paid', amount: 1 }, policy: given }, clock).input.policy!;
        expect(Object.keys(policy)).toEqual(Object.keys(PolicyPatch.shape));
        expect(mergePolicy(base, policy)).toStrictEqual(mergePolicy(base, PolicyPatch.parse(given)));
      }),
      { numRuns: 300 },
    );
  });
});

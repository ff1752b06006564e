import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
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

import { describe, expect, it } from 'vitest';
import { createTriage } from '../src/index.js';
import { Policy, PolicyPatch } from '../src/schema/policy.js';

const urgeAfterFourDays = {
  now: '2026-10-09T10:00:00+08:00',
  order: { status: 'paid', amount: 120, paidAt: '2026-10-05T10:00:00+08:00' },
  claim: { type: 'urge_shipping' },
} as const;

describe('policy', () => {
  it('defaults to the figures of the domain', () => {
    const p = Policy.parse({});
    expect([p.timezone, p.shipWithinHours, p.shipsOnWeekends, p.returnWindowDays, p.refundPenaltyRate, p.defectToleranceCm]).toEqual([
      'Asia/Shanghai', 48, false, 7, 0.3, 1,
    ]);
  });

  it('leaves unset fields of a patch unset, so a partial input policy never resets the shop policy', () => {
    expect(PolicyPatch.parse({})).toEqual({});
    expect(PolicyPatch.parse({ shipWithinHours: 72 })).toEqual({ shipWithinHours: 72 });
  });

  it('applies the shop policy, overridden field by field by the input policy', async () => {
    const shop = createTriage({ policy: { shipWithinHours: 120, shipsOnWeekends: true } });
    expect((await shop.triage({ ...urgeAfterFourDays, policy: {} })).situation).toBe('shipping_urge');
    expect((await shop.triage({ ...urgeAfterFourDays, policy: { shipWithinHours: 48 } })).situation).toBe('late_shipment');
  });

  it('rejects an unknown time zone with its path', async () => {
    const result = await createTriage().safeTriage({ ...urgeAfterFourDays, policy: { timezone: 'Mars/Olympus' } });
    expect(result.success).toBe(false);
    if (!result.success) expect(result.error.issues.map((i) => i.path)).toEqual(['$.policy.timezone']);
  });
});

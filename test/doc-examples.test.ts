import { describe, expect, it } from 'vitest';
import { createTriage, triage } from '../src/index.js';

/** The @example blocks of src/triage.ts, run as written: a documented result must be the real one. */
describe('the documented examples', () => {
  it('triage: a parcel without update for 73 hours in October is stalled', async () => {
    const result = await triage({
      now: '2026-10-14T10:00:00+08:00',
      order: { status: 'shipped', amount: 259, paidAt: '2026-10-10T20:00:00+08:00' },
      shipment: { trackingNumber: 'SF1234567890', carrier: '顺丰', events: [{ at: '2026-10-11T09:00:00+08:00', kind: 'in_transit' }] },
      claim: { type: 'not_received' },
    });
    expect(result.situation).toBe('stalled_tracking');
  });

  it('createTriage: a shop shipping at weekends is late a day after its Wednesday 09:00 promise', async () => {
    const triager = createTriage({ policy: { shopName: '小鹿鞋铺', shipsOnWeekends: true } });
    const result = await triager.triage({ now: '2026-11-12T10:00:00+08:00', order: { status: 'paid', amount: 199, paidAt: '2026-11-09T09:00:00+08:00' }, claim: { type: 'urge_shipping' } });
    expect(result.situation).toBe('late_shipment');
  });
});

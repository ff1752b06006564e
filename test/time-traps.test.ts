import { describe, expect, it } from 'vitest';
import { createTriage, type TriageInput } from '../src/index.js';

/**
 * Time traps. Conventions these tests pin down (README, "Safety"):
 * - hours are elapsed hours (a 48-hour promise across a DST change is 48 real hours);
 * - days and months are calendar days and months in the shop's zone (a 7-day window keeps its
 *   wall-clock end across a DST change; a month from Feb 29 ends on Feb 28);
 * - a wall-clock end that falls in a DST gap moves forward by the gap's length, and one
 *   that falls twice (the autumn hour) takes the later: both in the buyer's favour;
 * - season and weekend boundaries are local midnight in the shop's zone, not UTC midnight.
 */

const triager = createTriage();
const HOUR = 3_600_000;
const NO_PEAKS = { peakSeasons: [] };

const triageAt = (now: string | Date, input: Omit<TriageInput, 'now'>) =>
  triager.triage({ ...input, now: typeof now === 'string' ? now : now.toISOString() } as TriageInput);
const factsAt = async (now: string | Date, input: Omit<TriageInput, 'now'>) => (await triageAt(now, input)).explanation.facts;
const plus = (iso: string, ms: number): Date => new Date(new Date(iso).getTime() + ms);

describe('daylight saving: a shop in Europe/Berlin (2026-03-29 02:00→03:00, 2026-10-25 03:00→02:00)', () => {
  const berlin = { timezone: 'Europe/Berlin', ...NO_PEAKS };

  it('ship-by skips the weekend of the spring change and keeps 48 working hours', async () => {
    const facts = await factsAt('2026-03-30T09:00:00+02:00', {
      order: { status: 'paid', amount: 80, paidAt: '2026-03-27T20:00:00+01:00' }, // a Friday evening
      policy: berlin,
    });
    // 4 hours on Friday, then from Monday 00:00 CEST: 44 more.
    expect(facts.shipByAt).toBe('2026-03-31T20:00:00.000+02:00');
  });

  it('ship-by over a weekend-shipping shop counts elapsed hours through the change', async () => {
    const facts = await factsAt('2026-03-29T09:00:00+02:00', {
      order: { status: 'paid', amount: 80, paidAt: '2026-03-28T10:00:00+01:00' },
      policy: { ...berlin, shipsOnWeekends: true },
    });
    expect(facts.shipByAt).toBe('2026-03-30T11:00:00.000+02:00');
    expect(new Date(facts.shipByAt!).getTime() - new Date('2026-03-28T10:00:00+01:00').getTime()).toBe(48 * HOUR);
  });

  it('hours since payment are elapsed hours: noon to noon over the spring change is 23', async () => {
    const facts = await factsAt('2026-03-29T12:00:00+02:00', { order: { status: 'paid', amount: 80, paidAt: '2026-03-28T12:00:00+01:00' }, policy: berlin });
    expect(facts.hoursSincePaid).toBe(23);
  });

  it('the return window keeps its wall-clock end across the autumn change (169 elapsed hours)', async () => {
    const input = {
      order: { status: 'completed', amount: 80, paidAt: '2026-10-15T10:00:00+02:00' },
      shipment: { labelPrintedAt: '2026-10-16T10:00:00+02:00', signedAt: '2026-10-20T18:00:00+02:00' },
      claim: { type: 'size' },
      policy: berlin,
    } as const;
    const facts = await factsAt('2026-10-26T10:00:00+01:00', input);
    expect(facts.returnWindowEndsAt).toBe('2026-10-27T18:00:00.000+01:00');
    expect(new Date(facts.returnWindowEndsAt!).getTime() - new Date('2026-10-20T18:00:00+02:00').getTime()).toBe(169 * HOUR);
  });

  it('a window ending in the spring gap moves forward by the length of the gap', async () => {
    const facts = await factsAt('2026-03-25T10:00:00+01:00', {
      order: { status: 'completed', amount: 80, paidAt: '2026-03-20T10:00:00+01:00' },
      shipment: { labelPrintedAt: '2026-03-21T10:00:00+01:00', signedAt: '2026-03-22T02:30:00+01:00' },
      policy: berlin,
    });
    expect(facts.returnWindowEndsAt).toBe('2026-03-29T03:30:00.000+02:00');
  });

  it('a window ending in the repeated autumn hour ends at its second occurrence', async () => {
    const facts = await factsAt('2026-10-20T10:00:00+02:00', {
      order: { status: 'completed', amount: 80, paidAt: '2026-10-15T10:00:00+02:00' },
      shipment: { labelPrintedAt: '2026-10-16T10:00:00+02:00', signedAt: '2026-10-18T02:30:00+02:00' },
      policy: berlin,
    });
    expect(facts.returnWindowEndsAt).toBe('2026-10-25T02:30:00.000+01:00');
  });

  it('counts whole calendar days since signing across the change', async () => {
    const input = {
      order: { status: 'completed', amount: 80, paidAt: '2026-03-25T10:00:00+01:00' },
      shipment: { labelPrintedAt: '2026-03-26T10:00:00+01:00', signedAt: '2026-03-28T10:00:00+01:00' },
      policy: berlin,
    } as const;
    expect((await factsAt('2026-03-30T09:59:00+02:00', input)).daysSinceSigned).toBe(1);
    expect((await factsAt('2026-03-30T10:00:00+02:00', input)).daysSinceSigned).toBe(2);
  });
});

describe('daylight saving: a shop in America/New_York (2026-11-01 02:00→01:00)', () => {
  const newYork = { timezone: 'America/New_York', ...NO_PEAKS };

  it('ship-by from a Friday evening lands on Tuesday evening, same wall-clock time', async () => {
    const facts = await factsAt('2026-11-02T09:00:00-05:00', { order: { status: 'paid', amount: 80, paidAt: '2026-10-30T20:00:00-04:00' }, policy: newYork });
    expect(facts.shipByAt).toBe('2026-11-03T20:00:00.000-05:00');
  });

  it('the return window ends at the same wall-clock time, and now exactly on it is still inside', async () => {
    const input = {
      order: { status: 'completed', amount: 80, paidAt: '2026-10-25T10:00:00-04:00' },
      shipment: { labelPrintedAt: '2026-10-26T10:00:00-04:00', signedAt: '2026-10-28T10:00:00-04:00' },
      claim: { type: 'size' },
      policy: newYork,
    } as const;
    const end = '2026-11-04T10:00:00.000-05:00';
    const atEnd = await triageAt(end, input);
    expect(atEnd.explanation.facts.returnWindowEndsAt).toBe(end);
    expect(atEnd.explanation.facts.withinReturnWindow).toBe(true);
    expect((await factsAt(plus(end, 1), input)).withinReturnWindow).toBe(false);
  });

  it('a window ending in the repeated 01:30 ends at its second occurrence, so at 01:10 EST the buyer is still inside', async () => {
    const input = {
      order: { status: 'completed', amount: 80, paidAt: '2026-10-20T10:00:00-04:00' },
      shipment: { labelPrintedAt: '2026-10-21T10:00:00-04:00', signedAt: '2026-10-25T01:30:00-04:00' },
      claim: { type: 'size' },
      policy: newYork,
    } as const;
    const inside = await triageAt('2026-11-01T01:10:00-05:00', input);
    expect(inside.explanation.facts.returnWindowEndsAt).toBe('2026-11-01T01:30:00.000-05:00');
    expect(inside.explanation.facts.withinReturnWindow).toBe(true);
    expect(inside.situation).toBe('non_quality_return');
    expect((await triageAt('2026-11-01T01:31:00-05:00', input)).situation).toBe('return_window_expired');
  });

  it('a warranty ending in the repeated hour ends at its second occurrence too', async () => {
    const facts = await factsAt('2026-11-01T01:10:00-05:00', {
      order: { status: 'completed', amount: 600, paidAt: '2025-10-25T10:00:00-04:00' },
      shipment: { labelPrintedAt: '2025-10-26T10:00:00-04:00', signedAt: '2025-11-01T01:30:00-04:00' },
      claim: { type: 'repair' },
      repair: { warrantyMonths: 12 },
      policy: newYork,
    });
    expect(facts.warrantyEndsAt).toBe('2026-11-01T01:30:00.000-05:00');
    expect(facts.withinWarranty).toBe(true);
  });

  it('measures a stall in elapsed hours through the autumn change', async () => {
    const facts = await factsAt('2026-11-02T11:00:00-05:00', {
      order: { status: 'shipped', amount: 80, paidAt: '2026-10-29T10:00:00-04:00' },
      shipment: { events: [{ at: '2026-10-31T12:00:00-04:00', kind: 'in_transit' }] },
      claim: { type: 'not_received' },
      policy: newYork,
    });
    expect(facts.hoursSinceLastEvent).toBe(48);
  });
});

describe('leap days', () => {
  const repairSignedOnLeapDay = {
    order: { status: 'completed', amount: 600, paidAt: '2028-02-25T10:00:00+08:00' },
    shipment: { labelPrintedAt: '2028-02-26T10:00:00+08:00', signedAt: '2028-02-29T12:00:00+08:00' },
    claim: { type: 'repair' },
    repair: { warrantyMonths: 12 },
  } as const;

  it('a 12-month warranty from 2028-02-29 ends on 2029-02-28 at the same time, inclusive', async () => {
    const end = '2029-02-28T12:00:00.000+08:00';
    const atEnd = await triageAt(end, repairSignedOnLeapDay);
    expect(atEnd.explanation.facts.warrantyEndsAt).toBe(end);
    expect(atEnd.situation).toBe('repair_in_warranty');
    expect((await triageAt(plus(end, 1), repairSignedOnLeapDay)).situation).toBe('repair_out_of_warranty');
  });

  it('a 48-month warranty from a leap day ends on the next leap day', async () => {
    const facts = await factsAt('2028-03-01T10:00:00+08:00', { ...repairSignedOnLeapDay, repair: { warrantyMonths: 48 } });
    expect(facts.warrantyEndsAt).toBe('2032-02-29T12:00:00.000+08:00');
  });

  it.each([
    ['2028 (leap)', '2028-02-25T15:00:00+08:00', '2028-03-03T15:00:00.000+08:00'],
    ['2027', '2027-02-25T15:00:00+08:00', '2027-03-04T15:00:00.000+08:00'],
  ])('a 7-day return window across the end of February %s counts Feb 29 only when it exists', async (_, signedAt, end) => {
    const facts = await factsAt(plus(signedAt, 24 * HOUR), {
      order: { status: 'completed', amount: 80, paidAt: plus(signedAt, -72 * HOUR).toISOString() },
      shipment: { labelPrintedAt: plus(signedAt, -48 * HOUR).toISOString(), signedAt },
    });
    expect(facts.returnWindowEndsAt).toBe(end);
  });
});

describe('year end', () => {
  const inTransit = (lastEventAt: string) => ({
    order: { status: 'shipped' as const, amount: 80, paidAt: '2026-12-01T10:00:00+08:00' },
    shipment: { events: [{ at: lastEventAt, kind: 'in_transit' as const }] },
    claim: { type: 'tracking_question' as const },
  });

  it.each([
    ['2026-12-14T23:59:59+08:00', null],
    ['2026-12-15T00:00:00+08:00', 'year_end'],
    ['2027-01-01T00:00:00+08:00', 'year_end'],
    ['2027-01-15T23:59:59+08:00', 'year_end'],
    ['2027-01-16T00:00:00+08:00', null],
  ])('the season wrapping 12-15..01-15 at %s is %s', async (now, season) => {
    const facts = await factsAt(now, inTransit('2026-12-13T10:00:00+08:00'));
    expect(facts.peakSeasonName).toBe(season);
    expect(facts.stallThresholdHours).toBe(season === null ? 48 : 48 + 3 * 24);
  });

  it('a Saturday order on Dec 31 starts its clock on Monday Jan 2 of the next year', async () => {
    expect(new Date('2033-12-31T12:00:00+08:00').getUTCDay()).toBe(6);
    const facts = await factsAt('2034-01-01T10:00:00+08:00', { order: { status: 'paid', amount: 80, paidAt: '2033-12-31T10:00:00+08:00' } });
    expect(facts.shipByAt).toBe('2034-01-04T00:00:00.000+08:00');
    expect(facts.pastShipBy).toBe(false);
  });
});

describe('Double 11 in Asia/Shanghai, while UTC is still the day before', () => {
  const order = { status: 'shipped' as const, amount: 80, paidAt: '2026-10-28T10:00:00+08:00' };
  const shipment = { events: [{ at: '2026-10-29T10:00:00+08:00', kind: 'in_transit' as const }] };

  it('starts at 11-01 00:00 local (2026-10-31T16:00Z), not at UTC midnight', async () => {
    expect((await factsAt('2026-10-31T15:59:59.999Z', { order, shipment })).peakSeasonName).toBeNull();
    expect((await factsAt('2026-10-31T16:00:00Z', { order, shipment })).peakSeasonName).toBe('double_11');
  });

  it('the same instant is not Double 11 for a shop in Berlin (10-31 17:00 there)', async () => {
    expect((await factsAt('2026-10-31T16:00:00Z', { order, shipment, policy: { timezone: 'Europe/Berlin' } })).peakSeasonName).toBeNull();
  });

  it('ends after 11-20 23:59:59 local', async () => {
    expect((await factsAt('2026-11-20T15:59:59Z', { order, shipment })).peakSeasonName).toBe('double_11');
    expect((await factsAt('2026-11-20T16:00:00Z', { order, shipment })).peakSeasonName).toBeNull();
  });

  it('lengthens the stall threshold only inside the season: the same 72-hour gap is stalled on 10-31 and normal on 11-01', async () => {
    const gap = (now: string) => ({ order, shipment: { events: [{ at: plus(now, -72 * HOUR).toISOString(), kind: 'in_transit' as const }] }, claim: { type: 'not_received' as const } });
    expect((await triageAt('2026-10-31T23:59:00+08:00', gap('2026-10-31T23:59:00+08:00'))).situation).toBe('stalled_tracking');
    expect((await triageAt('2026-11-01T00:00:00+08:00', gap('2026-11-01T00:00:00+08:00'))).situation).toBe('in_transit_normal');
  });
});

describe('clock skew', () => {
  it('an instant within the tolerated few minutes after now happened "0 hours ago", never a negative time', async () => {
    const facts = await factsAt('2026-10-15T10:00:00+08:00', {
      order: { status: 'shipped', amount: 80, paidAt: '2026-10-15T10:03:00+08:00' },
      shipment: { handedToCarrierAt: '2026-10-15T10:04:00+08:00', events: [{ at: '2026-10-15T10:05:00+08:00', kind: 'accepted' }] },
    });
    expect([facts.hoursSincePaid, facts.hoursSinceHandedOver, facts.hoursSinceLastEvent]).toEqual([0, 0, 0]);
  });
});

describe('now exactly on a threshold: the boundary belongs to one side, and never falls to needs_human', () => {
  /** The situation just before, exactly at, and just after `boundary`. */
  const around = async (boundary: string, input: Omit<TriageInput, 'now'>) =>
    Promise.all([-1, 0, 1].map(async (ms) => (await triageAt(plus(boundary, ms), input)).situation));

  it('ship-by: at the deadline the shop is still in time', async () => {
    const input = { order: { status: 'paid' as const, amount: 80, paidAt: '2026-10-12T10:00:00+08:00' }, claim: { type: 'urge_shipping' as const } };
    const shipBy = '2026-10-14T10:00:00.000+08:00';
    expect((await factsAt(shipBy, input)).shipByAt).toBe(shipBy);
    expect(await around(shipBy, input)).toEqual(['shipping_urge', 'shipping_urge', 'late_shipment']);
  });

  it('noScanAfterHours: at 24 hours after hand-over without a scan, the courier is asked', async () => {
    const input = {
      order: { status: 'shipped' as const, amount: 80, paidAt: '2026-10-12T10:00:00+08:00' },
      shipment: { handedToCarrierAt: '2026-10-13T15:00:00+08:00' },
      claim: { type: 'not_received' as const },
      policy: NO_PEAKS,
    };
    expect(await around('2026-10-14T15:00:00+08:00', input)).toEqual(['in_transit_normal', 'not_picked_up', 'not_picked_up']);
  });

  it('stall threshold: at 48 hours without an update, tracking is stalled', async () => {
    const input = {
      order: { status: 'shipped' as const, amount: 80, paidAt: '2026-10-12T10:00:00+08:00' },
      shipment: { events: [{ at: '2026-10-13T18:00:00+08:00', kind: 'in_transit' as const }] },
      claim: { type: 'not_received' as const },
      policy: NO_PEAKS,
    };
    expect(await around('2026-10-15T18:00:00+08:00', input)).toEqual(['in_transit_normal', 'stalled_tracking', 'stalled_tracking']);
  });

  it('return window end: at the end the buyer is still inside', async () => {
    const input = {
      order: { status: 'completed' as const, amount: 80, paidAt: '2026-10-05T10:00:00+08:00' },
      shipment: { labelPrintedAt: '2026-10-06T10:00:00+08:00', signedAt: '2026-10-08T16:00:00+08:00' },
      claim: { type: 'size' as const },
    };
    expect(await around('2026-10-15T16:00:00+08:00', input)).toEqual(['non_quality_return', 'non_quality_return', 'return_window_expired']);
  });

  it('warranty end: at the end the item is still covered', async () => {
    const input = {
      order: { status: 'completed' as const, amount: 600, paidAt: '2025-10-05T10:00:00+08:00' },
      shipment: { labelPrintedAt: '2025-10-06T10:00:00+08:00', signedAt: '2025-10-08T16:00:00+08:00' },
      claim: { type: 'repair' as const },
      repair: { warrantyMonths: 12 },
    };
    expect(await around('2026-10-08T16:00:00+08:00', input)).toEqual(['repair_in_warranty', 'repair_in_warranty', 'repair_out_of_warranty']);
  });
});

import { describe, expect, it } from 'vitest';
import { shipByDeadline } from '../src/facts/calendar.js';
import { createTriage } from '../src/index.js';
import type { TriageInput } from '../src/schema/input.js';
import { at, factsAt, inZone } from './support/time.js';

const SHANGHAI = 'Asia/Shanghai';
/** The default promise: 48 hours, Saturday and Sunday not counted. */
const deadline = (paidAt: string, hours = 48, shipsOnWeekends = false, tz = SHANGHAI): string =>
  inZone(shipByDeadline(at(paidAt), hours, shipsOnWeekends, tz), tz);

describe('the ship-by deadline when the shop does not ship at weekends', () => {
  it('refuses hours no validated policy holds (NaN, negative, beyond 60 days) rather than searching for a deadline forever', () => {
    for (const hours of [Number.NaN, -1, 24 * 60 + 1, Number.POSITIVE_INFINITY]) {
      for (const tz of [SHANGHAI, 'Europe/Berlin']) expect(() => shipByDeadline(at('2026-11-09T10:00:00+08:00'), hours, false, tz), `${hours} ${tz}`).toThrow(RangeError);
    }
  });

  it('is paidAt + 48 hours when no weekend is in the way (Monday 10:00 → Wednesday 10:00)', () => {
    expect(deadline('2026-03-02T10:00:00+08:00')).toBe('2026-03-04T10:00:00.000+08:00');
  });

  it('counts a Friday-evening order\'s Friday hours, then resumes on Monday 00:00 (Friday 20:30 → Tuesday 20:30)', () => {
    expect(deadline('2026-03-06T20:30:00+08:00')).toBe('2026-03-10T20:30:00.000+08:00');
  });

  it('starts a Saturday order\'s clock on Monday 00:00 (→ Wednesday 00:00)', () => {
    expect(deadline('2026-10-31T10:00:00+08:00')).toBe('2026-11-04T00:00:00.000+08:00');
  });

  it('starts a Sunday order\'s clock on Monday 00:00 too, even one paid at 23:59', () => {
    expect(deadline('2026-11-01T00:00:00+08:00')).toBe('2026-11-04T00:00:00.000+08:00');
    expect(deadline('2026-11-01T23:59:59+08:00')).toBe('2026-11-04T00:00:00.000+08:00');
  });

  it('ends exactly at Friday 24:00 when the hours fit the working week to the second', () => {
    // Thursday 00:00 + 48 h = Saturday 00:00, the end of Friday: not carried over to Monday.
    expect(deadline('2026-03-05T00:00:00+08:00')).toBe('2026-03-07T00:00:00.000+08:00');
  });

  it('carries one second beyond Friday 24:00 over to Monday', () => {
    expect(deadline('2026-03-05T00:00:01+08:00')).toBe('2026-03-09T00:00:01.000+08:00');
  });

  it('splits a Friday 00:00 order into 24 hours on Friday and 24 on Monday (→ Tuesday 00:00)', () => {
    expect(deadline('2026-03-06T00:00:00+08:00')).toBe('2026-03-10T00:00:00.000+08:00');
  });

  it('spans more than one weekend for a long promise (120 h from Monday 00:00 fills the week; 121 h ends next Monday 01:00)', () => {
    expect(deadline('2026-03-02T00:00:00+08:00', 120)).toBe('2026-03-07T00:00:00.000+08:00');
    expect(deadline('2026-03-02T00:00:00+08:00', 121)).toBe('2026-03-09T01:00:00.000+08:00');
    expect(deadline('2026-03-06T12:00:00+08:00', 24 * 7)).toBe('2026-03-17T12:00:00.000+08:00');
  });

  it('keeps the wall-clock time when a daylight-saving change falls on the skipped weekend', () => {
    // New York moves to EDT on Sunday 8 March 2026: Friday 20:00 EST + 4 h, then 44 h from Monday 00:00 EDT.
    expect(deadline('2026-03-06T20:00:00-05:00', 48, false, 'America/New_York')).toBe('2026-03-10T20:00:00.000-04:00');
  });
});

describe('the ship-by deadline when the shop ships at weekends', () => {
  it('is plainly paidAt + shipWithinHours', () => {
    expect(deadline('2026-10-31T10:00:00+08:00', 48, true)).toBe('2026-11-02T10:00:00.000+08:00');
    expect(deadline('2026-03-06T20:30:00+08:00', 48, true)).toBe('2026-03-08T20:30:00.000+08:00');
    expect(deadline('2026-03-06T20:30:00+08:00', 24, true)).toBe('2026-03-07T20:30:00.000+08:00');
  });
});

describe('the weekday is the shop\'s, not UTC\'s', () => {
  // Friday 23:30 in Shanghai is Friday 15:30 UTC and Saturday 00:30 in Tokyo.
  const paidAt = '2026-03-06T23:30:00+08:00';

  it('reads the instant in UTC as Friday 15:30', () => {
    expect(at(paidAt).toISOString()).toBe('2026-03-06T15:30:00.000Z');
  });

  it('gives a Shanghai shop half an hour on Friday and the rest from Monday (→ Tuesday 23:30)', () => {
    expect(deadline(paidAt)).toBe('2026-03-10T23:30:00.000+08:00');
  });

  it('gives a Tokyo shop a Saturday order, whose clock starts Monday 00:00 Tokyo (→ Wednesday 00:00 Tokyo)', () => {
    expect(deadline(paidAt, 48, false, 'Asia/Tokyo')).toBe('2026-03-11T00:00:00.000+09:00');
    // The same instant as Tuesday 23:00 in Shanghai: half an hour earlier than the Shanghai shop's deadline.
    expect(deadline(paidAt, 48, false, 'Asia/Tokyo')).not.toBe(deadline(paidAt));
  });

  it('gives a UTC shop a Sunday order for a Monday 07:00 Shanghai payment', () => {
    const mondayMorning = '2026-03-09T07:00:00+08:00';
    expect(deadline(mondayMorning, 48, false, 'UTC')).toBe('2026-03-11T00:00:00.000+00:00');
    expect(deadline(mondayMorning)).toBe('2026-03-11T07:00:00.000+08:00');
  });
});

describe('derived ship-by facts', () => {
  const order = (paidAt: string): TriageInput['order'] => ({ status: 'paid', amount: 199, paidAt });

  it('states shipByAt in the shop\'s zone and counts hoursUntilShipBy down to negative', () => {
    const before = factsAt('2026-03-09T10:00:00+08:00', { order: order('2026-03-06T20:30:00+08:00') });
    expect(before.shipByAt).toBe('2026-03-10T20:30:00.000+08:00');
    expect(before.hoursUntilShipBy).toBe(34.5);
    expect(before.pastShipBy).toBe(false);
    const after = factsAt('2026-03-10T21:30:00+08:00', { order: order('2026-03-06T20:30:00+08:00') });
    expect(after.hoursUntilShipBy).toBe(-1);
    expect(after.pastShipBy).toBe(true);
  });

  it('is not past the deadline at the deadline itself, and is one millisecond later', () => {
    expect(factsAt('2026-03-10T20:30:00+08:00', { order: order('2026-03-06T20:30:00+08:00') }).pastShipBy).toBe(false);
    expect(factsAt('2026-03-10T20:30:00.001+08:00', { order: order('2026-03-06T20:30:00+08:00') }).pastShipBy).toBe(true);
  });

  it('uses the shop\'s policy: weekend shipping and a shorter promise', () => {
    const facts = factsAt('2026-03-07T10:00:00+08:00', { order: order('2026-03-06T20:30:00+08:00') }, { shipsOnWeekends: true, shipWithinHours: 24 });
    expect(facts.shipByAt).toBe('2026-03-07T20:30:00.000+08:00');
    expect(facts.pastShipBy).toBe(false);
  });

  it('judges a handed-over parcel by its handover time, not by now', () => {
    const input = (handedToCarrierAt: string): TriageInput => ({
      order: { ...order('2026-03-02T10:00:00+08:00'), status: 'shipped' },
      shipment: { handedToCarrierAt },
    });
    const onTime = factsAt('2026-03-09T10:00:00+08:00', input('2026-03-04T10:00:00+08:00'));
    expect(onTime).toMatchObject({ shippedLate: false, pastShipBy: false });
    const late = factsAt('2026-03-09T10:00:00+08:00', input('2026-03-04T10:00:01+08:00'));
    expect(late).toMatchObject({ shippedLate: true, pastShipBy: true });
  });

  it('has no deadline without a payment time', () => {
    const facts = factsAt('2026-03-09T10:00:00+08:00', { order: { status: 'paid', amount: 199 } });
    expect(facts).toMatchObject({ paid: true, shipByAt: null, hoursUntilShipBy: null, pastShipBy: null });
  });
});

describe('the boundary between a shipping urge and a late shipment', () => {
  const triager = createTriage();
  const urgeAt = async (now: string, paidAt = '2026-09-01T10:00:00+08:00', policy = {}) => {
    const result = await triager.triage({ now, order: { status: 'paid', amount: 158, paidAt }, claim: { type: 'urge_shipping' }, policy });
    return [result.situation, result.outcome.late] as const;
  };

  it('reassures one minute before the promise (Tuesday 10:00 + 48 h = Thursday 10:00)', async () => {
    expect(await urgeAt('2026-09-03T09:59:00+08:00')).toEqual(['shipping_urge', false]);
  });

  it('still reassures at the promise\'s last instant', async () => {
    expect(await urgeAt('2026-09-03T10:00:00+08:00')).toEqual(['shipping_urge', false]);
  });

  it('admits the delay one minute after it', async () => {
    expect(await urgeAt('2026-09-03T10:01:00+08:00')).toEqual(['late_shipment', true]);
  });

  it('does not count the weekend: a Sunday order is on time until Tuesday 24:00', async () => {
    const sunday = '2026-09-06T15:00:00+08:00';
    expect(await urgeAt('2026-09-08T23:59:00+08:00', sunday)).toEqual(['shipping_urge', false]);
    expect(await urgeAt('2026-09-09T00:01:00+08:00', sunday)).toEqual(['late_shipment', true]);
  });

  it('counts the weekend for a shop that ships then: the same Sunday order is late from Tuesday 15:00', async () => {
    const sunday = '2026-09-06T15:00:00+08:00';
    expect(await urgeAt('2026-09-08T14:59:00+08:00', sunday, { shipsOnWeekends: true })).toEqual(['shipping_urge', false]);
    expect(await urgeAt('2026-09-08T15:01:00+08:00', sunday, { shipsOnWeekends: true })).toEqual(['late_shipment', true]);
  });

  it('decides by the shop\'s zone: a Tokyo shop is late half an hour before a Shanghai shop', async () => {
    const fridayNightShanghai = '2026-03-06T23:30:00+08:00';
    const now = '2026-03-10T23:15:00+08:00';
    expect(await urgeAt(now, fridayNightShanghai)).toEqual(['shipping_urge', false]);
    expect(await urgeAt(now, fridayNightShanghai, { timezone: 'Asia/Tokyo' })).toEqual(['late_shipment', true]);
  });
});

import { describe, expect, it } from 'vitest';
import { addDaysInZone, addMonthsInZone } from '../src/facts/calendar.js';
import { createTriage } from '../src/index.js';
import type { TriageInput } from '../src/schema/input.js';
import { at, factsAt, inZone } from './support/time.js';

const signedOn = (signedAt: string, extra: Partial<TriageInput> = {}): TriageInput => ({
  order: { status: 'completed', amount: 399, paidAt: '2026-05-09T21:00:00+08:00' },
  shipment: { trackingNumber: '75409281761406', carrier: '中通', signedAt },
  ...extra,
});

describe('the no-reason return window (7 days from signing, both instants included)', () => {
  const signed = signedOn('2026-05-12T15:20:00+08:00');

  it('ends 7 calendar days after signing, at the same wall-clock time', () => {
    expect(factsAt('2026-05-13T09:00:00+08:00', signed).returnWindowEndsAt).toBe('2026-05-19T15:20:00.000+08:00');
  });

  it('is open at its last instant and closed one second later', () => {
    expect(factsAt('2026-05-19T15:20:00+08:00', signed).withinReturnWindow).toBe(true);
    expect(factsAt('2026-05-19T15:20:01+08:00', signed).withinReturnWindow).toBe(false);
  });

  it('counts whole days since signing', () => {
    expect(factsAt('2026-05-19T15:19:59+08:00', signed).daysSinceSigned).toBe(6);
    expect(factsAt('2026-05-19T15:20:00+08:00', signed).daysSinceSigned).toBe(7);
  });

  it('follows the shop\'s window length', () => {
    expect(factsAt('2026-05-26T15:20:00+08:00', signed, { returnWindowDays: 15 })).toMatchObject({
      returnWindowEndsAt: '2026-05-27T15:20:00.000+08:00',
      withinReturnWindow: true,
    });
  });

  it('starts from the delivered event when the signature time is not given', () => {
    const facts = factsAt('2026-05-20T10:00:00+08:00', {
      order: { status: 'completed', amount: 399 },
      shipment: { events: [{ at: '2026-05-12T15:20:00+08:00', kind: 'delivered' }] },
    });
    expect(facts).toMatchObject({ signedAt: '2026-05-12T15:20:00.000+08:00', withinReturnWindow: false });
  });

  it('does not exist before signing', () => {
    const facts = factsAt('2026-05-12T10:00:00+08:00', { order: { status: 'shipped', amount: 399 } });
    expect(facts).toMatchObject({ returnWindowEndsAt: null, withinReturnWindow: null, daysSinceSigned: null });
  });

  it('keeps its wall-clock end across a daylight-saving change (New York, March 2026)', () => {
    // 7 calendar days, but 167 real hours: EST → EDT on 8 March.
    expect(inZone(addDaysInZone(at('2026-03-05T12:00:00-05:00'), 7, 'America/New_York'), 'America/New_York')).toBe('2026-03-12T12:00:00.000-04:00');
  });

  it('turns a size exchange into an expired window one second after the end', async () => {
    const triager = createTriage();
    const sizeClaimAt = async (now: string) =>
      (await triager.triage({ ...signedOn('2026-05-12T15:20:00+08:00'), now, claim: { type: 'size', itemUnused: true } })).situation;
    expect(await sizeClaimAt('2026-05-19T15:20:00+08:00')).toBe('non_quality_return');
    expect(await sizeClaimAt('2026-05-19T15:20:01+08:00')).toBe('return_window_expired');
  });
});

describe('the warranty end', () => {
  const repairOn = (signedAt: string, repair: TriageInput['repair'] = { warrantyMonths: 12 }): TriageInput =>
    signedOn(signedAt, { repair, order: { status: 'completed', amount: 1680, paidAt: '2025-05-30T21:00:00+08:00' } });

  it('is signing + warranty months, covered up to its last instant', () => {
    const input = repairOn('2025-06-02T14:00:00+08:00');
    expect(factsAt('2026-06-02T14:00:00+08:00', input)).toMatchObject({ warrantyEndsAt: '2026-06-02T14:00:00.000+08:00', withinWarranty: true });
    expect(factsAt('2026-06-02T14:00:01+08:00', input).withinWarranty).toBe(false);
  });

  it('clamps to the month\'s last day (31 August + 6 months = 28 February)', () => {
    expect(inZone(addMonthsInZone(at('2025-08-31T10:00:00+08:00'), 6, 'Asia/Shanghai'))).toBe('2026-02-28T10:00:00.000+08:00');
    expect(factsAt('2026-03-01T09:00:00+08:00', repairOn('2025-08-31T10:00:00+08:00', { warrantyMonths: 6 })).withinWarranty).toBe(false);
  });

  it('counts from payment when the parcel was never recorded as signed', () => {
    const facts = factsAt('2026-01-01T00:00:00+08:00', { order: { status: 'completed', amount: 1680, paidAt: '2025-06-30T20:00:00+08:00' }, repair: { warrantyMonths: 6 } });
    expect(facts).toMatchObject({ warrantyEndsAt: '2025-12-30T20:00:00.000+08:00', withinWarranty: false });
  });

  it('takes the request\'s warranty over the shop default, and the default when the request has none', () => {
    const signedAt = '2026-01-10T14:00:00+08:00';
    expect(factsAt('2026-06-02T10:00:00+08:00', repairOn(signedAt, { warrantyMonths: 3 }), { warrantyMonths: 12 }).withinWarranty).toBe(false);
    expect(factsAt('2026-06-02T10:00:00+08:00', repairOn(signedAt, {}), { warrantyMonths: 12 }).withinWarranty).toBe(true);
  });

  it('is unknown when neither the request nor the shop gives a warranty', () => {
    expect(factsAt('2026-06-02T10:00:00+08:00', repairOn('2026-01-10T14:00:00+08:00', {}))).toMatchObject({ warrantyEndsAt: null, withinWarranty: null });
  });
});

describe('a costly repair (at least half the price suggests a new purchase)', () => {
  const costOf = (estimatedCost: number, amount = 1299) =>
    factsAt('2026-07-14T13:00:00+08:00', { order: { status: 'completed', amount }, repair: { warrantyMonths: 12, estimatedCost } });

  it('is costly from exactly half the order amount', () => {
    expect(costOf(649.5)).toMatchObject({ repairCostRatio: 0.5, repairCostHigh: true });
    expect(costOf(649).repairCostHigh).toBe(false);
  });

  it('cannot be judged for a free order or without an estimate', () => {
    expect(costOf(100, 0)).toMatchObject({ repairCostRatio: null, repairCostHigh: null });
    // so near 0 that cost / amount overflows to Infinity, which no fact may hold
    expect(costOf(100, 5e-324)).toMatchObject({ repairCostRatio: null, repairCostHigh: null });
    expect(costOf(0, 0)).toMatchObject({ repairCostRatio: null, repairCostHigh: null });
    expect(factsAt('2026-07-14T13:00:00+08:00', { order: { status: 'completed', amount: 1299 }, repair: {} }).repairCostHigh).toBeNull();
  });
});

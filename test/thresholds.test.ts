import { describe, expect, it } from 'vitest';
import { createTriage } from '../src/index.js';
import type { TriageInput } from '../src/schema/input.js';
import { factsAt } from './support/time.js';

const triager = createTriage();
const decide = async (input: TriageInput): Promise<string> => (await triager.triage(input)).explanation.decidedBy.rule;

/** Wednesday 10:00 + 48 h: the promise never interferes with the thresholds below. */
const order = { id: '4127735106218830', status: 'paid', amount: 189, paidAt: '2026-09-16T10:00:00+08:00' } as const;

describe('the no-scan threshold (24 h by default; reaching it is enough)', () => {
  const labelPrinted = (now: string, policy = {}): TriageInput => ({
    now,
    order,
    shipment: { trackingNumber: 'YT7512046688123', carrier: '圆通', labelPrintedAt: '2026-09-16T12:00:00+08:00' },
    claim: { type: 'tracking_question' },
    policy,
  });
  const handedOver = (now: string): TriageInput => ({
    now,
    order: { ...order, status: 'shipped' },
    shipment: { trackingNumber: '75409281736652', carrier: '中通', handedToCarrierAt: '2026-09-16T17:00:00+08:00' },
    claim: { type: 'tracking_question' },
  });

  it('counts hours since the label was printed and since the handover', () => {
    const now = '2026-09-17T12:00:00+08:00';
    expect(factsAt(now, labelPrinted(now))).toMatchObject({ hoursSinceLabelPrinted: 24, noScanAfterHours: 24 });
    expect(factsAt(now, handedOver(now)).hoursSinceHandedOver).toBe(19);
  });

  it('leaves a printed label to the warehouse from 24 h exactly, not a second earlier', async () => {
    expect(await decide(labelPrinted('2026-09-17T11:59:59+08:00'))).toBe('shipping-urge');
    expect(await decide(labelPrinted('2026-09-17T12:00:00+08:00'))).toBe('not-shipped');
  });

  it('follows the shop\'s own threshold', async () => {
    expect(await decide(labelPrinted('2026-09-16T23:59:59+08:00', { noScanAfterHours: 12 }))).toBe('shipping-urge');
    expect(await decide(labelPrinted('2026-09-17T00:00:00+08:00', { noScanAfterHours: 12 }))).toBe('not-shipped');
  });

  it('sends a handed-over parcel to the courier from 24 h exactly', async () => {
    expect(await decide(handedOver('2026-09-17T16:59:59+08:00'))).toBe('handed-over-awaiting-scan');
    expect(await decide(handedOver('2026-09-17T17:00:00+08:00'))).toBe('not-picked-up');
  });
});

describe('the stall threshold (48 h, 120 h in peak season; reaching it is enough)', () => {
  // picked up the evening before the last scan: inside the normal delivery days, so only the stall threshold decides
  const lastScanAt = (now: string, lastScan: string, pickedUp: string): TriageInput => ({
    now,
    order: { ...order, status: 'shipped' },
    shipment: {
      trackingNumber: '4318876522046',
      carrier: '韵达',
      events: [
        { at: pickedUp, kind: 'accepted' },
        { at: lastScan, kind: 'in_transit' },
      ],
    },
    claim: { type: 'not_received' },
  });

  it('measures from the latest event, whatever order the events come in', () => {
    const facts = factsAt('2026-09-20T10:00:00+08:00', {
      order,
      shipment: { events: [{ at: '2026-09-19T10:00:00+08:00', kind: 'in_transit' }, { at: '2026-09-18T10:00:00+08:00', kind: 'accepted' }] },
    });
    expect(facts).toMatchObject({ hoursSinceLastEvent: 24, lastEventKind: 'in_transit', lastEventAt: '2026-09-19T10:00:00.000+08:00' });
  });

  it('is normal transit one second before 48 h and stalled at 48 h', async () => {
    expect(await decide(lastScanAt('2026-09-22T09:59:59+08:00', '2026-09-20T10:00:00+08:00', '2026-09-19T18:00:00+08:00'))).toBe('in-transit-normal');
    expect(await decide(lastScanAt('2026-09-22T10:00:00+08:00', '2026-09-20T10:00:00+08:00', '2026-09-19T18:00:00+08:00'))).toBe('stalled-tracking');
  });

  it('waits 120 h during Double 11, to the second', async () => {
    expect(await decide(lastScanAt('2026-11-15T09:59:59+08:00', '2026-11-10T10:00:00+08:00', '2026-11-09T18:00:00+08:00'))).toBe('in-transit-normal');
    expect(await decide(lastScanAt('2026-11-15T10:00:00+08:00', '2026-11-10T10:00:00+08:00', '2026-11-09T18:00:00+08:00'))).toBe('stalled-tracking');
  });
});

describe('the delivery-overdue threshold (5 days after pickup, 8 in peak season; reaching it is enough)', () => {
  const pickedUpAt = (now: string, pickedUp: string, lastScan: string): TriageInput => ({
    now,
    order: { ...order, status: 'shipped' },
    shipment: {
      trackingNumber: '4318876522046',
      carrier: '韵达',
      events: [
        { at: pickedUp, kind: 'accepted' },
        { at: lastScan, kind: 'in_transit' },
      ],
    },
    claim: { type: 'not_received' },
  });

  it('is normal transit one second before 120 h after pickup and overdue at 120 h, while still moving', async () => {
    expect(await decide(pickedUpAt('2026-09-22T09:59:59+08:00', '2026-09-17T10:00:00+08:00', '2026-09-21T20:00:00+08:00'))).toBe('in-transit-normal');
    expect(await decide(pickedUpAt('2026-09-22T10:00:00+08:00', '2026-09-17T10:00:00+08:00', '2026-09-21T20:00:00+08:00'))).toBe('delivery-overdue');
  });

  it('waits 192 h during Double 11, to the second', async () => {
    expect(await decide(pickedUpAt('2026-11-15T09:59:59+08:00', '2026-11-07T10:00:00+08:00', '2026-11-14T20:00:00+08:00'))).toBe('in-transit-normal');
    expect(await decide(pickedUpAt('2026-11-15T10:00:00+08:00', '2026-11-07T10:00:00+08:00', '2026-11-14T20:00:00+08:00'))).toBe('delivery-overdue');
  });
});

describe('the unpaid auto-close (3 days after the order was created; reaching it is enough)', () => {
  const unpaid = (now: string, createdAt: string | undefined, policy = {}): TriageInput => ({
    now,
    order: { id: '4127735106218999', status: 'awaiting_payment', amount: 189, ...(createdAt === undefined ? {} : { createdAt }) },
    claim: { type: 'price_change' },
    policy,
  });

  it('counts hours since the order was created, null without createdAt', () => {
    const now = '2026-09-19T10:00:00+08:00';
    expect(factsAt(now, unpaid(now, '2026-09-16T10:00:00+08:00'))).toMatchObject({ hoursSinceCreated: 72, unpaidAutoCloseHours: 72 });
    expect(factsAt(now, unpaid(now, undefined)).hoursSinceCreated).toBeNull();
    expect(factsAt(now, unpaid(now, '2026-09-16T10:00:00+08:00'), { unpaidAutoCloseAfterDays: 1 }).unpaidAutoCloseHours).toBe(24);
  });

  it('lets the price change one second before 72 h and closes at 72 h', async () => {
    expect(await decide(unpaid('2026-09-19T09:59:59+08:00', '2026-09-16T10:00:00+08:00'))).toBe('price-change');
    expect(await decide(unpaid('2026-09-19T10:00:00+08:00', '2026-09-16T10:00:00+08:00'))).toBe('unpaid-past-auto-close');
  });

  it("follows the shop's own days, in elapsed hours even across a daylight-saving change", async () => {
    expect(await decide(unpaid('2026-09-17T09:59:59+08:00', '2026-09-16T10:00:00+08:00', { unpaidAutoCloseAfterDays: 1 }))).toBe('price-change');
    expect(await decide(unpaid('2026-09-17T10:00:00+08:00', '2026-09-16T10:00:00+08:00', { unpaidAutoCloseAfterDays: 1 }))).toBe('unpaid-past-auto-close');
    // New York leaves summer time on 2026-11-01: 72 h after Saturday 10:00 EDT is Tuesday 09:00 EST
    const ny = { timezone: 'America/New_York' };
    expect(await decide(unpaid('2026-11-03T08:59:59-05:00', '2026-10-31T10:00:00-04:00', ny))).toBe('price-change');
    expect(await decide(unpaid('2026-11-03T09:00:00-05:00', '2026-10-31T10:00:00-04:00', ny))).toBe('unpaid-past-auto-close');
  });
});

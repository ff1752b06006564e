import { describe, expect, it } from 'vitest';
import { peakSeasonAt } from '../src/facts/calendar.js';
import { createTriage } from '../src/index.js';
import { Policy, type PeakSeason } from '../src/schema/policy.js';
import { at, factsAt } from './support/time.js';

const { peakSeasons } = Policy.parse({});
const seasonAt = (iso: string, tz = 'Asia/Shanghai', seasons: readonly PeakSeason[] = peakSeasons): string | undefined =>
  peakSeasonAt(at(iso), seasons, tz)?.name;

describe('the default peak seasons (month-days in the shop\'s zone, both ends included)', () => {
  it('starts Double 11 on 11-01 00:00, not on 10-31 23:59', () => {
    expect(seasonAt('2026-10-31T23:59:59+08:00')).toBeUndefined();
    expect(seasonAt('2026-11-01T00:00:00+08:00')).toBe('double_11');
  });

  it('ends Double 11 after 11-20 23:59:59', () => {
    expect(seasonAt('2026-11-20T23:59:59+08:00')).toBe('double_11');
    expect(seasonAt('2026-11-21T00:00:00+08:00')).toBeUndefined();
  });

  it('wraps the year-end season over the new year: 12-15 to 01-15', () => {
    expect(seasonAt('2026-12-14T23:59:59+08:00')).toBeUndefined();
    expect(seasonAt('2026-12-15T00:00:00+08:00')).toBe('year_end');
    expect(seasonAt('2026-12-31T23:59:59+08:00')).toBe('year_end');
    expect(seasonAt('2027-01-01T00:00:00+08:00')).toBe('year_end');
    expect(seasonAt('2027-01-15T23:59:59+08:00')).toBe('year_end');
    expect(seasonAt('2027-01-16T00:00:00+08:00')).toBeUndefined();
  });

  it('reads the date in the shop\'s zone: 10-31 16:00 UTC is already November in Shanghai, not in London', () => {
    const instant = '2026-10-31T16:00:00Z';
    expect(seasonAt(instant, 'Asia/Shanghai')).toBe('double_11');
    expect(seasonAt(instant, 'Europe/London')).toBeUndefined();
  });

  it('is nothing in the rest of the year', () => {
    expect(seasonAt('2026-06-18T12:00:00+08:00')).toBeUndefined();
  });
});

describe('shop-defined peak seasons', () => {
  const seasons: PeakSeason[] = [{ name: '618', from: '06-01', to: '06-18', extraDelayDays: 2 }];

  it('apply only to the shop that declares them', () => {
    expect(seasonAt('2026-06-18T12:00:00+08:00', 'Asia/Shanghai', seasons)).toBe('618');
    expect(seasonAt('2026-06-19T00:00:00+08:00', 'Asia/Shanghai', seasons)).toBeUndefined();
  });

  it('lengthen the stall threshold by their own extra days', () => {
    const facts = factsAt('2026-06-10T12:00:00+08:00', { order: { status: 'shipped', amount: 99 } }, { peakSeasons: seasons });
    expect(facts).toMatchObject({ peakSeason: true, peakSeasonName: '618', stallThresholdHours: 48 + 2 * 24 });
  });
});

describe('the stall threshold', () => {
  const order = { status: 'shipped', amount: 259 } as const;

  it('is stallAfterHours outside peak season and 3 days longer inside it', () => {
    expect(factsAt('2026-10-31T23:59:00+08:00', { order }).stallThresholdHours).toBe(48);
    expect(factsAt('2026-11-01T00:00:00+08:00', { order }).stallThresholdHours).toBe(120);
    expect(factsAt('2026-11-01T00:00:00+08:00', { order }, { stallAfterHours: 72 }).stallThresholdHours).toBe(144);
  });

  it('turns a 72-hour gap from stalled to normal transit when Double 11 begins', async () => {
    const triager = createTriage();
    const gapOf72HoursAt = (now: string, lastScan: string) =>
      triager.triage({
        now,
        order: { ...order, paidAt: '2026-10-26T10:00:00+08:00' },
        shipment: { trackingNumber: 'SF1402837465', carrier: '顺丰', events: [{ at: lastScan, kind: 'in_transit' }] },
        claim: { type: 'tracking_question' },
      });
    expect((await gapOf72HoursAt('2026-10-31T23:59:00+08:00', '2026-10-28T23:59:00+08:00')).situation).toBe('stalled_tracking');
    expect((await gapOf72HoursAt('2026-11-01T00:00:00+08:00', '2026-10-29T00:00:00+08:00')).situation).toBe('in_transit_normal');
  });
});

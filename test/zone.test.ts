import { TZDate } from '@date-fns/tz';
import { addDays, addHours, addMonths, differenceInDays, format, isWeekend, nextMonday, nextSaturday, startOfDay } from 'date-fns';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDaysInZone, addMonthsInZone, differenceInDaysInZone, formatInZone, peakSeasonAt, shipByDeadline, toZonedIso } from '../src/facts/calendar.js';
import { fixedOffsetOf } from '../src/facts/zone.js';
import { Policy } from '../src/schema/policy.js';

/** The TZDate-only versions the fast path replaces: the oracle. */
const oracle = {
  shipBy(paidAt: Date, hours: number, timeZone: string): Date {
    let cursor: Date = new TZDate(paidAt.getTime(), timeZone);
    let remaining = hours * 3_600_000;
    for (;;) {
      if (isWeekend(cursor)) cursor = startOfDay(nextMonday(cursor));
      const weekEnd = startOfDay(nextSaturday(cursor));
      const available = weekEnd.getTime() - cursor.getTime();
      if (remaining <= available) return new Date(cursor.getTime() + remaining);
      remaining -= available;
      cursor = weekEnd;
    }
  },
  monthDay: (at: Date, timeZone: string) => format(new TZDate(at.getTime(), timeZone), 'MM-dd'),
  addDays: (at: Date, days: number, timeZone: string) => new Date(addDays(new TZDate(at.getTime(), timeZone), days).getTime()),
  addMonths: (at: Date, months: number, timeZone: string) => new Date(addMonths(new TZDate(at.getTime(), timeZone), months).getTime()),
  iso: (at: Date, timeZone: string) => new TZDate(at.getTime(), timeZone).toISOString(),
  days: (later: Date, earlier: Date, timeZone: string) => differenceInDays(new TZDate(later.getTime(), timeZone), new TZDate(earlier.getTime(), timeZone)),
  format: (at: Date, timeZone: string, pattern: string) => format(new TZDate(at.getTime(), timeZone), pattern),
};

// Fixed zones (whole hours, half and quarter hours), zones with daylight saving, and UTC.
const ZONES = ['Asia/Shanghai', 'Asia/Tokyo', 'Asia/Kolkata', 'Asia/Kathmandu', 'UTC', 'America/New_York', 'Europe/Berlin', 'Australia/Lord_Howe'];
const zone = fc.constantFrom(...ZONES);
// Mostly inside 2000–2099, some outside; month ends, leap days and whole hours are frequent.
const instant = fc.oneof(
  fc.integer({ min: Date.UTC(1999, 0, 1), max: Date.UTC(2101, 0, 1) }),
  fc.tuple(fc.integer({ min: 2000, max: 2099 }), fc.integer({ min: 0, max: 11 }), fc.integer({ min: 26, max: 31 }), fc.integer({ min: 0, max: 23 })).map(([y, m, d, h]) => Date.UTC(y, m, d, h)),
).map((ms) => new Date(ms));

describe('zone arithmetic on fixed-offset zones', () => {
  it('finds the zones that keep one offset over 2000–2099', () => {
    expect(fixedOffsetOf('Asia/Shanghai')).toBe(480);
    expect(fixedOffsetOf('Asia/Kathmandu')).toBe(345);
    expect(fixedOffsetOf('UTC')).toBe(0);
    expect(fixedOffsetOf('Europe/Berlin')).toBeNull();
    expect(fixedOffsetOf('Not/AZone')).toBeNull();
  });

  it('gives what TZDate gives, for every calendar function', () => {
    fc.assert(
      fc.property(zone, instant, instant, fc.integer({ min: 0, max: 365 }), fc.integer({ min: 0, max: 240 }), fc.double({ min: 1, max: 24 * 60, noNaN: true }), (tz, a, b, days, months, hours) => {
        expect(toZonedIso(a, tz)).toBe(oracle.iso(a, tz));
        expect(addDaysInZone(a, days, tz).getTime()).toBe(oracle.addDays(a, days, tz).getTime());
        expect(addMonthsInZone(a, months, tz).getTime()).toBe(oracle.addMonths(a, months, tz).getTime());
        expect(differenceInDaysInZone(a, b, tz)).toBe(oracle.days(a, b, tz));
        expect(shipByDeadline(a, hours, false, tz).getTime()).toBe(oracle.shipBy(a, hours, tz).getTime());
        expect(shipByDeadline(a, hours, true, tz).getTime()).toBe(addHours(a, hours).getTime());
        for (const pattern of ['M月d日 HH:mm', 'MMM d, HH:mm', 'MM-dd', 'yyyy-MM-dd']) expect(formatInZone(a, tz, pattern)).toBe(oracle.format(a, tz, pattern));
        const seasons = Policy.parse({}).peakSeasons;
        const byOracle = seasons.find((s) => {
          const md = oracle.monthDay(a, tz);
          return s.from <= s.to ? md >= s.from && md <= s.to : md >= s.from || md <= s.to;
        });
        expect(peakSeasonAt(a, seasons, tz)).toBe(byOracle);
      }),
      { numRuns: 3000 },
    );
  });
});

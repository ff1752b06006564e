import { TZDate } from '@date-fns/tz';
import { addDays, addHours, addMonths, differenceInDays, format, isWeekend, nextMonday, nextSaturday, startOfDay } from 'date-fns';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDaysInZone, addMonthsInZone, differenceInDaysInZone, formatInZone, peakSeasonAt, shipByDeadline, toZonedIso } from '../src/facts/calendar.js';
import { fixedOffsetOf, formatZonedIso } from '../src/facts/zone.js';
import { tzOffset } from '@date-fns/tz';
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
  // TZDate resolves a repeated hour by the host's zone, so DST zones are held to the documented rule instead
  addDaysByRule: (at: Date, days: number, timeZone: string) => byRule.resolve(byRule.wallOf(at.getTime(), timeZone) + days * DAY_MS, timeZone),
  addMonthsByRule: (at: Date, months: number, timeZone: string) => {
    const wall = new Date(byRule.wallOf(at.getTime(), timeZone));
    const end = new Date(wall.getTime());
    end.setUTCDate(1);
    end.setUTCMonth(end.getUTCMonth() + months);
    const monthLength = end.getUTCMonth() === 1 ? (isLeap(end.getUTCFullYear()) ? 29 : 28) : [31, 0, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][end.getUTCMonth()]!;
    end.setUTCDate(Math.min(wall.getUTCDate(), monthLength));
    return byRule.resolve(end.getTime(), timeZone);
  },
  iso: (at: Date, timeZone: string) => new TZDate(at.getTime(), timeZone).toISOString(),
  days: (later: Date, earlier: Date, timeZone: string) => differenceInDays(new TZDate(later.getTime(), timeZone), new TZDate(earlier.getTime(), timeZone)),
  format: (at: Date, timeZone: string, pattern: string) => format(new TZDate(at.getTime(), timeZone), pattern),
};

const tzOffsetMinutes = (zone: string, ms: number) => tzOffset(zone, new Date(ms));
const DAY_MS = 86_400_000;
const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

/**
 * The README's rule for a wall clock that a DST change repeats or skips, by brute force and through
 * `Intl` alone (not `tzOffset`): every instant within two days whose wall clock is the one wanted,
 * the later if two; none (a gap) reads the wall clock with the offset in force before the change.
 */
const byRule = {
  formats: new Map<string, Intl.DateTimeFormat>(),
  wallOf(ms: number, timeZone: string): number {
    let f = this.formats.get(timeZone);
    if (!f) this.formats.set(timeZone, (f = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' })));
    const p = Object.fromEntries(f.formatToParts(new Date(ms)).map((x) => [x.type, Number(x.value)]));
    const wall = new Date(0);
    wall.setUTCFullYear(p.year!, p.month! - 1, p.day!);
    wall.setUTCHours(p.hour!, p.minute!, p.second!, ((ms % 1000) + 1000) % 1000);
    return wall.getTime();
  },
  resolve(wall: number, timeZone: string): Date {
    const offsets = new Set<number>();
    for (let t = wall - 2 * DAY_MS; t <= wall + 2 * DAY_MS; t += 3_600_000) offsets.add(this.wallOf(t, timeZone) - t);
    const hits = [...offsets].map((o) => wall - o).filter((t) => this.wallOf(t, timeZone) === wall);
    if (hits.length > 0) return new Date(Math.max(...hits));
    return new Date(wall - (this.wallOf(wall - 2 * DAY_MS, timeZone) - (wall - 2 * DAY_MS)));
  },
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
        const fixed = fixedOffsetOf(tz) !== null;
        expect(addDaysInZone(a, days, tz).getTime()).toBe((fixed ? oracle.addDays : oracle.addDaysByRule)(a, days, tz).getTime());
        expect(addMonthsInZone(a, months, tz).getTime()).toBe((fixed ? oracle.addMonths : oracle.addMonthsByRule)(a, months, tz).getTime());
        expect(differenceInDaysInZone(a, b, tz)).toBe(oracle.days(a, b, tz));
        expect(shipByDeadline(a, hours, false, tz).getTime()).toBe(oracle.shipBy(a, hours, tz).getTime());
        expect(shipByDeadline(a, hours, true, tz).getTime()).toBe(addHours(a, hours).getTime());
        for (const pattern of ['M月d日 HH:mm', 'MMM d, HH:mm', 'MM-dd', 'yyyy-MM-dd']) expect(formatInZone(a, tz, pattern)).toBe(oracle.format(a, tz, pattern));
        // the wording reads an instant fact's fields from its zoned text; a pattern it cannot read falls back
        for (const pattern of ['M月d日 HH:mm', 'MMM d, HH:mm', 'MM-dd', 'H:m']) expect(formatZonedIso(toZonedIso(a, tz), pattern)).toBe(oracle.format(a, tz, pattern));
        expect(formatZonedIso(toZonedIso(a, tz), 'yyyy-MM-dd')).toBeUndefined();
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

describe('instant facts written for the buyer', () => {
  it('reads the fields of a zoned ISO text only, and leaves any other text to date-fns', () => {
    expect(formatZonedIso('2026-11-13T08:05:00.000+08:00', 'M月d日 HH:mm')).toBe('11月13日 08:05');
    expect(formatZonedIso('2026-02-03T18:00:00.000-05:00', 'MMM d, HH:mm')).toBe('Feb 3, 18:00');
    for (const text of ['2026-11-13', '2026/11/13T08:05', '2026-13-01T08:05', '2026-11-00T08:05', '2026-11-32T08:05', '2026-11-13T24:05', '2026-11-13T08:60', '2026-11-13T8:05:00', '+012026-11-13T08:05']) {
      expect(formatZonedIso(text, 'M月d日 HH:mm')).toBeUndefined();
    }
  });
});

describe('calendar days and months in zones with daylight saving', () => {
  const DST_ZONES = ['Europe/Berlin', 'America/New_York', 'America/Santiago', 'America/St_Johns', 'America/Havana', 'Australia/Lord_Howe', 'Europe/London'];
  /** Every offset change of a zone in 2024–2030, found weekly then narrowed to the minute. */
  const changesOf = (timeZone: string): number[] => {
    const changes: number[] = [];
    const offset = (t: number) => byRule.wallOf(t, timeZone) - t;
    for (let t = Date.UTC(2024, 0, 1); t < Date.UTC(2031, 0, 1); t += 7 * DAY_MS) {
      if (offset(t) === offset(t + 7 * DAY_MS)) continue;
      let [lo, hi] = [t, t + 7 * DAY_MS];
      while (hi - lo > 60_000) {
        const mid = lo + Math.floor((hi - lo) / 120_000) * 60_000;
        if (offset(mid) === offset(lo)) lo = mid;
        else hi = mid;
      }
      changes.push(hi);
    }
    return changes;
  };
  const nearChange = fc.constantFrom(...DST_ZONES).chain((tz) => fc.tuple(fc.constant(tz), fc.constantFrom(...changesOf(tz)), fc.integer({ min: -180, max: 180 })));

  it('ends a window that falls in a repeated or skipped hour by the README rule, whatever the host zone', () => {
    fc.assert(
      fc.property(nearChange, fc.integer({ min: 0, max: 60 }), fc.integer({ min: 1, max: 24 }), ([tz, change, minutes], days, months) => {
        // started so that the wall-clock end lands within three hours of the change
        const end = change + minutes * 60_000;
        const fromDays = new Date(end - days * DAY_MS);
        expect(addDaysInZone(fromDays, days, tz).getTime()).toBe(oracle.addDaysByRule(fromDays, days, tz).getTime());
        const fromMonths = new Date(new Date(end).setUTCMonth(new Date(end).getUTCMonth() - months));
        expect(addMonthsInZone(fromMonths, months, tz).getTime()).toBe(oracle.addMonthsByRule(fromMonths, months, tz).getTime());
      }),
      { numRuns: 2000 },
    );
  });

  it('takes the later 01:30 in New York and the shifted 02:30 in Berlin', () => {
    expect(toZonedIso(addDaysInZone(new Date('2026-10-25T01:30:00-04:00'), 7, 'America/New_York'), 'America/New_York')).toBe('2026-11-01T01:30:00.000-05:00');
    expect(toZonedIso(addMonthsInZone(new Date('2025-11-01T01:30:00-04:00'), 12, 'America/New_York'), 'America/New_York')).toBe('2026-11-01T01:30:00.000-05:00');
    expect(toZonedIso(addDaysInZone(new Date('2026-03-22T02:30:00+01:00'), 7, 'Europe/Berlin'), 'Europe/Berlin')).toBe('2026-03-29T03:30:00.000+02:00');
  });

  it.each(['UTC', 'Europe/Berlin', 'America/New_York', 'Asia/Kolkata', 'Pacific/Chatham'])('gives the same instants when the host runs in %s', (hostZone) => {
    const saved = process.env.TZ;
    try {
      process.env.TZ = hostZone;
      // the host's zone did change: Date's local-time methods now read it
      expect(new Date(2026, 0, 1).getTimezoneOffset() + tzOffsetMinutes(hostZone, Date.UTC(2026, 0, 1))).toBe(0);
      expect(addDaysInZone(new Date('2026-10-25T01:30:00-04:00'), 7, 'America/New_York').toISOString()).toBe('2026-11-01T06:30:00.000Z');
      expect(addDaysInZone(new Date('2026-10-18T02:30:00+02:00'), 7, 'Europe/Berlin').toISOString()).toBe('2026-10-25T01:30:00.000Z');
      expect(addMonthsInZone(new Date('2026-03-31T02:30:00+02:00'), 1, 'Europe/Berlin').toISOString()).toBe('2026-04-30T00:30:00.000Z');
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
  });
});

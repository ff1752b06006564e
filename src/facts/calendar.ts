import { TZDate } from '@date-fns/tz';
// One module per function: date-fns's index loads all of its ~250 modules, which every batch worker would pay for at start.
import { addHours } from 'date-fns/addHours';
import { differenceInDays } from 'date-fns/differenceInDays';
import { format } from 'date-fns/format';
import { isWeekend } from 'date-fns/isWeekend';
import { nextMonday } from 'date-fns/nextMonday';
import { nextSaturday } from 'date-fns/nextSaturday';
import { startOfDay } from 'date-fns/startOfDay';
import { MAX_SHIP_WITHIN_HOURS, type PeakSeason } from '../schema/policy.js';
import { addMonthsAtOffset, differenceInDaysAtOffset, fixedOffsetMs, formatAtOffset, isoAtOffset, monthDayAtOffset, shipByAtOffset } from './zone.js';
import { instantOfWallClock, wallClockOf } from './wall-clock.js';

const HOUR_MS = 3_600_000;

/**
 * The latest moment to hand a parcel over: `paidAt + hours`, where Saturday and Sunday (in the
 * shop's zone) do not count when the shop does not ship at weekends. A Saturday order's clock
 * starts on Monday 00:00.
 */
export const shipByDeadline = (paidAt: Date, hours: number, shipsOnWeekends: boolean, timeZone: string): Date => {
  // the loops below end only for a bounded number: a validated policy's, never NaN
  if (!(hours >= 0 && hours <= MAX_SHIP_WITHIN_HOURS)) throw new RangeError(`shipWithinHours must be 0 to ${MAX_SHIP_WITHIN_HOURS}, got ${hours}`);
  if (shipsOnWeekends) return addHours(paidAt, hours);
  // A week of working hours at most per pass, and the policy bounds hours to 60 days.
  const offset = fixedOffsetMs(timeZone, paidAt.getTime(), paidAt.getTime() + 120 * 24 * HOUR_MS);
  if (offset !== undefined) return new Date(shipByAtOffset(paidAt.getTime(), hours, offset));
  let cursor: Date = new TZDate(paidAt.getTime(), timeZone);
  let remaining = hours * HOUR_MS;
  // Each pass consumes at least a whole working week, so a bounded policy value ends the loop.
  for (;;) {
    if (isWeekend(cursor)) cursor = startOfDay(nextMonday(cursor));
    const weekEnd = startOfDay(nextSaturday(cursor));
    const available = weekEnd.getTime() - cursor.getTime();
    if (remaining <= available) return new Date(cursor.getTime() + remaining);
    remaining -= available;
    cursor = weekEnd;
  }
};

/** The peak season `now` falls in (month-days in the shop's zone, wrapping the year end), if any. */
export const peakSeasonAt = (now: Date, seasons: readonly PeakSeason[], timeZone: string): PeakSeason | undefined => {
  const offset = fixedOffsetMs(timeZone, now.getTime());
  const monthDay = offset === undefined ? format(new TZDate(now.getTime(), timeZone), 'MM-dd') : monthDayAtOffset(now.getTime(), offset);
  return seasons.find((s) => (s.from <= s.to ? monthDay >= s.from && monthDay <= s.to : monthDay >= s.from || monthDay <= s.to));
};

/**
 * Whole calendar days added in the shop's zone, so a window keeps its wall-clock end across DST
 * changes (a policy's days are integers). An end in a repeated or skipped hour: see wall-clock.ts.
 */
export const addDaysInZone = (at: Date, days: number, timeZone: string): Date => {
  const end = at.getTime() + days * 24 * HOUR_MS;
  if (fixedOffsetMs(timeZone, at.getTime(), end) !== undefined) return new Date(end);
  return new Date(instantOfWallClock(wallClockOf(at.getTime(), timeZone) + days * 24 * HOUR_MS, timeZone));
};

export const addMonthsInZone = (at: Date, months: number, timeZone: string): Date => {
  const offset = fixedOffsetMs(timeZone, at.getTime());
  if (offset !== undefined) {
    const end = addMonthsAtOffset(at.getTime(), months, offset);
    if (fixedOffsetMs(timeZone, end) !== undefined) return new Date(end);
  }
  const wall = wallClockOf(at.getTime(), timeZone);
  return new Date(instantOfWallClock(addMonthsAtOffset(wall, months, 0), timeZone));
};

/** An instant written with the shop's own offset, e.g. `2026-11-13T18:00:00.000+08:00`. */
export const toZonedIso = (at: Date, timeZone: string): string => {
  const offset = fixedOffsetMs(timeZone, at.getTime());
  return offset === undefined ? new TZDate(at.getTime(), timeZone).toISOString() : isoAtOffset(at.getTime(), offset);
};

/** date-fns `differenceInDays` between two instants' wall clocks in the shop's zone (whole days, towards zero). */
export const differenceInDaysInZone = (later: Date, earlier: Date, timeZone: string): number =>
  fixedOffsetMs(timeZone, later.getTime(), earlier.getTime()) !== undefined
    ? differenceInDaysAtOffset(later.getTime(), earlier.getTime())
    : differenceInDays(new TZDate(later.getTime(), timeZone), new TZDate(earlier.getTime(), timeZone));

/** date-fns `format` of an instant in the shop's zone. */
export const formatInZone = (at: Date, timeZone: string, pattern: string): string => {
  const offset = fixedOffsetMs(timeZone, at.getTime());
  return (offset === undefined ? undefined : formatAtOffset(at.getTime(), offset, pattern)) ?? format(new TZDate(at.getTime(), timeZone), pattern);
};

import { TZDate } from '@date-fns/tz';
import { addDays, addHours, addMonths, format, isWeekend, nextMonday, nextSaturday, startOfDay } from 'date-fns';
import type { PeakSeason } from '../schema/policy.js';

const HOUR_MS = 3_600_000;

/**
 * The latest moment to hand a parcel over: `paidAt + hours`, where Saturday and Sunday (in the
 * shop's zone) do not count when the shop does not ship at weekends. A Saturday order's clock
 * starts on Monday 00:00.
 */
export const shipByDeadline = (paidAt: Date, hours: number, shipsOnWeekends: boolean, timeZone: string): Date => {
  if (shipsOnWeekends) return addHours(paidAt, hours);
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
  const monthDay = format(new TZDate(now.getTime(), timeZone), 'MM-dd');
  return seasons.find((s) => (s.from <= s.to ? monthDay >= s.from && monthDay <= s.to : monthDay >= s.from || monthDay <= s.to));
};

/** Calendar days added in the shop's zone, so a window keeps its wall-clock end across DST changes. */
export const addDaysInZone = (at: Date, days: number, timeZone: string): Date =>
  new Date(addDays(new TZDate(at.getTime(), timeZone), days).getTime());

export const addMonthsInZone = (at: Date, months: number, timeZone: string): Date =>
  new Date(addMonths(new TZDate(at.getTime(), timeZone), months).getTime());

/** An instant written with the shop's own offset, e.g. `2026-11-13T18:00:00.000+08:00`. */
export const toZonedIso = (at: Date, timeZone: string): string => new TZDate(at.getTime(), timeZone).toISOString();

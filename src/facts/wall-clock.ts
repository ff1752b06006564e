import { tzOffset } from '@date-fns/tz';

/**
 * Calendar arithmetic on a zone's wall clock, for zones whose offset changes. A wall clock is
 * written here as milliseconds "as if UTC", so adding days or months is plain UTC arithmetic; only
 * reading an instant's wall clock and resolving a wall clock back to an instant ask the zone.
 * Nothing here reads the host's own zone: `Date`'s local-time methods are never called.
 */

const DAY_MS = 86_400_000;

/** The zone's offset at an instant, in milliseconds (east of UTC positive). */
export const offsetMsAt = (timeZone: string, ms: number): number => tzOffset(timeZone, new Date(ms)) * 60_000;

/** The instant's wall clock in the zone. */
export const wallClockOf = (ms: number, timeZone: string): number => ms + offsetMsAt(timeZone, ms);

/**
 * The instant at which the zone's clocks show `wall`. A wall clock shown twice (the autumn hour)
 * resolves to its second occurrence, and one never shown (the spring gap) moves forward by the
 * gap's length (02:30 in a 02:00→03:00 gap is 03:30): both favour the buyer whose window ends
 * there. The offsets a day either side of the wall clock are the only candidates, because no zone
 * changes its offset twice within two days.
 */
export const instantOfWallClock = (wall: number, timeZone: string): number => {
  const before = offsetMsAt(timeZone, wall - DAY_MS);
  const after = offsetMsAt(timeZone, wall + DAY_MS);
  const later = wall - Math.min(before, after);
  if (offsetMsAt(timeZone, later) === Math.min(before, after)) return later;
  const earlier = wall - Math.max(before, after);
  if (offsetMsAt(timeZone, earlier) === Math.max(before, after)) return earlier;
  return wall - before;
};

import { tzOffset } from '@date-fns/tz';
import { twoDigitsAt } from './instant.js';

/**
 * Fast zone arithmetic where it is provably the same as `TZDate`: in a zone that keeps one UTC
 * offset over the years orders live in (Asia/Shanghai has since 1991), a zoned wall clock is the
 * instant plus a constant, so day and month arithmetic is plain UTC arithmetic on that wall clock.
 * `TZDate` asks `Intl` for the offset several times per operation (3–60 µs each); this asks once
 * per zone. Zones with daylight saving, and instants outside the window, keep the `TZDate` path.
 */

const DAY_MS = 86_400_000;
const WEEK_MS = 7 * DAY_MS;
export const WINDOW_START = Date.UTC(2000, 0, 1);
export const WINDOW_END = Date.UTC(2100, 0, 1);

const fixedOffsets = new Map<string, number | null>();

/**
 * Sampling weekly finds every offset change, because no zone changes its offset and back within a
 * week: checked against hourly sampling for all of Node's zones over 2000–2099.
 */
const scan = (timeZone: string): number | null => {
  const first = tzOffset(timeZone, new Date(WINDOW_START));
  if (!Number.isInteger(first)) return null;
  for (let t = WINDOW_START + WEEK_MS; t < WINDOW_END; t += WEEK_MS) {
    if (tzOffset(timeZone, new Date(t)) !== first) return null;
  }
  return tzOffset(timeZone, new Date(WINDOW_END)) === first ? first : null;
};

let lastZone: string | undefined;
let lastOffset: number | null = null;

/** The zone's one offset in minutes over 2000–2099, or null when it changes (or the zone is unknown). */
export const fixedOffsetOf = (timeZone: string): number | null => {
  // Nearly every call asks for the shop's one zone.
  if (timeZone === lastZone) return lastOffset;
  let offset = fixedOffsets.get(timeZone);
  if (offset === undefined) {
    offset = scan(timeZone);
    // Zones come from validated policies; the bound only guards against a caller inventing many.
    if (fixedOffsets.size >= 1000) fixedOffsets.clear();
    fixedOffsets.set(timeZone, offset);
  }
  lastZone = timeZone;
  lastOffset = offset;
  return offset;
};

const inWindow = (ms: number): boolean => ms >= WINDOW_START && ms < WINDOW_END;

/** The offset in milliseconds when the zone is fixed and the given instants lie in the window. */
export const fixedOffsetMs = (timeZone: string, at: number, also: number = at): number | undefined => {
  if (!inWindow(at) || !inWindow(also)) return undefined;
  const offset = fixedOffsetOf(timeZone);
  return offset === null ? undefined : offset * 60_000;
};

/** '00' … '99': two digits are written several times per instant, and every triage writes a few instants. */
const TWO_DIGITS = Array.from({ length: 100 }, (_, n) => (n < 10 ? `0${n}` : String(n)));
const pad2 = (n: number): string => TWO_DIGITS[n] ?? String(n);
const pad3 = (n: number): string => (n < 10 ? `00${n}` : n < 100 ? `0${n}` : String(n));

/** `2026-11-11T` by wall-clock day number: a triage writes several instants of a few days. */
const dayTexts = new Map<number, string>();

let suffixFor = Number.NaN;
let suffix = '';
/** `+08:00` for an offset in milliseconds; a process nearly always writes one. */
const offsetSuffix = (offsetMs: number): string => {
  if (offsetMs !== suffixFor) {
    const offsetMinutes = offsetMs / 60_000;
    const abs = Math.abs(offsetMinutes);
    suffix = `${offsetMinutes < 0 ? '-' : '+'}${pad2(Math.floor(abs / 60))}:${pad2(abs % 60)}`;
    suffixFor = offsetMs;
  }
  return suffix;
};

/** `2026-11-11T` for a wall-clock day number. */
const dayTextOf = (day: number): string => {
  let dayText = dayTexts.get(day);
  if (dayText === undefined) {
    const w = new Date(day * DAY_MS);
    dayText = `${w.getUTCFullYear()}-${pad2(w.getUTCMonth() + 1)}-${pad2(w.getUTCDate())}T`;
    if (dayTexts.size >= 4096) dayTexts.clear();
    dayTexts.set(day, dayText);
  }
  return dayText;
};

/**
 * `10:05:` for each minute of the day, and `07.000` for each second on the second: an instant is
 * written from four pieces instead of eleven (half the time, measured), and nearly every instant a
 * triage writes falls on a whole second.
 */
const MINUTE_TEXTS = Array.from({ length: 1440 }, (_, m) => `${pad2(Math.floor(m / 60))}:${pad2(m % 60)}:`);
const WHOLE_SECOND_TEXTS = Array.from({ length: 60 }, (_, s) => `${pad2(s)}.000`);

/** `TZDate#toISOString` for a fixed offset: the wall clock, then `+HH:MM` (years of the window have four digits). */
export const isoAtOffset = (ms: number, offsetMs: number): string => {
  const wall = ms + offsetMs;
  const day = Math.floor(wall / DAY_MS);
  let rest = wall - day * DAY_MS;
  const minuteOfDay = Math.floor(rest / 60_000);
  rest -= minuteOfDay * 60_000;
  const seconds = Math.floor(rest / 1000);
  const millis = rest - seconds * 1000;
  const secondText = millis === 0 ? WHOLE_SECOND_TEXTS[seconds]! : `${pad2(seconds)}.${pad3(millis)}`;
  return dayTextOf(day) + MINUTE_TEXTS[minuteOfDay]! + secondText + offsetSuffix(offsetMs);
};

/** The zoned wall clock's month and day, `MM-dd`. */
export const monthDayAtOffset = (ms: number, offsetMs: number): string => dayTextOf(Math.floor((ms + offsetMs) / DAY_MS)).slice(5, 10);

/** date-fns `addMonths` on the wall clock: the same day of month, or the month's last day when it has fewer. */
export const addMonthsAtOffset = (ms: number, months: number, offsetMs: number): number => {
  if (Number.isNaN(months)) return Number.NaN;
  if (!months) return ms;
  const wall = new Date(ms + offsetMs);
  const dayOfMonth = wall.getUTCDate();
  const endOfDesiredMonth = new Date(wall.getTime());
  endOfDesiredMonth.setUTCMonth(wall.getUTCMonth() + months + 1, 0);
  if (dayOfMonth >= endOfDesiredMonth.getUTCDate()) return endOfDesiredMonth.getTime() - offsetMs;
  wall.setUTCFullYear(endOfDesiredMonth.getUTCFullYear(), endOfDesiredMonth.getUTCMonth(), dayOfMonth);
  return wall.getTime() - offsetMs;
};

/** date-fns `differenceInDays` (whole days, truncated towards zero) between wall clocks of one fixed offset. */
export const differenceInDaysAtOffset = (laterMs: number, earlierMs: number): number => {
  const days = Math.trunc((laterMs - earlierMs) / DAY_MS);
  return days === 0 ? 0 : days;
};

const startOfDayMs = (wallMs: number): number => wallMs - (((wallMs % DAY_MS) + DAY_MS) % DAY_MS);
/** 0 Sunday … 6 Saturday, as `getUTCDay` says of the wall clock (1970-01-01 was a Thursday). */
const weekdayOf = (wallMs: number): number => (((Math.floor(wallMs / DAY_MS) + 4) % 7) + 7) % 7;

/**
 * The ship-by deadline of calendar.ts's `shipByDeadline` on a fixed offset's wall clock: Saturday
 * and Sunday do not count, a weekend start moves to Monday 00:00.
 */
export const shipByAtOffset = (paidMs: number, hours: number, offsetMs: number): number => {
  let cursor = paidMs + offsetMs;
  let remaining = hours * 3_600_000;
  for (;;) {
    const weekday = weekdayOf(cursor);
    if (weekday === 6 || weekday === 0) {
      cursor = startOfDayMs(cursor) + (weekday === 6 ? 2 : 1) * DAY_MS;
    }
    const weekEnd = startOfDayMs(cursor) + (6 - weekdayOf(cursor)) * DAY_MS;
    const available = weekEnd - cursor;
    // a Date keeps whole milliseconds (a third of an hour has a fraction): truncated as `new Date(ms).getTime()` does
    if (remaining <= available) return Math.trunc(cursor - offsetMs + remaining);
    remaining -= available;
    cursor = weekEnd;
  }
};

const MONTHS_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** date-fns reads a run of one ASCII letter as one token; quotes and other letters are left to date-fns. */
const TOKEN = /([A-Za-z])\1*|'|[^A-Za-z']+/g;
/** The fields this formatter writes, by token; anything else in a pattern is literal text. */
const FIELDS = ['MMM', 'MM', 'M', 'dd', 'd', 'HH', 'H', 'mm', 'm'] as const;
type Field = (typeof FIELDS)[number];
/** A pattern as a list of field codes (index in FIELDS) and literal texts (code -1). */
interface Piece {
  code: number;
  text: string;
}
const patterns = new Map<string, readonly Piece[] | null>();

/** A pattern's pieces, once; null when it needs a token this formatter does not know. */
const piecesOf = (pattern: string): readonly Piece[] | null => {
  let pieces = patterns.get(pattern);
  if (pieces === undefined) {
    const tokens = [...pattern.matchAll(TOKEN)].map(([token]) => token);
    const known = tokens.every((t) => FIELDS.includes(t as Field) || !/^[A-Za-z']/.test(t));
    pieces = known ? tokens.map((t) => ({ code: FIELDS.indexOf(t as Field), text: t })) : null;
    if (patterns.size >= 100) patterns.clear();
    patterns.set(pattern, pieces);
  }
  return pieces;
};

/** A pattern's pieces written from a wall clock's fields (month 1–12). */
const writeFields = (pieces: readonly Piece[], month: number, date: number, hours: number, minutes: number): string => {
  let out = '';
  for (const { code, text } of pieces) {
    switch (code) {
      case 0:
        out += MONTHS_EN[month - 1];
        break;
      case 1:
        out += pad2(month);
        break;
      case 2:
        out += String(month);
        break;
      case 3:
        out += pad2(date);
        break;
      case 4:
        out += String(date);
        break;
      case 5:
        out += pad2(hours);
        break;
      case 6:
        out += String(hours);
        break;
      case 7:
        out += pad2(minutes);
        break;
      case 8:
        out += String(minutes);
        break;
      default:
        out += text;
    }
  }
  return out;
};

/**
 * `formatAtOffset` for an instant already written on the shop's wall clock, as `toZonedIso` writes
 * every instant fact (`2026-11-13T18:00:00.000+08:00`): the fields are the text's own, so the
 * wording needs no zone lookup, no parse and no Date. Undefined for another text or pattern.
 */
export const formatZonedIso = (iso: string, pattern: string): string | undefined => {
  if (iso.length < 16 || iso.charCodeAt(4) !== 45 || iso.charCodeAt(7) !== 45 || iso.charCodeAt(10) !== 84 || iso.charCodeAt(13) !== 58) return undefined;
  const month = twoDigitsAt(iso, 5);
  const date = twoDigitsAt(iso, 8);
  const hours = twoDigitsAt(iso, 11);
  const minutes = twoDigitsAt(iso, 14);
  if (month < 1 || month > 12 || date < 1 || date > 31 || hours < 0 || hours > 23 || minutes < 0 || minutes > 59) return undefined;
  const pieces = piecesOf(pattern);
  return pieces === null ? undefined : writeFields(pieces, month, date, hours, minutes);
};

/**
 * date-fns `format` for the few tokens the wording's date patterns use (en month names), on a fixed
 * offset's wall clock; undefined when the pattern needs more, so the caller uses date-fns.
 */
export const formatAtOffset = (ms: number, offsetMs: number, pattern: string): string | undefined => {
  const pieces = piecesOf(pattern);
  if (pieces === null) return undefined;
  const wall = new Date(ms + offsetMs);
  return writeFields(pieces, wall.getUTCMonth() + 1, wall.getUTCDate(), wall.getUTCHours(), wall.getUTCMinutes());
};

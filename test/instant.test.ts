import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseInstant } from '../src/facts/instant.js';
import { Timestamp } from '../src/schema/input.js';

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** Strings of the timestamp shape, valid or not: out-of-range fields, long fractions, Z or offsets. */
const timestampLike = fc
  .record({
    year: fc.integer({ min: 0, max: 9999 }),
    month: fc.integer({ min: 0, max: 13 }),
    day: fc.integer({ min: 0, max: 32 }),
    hours: fc.integer({ min: 0, max: 25 }),
    minutes: fc.integer({ min: 0, max: 60 }),
    seconds: fc.integer({ min: 0, max: 60 }),
    fraction: fc.option(fc.stringMatching(/^\d{1,30}$/), { nil: undefined }),
    zone: fc.oneof(fc.constant('Z'), fc.tuple(fc.constantFrom('+', '-'), fc.integer({ min: 0, max: 24 }), fc.integer({ min: 0, max: 59 })).map(([s, h, m]) => `${s}${pad(h)}:${pad(m)}`)),
  })
  .map((t) => `${pad(t.year, 4)}-${pad(t.month)}-${pad(t.day)}T${pad(t.hours)}:${pad(t.minutes)}:${pad(t.seconds)}${t.fraction === undefined ? '' : `.${t.fraction}`}${t.zone}`);

/** Date.parse with the fraction cut to milliseconds: past 9 digits V8 misreads it (.0002000000 is 2 ms there). */
const reference = (s: string): number => Date.parse(s.replace(/(T\d\d:\d\d:\d\d\.\d{3})\d+/, '$1'));

describe('parseInstant', () => {
  it('reads every timestamp-shaped string as Date.parse does (to the millisecond)', () => {
    fc.assert(
      fc.property(fc.oneof(timestampLike, fc.string()), (s) => {
        expect(parseInstant(s)).toBe(reference(s));
      }),
      { numRuns: 20_000 },
    );
  });

  it('drops fraction digits past the millisecond rather than rounding into the next second', () => {
    for (const nines of [4, 10, 16, 17, 30]) {
      const s = `2026-10-15T10:00:59.${'9'.repeat(nines)}+08:00`;
      expect(parseInstant(s)).toBe(Date.parse('2026-10-15T10:00:59.999+08:00'));
    }
  });

  it('reads every timestamp the input schema accepts', () => {
    fc.assert(
      fc.property(timestampLike.filter((s) => Timestamp.safeParse(s).success), (s) => {
        expect(parseInstant(s)).toBe(reference(s));
      }),
      { numRuns: 5_000 },
    );
  });
});

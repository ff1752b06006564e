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
    fraction: fc.option(fc.stringMatching(/^\d{1,9}$/), { nil: undefined }),
    zone: fc.oneof(fc.constant('Z'), fc.tuple(fc.constantFrom('+', '-'), fc.integer({ min: 0, max: 24 }), fc.integer({ min: 0, max: 59 })).map(([s, h, m]) => `${s}${pad(h)}:${pad(m)}`)),
  })
  .map((t) => `${pad(t.year, 4)}-${pad(t.month)}-${pad(t.day)}T${pad(t.hours)}:${pad(t.minutes)}:${pad(t.seconds)}${t.fraction === undefined ? '' : `.${t.fraction}`}${t.zone}`);

describe('parseInstant', () => {
  it('reads every timestamp-shaped string as Date.parse does', () => {
    fc.assert(
      fc.property(fc.oneof(timestampLike, fc.string()), (s) => {
        expect(parseInstant(s)).toBe(Date.parse(s));
      }),
      { numRuns: 20_000 },
    );
  });

  it('reads every timestamp the input schema accepts', () => {
    fc.assert(
      fc.property(timestampLike.filter((s) => Timestamp.safeParse(s).success), (s) => {
        expect(parseInstant(s)).toBe(new Date(s).getTime());
      }),
      { numRuns: 5_000 },
    );
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { trackingEnds } from '../src/facts/tracking.js';
import { TrackingEventKind } from '../src/schema/vocabulary.js';

describe('trackingEnds', () => {
  // Equal instants with different kinds check the tie rule: only kind and time reach the facts.
  it('finds the events a stable sort by time puts first, last, and last among deliveries', () => {
    const event = fc.record({
      // Few distinct instants, so ties are common.
      at: fc.constantFrom('2026-11-11T08:00:00+08:00', '2026-11-11T00:00:00Z', '2026-11-12T09:30:00+08:00', '2026-11-10T23:00:00-05:00'),
      kind: fc.constantFrom(...TrackingEventKind.options),
      location: fc.string({ maxLength: 3 }),
    });
    fc.assert(
      fc.property(fc.array(event, { maxLength: 8 }), (events) => {
        const sorted = events.map((e) => ({ e, t: Date.parse(e.at) })).sort((a, b) => a.t - b.t);
        const delivered = sorted.filter((x) => x.e.kind === 'delivered');
        const ends = trackingEnds(events);
        const view = (x: { e: { kind: string }; t: number } | undefined) => (x === undefined ? undefined : { kind: x.e.kind, time: x.t });
        const got = (x: { kind: string; date: Date } | undefined) => (x === undefined ? undefined : { kind: x.kind, time: x.date.getTime() });
        expect(got(ends.first)).toEqual(view(sorted[0]));
        expect(got(ends.last)).toEqual(view(sorted.at(-1)));
        expect(got(ends.delivered)).toEqual(view(delivered.at(-1)));
        // given the times validation already read, the same ends
        expect(trackingEnds(events, events.map((e) => Date.parse(e.at)))).toEqual(ends);
      }),
      { numRuns: 2000 },
    );
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { consistencyIssues } from '../src/input/consistency.js';
import { TriageInput } from '../src/schema/input.js';
import { OrderStatus, TrackingEventKind } from '../src/schema/vocabulary.js';

// Cross-field checks read zod's output when the input parsed and the raw input when it did not
// (so they are reported with zod's issues). Both readers must find the same problems.

const NOW = new Date('2026-11-14T10:00:00+08:00');
const HOUR = 3_600_000;
/** Instants around now, on both sides of the future tolerance, in a few offsets. */
const instant = fc
  .tuple(fc.integer({ min: -30 * 24, max: 3 }), fc.integer({ min: 0, max: 59 }), fc.constantFrom('+08:00', 'Z', '-05:00'))
  .map(([hours, minutes, offset]) => {
    const ms = NOW.getTime() + hours * HOUR + minutes * 60_000;
    const shift = offset === 'Z' ? 0 : (offset.startsWith('-') ? -1 : 1) * Number(offset.slice(1, 3)) * HOUR;
    return new Date(ms + shift).toISOString().slice(0, 19) + offset;
  });
const opt = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
const compact = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));

const input = fc
  .record({
    order: fc.record({ status: fc.constantFrom(...OrderStatus.options), amount: fc.integer({ min: 0, max: 1000 }), createdAt: opt(instant), paidAt: opt(instant) }).map(compact),
    shipment: opt(
      fc
        .record({
          labelPrintedAt: opt(instant),
          handedToCarrierAt: opt(instant),
          signedAt: opt(instant),
          events: opt(fc.array(fc.record({ at: instant, kind: fc.constantFrom(...TrackingEventKind.options) }), { maxLength: 5 })),
        })
        .map(compact),
    ),
    refund: opt(fc.record({ reason: fc.constant('quality'), requestedAt: opt(instant), amount: opt(fc.integer({ min: 0, max: 1200 })) }).map(compact)),
  })
  .map(compact);

describe('cross-field checks', () => {
  it('find the same problems reading zod\'s output as reading the raw input', () => {
    let withIssues = 0;
    fc.assert(
      fc.property(input, (raw) => {
        const parsed = TriageInput.parse(raw);
        const fromParsed = consistencyIssues({ parsed }, NOW);
        if (fromParsed.length > 0) withIssues++;
        expect(fromParsed).toEqual(consistencyIssues({ raw }, NOW));
      }),
      { numRuns: 1000 },
    );
    // the generator must reach the checks, or the comparison proves nothing
    expect(withIssues).toBeGreaterThan(300);
  });
});

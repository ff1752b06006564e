import type { TrackingEvent } from '../schema/input.js';
import type { TrackingEventKind } from '../schema/vocabulary.js';
import { parseInstant } from './instant.js';

export interface DatedEvent {
  kind: TrackingEventKind;
  date: Date;
}

export interface TrackingEnds {
  first: DatedEvent | undefined;
  last: DatedEvent | undefined;
  /** The latest `delivered` event. */
  delivered: DatedEvent | undefined;
}

/**
 * The earliest, latest and latest `delivered` events, as a stable sort by time would give them
 * (ties keep input order: the first of the earliest, the last of the latest), in one pass.
 * `instants`: the events' times in milliseconds, when already read.
 * @example
 * trackingEnds([{ at: '2026-11-12T09:00:00+08:00', kind: 'in_transit' }, { at: '2026-11-11T09:00:00+08:00', kind: 'accepted' }]).first?.kind; // 'accepted'
 */
export const trackingEnds = (events: readonly TrackingEvent[], instants?: readonly number[]): TrackingEnds => {
  let first: DatedEvent | undefined;
  let last: DatedEvent | undefined;
  let delivered: DatedEvent | undefined;
  for (let i = 0; i < events.length; i++) {
    const e = events[i]!;
    const event = { kind: e.kind, date: new Date(instants === undefined ? parseInstant(e.at) : instants[i]!) };
    const t = event.date.getTime();
    if (first === undefined || t < first.date.getTime()) first = event;
    if (last === undefined || t >= last.date.getTime()) last = event;
    if (e.kind === 'delivered' && (delivered === undefined || t >= delivered.date.getTime())) delivered = event;
  }
  return { first, last, delivered };
};

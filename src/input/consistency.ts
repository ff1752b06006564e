import { jsonPath, type TriageIssue } from '../errors.js';
import { MAX_TRACKING_EVENTS, Timestamp } from '../schema/input.js';

/**
 * How far an input instant may lie after `now` before it is an error. Order systems, couriers and
 * the host that triages run on different clocks; a few minutes of skew is normal, an hour is not.
 */
export const FUTURE_TOLERANCE_MINUTES = 5;
const FUTURE_TOLERANCE_MS = FUTURE_TOLERANCE_MINUTES * 60_000;

type Path = readonly (string | number)[];

/**
 * Reads an own data property without running getters or looking at the prototype chain, so this
 * second pass over the raw input is as harmless as zod's first one.
 */
const own = (value: unknown, key: string | number): unknown => {
  if (value === null || typeof value !== 'object') return undefined;
  const descriptor = Object.getOwnPropertyDescriptor(value, key);
  return descriptor && 'value' in descriptor ? descriptor.value : undefined;
};

const at = (root: unknown, path: Path): unknown => path.reduce<unknown>((value, key) => own(value, key), root);

/** The instant at `path`, when it is there and well-formed (a malformed one is zod's to report). */
const instantAt = (root: unknown, path: Path): Date | undefined => {
  const value = at(root, path);
  return typeof value === 'string' && Timestamp.safeParse(value).success ? new Date(value) : undefined;
};

const numberAt = (root: unknown, path: Path): number | undefined => {
  const value = at(root, path);
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
};

interface Instant {
  path: Path;
  date: Date;
}

/** Every instant the input carries, with its path. */
const instantsOf = (raw: unknown): Instant[] => {
  const paths: Path[] = [
    ['order', 'createdAt'],
    ['order', 'paidAt'],
    ['shipment', 'labelPrintedAt'],
    ['shipment', 'handedToCarrierAt'],
    ['shipment', 'signedAt'],
    ['refund', 'requestedAt'],
  ];
  // A longer list than the schema allows is zod's to report, not ours to walk.
  const events = at(raw, ['shipment', 'events']);
  if (Array.isArray(events) && events.length <= MAX_TRACKING_EVENTS) events.forEach((_, i) => paths.push(['shipment', 'events', i, 'at']));
  return paths.flatMap((path) => {
    const date = instantAt(raw, path);
    return date ? [{ path, date }] : [];
  });
};

const iso = (d: Date): string => d.toISOString();

/**
 * What zod's shape cannot see: instants in the future of `now`, a parcel signed for before it
 * was shipped, a payment before the order existed, and the like. Reads the raw input (not zod's
 * output) so that these problems are reported together with the shape problems, in one error.
 * Tolerated, not reported: tracking events in any order (they are sorted), events before the
 * recorded hand-over (scans and warehouse records drift), a label printed after hand-over.
 *
 * @param now the resolved moment of triage, or undefined when `input.now` itself is malformed.
 * @example
 * consistencyIssues({ order: { status: 'shipped', amount: 1, paidAt: '2026-11-12T10:00:00+08:00' } }, new Date('2026-11-11T00:00:00+08:00'));
 * // [{ file: 'input', path: '$.order.paidAt', code: 'in_future', message: '…' }]
 */
export const consistencyIssues = (raw: unknown, now: Date | undefined): TriageIssue[] => {
  const issues: TriageIssue[] = [];
  const add = (path: Path, code: string, message: string): void => {
    issues.push({ file: 'input', path: jsonPath(path), code, message });
  };
  const instants = instantsOf(raw);

  if (now !== undefined) {
    for (const { path, date } of instants) {
      if (date.getTime() - now.getTime() > FUTURE_TOLERANCE_MS) {
        add(path, 'in_future', `${iso(date)} is after now (${iso(now)}) by more than ${FUTURE_TOLERANCE_MINUTES} minutes`);
      }
    }
  }

  const createdAt = instantAt(raw, ['order', 'createdAt']);
  const paidAt = instantAt(raw, ['order', 'paidAt']);
  if (createdAt && paidAt && paidAt < createdAt) add(['order', 'paidAt'], 'paid_before_created', `paid (${iso(paidAt)}) before the order was created (${iso(createdAt)})`);
  if (paidAt && at(raw, ['order', 'status']) === 'awaiting_payment') {
    add(['order', 'status'], 'status_contradicts_payment', 'status "awaiting_payment" contradicts order.paidAt');
  }

  const requestedAt = instantAt(raw, ['refund', 'requestedAt']);
  const orderStart = createdAt ?? paidAt;
  if (requestedAt && orderStart && requestedAt < orderStart) {
    add(['refund', 'requestedAt'], 'refund_before_order', `refund requested (${iso(requestedAt)}) before the order existed (${iso(orderStart)})`);
  }
  const orderAmount = numberAt(raw, ['order', 'amount']);
  const refundAmount = numberAt(raw, ['refund', 'amount']);
  if (orderAmount !== undefined && refundAmount !== undefined && refundAmount > orderAmount) {
    add(['refund', 'amount'], 'refund_exceeds_order', `refund amount ${refundAmount} exceeds the order amount ${orderAmount}`);
  }

  // Signed before shipped: signing must follow the label, the hand-over and the first scan.
  const shippedMarks = instants.filter(({ path }) => path[0] === 'shipment' && path[1] !== 'signedAt' && !isDeliveredEvent(raw, path));
  const firstShipped = shippedMarks.reduce<Instant | undefined>((first, i) => (first === undefined || i.date < first.date ? i : first), undefined);
  const signings = instants.filter(({ path }) => (path[0] === 'shipment' && path[1] === 'signedAt') || isDeliveredEvent(raw, path));
  if (firstShipped) {
    for (const signing of signings) {
      if (signing.date < firstShipped.date) {
        add(signing.path, 'signed_before_shipment', `signed for (${iso(signing.date)}) before the parcel was shipped (${jsonPath(firstShipped.path)} is ${iso(firstShipped.date)})`);
      }
    }
  }
  return issues;
};

const isDeliveredEvent = (raw: unknown, path: Path): boolean =>
  path[1] === 'events' && own(at(raw, path.slice(0, -1)), 'kind') === 'delivered';

import { jsonPath, type TriageIssue } from '../errors.js';
import { parseInstant } from '../facts/instant.js';
import { MAX_TRACKING_EVENTS, Timestamp, type ParsedTriageInput } from '../schema/input.js';
import { instantsOf, type InputInstants } from './instants.js';

/**
 * How far an input instant may lie after `now` before it is an error. Order systems, couriers and
 * the host that triages run on different clocks; a few minutes of skew is normal, an hour is not.
 */
export const FUTURE_TOLERANCE_MINUTES = 5;
const FUTURE_TOLERANCE_MS = FUTURE_TOLERANCE_MINUTES * 60_000;

/**
 * The instants an input may hold (UTC, end excluded): after-sales cases of this millennium. A year
 * outside it is a typo, and one near 9999 would push a computed deadline (a reply, a warranty's end)
 * past what a four-digit ISO 8601 year can write.
 */
export const EARLIEST_INSTANT_MS = Date.UTC(2000, 0, 1);
export const END_OF_INSTANTS_MS = Date.UTC(3000, 0, 1);
export const inInstantRange = (ms: number): boolean => ms >= EARLIEST_INSTANT_MS && ms < END_OF_INSTANTS_MS;
export const OUT_OF_RANGE_TEXT = 'outside the years 2000 to 2999 (UTC) that a case can fall in';

type Path = readonly (string | number)[];

/** The instants the checks look at, by where they sit in the input. */
const FIELDS = [
  ['order', 'createdAt'],
  ['order', 'paidAt'],
  ['shipment', 'labelPrintedAt'],
  ['shipment', 'handedToCarrierAt'],
  ['shipment', 'signedAt'],
  ['refund', 'requestedAt'],
] as const;
type Field = (typeof FIELDS)[number];

interface Instant {
  /** A field of FIELDS, or the index of a tracking event. */
  at: Field | number;
  ms: number;
  /** Marks a signing: `shipment.signedAt` or a `delivered` event. */
  signing: boolean;
}

/** What the checks read, taken from the input once. */
interface View {
  instants: Instant[];
  /** The input's own `now`, when it is there and well-formed. */
  now: number | undefined;
  createdAt: number | undefined;
  paidAt: number | undefined;
  requestedAt: number | undefined;
  status: unknown;
  orderAmount: number | undefined;
  refundAmount: number | undefined;
  /** Whether the claim bounds a size it does not state. */
  sizeBoundAlone: boolean;
}

const pathOf = (at: Field | number): Path => (typeof at === 'number' ? ['shipment', 'events', at, 'at'] : at);

/**
 * Reads an own data property without running getters or looking at the prototype chain, so this
 * second pass over a raw input that zod rejected is as harmless as zod's own.
 */
const own = (value: unknown, key: string | number): unknown => {
  if (value === null || typeof value !== 'object') return undefined;
  const descriptor = Object.getOwnPropertyDescriptor(value, key);
  return descriptor && 'value' in descriptor ? descriptor.value : undefined;
};

const finite = (value: unknown): number | undefined => (typeof value === 'number' && Number.isFinite(value) ? value : undefined);

/** The view of an input zod rejected: only well-formed instants (a malformed one is zod's to report). */
const viewOfRaw = (raw: unknown): View => {
  const instantOf = (value: unknown): number | undefined =>
    typeof value === 'string' && Timestamp.safeParse(value).success ? parseInstant(value) : undefined;
  const instants: Instant[] = [];
  for (const field of FIELDS) {
    const ms = instantOf(own(own(raw, field[0]), field[1]));
    if (ms !== undefined) instants.push({ at: field, ms, signing: field[1] === 'signedAt' });
  }
  const events = own(own(raw, 'shipment'), 'events');
  // A longer list than the schema allows is zod's to report, not ours to walk.
  if (Array.isArray(events) && events.length <= MAX_TRACKING_EVENTS) {
    for (let i = 0; i < events.length; i++) {
      const ms = instantOf(own(events[i], 'at'));
      if (ms !== undefined) instants.push({ at: i, ms, signing: own(events[i], 'kind') === 'delivered' });
    }
  }
  const order = own(raw, 'order');
  const refund = own(raw, 'refund');
  const claim = own(raw, 'claim');
  return {
    instants,
    now: instantOf(own(raw, 'now')),
    createdAt: instantOf(own(order, 'createdAt')),
    paidAt: instantOf(own(order, 'paidAt')),
    requestedAt: instantOf(own(refund, 'requestedAt')),
    status: own(order, 'status'),
    orderAmount: finite(own(order, 'amount')),
    refundAmount: finite(own(refund, 'amount')),
    sizeBoundAlone: own(claim, 'defectSizeBound') !== undefined && own(claim, 'defectSizeCm') === undefined,
  };
};

/** The view of zod's output: plain objects of the declared shape, every timestamp well-formed. */
const viewOfParsed = ({ now, order, shipment, refund, claim }: ParsedTriageInput, at: InputInstants): View => {
  const instants: Instant[] = [];
  // InputInstants names each instant as FIELDS does
  for (const field of FIELDS) {
    const ms = at[field[1]];
    if (ms !== undefined) instants.push({ at: field, ms, signing: field[1] === 'signedAt' });
  }
  const events = shipment?.events;
  if (events !== undefined) {
    for (let i = 0; i < events.length; i++) instants.push({ at: i, ms: at.events[i]!, signing: events[i]!.kind === 'delivered' });
  }
  return { instants, now: now === undefined ? undefined : parseInstant(now), createdAt: at.createdAt, paidAt: at.paidAt, requestedAt: at.requestedAt, status: order.status, orderAmount: order.amount, refundAmount: refund?.amount, sizeBoundAlone: claim?.defectSizeBound !== undefined && claim.defectSizeCm === undefined };
};

const iso = (ms: number): string => new Date(ms).toISOString();

/**
 * What zod's shape cannot see: instants in the future of `now`, a parcel signed for before it
 * was shipped, a payment before the order existed, and the like. Given zod's output when the
 * input parsed, else the raw input, so that these problems are reported together with the shape
 * problems, in one error (`instants`: the parsed input's, when already read). Tolerated, not
 * reported: tracking events in any order (they are sorted), events before the recorded hand-over
 * (scans and warehouse records drift), a label printed after hand-over.
 *
 * @param now the resolved moment of triage, or undefined when `input.now` itself is malformed.
 * @example
 * consistencyIssues({ raw: { order: { status: 'shipped', amount: 1, paidAt: '2026-11-12T10:00:00+08:00' } } }, new Date('2026-11-11T00:00:00+08:00'));
 * // [{ file: 'input', path: '$.order.paidAt', code: 'in_future', message: '…' }]
 */
export const consistencyIssues = (input: { parsed: ParsedTriageInput; instants?: InputInstants } | { raw: unknown }, now: Date | undefined): TriageIssue[] => {
  const view = 'parsed' in input ? viewOfParsed(input.parsed, input.instants ?? instantsOf(input.parsed)) : viewOfRaw(input.raw);
  const issues: TriageIssue[] = [];
  const add = (path: Path, code: string, message: string): void => {
    issues.push({ file: 'input', path: jsonPath(path), code, message });
  };
  const { instants, createdAt, paidAt, requestedAt } = view;

  if (view.now !== undefined && !inInstantRange(view.now)) add(['now'], 'out_of_range', `${iso(view.now)} is ${OUT_OF_RANGE_TEXT}`);
  for (const { at, ms } of instants) {
    if (!inInstantRange(ms)) add(pathOf(at), 'out_of_range', `${iso(ms)} is ${OUT_OF_RANGE_TEXT}`);
  }

  if (now !== undefined) {
    const latest = now.getTime() + FUTURE_TOLERANCE_MS;
    for (const { at, ms } of instants) {
      // an instant out of range is reported as that, once
      if (ms > latest && inInstantRange(ms)) add(pathOf(at), 'in_future', `${iso(ms)} is after now (${now.toISOString()}) by more than ${FUTURE_TOLERANCE_MINUTES} minutes`);
    }
  }

  if (createdAt !== undefined && paidAt !== undefined && paidAt < createdAt) {
    add(FIELDS[1], 'paid_before_created', `paid (${iso(paidAt)}) before the order was created (${iso(createdAt)})`);
  }
  if (paidAt !== undefined && view.status === 'awaiting_payment') {
    add(['order', 'status'], 'status_contradicts_payment', 'status "awaiting_payment" contradicts order.paidAt');
  }

  const orderStart = createdAt ?? paidAt;
  if (requestedAt !== undefined && orderStart !== undefined && requestedAt < orderStart) {
    add(FIELDS[5], 'refund_before_order', `refund requested (${iso(requestedAt)}) before the order existed (${iso(orderStart)})`);
  }
  const { orderAmount, refundAmount } = view;
  if (orderAmount !== undefined && refundAmount !== undefined && refundAmount > orderAmount) {
    add(['refund', 'amount'], 'refund_exceeds_order', `refund amount ${refundAmount} exceeds the order amount ${orderAmount}`);
  }

  if (view.sizeBoundAlone) add(['claim', 'defectSizeBound'], 'size_bound_without_size', 'defectSizeBound says how defectSizeCm bounds the real size, and there is no defectSizeCm');

  // Signed before shipped: signing must follow the label, the hand-over and the first scan.
  let firstShipped: Instant | undefined;
  for (const i of instants) {
    const shippingMark = !i.signing && (typeof i.at === 'number' || i.at[0] === 'shipment');
    if (shippingMark && (firstShipped === undefined || i.ms < firstShipped.ms)) firstShipped = i;
  }
  if (firstShipped !== undefined) {
    for (const signing of instants) {
      if (signing.signing && signing.ms < firstShipped.ms) {
        add(pathOf(signing.at), 'signed_before_shipment', `signed for (${iso(signing.ms)}) before the parcel was shipped (${jsonPath(pathOf(firstShipped.at))} is ${iso(firstShipped.ms)})`);
      }
    }
  }
  return issues;
};

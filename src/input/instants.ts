import { parseInstant } from '../facts/instant.js';
import type { ParsedTriageInput } from '../schema/input.js';

/** The instants of a parsed input, in epoch milliseconds: read once, for the consistency checks and for the derived facts. */
export interface InputInstants {
  createdAt: number | undefined;
  paidAt: number | undefined;
  labelPrintedAt: number | undefined;
  handedToCarrierAt: number | undefined;
  signedAt: number | undefined;
  requestedAt: number | undefined;
  /** By event, in input order. */
  events: number[];
}

const msOf = (iso: string | undefined): number | undefined => (iso === undefined ? undefined : parseInstant(iso));

/**
 * Every instant of zod's output (whose timestamps are all well-formed).
 * @example
 * instantsOf(TriageInput.parse({ order: { status: 'paid', amount: 9, paidAt: '2026-11-11T00:00:00Z' } })).paidAt; // 1794355200000
 */
export const instantsOf = ({ order, shipment, refund }: ParsedTriageInput): InputInstants => {
  const events: number[] = [];
  const list = shipment?.events;
  if (list !== undefined) for (let i = 0; i < list.length; i++) events.push(parseInstant(list[i]!.at));
  return {
    createdAt: msOf(order.createdAt),
    paidAt: msOf(order.paidAt),
    labelPrintedAt: msOf(shipment?.labelPrintedAt),
    handedToCarrierAt: msOf(shipment?.handedToCarrierAt),
    signedAt: msOf(shipment?.signedAt),
    requestedAt: msOf(refund?.requestedAt),
    events,
  };
};

import type { ParsedTriageInput } from '../schema/input.js';
import type { PolicyPatch } from '../schema/policy.js';
import type { Complete } from '../schema/validator-runtime.js';

type Parsed = ParsedTriageInput;
type Shipment = NonNullable<Parsed['shipment']>;
type TrackingEvent = NonNullable<Shipment['events']>[number];
type Part<K extends keyof Parsed> = Complete<NonNullable<Parsed[K]>>;

/**
 * A validated input in its one shape: every key of every object, in the schema's order, undefined
 * when absent. The generated validator (`undefinedKeys: 'written'`) answers in it; canonicalInput
 * copies zod's data into it.
 */
export type CanonicalInput = Complete<Parsed>;

const order = (o: Parsed['order']): Part<'order'> => ({
  id: o.id,
  status: o.status,
  paidAt: o.paidAt,
  createdAt: o.createdAt,
  amount: o.amount,
  currency: o.currency,
  category: o.category,
});

const event = (e: TrackingEvent): Complete<TrackingEvent> => ({ at: e.at, kind: e.kind, description: e.description, location: e.location });

const shipment = (s: Shipment): Part<'shipment'> => {
  const list = s.events;
  let events: Complete<TrackingEvent>[] | undefined;
  if (list !== undefined) {
    events = [];
    for (let i = 0; i < list.length; i++) events.push(event(list[i]!));
  }
  return {
    trackingNumber: s.trackingNumber,
    carrier: s.carrier,
    labelPrintedAt: s.labelPrintedAt,
    handedToCarrierAt: s.handedToCarrierAt,
    events,
    signedAt: s.signedAt,
    signedBy: s.signedBy,
  };
};

const address = (a: NonNullable<Parsed['address']>): Part<'address'> => ({ kind: a.kind });

export const claim = (c: NonNullable<Parsed['claim']>): Part<'claim'> => ({
  type: c.type,
  defect: c.defect,
  defectSizeCm: c.defectSizeCm,
  defectSizeBound: c.defectSizeBound,
  photos: c.photos,
  itemUnused: c.itemUnused,
});

export const refund = (r: NonNullable<Parsed['refund']>): Part<'refund'> => ({ reason: r.reason, requestedAt: r.requestedAt, amount: r.amount });

const repair = (r: NonNullable<Parsed['repair']>): Part<'repair'> => ({ warrantyMonths: r.warrantyMonths, estimatedCost: r.estimatedCost, photos: r.photos });

const stock = (s: NonNullable<Parsed['stock']>): Part<'stock'> => ({ inStock: s.inStock });

/** Every field of the patch, undefined when not given, as the generated validator writes it: mergePolicy skips an undefined field as it skips an absent one. */
const policy = (p: PolicyPatch): Complete<PolicyPatch> => ({
  timezone: p.timezone,
  shipWithinHours: p.shipWithinHours,
  shipsOnWeekends: p.shipsOnWeekends,
  returnWindowDays: p.returnWindowDays,
  refundPenaltyRate: p.refundPenaltyRate,
  defectToleranceCm: p.defectToleranceCm,
  noScanAfterHours: p.noScanAfterHours,
  stallAfterHours: p.stallAfterHours,
  deliveryOverdueAfterDays: p.deliveryOverdueAfterDays,
  unpaidAutoCloseAfterDays: p.unpaidAutoCloseAfterDays,
  peakSeasons: p.peakSeasons,
  warrantyMonths: p.warrantyMonths,
  newPurchaseCostRatio: p.newPurchaseCostRatio,
  replyWithinMinutes: p.replyWithinMinutes,
  trustedLinkDomains: p.trustedLinkDomains,
  shopName: p.shopName,
  agentName: p.agentName,
  currency: p.currency,
});

/**
 * zod's data with every declared key present (undefined when absent), in one key order: validated
 * inputs come in as many shapes as callers write them, and code reading them would see dozens of
 * hidden classes. One shape per object keeps every later read monomorphic. Only the inputs the
 * generated validator leaves to zod come here; it answers the others in this shape itself.
 */
export const canonicalInput = (p: Parsed): CanonicalInput => ({
  now: p.now,
  locale: p.locale,
  order: order(p.order),
  shipment: p.shipment === undefined ? undefined : shipment(p.shipment),
  address: p.address === undefined ? undefined : address(p.address),
  claim: p.claim === undefined ? undefined : claim(p.claim),
  refund: p.refund === undefined ? undefined : refund(p.refund),
  repair: p.repair === undefined ? undefined : repair(p.repair),
  stock: p.stock === undefined ? undefined : stock(p.stock),
  message: p.message,
  policy: p.policy === undefined ? undefined : policy(p.policy),
});

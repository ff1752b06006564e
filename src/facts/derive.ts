import type { Facts } from '../schema/facts.js';
import type { ParsedTriageInput } from '../schema/input.js';
import type { Policy } from '../schema/policy.js';
import type { Locale, SignedBy, SizeBound } from '../schema/vocabulary.js';
import { instantsOf, type InputInstants } from '../input/instants.js';
import { trackingEnds } from './tracking.js';
import { addDaysInZone, addMonthsInZone, differenceInDaysInZone, peakSeasonAt, shipByDeadline, toZonedIso } from './calendar.js';

// date-fns' differenceInMilliseconds and isAfter, without their argument normalisation (these are always Dates).
const hoursBetween = (from: Date, to: Date): number => (to.getTime() - from.getTime()) / 3_600_000;
const isAfter = (a: Date, b: Date): boolean => a.getTime() > b.getTime();
const toDate = (ms: number | undefined): Date | undefined => (ms === undefined ? undefined : new Date(ms));
const round2 = (n: number): number => Math.round(n * 100) / 100;

/**
 * Whether a stated size is surely under the tolerance, surely not, or either (null): 不到1厘米
 * (less than 1) is surely under a 1 cm tolerance, 不超过1厘米 (at most 1) may be exactly 1.
 */
const underTolerance = (size: number | undefined, bound: SizeBound | undefined, tolerance: number): boolean | null => {
  if (size === undefined) return null;
  switch (bound) {
    case undefined:
      return size < tolerance;
    case 'less_than':
      return size <= tolerance ? true : null;
    case 'at_most':
      return size < tolerance ? true : null;
    case 'more_than':
    case 'at_least':
      return size >= tolerance ? false : null;
  }
};

const THIRD_PARTY_SIGNERS: ReadonlySet<SignedBy> = new Set(['proxy', 'pickup_point', 'locker', 'reception', 'courier']);

export interface DeriveContext {
  now: Date;
  policy: Policy;
  locale: Locale;
  /** Set by the message scan (links outside the trusted domains). */
  suspiciousLink: boolean;
  /** The input's instants as `validateInput` read them; read again when absent. */
  instants?: InputInstants;
}

/** Computes every fact once, from the parsed input, the resolved policy and the injected `now`. */
export const deriveFacts = (input: ParsedTriageInput, { now, policy, locale, suspiciousLink, instants }: DeriveContext): Facts => {
  const tz = policy.timezone;
  const iso = (at: Date | undefined): string | null => (at === undefined ? null : toZonedIso(at, tz));
  // Input instants may lie a few minutes after now (clock skew, src/input/consistency.ts): that is "just now", not negative.
  const hoursSince = (at: Date | undefined): number | null => (at === undefined ? null : Math.max(0, hoursBetween(at, now)));
  const { order, shipment, claim, refund, repair } = input;

  const at = instants ?? instantsOf(input);

  const events = shipment?.events ?? [];
  const { first: firstEvent, last: lastEvent, delivered: deliveredEvent } = trackingEnds(events, at.events);

  const createdAt = toDate(at.createdAt);
  const paidAt = toDate(at.paidAt);
  const labelPrintedAt = toDate(at.labelPrintedAt);
  const handedOverAt = toDate(at.handedToCarrierAt);
  const signedAt = toDate(at.signedAt) ?? deliveredEvent?.date;
  const handoverOrFirstScan = handedOverAt ?? firstEvent?.date ?? signedAt;

  const paid = paidAt !== undefined || ['paid', 'shipped', 'completed'].includes(order.status);
  const shipBy = paidAt === undefined ? undefined : shipByDeadline(paidAt, policy.shipWithinHours, policy.shipsOnWeekends, tz);
  const shippedLate = shipBy === undefined || handoverOrFirstScan === undefined ? null : isAfter(handoverOrFirstScan, shipBy);
  const pastShipBy = shipBy === undefined ? null : handoverOrFirstScan === undefined ? isAfter(now, shipBy) : shippedLate;

  const season = peakSeasonAt(now, policy.peakSeasons, tz);
  const signedBy = shipment?.signedBy ?? null;

  const returnWindowEndsAt = signedAt === undefined ? undefined : addDaysInZone(signedAt, policy.returnWindowDays, tz);

  const repairRequested = repair !== undefined || claim?.type === 'repair';
  const warrantyMonths = repair?.warrantyMonths ?? policy.warrantyMonths;
  const warrantyStart = signedAt ?? paidAt ?? createdAt;
  const warrantyEndsAt =
    warrantyMonths === null || warrantyStart === undefined ? undefined : addMonthsInZone(warrantyStart, warrantyMonths, tz);
  const repairCost = repair?.estimatedCost ?? null;
  // A ratio to a free order (or one so near 0 that the quotient overflows) says nothing: no ratio, as for 0.
  const ratio = repairCost === null ? null : repairCost / order.amount;
  const repairCostRatio = ratio !== null && Number.isFinite(ratio) ? ratio : null;

  return {
    orderStatus: order.status,
    orderAmount: order.amount,
    orderCategory: order.category ?? null,
    paid,
    paidAt: iso(paidAt),
    hoursSincePaid: hoursSince(paidAt),
    hoursSinceCreated: hoursSince(createdAt),
    unpaidAutoCloseHours: 24 * policy.unpaidAutoCloseAfterDays,

    shipByAt: iso(shipBy),
    hoursUntilShipBy: shipBy === undefined ? null : hoursBetween(now, shipBy),
    pastShipBy,
    shippedLate,
    shipWithinHours: policy.shipWithinHours,
    shipsOnWeekends: policy.shipsOnWeekends,

    trackingNumber: shipment?.trackingNumber ?? null,
    carrier: shipment?.carrier ?? null,
    labelPrinted: labelPrintedAt !== undefined || shipment?.trackingNumber !== undefined,
    handedToCarrier: handoverOrFirstScan !== undefined,
    hoursSinceLabelPrinted: hoursSince(labelPrintedAt),
    hoursSinceHandedOver: hoursSince(handoverOrFirstScan),
    trackingEventCount: events.length,
    lastEventKind: lastEvent?.kind ?? null,
    lastEventAt: iso(lastEvent?.date),
    hoursSinceLastEvent: hoursSince(lastEvent?.date),
    delivered: signedAt !== undefined,
    signedAt: iso(signedAt),
    signedBy,
    signedByThirdParty: signedBy === null || signedBy === 'unknown' ? null : THIRD_PARTY_SIGNERS.has(signedBy),
    addressKind: input.address?.kind ?? null,
    noScanAfterHours: policy.noScanAfterHours,
    stallThresholdHours: policy.stallAfterHours + 24 * (season?.extraDelayDays ?? 0),
    deliveryOverdueHours: 24 * (policy.deliveryOverdueAfterDays + (season?.extraDelayDays ?? 0)),

    peakSeason: season !== undefined,
    peakSeasonName: season?.name ?? null,

    claimType: claim?.type ?? null,
    defect: claim?.defect ?? null,
    defectSizeCm: claim?.defectSizeCm ?? null,
    defectSizeBound: claim?.defectSizeBound ?? null,
    defectToleranceCm: policy.defectToleranceCm,
    defectUnderTolerance: underTolerance(claim?.defectSizeCm, claim?.defectSizeBound, policy.defectToleranceCm),
    photos: Math.max(claim?.photos ?? 0, repair?.photos ?? 0),
    itemUnused: claim?.itemUnused ?? null,

    returnWindowDays: policy.returnWindowDays,
    returnWindowEndsAt: iso(returnWindowEndsAt),
    withinReturnWindow: returnWindowEndsAt === undefined ? null : !isAfter(now, returnWindowEndsAt),
    daysSinceSigned: signedAt === undefined ? null : differenceInDaysInZone(now, signedAt, tz),

    refundReason: refund?.reason ?? null,
    refundAmount: refund === undefined ? null : (refund.amount ?? order.amount),
    refundPenaltyRate: policy.refundPenaltyRate,
    penaltyAmount: refund === undefined ? null : round2(policy.refundPenaltyRate * order.amount),
    inStock: input.stock?.inStock ?? null,

    repairRequested,
    warrantyMonths,
    warrantyEndsAt: iso(warrantyEndsAt),
    withinWarranty: warrantyEndsAt === undefined ? null : !isAfter(now, warrantyEndsAt),
    repairCost,
    repairCostRatio,
    repairCostHigh: repairCostRatio === null ? null : repairCostRatio >= policy.newPurchaseCostRatio,

    hasMessage: input.message !== undefined && input.message.trim() !== '',
    suspiciousLink,

    replyWithinMinutes: policy.replyWithinMinutes,
    locale,
    currency: order.currency ?? policy.currency,
    shopName: policy.shopName,
    agentName: policy.agentName,
    orderId: order.id ?? null,
  };
};

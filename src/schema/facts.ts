import { z } from 'zod';
import {
  AddressKind,
  ClaimType,
  Defect,
  Locale,
  OrderStatus,
  RefundReason,
  SignedBy,
  SizeBound,
  TrackingEventKind,
} from './vocabulary.js';

const instant = z.iso.datetime({ offset: true }).nullable();
const count = z.number().int().nonnegative();
const hours = z.number().nullable();
const money = z.number().nullable();
const flag = z.boolean();
const maybe = z.boolean().nullable();

/**
 * The facts rules are written against: computed once per triage from the input, the policy and `now`.
 * Every fact is always present (null when it does not apply), so a rule never meets a missing fact.
 * The keys of this object are the only fact names a rule file may use; names ending in `At` are
 * instants, names ending in `Amount` or `Cost` are money (the wording formats them so), and names
 * ending in `Id` or `Number` are identifiers, quoted as given (a zh-TW reply converts other names).
 */
export const Facts = z.strictObject({
  // order
  orderStatus: OrderStatus,
  orderAmount: z.number(),
  orderCategory: z.string().nullable(),
  paid: flag.describe('the order has been paid (paidAt, or a status past payment)'),
  paidAt: instant,
  hoursSincePaid: hours,
  hoursSinceCreated: hours,
  unpaidAutoCloseHours: z.number().describe('unpaidAutoCloseAfterDays in hours: an order awaiting payment this long after createdAt is due to be auto-closed'),

  // the shipping promise
  shipByAt: instant.describe('deadline to hand the parcel to the courier: paidAt + shipWithinHours, weekends skipped when the shop does not ship then'),
  hoursUntilShipBy: hours.describe('negative once the deadline has passed'),
  pastShipBy: maybe.describe('now is past shipByAt and the parcel was not handed over in time'),
  shippedLate: maybe.describe('the parcel was handed over (or first scanned) after shipByAt'),
  shipWithinHours: z.number(),
  shipsOnWeekends: flag,

  // shipment and tracking
  trackingNumber: z.string().nullable(),
  carrier: z.string().nullable(),
  labelPrinted: flag.describe('a label was printed or a tracking number entered'),
  handedToCarrier: flag.describe('the warehouse handed the parcel over, or the courier scanned it'),
  hoursSinceLabelPrinted: hours,
  hoursSinceHandedOver: hours,
  trackingEventCount: count,
  lastEventKind: TrackingEventKind.nullable(),
  lastEventAt: instant,
  hoursSinceLastEvent: hours,
  delivered: flag.describe('the tracking says signed or delivered'),
  signedAt: instant,
  signedBy: SignedBy.nullable(),
  signedByThirdParty: maybe.describe('signed by someone other than the recipient (proxy, pickup point, locker, reception, courier)'),
  addressKind: AddressKind.nullable(),
  noScanAfterHours: z.number(),
  stallThresholdHours: z.number().describe('stallAfterHours, lengthened by the peak season in force'),
  deliveryOverdueHours: z.number().describe('deliveryOverdueAfterDays in hours, lengthened by the peak season in force'),

  // season
  peakSeason: flag,
  peakSeasonName: z.string().nullable(),

  // the buyer's claim
  claimType: ClaimType.nullable(),
  defect: Defect.nullable(),
  defectSizeCm: z.number().nullable(),
  defectSizeBound: SizeBound.nullable().describe('how defectSizeCm bounds the real size (less_than: 不到1厘米); null: the size itself'),
  defectToleranceCm: z.number(),
  defectUnderTolerance: maybe.describe('the size is surely under defectToleranceCm (true) or surely not (false); null without a size, or when its bound allows both'),
  photos: count,
  itemUnused: maybe,

  // returns
  returnWindowDays: z.number(),
  returnWindowEndsAt: instant,
  withinReturnWindow: maybe.describe('now is before signedAt + returnWindowDays; null when not signed'),
  daysSinceSigned: z.number().int().nullable(),

  // refunds
  refundReason: RefundReason.nullable(),
  refundAmount: money,
  refundPenaltyRate: z.number(),
  penaltyAmount: money.describe('refundPenaltyRate x order amount'),
  inStock: maybe,

  // repairs
  repairRequested: flag,
  warrantyMonths: z.number().nullable(),
  warrantyEndsAt: instant,
  withinWarranty: maybe,
  repairCost: money,
  repairCostRatio: z.number().nullable(),
  repairCostHigh: maybe.describe('repairCost is at least newPurchaseCostRatio of the order amount'),

  // the conversation
  hasMessage: flag,
  suspiciousLink: flag,

  // wording
  replyWithinMinutes: z.number(),
  locale: Locale,
  currency: z.string(),
  shopName: z.string().nullable(),
  agentName: z.string().nullable(),
  orderId: z.string().nullable(),
});
export type Facts = z.infer<typeof Facts>;
export type FactName = keyof Facts;
export const FactName = z.enum(Object.keys(Facts.shape) as [FactName, ...FactName[]]);
export const FACT_NAMES = FactName.options;

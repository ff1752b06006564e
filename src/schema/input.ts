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
import { PolicyPatch } from './policy.js';

/** ISO 8601 with an explicit offset: a timestamp without one is ambiguous across shop time zones. */
export const Timestamp = z.iso.datetime({ offset: true });

const Amount = z.number().nonnegative().max(1e9).finite();
const ShortText = z.string().max(200);

export const Order = z.object({
  id: ShortText.optional(),
  status: OrderStatus,
  paidAt: Timestamp.optional(),
  createdAt: Timestamp.optional(),
  amount: Amount,
  currency: z.string().regex(/^[A-Z]{3}$/).optional(),
  category: z.string().max(64).optional(),
});

/** Bounds the work (and the error list) a single input can cause. */
export const MAX_TRACKING_EVENTS = 500;

export const TrackingEvent = z.object({
  at: Timestamp,
  kind: TrackingEventKind,
  description: z.string().max(500).optional(),
  location: ShortText.optional(),
});
export type TrackingEvent = z.infer<typeof TrackingEvent>;

export const Shipment = z.object({
  trackingNumber: z.string().max(64).optional(),
  carrier: z.string().max(64).optional(),
  labelPrintedAt: Timestamp.optional(),
  handedToCarrierAt: Timestamp.optional(),
  events: z.array(TrackingEvent).max(MAX_TRACKING_EVENTS).optional(),
  signedAt: Timestamp.optional(),
  signedBy: SignedBy.optional(),
});

export const Address = z.object({ kind: AddressKind.optional() });

/** The largest defect the library reads or accepts, in cm: a length beyond it is no defect size to weigh against a tolerance. */
export const MAX_DEFECT_SIZE_CM = 1000;

export const Claim = z.object({
  type: ClaimType,
  defect: Defect.optional(),
  defectSizeCm: z.number().nonnegative().max(MAX_DEFECT_SIZE_CM).optional(),
  /** Absent: `defectSizeCm` is the size itself (or about it); else how it bounds the real size. Needs `defectSizeCm`. */
  defectSizeBound: SizeBound.optional(),
  photos: z.number().int().nonnegative().max(100).optional(),
  itemUnused: z.boolean().optional(),
});

export const RefundRequest = z.object({
  reason: RefundReason,
  requestedAt: Timestamp.optional(),
  amount: Amount.optional(),
});

export const RepairRequest = z.object({
  warrantyMonths: z.number().int().min(0).max(240).optional(),
  estimatedCost: Amount.optional(),
  photos: z.number().int().nonnegative().max(100).optional(),
});

export const Stock = z.object({ inStock: z.boolean() });

export const TriageInput = z.object({
  now: Timestamp.optional(),
  locale: Locale.optional(),
  order: Order,
  shipment: Shipment.optional(),
  address: Address.optional(),
  claim: Claim.optional(),
  refund: RefundRequest.optional(),
  repair: RepairRequest.optional(),
  stock: Stock.optional(),
  message: z.string().max(4000).optional(),
  policy: PolicyPatch.optional(),
});
export type TriageInput = z.input<typeof TriageInput>;
export type ParsedTriageInput = z.infer<typeof TriageInput>;

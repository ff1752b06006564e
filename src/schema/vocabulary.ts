import { z } from 'zod';

/** The closed word lists of the contract (shared/CONTRACT.md). Every other list is derived from these. */

export const Locale = z.enum(['zh-CN', 'zh-TW', 'en']);
export type Locale = z.infer<typeof Locale>;
export const LOCALES = Locale.options;

export const OrderStatus = z.enum(['awaiting_payment', 'paid', 'shipped', 'completed', 'closed']);
export type OrderStatus = z.infer<typeof OrderStatus>;

export const TrackingEventKind = z.enum([
  'accepted',
  'in_transit',
  'out_for_delivery',
  'delivered',
  'failed_attempt',
  'exception',
  'returned',
]);
export type TrackingEventKind = z.infer<typeof TrackingEventKind>;

export const SignedBy = z.enum(['recipient', 'proxy', 'pickup_point', 'locker', 'reception', 'courier', 'unknown']);
export type SignedBy = z.infer<typeof SignedBy>;

export const AddressKind = z.enum(['residential', 'school', 'office', 'pickup_point', 'locker', 'unknown']);
export type AddressKind = z.infer<typeof AddressKind>;

export const ClaimType = z.enum([
  'not_received',
  'tracking_question',
  'urge_shipping',
  'quality',
  'wrong_item',
  'size',
  'dislike',
  'changed_mind',
  'repair',
  'address_change',
  'price_change',
  'other',
]);
export type ClaimType = z.infer<typeof ClaimType>;

/** Defects named by the sources; `unglued_edge` and `glue_overflow` are the shoe cases judged by size. */
export const Defect = z.enum([
  'skipped_stitches',
  'loose_seam',
  'thread_ends',
  'glue_overflow',
  'unglued_edge',
  'broken',
  'stain',
  'missing_part',
  'other',
]);
export type Defect = z.infer<typeof Defect>;

/**
 * How a stated size bounds the real one, as the buyer put it: `less_than` (不到1厘米, under 1 cm),
 * `at_most` (不超过, 以内, within), `more_than` (超过, 1厘米多, over), `at_least` (至少, 以上).
 */
export const SizeBound = z.enum(['less_than', 'at_most', 'more_than', 'at_least']);
export type SizeBound = z.infer<typeof SizeBound>;

export const RefundReason = z.enum([
  'out_of_stock',
  'late_shipment',
  'counterfeit',
  'invoice',
  'changed_mind',
  'quality',
  'not_received',
  'wrong_item',
  'other',
]);
export type RefundReason = z.infer<typeof RefundReason>;

export const Party = z.enum(['warehouse', 'courier', 'buyer', 'shop', 'platform']);
export type Party = z.infer<typeof Party>;

export const Category = z.enum(['logistics', 'return', 'refund', 'repair', 'order', 'unknown']);
export type Category = z.infer<typeof Category>;

export const EscalationTarget = z.enum(['warehouse_qc', 'finance', 'store_manager']);
export type EscalationTarget = z.infer<typeof EscalationTarget>;

export const PayingParty = z.enum(['shop', 'buyer']);
export type PayingParty = z.infer<typeof PayingParty>;

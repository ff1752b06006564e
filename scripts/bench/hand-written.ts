/**
 * The limit: the built-in rules' decisions written by hand as plain TypeScript over the derived
 * facts. It exists only to measure how far the compiled evaluator is from code nobody would
 * maintain; the bench checks that it decides every bench input as the library does, so it fails
 * loudly when a rule file changes and this copy is stale.
 */
import type { Facts } from '../../src/schema/facts.js';

// json-rules-engine's numeric operators refuse a fact that is not a number (null here).
const num = (v: number | null): v is number => typeof v === 'number' && !Number.isNaN(v);

export const decideByHand = (f: Facts): string => {
  const claim = f.claimType;
  const refund = f.refundReason;
  const deliveryConcern =
    claim === 'not_received' || claim === 'tracking_question' || claim === 'urge_shipping' || refund === 'not_received' || (claim === null && refund === null && !f.repairRequested);
  const quality = claim === 'quality' || refund === 'quality';
  const repair = claim === 'repair' || f.repairRequested;
  const changedMind = claim === 'changed_mind' || refund === 'changed_mind';
  const noScan = f.trackingEventCount === 0;

  if (f.orderStatus === 'awaiting_payment' && f.handedToCarrier) return 'handed-over-before-payment';
  if (f.orderStatus === 'closed') return f.paid ? 'order-closed-after-refund' : f.handedToCarrier ? 'order-closed-payment-unclear' : 'order-closed-unpaid';
  if (f.orderStatus === 'awaiting_payment' && num(f.hoursSinceCreated) && f.hoursSinceCreated >= f.unpaidAutoCloseHours) return 'unpaid-past-auto-close';
  if (refund === 'out_of_stock' || refund === 'late_shipment') return 'refund-reason-penalty';
  if (refund === 'counterfeit' || refund === 'invoice') return 'refund-reason-unacceptable';
  if (claim === 'address_change' && !f.handedToCarrier && (f.orderStatus === 'awaiting_payment' || f.orderStatus === 'paid')) return 'address-change';
  if (claim === 'price_change' && f.orderStatus === 'awaiting_payment') return 'price-change';
  if (claim === 'address_change' && (f.handedToCarrier || f.orderStatus === 'shipped' || f.orderStatus === 'completed')) return 'address-change-after-shipment';
  if (claim === 'price_change' && f.paid) return 'price-change-after-payment';
  const buyerSide = claim === 'size' || claim === 'dislike' || claim === 'changed_mind';
  const shopSideClaim = claim === 'quality' || claim === 'wrong_item';
  if ((buyerSide && (refund === 'quality' || refund === 'wrong_item')) || (shopSideClaim && refund === 'changed_mind')) return 'claim-reason-conflict';
  if (claim === 'wrong_item' || refund === 'wrong_item') return 'wrong-item';
  if (quality && (f.defect === 'thread_ends' || ((f.defect === 'glue_overflow' || f.defect === 'unglued_edge') && f.defectUnderTolerance === true))) {
    return 'not-a-defect';
  }
  if (quality) return 'quality-return';
  if (repair && f.withinWarranty === true) return 'repair-in-warranty';
  if (repair && f.withinWarranty === false && f.repairCostHigh === true) return 'repair-out-of-warranty-costly';
  if (repair && f.withinWarranty === false) return 'repair-out-of-warranty';
  if ((claim === 'size' || claim === 'dislike' || claim === 'changed_mind' || refund === 'changed_mind') && f.withinReturnWindow === false) return 'return-window-expired';
  if (changedMind && f.paid && !f.handedToCarrier) return 'changed-mind-before-shipment';
  if ((claim === 'size' || claim === 'dislike' || changedMind) && f.itemUnused === false) return 'used-item-return';
  if (changedMind && f.paid) return 'changed-mind-refund';
  if (claim === 'size' || claim === 'dislike') return 'non-quality-return';
  if ((claim === 'not_received' || claim === 'tracking_question' || refund === 'not_received') && f.delivered && f.lastEventKind !== 'returned') return 'signed-not-received';
  if (deliveryConcern) {
    if (f.paid && !f.handedToCarrier && f.inStock === false) return 'out-of-stock';
    if (f.handedToCarrier && noScan && !f.delivered && num(f.hoursSinceHandedOver) && f.hoursSinceHandedOver >= f.noScanAfterHours) return 'not-picked-up';
    if (f.labelPrinted && !f.handedToCarrier && noScan && num(f.hoursSinceLabelPrinted) && f.hoursSinceLabelPrinted >= f.noScanAfterHours) return 'not-shipped';
    if (f.labelPrinted && !f.handedToCarrier && noScan && f.pastShipBy === true) return 'not-shipped-past-promise';
    if (f.paid && f.orderStatus === 'paid' && !f.labelPrinted && !f.handedToCarrier && f.pastShipBy === true) return 'late-shipment';
    const moving = f.trackingEventCount > 0 && !f.delivered;
    if (moving && f.lastEventKind !== 'returned' && ((num(f.hoursSinceLastEvent) && f.hoursSinceLastEvent >= f.stallThresholdHours) || f.lastEventKind === 'exception')) {
      return 'stalled-tracking';
    }
    if (f.paid && !f.handedToCarrier && noScan && f.pastShipBy === false) return 'shipping-urge';
    const stillMoving = moving && f.lastEventKind !== 'exception' && f.lastEventKind !== 'returned' && num(f.hoursSinceLastEvent) && f.hoursSinceLastEvent < f.stallThresholdHours;
    if (stillMoving && num(f.hoursSinceHandedOver) && f.hoursSinceHandedOver >= f.deliveryOverdueHours) return 'delivery-overdue';
    if (f.handedToCarrier && noScan && !f.delivered && num(f.hoursSinceHandedOver) && f.hoursSinceHandedOver < f.noScanAfterHours) return 'handed-over-awaiting-scan';
    if (moving && f.lastEventKind !== 'exception' && f.lastEventKind !== 'returned' && num(f.hoursSinceLastEvent) && f.hoursSinceLastEvent < f.stallThresholdHours) {
      return 'in-transit-normal';
    }
  }
  return 'needs-human';
};

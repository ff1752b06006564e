/**
 * Deterministic random orders for the bench and the batch: the same seed gives the same orders on
 * every machine. They are spread over every situation of the built-in rules, with times around
 * each threshold (48 h shipping, 24 h first scan, 48 h stall, 7-day return window), in and out of
 * the peak seasons, in the three locales. Every order carries its own `now`, so results repeat.
 */
import type { TriageInput } from '../../src/schema/input.js';

/** sfc32: small, fast, and seedable (Math.random is not). */
export const createRng = (seed: number): (() => number) => {
  let a = 0x9e3779b9;
  let b = 0x243f6a88;
  let c = 0xb7e15162;
  let d = seed >>> 0;
  const next = (): number => {
    a >>>= 0;
    b >>>= 0;
    c >>>= 0;
    d >>>= 0;
    const t = (a + b + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) >>> 0;
    return t / 4_294_967_296;
  };
  for (let i = 0; i < 12; i++) next();
  return next;
};

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const SHANGHAI = 8 * HOUR;

/** `2026-11-11T00:10:00+08:00`: the shop's own offset, as shop systems send it. */
export const shanghaiIso = (ms: number): string => `${new Date(Math.round(ms / 1000) * 1000 + SHANGHAI).toISOString().slice(0, 19)}+08:00`;

const CARRIERS = ['顺丰', '中通', '圆通', '韵达', '京东物流', 'EMS'];
const CATEGORIES = ['apparel', 'shoes', 'bags', 'watches', 'electronics', 'home'];
const LOCALES = ['zh-CN', 'zh-CN', 'zh-CN', 'zh-TW', 'en'] as const;
const DELIVERY_CLAIMS = ['not_received', 'tracking_question', 'urge_shipping'] as const;
const SIGNERS = ['recipient', 'proxy', 'pickup_point', 'locker', 'reception', 'courier', 'unknown'] as const;
const DEFECTS = ['skipped_stitches', 'loose_seam', 'thread_ends', 'glue_overflow', 'unglued_edge', 'broken', 'stain', 'missing_part'] as const;
const REFUND_REASONS = ['out_of_stock', 'late_shipment', 'counterfeit', 'invoice', 'changed_mind', 'quality', 'not_received', 'wrong_item', 'other'] as const;
// Around the 2026 Double 11 and year-end peaks, and calm weeks.
const NOW_FROM = Date.UTC(2026, 8, 1);
const NOW_SPAN = 150 * DAY;

type Rng = () => number;

const pick = <T>(rng: Rng, list: readonly T[]): T => list[Math.floor(rng() * list.length)]!;
const chance = (rng: Rng, p: number): boolean => rng() < p;
/** Hours around a threshold: just under, at, just over, or far from it. */
// Hours ago, around a threshold; never in the future of `now`, which the input checks refuse.
const around = (rng: Rng, threshold: number): number => Math.max(0.1, threshold + pick(rng, [-30, -6, -1, -0.25, 0, 0.25, 1, 6, 30, 90]));
/** An instant no later than ten minutes before `now`. */
const notAfter = (now: number, at: number): number => Math.min(at, now - 10 * 60_000);

interface Scenario {
  weight: number;
  build(rng: Rng, now: number, id: string): Omit<TriageInput, 'now'>;
}

const baseOrder = (rng: Rng, status: 'awaiting_payment' | 'paid' | 'shipped' | 'completed', paidAt: number | undefined, id: string) => ({
  id,
  status,
  amount: Math.round(rng() * 200_000) / 100 + 9,
  category: pick(rng, CATEGORIES),
  ...(paidAt === undefined ? {} : { paidAt: shanghaiIso(paidAt) }),
});

const trackingNumber = (rng: Rng): string => `SF${Math.floor(rng() * 1e10).toString().padStart(10, '0')}`;

const events = (rng: Rng, from: number, lastAt: number, lastKind: string) => {
  const count = 1 + Math.floor(rng() * 4);
  const step = Math.max(lastAt - from, HOUR) / count;
  return Array.from({ length: count }, (_, i) => ({
    at: shanghaiIso(i === count - 1 ? lastAt : from + step * (i + 1) - step / 2),
    kind: i === count - 1 ? lastKind : i === 0 ? 'accepted' : 'in_transit',
    ...(chance(rng, 0.3) ? { location: pick(rng, ['杭州', '广州转运中心', '上海', '北京顺义']) } : {}),
  })) as NonNullable<TriageInput['shipment']>['events'];
};

const SCENARIOS: Scenario[] = [
  {
    // Paid, nothing printed: inside or past the promise; the buyer urges or asks.
    weight: 14,
    build(rng, now, id) {
      const paidAt = now - around(rng, 48 + (chance(rng, 0.5) ? 48 : 0)) * HOUR;
      return {
        order: baseOrder(rng, 'paid', paidAt, id),
        ...(chance(rng, 0.8) ? { claim: { type: pick(rng, DELIVERY_CLAIMS) } } : {}),
        ...(chance(rng, 0.2) ? { stock: { inStock: chance(rng, 0.7) } } : {}),
      };
    },
  },
  {
    // A label printed, the parcel not handed over.
    weight: 8,
    build(rng, now, id) {
      const paidAt = now - around(rng, 60) * HOUR;
      // Printed long ago and never scanned, or printed just now, late.
      const labelAt = chance(rng, 0.3) ? now - rng() * 12 * HOUR : Math.min(paidAt + 2 * HOUR, now - around(rng, 24) * HOUR);
      return {
        order: baseOrder(rng, 'paid', paidAt, id),
        shipment: { trackingNumber: trackingNumber(rng), carrier: pick(rng, CARRIERS), labelPrintedAt: shanghaiIso(labelAt) },
        claim: { type: pick(rng, DELIVERY_CLAIMS) },
      };
    },
  },
  {
    // Handed to the courier, never scanned.
    weight: 8,
    build(rng, now, id) {
      const handedAt = now - around(rng, 24) * HOUR;
      return {
        order: baseOrder(rng, 'shipped', handedAt - 20 * HOUR, id),
        shipment: { trackingNumber: trackingNumber(rng), carrier: pick(rng, CARRIERS), handedToCarrierAt: shanghaiIso(handedAt) },
        claim: { type: pick(rng, DELIVERY_CLAIMS) },
      };
    },
  },
  {
    // Moving, or stalled, or an exception.
    weight: 18,
    build(rng, now, id) {
      const lastAt = now - around(rng, chance(rng, 0.5) ? 48 : 120) * HOUR;
      const paidAt = lastAt - (2 + rng() * 3) * DAY;
      return {
        order: baseOrder(rng, 'shipped', paidAt, id),
        shipment: {
          trackingNumber: trackingNumber(rng),
          carrier: pick(rng, CARRIERS),
          events: events(rng, paidAt + 20 * HOUR, lastAt, pick(rng, ['in_transit', 'in_transit', 'out_for_delivery', 'exception', 'returned', 'failed_attempt'])),
        },
        ...(chance(rng, 0.85) ? { claim: { type: pick(rng, DELIVERY_CLAIMS) } } : { refund: { reason: 'not_received' as const } }),
        ...(chance(rng, 0.3) ? { address: { kind: pick(rng, ['residential', 'school', 'office'] as const) } } : {}),
      };
    },
  },
  {
    // Signed for; the buyer says nothing arrived.
    weight: 8,
    build(rng, now, id) {
      const signedAt = now - rng() * 4 * DAY;
      return {
        order: baseOrder(rng, 'completed', signedAt - 3 * DAY, id),
        shipment: {
          trackingNumber: trackingNumber(rng),
          carrier: pick(rng, CARRIERS),
          events: events(rng, signedAt - 2 * DAY, signedAt, 'delivered'),
          signedAt: shanghaiIso(signedAt),
          signedBy: pick(rng, SIGNERS),
        },
        claim: { type: pick(rng, ['not_received', 'tracking_question'] as const) },
        ...(chance(rng, 0.4) ? { address: { kind: pick(rng, ['school', 'office', 'pickup_point', 'locker'] as const) } } : {}),
      };
    },
  },
  {
    // After delivery: quality, tolerance, size, taste, changed mind, wrong item; inside or past the window.
    weight: 22,
    build(rng, now, id) {
      const signedAt = now - around(rng, 7 * 24) * HOUR;
      const type = pick(rng, ['quality', 'quality', 'size', 'dislike', 'changed_mind', 'wrong_item'] as const);
      const defect = type === 'quality' ? pick(rng, DEFECTS) : undefined;
      return {
        order: baseOrder(rng, 'completed', signedAt - 3 * DAY, id),
        shipment: { trackingNumber: trackingNumber(rng), carrier: pick(rng, CARRIERS), signedAt: shanghaiIso(signedAt), signedBy: 'recipient' },
        claim: {
          type,
          ...(defect === undefined ? {} : { defect }),
          ...(defect === 'glue_overflow' || defect === 'unglued_edge' ? { defectSizeCm: pick(rng, [0.3, 0.5, 0.9, 1, 1.2, 2.5]) } : {}),
          ...(chance(rng, 0.5) ? { photos: Math.floor(rng() * 5) } : {}),
          ...(chance(rng, 0.4) ? { itemUnused: chance(rng, 0.7) } : {}),
        },
      };
    },
  },
  {
    // Refund requests under every stated reason, before or after shipment.
    weight: 12,
    build(rng, now, id) {
      const shipped = chance(rng, 0.5);
      const paidAt = now - (1 + rng() * 6) * DAY;
      const reason = pick(rng, REFUND_REASONS);
      const order = baseOrder(rng, shipped ? 'shipped' : 'paid', paidAt, id);
      return {
        order,
        ...(shipped ? { shipment: { trackingNumber: trackingNumber(rng), handedToCarrierAt: shanghaiIso(notAfter(now, paidAt + 30 * HOUR)) } } : {}),
        refund: { reason, requestedAt: shanghaiIso(now - HOUR), ...(chance(rng, 0.3) ? { amount: Math.round(rng() * order.amount * 100) / 100 } : {}) },
        ...(reason === 'out_of_stock' ? { stock: { inStock: false } } : {}),
      };
    },
  },
  {
    // Repairs, in and out of warranty, cheap and costly.
    weight: 6,
    build(rng, now, id) {
      const signedAt = now - (30 + rng() * 800) * DAY;
      return {
        order: { ...baseOrder(rng, 'completed', signedAt - 3 * DAY, id), category: 'watches' },
        shipment: { signedAt: shanghaiIso(signedAt), signedBy: 'recipient' },
        ...(chance(rng, 0.5) ? { claim: { type: 'repair' as const } } : {}),
        repair: {
          ...(chance(rng, 0.8) ? { warrantyMonths: pick(rng, [3, 6, 12, 24]) } : {}),
          ...(chance(rng, 0.7) ? { estimatedCost: Math.round(rng() * 200_00) / 100 } : {}),
          ...(chance(rng, 0.3) ? { photos: 2 } : {}),
        },
      };
    },
  },
  {
    // Address and price changes, before and after payment or shipment.
    weight: 6,
    build(rng, now, id) {
      const status = pick(rng, ['awaiting_payment', 'paid', 'shipped'] as const);
      const paidAt = status === 'awaiting_payment' ? undefined : now - rng() * 3 * DAY;
      return {
        order: { ...baseOrder(rng, status, paidAt, id), createdAt: shanghaiIso(now - 4 * DAY) },
        ...(status === 'shipped' ? { shipment: { trackingNumber: trackingNumber(rng), handedToCarrierAt: shanghaiIso(notAfter(now, (paidAt ?? now) + 10 * HOUR)) } } : {}),
        claim: { type: pick(rng, ['address_change', 'price_change'] as const) },
      };
    },
  },
  {
    // Nothing the rules recognise: a person decides.
    weight: 4,
    build(rng, now, id) {
      return {
        order: baseOrder(rng, pick(rng, ['paid', 'completed'] as const), now - 3 * DAY, id),
        claim: { type: 'other' },
        ...(chance(rng, 0.5) ? { message: pick(rng, ['你好，请问发票什么时候开？', '想问下这款有没有其他颜色', 'Can I pick it up myself?']) } : {}),
      };
    },
  },
];

const TOTAL_WEIGHT = SCENARIOS.reduce((sum, s) => sum + s.weight, 0);

/** One order situation; `rng` decides everything, so a seeded sequence is reproducible. */
export const generateOrder = (rng: Rng, index: number): TriageInput => {
  let roll = rng() * TOTAL_WEIGHT;
  const scenario = SCENARIOS.find((s) => (roll -= s.weight) < 0) ?? SCENARIOS[0]!;
  const now = NOW_FROM + Math.floor(rng() * NOW_SPAN / 60_000) * 60_000;
  const body = scenario.build(rng, now, `T${index.toString().padStart(10, '0')}`);
  const locale = pick(rng, LOCALES);
  const policy = chance(rng, 0.25)
    ? { policy: { shopName: pick(rng, ['小鹿鞋铺', '山茶小店', 'Maple Studio']), agentName: pick(rng, ['阿青', '小满', 'Lin']), ...(chance(rng, 0.3) ? { shipsOnWeekends: true } : {}) } }
    : {};
  return { now: shanghaiIso(now), locale, ...body, ...policy };
};

/** `count` orders from `seed`: the same list on every run and every machine. */
export function* generateOrders(count: number, seed = 1): Generator<TriageInput> {
  const rng = createRng(seed);
  for (let i = 0; i < count; i++) yield generateOrder(rng, i);
}

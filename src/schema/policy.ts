import { z } from 'zod';

const MonthDay = z
  .string()
  .regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'expected a month-day like "11-01"');

export const PeakSeason = z.strictObject({
  name: z.string().min(1).max(64),
  from: MonthDay.describe('First day, month-day in the shop\'s time zone; a season may wrap the year end ("12-15" to "01-15").'),
  to: MonthDay,
  extraDelayDays: z.number().int().min(0).max(60).describe('How many days couriers may slip in this season; lengthens the stall threshold.'),
});
export type PeakSeason = z.infer<typeof PeakSeason>;

/** Sixty days: a shipping promise longer than that is a typo, and the ship-by arithmetic relies on a bound. */
export const MAX_SHIP_WITHIN_HOURS = 24 * 60;

/** Longer than any IANA name; checked first so that a huge string never reaches Intl. */
const MAX_TIME_ZONE_LENGTH = 64;

const knownTimeZones = new Map<string, boolean>();
/** Asks Intl once per zone name: building a DateTimeFormat costs ~50 µs, and every triage with a policy checks its zone. */
const isKnownTimeZone = (tz: string): boolean => {
  if (tz.length > MAX_TIME_ZONE_LENGTH) return false;
  let known = knownTimeZones.get(tz);
  if (known === undefined) {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: tz });
      known = true;
    } catch {
      known = false;
    }
    if (knownTimeZones.size >= 1000) knownTimeZones.clear();
    knownTimeZones.set(tz, known);
  }
  return known;
};

const Hostname = z
  .string()
  .min(1)
  .max(253)
  .regex(/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/, 'expected a lower-case host name like "taobao.com"');

/**
 * The shop's policy. Every default is a figure of shared/DOMAIN.md, or, where the sources give
 * none (stall and no-scan thresholds), a conservative choice written here once.
 */
export const Policy = z.strictObject({
  timezone: z.string().max(MAX_TIME_ZONE_LENGTH).refine(isKnownTimeZone, 'unknown IANA time zone').default('Asia/Shanghai'),
  shipWithinHours: z.number().positive().max(MAX_SHIP_WITHIN_HOURS).default(48).describe('Stock is prepared and handed over within this many hours of payment.'),
  shipsOnWeekends: z.boolean().default(false).describe('When false, Saturday and Sunday do not count towards the shipping promise.'),
  returnWindowDays: z.number().int().min(0).max(365).default(7).describe('No-reason return window, counted from signing.'),
  refundPenaltyRate: z.number().min(0).max(1).default(0.3).describe('Share of the order amount the platform takes when a refund is accepted as out of stock / late shipment.'),
  defectToleranceCm: z.number().min(0).max(100).default(1).describe('Glue overflow or an unglued edge smaller than this is not a defect.'),
  noScanAfterHours: z.number().positive().max(24 * 60).default(24).describe('A label printed (or a parcel handed over) this long without a first scan needs a check.'),
  stallAfterHours: z.number().positive().max(24 * 60).default(48).describe('Tracking that has not moved for this long is stalled (outside peak season).'),
  deliveryOverdueAfterDays: z
    .number()
    .positive()
    .max(60)
    .default(5)
    .describe('A parcel still on its way this many days after it was handed over is overdue (normal delivery takes 3 to 5 days; lengthened in peak season).'),
  unpaidAutoCloseAfterDays: z
    .number()
    .positive()
    .max(60)
    .default(3)
    .describe('An order still awaiting payment this many days after it was created is auto-closed: it can no longer be paid or repriced.'),
  peakSeasons: z
    .array(PeakSeason)
    .max(24)
    .default([
      { name: 'double_11', from: '11-01', to: '11-20', extraDelayDays: 3 },
      { name: 'year_end', from: '12-15', to: '01-15', extraDelayDays: 3 },
    ]),
  warrantyMonths: z.number().int().min(0).max(240).nullable().default(null).describe('Warranty for repairs when the request does not say; null: unknown, ask a human.'),
  newPurchaseCostRatio: z.number().positive().max(10).default(0.5).describe('A repair costing at least this share of the price suggests a new purchase instead.'),
  replyWithinMinutes: z.number().int().positive().max(7 * 24 * 60).default(10).describe('The buyer gets an answer (or a promised follow-up) within this many minutes.'),
  trustedLinkDomains: z.array(Hostname).max(100).default(['taobao.com', 'tmall.com', 'tb.cn']).describe('Links to these hosts or their subdomains are safe; anything else in a message is flagged.'),
  shopName: z.string().min(1).max(100).nullable().default(null),
  agentName: z.string().min(1).max(100).nullable().default(null),
  currency: z.string().regex(/^[A-Z]{3}$/).default('CNY'),
});
export type Policy = z.infer<typeof Policy>;
export type PolicyInput = z.input<typeof Policy>;

type PatchShape<S extends Record<string, z.ZodType>> = { [K in keyof S]: z.ZodOptional<S[K] extends z.ZodDefault<infer T extends z.ZodType> ? T : S[K]> };

/**
 * What a caller may pass: any subset of the policy, checked but not defaulted. `Policy.partial()`
 * would not do: zod v4 still fills defaults under `.optional()`, so an input's `policy: {}` would
 * silently reset every value the shop configured.
 */
export const PolicyPatch = z.strictObject(
  Object.fromEntries(
    Object.entries(Policy.shape).map(([key, field]) => [key, (field instanceof z.ZodDefault ? field.unwrap() : field).optional()]),
  ) as PatchShape<typeof Policy.shape>,
);
export type PolicyPatch = z.infer<typeof PolicyPatch>;

/**
 * `Policy.parse({ ...base, ...patch })` for a resolved `base` and a parsed `patch`, without parsing
 * again: each field is checked on its own (no rule spans two fields, nothing is transformed), and
 * the patch's fields passed the same checks already. A field set to undefined (`{ timezone:
 * shop.tz }` with no zone at hand) overrides nothing: spread in, it would erase the shop's value.
 * A validated input's patch holds every field, undefined where the caller gave none (src/input/canonical.ts).
 * @example
 * mergePolicy(Policy.parse({ shopName: '小鹿鞋铺' }), PolicyPatch.parse({ agentName: '阿青' })).shopName; // '小鹿鞋铺'
 * mergePolicy(Policy.parse({ timezone: 'Asia/Taipei' }), { timezone: undefined }).timezone; // 'Asia/Taipei'
 */
export const mergePolicy = (base: Policy, patch: PolicyPatch): Policy => {
  const merged: Record<string, unknown> = { ...base };
  for (const key in patch) {
    const value = patch[key as keyof PolicyPatch];
    if (value !== undefined) merged[key] = value;
  }
  return merged as Policy;
};

import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  AddressKind,
  ClaimType,
  createTriage,
  Defect,
  LOCALES,
  OrderStatus,
  RefundReason,
  SignedBy,
  TrackingEventKind,
  TriageError,
  type TriageInput,
} from '../src/index.js';

/**
 * Properties over generated inputs. Valid inputs are built from the schemas' own word lists and
 * respect the cross-field rules (every instant at or before `now`, paid after created, signed
 * after shipped, refunds within the order); invalid ones are anything at all, or a valid input
 * with one part broken.
 */

const triager = createTriage();
const SITUATIONS = new Set(Object.keys((JSON.parse(readFileSync('rules/situations.json', 'utf8')) as { situations: object }).situations));

/** Fixed instants only: a DST night in Berlin, Double 11, New Year's Eve in Shanghai, a leap day. */
const NOWS = ['2026-03-29T01:30:00Z', '2026-11-01T00:10:00+08:00', '2026-11-14T10:00:00+08:00', '2026-12-31T23:59:00+08:00', '2028-02-29T12:00:00-05:00'];
const ZONES = ['Asia/Shanghai', 'Asia/Taipei', 'Europe/Berlin', 'America/New_York', 'UTC'];
const OFFSETS = [0, 480, 60, -300, 345, -210];

const MINUTE = 60_000;
const isoAt = (ms: number, offsetMinutes: number, withMs: boolean): string => {
  const local = new Date(ms + offsetMinutes * MINUTE).toISOString().slice(0, withMs ? 23 : 19);
  if (offsetMinutes === 0) return `${local}Z`;
  const sign = offsetMinutes > 0 ? '+' : '-';
  const abs = Math.abs(offsetMinutes);
  return `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
};

/** An instant `minutesBack` before now, written with any plausible offset. */
const instant = (nowMs: number) => (minutesBack: number) =>
  fc.tuple(fc.constantFrom(...OFFSETS), fc.boolean()).map(([offset, withMs]) => isoAt(nowMs - minutesBack * MINUTE, offset, withMs));

const opt = <T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> => fc.option(arb, { nil: undefined, freq: 2 });
/** Present one time in four: a refund or repair request decides most cases, and logistics needs its share. */
const rare = <T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> => fc.oneof({ arbitrary: fc.constant(undefined), weight: 3 }, { arbitrary: arb, weight: 1 });
const money = fc.integer({ min: 0, max: 100_000_00 }).map((cents) => cents / 100);

/** Removes keys whose value is undefined, so inputs look like JSON. */
const compact = <T extends object>(o: T): T => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;

const validInput: fc.Arbitrary<TriageInput> = fc.constantFrom(...NOWS).chain((now) => {
  const nowMs = new Date(now).getTime();
  const at = instant(nowMs);
  // Minutes before now, oldest first: created, paid, label, hand-over, events…, signed.
  const timeline = fc.array(fc.integer({ min: 0, max: 90 * 24 * 60 }), { minLength: 12, maxLength: 12 }).map((xs) => xs.sort((a, b) => b - a));
  return fc
    .record({
      timeline,
      status: fc.constantFrom(...OrderStatus.options),
      amount: money,
      has: fc.record({ created: fc.boolean(), paid: fc.boolean(), label: fc.boolean(), handover: fc.boolean(), signed: fc.boolean(), shipment: fc.boolean() }),
      kinds: fc.array(fc.constantFrom(...TrackingEventKind.options), { maxLength: 6 }),
      shuffle: fc.array(fc.nat(), { minLength: 6, maxLength: 6 }),
      meta: fc.record({
        id: opt(fc.string({ maxLength: 40 })),
        currency: opt(fc.constantFrom('CNY', 'TWD', 'USD')),
        category: opt(fc.constantFrom('apparel', 'shoes', 'bags', 'watches', 'electronics', '服装')),
        trackingNumber: opt(fc.string({ minLength: 1, maxLength: 30 })),
        carrier: opt(fc.constantFrom('顺丰', '中通', 'DHL', '黑貓宅急便')),
        signedBy: opt(fc.constantFrom(...SignedBy.options)),
      }),
    })
    .chain(({ timeline: t, status, amount, has, kinds, shuffle, meta }) => {
      const paid = has.paid && status !== 'awaiting_payment';
      const eventTimes = t.slice(4, 4 + kinds.length);
      // The earliest event is a scan, never a delivery: signing follows shipping.
      const eventKinds = kinds.map((k, i) => (i === 0 && k === 'delivered' ? 'accepted' : k));
      const events = fc.tuple(...eventTimes.map((m, i) => at(m).map((iso) => ({ at: iso, kind: eventKinds[i]! }))));
      const orderStart = has.created ? t[0]! : paid ? t[1]! : undefined;
      return fc.record({
        now: fc.constant(now),
        locale: opt(fc.constantFrom(...LOCALES)),
        order: fc.record({
          createdAt: has.created ? at(t[0]!) : fc.constant(undefined),
          paidAt: paid ? at(t[1]!) : fc.constant(undefined),
        }).map((times) => compact({ status, amount, ...meta, signedBy: undefined, trackingNumber: undefined, carrier: undefined, ...times })),
        shipment: has.shipment
          ? fc.record({
              labelPrintedAt: has.label ? at(t[2]!) : fc.constant(undefined),
              handedToCarrierAt: has.handover ? at(t[3]!) : fc.constant(undefined),
              signedAt: has.signed ? at(t[11]!) : fc.constant(undefined),
              // Out of order on purpose: events are sorted for the caller.
              events: events.map((es) => [...es].sort((a, b) => (shuffle[es.indexOf(a)]! - shuffle[es.indexOf(b)]!))),
            }).map((s) => compact({ ...s, trackingNumber: meta.trackingNumber, carrier: meta.carrier, signedBy: meta.signedBy }))
          : fc.constant(undefined),
        address: opt(fc.record({ kind: opt(fc.constantFrom(...AddressKind.options)) }).map(compact)),
        claim: opt(
          fc.record({
            type: fc.constantFrom(...ClaimType.options),
            defect: opt(fc.constantFrom(...Defect.options)),
            defectSizeCm: opt(fc.double({ min: 0, max: 10, noNaN: true })),
            photos: opt(fc.integer({ min: 0, max: 9 })),
            itemUnused: opt(fc.boolean()),
          }).map(compact),
        ),
        refund: rare(
          fc.record({
            reason: fc.constantFrom(...RefundReason.options),
            requestedAt: orderStart === undefined ? fc.constant(undefined) : opt(fc.integer({ min: 0, max: orderStart }).chain(at)),
            amount: opt(fc.integer({ min: 0, max: Math.round(amount * 100) }).map((c) => c / 100)),
          }).map(compact),
        ),
        repair: rare(fc.record({ warrantyMonths: opt(fc.integer({ min: 0, max: 36 })), estimatedCost: opt(money), photos: opt(fc.integer({ min: 0, max: 5 })) }).map(compact)),
        stock: opt(fc.record({ inStock: fc.boolean() })),
        message: opt(fc.oneof(fc.string({ maxLength: 200 }), fc.string({ unit: 'grapheme', maxLength: 80 }), fc.constantFrom('在吗 四天了还没到', '亲 鞋子开胶了 退款', 'size too small, can I exchange?'))),
        policy: opt(
          fc.record({
            timezone: opt(fc.constantFrom(...ZONES)),
            shipWithinHours: opt(fc.integer({ min: 1, max: 240 })),
            shipsOnWeekends: opt(fc.boolean()),
            returnWindowDays: opt(fc.integer({ min: 0, max: 30 })),
            stallAfterHours: opt(fc.integer({ min: 1, max: 240 })),
            deliveryOverdueAfterDays: opt(fc.integer({ min: 1, max: 20 })),
            unpaidAutoCloseAfterDays: opt(fc.integer({ min: 1, max: 10 })),
            noScanAfterHours: opt(fc.integer({ min: 1, max: 240 })),
            warrantyMonths: opt(fc.option(fc.integer({ min: 0, max: 36 }), { nil: null })),
            shopName: opt(fc.constantFrom('小鹿鞋铺', 'Deer Shoes')),
          }).map(compact),
        ),
      }).map((input) => compact(input) as TriageInput);
    });
});

const deepFreeze = <T>(value: T): T => {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
};

/** Settles to the result, or to the error it was rejected with. */
const outcome = async (input: unknown): Promise<{ ok: true } | { ok: false; error: unknown }> => {
  try {
    await triager.triage(input as TriageInput);
    return { ok: true };
  } catch (error) {
    return { ok: false, error };
  }
};
const onlyInvalidInput = (o: Awaited<ReturnType<typeof outcome>>): boolean =>
  o.ok || (o.error instanceof TriageError && o.error.code === 'INVALID_INPUT');

describe('over generated valid inputs', () => {
  it('triage never throws and answers with a known situation, checks and wording in every locale', async () => {
    await fc.assert(
      fc.asyncProperty(validInput, async (input) => {
        for (const locale of LOCALES) {
          const result = await triager.triage({ ...input, locale });
          expect(SITUATIONS.has(result.situation)).toBe(true);
          expect(result.checks.length).toBeGreaterThan(0);
          for (const check of result.checks) expect(check.text.trim()).not.toBe('');
          expect(result.wording).toMatchObject({ locale });
          expect(result.wording.text.trim()).not.toBe('');
        }
      }),
      { numRuns: 150 },
    );
  });

  it('is deterministic for the same input and now, and does not touch its input', async () => {
    await fc.assert(
      fc.asyncProperty(validInput, async (input) => {
        const before = structuredClone(input);
        const first = await triager.triage(deepFreeze(input));
        const second = await triager.triage(input);
        expect(second).toEqual(first);
        expect(input).toEqual(before);
      }),
      { numRuns: 150 },
    );
  });

  it('derives facts that respect time: elapsed hours and days are never negative, deadlines never precede their start', async () => {
    const ms = (iso: string | null): number | undefined => (iso === null ? undefined : new Date(iso).getTime());
    await fc.assert(
      fc.asyncProperty(validInput, async (input) => {
        const f = (await triager.triage(input)).explanation.facts;
        for (const hours of [f.hoursSincePaid, f.hoursSinceCreated, f.hoursSinceLabelPrinted, f.hoursSinceHandedOver, f.hoursSinceLastEvent]) {
          if (hours !== null) expect(hours).toBeGreaterThanOrEqual(0);
        }
        if (f.daysSinceSigned !== null) expect(f.daysSinceSigned).toBeGreaterThanOrEqual(0);
        if (f.shipByAt !== null) expect(ms(f.shipByAt)!).toBeGreaterThan(ms(f.paidAt)!);
        if (f.returnWindowEndsAt !== null) expect(ms(f.returnWindowEndsAt)!).toBeGreaterThanOrEqual(ms(f.signedAt)!);
        if (f.warrantyEndsAt !== null && f.signedAt !== null) expect(ms(f.warrantyEndsAt)!).toBeGreaterThanOrEqual(ms(f.signedAt)!);
      }),
      { numRuns: 150 },
    );
  });
});

describe('over generated invalid inputs', () => {
  it('anything at all either triages or fails with INVALID_INPUT, never another error', async () => {
    const anything = fc.anything({ withNullPrototype: true, withBigInt: true, withDate: true, withMap: true, withSet: true, withTypedArray: true, withSparseArray: true, withBoxedValues: true, maxDepth: 4 });
    await fc.assert(
      fc.asyncProperty(anything, async (input) => {
        expect(onlyInvalidInput(await outcome(input))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('objects shaped like an input, with arbitrary JSON in each field, fail only with INVALID_INPUT', async () => {
    const field = fc.jsonValue({ maxDepth: 3 });
    const shaped = fc.record(
      { now: field, order: fc.oneof(field, fc.dictionary(fc.constantFrom('status', 'amount', 'paidAt', 'createdAt', 'id', '__proto__'), field)), shipment: field, claim: field, refund: field, repair: field, message: field, policy: field },
      { requiredKeys: [] },
    );
    await fc.assert(
      fc.asyncProperty(shaped, async (input) => {
        expect(onlyInvalidInput(await outcome(input))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('a valid input with one part replaced, removed or moved into the future fails only with INVALID_INPUT', async () => {
    type Mutation = { kind: 'replace'; value: unknown } | { kind: 'remove' } | { kind: 'future'; hours: number };
    const mutation: fc.Arbitrary<Mutation> = fc.oneof(
      fc.jsonValue({ maxDepth: 2 }).map((value) => ({ kind: 'replace' as const, value })),
      fc.constant({ kind: 'remove' as const }),
      fc.integer({ min: 1, max: 24 * 400 }).map((hours) => ({ kind: 'future' as const, hours })),
    );
    await fc.assert(
      fc.asyncProperty(validInput, mutation, fc.nat(), async (input, change, pick) => {
        const broken = structuredClone(input) as Record<string, unknown>;
        const paths = leafPaths(broken);
        const path = paths[pick % paths.length]!;
        const parent = path.slice(0, -1).reduce<Record<string | number, unknown>>((node, key) => node[key] as Record<string | number, unknown>, broken);
        const key = path[path.length - 1]!;
        const isInstant = typeof parent[key] === 'string' && !Number.isNaN(Date.parse(parent[key] as string)) && /T\d\d:/.test(parent[key] as string);
        if (change.kind === 'replace') parent[key] = change.value;
        else if (change.kind === 'remove') delete parent[key];
        else if (isInstant) parent[key] = new Date(new Date(input.now!).getTime() + change.hours * 3_600_000).toISOString();
        const result = await outcome(broken);
        expect(onlyInvalidInput(result)).toBe(true);
        // An instant an hour or more after now is always caught (now itself is the reference).
        if (change.kind === 'future' && isInstant && key !== 'now') expect(result.ok).toBe(false);
      }),
      { numRuns: 300 },
    );
  });
});

function leafPaths(value: unknown, path: (string | number)[] = []): (string | number)[][] {
  if (value === null || typeof value !== 'object') return path.length > 0 ? [path] : [];
  const entries = Array.isArray(value) ? value.map((v, i) => [i, v] as const) : Object.entries(value);
  return [...(path.length > 0 ? [path] : []), ...entries.flatMap(([k, v]) => leafPaths(v, [...path, k]))];
}

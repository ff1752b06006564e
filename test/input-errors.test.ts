import { describe, expect, it } from 'vitest';
import { createTriage, TriageError, type TriageIssue } from '../src/index.js';

const triager = createTriage();
const NOW = '2026-11-14T10:00:00+08:00';

/** A valid parcel story: paid, label printed, handed over, scanned, signed, all before NOW. */
const base = () => ({
  now: NOW,
  order: { status: 'shipped', amount: 259, createdAt: '2026-11-10T19:50:00+08:00', paidAt: '2026-11-10T20:00:00+08:00' },
  shipment: {
    trackingNumber: 'SF1402837465',
    labelPrintedAt: '2026-11-11T08:30:00+08:00',
    handedToCarrierAt: '2026-11-11T15:00:00+08:00',
    events: [
      { at: '2026-11-11T18:00:00+08:00', kind: 'accepted' },
      { at: '2026-11-12T10:00:00+08:00', kind: 'in_transit' },
    ],
  },
  claim: { type: 'not_received' },
});

const issuesOf = async (input: unknown): Promise<TriageIssue[]> => {
  const result = await triager.safeTriage(input);
  if (result.success) throw new Error(`expected INVALID_INPUT, got ${result.data.situation}`);
  expect(result.error).toBeInstanceOf(TriageError);
  expect(result.error.code).toBe('INVALID_INPUT');
  return [...result.error.issues];
};
const pathsOf = async (input: unknown): Promise<string[]> => (await issuesOf(input)).map((i) => i.path);

describe('invalid input is a TriageError with code INVALID_INPUT and a path for every problem', () => {
  it('accepts the base input (the cases below each break one thing)', async () => {
    await expect(triager.triage(base() as never)).resolves.toMatchObject({ situation: expect.any(String) });
  });

  it.each([null, undefined, 42, 'order', [], true])('rejects %j as a whole', async (input) => {
    expect(await pathsOf(input)).toEqual(['$']);
  });

  it('rejects a missing order', async () => {
    const { order: _order, ...input } = base();
    expect(await pathsOf(input)).toEqual(['$.order']);
  });

  it.each([
    ['an offset-less timestamp', '2026-11-10T20:00:00'],
    ['a date without a time', '2026-11-10'],
    ['words', '昨天晚上'],
    ['an impossible calendar day', '2026-02-30T10:00:00+08:00'],
    ['an impossible offset', '2026-11-10T20:00:00+25:00'],
  ])('rejects %s', async (_, paidAt) => {
    const input = base();
    input.order.paidAt = paidAt;
    expect(await pathsOf(input)).toEqual(['$.order.paidAt']);
  });

  it.each([
    ['$.order.amount', (i: ReturnType<typeof base>) => Object.assign(i.order, { amount: -1 })],
    ['$.refund.amount', (i: ReturnType<typeof base>) => Object.assign(i, { refund: { reason: 'quality', amount: -0.01 } })],
    ['$.repair.estimatedCost', (i: ReturnType<typeof base>) => Object.assign(i, { repair: { estimatedCost: -5 } })],
    ['$.claim.defectSizeCm', (i: ReturnType<typeof base>) => Object.assign(i, { claim: { type: 'quality', defectSizeCm: -1 } })],
  ])('rejects a negative amount at %s', async (path, mutate) => {
    const input = base();
    mutate(input);
    expect(await pathsOf(input)).toEqual([path]);
  });

  it.each([
    ['$.order.status', (i: ReturnType<typeof base>) => Object.assign(i.order, { status: 'lost' })],
    ['$.shipment.events[1].kind', (i: ReturnType<typeof base>) => Object.assign(i.shipment.events[1]!, { kind: 'teleported' })],
    ['$.shipment.signedBy', (i: ReturnType<typeof base>) => Object.assign(i.shipment, { signedBy: 'neighbour' })],
    ['$.claim.type', (i: ReturnType<typeof base>) => Object.assign(i.claim, { type: 'angry' })],
    ['$.claim.defect', (i: ReturnType<typeof base>) => Object.assign(i.claim, { type: 'quality', defect: 'scratch' })],
    ['$.refund.reason', (i: ReturnType<typeof base>) => Object.assign(i, { refund: { reason: 'because' } })],
    ['$.address.kind', (i: ReturnType<typeof base>) => Object.assign(i, { address: { kind: 'castle' } })],
    ['$.locale', (i: ReturnType<typeof base>) => Object.assign(i, { locale: 'fr' })],
  ])('rejects an unknown enum value at %s', async (path, mutate) => {
    const input = base();
    mutate(input);
    expect(await pathsOf(input)).toEqual([path]);
  });
});

describe('cross-field problems', () => {
  it('rejects an instant more than 5 minutes after now, and names it', async () => {
    const input = base();
    input.shipment.events.push({ at: '2026-11-14T11:00:00+08:00', kind: 'in_transit' });
    const issues = await issuesOf(input);
    expect(issues).toEqual([expect.objectContaining({ path: '$.shipment.events[2].at', code: 'in_future' })]);
  });

  it('tolerates up to 5 minutes of clock skew, inclusive', async () => {
    const input = base();
    input.shipment.events.push({ at: '2026-11-14T10:05:00+08:00', kind: 'in_transit' });
    await expect(triager.triage(input as never)).resolves.toBeDefined();
    input.shipment.events.push({ at: '2026-11-14T10:05:00.001+08:00', kind: 'in_transit' });
    expect(await pathsOf(input)).toEqual(['$.shipment.events[3].at']);
  });

  it('measures the future against the injected clock when the input has no now', async () => {
    const clocked = createTriage({ clock: () => new Date('2026-11-12T00:00:00+08:00') });
    const { now: _now, ...input } = base();
    const result = await clocked.safeTriage(input);
    expect(result.success).toBe(false);
    // Everything from 2026-11-12T00:05 on is in that clock's future.
    expect(result.success ? [] : result.error.issues.map((i) => i.path)).toEqual(['$.shipment.events[1].at']);
  });

  it('rejects a now or an instant outside 2000–2999 (UTC): a typo, and deadlines past year 9999 cannot be written', async () => {
    const farNow = { ...base(), now: '9999-12-31T23:50:00+08:00' };
    expect((await issuesOf(farNow)).map((i) => [i.path, i.code])).toEqual([['$.now', 'out_of_range']]);
    const input = base();
    input.order.createdAt = '1999-12-31T23:00:00Z';
    input.shipment.events.push({ at: '3026-11-12T10:00:00+08:00', kind: 'in_transit' });
    // out of range is said once, not also as "in the future"
    expect((await issuesOf(input)).map((i) => [i.path, i.code])).toEqual([
      ['$.order.createdAt', 'out_of_range'],
      ['$.shipment.events[2].at', 'out_of_range'],
    ]);
    const edge = base();
    edge.order.createdAt = '2000-01-01T00:00:00Z';
    await expect(triager.triage(edge as never)).resolves.toBeDefined();
  });

  it('reports a clock outside 2000–2999 as INVALID_OPTIONS', async () => {
    const { now: _now, ...input } = base();
    const result = await createTriage({ clock: () => new Date('3000-01-01T00:00:00Z') }).safeTriage(input);
    expect(result.success ? undefined : result.error.issues).toEqual([expect.objectContaining({ path: '$.clock', code: 'invalid_clock' })]);
  });

  it('does not judge the future when now itself is malformed (that is the problem reported)', async () => {
    const input = { ...base(), now: 'tomorrow' };
    expect(await pathsOf(input)).toEqual(['$.now']);
  });

  it.each([
    ['the label was printed', { labelPrintedAt: '2026-11-13T08:00:00+08:00', handedToCarrierAt: undefined, events: [] }],
    ['the parcel was handed over', { labelPrintedAt: undefined, handedToCarrierAt: '2026-11-13T08:00:00+08:00', events: [] }],
    ['the first tracking event', { labelPrintedAt: undefined, handedToCarrierAt: undefined, events: [{ at: '2026-11-13T08:00:00+08:00', kind: 'accepted' }] }],
  ])('rejects signedAt before %s', async (_, shipment) => {
    const input = base();
    Object.assign(input.shipment, shipment, { signedAt: '2026-11-12T08:00:00+08:00' });
    const issues = await issuesOf(input);
    expect(issues).toEqual([expect.objectContaining({ path: '$.shipment.signedAt', code: 'signed_before_shipment' })]);
  });

  it('rejects a delivered event that comes before every shipping mark', async () => {
    const input = base();
    input.shipment.events = [
      { at: '2026-11-11T07:00:00+08:00', kind: 'delivered' },
      { at: '2026-11-11T18:00:00+08:00', kind: 'accepted' },
    ];
    expect(await pathsOf(input)).toEqual(['$.shipment.events[0].at']);
  });

  it('accepts signing after the first shipping mark even when other records came later', async () => {
    const input = base();
    // The warehouse recorded the hand-over after the courier's first scan: records drift.
    Object.assign(input.shipment, { handedToCarrierAt: '2026-11-12T12:00:00+08:00', signedAt: '2026-11-12T11:00:00+08:00' });
    await expect(triager.triage(input as never)).resolves.toBeDefined();
  });

  it('rejects paidAt before createdAt', async () => {
    const input = base();
    input.order.paidAt = '2026-11-10T19:00:00+08:00';
    expect(await issuesOf(input)).toEqual([expect.objectContaining({ path: '$.order.paidAt', code: 'paid_before_created' })]);
  });

  it('rejects a paidAt on an order still awaiting payment', async () => {
    const input = base();
    input.order.status = 'awaiting_payment';
    expect(await issuesOf(input)).toEqual([expect.objectContaining({ path: '$.order.status', code: 'status_contradicts_payment' })]);
  });

  it('rejects a refund requested before the order existed, or for more than was paid', async () => {
    const input = { ...base(), refund: { reason: 'quality', requestedAt: '2026-11-09T10:00:00+08:00', amount: 300 } };
    expect(await pathsOf(input)).toEqual(['$.refund.requestedAt', '$.refund.amount']);
  });

  it('lists shape problems and cross-field problems together, in one error', async () => {
    const input = base() as Record<string, unknown> & ReturnType<typeof base>;
    input.order.amount = -3;
    input.order.paidAt = '2026-11-10T19:00:00+08:00';
    Object.assign(input.shipment, { signedAt: '2026-11-11T08:00:00+08:00', signedBy: 'neighbour' });
    input.shipment.events.push({ at: '2026-11-15T10:00:00+08:00', kind: 'in_transit' });
    expect((await pathsOf(input)).sort()).toEqual(
      ['$.order.amount', '$.order.paidAt', '$.shipment.signedBy', '$.shipment.signedAt', '$.shipment.events[2].at'].sort(),
    );
  });
});

describe('tolerated, not errors', () => {
  it('sorts tracking events given out of order', async () => {
    const ordered = base();
    const shuffled = base();
    shuffled.shipment.events.reverse();
    const [a, b] = await Promise.all([triager.triage(ordered as never), triager.triage(shuffled as never)]);
    expect(b.situation).toBe(a.situation);
    expect(b.explanation.facts).toEqual(a.explanation.facts);
  });

  it('ignores unknown keys', async () => {
    await expect(triager.triage({ ...base(), extra: { anything: [1, 2, 3] } } as never)).resolves.toBeDefined();
  });
});

describe('errors that are not the input', () => {
  it('reports an input that throws when read as INVALID_INPUT, not as the getter\'s error', async () => {
    const input = base();
    Object.defineProperty(input, 'claim', { enumerable: true, get: () => { throw new Error('boom'); } });
    const issues = await issuesOf(input);
    expect(issues).toEqual([expect.objectContaining({ path: '$.claim', code: 'unreadable' })]);
  });

  it('reports a revoked proxy as INVALID_INPUT', async () => {
    const { proxy, revoke } = Proxy.revocable(base(), {});
    revoke();
    expect(await pathsOf(proxy)).toEqual(['$']);
  });

  it('reports a clock that returns an invalid Date as INVALID_OPTIONS', async () => {
    const broken = createTriage({ clock: () => new Date(Number.NaN) });
    const { now: _now, ...input } = base();
    const result = await broken.safeTriage(input);
    expect(result.success ? undefined : result.error.code).toBe('INVALID_OPTIONS');
  });

  it('reports a clock that throws as INVALID_OPTIONS at $.clock, not as an unreadable input', async () => {
    const broken = createTriage({ clock: () => { throw new Error('no time server'); } });
    const { now: _now, ...input } = base();
    const result = await broken.safeTriage(input);
    expect(result.success ? undefined : [result.error.code, result.error.issues]).toEqual([
      'INVALID_OPTIONS',
      [expect.objectContaining({ file: 'options', path: '$.clock', code: 'invalid_clock', message: 'the clock threw: no time server' })],
    ]);
  });

  it.each([
    ['options that throw when read', () => ({ get policy(): never { throw new Error('boom'); } }), '$.policy'],
    ['revoked options', () => { const { proxy, revoke } = Proxy.revocable({}, {}); revoke(); return proxy; }, '$'],
    ['a policy field that throws when read', () => ({ policy: { get timezone(): never { throw new Error('boom'); } } }), '$.policy.timezone'],
  ])('reports %s as INVALID_OPTIONS, naming the field that threw', (_name, make, path) => {
    const error = (() => { try { createTriage(make() as never); } catch (e) { return e; } })();
    expect(error).toBeInstanceOf(TriageError);
    expect((error as TriageError).code).toBe('INVALID_OPTIONS');
    expect((error as TriageError).issues).toEqual([expect.objectContaining({ file: 'options', path, code: 'unreadable' })]);
  });

  it('reports shop wording that throws when read as INVALID_RULE at the text that threw', () => {
    const wording = { 'late-shipment': { get en(): never { throw new Error('boom'); } } };
    const error = (() => { try { createTriage({ wording: wording as never }); } catch (e) { return e; } })();
    expect((error as TriageError).issues).toEqual([expect.objectContaining({ file: 'options', path: '$.wording["late-shipment"].en', code: 'unreadable' })]);
  });

  it('reports a message pattern file that throws when read as INVALID_RULE naming it', () => {
    const file = { get id(): never { throw new Error('boom'); } };
    const error = (() => { try { createTriage({ messagePatterns: [file as never] }); } catch (e) { return e; } })();
    expect((error as TriageError).issues).toEqual([expect.objectContaining({ file: '<messagePatterns[0]>', path: '$.id', code: 'unreadable' })]);
  });
});

import { describe, expect, it } from 'vitest';
import { createTriage, TriageError, type TriageInput } from '../src/index.js';
import { builtinSources } from '../src/generated/builtin-rules.js';

const SHOP_DIR = 'test/data/shop-rules';

/** A parcel whose last scan is 72 hours old, outside peak season: built-in `stalled-tracking` decides. */
const stalled = (amount = 259): TriageInput => ({
  now: '2026-10-15T10:00:00+08:00',
  order: { status: 'shipped', amount, paidAt: '2026-10-10T20:00:00+08:00' },
  shipment: {
    trackingNumber: 'SF1402837465',
    carrier: '顺丰',
    events: [
      { at: '2026-10-11T18:00:00+08:00', kind: 'accepted' },
      { at: '2026-10-12T10:00:00+08:00', kind: 'in_transit' },
    ],
  },
  claim: { type: 'not_received' },
});

/** The same parcel one day after its last scan: built-in `in-transit-normal` decides. */
const moving: TriageInput = { ...stalled(), now: '2026-10-13T09:00:00+08:00' };

const builtinRule = (id: string): Record<string, unknown> => {
  const found = builtinSources.rules.find((r) => r.source.endsWith(`/${id}.json`));
  if (!found) throw new Error(`no built-in rule ${id}`);
  return structuredClone(found.json) as Record<string, unknown>;
};

const ruleError = (make: () => unknown): TriageError => {
  try {
    make();
  } catch (error) {
    if (error instanceof TriageError) return error;
    throw error;
  }
  throw new Error('expected a TriageError');
};

describe('a shop rules directory', () => {
  const triager = createTriage({ ruleDirs: [SHOP_DIR], policy: { shopName: '小鹿鞋铺', agentName: '阿青' } });

  it('adds its rules, situations and checks beside the built-in ones', async () => {
    const result = await triager.triage(stalled(1299));
    expect(result.explanation.decidedBy.rule).toBe('high-value-stall');
    expect(result.situation).toBe('high_value_stall');
    expect(result.category).toBe('logistics');
    expect(result.escalateTo).toBe('store_manager');
    expect(result.checks.map((c) => c.id)).toEqual(['call_buyer_personally', 'courier_trace_parcel']);
    expect(result.explanation.decidedBy.source).toBe(`${SHOP_DIR}/logistics/high-value-stall.json`);
  });

  it('leaves the built-in rules deciding where its own do not fire', async () => {
    expect((await triager.triage(stalled(259))).explanation.decidedBy.rule).toBe('stalled-tracking');
  });

  it('changes one locale of a built-in check and keeps its owner and other locales', async () => {
    const builtin = createTriage().ruleSet.checks.get('courier_trace_parcel')!;
    const changed = triager.ruleSet.checks.get('courier_trace_parcel')!;
    expect(changed.owner).toBe(builtin.owner);
    expect(changed.text.en.source).toBe('Open a trace ticket with the courier and note its number in the order.');
    expect(changed.text['zh-CN'].source).toBe(builtin.text['zh-CN'].source);
  });

  it('rewords a situation from wording.json in the locales it gives, keeping the others', async () => {
    const en = await triager.triage({ ...moving, locale: 'en' });
    expect(en.explanation.decidedBy.rule).toBe('in-transit-normal');
    expect(en.wording.text).toBe('Hi from 小鹿鞋铺! Your parcel is on its way and moving normally. We will keep an eye on it for you.');
    const zh = await triager.triage({ ...moving, locale: 'zh-CN' });
    const plain = await createTriage({ policy: { shopName: '小鹿鞋铺', agentName: '阿青' } }).triage({ ...moving, locale: 'zh-CN' });
    expect(zh.wording.text).toBe(plain.wording.text);
  });
});

describe('rules passed as objects', () => {
  it('adds a rule', async () => {
    const vip = { ...builtinRule('stalled-tracking'), id: 'vip-stall', priority: 99, escalateTo: 'store_manager' };
    const result = await createTriage({ rules: [vip] }).triage(stalled());
    expect(result.explanation.decidedBy).toMatchObject({ rule: 'vip-stall', source: '<rules[0]>' });
    expect(result.escalateTo).toBe('store_manager');
  });

  it('replaces the built-in rule with the same id', async () => {
    const own = { ...builtinRule('stalled-tracking'), responsible: 'warehouse' };
    const triager = createTriage({ rules: [own] });
    const matching = triager.ruleSet.rules.filter((r) => r.id === 'stalled-tracking');
    expect(matching.map((r) => r.origin)).toEqual(['custom']);
    expect((await triager.triage(stalled())).responsible).toBe('warehouse');
  });
});

describe('disabling built-in rules', () => {
  it('leaves them out, so the next rule decides', async () => {
    const triager = createTriage({ disable: ['stalled-tracking'] });
    expect(triager.ruleSet.rules.some((r) => r.id === 'stalled-tracking')).toBe(false);
    expect((await triager.triage(stalled())).explanation.decidedBy.rule).not.toBe('stalled-tracking');
  });

  it('rejects an id that names no rule', () => {
    const error = ruleError(() => createTriage({ disable: ['stalled-trackin'] }));
    expect(error.code).toBe('INVALID_RULE');
    expect(error.issues).toContainEqual(expect.objectContaining({ file: 'options', path: '$.disable[0]', code: 'unknown_rule' }));
  });

  it('can start from no built-in rules at all, given a fallback', async () => {
    const fallback = builtinRule('needs-human');
    const triager = createTriage({ builtinRules: false, rules: [fallback] });
    expect(triager.ruleSet.rules.map((r) => r.id)).toEqual(['needs-human']);
    expect((await triager.triage(stalled())).situation).toBe('needs_human');
  });
});

describe('policy values', () => {
  it('change what the rules decide: a longer stall threshold makes 72 hours normal', async () => {
    const triager = createTriage({ policy: { stallAfterHours: 96 } });
    expect((await triager.triage(stalled())).situation).toBe('in_transit_normal');
  });

  it('name the shop and the agent in the wording', async () => {
    const triager = createTriage({ policy: { shopName: '小鹿鞋铺', agentName: '阿青' } });
    const result = await triager.triage({ ...stalled(), locale: 'en' });
    expect(result.wording.text).toContain('from 小鹿鞋铺, this is 阿青');
  });

  it("are overridden field by field by the input's own policy", async () => {
    const triager = createTriage({ policy: { stallAfterHours: 96, shopName: '小鹿鞋铺', agentName: '阿青' } });
    const result = await triager.triage({ ...stalled(), locale: 'en', policy: { stallAfterHours: 24 } });
    expect(result.situation).toBe('stalled_tracking');
    expect(result.wording.text).toContain('from 小鹿鞋铺, this is 阿青');
  });
});

describe('wording overrides passed as an option', () => {
  const tone = 'Hey![[ {carrier}]] parcel[[ {trackingNumber}]] seems stuck[[ since {lastEventAt}]]. We are on it!';

  it('reword every rule of a situation in one locale and keep the others', async () => {
    const triager = createTriage({ wording: { stalled_tracking: { en: tone } } });
    expect((await triager.triage({ ...stalled(), locale: 'en' })).wording.text).toBe('Hey! 顺丰 parcel SF1402837465 seems stuck since Oct 12, 10:00. We are on it!');
    const zh = await triager.triage({ ...stalled(), locale: 'zh-CN' });
    expect(zh.wording.text).toBe((await createTriage().triage({ ...stalled(), locale: 'zh-CN' })).wording.text);
  });

  it('prefer a rule id over its situation', async () => {
    const triager = createTriage({ wording: { stalled_tracking: { en: tone }, 'stalled-tracking': { en: 'Rule-level text.' } } });
    expect((await triager.triage({ ...stalled(), locale: 'en' })).wording.text).toBe('Rule-level text.');
  });

  it('win over a shop directory wording.json', async () => {
    const triager = createTriage({ ruleDirs: [SHOP_DIR], wording: { in_transit_normal: { en: 'Moving along nicely.' } } });
    expect((await triager.triage({ ...moving, locale: 'en' })).wording.text).toBe('Moving along nicely.');
  });
});

import { describe, expect, it } from 'vitest';
import { createTriage } from '../src/index.js';

const priceChange = {
  now: '2026-10-15T10:00:00+08:00',
  order: { status: 'awaiting_payment', amount: 10 },
  claim: { type: 'price_change' },
} as const;

describe('wording', () => {
  it.each([
    [{ shopName: '小鹿鞋铺' }, '亲，您好，这里是小鹿鞋铺！', 'Hello from 小鹿鞋铺.'],
    [{ agentName: '阿青' }, '亲，您好，我是客服阿青！', 'Hello, this is 阿青.'],
    [{ shopName: '小鹿鞋铺', agentName: '阿青' }, '亲，您好，这里是小鹿鞋铺，我是客服阿青！', 'Hello from 小鹿鞋铺, this is 阿青.'],
    [{}, '亲，您好！', 'Hello.'],
  ])('greets with whichever of the shop and agent names the policy gives (%o)', async (policy, zh, en) => {
    const triager = createTriage({ policy });
    expect((await triager.triage(priceChange)).wording.text.startsWith(zh)).toBe(true);
    expect((await triager.triage({ ...priceChange, locale: 'en' })).wording.text.startsWith(en)).toBe(true);
  });

  /** A zh-TW buyer asking after a parcel in transit with 顺丰. */
  const parcelFor = (trackingNumber: string) => ({
    now: '2026-10-15T10:00:00+08:00',
    locale: 'zh-TW' as const,
    order: { status: 'shipped' as const, amount: 259, paidAt: '2026-10-10T20:00:00+08:00' },
    shipment: { trackingNumber, carrier: '顺丰', events: [{ at: '2026-10-12T10:00:00+08:00', kind: 'in_transit' as const }] },
    claim: { type: 'not_received' as const },
  });

  it('writes names from the input in traditional characters for zh-TW readers', async () => {
    const result = await createTriage({ policy: { shopName: '小鹿鞋铺' } }).triage(parcelFor('SF1402837465'));
    expect(result.wording.text).toContain('小鹿鞋鋪');
    expect(result.wording.text).toContain('順豐 SF1402837465');
    expect(result.checks[0]!.text).toContain('順豐');
  });

  it('quotes identifiers (tracking numbers, order ids) exactly as given, whatever the locale', async () => {
    // a tracking number some courier writes with a simplified character: converting it would send the buyer looking for a number that does not exist
    const result = await createTriage().triage(parcelFor('丰SF1402837465'));
    expect(result.wording.text).toContain('順豐 丰SF1402837465');
  });
});

describe('figures in wording keep the decimals they have', () => {
  const glue = {
    now: '2026-04-08T19:30:00+08:00',
    locale: 'en',
    order: { status: 'completed', amount: 259, category: 'shoes', paidAt: '2026-04-02T12:00:00+08:00' },
    shipment: { signedAt: '2026-04-05T11:00:00+08:00' },
    claim: { type: 'quality', defect: 'glue_overflow', defectSizeCm: 0.01 },
  } as const;
  it.each([
    [0.25, 'under 0.25 cm'],
    [0.04, 'under 0.04 cm'],
    [1.5, 'under 1.5 cm'],
    [1, 'under 1 cm'],
    [0.0001, 'under 0.0001 cm'],
  ])('a tolerance of %s cm is written "%s", not rounded to one decimal', (defectToleranceCm, shown) => {
    const result = createTriage({ policy: { defectToleranceCm } }).triageSync({ ...glue, claim: { ...glue.claim, defectSizeCm: defectToleranceCm / 2 } });
    expect(result.situation).toBe('not_a_defect');
    expect(result.wording.text).toContain(shown);
  });
});

import { describe, expect, it, vi } from 'vitest';

// Fresh modules for each case: the converter is built once per process, by whoever needs it first.
const fresh = async () => {
  vi.resetModules();
  const { createTriage } = await import('../src/index.js');
  const { traditionalReady } = await import('../src/wording/traditional.js');
  return { createTriage, traditionalReady };
};

const input = {
  now: '2026-11-12T10:00:00+08:00',
  order: { status: 'paid', amount: 259, paidAt: '2026-11-11T10:00:00+08:00' },
  claim: { type: 'urge_shipping' },
  policy: { shopName: '小鹿鞋铺' },
} as const;

describe('start-up: the traditional-script name tables', () => {
  it('are built by createTriage for a zh-TW shop, so its first reply does not build them', async () => {
    const { createTriage, traditionalReady } = await fresh();
    const triager = createTriage({ locale: 'zh-TW' });
    expect(traditionalReady()).toBe(true);
    expect(triager.triageSync(input).wording.text).toContain('小鹿鞋鋪');
  });

  it('are left unbuilt by a triager for another locale until its first zh-TW reply', async () => {
    const { createTriage, traditionalReady } = await fresh();
    const triager = createTriage();
    triager.triageSync(input);
    expect(traditionalReady()).toBe(false);
    expect(triager.triageSync({ ...input, locale: 'zh-TW' }).wording.text).toContain('小鹿鞋鋪');
    expect(traditionalReady()).toBe(true);
  });
});

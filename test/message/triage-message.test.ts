import { describe, expect, it } from 'vitest';
import { createTriage, readBuyerMessage, triage, triageMessage, TriageError, type MessageContext } from '../../src/index.js';

const now = '2026-11-20T15:00:00+08:00';
const signed = { events: [{ at: '2026-11-15T09:00:00+08:00', kind: 'delivered' as const }], signedAt: '2026-11-15T09:00:00+08:00', signedBy: 'recipient' as const };
const context: MessageContext = { now, order: { status: 'completed', amount: 259, category: 'shoes', paidAt: '2026-11-10T09:00:00+08:00' }, shipment: signed };

describe('triageMessage', () => {
  it('triages from the words alone and says what it read', async () => {
    const result = await triageMessage('在吗 鞋边溢胶大概2毫米', context);
    expect(result.situation).toBe('not_a_defect');
    expect(result.explanation.message).toMatchObject({
      reading: 'read',
      applied: true,
      claim: { type: 'quality', defect: 'glue_overflow', defectSizeCm: 0.2 },
      candidates: [{ type: 'quality', phrases: ['溢胶'], file: 'rules/messages/zh.json' }],
    });
    expect(result.explanation.facts).toMatchObject({ claimType: 'quality', defect: 'glue_overflow', defectSizeCm: 0.2, hasMessage: true });
  });

  it('is triage with the message set', async () => {
    const message = 'When will you ship my order?';
    const paid = { now: '2026-11-04T10:00:00+08:00', order: { status: 'paid', amount: 149, paidAt: '2026-11-03T20:00:00+08:00' } } as const;
    expect(await triageMessage(message, paid)).toEqual(await triage({ ...paid, message }));
    expect(await createTriage().triageMessage(message, paid)).toEqual(await triage({ ...paid, message }));
  });

  it('never overrides an explicit claim, and says the reading was not applied', async () => {
    const result = await triageMessage('买大了 想换小一码', { ...context, claim: { type: 'quality', defect: 'broken' } });
    expect(result.situation).toBe('quality_return');
    expect(result.explanation.facts.claimType).toBe('quality');
    expect(result.explanation.message).toMatchObject({ reading: 'read', claim: { type: 'size' }, applied: false });
    expect(result.explanation.message?.note).toMatch(/claim was kept/);
  });

  it('read alone, says nothing of an input it never had', () => {
    const reading = readBuyerMessage('买大了 想换小一码');
    expect(reading).toMatchObject({ reading: 'read', claim: { type: 'size' }, applied: false });
    expect(reading.note).not.toMatch(/kept|input/);
  });

  it('never overrides an explicit refund reason', async () => {
    const result = await triageMessage('你们卖的是假货 我要退款', { ...context, refund: { reason: 'changed_mind' } });
    expect(result.explanation.facts.refundReason).toBe('changed_mind');
    expect(result.situation).toBe('changed_mind_refund');
  });

  it('reads a refund reason into the refund the rules need', async () => {
    const result = await triageMessage('你们卖的是假货 我要退款', context);
    expect(result.situation).toBe('refund_reason_unacceptable');
    expect(result.explanation.facts.refundReason).toBe('counterfeit');
    expect(result.explanation.message).toMatchObject({ reading: 'none', refundReason: 'counterfeit', applied: true });
  });

  it('reads a repair request into the repair the rules need', async () => {
    const result = await triageMessage('手表不走了 能修吗', { ...context, order: { ...context.order, category: 'watches' }, policy: { warrantyMonths: 12 } });
    expect(result.situation).toBe('repair_in_warranty');
    expect(result.explanation.facts.repairRequested).toBe(true);
  });

  it('guesses nothing from an ambiguous message: needs_human, with both candidates to ask about', async () => {
    const result = await triageMessage('鞋子开胶了 而且还买小了', context);
    expect(result.situation).toBe('needs_human');
    expect(result.explanation.facts.claimType).toBeNull();
    expect(result.explanation.message?.reading).toBe('ambiguous');
    expect(result.explanation.message?.candidates.map((c) => c.type).sort()).toEqual(['quality', 'size']);
  });

  it('lets the structured facts decide when the message states no claim', async () => {
    const result = await triageMessage('在吗 咨询订单号:1402837465 订单金额:259.00 下单时间:2026-10-10 19:58:31', {
      now: '2026-10-15T10:00:00+08:00',
      order: { status: 'shipped', amount: 259, paidAt: '2026-10-10T20:00:00+08:00' },
      shipment: { events: [{ at: '2026-10-11T18:00:00+08:00', kind: 'accepted' }, { at: '2026-10-12T10:00:00+08:00', kind: 'in_transit' }] },
    });
    expect(result.explanation.message?.reading).toBe('none');
    expect(result.situation).toBe('stalled_tracking');
  });

  it('needs the order: without one it is an INVALID_INPUT at $.order, not a guess', async () => {
    const missing = triageMessage('还没收到货', { now } as unknown as MessageContext);
    await expect(missing).rejects.toBeInstanceOf(TriageError);
    await expect(missing).rejects.toMatchObject({ code: 'INVALID_INPUT', issues: [{ path: '$.order' }] });
  });

  it('does not change the context it is given', async () => {
    const given = structuredClone(context);
    await triageMessage('不想要了', given);
    expect(given).toEqual(context);
  });
});

describe('readBuyerMessage', () => {
  it('reads a message with no order at all', () => {
    expect(readBuyerMessage('where is my parcel')).toMatchObject({ reading: 'read', claim: { type: 'tracking_question' }, applied: false });
  });

  it('uses the policy for links', () => {
    expect(readBuyerMessage('https://www.myshop.cn/x', { trustedLinkDomains: ['myshop.cn'] }).links).toMatchObject([{ trusted: true }]);
    expect(readBuyerMessage('https://www.myshop.cn/x').links).toMatchObject([{ trusted: false, reason: 'untrusted_host' }]);
  });

  it('rejects what is not a message with a typed error', () => {
    expect(() => readBuyerMessage('啊'.repeat(4001))).toThrow(TriageError);
    expect(() => readBuyerMessage(42 as unknown as string)).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
  });
});

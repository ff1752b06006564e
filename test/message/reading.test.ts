import { describe, expect, it } from 'vitest';
import { readBuyerMessage } from '../../src/index.js';
import { parseChineseNumber, readSizesCm } from '../../src/message/sizes.js';

const read = (text: string) => readBuyerMessage(text);

describe('reading a buyer message', () => {
  it('reads traditional Chinese with the simplified patterns', () => {
    expect(read('鞋子開膠了').claim).toEqual({ type: 'quality', defect: 'unglued_edge' });
    expect(read('還沒收到貨，已經第七天了').claim?.type).toBe('not_received');
    expect(read('鞋子開膠了').text).toBe('鞋子开胶了');
  });

  it('reads full-width digits, letters and punctuation', () => {
    expect(read('鞋边溢胶２ｍｍ').claim).toEqual({ type: 'quality', defect: 'glue_overflow', defectSizeCm: 0.2 });
  });

  it('reads a stated size in Chinese numerals or digits, in centimetres, the largest when several', () => {
    expect(read('溢胶两毫米').claim?.defectSizeCm).toBe(0.2);
    expect(read('开胶了一点五厘米').claim?.defectSizeCm).toBe(1.5);
    expect(read('鞋底溢膠，大概1公分').claim?.defectSizeCm).toBe(1);
    expect(read('左脚溢胶3毫米 右脚溢胶1厘米').claim?.defectSizeCm).toBe(1);
    expect(read('shoe glue is messy, like 3mm over the edge').claim?.defectSizeCm).toBe(0.3);
  });

  it('takes no size from a claim that is not about a defect', () => {
    expect(read('腰围大了两厘米 能换吗').claim).toEqual({ type: 'size' });
  });

  it('ignores order cards and client tags glued to the words', () => {
    const reading = read('(移动端)咨询订单号:3920018847211 订单金额:89.00 下单时间:2026-11-02 20:11:45 鞋子开胶了[图片]');
    expect(reading.claim).toEqual({ type: 'quality', defect: 'unglued_edge' });
    expect(reading.text).not.toContain('89.00');
    expect(read('咨询订单号:5566778899 订单金额:199.00 下单时间:2026-10-30 09:12:33').reading).toBe('none');
  });

  it('reads a contradiction as what it says: 不是质量问题 是我摔坏的 is no quality claim', () => {
    const reading = read('不是质量问题 是我摔坏的');
    expect(reading.reading).toBe('none');
    expect(reading.ruledOut).toMatchObject([{ type: 'quality', phrases: expect.arrayContaining(['不是质量问题', '是我摔坏']) }]);
    expect(read('不是质量问题 是我摔坏的 能修吗').claim?.type).toBe('repair');
  });

  it('reads a denied defect as no defect: 没质量问题 就是不喜欢 is a dislike, not a quality claim', () => {
    const reading = read('沒質量問題 就是不喜歡');
    expect(reading.claim).toEqual({ type: 'dislike' });
    expect(reading.ruledOut).toMatchObject([{ type: 'quality', phrases: ['没质量问题'] }]);
    expect(read('没有破损 就是不喜欢').claim?.type).toBe('dislike');
    expect(read('不是坏了 是我不喜欢').claim?.type).toBe('dislike');
    expect(read('没质量问题 我不想要了').claim?.type).toBe('changed_mind');
    expect(read("there's no defect, I just don't like the color").claim?.type).toBe('dislike');
    // only the denied words are set aside: a defect named next to them still counts
    expect(read('没有破损 但是鞋底开胶了').claim).toEqual({ type: 'quality', defect: 'unglued_edge' });
    expect(read('这个是不是坏了 我才用了一天').claim?.type).toBe('quality');
  });

  it('reads a question about the process as no claim, and names the question', () => {
    expect(read('如何退款')).toMatchObject({ reading: 'none', questions: ['how_to_refund'] });
    expect(read('怎么修')).toMatchObject({ reading: 'none', questions: ['how_to_repair'] });
    expect(read('How do I return an item?')).toMatchObject({ reading: 'none', questions: ['how_to_return'] });
  });

  it('does not guess between two different claims: ambiguous, with both candidates', () => {
    const reading = read('鞋子开胶了 而且还买小了');
    expect(reading.reading).toBe('ambiguous');
    expect(reading.claim).toBeUndefined();
    expect(reading.candidates.map((c) => c.type).sort()).toEqual(['quality', 'size']);
    expect(reading.note).toMatch(/ambiguous: .*ask the buyer/);
  });

  it('does not call claims handled alike ambiguous', () => {
    expect(read('显示签收了 但我没收到 你们到底发了没有').claim?.type).toBe('not_received');
    expect(read('不喜欢 而且有点偏大').reading).toBe('read');
  });

  it('lets a stated reason win over a bare wish to return', () => {
    expect(read('买大了 不想要了 退货').claim?.type).toBe('size');
    expect(read('破衣服线头一堆 退了').claim).toEqual({ type: 'quality', defect: 'thread_ends' });
  });

  it('reads no claim from a bare refund word: the reason is what the agent asks for', () => {
    expect(read('我要退款').reading).toBe('none');
    expect(read('拖了五天都不寄 我直接退款了')).toMatchObject({ claim: { type: 'urge_shipping' }, refundReason: 'late_shipment' });
    expect(read('不要了 退款吧').claim?.type).toBe('changed_mind');
    expect(read('想退货 衣服没穿过 吊牌还在').claim).toEqual({ type: 'changed_mind', itemUnused: true });
    expect(read('退款多久能到账').reading).toBe('none');
    expect(read('亲 你们家支持七天无理由吗').reading).toBe('none');
    expect(read('这个手表保修多久')).toMatchObject({ reading: 'none', questions: ['warranty_terms'] });
  });

  it('weighs each claim by its strongest phrase, so a claim said three ways does not drown a second one', () => {
    expect(read('can you do a discount, and also send it to my work address instead').reading).toBe('ambiguous');
    expect(read('尺寸太大，顏色也跟我訂的不一樣').reading).toBe('ambiguous');
  });

  it('lets context words choose only between claims handled alike, never between different claims', () => {
    // 物流 sharpens a logistics reading but gives it no lead over 坏的
    expect(read('物流慢得要死 到了还是坏的').reading).toBe('ambiguous');
    // a pattern written for the parcel outweighs the same word read as a defect
    expect(read('物流轨迹到了济南就断了 三四天了').claim?.type).toBe('tracking_question');
  });

  it('reads words about tracking only next to the parcel: 防伪码查不到 is about the goods', () => {
    expect(read('单号查不到').claim?.type).toBe('tracking_question');
    expect(read('扫了防伪码查不到 A货吧 我申请退款')).toMatchObject({ reading: 'none', refundReason: 'counterfeit' });
  });

  it('steps back from a bare refund word when the message names a refund reason or asks about the process', () => {
    expect(read('賣仿冒品，我要退款')).toMatchObject({ reading: 'none', refundReason: 'counterfeit' });
    expect(read("you said it's sold out? fine, refund please")).toMatchObject({ reading: 'none', refundReason: 'out_of_stock' });
    expect(read('请问退货运费谁出')).toMatchObject({ reading: 'none', questions: ['return_shipping_cost'] });
  });

  it('reads Hong Kong Cantonese and the typos buyers type through literal rewrites', () => {
    expect(read('順豐話已經派咗件 但我屋企冇人收到過').claim?.type).toBe('not_received');
    expect(read('件衫洗完甩色').claim?.type).toBe('quality');
    expect(read('個錶壞咗 仲喺保養期 可唔可以整').claim?.type).toBe('repair');
    expect(read('點樣退貨呀').reading).toBe('none');
    expect(read('怎么还没发或啊').claim?.type).toBe('urge_shipping');
    expect(read('今天受到货 鞋子后跟那开交了').claim).toEqual({ type: 'quality', defect: 'unglued_edge' });
  });

  it('reads a defect over a remark on its looks, and an address change over the wish to have it shipped', () => {
    expect(read('鞋头溢胶 有五毫米左右 看着很难看').claim).toEqual({ type: 'quality', defect: 'glue_overflow', defectSizeCm: 0.5 });
    expect(read('can u ship it to a different address? moved last week').claim?.type).toBe('address_change');
  });

  it('reads no change of mind from a condition: 不能的话我就不要了 is a question about timing', () => {
    expect(read('这周六之前能到吗 不能的话我就不要了').claim?.type).not.toBe('changed_mind');
    expect(read('Please cancel, I changed my mind').claim?.type).toBe('changed_mind');
  });

  it('believes the buyer who says the wrong pick was their own', () => {
    expect(read('不是发错了 是我自己拍错颜色了 能换成黑的吗').claim?.type).toBe('changed_mind');
    expect(read('my mistake, I picked the wrong color, can I swap it?').claim?.type).toBe('changed_mind');
  });

  it('reads whether the item is unused, without mistaking 没穿过 for 穿过', () => {
    expect(read('我不要了 没拆封 吊牌都在').claim).toEqual({ type: 'changed_mind', itemUnused: true });
    expect(read('穿过一次 不想要了').claim).toEqual({ type: 'changed_mind', itemUnused: false });
    expect(read("changed my mind, it's unworn with tags on").claim).toEqual({ type: 'changed_mind', itemUnused: true });
  });

  it('reads a refund reason only with a refund request, and not from a threat', () => {
    expect(read('你们卖的是假货吧 我要退款')).toMatchObject({ reading: 'none', refundReason: 'counterfeit' });
    expect(read('你们卖的是假货吧').refundReason).toBeUndefined();
    expect(read('都五天了还不发货 退款！')).toMatchObject({ claim: { type: 'urge_shipping' }, refundReason: 'late_shipment' });
    const threat = read('再不发货我就退款了');
    expect(threat.claim?.type).toBe('urge_shipping');
    expect(threat.refundReason).toBeUndefined();
    // ship or I refund, however the condition is put: an urge to ship, no refund reason
    for (const text of ['今天不发货就退款', '不发货就退款', '今天还不发我就退款了', '明天还不寄的话我就申请退款', "still not shipped, ship it today or I'll ask for a refund"]) {
      expect(read(text), text).toMatchObject({ reading: 'read', claim: { type: 'urge_shipping' } });
      expect(read(text).refundReason, text).toBeUndefined();
    }
  });

  it('reads English contractions, typos and whole words only', () => {
    expect(read("the shoes don't fit").claim?.type).toBe('size');
    expect(read("I haven't recieved my order").claim?.type).toBe('not_received');
    // "fit" inside "benefit" is no size claim
    expect(read('what is the benefit of the premium version').reading).toBe('none');
  });

  it('reads greetings and thanks as no claim', () => {
    for (const text of ['在吗', '你好', '好的 谢谢', '[表情][表情]', '', '   ']) expect(read(text).reading).toBe('none');
  });
});

describe('numbers in buyer messages', () => {
  it.each([
    ['两', 2],
    ['十', 10],
    ['十二', 12],
    ['二十五', 25],
    ['一百零五', 105],
    ['一点五', 1.5],
    ['半', 0.5],
  ])('%s is %d', (text, value) => {
    expect(parseChineseNumber(text)).toBe(value);
  });

  it('is not read where there is no number before the unit', () => {
    expect(readSizesCm('点厘米', [{ unit: '厘米', cm: 1 }])).toEqual([]);
    expect(readSizesCm('鞋子38码', [{ unit: '厘米', cm: 1 }])).toEqual([]);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createTriage } from '../../src/index.js';
import { findLinks, isTrustedHost, judgeCandidates } from '../../src/message/links.js';
import { Policy } from '../../src/schema/policy.js';

const trusted = Policy.parse({}).trustedLinkDomains;
const scan = (text: string) => findLinks(text.normalize('NFKC'), trusted);
const triager = createTriage();
const order = { status: 'completed', amount: 59 } as const;

describe('a link in a buyer message', () => {
  it.each([
    ['a trusted name followed by another domain', '快来 http://ershou.taobao.com.baidu.com/item?id=1', 'ershou.taobao.com.baidu.com', 'untrusted_host'],
    ['a trusted name as the left labels', '领券 https://taobao.com.evil.cn/coupon', 'taobao.com.evil.cn', 'untrusted_host'],
    ['userinfo before @: the host is what follows', 'https://taobao.com@evil.cn/', 'evil.cn', 'untrusted_host'],
    ['a port on a look-alike (the parser drops the default port)', 'http://taobao.com.evil.cn:80', 'taobao.com.evil.cn', 'untrusted_host'],
    ['a Cyrillic а: the parser gives punycode', 'http://tаobao.com/item', 'xn--tobao-4ve.com', 'untrusted_host'],
    ['a Cyrillic а with no scheme', '看 tаobao.com 这个', 'xn--tobao-4ve.com', 'untrusted_host'],
    ['punycode written out', 'http://xn--tobao-4ve.com/', 'xn--tobao-4ve.com', 'untrusted_host'],
    ['a Chinese host name', 'http://淘宝.com/x', 'xn--pbt173b.com', 'untrusted_host'],
    ['an IPv4 address', 'http://192.168.1.1/login', '192.168.1.1', 'ip_address'],
    ['an IPv4 address in hex', 'http://0x7f000001/', '127.0.0.1', 'ip_address'],
    ['a bare IPv4 address', '登录 10.0.0.8/refund', '10.0.0.8', 'ip_address'],
    ['an IPv6 address', '付款点这里 http://[2001:db8::1]/pay', '[2001:db8::1]', 'ip_address'],
    ['an IPv6 address after a trusted name as userinfo, with a port', 'https://taobao.com@[::ffff:7f00:1]:8080/x 快', '[::ffff:7f00:1]', 'ip_address'],
    ['an IPv6 address ending the message', '看 https://[2001:db8::1]', '[2001:db8::1]', 'ip_address'],
    ['full-width letters and dots', 'ｗｗｗ．ｔａｏｂａｏ．ｃｏｍ．ｅｖｉｌ．ｃｎ', 'www.taobao.com.evil.cn', 'untrusted_host'],
    ['ideographic full stops between labels', 'taobao。com。evil。cn/x', 'taobao.com.evil.cn', 'untrusted_host'],
    ['a percent-encoded dot', 'http://taobao.com%2eevil.cn/', 'taobao.com.evil.cn', 'untrusted_host'],
    ['a trusted host reached through userinfo', 'https://evil.cn@taobao.com/', 'taobao.com', 'credentials'],
    ['a trusted host on an odd port', 'https://taobao.com:8443/', 'taobao.com', 'port'],
  ])('is suspicious when it is %s', (_case, text, host, reason) => {
    expect(scan(text)).toMatchObject([{ host, trusted: false, reason }]);
  });

  it.each([
    ['an item link', 'https://item.taobao.com/item.htm?id=6655443322 这个有货吗', 'item.taobao.com'],
    ['a platform short link in share text', '【淘宝】https://m.tb.cn/h.gT7kQ2?tk=abc「好物推荐」', 'm.tb.cn'],
    ['a Tmall link with no scheme', 'detail.tmall.com/item.htm?id=1', 'detail.tmall.com'],
    ['upper case', 'HTTPS://WWW.TAOBAO.COM/', 'www.taobao.com'],
    ['a trailing dot', 'https://taobao.com./', 'taobao.com.'],
    ['Chinese right after the host', 'http://taobao.com这个链接', 'taobao.com'],
    ['in parentheses, then a full stop', '(https://taobao.com)。', 'taobao.com'],
  ])('is trusted when it is %s', (_case, text, host) => {
    expect(scan(text)).toMatchObject([{ host, trusted: true }]);
  });

  it('is not an IPv6 link when the brackets hold no address (and the scan still ends)', () => {
    expect(scan('http://[zz]/x http://[]/x http://[2001:db8')).toEqual([]);
  });

  it('is not found in amounts, sizes, times, e-mail addresses or sentences without a space', () => {
    expect(scan('订单金额:89.00 鞋子38.5码 溢胶0.5cm 下单时间:2026-11-02 20:11:45 邮箱abc@qq.com ok.thanks node.js')).toEqual([]);
  });

  // findLinks looks first whether any candidate could pass (a scheme, www, three dots, a letter after a dot)
  it('is found by findLinks exactly where every candidate is judged', () => {
    const unit = fc.constantFrom('.', '。', '｡', ':', '/', '//', '@', '-', '?', '#', ' ', '1', '9', '0', 'a', 'C', 'w', 'W', 'www', 'com', 'CN', 'tk', 'io', 'http', 'https', 'а', 'é', '鞋', '码', 'taobao', '[', ']', '::', 'f', 'db8');
    fc.assert(
      fc.property(fc.array(unit, { maxLength: 14 }), (parts) => {
        const text = parts.join('').normalize('NFKC');
        expect(findLinks(text, trusted)).toEqual(judgeCandidates(text, trusted));
      }),
      { numRuns: 3000 },
    );
    const card = '咨询订单号:T20261112007 订单金额:259.00 下单时间:2026-11-12 21:00:00 溢胶2.5毫米';
    expect(findLinks(card, trusted)).toEqual([]);
  });

  it('is judged against the shop policy: subdomains of a trusted domain, not names that end the same', () => {
    expect(isTrustedHost('shop.example.cn', ['example.cn'])).toBe(true);
    expect(isTrustedHost('badexample.cn', ['example.cn'])).toBe(false);
    expect(isTrustedHost('example.cn.evil.io', ['example.cn'])).toBe(false);
  });
});

describe('triage of a message with links', () => {
  it('flags each untrusted host once, sets suspiciousLink and lists the links', async () => {
    const result = await triager.triage({
      order,
      message: '点这里 https://taobao.com.evil.cn/a 还有 https://taobao.com.evil.cn/b 和 https://item.taobao.com/item.htm?id=1',
    });
    expect(result.flags).toEqual([{ id: 'suspicious_link', detail: 'taobao.com.evil.cn' }]);
    expect(result.explanation.facts.suspiciousLink).toBe(true);
    expect(result.explanation.message?.links.map((l) => [l.host, l.trusted])).toEqual([
      ['taobao.com.evil.cn', false],
      ['taobao.com.evil.cn', false],
      ['item.taobao.com', true],
    ]);
  });

  it('scans the message even when the input has its own claim', async () => {
    const result = await triager.triage({ order, claim: { type: 'dislike' }, message: 'see https://taobao.com@evil.cn/' });
    expect(result.flags).toEqual([{ id: 'suspicious_link', detail: 'evil.cn' }]);
  });

  it("trusts the shop's own domains from the policy", async () => {
    const shop = createTriage({ policy: { trustedLinkDomains: ['taobao.com', 'myshop.cn'] } });
    const result = await shop.triage({ order, message: 'https://www.myshop.cn/size-guide https://tmall.com/x' });
    expect(result.flags).toEqual([{ id: 'suspicious_link', detail: 'tmall.com' }]);
    expect(result.explanation.facts.suspiciousLink).toBe(true);
  });

  it('has no flag and no suspiciousLink for a trusted link', async () => {
    const result = await triager.triage({ order, message: 'https://m.tb.cn/h.gT7kQ2 买大了' });
    expect(result.flags).toEqual([]);
    expect(result.explanation.facts.suspiciousLink).toBe(false);
  });
});

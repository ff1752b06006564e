import fc from 'fast-check';
import { Converter } from 'opencc-js/cn2t';
import { describe, expect, it } from 'vitest';
import { corpusRounds, regressionsFile } from '../support/corpus.js';
import { builtinMessagePatterns } from '../../src/generated/builtin-message-patterns.js';
import { interpretMessage } from '../../src/message/interpret.js';
import { loadMessagePatterns, type CompiledPatternFile, type CompiledPhrase, type MessagePatternSet, type PatternSource } from '../../src/message/patterns.js';
import { referenceReader } from '../support/reference-reader.js';
import { referencePhraseKey } from '../support/phrase-key.js';
import type { MessagePatternFileInput } from '../../src/schema/message-patterns.js';
import { loadFixtures } from '../support/fixtures.js';

/**
 * The reader finds phrases, rewrites and tags with one automaton pass per text and hands OpenCC
 * only what it can change; the reference reader (test/support/reference-reader.ts) tests every phrase
 * with `includes`, applies every rewrite pair in turn and converts every text whole. Both must give
 * the same reading, to the last link position, for any message and any pattern files.
 */

const TRUSTED = ['taobao.com', 'tmall.com', 'jd.com'];
const corpus = [...corpusRounds, regressionsFile].flatMap((file) => file.messages.map((m) => m.text));
const fixtureMessages = loadFixtures().flatMap(({ fixture }) => (typeof fixture.input.message === 'string' ? [fixture.input.message] : []));

const expectSameReading = (message: string, patterns: MessagePatternSet, trusted: readonly string[] = TRUSTED): void => {
  expect(interpretMessage(message, patterns, trusted), message).toStrictEqual(interpretMessage(message, patterns, trusted, referenceReader));
};

/** Every string a pattern file holds where the reader looks for it: phrases, rewrites, tags, fields, units. */
const stringsOf = (node: unknown): string[] => {
  if (typeof node === 'string') return [node];
  if (Array.isArray(node)) return node.flatMap(stringsOf);
  if (node === null || typeof node !== 'object') return [];
  return Object.entries(node).flatMap(([key, value]) => (['$schema', 'id', 'description', 'matching', 'reason', 'defect'].includes(key) ? [] : stringsOf(value)));
};

const toTraditional = Converter({ from: 'cn', to: 'twp' });
const fullWidth = (text: string): string => text.replace(/[!-~]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));

const LINKS = ['https://taobao.com/item?id=1', 'www.evil.cn/x', 'http://1.2.3.4:8080/a', 'https://taobao.com@evil.cn/refund', 'jd.com', 'ok.thanks', 'item。taobao。com', 'ＨＴＴＰＳ：／／ｅｖｉｌ．ｃｎ', 'http://localhost:8080/x', 'https://淘宝网/退款', 'HTTP://[::1]/', 'a。b', '。com'];
const CARDS = ['订单金额:89.00', '咨询订单号:3920018847211', '下单时间:2026-11-02 20:11:45', 'order no: 12345', '运单号：SF123', '[图片]', '(移动端)', '[image]'];
const NOISE = ["don't", 'can’t', "I'm", 'N’T', '２ｍｍ', '一点五厘米', '3 cm', '⿰木木', '𠮷', '\u0301', '\u200b', '\t', '\n', '　', '·', 'Ａ肝', '文件', '程序', '瞭解'];
/** Numbers with points, spaces and units: where the squeezed text and the words keep a point or not. */
const NUMBERS = fc.string({ unit: fc.constantFrom('1', '2', '5', '.', ' ', '-', 'a', '毫米', '厘米', 'cm', 'mm', '溢胶', '开胶', 'glue'), maxLength: 12 });
const SEPARATORS = ['', ' ', '，', ',', '。', '!', '？', '  ', '…', '\n', '.', '.1', '2.', '|'];

/** Where a shortcut is most likely to go wrong: sizes with points, links without dots, rewrites meeting tags. */
const TRICKY = [
  '溢胶2 .5毫米',
  '鞋边溢胶 1. 5cm',
  '开胶了 大概0.5 .5厘米',
  'glue everywhere, about 2 .5 mm',
  'never arrived.5 days late',
  'not.5 delivered',
  '看这个 http://localhost:8080/退款',
  '客服说点 https://淘宝网/退款 就行',
  'HTTP://[::1]/refund 坏了',
  '链接a。b里说的 没收到',
  '鞋子開膠了[圖片]',
  '(移动端)咨询订单号:3920018847211 订单金额:89.00 鞋子开胶了[图片]',
  '沒有收到貨 滑鼠墊 硬碟 伺服器',
  '⿰木木 開膠',
  // a reason or a question next to the patterns that step back from them (notWith)
  '假货 退款',
  '想退货 七天无理由吗',
  'it is fake, refund me',
  '垃圾 坏了',
];

/** Messages made of the files' own strings, their traditional and full-width forms, links, order cards and noise. */
const messagesFrom = (files: readonly unknown[]): fc.Arbitrary<string> => {
  const strings = [...new Set(files.flatMap(stringsOf))];
  const piece = fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...strings) },
    { weight: 3, arbitrary: fc.constantFrom(...corpus) },
    { weight: 2, arbitrary: fc.constantFrom(...strings).map(toTraditional) },
    { weight: 1, arbitrary: fc.constantFrom(...strings, ...corpus).map(fullWidth) },
    { weight: 1, arbitrary: fc.constantFrom(...strings, ...corpus).map((s) => s.toUpperCase()) },
    { weight: 1, arbitrary: fc.constantFrom(...LINKS, ...CARDS, ...NOISE) },
    { weight: 1, arbitrary: fc.string({ unit: fc.constantFrom(...[...strings.join('')].slice(0, 400), ' ', '.', '|', '*', "'") }) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 6 }) },
    { weight: 1, arbitrary: NUMBERS },
  );
  const cut = fc.tuple(piece, fc.nat(), fc.nat()).map(([s, a, b]) => s.slice(Math.min(a, b) % (s.length + 1), Math.max(a, b) % (s.length + 1) || undefined));
  return fc
    .array(fc.tuple(fc.oneof({ weight: 4, arbitrary: piece }, { weight: 1, arbitrary: cut }), fc.constantFrom(...SEPARATORS)), { minLength: 1, maxLength: 6 })
    .map((parts) => parts.map(([text, separator]) => text + separator).join(''));
};

const BUILTIN = loadMessagePatterns({ builtin: builtinMessagePatterns, extra: [] });
const builtinJson = builtinMessagePatterns.map((s) => s.json);

describe('the fast reader against the reference reader, with the built-in pattern files', () => {
  it('reads every corpus and fixture message alike', () => {
    expect(corpus.length).toBeGreaterThan(700);
    for (const message of [...corpus, ...fixtureMessages, ...TRICKY]) expectSameReading(message, BUILTIN);
  });

  it('reads alike messages made of phrases, rewrites, masks, tags, traditional and full-width forms, links and noise', () => {
    fc.assert(
      fc.property(messagesFrom(builtinJson), (message) => expectSameReading(message, BUILTIN)),
      { numRuns: 1500 },
    );
  });
});

/**
 * A shop's files, written to be hard on shortcuts: phrases inside phrases, repeated phrases, a
 * rewrite that creates the next one's `from` (xx → 烂, 烂了 → 坏了) or one it has already passed,
 * a rewrite to nothing, masks that overlap phrases and a prefix mask (`arriv*`) that leaves a new
 * word behind, tags and fields inside other words.
 */
const SHOP_ZH: MessagePatternFileInput = {
  id: 'shop',
  matching: 'characters',
  rewrite: [
    { from: 'xx', to: '烂' },
    { from: '烂了', to: '坏了' },
    { from: '坏坏', to: '坏' },
    { from: '亲亲', to: '' },
    { from: '没有收', to: '没收' },
    { from: '木有', to: '没有' },
    { from: '開', to: '开开' },
    { from: '开开胶', to: '开胶' },
  ],
  strip: { tags: ['[表情]', '[图片]', '【', '(店铺)'], fields: ['运单号', '金额', '单号'] },
  decision: { minScore: 2, margin: 1, compatible: [['size', 'dislike']] },
  claims: {
    quality: {
      mask: ['修改', '坏账', '开心', '没坏', '胶水'],
      unless: ['我弄坏', '摔坏', '摔'],
      patterns: [
        { weight: 3, any: ['坏', '坏了', '开胶', '开', '坏', '质量差'] },
        { weight: 2, all: [['鞋', '鞋子', '衣服'], ['破', '破了', '洞']], none: ['没破', '不破'] },
        { weight: 1, supporting: true, any: ['退货', '退'] },
        { weight: 2, notWith: ['refund_reason'], any: ['垃圾', '差劲'] },
      ],
      defects: [
        { defect: 'unglued_edge', any: ['开胶', '脱胶'], none: ['没开胶'] },
        { defect: 'glue_overflow', any: ['溢胶', '胶'] },
      ],
      readsSize: true,
    },
    size: {
      yieldsTo: ['quality'],
      patterns: [
        { weight: 3, any: ['大', '太大', '大了', '小了', '偏小'] },
        { weight: 1, supporting: true, all: [['换'], ['码', '号']] },
      ],
    },
    dislike: { mask: ['不喜欢吃'], patterns: [{ weight: 3, any: ['不喜欢', '喜欢'], none: ['很喜欢'] }] },
    repair: { mask: ['修改'], patterns: [{ weight: 4, any: ['修', '维修', '修理'], notWith: ['question'] }] },
    not_received: { patterns: [{ weight: 3, any: ['没收到', '没收'] }, { weight: 3, all: [['签收', '签'], ['没', '不是我']] }] },
  },
  sizeUnits: [
    { unit: '毫米', cm: 0.1 },
    { unit: 'cm', cm: 1 },
  ],
  itemUnused: { unused: ['没穿过', '没穿', '全新'], used: ['穿过', '穿了', '新'] },
  refund: {
    intent: ['退款', '退钱', '退'],
    unless: ['不退'],
    reasons: [
      { reason: 'quality', any: ['坏', '质量'] },
      { reason: 'changed_mind', any: ['不想要', '不要'] },
    ],
  },
  questions: { how_to_repair: ['怎么修', '修'], how_to_refund: ['怎么退', '如何退款'] },
};

const SHOP_EN: MessagePatternFileInput = {
  id: 'en',
  matching: 'words',
  rewrite: [
    { from: '’', to: "'" },
    { from: "n't", to: ' not' },
    { from: 'can not', to: 'cannot' },
    { from: 'pls', to: 'please' },
    { from: 'please help', to: 'help' },
    { from: 'dont', to: 'do not' },
    { from: 'u', to: 'you' },
    { from: 'you r', to: 'you are' },
    { from: 'gonna', to: '' },
    { from: 're-glue', to: 'reglue' },
    { from: 'xx', to: 'broke' },
    { from: 'broke it', to: 'broken' },
  ],
  strip: { tags: ['[image]', '<3'], fields: ['order no', 'order'] },
  claims: {
    not_received: {
      mask: ['arriv*', 'not yet'],
      patterns: [
        { weight: 3, any: ['not receiv*', 'never got', 'ed', 'not arrived', 'not', 'never'] },
        { weight: 3, all: [['delivered', 'deliver*'], ['not', 'but']] },
      ],
    },
    quality: {
      mask: ['broken promise', 'brok* heart'],
      unless: ['i broke', 'my fault'],
      patterns: [
        { weight: 3, any: ['broken', 'broke', 'brok*', 'broken', 'defect*', 'reglue'] },
        { weight: 1, supporting: true, any: ['return*', 'refund'] },
      ],
      defects: [{ defect: 'unglued_edge', any: ['glue', 'reglue', 'sole came off'], none: ['no glue'] }],
      readsSize: true,
    },
    size: { patterns: [{ weight: 3, any: ['too big', 'too small', 'big', 'small*'], none: ['not too big'] }] },
  },
  sizeUnits: [
    { unit: 'mm', cm: 0.1 },
    { unit: 'cm', cm: 1 },
  ],
  itemUnused: { unused: ['never worn', 'unused', 'not used'], used: ['worn', 'used'] },
  refund: { intent: ['refund*', 'money back'], reasons: [{ reason: 'quality', any: ['broken', 'defect*'] }] },
  questions: { how_to_return: ['how do i return', 'how to return'], how_to_refund: ['refund*'] },
};

const sources = (files: readonly MessagePatternFileInput[]): PatternSource[] => files.map((json, i) => ({ source: `<shop ${i}>`, json }));
const SHOP = loadMessagePatterns({ builtin: builtinMessagePatterns, extra: sources([SHOP_ZH, SHOP_EN]) });
const SHOP_ONLY = loadMessagePatterns({ builtin: [], extra: sources([SHOP_EN, SHOP_ZH]) });

/** Every compiled phrase a file holds, wherever it sits (claims, masks, refund, questions...). */
const phrasesOf = (file: CompiledPatternFile): CompiledPhrase[] => {
  const found: CompiledPhrase[] = [];
  const seen = new Set<object>();
  const walk = (value: unknown): void => {
    if (value === null || typeof value !== 'object' || seen.has(value) || value === file.phraseIndex || value === file.rewriters) return;
    seen.add(value);
    if ('text' in value && 'key' in value && 'id' in value) found.push(value as CompiledPhrase);
    else for (const v of Object.values(value)) walk(v);
  };
  walk(file);
  return found;
};

describe('phrase keys', () => {
  it('are what the plain definition gives, rewrites chained, for the built-in and a shop’s files', () => {
    for (const set of [SHOP, SHOP_ONLY]) {
      for (const file of set.files) {
        const phrases = phrasesOf(file);
        expect(phrases.length, file.id).toBeGreaterThan(10);
        for (const phrase of phrases) expect(phrase.key, `${file.source}: ${phrase.text}`).toBe(referencePhraseKey(phrase.text, file));
      }
    }
  });
});

describe('the fast reader against the reference reader, with a shop’s pattern files', () => {
  it('reads alike where shortcuts would go wrong', () => {
    const cases = [
      ...TRICKY,
      'xx了',
      'xx了xx了',
      '坏坏坏了',
      '開胶了',
      '木有收到',
      '修改了地址 没坏',
      '我弄坏了 退款',
      '没穿过 新的',
      'the parcel arrived but not yet opened',
      'arrived',
      'it has arrived ed',
      'the sole came off, pls help u r great',
      'xx it, broken promise',
      'gonna return it',
      '[image]order no 123 broke',
    ];
    for (const message of cases) {
      expectSameReading(message, SHOP);
      expectSameReading(message, SHOP_ONLY, []);
    }
  });

  it('reads alike any message made of the shop’s strings', () => {
    fc.assert(
      fc.property(messagesFrom([SHOP_ZH, SHOP_EN, ...builtinJson]), (message) => {
        expectSameReading(message, SHOP);
        expectSameReading(message, SHOP_ONLY, []);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('a pattern file given a text holding nothing it looks for', () => {
  // the fast reader skips such a file (src/message/patterns.ts, `alphabet`); the reference never does
  const PUNCTUATION: MessagePatternFileInput = {
    id: 'punctuation',
    matching: 'words',
    decision: { minScore: 3, margin: 2, compatible: [] },
    // not a whole-word pair, so it applies to the text as typed
    rewrite: [{ from: '~~~', to: ' 碎成渣 ' }],
    claims: { quality: { patterns: [{ weight: 3, any: ['碎成渣'] }], readsSize: true } },
    sizeUnits: [{ unit: '毫米', cm: 0.1 }],
  };
  const withPunctuation = loadMessagePatterns({ builtin: builtinMessagePatterns, extra: sources([PUNCTUATION]) });

  it('is skipped only when nothing in the text can be found, rewritten or stripped by it', () => {
    const [en, zh] = ['en', 'zh'].map((id) => loadMessagePatterns({ builtin: builtinMessagePatterns, extra: [] }).files.find((f) => f.id === id)!.alphabet);
    expect(en?.occursIn('鞋子开胶了')).toBe(false);
    // an order card's dates and amounts hold digits, dashes and colons, which English phrases and rewrites (re-glue) also hold, but never alone
    expect(en?.occursIn('咨询订单号:4410029938 订单金额:259.00 下单时间:2026-10-10 19:58:31 鞋子开胶了')).toBe(false);
    expect(en?.occursIn('鞋子开胶了 glue')).toBe(true);
    expect(zh?.occursIn('鞋子开胶了')).toBe(true);
    // a rewrite of punctuation is looked for by its rarest unit, as anything else is
    expect(withPunctuation.files.find((f) => f.id === 'punctuation')!.alphabet?.occursIn('鞋子 ~~~ 了')).toBe(true);
    expect(withPunctuation.files.find((f) => f.id === 'punctuation')!.alphabet?.occursIn('鞋子   了')).toBe(false);
    // nothing to look for at all would be an empty rewrite, which no file may hold
    expect(() => loadMessagePatterns({ builtin: [], extra: sources([{ ...PUNCTUATION, rewrite: [{ from: '   ', to: '碎成渣' }] }]) })).toThrow(/rewrite\[0\]\.from: .* has no letter or digit/);
  });

  it('reads as the reference reads, sizes and rewrites made of punctuation included', () => {
    for (const message of ['鞋子开胶了', '鞋子开胶了 ~~~ 大概2毫米', '溢胶两毫米', '开胶了 glue 2mm', '~~~', '没收到 ok']) {
      expectSameReading(message, withPunctuation);
      expectSameReading(message, loadMessagePatterns({ builtin: builtinMessagePatterns, extra: [] }));
    }
    expect(interpretMessage('鞋子 ~~~ 了', withPunctuation, TRUSTED).candidates.map((c) => c.file)).toEqual(['<shop 0>']);
  });
});

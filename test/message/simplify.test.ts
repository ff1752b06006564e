import fc from 'fast-check';
import { Locale } from 'opencc-js/t2cn';
import { describe, expect, it } from 'vitest';
import { changeableStretch, simplify, simplifyWhole } from '../../src/message/simplify.js';

/**
 * `simplify` hands OpenCC only the stretch of a text it can change; it must return what OpenCC
 * returns for the whole text. Checked on every entry of every dictionary OpenCC runs for Taiwan
 * (with phrases) to simplified, alone and where neighbouring entries overlap it.
 */

const parse = (dict: unknown): [string, string][] =>
  typeof dict === 'string' ? dict.split('|').map((line) => line.split(' ') as [string, string]) : (dict as [string, string][]);
const config = (Locale.configs as Record<string, Record<string, unknown>>)['tw2sp']!;
const entries = [config['normalizationChain'], config['segmentation'], config['conversionChain']].flat(2).flatMap(parse);
const keys = [...new Set(entries.map(([key]) => key))];
const changing = [...new Set(entries.filter(([key, value]) => key !== value).map(([key]) => key))];
const byFirst = new Map<string, string[]>();
for (const key of keys) byFirst.set(key[0]!, [...(byFirst.get(key[0]!) ?? []), key]);

const expectSame = (text: string): void => {
  expect(simplify(text), text).toBe(simplifyWhole(text));
};

describe('simplify (OpenCC on the stretch it can change)', () => {
  it('knows thousands of dictionary entries, most of which change text', () => {
    expect(keys.length).toBeGreaterThan(5000);
    expect(changing.length).toBeGreaterThan(4000);
  });

  it('converts every dictionary key as OpenCC does, alone, repeated and between other words', () => {
    for (const key of keys) {
      for (const text of [key, key + key, `我的${key}了`, `a ${key}, b`, `⿰${key}`, `${key}⿱`, `${key}𠮷`, `\ud800${key}`]) expectSame(text);
    }
  });

  it('converts every key as OpenCC does where another key overlaps its start or end', () => {
    for (const key of keys) {
      const last = key[key.length - 1]!;
      // a key that starts with this key's last character, and a key ending where this one starts
      for (const other of (byFirst.get(last) ?? []).slice(0, 4)) expectSame(key + other.slice(1));
      for (const other of (byFirst.get(key[0]!) ?? []).slice(0, 4)) expectSame(other + key.slice(1));
    }
  });

  it('leaves simplified Chinese and English as they are, without OpenCC', () => {
    expect(changeableStretch('我要退货 谢谢')).toBeUndefined();
    expect(changeableStretch("the parcel hasn't arrived")).toBeUndefined();
    expect(changeableStretch('我要退貨 谢谢')).toEqual({ start: 1, end: 4 });
    expect(simplify('鞋子开胶了 我要退货')).toBe('鞋子开胶了 我要退货');
    expect(simplify("the parcel hasn't arrived")).toBe("the parcel hasn't arrived");
    expect(simplify('鞋子開膠了 我要退貨')).toBe('鞋子开胶了 我要退货');
  });

  it('converts any mix of dictionary keys, their characters, spaces, punctuation and odd code units as OpenCC does', () => {
    const keyChars = [...new Set([...keys.join('')])];
    const piece = fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom(...keys) },
      { weight: 3, arbitrary: fc.constantFrom(...keyChars) },
      { weight: 2, arbitrary: fc.constantFrom(' ', '，', '.', 'a', 'Z', '1', '了', '的', '我', '鞋') },
      { weight: 1, arbitrary: fc.constantFrom('⿰', '⿱', '⿻', '𠮷', '\ud800', '\udc00', '\u0301') },
      { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 3 }) },
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), (pieces) => expectSame(pieces.join(''))),
      { numRuns: 20000 },
    );
  });
});

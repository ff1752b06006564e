import { Converter, Locale } from 'opencc-js/t2cn';
import { conversionConfig } from '../opencc/dictionaries.js';
import { Automaton } from './automaton.js';

let converter: ((text: string) => string) | undefined;

/**
 * Traditional (Taiwan, with Taiwan phrases) to simplified, by OpenCC itself: every text, whole.
 * Built on first use: the dictionaries take a few milliseconds to load.
 * @example
 * simplifyWhole('滑鼠壞了'); // '鼠标坏了'
 */
export const simplifyWhole = (text: string): string => (converter ??= Converter({ from: 'twp', to: 'cn' }))(text);

/*
 * Most messages are simplified Chinese or English, which OpenCC returns unchanged, yet it walks its
 * dictionary tries from every character. What it runs for twp → cn (opencc-js `configs.tw2sp`):
 * a one-character normalization, then a segmentation of the text by longest match (which only
 * cuts, never changes), then on each segment one trie after the other, each replacing the longest
 * dictionary key at each position by its value, left to right.
 *
 * 1. A text in which no key whose value differs from it occurs is returned unchanged: each step
 *    only ever matches keys that occur in what it is given, and what it is given is the text or
 *    pieces of it, since nothing before changed anything.
 * 2. A character that is in no key of any dictionary (a space, most punctuation, lower-case
 *    letters, many Chinese characters) is never inside a match, so every step's longest-match walk
 *    stops at it and restarts after it: converting the text equals converting the part before it,
 *    the character itself, and the part after it, one by one. An ideographic description
 *    character (U+2FF0–U+2FFF) would hold the characters after it together, so a text with one is
 *    converted whole.
 *
 * So only the stretch from the character in no key before the first changing key to the one after
 * the last needs OpenCC; the rest is kept as it is. test/message/simplify.test.ts checks both ways
 * on every dictionary entry.
 */

interface Prefilter {
  /** Every key whose value differs from it, in any dictionary that can change text. */
  changing: Automaton;
  /** 1 for a code unit that is in some key of some dictionary (where a step may cut). */
  inKey: Uint8Array;
}

const isIdeographicDescription = (unit: number): boolean => unit >= 0x2ff0 && unit <= 0x2fff;
const isSurrogate = (unit: number): boolean => unit >= 0xd800 && unit <= 0xdfff;

/** Built from the very dictionaries the converter runs; undefined (convert everything) if they are not laid out as the reasoning above assumes. */
const buildPrefilter = (): Prefilter | undefined => {
  const config = conversionConfig(Locale.configs, 'tw2sp');
  if (config === undefined) return undefined;
  const changingDicts = [...config.normalization, ...config.conversion].flat();
  const cuttingDicts = config.segmentation ?? [];

  // plain indexed loops: this runs once, cold, over some 20,000 entries, where destructuring each
  // entry (an iterator in unoptimized code) and an array per entry cost more than the work itself
  const inKey = new Uint8Array(0x10000);
  for (const dict of [...changingDicts, ...cuttingDicts]) {
    for (let e = 0; e < dict.length; e++) {
      const key = dict[e]![0];
      const value = dict[e]![1];
      for (let i = 0; i < key.length; i++) {
        const unit = key.charCodeAt(i);
        inKey[unit] = 1;
        if (isIdeographicDescription(unit)) return undefined;
      }
      for (let i = 0; i < value.length; i++) if (isIdeographicDescription(value.charCodeAt(i))) return undefined;
    }
  }
  const changing = new Set<string>();
  for (const dict of changingDicts) {
    for (let e = 0; e < dict.length; e++) if (dict[e]![0] !== dict[e]![1]) changing.add(dict[e]![0]);
  }
  return { changing: new Automaton([...changing]), inKey };
};

let prefilter: Prefilter | undefined | null = null;

/**
 * The stretch `[start, end)` of the text OpenCC can change (see above); undefined when it changes
 * nothing.
 * @example
 * changeableStretch('我要退貨 谢谢'); // { start: 1, end: 4 }: 我 is in no dictionary key, 退貨 is
 * changeableStretch('我要退货 谢谢'); // undefined
 */
export const changeableStretch = (text: string): { start: number; end: number } | undefined => {
  if (prefilter === null) prefilter = buildPrefilter();
  if (prefilter === undefined) return { start: 0, end: text.length };
  let first = -1;
  let last = -1;
  const { changing, inKey } = prefilter;
  const hits = changing.matches(text);
  for (let k = 0; k < hits.length; k += 2) {
    const end = hits[k + 1]!;
    const start = end - changing.lengths[hits[k]!]!;
    if (first === -1 || start < first) first = start;
    if (end > last) last = end;
  }
  if (first === -1) return undefined;
  for (let i = 0; i < text.length; i++) if (isIdeographicDescription(text.charCodeAt(i))) return { start: 0, end: text.length };
  const cuts = (unit: number): boolean => inKey[unit] === 0 && !isSurrogate(unit);
  let start = first;
  while (start > 0 && !cuts(text.charCodeAt(start - 1))) start--;
  let end = last;
  while (end < text.length && !cuts(text.charCodeAt(end))) end++;
  return { start, end };
};

/**
 * The same as `simplifyWhole`, handing OpenCC only the stretch of the text it can change.
 * @example
 * simplify('鞋子開膠了 我要退貨'); // '鞋子开胶了 我要退货' (only what holds 開膠 / 退貨 goes through OpenCC)
 */
export const simplify = (text: string): string => {
  const stretch = changeableStretch(text);
  if (stretch === undefined) return text;
  const { start, end } = stretch;
  return start === 0 && end === text.length ? simplifyWhole(text) : text.slice(0, start) + simplifyWhole(text.slice(start, end)) + text.slice(end);
};

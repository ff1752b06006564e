import { describe, expect, it } from 'vitest';
import { conversionConfig, dictionaryEntries } from '../src/opencc/dictionaries.js';

// The message prefilter and the zh-TW names read opencc-js's configs by their layout; anything
// else must read as undefined, so that they fall back to opencc-js itself.
describe('opencc-js dictionaries and configs', () => {
  it('reads serialized dictionaries and pair lists, and nothing else', () => {
    expect(dictionaryEntries('顺 順|丰 豐')).toEqual([['顺', '順'], ['丰', '豐']]);
    expect(dictionaryEntries([['顺', '順']])).toEqual([['顺', '順']]);
    expect(dictionaryEntries('顺順')).toBeUndefined();
    expect(dictionaryEntries([['顺', '順', '?']])).toBeUndefined();
    expect(dictionaryEntries(42)).toBeUndefined();
  });

  it('reads each line as its split on spaces does: the key, then the value up to any further space', () => {
    for (const dict of ['顺 順 x|丰  豐', 'a b|', '|a b', 'a b  ', ' a', 'a ', '', 'a b|c', 'a|b c', 'a b c|d e', 'a b|c d e|f g', '|', 'a b||c d', ' | ', 'a b| c']) {
      const bySplit = dict.split('|').map((line) => line.split(' '));
      const expected = bySplit.every((parts) => parts.length >= 2) ? bySplit.map((parts) => [parts[0], parts[1]]) : undefined;
      expect(dictionaryEntries(dict)).toEqual(expected);
    }
  });

  it('reads a chain holding one group of two serialized dictionaries as two dictionaries, not as one pair', () => {
    const config = conversionConfig({ s2x: { segmentation: 'a b', conversionChain: [['a b', 'c d']] } }, 's2x');
    expect(config).toEqual({ normalization: [], segmentation: [[['a', 'b']]], conversion: [[[['a', 'b']], [['c', 'd']]]] });
  });

  it('reads a segmentation that is a group of serialized dictionaries, or one dictionary', () => {
    expect(conversionConfig({ s: { segmentation: ['a b', 'c d'], conversionChain: [] } }, 's')?.segmentation).toEqual([[['a', 'b']], [['c', 'd']]]);
    expect(conversionConfig({ s: { segmentation: [['a', 'b']], conversionChain: [] } }, 's')?.segmentation).toEqual([[['a', 'b']]]);
  });

  it('reads a dictionary used by segmentation and conversion once: both hold the same entries', () => {
    const config = conversionConfig({ s: { segmentation: ['a b'], conversionChain: [['a b', 'c d']] } }, 's');
    expect(config?.segmentation?.[0]).toBe(config?.conversion[0]?.[0]);
  });

  it('refuses any other layout', () => {
    expect(conversionConfig({}, 's2tw')).toBeUndefined();
    expect(conversionConfig({ s: { conversionChain: ['a b'] } }, 's')).toBeUndefined();
    expect(conversionConfig({ s: { conversionChain: [], extra: 1 } }, 's')).toBeUndefined();
    expect(conversionConfig({ s: { conversionChain: [[42]] } }, 's')).toBeUndefined();
  });
});

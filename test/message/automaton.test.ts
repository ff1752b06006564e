import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Automaton } from '../../src/message/automaton.js';
import { builtinMessagePatterns } from '../../src/generated/builtin-message-patterns.js';
import { loadMessagePatterns } from '../../src/message/patterns.js';

/** Every occurrence of every key, found the plain way: [id, end] pairs ordered by end, then as the automaton reports keys ending together. */
const naive = (keys: readonly string[], text: string): [number, number][] => {
  const found: [number, number][] = [];
  keys.forEach((key, id) => {
    if (key === '') {
      found.push([id, 0]);
      return;
    }
    for (let at = text.indexOf(key); at !== -1; at = text.indexOf(key, at + 1)) found.push([id, at + key.length]);
  });
  return found;
};

const pairs = (flat: readonly number[]): [number, number][] => {
  const out: [number, number][] = [];
  for (let k = 0; k < flat.length; k += 2) out.push([flat[k]!, flat[k + 1]!]);
  return out;
};

const sorted = (list: [number, number][]): [number, number][] => [...list].sort((a, b) => a[1] - b[1] || a[0] - b[0]);

/** The order a scan reports in: empty keys first (end 0, by id), then by end, longer keys before shorter, equal keys by id. */
const inScanOrder = (keys: readonly string[], list: [number, number][]): [number, number][] =>
  [...list].sort((a, b) => {
    const emptyA = keys[a[0]] === '' ? 0 : 1;
    const emptyB = keys[b[0]] === '' ? 0 : 1;
    return emptyA - emptyB || a[1] - b[1] || keys[b[0]]!.length - keys[a[0]]!.length || a[0] - b[0];
  });

describe('the phrase automaton', () => {
  // few letters, so keys overlap, nest and repeat; surrogate halves and a CJK character as well
  const unit = fc.constantFrom('a', 'b', 'c', ' ', '|', '开', '\ud83d', '\ude00');
  const keysArb = fc.array(fc.string({ unit, maxLength: 5 }), { maxLength: 12 });

  it('finds every occurrence of every key, repeated keys under each id, with the full table and without', () => {
    fc.assert(
      fc.property(keysArb, fc.string({ unit, maxLength: 30 }), (keys, text) => {
        const expected = sorted(naive(keys, text));
        expect(sorted(pairs(new Automaton(keys).matches(text)))).toEqual(expected);
        expect(sorted(pairs(new Automaton(keys, 0).matches(text)))).toEqual(expected);
      }),
      { numRuns: 3000 },
    );
  });

  it('reports occurrences by end, in a text longer than any key', () => {
    const automaton = new Automaton(['开胶', '胶', '开胶了', '胶']);
    expect(pairs(automaton.matches('鞋子开胶了'))).toEqual(expect.arrayContaining([[0, 4], [1, 4], [3, 4], [2, 5]]));
    expect(automaton.matches('没问题')).toEqual([]);
  });

  // A scan reports keys ending together from the longest down (a state's own keys, then its failure
  // target's), repeated keys in id order; the order of a file's keys and lists follows from it, so
  // it is pinned exactly, not only as a set.
  it('reports occurrences in their exact order: empty keys, then by end, longest first, then by id', () => {
    fc.assert(
      fc.property(keysArb, fc.string({ unit, maxLength: 30 }), (keys, text) => {
        const expected = inScanOrder(keys, naive(keys, text));
        for (const limit of [undefined, 0]) expect(pairs(new Automaton(keys, limit).matches(text))).toEqual(expected);
      }),
      { numRuns: 3000 },
    );
  });

  it("reports in that order on the built-in files' keys", () => {
    const files = loadMessagePatterns({ builtin: builtinMessagePatterns, extra: [] }).files;
    for (const file of files) {
      const keys = (file.phraseIndex as unknown as { keys: readonly string[] }).keys;
      const texts = [...keys.slice(0, 100), keys.join(' '), keys.slice().reverse().join(''), ...keys.slice(0, 100).map((k, i) => `${keys[(i * 7) % keys.length]}${k}`)];
      for (const limit of [undefined, 0]) {
        const built = new Automaton(keys, limit);
        for (const text of texts) expect(pairs(built.matches(text))).toEqual(inScanOrder(keys, naive(keys, text)));
      }
    }
  });
});

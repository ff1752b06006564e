import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { collapseSpaces, squeeze, words } from '../../src/message/normalize.js';

describe('collapseSpaces', () => {
  it('turns every run of white space into one space and trims, as replace(/\\s+/g, " ").trim() does', () => {
    const white = [' ', '\t', '\n', '\r', '\v', '\f', '\u00a0', '\u1680', '\u2000', '\u200a', '\u2028', '\u2029', '\u202f', '\u205f', '\u3000', '\ufeff', '\u200b', '\u180e'];
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...white, 'a', '鞋', '.', '|') }), (text) => {
        expect(collapseSpaces(text)).toBe(text.replace(/\s+/g, ' ').trim());
      }),
      { numRuns: 5000 },
    );
    expect(collapseSpaces('鞋子 开胶了')).toBe('鞋子 开胶了');
    expect(collapseSpaces(' 鞋子\u3000 开胶了\n')).toBe('鞋子 开胶了');
  });
});

describe('squeeze and words', () => {
  it('keep letters and digits past U+FFFF whole, and drop lone surrogates and symbols there', () => {
    // OpenCC turns the Cantonese 嗰 into 𠮶 (U+20BB6): a letter, which the zh rewrite 𠮶 → 那 needs to see
    expect(squeeze('𠮶对，鞋 开胶了')).toBe('𠮶对鞋开胶了');
    expect(squeeze('好😀评\ud800啊\udc00')).toBe('好评啊');
    expect(words('the 𠮶 shoe😀s')).toEqual(['the', '𠮶', 'shoe', 's']);
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', '鞋', ' ', '，', '𠮶', '😀', '𝟘', '\ud800', '\udc00', '.', '1') }), (text) => {
        const plain = Array.from(text)
          .filter((ch) => /^[\p{L}\p{N}]$/u.test(ch))
          .join('');
        // points between digits are kept; without them squeeze keeps exactly the letters and digits
        expect(squeeze(text).replace(/\./g, '')).toBe(plain);
      }),
      { numRuns: 3000 },
    );
  });
});

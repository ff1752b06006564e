import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { collapseSpaces } from '../../src/message/normalize.js';

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

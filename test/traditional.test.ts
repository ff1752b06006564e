import fc from 'fast-check';
import { Converter, Locale } from 'opencc-js/cn2t';
import { describe, expect, it } from 'vitest';
import { traditional } from '../src/wording/traditional.js';

// zh-TW replies convert names with Map tables instead of opencc-js's tries (a fifth of the memory):
// the same dictionaries and algorithm, so the same text, checked here against opencc-js itself.
const opencc = Converter({ from: 'cn', to: 'tw' });
const config = (Locale.configs as unknown as Record<string, { conversionChain: unknown[][] }>)['s2tw']!;
const keys = config.conversionChain.flat().flatMap((d) => (typeof d === 'string' ? d.split('|').map((l) => l.split(' ')[0]!) : (d as [string, string][]).map(([k]) => k)));

describe('names in traditional characters (zh-TW replies)', () => {
  it('converts every dictionary key, alone and between other keys, as opencc-js does', () => {
    expect(keys.length).toBeGreaterThan(50_000);
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i]!;
      expect(traditional(key), key).toBe(opencc(key));
      const mixed = `${keys[(i * 7919) % keys.length]}${key}店${keys[(i * 104729) % keys.length]}`;
      expect(traditional(mixed), mixed).toBe(opencc(mixed));
    }
  });

  it('converts random text of dictionary pieces, punctuation, letters and rare characters as opencc-js does', () => {
    const piece = fc.oneof(
      fc.constantFrom(...keys.slice(0, 5000)).map((k) => k.slice(0, 1 + (k.length >> 1))),
      fc.constantFrom(...keys),
      fc.constantFrom('顺丰', '面包', '头发', '干货', '后来', '台湾', '⿰氵工', '𠮷', ' ', 'A', '、', '\ud800'),
      fc.string({ maxLength: 3 }),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 8 }), (pieces) => {
        const text = pieces.join('');
        expect(traditional(text)).toBe(opencc(text));
      }),
      { numRuns: 3000 },
    );
  });

  it('reads the names shops use as a Taiwan reader writes them', () => {
    expect(['顺丰', '面包店', '干货铺', '头发护理', '钟表行'].map(traditional)).toEqual(['順豐', '麵包店', '乾貨鋪', '頭髮護理', '鐘錶行']);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CodeUnitSet } from '../../src/message/code-units.js';

const unit = fc.constantFrom('a', 'e', 'z', 'g', '-', "'", ' ', '1', '.', '[', ']', '开', '胶', '了', '𠮷');
const text = fc.array(unit, { maxLength: 6 }).map((units) => units.join(''));

describe('CodeUnitSet.rarestOf', () => {
  it('rules out only texts that do not occur: a text in which none of the chosen units occurs holds none of the texts', () => {
    fc.assert(
      fc.property(fc.array(text, { minLength: 1, maxLength: 5 }), text, (lookedFor, message) => {
        const units = CodeUnitSet.rarestOf(lookedFor);
        if (units === undefined) {
          // only a text without a unit other than space is left without a representative
          expect(lookedFor.some((t) => t.replaceAll(' ', '') === '')).toBe(true);
          return;
        }
        if (!units.occursIn(message)) for (const t of lookedFor) expect(message.includes(t), `${JSON.stringify(t)} in ${JSON.stringify(message)}`).toBe(false);
      }),
      { numRuns: 5000 },
    );
  });

  it('stands for a text by its rarest unit: a Chinese character, else the rarest Latin letter, digits and punctuation last', () => {
    expect(CodeUnitSet.rarestOf(['re-glue'])!.occursIn('2026-10-10')).toBe(false);
    expect(CodeUnitSet.rarestOf(['re-glue'])!.occursIn('g')).toBe(true);
    expect(CodeUnitSet.rarestOf(['ems快递'])!.occursIn('ems')).toBe(false);
    expect(CodeUnitSet.rarestOf(['12-3'])!.occursIn('1')).toBe(true);
  });
});

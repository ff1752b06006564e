import { describe, expect, it } from 'vitest';
import { createTriage, TriageError } from '../src/index.js';
import { largestSize, readSizesCm, type SizeBoundWord } from '../src/message/sizes.js';

const triager = createTriage();
const shoes = {
  now: '2026-10-20T10:00:00+08:00',
  order: { status: 'completed', amount: 199, category: 'shoes', paidAt: '2026-10-14T09:00:00+08:00' },
  shipment: { signedAt: '2026-10-17T15:00:00+08:00' },
} as const;
const sizeFacts = (claim: Record<string, unknown>) => {
  const { facts } = triager.triageSync({ ...shoes, claim: { type: 'quality', defect: 'glue_overflow', ...claim } } as never).explanation;
  return { bound: facts.defectSizeBound, under: facts.defectUnderTolerance };
};

describe('a stated size is a bound when the buyer says so', () => {
  const bounds: SizeBoundWord[] = [
    { text: '不超过', bound: 'at_most', side: 'before' },
    { text: '不到', bound: 'less_than', side: 'before' },
    { text: '超过', bound: 'more_than', side: 'before' },
    { text: 'orless', bound: 'at_most', side: 'after' },
  ];
  const units = [{ unit: '厘米', cm: 1 }, { unit: 'centimet', cm: 1 }];

  it('reads the word before the number, the longest first (不超过 is not 超过)', () => {
    expect(readSizesCm('溢胶不到1厘米', units, bounds)).toEqual([{ cm: 1, bound: 'less_than' }]);
    expect(readSizesCm('溢胶不超过1厘米', units, bounds)).toEqual([{ cm: 1, bound: 'at_most' }]);
    expect(readSizesCm('溢胶超过1厘米', units, bounds)).toEqual([{ cm: 1, bound: 'more_than' }]);
    expect(readSizesCm('溢胶1厘米', units, bounds)).toEqual([{ cm: 1 }]);
  });

  it('reads the word after the unit, past a Latin spelling tail', () => {
    expect(readSizesCm('1centimetresorless', units, bounds)).toEqual([{ cm: 1, bound: 'at_most' }]);
  });

  it('lets the size that may reach highest stand for several, the size itself before a bound at the same figure', () => {
    expect(largestSize([{ cm: 0.2 }, { cm: 1, bound: 'less_than' }])).toEqual({ cm: 1, bound: 'less_than' });
    expect(largestSize([{ cm: 1, bound: 'less_than' }, { cm: 1 }])).toEqual({ cm: 1 });
    expect(largestSize([{ cm: 1, bound: 'at_most' }, { cm: 1 }])).toEqual({ cm: 1 });
    expect(largestSize([{ cm: 3 }, { cm: 0.5, bound: 'more_than' }])).toEqual({ cm: 0.5, bound: 'more_than' });
    expect(largestSize([])).toBeUndefined();
  });
});

describe('defectUnderTolerance (tolerance 1 cm)', () => {
  it.each([
    [{ defectSizeCm: 0.99 }, true],
    [{ defectSizeCm: 1 }, false],
    [{ defectSizeCm: 1, defectSizeBound: 'less_than' }, true],
    [{ defectSizeCm: 2, defectSizeBound: 'less_than' }, null],
    [{ defectSizeCm: 0.9, defectSizeBound: 'at_most' }, true],
    [{ defectSizeCm: 1, defectSizeBound: 'at_most' }, null],
    [{ defectSizeCm: 1, defectSizeBound: 'more_than' }, false],
    [{ defectSizeCm: 0.5, defectSizeBound: 'more_than' }, null],
    [{ defectSizeCm: 1, defectSizeBound: 'at_least' }, false],
    [{}, null],
  ])('%o gives %s', (claim, under) => {
    expect(sizeFacts(claim).under).toBe(under);
  });

  it('reads a bound from the buyer\'s words in every language, whichever file reads the size', () => {
    for (const message of ['溢胶不到1cm', '溢膠不到一公分', 'glue overflow less than 1 cm']) {
      const result = triager.triageSync({ ...shoes, message } as never);
      expect(result.explanation.message?.claim).toMatchObject({ type: 'quality', defectSizeCm: 1, defectSizeBound: 'less_than' });
      expect(result.situation).toBe('not_a_defect');
    }
  });

  it('refuses a bound without a size, at its path', () => {
    const result = triager.safeTriageSync({ ...shoes, claim: { type: 'quality', defect: 'glue_overflow', defectSizeBound: 'less_than' } });
    expect(result.success).toBe(false);
    const error = (result as { error: TriageError }).error;
    expect(error.issues).toContainEqual(expect.objectContaining({ path: '$.claim.defectSizeBound', code: 'size_bound_without_size' }));
  });
});

describe('a stated length past what a claim may carry is read as no size', () => {
  it('drops 5000 cm (a slip or a joke) and keeps 1000 cm, so every reply passes the exported TriageResult schema', async () => {
    const { TriageResult, readBuyerMessage, triageMessage } = await import('../src/index.js');
    expect(readBuyerMessage('鞋子溢胶5000厘米').claim).toEqual({ type: 'quality', defect: 'glue_overflow' });
    expect(readBuyerMessage('鞋子溢胶1000厘米').claim).toMatchObject({ defectSizeCm: 1000 });
    const result = await triageMessage('鞋子溢胶5000厘米', shoes);
    expect(() => TriageResult.parse(result)).not.toThrow();
    expect(result.explanation.facts.defectSizeCm).toBeNull();
  });
});

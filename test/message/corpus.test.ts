import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { corpusRounds, regressionsFile } from '../support/corpus.js';
import { readBuyerMessage } from '../../src/index.js';
import { foldText } from '../../src/message/normalize.js';
import { ClaimType, Defect, RefundReason } from '../../src/schema/vocabulary.js';

const Entry = z.strictObject({
  id: z.string(),
  set: z.enum(['blind', 'later', 'fresh', 'blind-2', 'blind-3', 'blind-4', 'blind-5', 'blind-6', 'blind-7', 'regression']),
  text: z.string(),
  expect: z.union([ClaimType, z.enum(['none', 'ambiguous'])]),
  refundReason: RefundReason.optional(),
  defect: Defect.optional(),
  sizeCm: z.number().optional(),
  itemUnused: z.boolean().optional(),
});
const CorpusFile = z.strictObject({ about: z.string(), messages: z.array(Entry) });
const corpus = corpusRounds.flatMap((file) => CorpusFile.parse(file).messages);
const regressions = CorpusFile.parse(regressionsFile).messages;

const han = /\p{Script=Han}/u;
const isTraditional = (text: string): boolean => han.test(text) && foldText(text) !== text.normalize('NFKC').toLowerCase();
const Language = z.enum(['zh-CN', 'zh-TW', 'en']);
const languageOf = (text: string): z.infer<typeof Language> => (!han.test(text) ? 'en' : isTraditional(text) ? 'zh-TW' : 'zh-CN');

const results = corpus.map((entry) => {
  const reading = readBuyerMessage(entry.text);
  const got = reading.reading === 'read' ? reading.claim!.type : reading.reading;
  const correct = got === entry.expect && reading.refundReason === entry.refundReason;
  // a confident wrong reading: a claim was read, and it is not the expected one
  const confidentlyWrong = reading.reading === 'read' && got !== entry.expect;
  return { entry, reading, got, correct, confidentlyWrong };
});

const share = (rows: readonly { correct: boolean }[]): number => rows.filter((r) => r.correct).length / rows.length;
const pct = (x: number): string => `${(100 * x).toFixed(1)}%`;

describe('the buyer message corpus (test/corpus/)', () => {
  it('has at least 150 varied messages: every claim, none and ambiguous, simplified, traditional and English', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(150);
    const expected = new Set(corpus.map((e) => e.expect));
    for (const claim of ClaimType.options.filter((c) => c !== 'other')) expect(expected, claim).toContain(claim);
    expect(expected).toContain('none');
    expect(expected).toContain('ambiguous');
    expect(corpus.filter((e) => isTraditional(e.text)).length).toBeGreaterThanOrEqual(20);
    expect(corpus.filter((e) => !han.test(e.text)).length).toBeGreaterThanOrEqual(30);
    expect(new Set(corpus.map((e) => e.id)).size).toBe(corpus.length);
  });

  it('is read correctly at least 90% of the time, and confidently wrong at most 3% of the time, in every set and language', () => {
    const wrongShare = (rows: readonly { confidentlyWrong: boolean }[]): number => rows.filter((r) => r.confidentlyWrong).length / rows.length;
    const line = (name: string, rows: typeof results): string => `${name} ${pct(share(rows))} of ${rows.length} (confidently wrong ${pct(wrongShare(rows))})`;
    const sets = Entry.shape.set.options.filter((set) => set !== 'regression').map((set) => ({ name: set, rows: results.filter((r) => r.entry.set === set) }));
    const languages = Language.options.map((language) => ({ name: language, rows: results.filter((r) => languageOf(r.entry.text) === language) }));
    console.log(`message corpus: ${line('all', results)}`);
    console.log(`  by set: ${sets.map((s) => line(s.name, s.rows)).join('; ')}`);
    console.log(`  by language: ${languages.map((l) => line(l.name, l.rows)).join('; ')}`);
    for (const miss of results.filter((r) => !r.correct)) console.log(`  ${miss.entry.id}: expected ${miss.entry.expect}, got ${miss.got} | ${miss.entry.text}`);
    for (const { name, rows } of [{ name: 'all', rows: results }, ...sets, ...languages]) {
      expect(rows.length, name).toBeGreaterThan(0);
      expect(share(rows), name).toBeGreaterThanOrEqual(0.9);
      expect(wrongShare(rows), name).toBeLessThanOrEqual(0.03);
    }
  });

  it('reads the defect, the stated size and whether the item is unused where a message says them', () => {
    const detailed = results.filter((r) => r.correct && (r.entry.defect ?? r.entry.sizeCm ?? r.entry.itemUnused) !== undefined);
    const right = detailed.filter(
      ({ entry, reading }) =>
        (entry.defect === undefined || reading.claim?.defect === entry.defect) &&
        (entry.sizeCm === undefined || reading.claim?.defectSizeCm === entry.sizeCm) &&
        (entry.itemUnused === undefined || reading.claim?.itemUnused === entry.itemUnused),
    );
    console.log(`message corpus details: ${right.length} of ${detailed.length} right`);
    expect(right.length / detailed.length).toBeGreaterThanOrEqual(0.9);
  });

  it('reads every regression (test/corpus/regressions.json) exactly as expected', () => {
    expect(new Set([...corpus, ...regressions].map((e) => e.id)).size).toBe(corpus.length + regressions.length);
    for (const entry of regressions) {
      const reading = readBuyerMessage(entry.text);
      const got = reading.reading === 'read' ? reading.claim!.type : reading.reading;
      expect({ id: entry.id, got, refundReason: reading.refundReason }).toEqual({ id: entry.id, got: entry.expect, refundReason: entry.refundReason });
      if (entry.defect !== undefined) expect(reading.claim?.defect, entry.id).toBe(entry.defect);
    }
  });
});

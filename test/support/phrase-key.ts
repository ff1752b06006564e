import { foldText, rewrite, squeeze, toWordKey, words } from '../../src/message/normalize.js';
import type { CompiledPatternFile } from '../../src/message/patterns.js';

/**
 * A phrase's key as plainly defined: every rewrite pair tested in turn (`rewrite`), no automaton,
 * no memo. patterns.ts computes the same with the reader's rewriters; the tests hold the two together.
 */
export const referencePhraseKey = (text: string, file: Pick<CompiledPatternFile, 'matching' | 'rewrite' | 'rewriteWords'>): string => {
  const prefix = file.matching === 'words' && text.endsWith('*');
  const folded = foldText(prefix ? text.slice(0, -1) : text);
  const key = file.matching === 'characters' ? rewrite(squeeze(folded), file.rewrite) : rewrite(toWordKey(words(rewrite(folded, file.rewrite))), file.rewriteWords);
  return prefix ? key.slice(0, -1) : key;
};

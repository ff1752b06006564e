import { sentinelOf, type TextReader } from '../../src/message/interpret.js';
import { judgeCandidates } from '../../src/message/links.js';
import { rewrite, stripFields } from '../../src/message/normalize.js';
import type { CompiledPhrase, MaskList, PhraseList } from '../../src/message/patterns.js';
import { maskText, type KeyText } from '../../src/message/phrase-index.js';
import { simplifyWhole } from '../../src/message/simplify.js';

// squeeze, words and toWordKey of normalize.ts, written plainly, one character (code point) at a time
const isLetterOrDigit = (ch: string): boolean => /^[\p{L}\p{N}]$/u.test(ch);
const isDigit = (ch: string | undefined): boolean => ch !== undefined && ch >= '0' && ch <= '9';
const squeeze = (text: string): string => {
  const chars = Array.from(text);
  let out = '';
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i]!;
    if (isLetterOrDigit(ch)) out += ch;
    else if (ch === '.' && isDigit(out[out.length - 1]) && isDigit(chars[i + 1])) out += ch;
  }
  return out;
};
const words = (text: string): string[] => {
  const chars = Array.from(text);
  const out: string[] = [];
  let current = '';
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i]!;
    if (isLetterOrDigit(ch) || (ch === '.' && isDigit(current[current.length - 1]) && isDigit(chars[i + 1]))) current += ch;
    else if (current !== '') {
      out.push(current);
      current = '';
    }
  }
  if (current !== '') out.push(current);
  return out;
};
const toWordKey = (list: readonly string[]): string => list.map((w) => ` ${w} `).join('');

/** A key text that answers by testing every phrase with `includes`: what a match means, plainly. */
class IncludesText implements KeyText {
  constructor(
    private readonly text: string,
    private readonly sentinel: string,
  ) {}

  found(list: PhraseList): CompiledPhrase[] {
    return list.phrases.filter((p) => this.text.includes(p.key));
  }

  has(list: PhraseList): boolean {
    return this.found(list).length > 0;
  }

  mayHave(): boolean {
    return true;
  }

  masked(mask: MaskList): KeyText {
    return new IncludesText(maskText(this.text, mask.phrases, this.sentinel), this.sentinel);
  }
}

/**
 * The reading's text handling without any shortcut: every link candidate judged, OpenCC on the
 * whole text, every tag and rewrite pair tried in turn, every phrase tested, every claim scored.
 * The definition `fastReader` must agree with, kept for the differential tests.
 * @example
 * interpretMessage('鞋子開膠了', patterns, [], referenceReader).claim; // { type: 'quality', defect: 'unglued_edge' }
 */
export const referenceReader: TextReader = {
  links: (text, trustedDomains) => judgeCandidates(text, trustedDomains),
  fold: (text) => simplifyWhole(text.normalize('NFKC')).toLowerCase(),
  strip: (text, file) => stripFields(file.tags.reduce((acc, tag) => acc.split(tag).join(' '), text), file.fields),
  prepare(stripped, file) {
    if (file.matching === 'characters') {
      const key = rewrite(squeeze(stripped), file.rewrite);
      return { key: new IncludesText(key, sentinelOf(file)), squeezed: () => key };
    }
    const body = rewrite(stripped, file.rewrite);
    return { key: new IncludesText(rewrite(toWordKey(words(body)), file.rewriteWords), sentinelOf(file)), squeezed: () => squeeze(body) };
  },
};

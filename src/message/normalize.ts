import { simplify } from './simplify.js';

/** Full-width forms to ASCII (ＡＢＣ１２３，：), then traditional to simplified, then lower case. */
export const foldText = (text: string): string => foldNormalized(text.normalize('NFKC'));

/**
 * `foldText` of a text already in NFKC, which normalizing again leaves as it is (NFKC is idempotent).
 * @example
 * foldNormalized('開膠了 OK'); // '开胶了 ok'
 */
export const foldNormalized = (nfkc: string): string => simplify(nfkc).toLowerCase();

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
// 0 not yet known, 1 a letter or digit, 2 not: the regular expression costs more per character than the rest of the reading
const letterOrDigit = new Uint8Array(0x10000);
/** For one UTF-16 code unit: half of a surrogate pair is neither, as `/[\p{L}\p{N}]/u` says of it alone. */
const isLetterOrDigit = (unit: number): boolean => {
  let known = letterOrDigit[unit]!;
  if (known === 0) letterOrDigit[unit] = known = LETTER_OR_DIGIT.test(String.fromCharCode(unit)) ? 1 : 2;
  return known === 1;
};
const astralLetterOrDigit = new Map<number, boolean>();
/**
 * Whether the code unit at `i` is (half of) a letter or digit. The two halves of a surrogate pair
 * answer alike, for the pair's code point: OpenCC turns some characters into ones past U+FFFF
 * (嗰 → 𠮶), which are letters all the same; a lone half is neither.
 */
const letterOrDigitAt = (text: string, i: number): boolean => {
  const unit = text.charCodeAt(i);
  if (unit < 0xd800 || unit > 0xdfff) return isLetterOrDigit(unit);
  // a high half starts its pair, a low half ends it; a half with no partner reads as itself (≤ U+FFFF)
  const start = unit <= 0xdbff ? i : i - 1;
  const cp = start < 0 ? unit : text.codePointAt(start)!;
  if (cp <= 0xffff) return false;
  let known = astralLetterOrDigit.get(cp);
  if (known === undefined) astralLetterOrDigit.set(cp, (known = LETTER_OR_DIGIT.test(String.fromCodePoint(cp))));
  return known;
};
/** NaN (before the start or past the end of a text) is no digit. */
const isDigitUnit = (unit: number): boolean => unit >= 48 && unit <= 57;
const isDigit = (ch: string | undefined): boolean => ch !== undefined && ch >= '0' && ch <= '9';
const DOT = 46;

/** Keeps letters and digits (and a decimal point between digits): spaces and punctuation split nothing in Chinese. */
export const squeeze = (text: string): string => {
  // the kept characters come in runs: one slice per run rather than one string per character
  let out = '';
  let run = 0;
  let lastKept = NaN;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    // a point is kept between the last kept character and the next one, both digits ("2 .5" gives 2.5)
    if (letterOrDigitAt(text, i) || (unit === DOT && isDigitUnit(lastKept) && isDigitUnit(text.charCodeAt(i + 1)))) {
      lastKept = unit;
      continue;
    }
    if (run < i) out += text.slice(run, i);
    run = i + 1;
  }
  return run === 0 ? text : run < text.length ? out + text.slice(run) : out;
};

/** Words joined so that `includes(' a  b ')` finds the whole-word phrase "a b" anywhere, even repeated. */
export const toWordKey = (words: readonly string[]): string => {
  let key = '';
  for (const word of words) key += ` ${word} `;
  return key;
};

/** Whether the code unit at `i` belongs to a word: a letter or digit, or a point right after a digit (so inside its word) and before one. */
const inWord = (text: string, i: number): boolean => {
  const unit = text.charCodeAt(i);
  return letterOrDigitAt(text, i) || (unit === DOT && isDigitUnit(text.charCodeAt(i - 1)) && isDigitUnit(text.charCodeAt(i + 1)));
};

/** Splits on everything that is not a letter or digit (a decimal point between digits stays). */
export const words = (text: string): string[] => {
  const out: string[] = [];
  let start = -1;
  for (let i = 0; i < text.length; i++) {
    if (inWord(text, i)) {
      if (start === -1) start = i;
    } else if (start !== -1) {
      out.push(text.slice(start, i));
      start = -1;
    }
  }
  if (start !== -1) out.push(text.slice(start));
  return out;
};

/**
 * `toWordKey(words(text))`, without the list in between.
 * @example
 * wordKey("didn't arrive, 2.5 days"); // ' didn  t  arrive  2.5  days '
 */
export const wordKey = (text: string): string => {
  let key = '';
  let start = -1;
  for (let i = 0; i < text.length; i++) {
    if (inWord(text, i)) {
      if (start === -1) start = i;
    } else if (start !== -1) {
      key += ` ${text.slice(start, i)} `;
      start = -1;
    }
  }
  return start === -1 ? key : `${key} ${text.slice(start)} `;
};

// as for letterOrDigit: 0 not yet known, 1 white space (what \s and trim() take), 2 not
const whiteSpace = new Uint8Array(0x10000);
const isWhiteSpace = (unit: number): boolean => {
  let known = whiteSpace[unit]!;
  if (known === 0) whiteSpace[unit] = known = /\s/.test(String.fromCharCode(unit)) ? 1 : 2;
  return known === 1;
};

/**
 * Every run of white space becomes one space, none at either end.
 * @example
 * collapseSpaces(' 鞋子\u3000 开胶了\n'); // '鞋子 开胶了'
 */
export const collapseSpaces = (text: string): string => {
  // most texts have nothing to collapse: single spaces between words, none at the ends
  const last = text.length - 1;
  for (let i = 0; i <= last; i++) {
    const unit = text.charCodeAt(i);
    if (unit === 32 ? i === 0 || i === last || text.charCodeAt(i + 1) === 32 : isWhiteSpace(unit)) return text.replace(/\s+/g, ' ').trim();
  }
  return text;
};

/** Characters an order card's value is made of: ids, amounts, dates and times (a space only between digits). */
const isFieldValueChar = (ch: string): boolean => isDigit(ch) || '.:-/¥$元年月日时分秒'.includes(ch);

/**
 * Removes order-card fields glued on by the chat client (`订单金额:89.00`): the label, an optional
 * colon and the value after it, so ids and dates are not read as sizes or counts.
 */
export const stripFields = (text: string, labels: readonly string[]): string => {
  let out = text;
  for (const label of labels) {
    let from = 0;
    for (let at = out.indexOf(label, from); at !== -1; at = out.indexOf(label, from)) {
      let end = at + label.length;
      while (out[end] === ' ') end++;
      if (out[end] === ':') end++;
      while (out[end] === ' ') end++;
      while (end < out.length && (isFieldValueChar(out[end]!) || (out[end] === ' ' && isDigit(out[end - 1]) && isDigit(out[end + 1])))) end++;
      out = `${out.slice(0, at)} ${out.slice(end)}`;
      from = at + 1;
    }
  }
  return out;
};

/** Literal, in-order replacements: linear, and nothing a shop writes is compiled as a pattern. */
export const rewrite = (text: string, pairs: readonly (readonly [string, string])[]): string =>
  // most pairs are absent from a given message: looking is cheaper than splitting
  pairs.reduce((acc, [from, to]) => (acc.includes(from) ? acc.split(from).join(to) : acc), text);

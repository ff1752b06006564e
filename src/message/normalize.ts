import { simplify } from './simplify.js';

/** Full-width forms to ASCII (ＡＢＣ１２３，：), then traditional to simplified, then lower case. */
export const foldText = (text: string): string => simplify(text.normalize('NFKC')).toLowerCase();

const isLetterOrDigit = (ch: string): boolean => /[\p{L}\p{N}]/u.test(ch);
const isDigit = (ch: string | undefined): boolean => ch !== undefined && ch >= '0' && ch <= '9';

/** Keeps letters and digits (and a decimal point between digits): spaces and punctuation split nothing in Chinese. */
export const squeeze = (text: string): string => {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (isLetterOrDigit(ch)) out += ch;
    else if (ch === '.' && isDigit(out[out.length - 1]) && isDigit(text[i + 1])) out += ch;
  }
  return out;
};

/** Words joined so that `includes(' a  b ')` finds the whole-word phrase "a b" anywhere, even repeated. */
export const toWordKey = (words: readonly string[]): string => words.map((w) => ` ${w} `).join('');

/** Splits on everything that is not a letter or digit (a decimal point between digits stays). */
export const words = (text: string): string[] => {
  const out: string[] = [];
  let current = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (isLetterOrDigit(ch) || (ch === '.' && isDigit(current[current.length - 1]) && isDigit(text[i + 1]))) current += ch;
    else if (current !== '') {
      out.push(current);
      current = '';
    }
  }
  if (current !== '') out.push(current);
  return out;
};

export const collapseSpaces = (text: string): string => text.replace(/\s+/g, ' ').trim();

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

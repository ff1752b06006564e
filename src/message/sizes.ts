import type { SizeBound } from '../schema/vocabulary.js';

const CHINESE_DIGITS: Readonly<Record<string, number>> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const CHINESE_NUMERAL_CHARS = '零〇一二两三四五六七八九十百点半';

/** 两 → 2, 十二 → 12, 二十五 → 25, 一百 → 100, 一点五 → 1.5, 半 → 0.5; undefined when it is not a number. */
export const parseChineseNumber = (text: string): number | undefined => {
  if (text === '半') return 0.5;
  const [whole = '', fraction, ...rest] = text.split('点');
  if (rest.length > 0 || text.includes('半')) return undefined;
  let total = 0;
  let digit: number | undefined;
  for (const ch of whole) {
    if (ch === '百' || ch === '十') {
      total += (digit ?? 1) * (ch === '百' ? 100 : 10);
      digit = undefined;
    } else if (CHINESE_DIGITS[ch] !== undefined) {
      digit = CHINESE_DIGITS[ch];
    } else return undefined;
  }
  total += digit ?? 0;
  if (fraction === undefined) return whole === '' ? undefined : total;
  let scale = 0.1;
  for (const ch of fraction) {
    const d = CHINESE_DIGITS[ch];
    if (d === undefined) return undefined;
    total += d * scale;
    scale /= 10;
  }
  return fraction === '' ? undefined : total;
};

const isAsciiNumberChar = (ch: string | undefined): boolean => ch !== undefined && ((ch >= '0' && ch <= '9') || ch === '.');

/** The number written right before `end` (ASCII digits: 2, 0.5; Chinese numerals: 两, 一点五), and where it starts. */
const numberBefore = (text: string, end: number): { value: number; start: number } | undefined => {
  let start = end;
  if (isAsciiNumberChar(text[end - 1])) {
    while (start > 0 && isAsciiNumberChar(text[start - 1])) start--;
    const value = Number(text.slice(start, end));
    return Number.isFinite(value) && start < end ? { value, start } : undefined;
  }
  while (start > 0 && CHINESE_NUMERAL_CHARS.includes(text[start - 1]!)) start--;
  const value = start < end ? parseChineseNumber(text.slice(start, end)) : undefined;
  return value === undefined ? undefined : { value, start };
};

/** A word that bounds a size: `before` its number (不到) or `after` its unit (以内), in the squeezed text. */
export interface SizeBoundWord {
  text: string;
  bound: SizeBound;
  side: 'before' | 'after';
}

/** A stated size: `bound` absent when the buyer gave the size itself (or about it). */
export interface StatedSize {
  cm: number;
  bound?: SizeBound;
}

export interface SizeUnit {
  /** The unit as it appears in the squeezed text (毫米, cm). */
  unit: string;
  cm: number;
}

/**
 * Every length stated with a unit, in centimetres, with the bound a word beside it puts on it
 * (`bounds` longest first, as the pattern set holds them): 溢胶2毫米 → 0.2, 一点五厘米 → 1.5,
 * 不到1厘米 → less than 1.
 * @example
 * readSizesCm('鞋边溢胶大概两毫米', [{ unit: '毫米', cm: 0.1 }]); // [{ cm: 0.2 }]
 * readSizesCm('溢胶不到1厘米', [{ unit: '厘米', cm: 1 }], [{ text: '不到', bound: 'less_than', side: 'before' }]); // [{ cm: 1, bound: 'less_than' }]
 */
export const readSizesCm = (squeezed: string, units: readonly SizeUnit[], bounds: readonly SizeBoundWord[] = []): StatedSize[] => {
  const sizes: StatedSize[] = [];
  for (const { unit, cm } of units) {
    for (let at = squeezed.indexOf(unit); at !== -1; at = squeezed.indexOf(unit, at + unit.length)) {
      const number = numberBefore(squeezed, at);
      if (number === undefined) continue;
      const size: StatedSize = { cm: Math.round(number.value * cm * 1000) / 1000 };
      const after = at + unit.length;
      const word = bounds.find((b) => (b.side === 'before' ? squeezed.endsWith(b.text, number.start) : followsUnit(squeezed, b.text, after)));
      if (word !== undefined) size.bound = word.bound;
      sizes.push(size);
    }
  }
  return sizes;
};

const isLowerLatin = (unit: number): boolean => unit >= 97 && unit <= 122;

/** Whether `word` comes right after a unit ending at `end`, past a spelling's tail in Latin letters (centimet|res, inch|es: at most 3). */
const followsUnit = (text: string, word: string, end: number): boolean => {
  // only a unit spelled in Latin letters can go on in them
  const tail = isLowerLatin(text.charCodeAt(end - 1)) ? 3 : 0;
  for (let at = end; at <= end + tail; at++) {
    if (text.startsWith(word, at)) return true;
    if (!isLowerLatin(text.charCodeAt(at))) return false;
  }
  return false;
};

/** The words of a file's `sizeBounds`, squeezed; the pattern set merges every file's and orders them `longestFirst`. */
export const compileSizeBounds = (spec: Partial<Record<SizeBound, { before?: string[] | undefined; after?: string[] | undefined }>>, fold: (text: string) => string): SizeBoundWord[] => {
  const words: SizeBoundWord[] = [];
  for (const [bound, sides] of Object.entries(spec) as [SizeBound, { before?: string[]; after?: string[] }][]) {
    for (const text of sides.before ?? []) words.push({ text: fold(text), bound, side: 'before' });
    for (const text of sides.after ?? []) words.push({ text: fold(text), bound, side: 'after' });
  }
  return words;
};

/** So that 不超过 (at most) is tried before 超过 (more than). */
export const longestFirst = (a: SizeBoundWord, b: SizeBoundWord): number => b.text.length - a.text.length;

// How high a stated size may reach: a bound from below reaches without end; at the same figure, the size itself or "at most" reaches it, "less than" stops short.
const reach = (s: StatedSize): number => (s.bound === 'more_than' || s.bound === 'at_least' ? Number.POSITIVE_INFINITY : s.cm);
const reachesFigure = (s: StatedSize): boolean => s.bound !== 'less_than';

/**
 * The size that stands for several: the one that may reach highest (the buyer's side of a doubt),
 * and of two reaching as high, the one stating more (1厘米 over 不超过1厘米). A size that surely
 * stays under the tolerance then means every stated size does.
 * @example
 * largestSize([{ cm: 0.2 }, { cm: 1, bound: 'less_than' }]); // { cm: 1, bound: 'less_than' }
 */
export const largestSize = (sizes: readonly StatedSize[]): StatedSize | undefined => {
  let best: StatedSize | undefined;
  for (const s of sizes) {
    if (best === undefined || reach(s) > reach(best)) {
      best = s;
      continue;
    }
    if (reach(s) < reach(best)) continue;
    // as high: one that reaches the figure beats one stopping short; then the size itself beats a bound
    if (reachesFigure(s) !== reachesFigure(best)) {
      if (reachesFigure(s)) best = s;
    } else if (best.bound !== undefined && (s.bound === undefined || s.cm > best.cm)) best = s;
  }
  return best;
};

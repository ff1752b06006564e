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

/** The number written right before `end`: ASCII digits (2, 0.5) or Chinese numerals (两, 一点五). */
const numberBefore = (text: string, end: number): number | undefined => {
  let start = end;
  if (isAsciiNumberChar(text[end - 1])) {
    while (start > 0 && isAsciiNumberChar(text[start - 1])) start--;
    const value = Number(text.slice(start, end));
    return Number.isFinite(value) && start < end ? value : undefined;
  }
  while (start > 0 && CHINESE_NUMERAL_CHARS.includes(text[start - 1]!)) start--;
  return start < end ? parseChineseNumber(text.slice(start, end)) : undefined;
};

export interface SizeUnit {
  /** The unit as it appears in the squeezed text (毫米, cm). */
  unit: string;
  cm: number;
}

/**
 * Every length stated with a unit, in centimetres: 溢胶2毫米 → 0.2, 一点五厘米 → 1.5, 1 cm → 1.
 * @example
 * readSizesCm('鞋边溢胶大概两毫米', [{ unit: '毫米', cm: 0.1 }]); // [0.2]
 */
export const readSizesCm = (squeezed: string, units: readonly SizeUnit[]): number[] => {
  const sizes: number[] = [];
  for (const { unit, cm } of units) {
    for (let at = squeezed.indexOf(unit); at !== -1; at = squeezed.indexOf(unit, at + unit.length)) {
      const value = numberBefore(squeezed, at);
      if (value !== undefined) sizes.push(Math.round(value * cm * 1000) / 1000);
    }
  }
  return sizes;
};

/** Latin letters from the least to the most frequent in English text. */
const LATIN_BY_RARITY = 'zqxjkvbpygfwmucldrhsnioate';

/** How common a unit is in buyers' messages, rarest first: anything beyond ASCII (Chinese), Latin letters by their frequency, then digits and punctuation. Spaces never count. */
const commonness = (unit: number): number => {
  if (unit === 32) return Number.POSITIVE_INFINITY;
  if (unit > 0x7f) return 0;
  const letter = LATIN_BY_RARITY.indexOf(String.fromCharCode(unit));
  return letter === -1 ? 100 : 1 + letter;
};

/**
 * A set of UTF-16 code units, kept by blocks of 256 (blocks without a member share one block of
 * zeros): a file's phrases use a few hundred units, so the set costs a few KB, not 64.
 * @example
 * const units = CodeUnitSet.rarestOf(['开胶', 'cm'])!; // 开 and m
 * units.occursIn('鞋子开胶了'); // true
 * units.occursIn('尺码偏小'); // false
 */
export class CodeUnitSet {
  private constructor(private readonly blocks: readonly Uint8Array[]) {}

  /** Every unit of the given texts. */
  private static of(texts: Iterable<string>): CodeUnitSet {
    const none = new Uint8Array(256);
    const blocks = Array.from({ length: 256 }, () => none);
    for (const text of texts) {
      for (let i = 0; i < text.length; i++) {
        const unit = text.charCodeAt(i);
        if (blocks[unit >>> 8] === none) blocks[unit >>> 8] = new Uint8Array(256);
        blocks[unit >>> 8]![unit & 0xff] = 1;
      }
    }
    return new CodeUnitSet(blocks);
  }

  /**
   * One unit of each text, its rarest (spaces aside): a text occurs in another only if each of its
   * units does, so a text holding none of these holds none of the texts, and one unit per text
   * says so about more texts than all of them would (`re-glue` is not ruled in by a date's `-`).
   * A text of spaces only has no unit to stand for it: undefined.
   * @example
   * CodeUnitSet.rarestOf(['re-glue', '[image]'])!.occursIn('2026-10-10 [图片]'); // false: `g` stands for both
   */
  static rarestOf(texts: Iterable<string>): CodeUnitSet | undefined {
    const chosen: string[] = [];
    for (const text of texts) {
      let best = -1;
      for (let i = 0; i < text.length; i++) {
        const unit = text.charCodeAt(i);
        if (commonness(unit) < (best === -1 ? Number.POSITIVE_INFINITY : commonness(best))) best = unit;
      }
      if (best === -1) return undefined;
      chosen.push(String.fromCharCode(best));
    }
    return CodeUnitSet.of(chosen);
  }

  has(unit: number): boolean {
    return this.blocks[unit >>> 8]![unit & 0xff] === 1;
  }

  /** Whether any unit of the text is in the set. */
  occursIn(text: string): boolean {
    for (let i = 0; i < text.length; i++) if (this.has(text.charCodeAt(i))) return true;
    return false;
  }
}

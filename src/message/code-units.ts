/**
 * A set of UTF-16 code units, kept by blocks of 256 (blocks without a member share one block of
 * zeros): a file's phrases use a few hundred units, so the set costs a few KB, not 64.
 * @example
 * const units = CodeUnitSet.of(['开胶', 'cm']);
 * units.occursIn('鞋子开胶了'); // true
 * units.occursIn('尺码偏小'); // false
 */
export class CodeUnitSet {
  private constructor(private readonly blocks: readonly Uint8Array[]) {}

  /** The units of the given texts. */
  static of(texts: Iterable<string>): CodeUnitSet {
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

  has(unit: number): boolean {
    return this.blocks[unit >>> 8]![unit & 0xff] === 1;
  }

  /** Whether any unit of the text is in the set. */
  occursIn(text: string): boolean {
    for (let i = 0; i < text.length; i++) if (this.has(text.charCodeAt(i))) return true;
    return false;
  }
}

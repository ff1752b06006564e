import { Converter, Locale } from 'opencc-js/cn2t';
import { conversionConfig, type DictionaryGroup } from '../opencc/dictionaries.js';

/**
 * Simplified to traditional (Taiwan) for the names a zh-TW reply repeats (carrier, shop, agent),
 * with OpenCC's own dictionaries and algorithm, but not its tries: opencc-js keeps every
 * dictionary as a trie of Maps, one Map per character, which costs 41 MB of heap for `cn → tw`
 * (a batch worker lives on 64 MB). Here each dictionary group is two strings of sorted keys and
 * values, about 1 MB in all; a longest match tries the key lengths from the longest down. Names
 * are short and remembered by the caller, so the lookups' cost does not matter.
 * test/traditional.test.ts checks it against opencc-js on every dictionary key and random text.
 */

const codePointLength = (s: string, i: number): number => (s.codePointAt(i)! > 0xffff ? 2 : 1);

const idsArity = (cp: number): number => (cp >= 0x2ff0 && cp <= 0x2ff1 ? 2 : cp >= 0x2ff2 && cp <= 0x2ff3 ? 3 : cp >= 0x2ff4 && cp <= 0x2fff ? 2 : 0);

/** opencc-js: an ideographic description sequence is never cut. */
const idsEnd = (s: string, i: number): number => {
  const arity = idsArity(s.codePointAt(i)!);
  if (arity === 0) return 0;
  let end = i + codePointLength(s, i);
  for (let n = 0; n < arity; n += 1) {
    if (end >= s.length) return 0;
    const child = idsEnd(s, end);
    end = child || end + codePointLength(s, end);
  }
  return end;
};

const unmatchedLength = (s: string, i: number): number => {
  const end = idsEnd(s, i);
  return end > i ? end - i : codePointLength(s, i);
};

/**
 * One opencc-js Trie (a dictionary group), as its keys in code-unit order, all in one string, and
 * their values likewise: a batch worker holds these for the whole run, and 60,000 entries as Map
 * strings took 7.7 MB of its heap; this way they take about a tenth. A lookup is a binary search.
 */
class Table {
  private keys = '';
  /** Key k is `keys.slice(keyAt[k], keyAt[k + 1])`. */
  private keyAt = new Int32Array(1);
  private values = '';
  private valueAt = new Int32Array(1);
  /**
   * The longest key starting with each code unit (0: no key starts with it, and the walk moves on
   * at once). Keys starting with a Latin letter are short, and the longest of all is tried only where it can start.
   */
  readonly longestFrom = new Uint8Array(0x10000);
  /** For a unit whose longest key does not fit in a byte (`longestFrom` says 255): the longest key of all. */
  private longest = 0;
  /** False for a table built only to segment. */
  private hasValues = true;

  /**
   * Loads like `Trie#loadDictGroup`: the group's dictionaries last to first, so the first one's
   * value wins. A table only ever asked to `segment` (which never reads a value) is built without
   * its values: s2tw's segmentation is its 49,000 phrases again.
   */
  static of(group: DictionaryGroup, use: 'convert' | 'segment' = 'convert'): Table {
    const table = new Table();
    const entries = new Map<string, string>();
    // indexed loops, no destructuring: a zh-TW triager builds these tables (some 100,000 entries)
    // in createTriage, cold, where iterating and destructuring each entry cost more than the rest
    const { longestFrom } = table;
    for (let d = group.length - 1; d >= 0; d--) {
      const dictionary = group[d]!;
      for (let e = 0; e < dictionary.length; e++) {
        const key = dictionary[e]![0];
        entries.set(key, dictionary[e]![1]);
        if (key !== '') {
          const unit = key.charCodeAt(0);
          const length = key.length < 255 ? key.length : 255;
          if (length > longestFrom[unit]!) longestFrom[unit] = length;
        }
        if (key.length > table.longest) table.longest = key.length;
      }
    }
    // an empty key never matches (a match has a length); sort() compares code units, as `compare` does
    entries.delete('');
    const keys = [...entries.keys()].sort();
    table.keyAt = new Int32Array(keys.length + 1);
    for (let k = 0; k < keys.length; k++) table.keyAt[k + 1] = table.keyAt[k]! + keys[k]!.length;
    table.keys = keys.join('');
    if (use === 'convert') {
      const values: string[] = new Array(keys.length);
      table.valueAt = new Int32Array(keys.length + 1);
      for (let k = 0; k < keys.length; k++) {
        const value = entries.get(keys[k]!)!;
        values[k] = value;
        table.valueAt[k + 1] = table.valueAt[k]! + value.length;
      }
      table.values = values.join('');
    } else table.hasValues = false;
    return table;
  }

  /** `s.slice(i, i + length)` against key k, in code-unit order. */
  private compare(s: string, i: number, length: number, k: number): number {
    const start = this.keyAt[k]!;
    const keyLength = this.keyAt[k + 1]! - start;
    const n = Math.min(length, keyLength);
    for (let j = 0; j < n; j++) {
      const d = s.charCodeAt(i + j) - this.keys.charCodeAt(start + j);
      if (d !== 0) return d;
    }
    return length - keyLength;
  }

  /** The number of the key `s.slice(i, i + length)`, or -1. */
  private find(s: string, i: number, length: number): number {
    let lo = 0;
    let hi = this.keyAt.length - 2;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const d = this.compare(s, i, length, mid);
      if (d === 0) return mid;
      if (d < 0) hi = mid - 1;
      else lo = mid + 1;
    }
    return -1;
  }

  /** `Trie#matchPrefix`: the longest key at `i`, as its end and its number. Every prefix of a key is on the trie's path, so the longest key that starts here is what the walk finds. */
  private match(s: string, i: number): { end: number; key: number } | undefined {
    const from = this.longestFrom[s.charCodeAt(i)]!;
    for (let length = Math.min(from === 255 ? this.longest : from, s.length - i); length > 0; length--) {
      const key = this.find(s, i, length);
      if (key !== -1) return { end: i + length, key };
    }
    return undefined;
  }

  /**
   * opencc-js's walk (`Trie#segment`, `Trie#convert`): the longest key at each position, else the
   * run of text up to the next key; keys are replaced by their value when `replace` is set.
   */
  private pieces(s: string, replace: boolean): string[] {
    const out: string[] = [];
    let pending = -1;
    for (let i = 0; i < s.length; ) {
      const found = this.match(s, i);
      if (found !== undefined) {
        if (pending !== -1) out.push(s.slice(pending, i));
        pending = -1;
        out.push(replace ? this.values.slice(this.valueAt[found.key], this.valueAt[found.key + 1]) : s.slice(i, found.end));
        i = found.end;
      } else {
        if (pending === -1) pending = i;
        i += unmatchedLength(s, i);
      }
    }
    if (pending !== -1) out.push(s.slice(pending));
    return out;
  }

  segment(s: string): string[] {
    return this.pieces(s, false);
  }

  convert(s: string): string {
    if (!this.hasValues) throw new Error('a table built to segment has no values to convert with');
    return this.pieces(s, true).join('');
  }
}

/** opencc-js's `Converter({ from: 'cn', to: 'tw' })` (its `s2tw` config) on sorted tables; undefined when the config is laid out otherwise. */
const build = (): ((text: string) => string) | undefined => {
  const config = conversionConfig(Locale.configs, 's2tw');
  if (config === undefined) return undefined;
  const normalizers = config.normalization.map((g) => Table.of(g));
  const converters = config.conversion.map((g) => Table.of(g));
  const segmenter = config.segmentation === undefined ? undefined : Table.of(config.segmentation, 'segment');
  const all = [...normalizers, ...converters, ...(segmenter === undefined ? [] : [segmenter])];
  // No key starts anywhere in the text (ids, tracking numbers, Latin names): every step leaves it as it is.
  const unchanged = (text: string): boolean => {
    for (let i = 0; i < text.length; i++) {
      const unit = text.charCodeAt(i);
      for (const table of all) if (table.longestFrom[unit] !== 0) return false;
    }
    return true;
  };
  return (text) => {
    if (unchanged(text)) return text;
    const normalized = normalizers.reduce((s, t) => t.convert(s), text);
    const segments = segmenter === undefined ? [normalized] : segmenter.segment(normalized);
    return segments.map((segment) => converters.reduce((s, t) => t.convert(s), segment)).join('');
  };
};

let toTraditional: ((text: string) => string) | undefined;

/**
 * `Converter({ from: 'cn', to: 'tw' })` of opencc-js, in a fifth of its memory (opencc-js's own
 * converter when its dictionaries are laid out otherwise). Built on first use.
 * @example
 * traditional('顺丰'); // '順豐'
 */
export const traditional = (text: string): string => (toTraditional ??= build() ?? Converter({ from: 'cn', to: 'tw' }))(text);

/** Whether the converter is built (for tests: building it is what a zh-TW triager's creation does ahead). */
export const traditionalReady = (): boolean => toTraditional !== undefined;

/** Builds the converter now (over a hundred milliseconds), so that a zh-TW shop's first reply does not wait for it. */
export const prepareTraditional = (): void => {
  traditional('');
};

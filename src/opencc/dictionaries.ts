/** A dictionary entry of opencc-js: a key and what it is replaced by. */
export type DictionaryEntry = readonly [string, string];

/**
 * The entries of a dictionary as opencc-js reads it (`"key value|key value"`, or `[key, value]`
 * pairs), in its order; undefined for anything else, so a caller whose reasoning depends on the
 * layout can fall back to opencc-js's own converter.
 * @example
 * dictionaryEntries('顺 順|丰 豐'); // [['顺', '順'], ['丰', '豐']]
 */
export const dictionaryEntries = (dict: unknown): DictionaryEntry[] | undefined => {
  if (typeof dict === 'string') {
    const out: DictionaryEntry[] = [];
    for (const line of dict.split('|')) {
      const [key, value] = line.split(' ');
      if (key === undefined || value === undefined) return undefined;
      out.push([key, value]);
    }
    return out;
  }
  // exactly two strings: a group of two serialized dictionaries is an array of two strings too
  if (Array.isArray(dict) && dict.every((e) => Array.isArray(e) && e.length === 2 && typeof e[0] === 'string' && typeof e[1] === 'string')) return dict as DictionaryEntry[];
  return undefined;
};

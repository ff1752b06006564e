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
    // each `|`-separated line as `line.split(' ')` reads it (the key, then the value up to any
    // further space), found with indexOf in the dictionary itself: no string per line and no
    // arrays but the entries (s2tw's phrases alone are 49,000 lines, read in createTriage)
    const out: DictionaryEntry[] = [];
    for (let start = 0; ; ) {
      let bar = dict.indexOf('|', start);
      if (bar === -1) bar = dict.length;
      const space = dict.indexOf(' ', start);
      if (space === -1 || space > bar) return undefined;
      let end = dict.indexOf(' ', space + 1);
      if (end === -1 || end > bar) end = bar;
      out.push([dict.slice(start, space), dict.slice(space + 1, end)]);
      if (bar === dict.length) return out;
      start = bar + 1;
    }
  }
  // exactly two strings: a group of two serialized dictionaries is an array of two strings too
  if (Array.isArray(dict) && dict.every((e) => Array.isArray(e) && e.length === 2 && typeof e[0] === 'string' && typeof e[1] === 'string')) return dict as DictionaryEntry[];
  return undefined;
};

/** The dictionaries of a conversion group (a trie of opencc-js), each as its entries. */
export type DictionaryGroup = DictionaryEntry[][];

/** What `Converter({ from, to })` of opencc-js runs for one of its `Locale.configs`, as entries. */
export interface ConversionConfig {
  /** Groups run one after the other on the whole text before segmenting. */
  normalization: DictionaryGroup[];
  /** Cuts the text into segments by longest match (never changes it); undefined: one segment. */
  segmentation: DictionaryGroup | undefined;
  /** Groups run one after the other on each segment. */
  conversion: DictionaryGroup[];
}

type Reader = (dict: unknown) => DictionaryEntry[] | undefined;

const groupOf = (group: unknown, read: Reader): DictionaryGroup | undefined => {
  if (!Array.isArray(group)) return undefined;
  const out: DictionaryGroup = [];
  for (const dict of group) {
    const entries = read(dict);
    if (entries === undefined) return undefined;
    out.push(entries);
  }
  return out;
};

const chainOf = (chain: unknown, read: Reader): DictionaryGroup[] | undefined => {
  if (!Array.isArray(chain)) return undefined;
  const groups = chain.map((group) => groupOf(group, read));
  return groups.every((g): g is DictionaryGroup => g !== undefined) ? groups : undefined;
};

/**
 * Reads one of opencc-js's `Locale.configs` by the shape its `ConverterBuilder` gives each part
 * (chains of groups of dictionaries; a segmentation that is a group of serialized dictionaries,
 * else one dictionary); undefined for any other layout, so the caller uses opencc-js itself.
 */
export const conversionConfig = (configs: unknown, name: string): ConversionConfig | undefined => {
  const config = configs !== null && typeof configs === 'object' ? (configs as Record<string, unknown>)[name] : undefined;
  if (config === null || typeof config !== 'object') return undefined;
  const { normalizationChain, segmentation, conversionChain, ...other } = config as Record<string, unknown>;
  if (Object.keys(other).length > 0) return undefined;
  // s2tw segments and converts with the same 400,000-character phrase dictionary: read each string once
  const read = new Map<unknown, DictionaryEntry[] | undefined>();
  const readOnce: Reader = (dict) => {
    if (!read.has(dict)) read.set(dict, dictionaryEntries(dict));
    return read.get(dict);
  };
  const normalization = normalizationChain === undefined ? [] : chainOf(normalizationChain, readOnce);
  const conversion = chainOf(conversionChain, readOnce);
  const segments =
    segmentation === undefined || segmentation === null
      ? undefined
      : Array.isArray(segmentation) && segmentation.every((d) => typeof d === 'string')
        ? groupOf(segmentation, readOnce)
        : groupOf([segmentation], readOnce);
  if (normalization === undefined || conversion === undefined || (segmentation != null && segments === undefined)) return undefined;
  return { normalization, segmentation: segments, conversion };
};

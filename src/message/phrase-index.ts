import type { CompiledPhrase } from './patterns.js';

/**
 * Which phrases of a pattern list occur in a text, without testing every phrase: a message is
 * looked up against thousands of phrases, of which a handful occur. The text is scanned once
 * against a dictionary of every phrase (by its first two characters); a list then only checks
 * the phrases found. Same answers, same order, as `phrases.filter((p) => text.includes(p.key))`.
 */
export class PhraseIndex {
  private readonly byPrefix = new Map<string, string[]>();
  private readonly singles = new Set<string>();
  private readonly positions = new WeakMap<readonly CompiledPhrase[], Map<string, number[]>>();
  private present = new Map<string, Set<string>>();

  constructor(root: unknown) {
    const keys = new Set<string>();
    collectPhraseKeys(root, keys, new Set());
    for (const key of keys) {
      if (key.length === 1) this.singles.add(key);
      else {
        const prefix = key.slice(0, 2);
        const list = this.byPrefix.get(prefix);
        if (list) list.push(key);
        else this.byPrefix.set(prefix, [key]);
      }
    }
  }

  /** Forget the texts of the previous message (their phrase sets are only reused within one). */
  reset(): void {
    this.present = new Map();
  }

  private occurring(text: string): Set<string> {
    let found = this.present.get(text);
    if (found) return found;
    // an empty phrase occurs in every text, as `includes('')` says
    found = new Set(['']);
    for (let i = 0; i < text.length; i++) {
      const one = text[i]!;
      if (this.singles.has(one)) found.add(one);
      const candidates = this.byPrefix.get(text.slice(i, i + 2));
      if (candidates) for (const key of candidates) if (text.startsWith(key, i)) found.add(key);
    }
    this.present.set(text, found);
    return found;
  }

  private positionsIn(phrases: readonly CompiledPhrase[]): Map<string, number[]> {
    let map = this.positions.get(phrases);
    if (map) return map;
    map = new Map();
    phrases.forEach((p, i) => {
      const at = map!.get(p.key);
      if (at) at.push(i);
      else map!.set(p.key, [i]);
    });
    this.positions.set(phrases, map);
    return map;
  }

  /** The phrases of the list that occur in the text, in list order. */
  find(text: string, phrases: readonly CompiledPhrase[]): CompiledPhrase[] {
    // a short list is cheaper to test directly; a phrase outside the dictionary would be missed otherwise
    if (phrases.length <= 4) return phrases.filter((p) => text.includes(p.key));
    const positions = this.positionsIn(phrases);
    const hits: number[] = [];
    for (const key of this.occurring(text)) {
      const at = positions.get(key);
      if (at) hits.push(...at);
    }
    if (hits.length === 0) return [];
    return hits.sort((a, b) => a - b).map((i) => phrases[i]!);
  }
}

const collectPhraseKeys = (node: unknown, keys: Set<string>, visited: Set<object>): void => {
  if (node === null || typeof node !== 'object' || visited.has(node)) return;
  visited.add(node);
  if (Array.isArray(node)) {
    for (const item of node) collectPhraseKeys(item, keys, visited);
    return;
  }
  const record = node as Record<string, unknown>;
  if (typeof record.key === 'string' && typeof record.text === 'string' && record.key !== '') keys.add(record.key);
  for (const value of Object.values(record)) collectPhraseKeys(value, keys, visited);
};

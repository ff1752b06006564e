import { Automaton } from './automaton.js';

/**
 * Literal replacements applied in order, each to the result of the previous ones, exactly as
 * `rewrite` in normalize.ts does, but without testing every pair: a file has a hundred pairs and a
 * message holds one or two of their `from`s. One pass finds the `from`s that occur; only those are
 * replaced, and the text is searched again after each replacement, because a replacement can
 * create (or remove) a later pair's `from`.
 */
export class Rewriter {
  private readonly froms: Automaton;

  constructor(readonly pairs: readonly (readonly [string, string])[]) {
    this.froms = new Automaton(pairs.map(([from]) => from));
  }

  /** The pairs whose `from` occurs (1), or undefined when none does. */
  private occurring(text: string): Uint8Array | undefined {
    const hits = this.froms.matches(text);
    if (hits.length === 0) return undefined;
    const found = new Uint8Array(this.pairs.length);
    for (let k = 0; k < hits.length; k += 2) found[hits[k]!] = 1;
    return found;
  }

  apply(text: string): string {
    let found = this.occurring(text);
    let out = text;
    for (let i = 0; found !== undefined && i < this.pairs.length; i++) {
      if (found[i] !== 1) continue;
      const [from, to] = this.pairs[i]!;
      const next = out.split(from).join(to);
      if (next === out) continue;
      out = next;
      found = this.occurring(out);
    }
    return out;
  }
}

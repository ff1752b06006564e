import { Automaton } from './automaton.js';

/**
 * Literal replacements applied in order, each to the result of the previous ones, exactly as
 * `rewrite` in normalize.ts does, but without testing every pair: a file has a hundred pairs and a
 * message holds one or two of their `from`s. One pass finds the `from`s that occur; only those are
 * replaced, and the text is searched again after each replacement, because a replacement can
 * create (or remove) a later pair's `from`.
 * @example
 * new Rewriter([['xx', '烂'], ['烂了', '坏了']]).apply('xx了'); // '坏了'
 */
export class Rewriter {
  private readonly froms: Automaton;

  constructor(readonly pairs: readonly (readonly [string, string])[]) {
    this.froms = new Automaton(pairs.map(([from]) => from));
  }

  /** The numbers, in order, of the pairs after `after` whose `from` occurs in the text. */
  private occurring(text: string, after: number): number[] {
    const hits = this.froms.matches(text);
    const pairs: number[] = [];
    for (let k = 0; k < hits.length; k += 2) if (hits[k]! > after && !pairs.includes(hits[k]!)) pairs.push(hits[k]!);
    return pairs.sort((a, b) => a - b);
  }

  apply(text: string): string {
    let out = text;
    let pending = this.occurring(out, -1);
    for (let k = 0; k < pending.length; k++) {
      const i = pending[k]!;
      const [from, to] = this.pairs[i]!;
      const next = out.split(from).join(to);
      if (next === out) continue;
      out = next;
      // the replacement may have made or unmade a later pair's `from`
      pending = this.occurring(out, i);
      k = -1;
    }
    return out;
  }
}

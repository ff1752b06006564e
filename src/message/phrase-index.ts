import { Automaton } from './automaton.js';
import type { CompiledPhrase, MaskList, PhraseList } from './patterns.js';

/** A prepared key text, as the reading asks about it: which phrases of a list it contains. */
export interface KeyText {
  /** The phrases of the list that occur in the text, in list order (repeats kept), as `phrases.filter((p) => text.includes(p.key))`. */
  found(list: PhraseList): CompiledPhrase[];
  /** Whether any phrase of the list occurs: `found(list).length > 0`. */
  has(list: PhraseList): boolean;
  /** The text with every occurrence of the mask's phrases replaced by the sentinel, phrase after phrase. */
  masked(mask: MaskList): KeyText;
  /** False only when no phrase of the list occurs: a shortcut before looking further, which a plain reader need not take (it may always answer true). */
  mayHave(list: PhraseList): boolean;
}

/**
 * `masked` as the reading has always defined it; a later mask phrase is looked for in the text the earlier ones left.
 * @example
 * maskText('修改地址', [{ text: '修改', key: '修改', id: 0 }], '|'); // '|地址'
 */
export const maskText = (text: string, mask: readonly CompiledPhrase[], sentinel: string): string =>
  mask.reduce((acc, p) => (acc.includes(p.key) ? acc.split(p.key).join(sentinel) : acc), text);

/**
 * Every phrase key and every phrase list of one pattern file. One pass of the automaton over a text
 * gives the keys that occur, and through the lists each key is in, the lists with a phrase that
 * occurs: a list no occurring phrase is in is answered without looking at its phrases, so a
 * pattern none of whose phrases occur costs one lookup.
 * @example
 * file.phraseIndex.scan('鞋子开胶了', '|').has(qualityPattern.any); // true, from the lists 开胶 is in
 */
export class PhraseIndex {
  private readonly automaton: Automaton;
  /** For each key id, the ids of the lists that hold a phrase with that key. */
  private readonly listsOf: number[][];
  /** For each list (by id), the key id of each of its phrases, in list order: a list is answered without reading its phrase objects. */
  private readonly keyIdsOf: Int32Array[];
  /**
   * Which keys and lists occur in the text being asked about: marked with that text's generation,
   * so nothing is cleared or allocated per text (a typed array the size of the index costs more
   * to allocate than the whole scan). Only one text's marks are current; asking another re-marks.
   */
  private readonly keyMarks: Uint32Array;
  private readonly listMarks: Uint32Array;
  private generation = 0;
  private current: Occurrences | undefined;

  constructor(
    private readonly keys: readonly string[],
    lists: readonly PhraseList[],
  ) {
    this.automaton = new Automaton(keys);
    this.listsOf = keys.map(() => []);
    this.keyIdsOf = lists.map((list) => Int32Array.from(list.phrases, (p) => p.id));
    for (const list of lists) {
      for (const p of list.phrases) {
        const of = this.listsOf[p.id]!;
        if (of[of.length - 1] !== list.id) of.push(list.id);
      }
    }
    this.keyMarks = new Uint32Array(keys.length);
    this.listMarks = new Uint32Array(lists.length);
  }

  private nextGeneration(): number {
    if (this.generation === 0xffffffff) {
      this.keyMarks.fill(0);
      this.listMarks.fill(0);
      this.generation = 0;
    }
    return ++this.generation;
  }

  /** The occurrences in a key text; `sentinel` is what masks put in place of a phrase (never part of a key). */
  scan(text: string, sentinel: string): KeyText {
    const hits = this.automaton.matches(text);
    const found: number[] = [];
    for (let k = 0; k < hits.length; k += 2) found.push(hits[k]!);
    return this.occurrences(text, sentinel, found);
  }

  /** A key text known to hold no key (see `alphabet` in patterns.ts): nothing to scan for. */
  none(text: string, sentinel: string): KeyText {
    return this.occurrences(text, sentinel, []);
  }

  /**
   * The occurrences in `text`, a text `from` with phrases of a closed mask cut out: it holds no
   * key `from` did not, so only those are looked for.
   */
  narrow(text: string, from: Occurrences): KeyText {
    return this.occurrences(
      text,
      from.sentinel,
      from.keys.filter((id) => text.includes(this.keys[id]!)),
    );
  }

  /** The text's occurrences from the ids of the keys found in it (repeats allowed), marked current. */
  private occurrences(text: string, sentinel: string, found: readonly number[]): Occurrences {
    const generation = this.nextGeneration();
    const { keyMarks, listMarks, listsOf } = this;
    const keys: number[] = [];
    const lists: number[] = [];
    for (const id of found) {
      if (keyMarks[id] === generation) continue;
      keyMarks[id] = generation;
      keys.push(id);
      for (const list of listsOf[id]!) {
        if (listMarks[list] === generation) continue;
        listMarks[list] = generation;
        lists.push(list);
      }
    }
    const occurrences = new Occurrences(text, sentinel, keys, lists, this, generation);
    this.current = occurrences;
    return occurrences;
  }

  /** Makes `occurrences` the text whose marks are current; returns its generation. */
  mark(occurrences: Occurrences): number {
    if (this.current === occurrences) return occurrences.generation;
    const generation = this.nextGeneration();
    for (const id of occurrences.keys) this.keyMarks[id] = generation;
    for (const id of occurrences.lists) this.listMarks[id] = generation;
    occurrences.generation = generation;
    this.current = occurrences;
    return generation;
  }

  /** The phrases of the list whose keys occur in the text marked with `generation`, in list order (repeats kept). */
  phrasesIn(list: PhraseList, generation: number): CompiledPhrase[] {
    const { keyMarks } = this;
    const ids = this.keyIdsOf[list.id]!;
    const out: CompiledPhrase[] = [];
    for (let j = 0; j < ids.length; j++) if (keyMarks[ids[j]!] === generation) out.push(list.phrases[j]!);
    return out;
  }

  hasKey(id: number, generation: number): boolean {
    return this.keyMarks[id] === generation;
  }

  hasList(id: number, generation: number): boolean {
    return this.listMarks[id] === generation;
  }
}

class Occurrences implements KeyText {
  private maskedTexts: Map<number, KeyText> | undefined;

  constructor(
    private readonly text: string,
    readonly sentinel: string,
    /** The ids of the keys and of the lists that occur. */
    readonly keys: readonly number[],
    readonly lists: readonly number[],
    private readonly index: PhraseIndex,
    public generation: number,
  ) {}

  has(list: PhraseList): boolean {
    return this.lists.length > 0 && this.index.hasList(list.id, this.index.mark(this));
  }

  mayHave(list: PhraseList): boolean {
    return this.has(list);
  }

  found(list: PhraseList): CompiledPhrase[] {
    return this.has(list) ? this.index.phrasesIn(list, this.generation) : [];
  }

  masked(mask: MaskList): KeyText {
    // no mask phrase occurs: masking changes nothing
    if (!this.has(mask)) return this;
    this.maskedTexts ??= new Map();
    let masked = this.maskedTexts.get(mask.id);
    if (masked === undefined) {
      // a closed mask only cuts text out: a phrase absent from the text is absent from what is left of it
      const generation = this.index.mark(this);
      const phrases = mask.closed ? mask.phrases.filter((p) => this.index.hasKey(p.id, generation)) : mask.phrases;
      const text = maskText(this.text, phrases, this.sentinel);
      // after a prefix phrase (`arriv*`), new words (` | ed `) can occur: the text is searched afresh
      masked = text === this.text ? this : mask.closed ? this.index.narrow(text, this) : this.index.scan(text, this.sentinel);
      this.maskedTexts.set(mask.id, masked);
    }
    return masked;
  }
}

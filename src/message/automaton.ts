import { buildTrie } from './trie.js';

/**
 * An Aho–Corasick automaton over literal keys: one left-to-right pass over a text finds every
 * occurrence of every key, however many keys there are (a message is looked up against thousands
 * of phrases, of which a handful occur). Keys and texts are compared as UTF-16 code units, as
 * `String.prototype.includes` compares them. No regular expression: nothing a shop writes is
 * compiled into something that can backtrack.
 * @example
 * new Automaton(['开胶', '胶']).matches('鞋子开胶了'); // [0, 4, 1, 4]: key 0 and key 1 both end at 4
 */
export class Automaton {
  /**
   * Each code unit that occurs in a key gets a small class number (0: in no key), so the root,
   * where a scan spends most of its time, is one array read, and a character in no key is one
   * array read that sends the scan back to the root. The trie's table, by blocks of 256 code units.
   */
  private readonly classBlocks: (Uint16Array | Uint32Array)[];
  /** The root's transitions, by class (0: none). */
  private readonly rootNext: Int32Array;
  /** The other states' transitions: `childClass` / `childState` from `childStart[s]` to `childStart[s + 1]`, by class. */
  private readonly childStart: Int32Array;
  private readonly childClass: Uint32Array;
  private readonly childState: Int32Array;
  /** The state of the longest proper suffix of a state's string that is also a state. */
  private readonly fail: Int32Array;
  /**
   * For an automaton with few states and classes (every file's tags and rewrites, a words file's
   * phrases): the transition of every state by every class, failure links already followed, so a
   * character costs one array read. Indexed by `state * width + class`.
   */
  private readonly delta: Int32Array | undefined;
  private readonly width: number;
  /** The keys ending at each state, its own and through failure links: `outIds` from `outStart[s]` to `outStart[s + 1]`. */
  private readonly outStart: Int32Array;
  private readonly outIds: Int32Array;
  /**
   * The characters keys start with, when they are few (tags, some rewrites): no key occurs before
   * the first of them, so a scan starts there, found by indexOf, which is many times faster.
   */
  private readonly firsts: readonly string[] | undefined;
  /** An empty key occurs in every text, as `includes('')` says. */
  private readonly empty: readonly number[];
  /** Key lengths, by key id. */
  readonly lengths: readonly number[];

  /**
   * Keys are numbered by their index; a repeated key is reported under each of its ids. The full
   * transition table is built when it has at most `denseLimit` entries (tests set 0 to try the other way).
   */
  constructor(keys: readonly string[], denseLimit = DENSE_LIMIT) {
    this.lengths = keys.map((k) => k.length);
    const trie = buildTrie(keys);
    const { states, classes, unitOf } = trie;
    this.classBlocks = trie.classBlocks;
    this.empty = trie.empty;
    this.width = classes + 1;
    // the trie's child lists are what `step` searches; failure links are set below, shallowest first
    this.childStart = trie.childStart;
    this.childClass = trie.childClass;
    this.childState = trie.childState;
    const rootChildren = trie.childStart[1]!;
    this.rootNext = new Int32Array(classes + 1);
    for (let k = 0; k < rootChildren; k++) this.rootNext[trie.childClass[k]!] = trie.childState[k]!;

    // breadth first, so a state's failure target is complete before its children need it
    const fail = new Int32Array(states);
    this.fail = fail;
    // every state but the root, breadth first
    const order = new Int32Array(states - 1);
    order.set(trie.childState.subarray(0, rootChildren));
    let tail = rootChildren;
    for (let head = 0; head < tail; head++) {
      const state = order[head]!;
      for (let k = trie.childStart[state]!, end = trie.childStart[state + 1]!; k < end; k++) {
        const child = trie.childState[k]!;
        fail[child] = this.step(fail[state]!, trie.childClass[k]!);
        order[tail++] = child;
      }
    }

    // the keys ending at a state: its own, in id order, then those of its failure target (complete, being shallower)
    const { sortedIds, ownStart, ownEnd } = trie;
    const outCount = new Int32Array(states);
    for (const state of order) outCount[state] = ownEnd[state]! - ownStart[state]! + outCount[fail[state]!]!;
    const outStart = new Int32Array(states + 1);
    for (let s = 0; s < states; s++) outStart[s + 1] = outStart[s]! + outCount[s]!;
    const outIds = new Int32Array(outStart[states]!);
    for (const state of order) {
      let k = outStart[state]!;
      for (let r = ownStart[state]!; r < ownEnd[state]!; r++) outIds[k++] = sortedIds[r]!;
      outIds.copyWithin(k, outStart[fail[state]!]!, outStart[fail[state]! + 1]!);
    }
    this.outStart = outStart;
    this.outIds = outIds;

    if (states * this.width <= denseLimit) {
      const { width } = this;
      const delta = new Int32Array(states * width);
      delta.set(this.rootNext);
      // breadth first: a state's failure target is shallower, so its row is complete
      for (const state of order) {
        delta.copyWithin(state * width, fail[state]! * width, (fail[state]! + 1) * width);
        for (let k = trie.childStart[state]!, end = trie.childStart[state + 1]!; k < end; k++) delta[state * width + trie.childClass[k]!] = trie.childState[k]!;
      }
      this.delta = delta;
      // a dense automaton needs no child lists
      this.childStart = new Int32Array(1);
      this.childClass = new Uint32Array(0);
      this.childState = new Int32Array(0);
    }
    // the characters keys start with: the root's children
    this.firsts = rootChildren <= 8 ? Array.from(trie.childClass.subarray(0, rootChildren), (c) => String.fromCharCode(unitOf[c]!)) : undefined;
  }

  /** The child of `state` by class `c`, or 0. */
  private child(state: number, c: number): number {
    const { childClass } = this;
    let lo = this.childStart[state]!;
    let hi = this.childStart[state + 1]!;
    while (hi - lo > 4) {
      const mid = (lo + hi) >>> 1;
      if (childClass[mid]! <= c) lo = mid;
      else hi = mid;
    }
    for (; lo < hi; lo++) if (childClass[lo] === c) return this.childState[lo]!;
    return 0;
  }

  /** The state after reading a character of class `c` (not 0) in `state`, failure links followed. */
  private step(state: number, c: number): number {
    for (let s = state; s !== 0; s = this.fail[s]!) {
      const to = this.child(s, c);
      if (to !== 0) return to;
    }
    return this.rootNext[c]!;
  }

  /** Every key occurrence as `[id, end, id, end, ...]`, by end index (empty keys first, with end 0); `NONE` when there is none. */
  matches(text: string): readonly number[] {
    let start = 0;
    if (this.firsts !== undefined) {
      start = text.length;
      for (const first of this.firsts) {
        const at = text.indexOf(first);
        if (at !== -1 && at < start) start = at;
      }
    }
    const hits: number[] = [];
    for (const id of this.empty) hits.push(id, 0);
    // two loops, each of which only ever sees one kind of automaton, so each is compiled for it
    if (this.delta !== undefined) this.scanDense(text, start, this.delta, hits);
    else this.scanSparse(text, start, hits);
    return hits.length === 0 ? NONE : hits;
  }

  private scanDense(text: string, start: number, delta: Int32Array, hits: number[]): void {
    const { classBlocks, outStart, outIds, width } = this;
    let state = 0;
    for (let i = start; i < text.length; i++) {
      const unit = text.charCodeAt(i);
      const c = classBlocks[unit >>> 8]![unit & 0xff]!;
      state = c === 0 ? 0 : delta[state * width + c]!;
      for (let k = outStart[state]!, end = outStart[state + 1]!; k < end; k++) hits.push(outIds[k]!, i + 1);
    }
  }

  private scanSparse(text: string, start: number, hits: number[]): void {
    const { classBlocks, outStart, outIds } = this;
    let state = 0;
    for (let i = start; i < text.length; i++) {
      const unit = text.charCodeAt(i);
      const c = classBlocks[unit >>> 8]![unit & 0xff]!;
      state = c === 0 ? 0 : this.step(state, c);
      for (let k = outStart[state]!, end = outStart[state + 1]!; k < end; k++) hits.push(outIds[k]!, i + 1);
    }
  }
}

const NONE: readonly number[] = Object.freeze([]);
/** Transitions kept for every state and class when they fit in 4 MB (a words file's phrases need about 1). */
const DENSE_LIMIT = 1 << 20;

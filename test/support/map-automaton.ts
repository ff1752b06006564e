/**
 * The phrase automaton as it was built before start-up was cut (a `Map` per trie state, then
 * flattened), kept to check the flat build against: both must report the same occurrences in the
 * same order, since the order of a file's keys and lists follows from it.
 */
export class MapAutomaton {
  /**
   * Each code unit that occurs in a key gets a small class number (0: in no key), so the root,
   * where a scan spends most of its time, is one array read, and a character in no key is one
   * array read that sends the scan back to the root. Kept by blocks of 256 code units, blocks
   * without a key's unit sharing one block of zeros: a text's characters then hit few cache lines.
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
    const units = new Set<number>();
    for (const key of keys) for (let i = 0; i < key.length; i++) units.add(key.charCodeAt(i));
    // a class number fits in 16 bits unless the keys hold every one of the 65,536 code units
    const Block = units.size < 0x10000 ? Uint16Array : Uint32Array;
    const none = new Block(256);
    const blocks = Array.from({ length: 256 }, () => none);
    let classes = 0;
    for (const unit of units) {
      if (blocks[unit >>> 8] === none) blocks[unit >>> 8] = new Block(256);
      blocks[unit >>> 8]![unit & 0xff] = ++classes;
    }
    this.classBlocks = blocks;
    const next: Map<number, number>[] = [new Map()];
    const out: number[][] = [[]];
    const empty: number[] = [];
    keys.forEach((key, id) => {
      if (key === '') {
        empty.push(id);
        return;
      }
      let state = 0;
      for (let i = 0; i < key.length; i++) {
        const unit = key.charCodeAt(i);
        const c = blocks[unit >>> 8]![unit & 0xff]!;
        let to = next[state]!.get(c);
        if (to === undefined) {
          to = next.length;
          next.push(new Map());
          out.push([]);
          next[state]!.set(c, to);
        }
        state = to;
      }
      out[state]!.push(id);
    });
    this.empty = empty;

    // breadth first, so a state's failure target and its outputs are complete before its children need them
    const fail = new Int32Array(next.length);
    const queue: number[] = [...next[0]!.values()];
    for (let head = 0; head < queue.length; head++) {
      const state = queue[head]!;
      for (const [c, child] of next[state]!) {
        let f = fail[state]!;
        while (f !== 0 && !next[f]!.has(c)) f = fail[f]!;
        fail[child] = next[f]!.get(c) ?? 0;
        const inherited = out[fail[child]!]!;
        if (inherited.length > 0) out[child] = [...out[child]!, ...inherited];
        queue.push(child);
      }
    }
    this.fail = fail;
    this.outStart = new Int32Array(next.length + 1);
    out.forEach((ids, state) => (this.outStart[state + 1] = this.outStart[state]! + ids.length));
    this.outIds = Int32Array.from(out.flat());

    this.rootNext = new Int32Array(classes + 1);
    for (const [c, child] of next[0]!) this.rootNext[c] = child;
    this.width = classes + 1;
    if (next.length * this.width <= denseLimit) {
      const delta = new Int32Array(next.length * this.width);
      delta.set(this.rootNext);
      // breadth first: a state's failure target is shallower, so its row is complete
      for (const state of queue) {
        delta.copyWithin(state * this.width, fail[state]! * this.width, (fail[state]! + 1) * this.width);
        for (const [c, child] of next[state]!) delta[state * this.width + c] = child;
      }
      this.delta = delta;
    }
    const firsts = [...new Set(keys.filter((k) => k !== '').map((k) => k[0]!))];
    this.firsts = firsts.length <= 8 ? firsts : undefined;
    // a dense automaton needs no child lists
    const sparse = this.delta === undefined ? next : [];
    this.childStart = new Int32Array(sparse.length + 1);
    sparse.forEach((children, state) => (this.childStart[state + 1] = this.childStart[state]! + (state === 0 ? 0 : children.size)));
    this.childClass = new Uint32Array(this.childStart[sparse.length]!);
    this.childState = new Int32Array(this.childStart[sparse.length]!);
    sparse.forEach((children, state) => {
      if (state === 0) return;
      let k = this.childStart[state]!;
      // by class, for a binary search among many children (the states near the root have dozens)
      for (const [c, child] of [...children].sort(([a], [b]) => a - b)) {
        this.childClass[k] = c;
        this.childState[k++] = child;
      }
    });
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

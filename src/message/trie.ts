/**
 * The trie of a set of literal keys, built straight into flat arrays: an automaton is built once
 * per pattern file at start-up, before anything is warm, where a `Map` per state (thousands of
 * them) cost more than everything else the build does.
 *
 * The keys are taken in sorted order (UTF-16 code units, as `<` compares strings) and the code
 * units are numbered in increasing order, so each key shares with the previous one exactly their
 * common prefix, each new state is made once, and a state's children are made in increasing class
 * order: the child lists come out sorted, ready for a binary search, with no sorting of their own.
 */
export interface Trie {
  /** Number of states, the root (0) included. */
  states: number;
  /** Number of classes: code units in some key are numbered 1 to `classes`, in increasing order. */
  classes: number;
  /**
   * The class of each code unit (0: in no key), by blocks of 256 code units: the class of `u` is
   * `classBlocks[u >>> 8][u & 0xff]`. Blocks without a key's unit share one block of zeros, so a
   * text's characters hit few cache lines when a scan looks them up.
   */
  classBlocks: (Uint16Array | Uint32Array)[];
  /** The code unit of each class. */
  unitOf: Uint16Array;
  /** The children of state `s`: `childClass` / `childState` from `childStart[s]` to `childStart[s + 1]`, by increasing class. */
  childStart: Int32Array;
  childClass: Uint32Array;
  childState: Int32Array;
  /** The non-empty keys' ids in key order (ties in id order). */
  sortedIds: Int32Array;
  /** The keys ending at state `s` are `sortedIds[ownStart[s]]` to `sortedIds[ownEnd[s] - 1]`, in id order (none when `ownEnd[s]` is 0). */
  ownStart: Int32Array;
  ownEnd: Int32Array;
  /** The ids of the empty keys, in order. */
  empty: number[];
}

const byCodeUnits = (keys: readonly string[]) => (a: number, b: number): number => {
  const x = keys[a]!;
  const y = keys[b]!;
  return x < y ? -1 : x > y ? 1 : 0;
};

export const buildTrie = (keys: readonly string[]): Trie => {
  const seen = new Uint8Array(0x10000);
  const units: number[] = [];
  let total = 0;
  let longest = 0;
  const ids: number[] = [];
  const empty: number[] = [];
  for (let id = 0; id < keys.length; id++) {
    const key = keys[id]!;
    if (key === '') {
      empty.push(id);
      continue;
    }
    ids.push(id);
    total += key.length;
    if (key.length > longest) longest = key.length;
    for (let i = 0; i < key.length; i++) {
      const unit = key.charCodeAt(i);
      if (seen[unit] === 0) {
        seen[unit] = 1;
        units.push(unit);
      }
    }
  }
  // classes by increasing code unit (a typed array sorts numerically); not by a walk over all
  // 65,536 units, which costs more than a small automaton's whole build before it is compiled
  const unitOf = new Uint16Array(units.length + 1);
  unitOf.set(units, 1);
  unitOf.subarray(1).sort();
  const classes = units.length;
  // a class number fits in 16 bits unless the keys hold every one of the 65,536 code units
  const Block = classes < 0x10000 ? Uint16Array : Uint32Array;
  const none = new Block(256);
  const classBlocks = Array.from({ length: 256 }, () => none);
  for (let c = 1; c <= classes; c++) {
    const unit = unitOf[c]!;
    if (classBlocks[unit >>> 8] === none) classBlocks[unit >>> 8] = new Block(256);
    classBlocks[unit >>> 8]![unit & 0xff] = c;
  }

  // sort is stable: equal keys stay in id order
  ids.sort(byCodeUnits(keys));
  const sortedIds = Int32Array.from(ids);
  // at most one state per code unit of the keys, and the root
  const capacity = total + 1;
  const parent = new Int32Array(capacity);
  const label = new Uint32Array(capacity);
  const ownStart = new Int32Array(capacity);
  const ownEnd = new Int32Array(capacity);
  // the states along the previous key: path[d] is its state at depth d
  const path = new Int32Array(longest + 1);
  let states = 1;
  let previous = '';
  for (let r = 0; r < sortedIds.length; r++) {
    const key = keys[sortedIds[r]!]!;
    const limit = Math.min(key.length, previous.length);
    let shared = 0;
    while (shared < limit && key.charCodeAt(shared) === previous.charCodeAt(shared)) shared++;
    let state = path[shared]!;
    for (let i = shared; i < key.length; i++) {
      const made = states++;
      parent[made] = state;
      const unit = key.charCodeAt(i);
      label[made] = classBlocks[unit >>> 8]![unit & 0xff]!;
      path[i + 1] = made;
      state = made;
    }
    // equal keys are next to each other: the ids ending here are one run of sortedIds
    if (ownEnd[state] === 0) ownStart[state] = r;
    ownEnd[state] = r + 1;
    previous = key;
  }

  // children by parent, in the order they were made, which is by increasing class
  const childStart = new Int32Array(states + 1);
  for (let s = 1; s < states; s++) childStart[parent[s]! + 1]!++;
  for (let s = 0; s < states; s++) childStart[s + 1]! += childStart[s]!;
  const fill = childStart.slice(0, states);
  const childClass = new Uint32Array(states - 1);
  const childState = new Int32Array(states - 1);
  for (let s = 1; s < states; s++) {
    const k = fill[parent[s]!]!++;
    childClass[k] = label[s]!;
    childState[k] = s;
  }
  return {
    states,
    classes,
    classBlocks,
    unitOf,
    childStart,
    childClass,
    childState,
    sortedIds,
    ownStart: ownStart.subarray(0, states),
    ownEnd: ownEnd.subarray(0, states),
    empty,
  };
};

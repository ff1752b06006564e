/**
 * JSON nesting is measured before zod sees a document: zod's recursive parse of condition trees
 * overflows the stack at about a thousand levels, and a `RangeError` from there would escape as a
 * crash instead of an `INVALID_RULE` naming the file.
 */

/**
 * The path to the first value nested deeper than `maxDepth` (the root is depth 0), or undefined.
 * @example
 * findTooDeep({ all: [{ all: [] }] }, 2); // ['all', 0]
 * findTooDeep({ all: [] }, 2); // undefined
 */
export const findTooDeep = (root: unknown, maxDepth: number): PropertyKey[] | undefined => {
  // An explicit stack, so that measuring a hostile document cannot overflow either; a cycle
  // (possible in objects passed from code) is simply found too deep.
  const stack: { value: unknown; path: PropertyKey[] }[] = [{ value: root, path: [] }];
  for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
    const { value, path } = item;
    if (value === null || typeof value !== 'object') continue;
    if (path.length >= maxDepth) return path;
    const entries: [PropertyKey, unknown][] = Array.isArray(value) ? value.map((v, i) => [i, v]) : Object.entries(value);
    for (const [key, child] of entries) stack.push({ value: child, path: [...path, key] });
  }
  return undefined;
};

import { jsonPath } from './errors.js';

/** Deep enough for every document the library reads (rule files stop at 64 levels); a cycle ends here. */
const MAX_DEPTH = 100;

/**
 * Where reading an object passed from code throws (a throwing getter, a revoked proxy): the JSON
 * path of the first value that cannot be read, so the error names the field rather than the whole
 * document; `$` when the root itself cannot be read or nothing throws on a second reading.
 * @example
 * unreadablePath({ order: { get id() { throw new Error('boom'); } } }); // '$.order.id'
 */
export const unreadablePath = (root: unknown): string => {
  const stack: { value: unknown; path: PropertyKey[] }[] = [{ value: root, path: [] }];
  for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
    const { value, path } = item;
    if (value === null || typeof value !== 'object' || path.length >= MAX_DEPTH) continue;
    let keys: PropertyKey[];
    try {
      keys = Array.isArray(value) ? Array.from(value.keys()) : Object.keys(value);
    } catch {
      return jsonPath(path);
    }
    // pushed last key first, so that the walk goes depth first in key order
    for (let k = keys.length - 1; k >= 0; k--) {
      const childPath = [...path, keys[k]!];
      try {
        stack.push({ value: (value as Record<PropertyKey, unknown>)[keys[k]!], path: childPath });
      } catch {
        return jsonPath(childPath);
      }
    }
  }
  return '$';
};

import { readdirSync } from 'node:fs';
import { join } from 'node:path';

/** Every .json file below `dir`, sorted so that loading order never depends on the file system. */
export const listJsonFiles = (dir: string): string[] =>
  readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.json'))
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();

import { readdirSync, realpathSync, statSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Every .json file below `dir`, sorted so that loading order never depends on the file system.
 * Symbolic links are followed, as a shop that links its rules in from a shared folder expects;
 * a directory reached twice (a link back up the tree) is walked once. A link named `.json` that
 * points nowhere is listed, so that reading it reports it rather than the rule silently missing.
 */
export const listJsonFiles = (dir: string): string[] => {
  const files: string[] = [];
  const walked = new Set<string>();
  const walk = (at: string): void => {
    const real = realpathSync(at);
    if (walked.has(real)) return;
    walked.add(real);
    for (const entry of readdirSync(at, { withFileTypes: true })) {
      const path = join(at, entry.name);
      let isDirectory = entry.isDirectory();
      let isFile = entry.isFile();
      if (entry.isSymbolicLink()) {
        const target = statSync(path, { throwIfNoEntry: false });
        isDirectory = target?.isDirectory() ?? false;
        // a dangling link is kept as a file: reading it names it
        isFile = target === undefined || target.isFile();
      }
      if (isDirectory) walk(path);
      else if (isFile && entry.name.endsWith('.json')) files.push(path);
    }
  };
  walk(dir);
  return files.sort();
};

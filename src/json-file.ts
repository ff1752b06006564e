import { readFileSync } from 'node:fs';

/**
 * A JSON file's value. A leading UTF-8 byte-order mark is dropped: editors on Windows write one,
 * and `JSON.parse` refuses it. Read and parse errors are thrown as they come.
 */
export const readJsonFile = (path: string): unknown => {
  const text = readFileSync(path, 'utf8');
  return JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
};

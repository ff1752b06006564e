/**
 * Fills every missing zh-TW text in rules/ from its zh-CN text with OpenCC (mainland to Taiwan,
 * with Taiwan phrases). Authors write zh-CN and en, run this, then read the zh-TW it wrote.
 * Usage: npx tsx scripts/fill-zh-tw.ts [rules-dir]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import * as OpenCC from 'opencc-js';
import { listJsonFiles } from '../src/rules/files.js';

const toTaiwan = OpenCC.Converter({ from: 'cn', to: 'twp' });

const fill = (node: unknown): number => {
  if (Array.isArray(node)) return node.reduce((n: number, item) => n + fill(item), 0);
  if (node === null || typeof node !== 'object') return 0;
  const record = node as Record<string, unknown>;
  let filled = 0;
  if (typeof record['zh-CN'] === 'string' && typeof record['en'] === 'string' && record['zh-TW'] === undefined) {
    const { 'zh-CN': cn, en, ...rest } = record;
    for (const key of Object.keys(record)) delete record[key];
    Object.assign(record, { 'zh-CN': cn, 'zh-TW': toTaiwan(cn as string), en }, rest);
    filled++;
  }
  for (const value of Object.values(record)) filled += fill(value);
  return filled;
};

const dir = process.argv[2] ?? 'rules';
let total = 0;
for (const file of listJsonFiles(dir)) {
  const json: unknown = JSON.parse(readFileSync(file, 'utf8'));
  const filled = fill(json);
  if (filled > 0) {
    writeFileSync(file, JSON.stringify(json, null, 2) + '\n');
    total += filled;
  }
}
console.log(`filled ${total} zh-TW text(s) under ${dir}`);

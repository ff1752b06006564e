/** Rewrites the README's generated blocks (`npm run docs`); `--check` exits 1 when they are stale. */
import { readFileSync, writeFileSync } from 'node:fs';
import { renderReadme } from './blocks.js';

const readme = readFileSync('README.md', 'utf8');
const next = renderReadme(readme);
if (process.argv.includes('--check')) {
  if (next !== readme) {
    console.error('README.md generated blocks are stale: run npm run docs');
    process.exit(1);
  }
} else {
  writeFileSync('README.md', next);
}

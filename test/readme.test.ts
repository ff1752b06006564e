import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { renderReadme } from '../scripts/readme/blocks.js';

it('README tables (situations, facts, policy) and the decision-flow diagram match the rule files and schemas; run `npm run docs` when this fails', () => {
  const readme = readFileSync('README.md', 'utf8');
  expect(renderReadme(readme)).toBe(readme);
});

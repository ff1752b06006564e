/**
 * Regenerates the decision-flow diagram in README.md from the built-in rules
 * (`npm run diagram`); `--check` fails instead of writing when the README is stale.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createTriage } from '../src/triage.js';
import { decisionFlowDiagram, withDecisionFlow } from './decision-flow-diagram.js';

const README = 'README.md';
const current = readFileSync(README, 'utf8');
const next = withDecisionFlow(current, decisionFlowDiagram(createTriage().ruleSet));
if (current === next) process.exit(0);
if (process.argv.includes('--check')) {
  console.error(`${README}: the decision-flow diagram is stale: run npm run diagram`);
  process.exit(1);
}
writeFileSync(README, next);
console.log(`${README}: decision-flow diagram updated`);

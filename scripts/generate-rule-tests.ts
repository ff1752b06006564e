/**
 * Writes src/generated/builtin-rule-tests.ts (scripts/rule-tests-source.ts) from the built-in rule
 * files, after scripts/bundle-rules.ts has bundled them. `--check` fails instead of writing when
 * the file is stale.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { builtinSources } from '../src/generated/builtin-rules.js';
import { loadRuleSet } from '../src/rules/load.js';
import { ruleTestsSource } from './rule-tests-source.js';

export const RULE_TESTS_FILE = 'src/generated/builtin-rule-tests.ts';

const ruleSet = loadRuleSet({ builtin: builtinSources, rules: [], situations: [], checks: [], conditions: [], disable: [] });
const text = ruleTestsSource(ruleSet);
const current = existsSync(RULE_TESTS_FILE) ? readFileSync(RULE_TESTS_FILE, 'utf8') : '';
if (current !== text) {
  if (process.argv.includes('--check')) {
    console.error(`${RULE_TESTS_FILE} is stale: run npm run rules:bundle`);
    process.exit(1);
  }
  writeFileSync(RULE_TESTS_FILE, text);
  console.log(`${RULE_TESTS_FILE} written`);
}

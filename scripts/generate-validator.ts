/**
 * Writes src/generated/validate-input.ts, the validator generated from the zod schema TriageInput
 * (scripts/validator-source.ts), so that the schema stays the only place the input's shape is
 * written. Runs before typecheck and build, like the rule bundle; `--check` fails instead of
 * writing when the file is stale.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { generatedValidators, Refusal } from './validator-source.js';

let files: Record<string, string>;
try {
  files = generatedValidators();
} catch (error) {
  // A construct the generator does not mirror: say where, without a stack.
  if (!(error instanceof Refusal)) throw error;
  console.error(`cannot generate the input validator: ${error.message}`);
  process.exit(1);
}
const check = process.argv.includes('--check');
let stale = 0;
for (const [path, text] of Object.entries(files)) {
  const current = existsSync(path) ? readFileSync(path, 'utf8') : '';
  if (current === text) continue;
  if (check) {
    console.error(`${path} is stale: run npm run validator:generate`);
    stale++;
  } else {
    writeFileSync(path, text);
    console.log(`${path} written`);
  }
}
if (stale > 0) process.exit(1);

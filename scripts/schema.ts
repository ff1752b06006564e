/**
 * Writes schema/*.schema.json from the zod schemas (`npm run schema`); `--check` fails instead of
 * writing when a file is stale.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { jsonSchemaFiles, SCHEMA_DIR } from './json-schemas.js';

const files = jsonSchemaFiles();
const check = process.argv.includes('--check');
let stale = 0;
mkdirSync(SCHEMA_DIR, { recursive: true });
for (const [name, text] of Object.entries(files)) {
  const path = join(SCHEMA_DIR, name);
  const current = existsSync(path) ? readFileSync(path, 'utf8') : '';
  if (current === text) continue;
  if (check) {
    console.error(`${path} is stale: run npm run schema`);
    stale++;
  } else {
    writeFileSync(path, text);
    console.log(`${path} written`);
  }
}
if (stale > 0) process.exit(1);

import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FACT_NAMES } from '../src/index.js';
import { listJsonFiles } from '../src/rules/files.js';
import { jsonSchemaFiles, SCHEMA_DIR } from '../scripts/json-schemas.js';
import { jsonSchemaErrors } from './support/json-schema-check.js';

const generated = jsonSchemaFiles();
const readJson = (file: string): Record<string, unknown> => JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
const ruleFiles = [...listJsonFiles('rules'), ...listJsonFiles('test/data/shop-rules'), ...listJsonFiles('test/data/shadowed-rules')];

describe('the JSON Schemas under schema/', () => {
  it.each(Object.keys(generated))('%s is current (run npm run schema)', (name) => {
    expect(readFileSync(join(SCHEMA_DIR, name), 'utf8')).toBe(generated[name]);
  });

  it('offer exactly the fact names of the Facts schema', () => {
    const rule = readJson(join(SCHEMA_DIR, 'rule.schema.json')) as { $defs: { FactName: { enum: string[] } } };
    expect(rule.$defs.FactName.enum).toEqual([...FACT_NAMES]);
  });

  it.each(ruleFiles)('%s references an existing schema and conforms to it', (file) => {
    const json = readJson(file);
    expect(typeof json.$schema).toBe('string');
    const schemaPath = resolve(dirname(file), json.$schema as string);
    expect(schemaPath.startsWith(resolve(SCHEMA_DIR))).toBe(true);
    expect(jsonSchemaErrors(readJson(schemaPath), json)).toEqual([]);
  });

  it('reject what the loader rejects in shape: a misspelt fact name', () => {
    const file = 'test/data/broken-rules/refunds/vip-refund.json';
    const errors = jsonSchemaErrors(readJson(join(SCHEMA_DIR, 'rule.schema.json')), readJson(file));
    expect(errors.join('\n')).toContain('$.conditions');
  });
});

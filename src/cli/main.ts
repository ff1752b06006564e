#!/usr/bin/env node
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { TriageError } from '../errors.js';
import { createTriage } from '../triage.js';
import { Locale } from '../schema/vocabulary.js';
import { formatResult } from './print.js';

const USAGE = `Usage: after-sales-triage <input.json> [--json] [--locale zh-CN|zh-TW|en] [--rules DIR]...

Triages one order situation. <input.json> is a TriageInput, or a fixture ({ "input": ... }).
  --json     print the TriageResult as JSON
  --locale   language of the wording (default: the input's, else zh-CN)
  --rules    a directory of shop rule files, on top of the built-in ones (repeatable)`;

const readInput = (file: string): unknown => {
  const json: unknown = JSON.parse(readFileSync(file, 'utf8'));
  // A fixture wraps its input beside the expected triage.
  return json !== null && typeof json === 'object' && 'input' in json && 'expect' in json ? json.input : json;
};

const run = async (argv: string[]): Promise<number> => {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      json: { type: 'boolean', default: false },
      locale: { type: 'string' },
      rules: { type: 'string', multiple: true },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const file = positionals[0];
  if (values.help || file === undefined) {
    console.log(USAGE);
    return values.help ? 0 : 2;
  }
  const locale = values.locale === undefined ? undefined : Locale.parse(values.locale);
  const triager = createTriage(values.rules ? { ruleDirs: values.rules } : {});
  const input = readInput(file) as Record<string, unknown>;
  const result = await triager.triage(locale ? { ...input, locale } as never : input as never);
  console.log(values.json ? JSON.stringify(result, null, 2) : formatResult(result));
  return 0;
};

run(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof TriageError) {
      console.error(error.message);
      process.exit(1);
    }
    console.error(error instanceof Error ? `[after-sales-triage] ${error.message}` : error);
    process.exit(1);
  },
);

import { parseArgs } from 'node:util';
import { causeMessage, prefixedMessage } from '../errors.js';
import { readJsonFile } from '../json-file.js';
import { explainTriage } from '../explain/explain.js';
import { Locale } from '../schema/vocabulary.js';
import type { TriageInput } from '../schema/input.js';
import { createTriage } from '../triage.js';
import { formatExplanation } from './print-explain.js';
import { formatResult } from './print.js';
import { formatValidation, validateRuleDirs } from './validate.js';

export const USAGE = `Usage:
  after-sales-triage <input.json> [--json] [--locale zh-CN|zh-TW|en] [--rules DIR]...
      Triage one order situation. <input.json> is a TriageInput, or a fixture ({ "input": ... }).
  after-sales-triage explain <input.json> [--all] [--json] [--locale ...] [--rules DIR]...
      Show every rule in the order it is tried: which fired, which decided, and the conditions
      that failed (with the fact values they saw). --all prints each rule's whole condition tree.
  after-sales-triage validate <dir>... [--json]
      Check a directory of shop rule files together with the built-in rules. Exit code 1 on
      errors; warnings (rules that can never decide) are printed and keep exit code 0.

Options:
  --json     print JSON instead of text
  --locale   language of the wording (default: the input's, else zh-CN)
  --rules    a directory of shop rule files, on top of the built-in ones (repeatable)`;

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
}

const consoleIo: CliIo = { out: (t) => console.log(t), err: (t) => console.error(t) };

class UsageError extends Error {}

const readInput = (file: string): TriageInput => {
  let json: unknown;
  try {
    json = readJsonFile(file);
  } catch (cause) {
    throw new Error(`cannot read ${file}: ${causeMessage(cause)}`, { cause });
  }
  // A fixture wraps its input beside the expected triage.
  const input = json !== null && typeof json === 'object' && 'input' in json && 'expect' in json ? json.input : json;
  return input as TriageInput;
};

const withLocale = (input: TriageInput, locale: string | undefined): TriageInput => {
  if (locale === undefined) return input;
  const parsed = Locale.safeParse(locale);
  if (!parsed.success) throw new UsageError(`--locale must be one of ${Locale.options.join(', ')}`);
  // an input that is no object gets no locale: validation then names what it is (spread, an array became an object with keys "0", "1"…)
  if (input === null || typeof input !== 'object' || Array.isArray(input)) return input;
  return { ...input, locale: parsed.data };
};

const parse = (argv: string[]) =>
  parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      json: { type: 'boolean', default: false },
      all: { type: 'boolean', default: false },
      locale: { type: 'string' },
      rules: { type: 'string', multiple: true },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });

/**
 * The command line, as a function: returns the exit code instead of exiting, and writes through `io`.
 * @example
 * const code = await run(['validate', 'shop-rules']); // 0 valid (warnings printed), 1 errors, 2 usage
 */
export const run = async (argv: string[], io: CliIo = consoleIo): Promise<number> => {
  try {
    let args;
    try {
      args = parse(argv);
    } catch (error) {
      throw new UsageError(causeMessage(error));
    }
    const { values, positionals } = args;
    const [first, ...rest] = positionals;
    if (values.help) {
      io.out(USAGE);
      return 0;
    }
    if (first === 'validate') {
      if (rest.length === 0) throw new UsageError('validate needs a rules directory');
      const report = validateRuleDirs(rest);
      io.out(values.json ? JSON.stringify(report, null, 2) : formatValidation(rest, report));
      return report.ok ? 0 : 1;
    }
    const explain = first === 'explain';
    const file = explain ? rest[0] : first;
    if (file === undefined || (explain ? rest.length : positionals.length) > 1) throw new UsageError(explain ? 'explain needs one input file' : 'give one input file');
    const triager = createTriage(values.rules ? { ruleDirs: values.rules } : {});
    const input = withLocale(readInput(file), values.locale);
    if (explain) {
      const explanation = await explainTriage(triager, input);
      io.out(values.json ? JSON.stringify(explanation.rules, null, 2) : formatExplanation(explanation, values.all));
      return 0;
    }
    const result = await triager.triage(input);
    io.out(values.json ? JSON.stringify(result, null, 2) : formatResult(result));
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`[after-sales-triage] ${error.message}\n\n${USAGE}`);
      return 2;
    }
    io.err(prefixedMessage(error));
    return 1;
  }
};

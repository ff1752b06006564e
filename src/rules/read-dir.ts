import { basename, relative, sep } from 'node:path';
import { TriageError, causeMessage } from '../errors.js';
import { readJsonFile } from '../json-file.js';
import { listJsonFiles } from './files.js';
import type { RuleSource } from './load.js';

export interface RuleDirectory {
  rules: RuleSource[];
  situations: RuleSource[];
  checks: RuleSource[];
  conditions: RuleSource[];
  wording: RuleSource[];
  /** Message pattern files, under `<dir>/messages/`: they are not rules. */
  messages: RuleSource[];
}

const CATALOGUE_NAMES = new Set(['situations.json', 'checks.json', 'conditions.json', 'wording.json']);

/** Reads a directory of rule files (`situations.json`, `checks.json`, `conditions.json`, `wording.json` there are catalogues); a file that is not JSON is reported with its name, not thrown raw. */
export const readRuleDirectory = (dir: string): RuleDirectory => {
  const out: RuleDirectory = { rules: [], situations: [], checks: [], conditions: [], wording: [], messages: [] };
  const problems = [];
  let files: string[];
  try {
    files = listJsonFiles(dir);
  } catch (cause) {
    throw new TriageError('INVALID_OPTIONS', [{ file: dir, path: '$', code: 'unreadable', message: `cannot read rule directory: ${String(cause)}` }], { cause });
  }
  for (const file of files) {
    let json: unknown;
    try {
      json = readJsonFile(file);
    } catch (cause) {
      problems.push(cause instanceof SyntaxError
        ? { file, path: '$', code: 'invalid_json', message: `not valid JSON: ${causeMessage(cause)}` }
        : { file, path: '$', code: 'unreadable', message: `cannot read the file: ${causeMessage(cause)}` });
      continue;
    }
    const name = basename(file);
    const doc = { source: file, json };
    if (relative(dir, file).split(sep)[0] === 'messages') out.messages.push(doc);
    else if (CATALOGUE_NAMES.has(name)) out[name.replace('.json', '') as 'situations' | 'checks' | 'conditions' | 'wording'].push(doc);
    else out.rules.push(doc);
  }
  if (problems.length > 0) throw new TriageError('INVALID_RULE', problems);
  return out;
};

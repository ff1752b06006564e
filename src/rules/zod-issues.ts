import type { z } from 'zod';
import { issuesFromZod, type TriageIssue } from '../errors.js';

type Issue = z.core.$ZodIssue;

const valueAt = (json: unknown, path: readonly PropertyKey[]): unknown => {
  let current = json;
  for (const key of path) {
    if (current === null || typeof current !== 'object' || !Object.hasOwn(current, key)) return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
};

/**
 * How badly a union member misses the shape of the value: issues on the value itself (wrong type,
 * unknown keys) and keys it lacks. The member with the fewest is the one the author meant.
 */
const shapeMisses = (branch: readonly Issue[], json: unknown, at: readonly PropertyKey[]): number =>
  branch.filter((issue) => issue.path.length === 0 || valueAt(json, [...at, ...issue.path]) === undefined).length;

const editDistance = (a: string, b: string): number => {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) next[j] = Math.min(row[j]! + 1, next[j - 1]! + 1, row[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    row = next;
  }
  return row[b.length]!;
};

/** Long enum lists (fact names) read badly in full: name the wrong value and the closest right one. */
const readable = (issue: Issue, json: unknown, at: readonly PropertyKey[]): string => {
  const value = valueAt(json, at);
  if (value === undefined && at.length > 0) return `missing ${JSON.stringify(String(at[at.length - 1]))}`;
  if (issue.code !== 'invalid_value' || issue.values.length <= 8 || typeof value !== 'string') return issue.message;
  const options = issue.values.map(String);
  const [closest] = [...options].sort((a, b) => editDistance(value, a) - editDistance(value, b));
  const hint = closest !== undefined && editDistance(value, closest) <= Math.max(2, value.length / 3) ? `; did you mean "${closest}"?` : '';
  return `unknown value ${JSON.stringify(value)} (not one of the ${options.length} allowed)${hint}`;
};

const flatten = (issues: readonly Issue[], json: unknown, prefix: readonly PropertyKey[]): Issue[] =>
  issues.flatMap((issue): Issue[] => {
    const at = [...prefix, ...issue.path];
    if (issue.code !== 'invalid_union' || issue.errors.length === 0) return [{ ...issue, path: at, message: readable(issue, json, at) }];
    const scores = issue.errors.map((branch) => shapeMisses(branch, json, at));
    const best = Math.min(...scores);
    const chosen = scores.filter((s) => s === best).length === 1 ? issue.errors[scores.indexOf(best)] : undefined;
    if (chosen) return flatten(chosen, json, at);
    return [{ ...issue, path: at, message: 'matches none of the allowed forms (see schema/rule.schema.json)' }];
  });

/**
 * zod's issues for a rule file, with each union failure (a condition is a leaf, a reference, `all`,
 * `any` or `not`; a value is a literal, a list or `{ "fact" }`) replaced by the issues of the form the
 * author evidently meant, so the path points at the wrong fact name rather than at `$.conditions`.
 * @example
 * const parsed = RuleFile.safeParse(json);
 * if (!parsed.success) ruleIssuesFromZod(parsed.error.issues, json, 'shop/vip.json');
 * // [{ file: 'shop/vip.json', path: '$.conditions.all[1].fact', code: 'invalid_value', message: 'Invalid option: …' }]
 */
export const ruleIssuesFromZod = (issues: readonly Issue[], json: unknown, file: string): TriageIssue[] =>
  issuesFromZod(flatten(issues, json, []), file);

import type { TriageIssue } from '../errors.js';
import { TriageError } from '../errors.js';
import { createTriage } from '../triage.js';

export interface ValidationReport {
  ok: boolean;
  errors: readonly TriageIssue[];
  warnings: readonly TriageIssue[];
  /** Rules in the loaded set, and how many of them came from the directories. */
  rules: number;
  shopRules: number;
}

/**
 * Loads shop rule directories together with the built-in rules and collects every error and warning.
 * @example
 * const report = validateRuleDirs(['shop-rules']);
 * report.ok; // false when any file has an error; warnings (shadowed rules) keep it true
 */
export const validateRuleDirs = (dirs: readonly string[]): ValidationReport => {
  try {
    const { ruleSet } = createTriage({ ruleDirs: [...dirs] });
    return { ok: true, errors: [], warnings: ruleSet.warnings, rules: ruleSet.rules.length, shopRules: ruleSet.rules.filter((r) => r.origin === 'custom').length };
  } catch (error) {
    if (!(error instanceof TriageError) || (error.code !== 'INVALID_RULE' && error.code !== 'INVALID_OPTIONS')) throw error;
    return { ok: false, errors: error.issues, warnings: [], rules: 0, shopRules: 0 };
  }
};

const byFile = (issues: readonly TriageIssue[]): Map<string, TriageIssue[]> => {
  const groups = new Map<string, TriageIssue[]>();
  for (const issue of issues) {
    const file = issue.file ?? '(options)';
    groups.set(file, [...(groups.get(file) ?? []), issue]);
  }
  return new Map([...groups].sort(([a], [b]) => a.localeCompare(b)));
};

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** The report as a person reads it: a verdict line, then each file with its problems under it. */
export const formatValidation = (dirs: readonly string[], report: ValidationReport): string => {
  const where = dirs.join(', ');
  const verdict = report.ok
    ? `${where}: valid, ${plural(report.warnings.length, 'warning')} (${plural(report.shopRules, 'shop rule')}, ${report.rules} in all with the built-in ones)`
    : `${where}: ${plural(report.errors.length, 'error')}`;
  const lines = [verdict];
  for (const [kind, issues] of [['error', report.errors], ['warning', report.warnings]] as const) {
    for (const [file, list] of byFile(issues)) {
      lines.push('', file);
      for (const issue of list) lines.push(`  ${kind.padEnd(7)} ${issue.path}  ${issue.message}  [${issue.code}]`);
    }
  }
  return lines.join('\n');
};

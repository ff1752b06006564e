import { basename } from 'node:path';
import type { z } from 'zod';
import { TriageError, issuesFromZod, jsonPath, type TriageIssue } from '../errors.js';
import { Facts, FACT_NAMES } from '../schema/facts.js';
import {
  CheckCatalogue,
  ConditionCatalogue,
  RuleFile,
  SituationCatalogue,
  type ConditionNode,
  type TopLevelCondition,
  type Wording,
} from '../schema/rule.js';
import { LOCALES, type Category } from '../schema/vocabulary.js';
import { compileTemplate, isTemplateProblem } from '../wording/template.js';
import { findTooDeep } from './depth.js';
import type { LoadedCheck, LoadedRule, LocalizedTemplates, RuleSet } from './types.js';

/** A JSON document and where it came from (a file path, or a label for objects passed in code). */
export interface RuleSource {
  source: string;
  json: unknown;
}

export interface RuleSetSpec {
  builtin: {
    rules: readonly RuleSource[];
    situations: RuleSource;
    checks: RuleSource;
    conditions: RuleSource;
  };
  /** Shop rules: a rule whose id is a built-in one replaces it. */
  rules: readonly RuleSource[];
  situations: readonly RuleSource[];
  checks: readonly RuleSource[];
  conditions: readonly RuleSource[];
  /** Ids of rules to leave out. */
  disable: readonly string[];
}

export const FALLBACK_SITUATION = 'needs_human';
/** Deep enough for any readable rule; json-rules-engine overflows the stack in the thousands. */
const MAX_CONDITION_DEPTH = 16;
/** JSON levels a document may nest: each condition level is an object and an array, plus the file's own few. */
export const MAX_JSON_DEPTH = 2 * MAX_CONDITION_DEPTH + 8;
const FACT_NAME_SET: ReadonlySet<string> = new Set(FACT_NAMES);

class IssueList {
  readonly items: TriageIssue[] = [];
  add(file: string, path: readonly PropertyKey[], code: string, message: string): void {
    this.items.push({ file, path: jsonPath(path), code, message });
  }
}

const parseWith = <T>(schema: z.ZodType<T>, doc: RuleSource, issues: IssueList): T | undefined => {
  const tooDeep = findTooDeep(doc.json, MAX_JSON_DEPTH);
  if (tooDeep) {
    issues.add(doc.source, tooDeep, 'too_deep', `the document nests deeper than ${MAX_JSON_DEPTH} levels`);
    return undefined;
  }
  const result = schema.safeParse(doc.json);
  if (result.success) return result.data;
  issues.items.push(...issuesFromZod(result.error.issues, doc.source));
  return undefined;
};

const compileWording = (
  wording: Wording,
  where: readonly PropertyKey[],
  file: string,
  issues: IssueList,
): LocalizedTemplates | undefined => {
  const out: Partial<LocalizedTemplates> = {};
  for (const locale of LOCALES) {
    const compiled = compileTemplate(wording[locale]);
    const path = [...where, locale];
    if (isTemplateProblem(compiled)) {
      issues.add(file, path, 'invalid_template', compiled.message);
      continue;
    }
    for (const name of compiled.placeholders) {
      if (!FACT_NAME_SET.has(name)) issues.add(file, path, 'unknown_placeholder', `unknown placeholder {${name}}: placeholders are fact names`);
    }
    out[locale] = compiled;
  }
  return Object.keys(out).length === LOCALES.length ? (out as LocalizedTemplates) : undefined;
};

/** Checks what zod's shape cannot: literals that no value of the fact can equal, operand kinds, references, depth. */
const checkConditions = (
  node: ConditionNode,
  path: PropertyKey[],
  depth: number,
  file: string,
  conditionNames: ReadonlySet<string>,
  issues: IssueList,
): void => {
  if (depth > MAX_CONDITION_DEPTH) {
    issues.add(file, path, 'too_deep', `conditions nest deeper than ${MAX_CONDITION_DEPTH} levels`);
    return;
  }
  if ('all' in node) node.all.forEach((c, i) => checkConditions(c, [...path, 'all', i], depth + 1, file, conditionNames, issues));
  else if ('any' in node) node.any.forEach((c, i) => checkConditions(c, [...path, 'any', i], depth + 1, file, conditionNames, issues));
  else if ('not' in node) checkConditions(node.not, [...path, 'not'], depth + 1, file, conditionNames, issues);
  else if ('condition' in node) {
    if (!conditionNames.has(node.condition)) issues.add(file, [...path, 'condition'], 'unknown_condition', `unknown shared condition "${node.condition}"`);
  } else {
    const { fact, operator, value } = node;
    const listOperator = operator === 'in' || operator === 'notIn';
    if (operator === 'contains' || operator === 'doesNotContain') {
      issues.add(file, [...path, 'operator'], 'invalid_operator', `"${operator}" needs a list fact, and "${fact}" is a single value`);
      return;
    }
    if (listOperator !== Array.isArray(value)) {
      issues.add(file, [...path, 'value'], 'invalid_value', listOperator ? `"${operator}" needs a list of values` : `"${operator}" compares with one value, not a list`);
      return;
    }
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) return; // a fact reference, checked by the schema
    const factSchema = Facts.shape[fact];
    const literals = Array.isArray(value) ? value : [value];
    literals.forEach((literal, i) => {
      if (!factSchema.safeParse(literal).success) {
        const at = Array.isArray(value) ? [...path, 'value', i] : [...path, 'value'];
        issues.add(file, at, 'impossible_value', `fact "${fact}" can never be ${JSON.stringify(literal)}`);
      }
    });
    const ordering = operator.startsWith('lessThan') || operator.startsWith('greaterThan');
    if (ordering && typeof value !== 'number') issues.add(file, [...path, 'value'], 'invalid_value', `"${operator}" needs a number`);
  }
};

const isUnconditional = (c: TopLevelCondition): boolean => 'all' in c && c.all.length === 0;

/**
 * Validates and assembles a rule set. Every problem of every file is collected first, then thrown
 * as one `TriageError('INVALID_RULE')`, so an author sees them all at once.
 */
export const loadRuleSet = (spec: RuleSetSpec): RuleSet => {
  const issues = new IssueList();

  // No prototype: "constructor" is a valid slug, and must not find Object.prototype.constructor.
  const situations: Record<string, { category: Category; description: string }> = Object.create(null);
  for (const doc of [spec.builtin.situations, ...spec.situations]) {
    Object.assign(situations, parseWith(SituationCatalogue, doc, issues)?.situations);
  }

  const conditions: Record<string, TopLevelCondition> = Object.create(null);
  const conditionDocs = [spec.builtin.conditions, ...spec.conditions].map((doc) => ({ doc, parsed: parseWith(ConditionCatalogue, doc, issues) }));
  for (const { parsed } of conditionDocs) Object.assign(conditions, parsed?.conditions);
  const conditionNames = new Set(Object.keys(conditions));
  for (const { doc, parsed } of conditionDocs) {
    for (const [name, c] of Object.entries(parsed?.conditions ?? {})) {
      checkConditions(c, ['conditions', name], 1, doc.source, conditionNames, issues);
    }
  }

  const checks = new Map<string, LoadedCheck>();
  for (const doc of [spec.builtin.checks, ...spec.checks]) {
    for (const [id, entry] of Object.entries(parseWith(CheckCatalogue, doc, issues)?.checks ?? {})) {
      const text = compileWording(entry.text, ['checks', id, 'text'], doc.source, issues);
      if (text) checks.set(id, { id, owner: entry.owner, text });
    }
  }

  const loadRule = (doc: RuleSource, origin: LoadedRule['origin']): LoadedRule | undefined => {
    const file = parseWith(RuleFile, doc, issues);
    if (!file) return undefined;
    const before = issues.items.length;
    const at = doc.source;
    if (at.endsWith('.json') && basename(at, '.json') !== file.id) {
      issues.add(at, ['id'], 'id_mismatch', `id "${file.id}" must equal the file name "${basename(at, '.json')}"`);
    }
    const situation = situations[file.situation];
    if (!situation) issues.add(at, ['situation'], 'unknown_situation', `unknown situation "${file.situation}"`);
    const ruleChecks = file.checks.map((id, i) => {
      const check = checks.get(id);
      if (!check) issues.add(at, ['checks', i], 'unknown_check', `unknown check "${id}"`);
      return check;
    });
    checkConditions(file.conditions, ['conditions'], 1, at, conditionNames, issues);
    const wording = compileWording(file.wording, ['wording'], at, issues);
    if (issues.items.length > before || !situation || !wording) return undefined;
    return {
      id: file.id,
      source: at,
      origin,
      description: file.description,
      situation: file.situation,
      category: situation.category,
      priority: file.priority,
      conditions: file.conditions,
      responsible: file.responsible,
      checks: ruleChecks.filter((c): c is LoadedCheck => c !== undefined),
      outcome: file.outcome ?? {},
      escalateTo: file.escalateTo,
      replyWithinMinutes: file.replyWithinMinutes,
      wording,
      file,
    };
  };

  const byId = new Map<string, LoadedRule>();
  const addAll = (docs: readonly RuleSource[], origin: LoadedRule['origin']): void => {
    const seen = new Map<string, string>();
    for (const doc of docs) {
      const rule = loadRule(doc, origin);
      if (!rule) continue;
      const twin = seen.get(rule.id);
      if (twin !== undefined) {
        issues.add(doc.source, ['id'], 'duplicate_id', `rule id "${rule.id}" is also used by ${twin}`);
        continue;
      }
      seen.set(rule.id, doc.source);
      byId.set(rule.id, rule);
    }
  };
  addAll(spec.builtin.rules, 'builtin');
  addAll(spec.rules, 'custom');

  spec.disable.forEach((id, i) => {
    if (!byId.delete(id)) issues.add('options', ['disable', i], 'unknown_rule', `no rule with id "${id}" to disable`);
  });

  const rules = [...byId.values()].sort((a, b) => b.priority - a.priority);
  if (!rules.some((r) => r.situation === FALLBACK_SITUATION && isUnconditional(r.conditions))) {
    issues.add('options', [], 'missing_fallback', `the rule set needs an unconditional "${FALLBACK_SITUATION}" rule ({ "all": [] }) so that every input gets an answer`);
  }

  if (issues.items.length > 0) throw new TriageError('INVALID_RULE', issues.items);
  return { rules, conditions, situations, checks, warnings: [] };
};

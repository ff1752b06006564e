import { basename } from 'node:path';
import type { z } from 'zod';
import { TriageError, causeMessage, jsonPath, type TriageIssue } from '../errors.js';
import { Facts, FACT_NAMES } from '../schema/facts.js';
import {
  CheckCatalogue,
  ConditionCatalogue,
  PartialWording,
  RuleFile,
  SituationCatalogue,
  WordingCatalogue,
  type ConditionNode,
  type TopLevelCondition,
} from '../schema/rule.js';
import { LOCALES, type Category, type Locale } from '../schema/vocabulary.js';
import { compileTemplate, isTemplateProblem, type CompiledTemplate } from '../wording/template.js';
import { findShadowedRules } from './shadow.js';
import { ruleIssuesFromZod } from './zod-issues.js';
import { findTooDeep } from './depth.js';
import { outcomeFactMismatch } from './outcome-types.js';
import { comparisonMismatch, factKind, hasParts } from './fact-kinds.js';
import { ConditionGraphProblem, conditionSizer, MAX_EXPANDED_CONDITIONS, MAX_EXPANDED_DEPTH } from './condition-size.js';
import type { LoadedCheck, LoadedRule, LocalizedTemplates, RuleSet } from './types.js';
import { unreadablePath } from '../unreadable.js';

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
  /** Wording overrides (`{ wording: { <rule id or situation>: { <locale>: text } } }`), later ones win. */
  wording?: readonly RuleSource[];
  /** Ids of rules to leave out. */
  disable: readonly string[];
}

export const FALLBACK_SITUATION = 'needs_human';
/** Deep enough for any readable rule; json-rules-engine overflows the stack in the thousands. */
const MAX_CONDITION_DEPTH = 16;
/** JSON levels a document may nest: each condition level is an object and an array, plus the file's own few. */
export const MAX_JSON_DEPTH = 2 * MAX_CONDITION_DEPTH + 8;
const FACT_NAME_SET: ReadonlySet<string> = new Set(FACT_NAMES);
/** Facts that may be null, read from the Facts schema itself. */
const NULLABLE_FACTS: ReadonlySet<string> = new Set(FACT_NAMES.filter((name) => Facts.shape[name].safeParse(null).success));

class IssueList {
  readonly items: TriageIssue[] = [];
  add(file: string, path: readonly PropertyKey[], code: string, message: string): void {
    this.items.push({ file, path: jsonPath(path), code, message });
  }
}

/** Codes after which a document is not picked apart further: its parts would fail the same way. */
const UNPARSABLE = new Set(['too_deep', 'unreadable']);

const parseWith = <T>(schema: z.ZodType<T>, doc: RuleSource, issues: IssueList): T | undefined => {
  try {
    const tooDeep = findTooDeep(doc.json, MAX_JSON_DEPTH);
    if (tooDeep) {
      issues.add(doc.source, tooDeep, 'too_deep', `the document nests deeper than ${MAX_JSON_DEPTH} levels`);
      return undefined;
    }
    const result = schema.safeParse(doc.json, { jitless: true });
    if (result.success) return result.data;
    issues.items.push(...ruleIssuesFromZod(result.error.issues, doc.json, doc.source));
  } catch (cause) {
    // An object passed in code can throw when read (a getter, a revoked proxy); zod's output is plain data.
    issues.items.push({ file: doc.source, path: unreadablePath(doc.json), code: 'unreadable', message: `the document could not be read: ${causeMessage(cause)}` });
  }
  return undefined;
};

/** Compiles the locales given; a locale left out is simply absent from the result. */
const compileTexts = (
  wording: PartialWording,
  where: readonly PropertyKey[],
  file: string,
  issues: IssueList,
): Partial<LocalizedTemplates> => {
  const out: Partial<Record<Locale, CompiledTemplate>> = {};
  for (const locale of LOCALES) {
    const text = wording[locale];
    if (text === undefined) continue;
    const compiled = compileTemplate(text);
    const path = [...where, locale];
    if (isTemplateProblem(compiled)) {
      issues.add(file, path, 'invalid_template', compiled.message);
      continue;
    }
    for (const name of compiled.placeholders) {
      if (!FACT_NAME_SET.has(name)) issues.add(file, path, 'unknown_placeholder', `unknown placeholder {${name}}: placeholders are fact names`);
    }
    for (const name of compiled.bare) {
      if (NULLABLE_FACTS.has(name)) {
        issues.add(file, path, 'placeholder_may_be_empty', `{${name}} can have no value (the fact may be null) and stands outside "[[ ]]": the reply would show an empty slot; put it, with the words that go with it, inside "[[ ]]"`);
      }
    }
    out[locale] = compiled;
  }
  return out;
};

const isComplete = (texts: Partial<LocalizedTemplates>): texts is LocalizedTemplates => LOCALES.every((l) => texts[l] !== undefined);

const compileWording = (
  wording: PartialWording,
  where: readonly PropertyKey[],
  file: string,
  issues: IssueList,
): LocalizedTemplates | undefined => {
  const texts = compileTexts(wording, where, file, issues);
  return isComplete(texts) ? texts : undefined;
};

interface ConditionCheck {
  file: string;
  conditionNames: ReadonlySet<string>;
  issues: IssueList;
}

/** Why a list of conditions is empty to no purpose, or undefined; a rule's own `{ "all": [] }` is how it says "always". */
const emptyListProblem = (node: ConditionNode, ruleTop: boolean): string | undefined => {
  if ('any' in node && node.any.length === 0) return ruleTop ? 'an empty "any" never holds, so this rule could never fire' : 'an empty "any" never holds';
  if ('all' in node && node.all.length === 0 && !ruleTop) return 'an empty "all" always holds: leave it out, or give it conditions';
  return undefined;
};

/**
 * Checks what zod's shape cannot: literals that no value of the fact can equal, operand kinds,
 * fact references of another type, paths, empty lists, references, depth.
 */
const checkConditions = (node: ConditionNode, path: PropertyKey[], depth: number, ruleTop: boolean, at: ConditionCheck): void => {
  const { file, issues } = at;
  if (depth > MAX_CONDITION_DEPTH) {
    issues.add(file, path, 'too_deep', `conditions nest deeper than ${MAX_CONDITION_DEPTH} levels`);
    return;
  }
  const empty = emptyListProblem(node, ruleTop);
  if (empty) issues.add(file, [...path, 'all' in node ? 'all' : 'any'], 'empty_condition', empty);
  if ('all' in node) node.all.forEach((c, i) => checkConditions(c, [...path, 'all', i], depth + 1, false, at));
  else if ('any' in node) node.any.forEach((c, i) => checkConditions(c, [...path, 'any', i], depth + 1, false, at));
  else if ('not' in node) checkConditions(node.not, [...path, 'not'], depth + 1, false, at);
  else if ('condition' in node) {
    if (!at.conditionNames.has(node.condition)) issues.add(file, [...path, 'condition'], 'unknown_condition', `unknown shared condition "${node.condition}"`);
  } else {
    const { fact, operator, value } = node;
    if (node.path !== undefined && !hasParts(factKind(fact))) {
      issues.add(file, [...path, 'path'], 'invalid_path', `fact "${fact}" is a single value: "path" reads only inside an object fact`);
    }
    const listOperator = operator === 'in' || operator === 'notIn';
    if (operator === 'contains' || operator === 'doesNotContain') {
      issues.add(file, [...path, 'operator'], 'invalid_operator', `"${operator}" needs a list fact, and "${fact}" is a single value`);
      return;
    }
    if (listOperator !== Array.isArray(value)) {
      issues.add(file, [...path, 'value'], 'invalid_value', listOperator ? `"${operator}" needs a list of values` : `"${operator}" compares with one value, not a list`);
      return;
    }
    if (Array.isArray(value) && value.length === 0) {
      issues.add(file, [...path, 'value'], 'empty_condition', `"${operator}" with an empty list ${operator === 'in' ? 'never' : 'always'} holds`);
    }
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      const mismatch = comparisonMismatch(fact, operator, value.fact);
      if (mismatch) issues.add(file, [...path, 'value', 'fact'], 'invalid_fact_reference', mismatch);
      return;
    }
    const factSchema = Facts.shape[fact];
    const literals = Array.isArray(value) ? value : [value];
    literals.forEach((literal, i) => {
      if (!factSchema.safeParse(literal).success) {
        const where = Array.isArray(value) ? [...path, 'value', i] : [...path, 'value'];
        issues.add(file, where, 'impossible_value', `fact "${fact}" can never be ${JSON.stringify(literal)}`);
      }
    });
    const ordering = operator.startsWith('lessThan') || operator.startsWith('greaterThan');
    if (ordering && typeof value !== 'number') issues.add(file, [...path, 'value'], 'invalid_value', `"${operator}" needs a number`);
  }
};

const PART_SCHEMAS = {
  id: RuleFile.shape.id,
  situation: RuleFile.shape.situation,
  checks: RuleFile.shape.checks,
  conditions: RuleFile.shape.conditions,
  outcome: RuleFile.shape.outcome,
  wording: PartialWording,
};

/** The parts of a rule file that are valid on their own, to check further when the whole is not. */
const parsableParts = (json: unknown): Partial<RuleFile> => {
  if (json === null || typeof json !== 'object') return {};
  const parts: Record<string, unknown> = {};
  for (const [key, schema] of Object.entries(PART_SCHEMAS)) {
    const result = schema.safeParse((json as Record<string, unknown>)[key]);
    if (result.success && result.data !== undefined) parts[key] = result.data;
  }
  return parts as Partial<RuleFile>;
};

interface WordingOverrideMaps {
  byRule: Map<string, Partial<LocalizedTemplates>>;
  bySituation: Map<string, Partial<LocalizedTemplates>>;
}

/** Sorts each override key into a rule id (also one disabled here) or a situation id; anything else is an error. */
const collectWordingOverrides = (
  docs: readonly RuleSource[],
  ruleIds: ReadonlySet<string>,
  situations: Readonly<Record<string, unknown>>,
  issues: IssueList,
): WordingOverrideMaps => {
  const maps: WordingOverrideMaps = { byRule: new Map(), bySituation: new Map() };
  for (const doc of docs) {
    for (const [key, texts] of Object.entries(parseWith(WordingCatalogue, doc, issues)?.wording ?? {})) {
      const target = ruleIds.has(key) ? maps.byRule : Object.hasOwn(situations, key) ? maps.bySituation : undefined;
      if (!target) {
        issues.add(doc.source, ['wording', key], 'unknown_wording_target', `"${key}" is neither a rule id nor a situation id`);
        continue;
      }
      target.set(key, { ...target.get(key), ...compileTexts(texts, ['wording', key], doc.source, issues) });
    }
  }
  return maps;
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
  const sizeOf = conditionSizer(conditions);
  /** Checks a condition's size once its shared conditions are expanded, before any evaluator sees it. */
  const checkExpandedSize = (node: TopLevelCondition, file: string, path: readonly PropertyKey[]): void => {
    try {
      const { depth, conditions: count } = sizeOf(node);
      if (depth > MAX_EXPANDED_DEPTH) issues.add(file, path, 'too_deep', `with its shared conditions expanded, this nests ${depth} levels (at most ${MAX_EXPANDED_DEPTH})`);
      else if (count > MAX_EXPANDED_CONDITIONS) issues.add(file, path, 'too_large', `with its shared conditions expanded, this holds more than ${MAX_EXPANDED_CONDITIONS} conditions`);
    } catch (error) {
      if (!(error instanceof ConditionGraphProblem)) throw error;
      issues.add(file, path, error.code, error.message);
    }
  };
  for (const { doc, parsed } of conditionDocs) {
    for (const [name, c] of Object.entries(parsed?.conditions ?? {})) {
      const before = issues.items.length;
      checkConditions(c, ['conditions', name], 1, false, { file: doc.source, conditionNames, issues });
      // the last definition of a name is the one in force
      if (issues.items.length === before && conditions[name] === c) checkExpandedSize({ all: [{ condition: name }] }, doc.source, ['conditions', name]);
    }
  }

  // A known check id takes only what a later catalogue gives (its owner, some locales); a new one needs all.
  const checks = new Map<string, LoadedCheck>();
  for (const doc of [spec.builtin.checks, ...spec.checks]) {
    for (const [id, entry] of Object.entries(parseWith(CheckCatalogue, doc, issues)?.checks ?? {})) {
      const where = ['checks', id];
      const known = checks.get(id);
      const texts = { ...known?.text, ...compileTexts(entry.text, [...where, 'text'], doc.source, issues) };
      const owner = entry.owner ?? known?.owner;
      if (owner === undefined) issues.add(doc.source, [...where, 'owner'], 'missing_owner', `new check "${id}" needs an owner`);
      for (const locale of LOCALES) {
        if (texts[locale] === undefined) issues.add(doc.source, [...where, 'text', locale], 'missing_locale', `new check "${id}" needs a ${locale} text`);
      }
      if (owner !== undefined && isComplete(texts)) checks.set(id, { id, owner, text: texts });
    }
  }

  // Each part is checked on its own, so a file broken in one place still reports its other problems.
  const checkRuleParts = (parts: Partial<RuleFile>, at: string) => {
    if (parts.id !== undefined && at.endsWith('.json') && basename(at, '.json') !== parts.id) {
      issues.add(at, ['id'], 'id_mismatch', `id "${parts.id}" must equal the file name "${basename(at, '.json')}"`);
    }
    const situation = parts.situation === undefined ? undefined : situations[parts.situation];
    if (parts.situation !== undefined && !situation) issues.add(at, ['situation'], 'unknown_situation', `unknown situation "${parts.situation}"`);
    const ruleChecks = (parts.checks ?? []).map((id, i, all) => {
      const check = checks.get(id);
      if (!check) issues.add(at, ['checks', i], 'unknown_check', `unknown check "${id}"`);
      const first = all.indexOf(id);
      if (first < i) issues.add(at, ['checks', i], 'duplicate_check', `check "${id}" is already listed at checks[${first}]`);
      return check;
    });
    if (parts.conditions) {
      checkConditions(parts.conditions, ['conditions'], 1, true, { file: at, conditionNames, issues });
      checkExpandedSize(parts.conditions, at, ['conditions']);
    }
    for (const [field, value] of Object.entries(parts.outcome ?? {})) {
      if (value === null || typeof value !== 'object') continue;
      const mismatch = outcomeFactMismatch(field, value.fact);
      if (mismatch) issues.add(at, ['outcome', field, 'fact'], 'invalid_outcome_fact', mismatch);
    }
    const wording = parts.wording && compileWording(parts.wording, ['wording'], at, issues);
    return { situation, ruleChecks, wording };
  };

  const loadRule = (doc: RuleSource, origin: LoadedRule['origin']): LoadedRule | undefined => {
    const before = issues.items.length;
    const at = doc.source;
    const file = parseWith(RuleFile, doc, issues);
    if (!file) {
      if (!issues.items.slice(before).some((i) => UNPARSABLE.has(i.code))) checkRuleParts(parsableParts(doc.json), at);
      return undefined;
    }
    const { situation, ruleChecks, wording } = checkRuleParts(file, at);
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
  const loadedIds = new Set<string>();
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
      loadedIds.add(rule.id);
    }
  };
  addAll(spec.builtin.rules, 'builtin');
  addAll(spec.rules, 'custom');

  spec.disable.forEach((id, i) => {
    if (!byId.delete(id)) issues.add('options', ['disable', i], 'unknown_rule', `no rule with id "${id}" to disable`);
  });

  const overrides = collectWordingOverrides(spec.wording ?? [], loadedIds, situations, issues);
  const rules = [...byId.values()]
    .map((rule) => {
      const bySituation = overrides.bySituation.get(rule.situation);
      const byRule = overrides.byRule.get(rule.id);
      return bySituation || byRule ? { ...rule, wording: { ...rule.wording, ...bySituation, ...byRule } } : rule;
    })
    .sort((a, b) => b.priority - a.priority);
  if (!rules.some((r) => r.situation === FALLBACK_SITUATION && isUnconditional(r.conditions))) {
    issues.add('options', [], 'missing_fallback', `the rule set needs an unconditional "${FALLBACK_SITUATION}" rule ({ "all": [] }) so that every input gets an answer`);
  }

  if (issues.items.length > 0) throw new TriageError('INVALID_RULE', issues.items);
  return { rules, conditions, situations, checks, warnings: findShadowedRules(rules, conditions) };
};

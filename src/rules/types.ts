import type { CompiledTemplate } from '../wording/template.js';
import type { ConditionNode, OutcomeSpec, RuleFile, TopLevelCondition } from '../schema/rule.js';
import type { Category, EscalationTarget, Locale, Party } from '../schema/vocabulary.js';
import type { TriageIssue } from '../errors.js';

export type LocalizedTemplates = Record<Locale, CompiledTemplate>;

export interface LoadedCheck {
  id: string;
  owner: Party;
  text: LocalizedTemplates;
}

export interface LoadedRule {
  id: string;
  /** Where it came from: `rules/logistics/stalled-tracking.json`, or `<object #2>` for rules passed as objects. */
  source: string;
  origin: 'builtin' | 'custom';
  description: string;
  situation: string;
  category: Category;
  priority: number;
  conditions: TopLevelCondition;
  responsible: Party | null;
  checks: readonly LoadedCheck[];
  outcome: OutcomeSpec;
  escalateTo: EscalationTarget | undefined;
  replyWithinMinutes: number | undefined;
  wording: LocalizedTemplates;
  /** The validated file as written, for tools that show or re-emit it. */
  file: RuleFile;
}

export interface RuleSet {
  /** Highest priority first; equal priorities keep load order. */
  rules: readonly LoadedRule[];
  conditions: Readonly<Record<string, TopLevelCondition>>;
  situations: Readonly<Record<string, { category: Category; description: string }>>;
  checks: ReadonlyMap<string, LoadedCheck>;
  warnings: readonly TriageIssue[];
}

export type { ConditionNode };

import type { RuleMatch, EvaluatorKind } from '../engine/types.js';
import { toZonedIso } from '../facts/calendar.js';
import type { ResultFlag } from '../message/read.js';
import type { Facts } from '../schema/facts.js';
import type { MessageExplanation } from '../schema/message-reading.js';
import type { Policy } from '../schema/policy.js';
import type { Outcome, TriageResult } from '../schema/result.js';
import type { OutcomeSpec } from '../schema/rule.js';
import type { Locale } from '../schema/vocabulary.js';
import { formatFact } from '../wording/format.js';

const resolveOutcome = (spec: OutcomeSpec, facts: Facts): Outcome => {
  const outcome: Record<string, unknown> = {};
  for (const key in spec) {
    if (!Object.hasOwn(spec, key)) continue;
    const value = spec[key as keyof OutcomeSpec];
    const resolved = value !== null && typeof value === 'object' ? facts[value.fact] : value;
    if (resolved !== null && resolved !== undefined) outcome[key] = resolved;
  }
  return outcome as Outcome;
};

const described = new WeakMap<object, string>();

/** `JSON.stringify` of a string, without calling it when nothing needs escaping (the usual fact value). */
const quoted = (text: string): string => {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // control characters, quote, backslash and surrogates (a lone one is escaped) take the slow path
    if (c < 0x20 || c === 0x22 || c === 0x5c || (c >= 0xd800 && c <= 0xdfff)) return JSON.stringify(text);
  }
  return `"${text}"`;
};

const describeValue = (v: unknown): string => {
  switch (typeof v) {
    case 'number':
      return Number.isInteger(v) ? String(v) : v.toFixed(2);
    case 'string':
      return quoted(v);
    case 'boolean':
      return v ? 'true' : 'false';
    default:
      if (v === null) return 'null';
  }
  // Lists compared with are the rule's own (frozen) values: the same object on every triage.
  if (v !== null && typeof v === 'object' && Object.isFrozen(v)) {
    let text = described.get(v);
    if (text === undefined) described.set(v, (text = JSON.stringify(v)));
    return text;
  }
  return JSON.stringify(v);
};

/** One line: the rule file that decided and the fact values that made it fire. */
export const summarize = (match: RuleMatch): string => {
  let why = '';
  for (const c of match.conditions) {
    if (!c.decisive) continue;
    const ref = c.value !== null && typeof c.value === 'object' && !Array.isArray(c.value) ? `${(c.value as { fact: string }).fact}=` : '';
    why += `${why === '' ? '' : ', '}${c.fact}=${describeValue(c.factValue)} ${c.operator} ${ref}${describeValue(c.compareTo)}`;
  }
  return `${match.rule.source} decided ${match.rule.situation} (priority ${match.rule.priority}): ${why === '' ? 'no other rule fired' : why}`;
};

/** What a result is built from besides the matches: the facts and what went into them. */
export interface BuildContext {
  facts: Facts;
  policy: Policy;
  locale: Locale;
  now: Date;
  flags: ResultFlag[];
  evaluator: EvaluatorKind;
  message?: MessageExplanation | undefined;
}

/** Assembles the result from the deciding rule (the first match) and the facts. */
export const buildResult = (matches: readonly RuleMatch[], { facts, policy, locale, now, flags, evaluator, message }: BuildContext): TriageResult => {
  // The rule set always holds an unconditional fallback, so at least one rule fires.
  const decided = matches[0]!;
  const { rule } = decided;
  const tz = policy.timezone;
  const value = (name: string): string | undefined => formatFact(facts, name, locale, tz);
  const checks: TriageResult['checks'] = [];
  for (const c of rule.checks) checks.push({ id: c.id, owner: c.owner, text: c.text[locale].render(value) });
  const alsoMatched: TriageResult['explanation']['alsoMatched'] = [];
  for (let i = 1; i < matches.length; i++) {
    const m = matches[i]!.rule;
    alsoMatched.push({ rule: m.id, source: m.source, situation: m.situation, priority: m.priority });
  }
  const decidedBy = { rule: rule.id, source: rule.source, situation: rule.situation, priority: rule.priority, conditions: decided.conditions };
  const summary = summarize(decided);
  // Literals of one shape each rather than conditional spreads: this runs on every triage.
  const explanation: TriageResult['explanation'] =
    message === undefined ? { summary, decidedBy, alsoMatched, evaluator, facts } : { summary, decidedBy, alsoMatched, evaluator, facts, message };
  const wording = { locale, text: rule.wording[locale].render(value) };
  const outcome = resolveOutcome(rule.outcome, facts);
  const replyBy = toZonedIso(new Date(now.getTime() + (rule.replyWithinMinutes ?? policy.replyWithinMinutes) * 60_000), tz);
  const { situation, category, responsible, escalateTo } = rule;
  return escalateTo === undefined
    ? { situation, category, responsible, checks, wording, outcome, flags, replyBy, explanation }
    : { situation, category, responsible, checks, wording, outcome, flags, escalateTo, replyBy, explanation };
};

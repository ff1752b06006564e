import { Engine, type RuleResult, type TopLevelCondition as EngineCondition } from 'json-rules-engine';
import { plainPathResolver } from '../engine/reference.js';
import { jsonPath } from '../errors.js';
import type { LoadedRule, RuleSet } from '../rules/types.js';
import type { Facts } from '../schema/facts.js';
import type { ConditionNode, TopLevelCondition } from '../schema/rule.js';
import type { TriageInput } from '../schema/input.js';
import type { TriageResult } from '../schema/result.js';
import type { Triager } from '../triage.js';

/** `undefined`: the engine did not evaluate it. */
export type TraceResult = boolean | undefined;

export type TraceNode =
  | { kind: 'all' | 'any'; path: string; result: TraceResult; children: TraceNode[] }
  | { kind: 'not'; path: string; result: TraceResult; child: TraceNode }
  | { kind: 'condition'; path: string; name: string; result: TraceResult; child: TraceNode }
  | {
      kind: 'leaf';
      /** JSON path in the rule file, or inside the shared condition named by `within`. */
      path: string;
      within?: string;
      fact: string;
      operator: string;
      /** As written: a literal, a list, or `{ fact }`. */
      value: unknown;
      factValue: unknown;
      /** The value compared with: the literal, or the other fact's value. */
      compareTo: unknown;
      result: TraceResult;
    };

export interface RuleTrace {
  rule: string;
  source: string;
  situation: string;
  priority: number;
  fired: boolean;
  /** The first rule that fired, in the order they are tried. */
  decided: boolean;
  conditions: TraceNode;
}

export interface TriageExplanation {
  result: TriageResult;
  /** Every rule, in the order they are tried (highest priority first). */
  rules: RuleTrace[];
}

interface EngineNode {
  all?: EngineNode[];
  any?: EngineNode[];
  not?: EngineNode;
  factResult?: unknown;
  valueResult?: unknown;
  result?: boolean;
}

const combine = (kind: 'all' | 'any', results: TraceResult[]): TraceResult => {
  if (kind === 'all') return results.includes(false) ? false : results.includes(undefined) ? undefined : true;
  return results.includes(true) ? true : results.includes(undefined) ? undefined : false;
};

/**
 * Walks a rule's conditions as written beside the engine's evaluated copy, in which shared
 * conditions appear expanded: leaf outcomes come from the engine, groups are combined here.
 */
const trace = (
  node: ConditionNode | TopLevelCondition,
  evaluated: EngineNode | undefined,
  path: PropertyKey[],
  shared: RuleSet['conditions'],
  within?: string,
): TraceNode => {
  const at = jsonPath(path);
  if ('all' in node || 'any' in node) {
    const kind = 'all' in node ? 'all' : 'any';
    const list: ConditionNode[] = 'all' in node ? node.all : node.any;
    const done = evaluated?.[kind];
    const children = list.map((child, i) => trace(child, done?.[i], [...path, kind, i], shared, within));
    return { kind, path: at, result: combine(kind, children.map((c) => c.result)), children };
  }
  if ('not' in node) {
    const child = trace(node.not, evaluated?.not, [...path, 'not'], shared, within);
    return { kind: 'not', path: at, result: child.result === undefined ? undefined : !child.result, child };
  }
  if ('condition' in node) {
    const body = shared[node.condition]!;
    const child = trace(body, evaluated, [], shared, node.condition);
    return { kind: 'condition', path: at, name: node.condition, result: child.result, child };
  }
  const known = evaluated !== undefined && typeof evaluated.result === 'boolean';
  return {
    kind: 'leaf',
    path: at,
    ...(within === undefined ? {} : { within }),
    fact: node.fact,
    operator: node.operator,
    value: node.value,
    factValue: known ? evaluated.factResult : undefined,
    compareTo: known ? evaluated.valueResult : undefined,
    result: known ? evaluated.result : undefined,
  };
};

const plain = (result: RuleResult): EngineNode => {
  const conditions = result.conditions as unknown as { toJSON?: (stringify: false) => unknown };
  return (typeof conditions.toJSON === 'function' ? conditions.toJSON(false) : conditions) as EngineNode;
};

/**
 * Runs every rule of a rule set on one set of facts with json-rules-engine (no rule stops the run)
 * and returns each rule's evaluated conditions, in the order the rules are tried.
 * @example
 * const traces = await traceRules(triager.ruleSet, result.explanation.facts);
 * traces.filter((t) => !t.fired).map((t) => t.rule); // the rules that did not fire
 */
export const traceRules = async (ruleSet: RuleSet, facts: Facts): Promise<RuleTrace[]> => {
  const engine = new Engine([], { allowUndefinedFacts: false, pathResolver: plainPathResolver, replaceFactsInEventParams: false });
  for (const [name, condition] of Object.entries(ruleSet.conditions)) engine.setCondition(name, condition as unknown as EngineCondition);
  ruleSet.rules.forEach((rule, i) => {
    // Unique names: the trace must not depend on rule ids being unique across a hand-built rule set.
    engine.addRule({ name: String(i), priority: rule.priority, conditions: rule.conditions as unknown as EngineCondition, event: { type: rule.id } });
  });
  const { results, failureResults } = await engine.run({ ...facts });
  const byIndex = new Map([...results, ...failureResults].map((r) => [Number(r.name), r]));
  let decided = false;
  return ruleSet.rules.map((rule: LoadedRule, i) => {
    const evaluated = byIndex.get(i);
    const fired = evaluated?.result === true;
    const first = fired && !decided;
    decided ||= fired;
    return {
      rule: rule.id,
      source: rule.source,
      situation: rule.situation,
      priority: rule.priority,
      fired,
      decided: first,
      conditions: trace(rule.conditions, evaluated && plain(evaluated), ['conditions'], ruleSet.conditions),
    };
  });
};

/**
 * Triages an input and shows every rule that was considered: which fired, which decided, and for
 * each rule the evaluated conditions with the fact values they saw.
 * @throws {TriageError} like `triage`.
 * @example
 * const { result, rules } = await explainTriage(createTriage(), input);
 * rules.find((r) => r.decided)?.rule === result.explanation.decidedBy.rule; // true
 */
export const explainTriage = async (triager: Triager, input: TriageInput): Promise<TriageExplanation> => {
  const result = await triager.triage(input);
  return { result, rules: await traceRules(triager.ruleSet, result.explanation.facts) };
};

/**
 * The leaves that made `node` come out `outcome`: for a rule that failed, its failed conditions (and,
 * under a `not`, the ones that held but must not); for a rule that fired, the conditions it fired on.
 * @example
 * leavesBehind(trace.conditions, false).map((l) => l.fact); // ['claimType']
 */
export const leavesBehind = (node: TraceNode, outcome: boolean): Extract<TraceNode, { kind: 'leaf' }>[] => {
  if (node.result !== outcome) return [];
  switch (node.kind) {
    case 'leaf':
      return [node];
    case 'condition':
      return leavesBehind(node.child, outcome);
    case 'not':
      return leavesBehind(node.child, !outcome);
    default: {
      // A held `all` and a failed `any` owe their outcome to every part; the others to the parts that agree.
      const everyPart = (node.kind === 'all') === outcome;
      return (everyPart ? node.children : node.children.filter((c) => c.result === outcome)).flatMap((c) => leavesBehind(c, outcome));
    }
  }
};

import { Engine, type RuleResult, type TopLevelCondition as EngineCondition } from 'json-rules-engine';
import { jsonPath } from '../errors.js';
import type { Facts } from '../schema/facts.js';
import type { LoadedRule, RuleSet } from '../rules/types.js';
import type { ConditionTrace, Evaluator, RuleMatch } from './types.js';

/**
 * Plain own-property lookups for `$.a.b` paths. json-rules-engine would otherwise hand `path` to
 * jsonpath-plus, whose releases before 11 execute code from crafted paths (ENGINE-NOTES.md).
 */
export const plainPathResolver = (value: unknown, path: string): unknown => {
  let current: unknown = value;
  for (const key of path.replace(/^\$\.?/, '').split('.')) {
    if (key === '') continue;
    if (current === null || typeof current !== 'object' || !Object.hasOwn(current, key)) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
};

interface RawNode {
  all?: RawNode[];
  any?: RawNode[];
  not?: RawNode;
  fact?: string;
  operator?: string;
  value?: unknown;
  factResult?: unknown;
  valueResult?: unknown;
  result?: boolean;
}

const collectTraces = (node: RawNode, path: PropertyKey[], out: ConditionTrace[], passing = true): void => {
  // The engine leaves `result` off the root (the rule fired, so it passed). Under `not`, the
  // leaves that passed are the ones that did not make the rule fire.
  const below = passing && (path.length === 0 || node.result === true);
  if (node.all) node.all.forEach((c, i) => collectTraces(c, [...path, 'all', i], out, below));
  else if (node.any) node.any.forEach((c, i) => collectTraces(c, [...path, 'any', i], out, below));
  else if (node.not) collectTraces(node.not, [...path, 'not'], out, false);
  else if (node.fact !== undefined) {
    const evaluated = 'result' in node;
    out.push({
      path: jsonPath(path),
      fact: node.fact,
      operator: node.operator ?? '',
      value: node.value,
      factValue: evaluated ? node.factResult : undefined,
      compareTo: evaluated ? node.valueResult : undefined,
      result: evaluated ? node.result : undefined,
      decisive: passing && node.result === true,
    });
  }
};

/**
 * The reference evaluator: json-rules-engine itself. An Engine keeps its run status on itself, so
 * concurrent runs on one Engine lose lower-priority results (ENGINE-NOTES.md); each run takes an
 * idle Engine from a pool instead, and gives it back when done.
 */
export class ReferenceEvaluator implements Evaluator {
  readonly kind = 'reference';
  private readonly idle: Engine[] = [];
  private readonly byId: ReadonlyMap<string, LoadedRule>;

  constructor(
    private readonly ruleSet: RuleSet,
    private readonly maxIdle = 32,
  ) {
    this.byId = new Map(ruleSet.rules.map((r) => [r.id, r]));
  }

  // Our schema's optional `path` differs from the engine's typings only under exactOptionalPropertyTypes.
  private build(): Engine {
    const engine = new Engine([], { allowUndefinedFacts: false, pathResolver: plainPathResolver, replaceFactsInEventParams: false });
    for (const [name, condition] of Object.entries(this.ruleSet.conditions)) engine.setCondition(name, condition as unknown as EngineCondition);
    for (const rule of this.ruleSet.rules) {
      engine.addRule({ name: rule.id, priority: rule.priority, conditions: rule.conditions as unknown as EngineCondition, event: { type: rule.id } });
    }
    return engine;
  }

  async evaluate(facts: Facts): Promise<RuleMatch[]> {
    const engine = this.idle.pop() ?? this.build();
    try {
      const { results } = await engine.run({ ...facts });
      return this.toMatches(results);
    } finally {
      if (this.idle.length < this.maxIdle) this.idle.push(engine);
    }
  }

  private toMatches(results: RuleResult[]): RuleMatch[] {
    const order = new Map(this.ruleSet.rules.map((r, i) => [r.id, i]));
    return results
      .map((result) => {
        const rule = this.byId.get(String(result.name))!;
        const conditions: ConditionTrace[] = [];
        collectTraces(result.conditions as unknown as RawNode, [], conditions);
        return { rule, conditions };
      })
      .sort((a, b) => order.get(a.rule.id)! - order.get(b.rule.id)!);
  }
}

/**
 * The decision flow as a Mermaid diagram, drawn from the rule set (never by hand): each rule folder
 * (area) points to the situations its rules decide, the edge naming the rules with their priority.
 */
import type { RuleSet } from '../src/rules/types.js';

const nodeId = (prefix: string, name: string): string => `${prefix}_${name.replace(/[^A-Za-z0-9]/g, '_')}`;
const areaOf = (source: string): string => source.split('/').slice(-2, -1)[0] ?? 'rules';

export const decisionFlowDiagram = (ruleSet: RuleSet): string => {
  const edges = new Map<string, { area: string; situation: string; rules: string[] }>();
  for (const rule of ruleSet.rules) {
    const area = areaOf(rule.source);
    const key = `${area} ${rule.situation}`;
    const edge = edges.get(key) ?? { area, situation: rule.situation, rules: [] };
    edge.rules.push(`${rule.id} (${rule.priority})`);
    edges.set(key, edge);
  }
  const areas = [...new Set([...edges.values()].map((e) => e.area))].sort();
  const situations = [...new Set(ruleSet.rules.map((r) => r.situation))];
  const lines = [
    '```mermaid',
    'flowchart LR',
    ...areas.map((a) => `  ${nodeId('area', a)}[${a}]`),
    ...situations.map((s) => `  ${nodeId('sit', s)}([${s}])`),
    ...areas.flatMap((a) =>
      [...edges.values()].filter((e) => e.area === a).map((e) => `  ${nodeId('area', a)} -->|"${e.rules.join(', ')}"| ${nodeId('sit', e.situation)}`),
    ),
    '```',
  ];
  return lines.join('\n');
};

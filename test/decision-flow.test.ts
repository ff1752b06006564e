import { describe, expect, it } from 'vitest';
import { createTriage } from '../src/index.js';
import { decisionFlowDiagram } from '../scripts/decision-flow-diagram.js';

describe('the decision-flow diagram in README.md', () => {
  const { ruleSet } = createTriage();
  const diagram = decisionFlowDiagram(ruleSet);

  it('draws every rule on an edge from its area to its situation', () => {
    for (const rule of ruleSet.rules) {
      const area = rule.source.split('/')[1]!;
      const edge = diagram.split('\n').find((l) => l.startsWith(`  area_${area} -->`) && l.includes(`${rule.id} (${rule.priority})`));
      expect(edge, rule.id).toMatch(new RegExp(`sit_${rule.situation}$`));
    }
  });
});

import { leavesBehind, type TraceNode, type TriageExplanation } from '../explain/explain.js';

type Leaf = Extract<TraceNode, { kind: 'leaf' }>;

const show = (v: unknown): string => (typeof v === 'number' && !Number.isInteger(v) ? v.toFixed(2) : JSON.stringify(v) ?? 'undefined');
const isFactRef = (v: unknown): v is { fact: string } => v !== null && typeof v === 'object' && !Array.isArray(v) && 'fact' in v;

/** `hoursSinceLastEvent = 72, greaterThanInclusive stallThresholdHours (48)` */
export const describeLeaf = (leaf: Leaf): string => {
  const target = isFactRef(leaf.value) ? `${leaf.value.fact} (${show(leaf.compareTo)})` : show(leaf.value);
  const seen = leaf.result === undefined ? 'not evaluated' : show(leaf.factValue);
  return `${leaf.fact} = ${seen}, ${leaf.operator} ${target}`;
};

const mark = (result: boolean | undefined): string => (result === undefined ? '·' : result ? '✓' : '✗');

const tree = (node: TraceNode, depth: number, out: string[]): void => {
  const pad = '  '.repeat(depth);
  switch (node.kind) {
    case 'leaf':
      out.push(`${pad}${mark(node.result)} ${describeLeaf(node)}`);
      return;
    case 'condition':
      out.push(`${pad}${mark(node.result)} condition "${node.name}"`);
      tree(node.child, depth + 1, out);
      return;
    case 'not':
      out.push(`${pad}${mark(node.result)} not`);
      tree(node.child, depth + 1, out);
      return;
    default:
      out.push(`${pad}${mark(node.result)} ${node.kind}${node.children.length === 0 ? ' (always)' : ''}`);
      for (const child of node.children) tree(child, depth + 1, out);
  }
};

/**
 * Every rule in the order it was tried: ✓ fired / ✗ did not, the one that decided, and why: for a
 * rule that did not fire the conditions that failed with the values they saw; for one that fired,
 * the conditions it fired on. `full` prints each rule's whole condition tree instead.
 */
export const formatExplanation = ({ result, rules }: TriageExplanation, full = false): string => {
  const decided = result.explanation.decidedBy;
  const lines = [
    `Decided  ${decided.rule} → ${result.situation} (priority ${decided.priority}, ${decided.source})`,
    '',
    `Rules in the order they are tried (${rules.length}):`,
  ];
  for (const rule of rules) {
    const status = rule.decided ? '  ← decided' : rule.fired ? '  (fired too; an earlier rule decided)' : '';
    lines.push(`${rule.fired ? '✓' : '✗'} ${String(rule.priority).padStart(4)} ${rule.rule} → ${rule.situation}  ${rule.source}${status}`);
    if (full) {
      tree(rule.conditions, 4, lines);
      continue;
    }
    if (rule.fired && !rule.decided) continue;
    const why = leavesBehind(rule.conditions, rule.fired);
    if (rule.fired && why.length === 0) lines.push('         (no conditions: always fires)');
    for (const leaf of why) {
      const note = !rule.fired && leaf.result === true ? 'held, but must not: ' : '';
      const where = leaf.within === undefined ? leaf.path : `${leaf.path} of condition "${leaf.within}"`;
      lines.push(`         ${rule.fired ? '' : 'failed: '}${note}${describeLeaf(leaf)}   ${where}`);
    }
  }
  return lines.join('\n');
};

/**
 * The README's generated blocks, each between `<!-- name:start -->` and `<!-- name:end -->`:
 * written from the schemas and the rule files, never by hand.
 */
import { z } from 'zod';
import { createTriage } from '../../src/triage.js';
import { Facts } from '../../src/schema/facts.js';
import { Policy } from '../../src/schema/policy.js';
import { decisionFlowDiagram } from '../decision-flow-diagram.js';

const cell = (text: string): string => text.replaceAll('|', '\\|').replaceAll('\n', ' ');

const typeName = (schema: z.ZodType): string => {
  const def = (schema as z.ZodType & { _zod: { def: { type: string; innerType?: z.ZodType; entries?: Record<string, string> } } })._zod.def;
  if (def.type === 'nullable' && def.innerType) return `${typeName(def.innerType)} \\| null`;
  if (def.type === 'enum' && def.entries) return Object.keys(def.entries).map((v) => `\`${v}\``).join(', ');
  if (def.type === 'string' && (schema as z.ZodString).format === 'datetime') return 'instant';
  return def.type;
};

const situationsTable = (): string => {
  const { ruleSet } = createTriage();
  const rows = Object.entries(ruleSet.situations).map(([id, s]) => {
    const rules = ruleSet.rules.filter((r) => r.situation === id);
    const parties = [...new Set(rules.map((r) => r.responsible ?? 'none'))].join(', ');
    const files = rules.map((r) => `[${r.id}](${r.source})`).join(', ');
    return `| \`${id}\` | ${s.category} | ${parties} | ${cell(s.description)} | ${files} |`;
  });
  return ['| situation | category | responsible | what it means | decided by |', '|---|---|---|---|---|', ...rows].join('\n');
};

const factsTable = (): string => {
  const rows = Object.entries(Facts.shape).map(
    ([name, schema]) => `| \`${name}\` | ${typeName(schema)} | ${cell(schema.description ?? '')} |`,
  );
  return ['| fact | type | meaning |', '|---|---|---|', ...rows].join('\n');
};

const policyTable = (): string => {
  const defaults = Policy.parse({});
  const rows = Object.entries(Policy.shape).map(
    ([name, schema]) => `| \`${name}\` | \`${cell(JSON.stringify(defaults[name as keyof typeof defaults]))}\` | ${cell(schema.description ?? '')} |`,
  );
  return ['| field | default | meaning |', '|---|---|---|', ...rows].join('\n');
};

export const BLOCKS: Record<string, () => string> = {
  situations: situationsTable,
  facts: factsTable,
  policy: policyTable,
  'decision-flow': () => decisionFlowDiagram(createTriage().ruleSet),
};

/** The README with every generated block rewritten; a missing marker pair is an error. */
export const renderReadme = (readme: string): string => {
  let out = readme;
  for (const [name, render] of Object.entries(BLOCKS)) {
    const start = `<!-- ${name}:start -->`;
    const end = `<!-- ${name}:end -->`;
    const from = out.indexOf(start);
    const to = out.indexOf(end);
    if (from === -1 || to < from) throw new Error(`README.md lacks the markers ${start} … ${end}`);
    out = `${out.slice(0, from + start.length)}\n${render()}\n${out.slice(to)}`;
  }
  return out;
};

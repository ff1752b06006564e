/**
 * The JSON Schemas that rule files and catalogues reference with `$schema`, generated from the zod
 * schemas (the single source), so an editor autocompletes fact names and underlines mistakes.
 */
import { z } from 'zod';
import { FactName } from '../src/schema/facts.js';
import { MessagePatternFile } from '../src/schema/message-patterns.js';
import { CheckCatalogue, ConditionCatalogue, ConditionNode, RuleFile, SituationCatalogue, WordingCatalogue } from '../src/schema/rule.js';

export const SCHEMA_DIR = 'schema';

const DOCUMENTS = {
  'rule.schema.json': { schema: RuleFile, title: 'after-sales-triage rule file', description: 'One rule: rules/<area>/<rule-id>.json. The highest-priority rule whose conditions hold decides.' },
  'situations.schema.json': { schema: SituationCatalogue, title: 'after-sales-triage situations catalogue', description: 'situations.json: the situation ids rules may decide, with their category.' },
  'checks.schema.json': { schema: CheckCatalogue, title: 'after-sales-triage checks catalogue', description: 'checks.json: what to verify and with whom; a known id may be changed in part, a new one needs an owner and every locale.' },
  'conditions.schema.json': { schema: ConditionCatalogue, title: 'after-sales-triage shared conditions', description: 'conditions.json: named conditions that rules reference as { "condition": name }.' },
  'message-patterns.schema.json': { schema: MessagePatternFile, title: 'after-sales-triage message patterns', description: 'rules/messages/<id>.json: literal phrases (never regular expressions) that read a buyer message into a claim.' },
  'wording.schema.json': { schema: WordingCatalogue, title: 'after-sales-triage wording overrides', description: "wording.json: a shop's own texts per rule id or situation id, per locale." },
} as const;

// Named definitions keep the fact list and the recursive condition in one place each, not inlined everywhere.
const NAMED: [z.ZodType, string][] = [
  [FactName, 'FactName'],
  [ConditionNode, 'Condition'],
];

/** File name → file text, exactly as committed under schema/. */
export const jsonSchemaFiles = (): Record<string, string> => {
  for (const [schema, id] of NAMED) if (!z.globalRegistry.has(schema)) z.globalRegistry.add(schema, { id });
  return Object.fromEntries(
    Object.entries(DOCUMENTS).map(([file, { schema, title, description }]) => {
      const { $schema, ...rest } = z.toJSONSchema(schema, { io: 'input' });
      return [file, `${JSON.stringify({ $schema, title, description, ...rest }, null, 2)}\n`];
    }),
  );
};

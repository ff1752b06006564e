import { readFileSync } from 'node:fs';
import { relative, sep } from 'node:path';
import { z } from 'zod';
import { listJsonFiles } from '../../src/rules/files.js';
import { Outcome } from '../../src/schema/result.js';
import { EscalationTarget, Party } from '../../src/schema/vocabulary.js';

/**
 * A fixture: fixtures/<area>/<rule-id>/<case>.json. `expect.rule` is the rule that must decide;
 * a case whose expected rule is not its folder's rule is a "must not fire" case for that folder.
 */
export const Fixture = z.strictObject({
  description: z.string().min(1),
  input: z.record(z.string(), z.unknown()),
  expect: z.strictObject({
    rule: z.string(),
    situation: z.string(),
    responsible: Party.nullable(),
    outcome: Outcome.optional(),
    checks: z.array(z.string()).optional(),
    escalateTo: EscalationTarget.optional(),
    flags: z.array(z.string()).optional(),
  }),
});
export type Fixture = z.infer<typeof Fixture>;

export interface FixtureFile {
  /** `logistics/stalled-tracking/peak-season` */
  name: string;
  area: string;
  folder: string;
  file: string;
  fixture: Fixture;
}

export const FIXTURES_DIR = 'fixtures';

export const loadFixtures = (dir = FIXTURES_DIR): FixtureFile[] =>
  listJsonFiles(dir).map((file) => {
    const parts = relative(dir, file).split(sep);
    if (parts.length !== 3) throw new Error(`${file}: fixtures live at fixtures/<area>/<rule-id>/<case>.json`);
    const [area, folder, base] = parts as [string, string, string];
    const parsed = Fixture.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    if (!parsed.success) throw new Error(`${file}: ${z.prettifyError(parsed.error)}`);
    return { name: `${area}/${folder}/${base.replace(/\.json$/, '')}`, area, folder, file, fixture: parsed.data };
  });

import { TriageError, issuesFromZod } from '../errors.js';
import { TriageInput, type ParsedTriageInput } from '../schema/input.js';

/**
 * Parses a triage input. zod's output is a fresh object holding only declared keys, so nothing
 * inherited or unknown (`__proto__` included) reaches the facts.
 * @throws {TriageError} `INVALID_INPUT` listing every problem with its path.
 */
export const validateInput = (raw: unknown): ParsedTriageInput => {
  const parsed = TriageInput.safeParse(raw);
  if (!parsed.success) throw new TriageError('INVALID_INPUT', issuesFromZod(parsed.error.issues, 'input'));
  return parsed.data;
};

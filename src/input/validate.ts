import { TriageError, causeMessage, issuesFromZod } from '../errors.js';
import { TriageInput, type ParsedTriageInput } from '../schema/input.js';
import { parseInstant } from '../facts/instant.js';
import { validateTriageInput } from '../generated/validate-input.js';
import { NOT_SURE } from '../schema/validator-runtime.js';
import { consistencyIssues, inInstantRange, OUT_OF_RANGE_TEXT } from './consistency.js';
import { canonicalInput, type CanonicalInput } from './canonical.js';
import { instantsOf, type InputInstants } from './instants.js';
import { unreadablePath } from '../unreadable.js';

export interface ValidatedInput {
  /** zod's data in one shape (canonical.ts): every declared key, in the schema's order, undefined when absent. */
  input: CanonicalInput;
  /** The moment of triage: `input.now`, else the injected clock. */
  now: Date;
  /** The input's instants, read once here for the checks and again of use to the derived facts. */
  instants: InputInstants;
}

const isValidDate = (d: unknown): d is Date => d instanceof Date && !Number.isNaN(d.getTime());

const readClock = (clock: () => Date): Date => {
  let now: unknown;
  try {
    now = clock();
  } catch (cause) {
    throw new TriageError('INVALID_OPTIONS', [{ file: 'options', path: '$.clock', code: 'invalid_clock', message: `the clock threw: ${causeMessage(cause)}` }], { cause });
  }
  if (!isValidDate(now)) {
    throw new TriageError('INVALID_OPTIONS', [{ file: 'options', path: '$.clock', code: 'invalid_clock', message: 'the clock must return a valid Date' }]);
  }
  if (!inInstantRange(now.getTime())) {
    throw new TriageError('INVALID_OPTIONS', [{ file: 'options', path: '$.clock', code: 'invalid_clock', message: `the clock gave ${now.toISOString()}, ${OUT_OF_RANGE_TEXT}` }]);
  }
  return now;
};

/** `input.now` when it is there and well-formed; the clock when absent; undefined when malformed (zod reports it). */
const resolveNow = (raw: unknown, parsed: ParsedTriageInput | undefined, clock: () => Date): Date | undefined => {
  if (parsed) return parsed.now === undefined ? readClock(clock) : new Date(parseInstant(parsed.now));
  const rawNow = raw !== null && typeof raw === 'object' ? Object.getOwnPropertyDescriptor(raw, 'now') : undefined;
  if (rawNow === undefined) return readClock(clock);
  const checked = TriageInput.shape.now.safeParse(rawNow.value);
  return checked.success && checked.data !== undefined ? new Date(checked.data) : undefined;
};

/** A parsed input, checked against itself and `now`. */
const checked = (raw: unknown, input: CanonicalInput, clock: () => Date): ValidatedInput => {
  const now = resolveNow(raw, input, clock);
  const instants = instantsOf(input);
  const issues = consistencyIssues({ parsed: input, instants }, now);
  if (issues.length === 0 && now !== undefined) return { input, now, instants };
  throw new TriageError('INVALID_INPUT', issues);
};

/**
 * Parses a triage input and checks it against itself and `now`. The input handed on is a fresh
 * object holding every declared key and no other (canonical.ts), so nothing inherited or unknown
 * (`__proto__` included) reaches the facts. Shape problems and cross-field problems come back together, in one error.
 * @throws {TriageError} `INVALID_INPUT` listing every problem with its path; a value that cannot
 *   even be read (a throwing getter, a revoked proxy) is reported as such, never thrown raw.
 * @example
 * validateInput({ now: '2026-11-12T10:00:00+08:00', order: { status: 'paid', amount: 99 } }, () => new Date()).now.toISOString();
 * // '2026-11-12T02:00:00.000Z'
 */
export const validateInput = (raw: unknown, clock: () => Date): ValidatedInput => {
  try {
    // zod's own output for the inputs zod accepts, already in the canonical shape, from code generated
    // from the schema (npm run validator:generate) at a fraction of zod's cost; NOT_SURE sends the
    // input through zod, for its issues, and zod's data through canonicalInput.
    const fast = validateTriageInput(raw);
    if (fast !== NOT_SURE) return checked(raw, fast, clock);
    const parsed = TriageInput.safeParse(raw);
    if (parsed.success) return checked(raw, canonicalInput(parsed.data), clock);
    const now = resolveNow(raw, undefined, clock);
    throw new TriageError('INVALID_INPUT', [...issuesFromZod(parsed.error.issues, 'input'), ...consistencyIssues({ raw }, now)]);
  } catch (cause) {
    if (cause instanceof TriageError) throw cause;
    const message = `the input could not be read: ${causeMessage(cause)}`;
    throw new TriageError('INVALID_INPUT', [{ file: 'input', path: unreadablePath(raw), code: 'unreadable', message }], { cause });
  }
};

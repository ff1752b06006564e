import { deepFreeze } from './deep-freeze.js';
import { TriageError, issuesFromZod } from './errors.js';
import { CompiledEvaluator } from './engine/compiled.js';
import { ReferenceEvaluator } from './engine/reference.js';
import type { Evaluator, RuleMatch } from './engine/types.js';
import { deriveFacts } from './facts/derive.js';
import { parseInstant } from './facts/instant.js';
import { builtinSources } from './generated/builtin-rules.js';
import { TriageOptions } from './options.js';
import { loadRuleSet, type RuleSource } from './rules/load.js';
import { readRuleDirectory } from './rules/read-dir.js';
import type { RuleSet } from './rules/types.js';
import { validateInput } from './input/validate.js';
import { readMessage } from './message/read.js';
import { buildResult } from './result/build.js';
import type { TriageInput } from './schema/input.js';
import { Policy, mergePolicy, type PolicyPatch } from './schema/policy.js';
import type { TriageResult } from './schema/result.js';
import type { Locale } from './schema/vocabulary.js';

export type SafeTriageResult = { success: true; data: TriageResult } | { success: false; error: TriageError };

export interface Triager {
  /**
   * Triages one order situation.
   * @throws {TriageError} `INVALID_INPUT` with every problem's path when the input does not validate.
   */
  triage(input: TriageInput): Promise<TriageResult>;
  /** Like `triage`, but returns `{ success: false, error }` instead of throwing a `TriageError`. */
  safeTriage(input: unknown): Promise<SafeTriageResult>;
  /**
   * `triage` without a Promise, for the compiled evaluator (the default): the same result, for
   * callers that cannot await (a synchronous hook, a tight batch loop).
   * @throws {TriageError} `INVALID_INPUT` as `triage` does; `INVALID_OPTIONS` with `evaluator: 'reference'`,
   *   because json-rules-engine only runs asynchronously.
   */
  triageSync(input: TriageInput): TriageResult;
  /** `triageSync` that returns `{ success: false, error }` instead of throwing a `TriageError`. */
  safeTriageSync(input: unknown): SafeTriageResult;
  /** The validated rules, highest priority first. */
  readonly ruleSet: RuleSet;
}

const asSources = (value: unknown, label: string): RuleSource[] =>
  value === undefined ? [] : [{ source: `<${label}>`, json: value }];

/**
 * Loads and validates the rules once and returns a reusable triager.
 * @throws {TriageError} `INVALID_RULE` naming the file and JSON path of every rule problem,
 *   `INVALID_OPTIONS` for bad options.
 * @example
 * const triager = createTriage({ policy: { shopName: '小鹿鞋铺', shipsOnWeekends: true } });
 * const result = await triager.triage({ now: '2026-11-12T10:00:00+08:00', order: { status: 'paid', amount: 199, paidAt: '2026-11-09T09:00:00+08:00' }, claim: { type: 'urge_shipping' } });
 * result.situation; // 'late_shipment'
 */
export const createTriage = (options: TriageOptions = {}): Triager => {
  const parsedOptions = TriageOptions.safeParse(options);
  if (!parsedOptions.success) throw new TriageError('INVALID_OPTIONS', issuesFromZod(parsedOptions.error.issues, 'options'));
  const opts = parsedOptions.data;

  const dirs = (opts.ruleDirs ?? []).map(readRuleDirectory);
  const builtin = opts.builtinRules === false ? { ...builtinSources, rules: [] } : builtinSources;
  const ruleSet = loadRuleSet({
    builtin,
    rules: [...dirs.flatMap((d) => d.rules), ...(opts.rules ?? []).map((json, i) => ({ source: `<rules[${i}]>`, json }))],
    situations: [...dirs.flatMap((d) => d.situations), ...asSources(opts.situations, 'situations')],
    checks: [...dirs.flatMap((d) => d.checks), ...asSources(opts.checks, 'checks')],
    conditions: [...dirs.flatMap((d) => d.conditions), ...asSources(opts.conditions, 'conditions')],
    disable: opts.disable ?? [],
  });
  const evaluator: Evaluator = opts.evaluator === 'reference' ? new ReferenceEvaluator(ruleSet) : new CompiledEvaluator(ruleSet);
  const shopPolicy: PolicyPatch = opts.policy ?? {};
  // Most inputs carry no policy of their own: resolve the shop's once. Frozen, as every triage shares it.
  const basePolicy = deepFreeze(Policy.parse({ ...shopPolicy }));
  const clock = opts.clock ?? (() => new Date());
  const defaultLocale: Locale = opts.locale ?? 'zh-CN';

  const prepare = (raw: TriageInput) => {
    const parsed = validateInput(raw);
    const policy = parsed.policy === undefined ? basePolicy : mergePolicy(basePolicy, parsed.policy);
    const now = parsed.now === undefined ? clock() : new Date(parseInstant(parsed.now));
    const locale = parsed.locale ?? defaultLocale;
    const { input, flags, suspiciousLink } = readMessage(parsed, policy);
    const facts = deriveFacts(input, { now, policy, locale, suspiciousLink });
    return { facts, policy, locale, now, flags, evaluator: evaluator.kind };
  };
  const engineFailure = (cause: unknown): TriageError =>
    new TriageError('ENGINE_FAILURE', [{ path: '$', code: 'engine', message: cause instanceof Error ? cause.message : String(cause) }], { cause });

  const triage = async (raw: TriageInput): Promise<TriageResult> => {
    const context = prepare(raw);
    let matches: RuleMatch[];
    try {
      matches = await evaluator.evaluate(context.facts);
    } catch (cause) {
      throw engineFailure(cause);
    }
    return buildResult({ matches, ...context });
  };

  const triageSync = (raw: TriageInput): TriageResult => {
    if (!evaluator.evaluateSync) {
      throw new TriageError('INVALID_OPTIONS', [
        { file: 'options', path: '$.evaluator', code: 'sync_unavailable', message: `triageSync needs evaluator "compiled"; "${evaluator.kind}" runs only asynchronously` },
      ]);
    }
    const context = prepare(raw);
    let matches: RuleMatch[];
    try {
      matches = evaluator.evaluateSync(context.facts);
    } catch (cause) {
      throw engineFailure(cause);
    }
    return buildResult({ matches, ...context });
  };

  const safely = <T>(run: () => T): { success: true; data: T } | { success: false; error: TriageError } => {
    try {
      return { success: true, data: run() };
    } catch (error) {
      if (error instanceof TriageError) return { success: false, error };
      throw error;
    }
  };

  return {
    triage,
    async safeTriage(input) {
      try {
        return { success: true, data: await triage(input as TriageInput) };
      } catch (error) {
        if (error instanceof TriageError) return { success: false, error };
        throw error;
      }
    },
    triageSync,
    safeTriageSync: (input) => safely(() => triageSync(input as TriageInput)),
    ruleSet,
  };
};

let defaultTriager: Triager | undefined;
const getDefault = (): Triager => (defaultTriager ??= createTriage());

/**
 * Triages with the built-in rules and the default policy (DOMAIN.md's figures).
 * @example
 * const result = await triage({
 *   now: '2026-11-14T10:00:00+08:00',
 *   order: { status: 'shipped', amount: 259, paidAt: '2026-11-10T20:00:00+08:00' },
 *   shipment: { trackingNumber: 'SF1234567890', carrier: '顺丰', events: [{ at: '2026-11-11T09:00:00+08:00', kind: 'in_transit' }] },
 *   claim: { type: 'not_received' },
 * });
 * result.situation; // 'stalled_tracking' (no update for 73 hours, beyond 48)
 */
export const triage = (input: TriageInput): Promise<TriageResult> => getDefault().triage(input);

/** `triage` that returns `{ success: false, error }` instead of throwing on invalid input. */
export const safeTriage = (input: unknown): Promise<SafeTriageResult> => getDefault().safeTriage(input);

/**
 * `triage` without a Promise (the built-in rules run on the compiled evaluator).
 * @example
 * const result = triageSync({
 *   now: '2026-11-14T10:00:00+08:00',
 *   order: { status: 'shipped', amount: 259, paidAt: '2026-11-10T20:00:00+08:00' },
 *   shipment: { trackingNumber: 'SF1234567890', events: [{ at: '2026-11-11T09:00:00+08:00', kind: 'in_transit' }] },
 *   claim: { type: 'not_received' },
 * });
 * result.situation; // 'stalled_tracking'
 */
export const triageSync = (input: TriageInput): TriageResult => getDefault().triageSync(input);

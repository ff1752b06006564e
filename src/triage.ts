import { deepFreeze } from './deep-freeze.js';
import { TriageError, causeMessage, issuesFromZod } from './errors.js';
import { CompiledEvaluator } from './engine/compiled.js';
import { ReferenceEvaluator } from './engine/reference.js';
import type { Evaluator, RuleMatch } from './engine/types.js';
import { deriveFacts } from './facts/derive.js';
import { builtinSources } from './generated/builtin-rules.js';
import { builtinRuleTests } from './generated/builtin-rule-tests.js';
import { TriageOptions } from './options.js';
import { loadRuleSet, type RuleSource } from './rules/load.js';
import { readRuleDirectory } from './rules/read-dir.js';
import type { RuleSet } from './rules/types.js';
import { validateInput } from './input/validate.js';
import { builtinMessagePatterns } from './generated/builtin-message-patterns.js';
import { interpretMessage } from './message/interpret.js';
import { loadMessagePatterns } from './message/patterns.js';
import { readMessage, toExplanation } from './message/read.js';
import { buildResult, type BuildContext } from './result/build.js';
import { TriageInput as TriageInputSchema } from './schema/input.js';
import type { TriageInput } from './schema/input.js';
import type { MessageExplanation } from './schema/message-reading.js';
import { prepareTraditional } from './wording/traditional.js';
import { Policy, mergePolicy, type PolicyPatch } from './schema/policy.js';
import type { TriageResult } from './schema/result.js';
import type { Locale } from './schema/vocabulary.js';
import { unreadablePath } from './unreadable.js';

export type SafeTriageResult = { success: true; data: TriageResult } | { success: false; error: TriageError };

/**
 * What a chatbot knows besides the buyer's words. The order is required: without its status the
 * rules would decide on invented facts; a bot that has no order yet calls `readBuyerMessage`.
 */
export type MessageContext = Omit<TriageInput, 'message'>;

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
  /**
   * Triages a buyer's message with whatever order facts the chatbot has; the same as `triage`
   * with `message` set, so an explicit `context.claim` still wins over the words.
   * @throws {TriageError} `INVALID_INPUT`, e.g. at `$.order` when the context has no order.
   */
  triageMessage(message: string, context: MessageContext): Promise<TriageResult>;
  /**
   * Reads a message on its own, with no order: the claim it states (or that it is ambiguous),
   * a refund reason, process questions and every link with its verdict.
   * @throws {TriageError} `INVALID_INPUT` when the message is not a string of at most 4,000 characters.
   */
  readBuyerMessage(message: string, policy?: PolicyPatch): MessageExplanation;
  /** The validated rules, highest priority first. */
  readonly ruleSet: RuleSet;
}

// Built once: deriving a zod schema compiles it, which costs more than reading a message.
const MessageOnly = TriageInputSchema.pick({ message: true, policy: true }).required({ message: true });

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
  let parsedOptions: ReturnType<typeof TriageOptions.safeParse>;
  try {
    parsedOptions = TriageOptions.safeParse(options);
  } catch (cause) {
    // a throwing getter or a revoked proxy among the options
    throw new TriageError('INVALID_OPTIONS', [{ file: 'options', path: unreadablePath(options), code: 'unreadable', message: `the options could not be read: ${causeMessage(cause)}` }], { cause });
  }
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
    wording: [...dirs.flatMap((d) => d.wording), ...(opts.wording === undefined ? [] : [{ source: 'options', json: { wording: opts.wording } }])],
    disable: opts.disable ?? [],
  });
  const messagePatterns = loadMessagePatterns({
    builtin: builtinMessagePatterns,
    extra: [...dirs.flatMap((d) => d.messages), ...(opts.messagePatterns ?? []).map((json, i) => ({ source: `<messagePatterns[${i}]>`, json }))],
  });
  const evaluator: Evaluator = opts.evaluator === 'reference' ? new ReferenceEvaluator(ruleSet) : new CompiledEvaluator(ruleSet, builtinRuleTests);
  const shopPolicy: PolicyPatch = opts.policy ?? {};
  // Most inputs carry no policy of their own: resolve the shop's once. Frozen, as every triage shares it.
  const basePolicy = deepFreeze(Policy.parse({ ...shopPolicy }));
  const clock = opts.clock ?? (() => new Date());
  const defaultLocale: Locale = opts.locale ?? 'zh-CN';
  // a chatbot answers its first buyer in the time of any other; creating the triager may take longer
  if (defaultLocale === 'zh-TW') prepareTraditional();

  const prepare = (raw: TriageInput): BuildContext => {
    const { input: parsed, now, instants } = validateInput(raw, clock);
    const policy = parsed.policy === undefined ? basePolicy : mergePolicy(basePolicy, parsed.policy);
    const locale = parsed.locale ?? defaultLocale;
    const { input, flags, suspiciousLink, explanation: message } = readMessage(parsed, policy, messagePatterns);
    // the message may add a claim or a refund reason, never an instant: those read in validation hold
    const facts = deriveFacts(input, { now, policy, locale, suspiciousLink, instants });
    return { facts, policy, locale, now, flags, evaluator: evaluator.kind, message };
  };
  const engineFailure = (cause: unknown): TriageError =>
    new TriageError('ENGINE_FAILURE', [{ path: '$', code: 'engine', message: causeMessage(cause) }], { cause });

  const triage = async (raw: TriageInput): Promise<TriageResult> => {
    const context = prepare(raw);
    let matches: RuleMatch[];
    try {
      matches = await evaluator.evaluate(context.facts, 'decisive');
    } catch (cause) {
      throw engineFailure(cause);
    }
    return buildResult(matches, context);
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
      matches = evaluator.evaluateSync(context.facts, 'decisive');
    } catch (cause) {
      throw engineFailure(cause);
    }
    return buildResult(matches, context);
  };

  const readBuyerMessage = (message: string, policy?: PolicyPatch): MessageExplanation => {
    const parsed = MessageOnly.safeParse({ message, policy });
    if (!parsed.success) throw new TriageError('INVALID_INPUT', issuesFromZod(parsed.error.issues, 'input'));
    const resolved = parsed.data.policy === undefined ? basePolicy : mergePolicy(basePolicy, parsed.data.policy);
    return toExplanation(interpretMessage(parsed.data.message, messagePatterns, resolved.trustedLinkDomains), 'alone');
  };

  // A TriageError becomes a failed result; anything else is a bug and still throws.
  const failure = (error: unknown): { success: false; error: TriageError } => {
    if (error instanceof TriageError) return { success: false, error };
    throw error;
  };

  return {
    triage,
    safeTriage: (input) => triage(input as TriageInput).then((data) => ({ success: true, data }), failure),
    triageSync,
    triageMessage: (message, context) => triage({ ...context, message }),
    readBuyerMessage,
    safeTriageSync(input) {
      try {
        return { success: true, data: triageSync(input as TriageInput) };
      } catch (error) {
        return failure(error);
      }
    },
    ruleSet,
  };
};

let defaultTriager: Triager | undefined;
const getDefault = (): Triager => (defaultTriager ??= createTriage());

/**
 * Triages with the built-in rules and the default policy (DOMAIN.md's figures).
 * @example
 * const result = await triage({
 *   now: '2026-10-14T10:00:00+08:00',
 *   order: { status: 'shipped', amount: 259, paidAt: '2026-10-10T20:00:00+08:00' },
 *   shipment: { trackingNumber: 'SF1234567890', carrier: '顺丰', events: [{ at: '2026-10-11T09:00:00+08:00', kind: 'in_transit' }] },
 *   claim: { type: 'not_received' },
 * });
 * result.situation; // 'stalled_tracking' (no update for 73 hours, beyond 48 outside peak season)
 */
export const triage = (input: TriageInput): Promise<TriageResult> => getDefault().triage(input);

/** `triage` that returns `{ success: false, error }` instead of throwing on invalid input. */
export const safeTriage = (input: unknown): Promise<SafeTriageResult> => getDefault().safeTriage(input);

/**
 * `triage` without a Promise (the built-in rules run on the compiled evaluator).
 * @example
 * const result = triageSync({
 *   now: '2026-10-14T10:00:00+08:00',
 *   order: { status: 'shipped', amount: 259, paidAt: '2026-10-10T20:00:00+08:00' },
 *   shipment: { trackingNumber: 'SF1234567890', events: [{ at: '2026-10-11T09:00:00+08:00', kind: 'in_transit' }] },
 *   claim: { type: 'not_received' },
 * });
 * result.situation; // 'stalled_tracking'
 */
export const triageSync = (input: TriageInput): TriageResult => getDefault().triageSync(input);

/** `triageSync` that returns `{ success: false, error }` instead of throwing on invalid input. */
export const safeTriageSync = (input: unknown): SafeTriageResult => getDefault().safeTriageSync(input);

/**
 * Triages what a buyer typed, with the order facts a chatbot has. The message is read into a
 * claim only when `context.claim` is absent; an ambiguous message reads as no claim, and
 * `result.explanation.message` says what was read so the bot can ask.
 * @throws {TriageError} `INVALID_INPUT` with paths, e.g. `$.order` when there is no order.
 * @example
 * const result = await triageMessage('在吗 鞋边溢胶大概2毫米', {
 *   now: '2026-11-14T10:00:00+08:00',
 *   order: { status: 'completed', amount: 259, category: 'shoes' },
 * });
 * result.situation; // 'not_a_defect' (0.2 cm is under the 1 cm tolerance)
 * result.explanation.message?.claim; // { type: 'quality', defect: 'glue_overflow', defectSizeCm: 0.2 }
 */
export const triageMessage = (message: string, context: MessageContext): Promise<TriageResult> =>
  getDefault().triageMessage(message, context);

/**
 * Reads a buyer's message without any order: what it claims, whether it is ambiguous, the refund
 * reason, process questions and links (untrusted hosts have `trusted: false`).
 * @example
 * const reading = readBuyerMessage('鞋子开胶了 而且还买小了');
 * reading.reading; // 'ambiguous' (quality and size): ask which one the buyer means
 */
export const readBuyerMessage = (message: string, policy?: PolicyPatch): MessageExplanation => getDefault().readBuyerMessage(message, policy);

import type { ParsedTriageInput } from '../schema/input.js';
import type { MessageExplanation } from '../schema/message-reading.js';
import type { Policy } from '../schema/policy.js';
import { claim as canonicalClaim, refund as canonicalRefund } from '../input/canonical.js';
import { interpretMessage, type BuyerMessageReading } from './interpret.js';
import type { MessagePatternSet } from './patterns.js';

export interface ResultFlag {
  id: string;
  detail: string;
}

/** What was read from the buyer's own words. */
export interface MessageReading {
  /** The input to triage: the original, or with a claim read from the message when it had none. */
  input: ParsedTriageInput;
  flags: ResultFlag[];
  suspiciousLink: boolean;
  /** Absent when there is no message. */
  explanation?: MessageExplanation;
}

/** One flag per distinct untrusted host. */
const linkFlags = (reading: BuyerMessageReading): ResultFlag[] => {
  // most messages hold no link: no list, set or spread to build for them
  if (reading.links.length === 0) return [];
  return [...new Set(reading.links.filter((l) => !l.trusted).map((l) => l.host))].map((host) => ({ id: 'suspicious_link', detail: host }));
};

/**
 * What became of a reading: `applied` to the input, `kept` out of it (the input's own claim or
 * refund stands), or read `alone`, with no input at all (readBuyerMessage).
 */
export type ReadingUse = 'applied' | 'kept' | 'alone';

/** The reading as the result shows it: link positions are internal. */
export const toExplanation = (reading: BuyerMessageReading, use: ReadingUse): MessageExplanation => {
  // optional fields absent rather than undefined, set one by one: spreading optional parts costs many times more
  const explanation = { text: reading.text, reading: reading.reading } as MessageExplanation;
  if (reading.claim !== undefined) explanation.claim = reading.claim;
  if (reading.refundReason !== undefined) explanation.refundReason = reading.refundReason;
  explanation.applied = use === 'applied';
  explanation.candidates = reading.candidates;
  explanation.ruledOut = reading.ruledOut;
  explanation.questions = reading.questions;
  explanation.links = reading.links.map(({ text, host, trusted, reason }) => (reason === undefined ? { text, host, trusted } : { text, host, trusted, reason }));
  // a message read on its own has no input whose claim could have been kept
  explanation.note = use === 'kept' && reading.reading === 'read' ? `${reading.note}; the input's own claim was kept` : reading.note;
  return explanation;
};

/**
 * Reads the buyer's message: links are always scanned; when the input has no `claim`, the claim
 * the message states (and, without a `refund`, the refund reason it states) goes into the input.
 * An ambiguous or empty reading adds nothing, so the structured facts (or needs_human) decide.
 */
export const readMessage = (input: ParsedTriageInput, policy: Policy, patterns: MessagePatternSet): MessageReading => {
  if (input.message === undefined || input.message.trim() === '') return { input, flags: [], suspiciousLink: false };
  const reading = interpretMessage(input.message, patterns, policy.trustedLinkDomains);
  const flags = linkFlags(reading);

  // structured input wins: nothing read from text replaces a claim or refund the caller gave
  const claim = input.claim === undefined ? reading.claim : undefined;
  const refundReason = input.claim === undefined && input.refund === undefined ? reading.refundReason : undefined;
  // a copy only when something is applied: copying an input of any shape is a slow, generic step
  let next = input;
  if (claim !== undefined || refundReason !== undefined) {
    next = { ...input };
    // in the one shape validation gives the input's objects
    if (claim !== undefined) next.claim = canonicalClaim(claim);
    if (refundReason !== undefined) next.refund = canonicalRefund({ reason: refundReason });
  }
  return {
    input: next,
    flags,
    suspiciousLink: flags.length > 0,
    explanation: toExplanation(reading, claim !== undefined || refundReason !== undefined ? 'applied' : 'kept'),
  };
};

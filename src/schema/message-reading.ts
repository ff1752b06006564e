import { z } from 'zod';
import { Claim } from './input.js';
import { ClaimType, RefundReason } from './vocabulary.js';

/** What was read from the buyer's message: enough for a chatbot to ask the right clarifying question. */
export const MessageExplanation = z.object({
  /** The text the patterns saw: full-width folded, traditional converted to simplified, lower case, links, client tags and order cards removed. */
  text: z.string(),
  /** `read`: one claim won; `ambiguous`: different claims with no clear winner (ask which); `none`: no claim said (ask what is wrong). */
  reading: z.enum(['read', 'ambiguous', 'none']),
  /** The claim the message states, when `reading` is `read`. */
  claim: Claim.optional(),
  /** A refund reason stated together with a refund request (假货 + 退款). */
  refundReason: RefundReason.optional(),
  /** Whether the reading went into this triage: false when the input had its own `claim` (structured facts win). */
  applied: z.boolean(),
  /** Every claim with a score, best first, with the pattern phrases that matched and the pattern file. */
  candidates: z.array(z.object({ type: ClaimType, score: z.number(), phrases: z.array(z.string()), file: z.string() })),
  /** Claims a contradiction in the message ruled out (不是质量问题, 是我摔坏的). */
  ruledOut: z.array(z.object({ type: ClaimType, phrases: z.array(z.string()), file: z.string() })),
  /** Questions about the process (how_to_refund, how_to_repair...), for the chatbot to answer. */
  questions: z.array(z.string()),
  /** Every link found, with the host the URL parser resolved; untrusted ones are also flagged `suspicious_link`. */
  links: z.array(
    z.object({
      text: z.string(),
      host: z.string(),
      trusted: z.boolean(),
      reason: z.enum(['untrusted_host', 'ip_address', 'credentials', 'port']).optional(),
    }),
  ),
  /** One line for the agent or the chatbot: what was read and, when unsure, what to ask. */
  note: z.string(),
});
export type MessageExplanation = z.infer<typeof MessageExplanation>;

import { z } from 'zod';
import { ClaimType, Defect, RefundReason, SizeBound } from './vocabulary.js';

/**
 * A literal phrase. Never a regular expression: buyer text is matched by plain substring (Chinese)
 * or whole words (English), so no pattern a shop writes can backtrack.
 */
const Phrase = z.string().min(1).max(80);
const Phrases = z.array(Phrase).min(1).max(2000);

/** One way of saying a claim: it matches when every stated part holds. */
export const MessagePattern = z
  .strictObject({
    /** At least one of these phrases is in the message. */
    any: Phrases.optional(),
    /** And for every group, one of its phrases is in the message (地址 + 改). */
    all: z.array(Phrases).min(1).max(8).optional(),
    /** And none of these is in the message. */
    none: Phrases.optional(),
    /** A claim scores the weight of its strongest matching pattern, plus the weights of its matching `supporting` ones. */
    weight: z.number().int().min(1).max(10).default(2),
    /** Counts only when a non-supporting pattern of the same claim matched too: words that sharpen a claim but do not make one (退货, 怎么修). */
    supporting: z.boolean().default(false),
    /**
     * Does not count when the message also names a refund reason of the file's `refund.reasons`
     * (`refund_reason`: 假货 退款 is a counterfeit claim, not a change of mind) or asks one of its
     * `questions` (`question`: 退货运费谁出 asks about the process). Saves repeating those lists in `none`.
     */
    notWith: z.array(z.enum(['refund_reason', 'question'])).max(2).optional(),
  })
  .refine((p) => p.any !== undefined || p.all !== undefined, { message: 'a pattern needs `any` or `all`' });
export type MessagePattern = z.infer<typeof MessagePattern>;

export const ClaimPatterns = z.strictObject({
  description: z.string().max(500).optional(),
  patterns: z.array(MessagePattern).min(1).max(500),
  /** Spans left out when matching this claim only: 修改 is not a repair. */
  mask: Phrases.optional(),
  /** Any of these in the message and this claim is not read at all: 是我摔坏的 is not a quality claim. */
  unless: Phrases.optional(),
  /** Steps back when one of these claims is read too: 不想要了 is a consequence, 买大了 is the reason. */
  yieldsTo: z.array(ClaimType).max(20).optional(),
  /** Defects named in the message, first match wins. */
  defects: z
    .array(z.strictObject({ defect: Defect, any: Phrases, none: Phrases.optional() }))
    .max(50)
    .optional(),
  /** Read a stated size (2毫米, 1 cm) into `defectSizeCm`, with the file's `sizeUnits`. */
  readsSize: z.boolean().default(false),
});
export type ClaimPatterns = z.infer<typeof ClaimPatterns>;

const QuestionId = z.string().regex(/^[a-z][a-z0-9_]*$/, 'expected a snake_case id like "how_to_refund"').max(64);

/** A pattern file under rules/messages/: how one language says each claim. */
export const MessagePatternFile = z.strictObject({
  $schema: z.string().optional(),
  /** The file's id; a shop file with the id of a built-in one replaces it. */
  id: z.string().regex(/^[a-z][a-z0-9-]*$/, 'expected a lower-case id like "zh"').max(64),
  description: z.string().max(1000).optional(),
  /**
   * `characters`: phrases match anywhere once spaces and punctuation are gone (Chinese; traditional
   * characters are converted to simplified first). `words`: phrases match whole words, and a last
   * word ending in `*` matches by prefix (`arriv*`).
   */
  matching: z.enum(['characters', 'words']),
  /**
   * Literal replacements before matching, in order: slang, typos, contractions (木有 → 没有,
   * n't → not). In a `words` file, a `from` of only letters, digits and spaces replaces whole
   * words (dont → do not leaves "significant" alone); any other `from` replaces characters. A
   * `characters` file rewrites the text with spaces and punctuation already out, so its pairs hold
   * letters and digits only (今天没发 matches 今天 没发 as typed).
   */
  rewrite: z.array(z.strictObject({ from: Phrase, to: z.string().max(80) })).max(1000).default([]),
  /** What a chat client glues to the words: tags removed as they are, order-card fields removed with their value. */
  strip: z
    .strictObject({
      tags: Phrases.optional(),
      /** A label such as 订单金额: the label, an optional colon and the number/date after it go. */
      fields: Phrases.optional(),
    })
    .default({}),
  claims: z.partialRecord(ClaimType, ClaimPatterns),
  decision: z
    .strictObject({
      /** A claim scoring less than this is not a candidate. */
      minScore: z.number().int().min(1).max(100).default(2),
      /**
       * The best claim's strongest pattern must lead the next different claim's by this much, or the
       * reading is ambiguous. Supporting patterns do not count here: they only choose between claims
       * handled alike (`compatible`).
       */
      margin: z.number().int().min(1).max(100).default(1),
      /** Claims handled alike: choosing between them is not an ambiguity (the higher score wins, then the order listed). */
      compatible: z.array(z.array(ClaimType).min(2)).max(20).default([]),
    })
    .default({ minScore: 2, margin: 1, compatible: [] }),
  /** Units for `readsSize`, with their length in centimetres. */
  sizeUnits: z
    .array(z.strictObject({ unit: Phrase, cm: z.number().positive().max(1000) }))
    .max(50)
    .default([]),
  /**
   * Words that make a stated size a bound rather than the size, by bound: right `before` the number
   * (不到1厘米, under 1 cm, 不超过) or right `after` the unit (1厘米以内, 1 cm or less). Compared
   * without spaces or punctuation; the longest that fits wins (不超过 over 超过).
   */
  sizeBounds: z
    .partialRecord(SizeBound, z.strictObject({ before: Phrases.optional(), after: Phrases.optional() }))
    .default({}),
  /** Whether the item is still as new; `unused` phrases are matched first and hidden from `used` (没穿过 holds 穿过). */
  itemUnused: z.strictObject({ unused: Phrases, used: Phrases }).optional(),
  /** A refund reason is read only with a refund word and none of `unless` (再不发就退款 is a threat, not a request). */
  refund: z
    .strictObject({
      intent: Phrases,
      unless: Phrases.optional(),
      reasons: z.array(z.strictObject({ reason: RefundReason, any: Phrases })).max(20),
    })
    .optional(),
  /** Questions about the process rather than a claim; reported so a chatbot can answer them. */
  questions: z.record(QuestionId, Phrases).default({}),
});
export type MessagePatternFile = z.infer<typeof MessagePatternFile>;
export type MessagePatternFileInput = z.input<typeof MessagePatternFile>;

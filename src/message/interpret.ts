import type { ClaimType, Defect, RefundReason, SizeBound } from '../schema/vocabulary.js';
import { MAX_DEFECT_SIZE_CM } from '../schema/input.js';
import { findLinks, type FoundLink } from './links.js';
import { collapseSpaces, foldNormalized, foldText, squeeze, stripFields, wordKey } from './normalize.js';
import type { CompiledClaim, CompiledPattern, CompiledPatternFile, MessagePatternSet } from './patterns.js';
import type { CodeUnitSet } from './code-units.js';
import type { KeyText } from './phrase-index.js';
import { largestSize, readSizesCm, type SizeBoundWord, type StatedSize } from './sizes.js';

export interface ClaimCandidate {
  type: ClaimType;
  score: number;
  /** The phrases (as written in the pattern file) that matched. */
  phrases: string[];
  file: string;
}

export interface RuledOutClaim {
  type: ClaimType;
  /** The `unless` phrases that ruled it out (是我摔坏的). */
  phrases: string[];
  file: string;
}

export interface ReadClaim {
  type: ClaimType;
  defect?: Defect;
  defectSizeCm?: number;
  defectSizeBound?: SizeBound;
  itemUnused?: boolean;
}

/** What the buyer's own words say, before anything is applied to a triage input. */
export interface BuyerMessageReading {
  /** The text the patterns saw: full-width folded, traditional converted, lower case, links, client tags and order cards removed. */
  text: string;
  /** `read`: one claim won; `ambiguous`: different claims with no clear winner; `none`: no claim said. */
  reading: 'read' | 'ambiguous' | 'none';
  claim?: ReadClaim;
  refundReason?: RefundReason;
  candidates: ClaimCandidate[];
  ruledOut: RuledOutClaim[];
  questions: string[];
  links: FoundLink[];
  /** One line for the agent or the chatbot: what was read and, when unsure, what to ask. */
  note: string;
}

/**
 * How a message's text is turned into what patterns are matched against. The reading below is the
 * same whatever the reader; `fastReader` is the one used, test/message/differential.test.ts holds
 * it to the plain one in test/support/reference-reader.ts.
 */
export interface TextReader {
  /** Every link in the NFKC text, as `findLinks` finds them. */
  links(text: string, trustedDomains: readonly string[]): FoundLink[];
  /** NFKC, traditional to simplified, lower case; `isNfkc` when the text is in NFKC already. */
  fold(text: string, isNfkc: boolean): string;
  /** Without the file's client tags and order-card fields. */
  strip(text: string, file: CompiledPatternFile): string;
  /** The key phrases are looked for in (rewritten, squeezed or split into words), and the squeezed text sizes are read from (asked only then). */
  prepare(stripped: string, file: CompiledPatternFile): { key: KeyText; squeezed: () => string };
}

/**
 * What masks put in place of a phrase: never part of a key, so no phrase is found across it.
 * @example
 * sentinelOf(zhFile); // '|' (and ' | ' for a words file, whose keys are spaced words)
 */
export const sentinelOf = (file: CompiledPatternFile): string => (file.matching === 'characters' ? '|' : ' | ');

// the last answer: strip asks about a text and prepare about what strip left, most often the same
// text; it holds the file's alphabet (a few KB), not the file, so a dropped triager stays collectable
let askedText: string | undefined;
let askedAlphabet: CodeUnitSet | undefined;
let askedAnswer = false;

/** The text holds nothing the file looks for (see `alphabet`): stripping, rewriting and searching would change and find nothing. */
const untouched = (text: string, { alphabet }: CompiledPatternFile): boolean => {
  if (alphabet === undefined) return false;
  if (alphabet === askedAlphabet && text === askedText) return askedAnswer;
  askedAnswer = !alphabet.occursIn(text);
  askedText = text;
  askedAlphabet = alphabet;
  return askedAnswer;
};

/** Without the file's client tags, and its order-card fields when a label can occur. */
const stripTagsAndFields = (text: string, file: CompiledPatternFile): string => {
  const tagged = file.rewriters.tags.apply(text);
  return file.fieldUnits !== undefined && !file.fieldUnits.occursIn(tagged) ? tagged : stripFields(tagged, file.fields);
};

/**
 * Finds the phrases, tags and rewrites that occur with one pass over the text, and looks no further than those.
 * @example
 * interpretMessage('鞋子開膠了', patterns, [], fastReader); // the default reader
 */
export const fastReader: TextReader = {
  links: findLinks,
  fold: (text, isNfkc) => (isNfkc ? foldNormalized(text) : foldText(text)),
  strip: (text, file) => (untouched(text, file) ? text : stripTagsAndFields(text, file)),
  prepare(stripped, file) {
    const sentinel = sentinelOf(file);
    // no rewrite applies and no phrase occurs; the words key is never searched, so the text stands for it
    if (untouched(stripped, file)) return { key: file.phraseIndex.none(stripped, sentinel), squeezed: () => squeeze(stripped) };
    if (file.matching === 'words') {
      const body = file.rewriters.rewrite.apply(stripped);
      const key = file.rewriters.rewriteWords.apply(wordKey(body));
      return { key: file.phraseIndex.scan(key, sentinel), squeezed: () => squeeze(body) };
    }
    // for character files the key is the squeezed text, rewritten (see phraseKey in patterns.ts)
    const key = file.rewriters.rewrite.apply(squeeze(stripped));
    return { key: file.phraseIndex.scan(key, sentinel), squeezed: () => key };
  },
};

interface PreparedText {
  file: CompiledPatternFile;
  key: KeyText;
  squeezed: () => string;
}

/** The phrases that make a pattern match, or undefined when it does not. */
const matchPattern = (pattern: CompiledPattern, key: KeyText): string[] | undefined => {
  // most patterns have no phrase in the message: whether a list has one is a lookup
  if (pattern.any !== undefined && !key.has(pattern.any)) return undefined;
  if (pattern.all !== undefined) for (const group of pattern.all) if (!key.has(group)) return undefined;
  if (pattern.none !== undefined && key.has(pattern.none)) return undefined;
  const hit: string[] = [];
  if (pattern.any !== undefined) for (const p of key.found(pattern.any)) hit.push(p.text);
  if (pattern.all !== undefined) for (const group of pattern.all) for (const p of key.found(group)) hit.push(p.text);
  return hit;
};

interface ClaimScore {
  claim: CompiledClaim;
  score: number;
  /** The strongest matching non-supporting pattern: what decides between different claims. */
  main: number;
  phrases: string[];
  ruledOutBy: string[];
}

type Context = ReadonlySet<'refund_reason' | 'question'>;

/** What else the message says that some patterns step back from (`notWith`). */
const contextOf = (text: PreparedText): Context => {
  const { refund, questions, questionPhrases } = text.file;
  const context = new Set<'refund_reason' | 'question'>();
  if (refund !== undefined && text.key.mayHave(refund.reasonPhrases) && refund.reasons.some((r) => text.key.has(r.any))) context.add('refund_reason');
  if (text.key.mayHave(questionPhrases) && questions.some((q) => text.key.has(q.phrases))) context.add('question');
  return context;
};

/** How strongly the claim is said; undefined when it is neither said nor ruled out. `context` is asked only for a pattern with `notWith`. */
const scoreClaim = (claim: CompiledClaim, text: PreparedText, context: () => Context): ClaimScore | undefined => {
  // most claims are not said in a given message, nor ruled out, nor masked
  if (!text.key.mayHave(claim.concerns)) return undefined;
  if (text.key.has(claim.unless)) return { claim, score: 0, main: 0, phrases: [], ruledOutBy: text.key.found(claim.unless).map((p) => p.text) };
  const key = text.key.masked(claim.mask);
  // every pattern needs one of the claim's triggers
  if (!key.mayHave(claim.triggers)) return undefined;
  let main = 0;
  let supporting = 0;
  const phrases: string[] = [];
  patterns: for (const pattern of claim.patterns) {
    for (const c of pattern.notWith) if (context().has(c)) continue patterns;
    const hit = matchPattern(pattern, key);
    if (hit === undefined) continue;
    if (pattern.supporting) supporting += pattern.weight;
    // the strongest way of saying it counts, not how many: a claim said three ways does not outweigh a second claim said once
    else main = Math.max(main, pattern.weight);
    for (const p of hit) if (!phrases.includes(p)) phrases.push(p);
  }
  // supporting words (退货, 怎么修) sharpen a claim but never make one alone
  return main > 0 ? { claim, score: main + supporting, main, phrases, ruledOutBy: [] } : undefined;
};

interface FileDecision {
  /** The claims said or ruled out, in the file's order. */
  scores: ClaimScore[];
  reading: 'read' | 'ambiguous' | 'none';
  chosen?: ClaimType;
  /** The two leading claims when ambiguous. */
  rivals: ClaimType[];
}

const decide = (text: PreparedText): FileDecision => {
  const { minScore, margin } = text.file.decision;
  let context: Context | undefined;
  const getContext = (): Context => (context ??= contextOf(text));
  const scores: ClaimScore[] = [];
  for (const claim of text.file.claims) {
    const score = scoreClaim(claim, text, getContext);
    if (score !== undefined) scores.push(score);
  }
  // what most files say of most messages
  if (scores.length === 0) return { scores, reading: 'none', rivals: [] };
  // a handful of scores at most: plain loops, no sets or maps to build
  const eligible: ClaimScore[] = [];
  for (const s of scores) if (s.score >= minScore) eligible.push(s);
  // claims handled alike compete as one: the best of them stands for the group (in the order the groups first appear)
  const best: ClaimScore[] = [];
  for (const s of eligible) {
    if (s.claim.yieldsTo.some((t) => eligible.some((e) => e.claim.type === t))) continue;
    const { group, rank } = s.claim;
    const at = group === -1 ? -1 : best.findIndex((b) => b.claim.group === group);
    if (at === -1) best.push(s);
    else if (s.score > best[at]!.score || (s.score === best[at]!.score && rank < best[at]!.claim.rank)) best[at] = s;
  }
  const ordered = best.length > 1 ? best.sort((a, b) => b.score - a.score) : best;
  const [first, second] = ordered;
  if (first === undefined) return { scores, reading: 'none', rivals: [] };
  // supporting words choose within claims handled alike, never between different claims: 物流 next to 坏的 is no lead
  if (second === undefined || first.main - second.main >= margin) return { scores, reading: 'read', chosen: first.claim.type, rivals: [] };
  return { scores, reading: 'ambiguous', rivals: [first.claim.type, second.claim.type] };
};

/** The one value given (however often), or undefined when there is none or more than one. */
const single = <T>(values: readonly (T | undefined)[]): T | undefined => {
  let one: T | undefined;
  for (const value of values) {
    if (value === undefined || value === one) continue;
    if (one !== undefined) return undefined;
    one = value;
  }
  return one;
};

const readDefect = (texts: readonly PreparedText[], type: ClaimType): Defect | undefined => {
  for (const text of texts) {
    const claim = text.file.claims.find((c) => c.type === type);
    if (claim === undefined) continue;
    const key = text.key.masked(claim.mask);
    const hit = claim.defects.find((d) => key.has(d.any) && !key.has(d.none));
    if (hit !== undefined) return hit.defect;
  }
  return undefined;
};

const readSize = (texts: readonly PreparedText[], type: ClaimType, bounds: readonly SizeBoundWord[]): StatedSize | undefined => {
  const sizes: StatedSize[] = [];
  for (const t of texts) if (t.file.claims.some((c) => c.type === type && c.readsSize)) sizes.push(...readSizesCm(t.squeezed(), t.file.sizeUnits, bounds));
  // the largest stated size: the buyer's side of a doubt about the tolerance; a length past what a
  // claim may carry (溢胶5000厘米) is a slip or a joke, read as no size rather than as a claim that fails its own schema
  return largestSize(sizes.filter((s) => s.cm <= MAX_DEFECT_SIZE_CM));
};

const readItemUnused = (text: PreparedText): boolean | undefined => {
  const spec = text.file.itemUnused;
  if (spec === undefined) return undefined;
  const unused = text.key.has(spec.unused);
  const used = text.key.masked(spec.unused).has(spec.used);
  return unused === used ? undefined : unused;
};

const readRefundReasons = (text: PreparedText): RefundReason[] => {
  const spec = text.file.refund;
  if (spec === undefined || !text.key.has(spec.intent) || text.key.has(spec.unless)) return [];
  return spec.reasons.filter((r) => text.key.has(r.any)).map((r) => r.reason);
};

const quote = (phrases: readonly string[]): string => (phrases.length === 0 ? '' : `"${phrases.join('", "')}"`);

const describe = (r: Omit<BuyerMessageReading, 'note' | 'text' | 'links'>, rivals: readonly ClaimCandidate[]): string => {
  const parts: string[] = [];
  if (r.reading === 'read' && r.claim) {
    const winner = r.candidates.find((c) => c.type === r.claim?.type);
    parts.push(`read as ${r.claim.type}${winner ? ` from ${quote(winner.phrases)}` : ''}`);
  } else if (r.reading === 'ambiguous') {
    parts.push(`ambiguous: ${rivals.map((c) => `${c.type} (${quote(c.phrases)})`).join(' and ')} both matched; ask the buyer which one they mean`);
  } else {
    parts.push('no claim read; ask the buyer what went wrong');
  }
  if (r.refundReason) parts.push(`refund asked for with reason ${r.refundReason}`);
  for (const o of r.ruledOut) parts.push(`${o.type} ruled out by ${quote(o.phrases)}`);
  if (r.questions.length > 0) parts.push(`question about the process: ${r.questions.join(', ')}`);
  return parts.join('; ');
};

/**
 * Reads a buyer's message with the given pattern files: the claim it states (or that it is
 * ambiguous, or states none), a refund reason, process questions and every link. `reader` is
 * for the differential tests; every caller reads with the default.
 * @example
 * const reading = interpretMessage('鞋边溢胶大概2毫米', patterns, ['taobao.com']);
 * reading.claim; // { type: 'quality', defect: 'glue_overflow', defectSizeCm: 0.2 }
 */
export const interpretMessage = (message: string, patterns: MessagePatternSet, trustedDomains: readonly string[], reader: TextReader = fastReader): BuyerMessageReading => {
  const nfkc = message.normalize('NFKC');
  const links = reader.links(nfkc, trustedDomains);
  // links go before matching: a host or an id in a URL is not the buyer's words
  let withoutLinks = nfkc;
  for (let k = links.length - 1; k >= 0; k--) withoutLinks = `${withoutLinks.slice(0, links[k]!.start)} ${withoutLinks.slice(links[k]!.end)}`;
  // without links the text is the NFKC message itself
  const folded = reader.fold(withoutLinks, links.length === 0);
  // plain loops rather than map/forEach chains: this runs on every message, and each step is small
  const { files } = patterns;
  const stripped: string[] = [];
  const texts: PreparedText[] = [];
  const decisions: FileDecision[] = [];
  for (const file of files) {
    const text = reader.strip(folded, file);
    const { key, squeezed } = reader.prepare(text, file);
    const prepared: PreparedText = { file, key, squeezed };
    stripped.push(text);
    texts.push(prepared);
    decisions.push(decide(prepared));
  }

  const candidates: ClaimCandidate[] = [];
  const ruledOut: RuledOutClaim[] = [];
  const chosen: ClaimType[] = [];
  let anyAmbiguous = false;
  for (let i = 0; i < decisions.length; i++) {
    const d = decisions[i]!;
    const file = files[i]!.source;
    for (const s of d.scores) {
      if (s.score > 0) candidates.push({ type: s.claim.type, score: s.score, phrases: s.phrases, file });
      if (s.ruledOutBy.length > 0) ruledOut.push({ type: s.claim.type, phrases: s.ruledOutBy, file });
    }
    if (d.chosen !== undefined && !chosen.includes(d.chosen)) chosen.push(d.chosen);
    if (d.reading === 'ambiguous') anyAmbiguous = true;
  }
  if (candidates.length > 1) candidates.sort((a, b) => b.score - a.score);

  const reading: BuyerMessageReading['reading'] = anyAmbiguous || chosen.length > 1 ? 'ambiguous' : chosen.length === 1 ? 'read' : 'none';

  let claim: ReadClaim | undefined;
  const type = reading === 'read' ? chosen[0] : undefined;
  if (type !== undefined) {
    const defect = readDefect(texts, type);
    const size = readSize(texts, type, patterns.sizeBounds);
    const itemUnused = single(texts.map(readItemUnused));
    // fields absent rather than undefined; set one by one, as spreading optional parts costs many times more
    claim = { type };
    if (defect !== undefined) claim.defect = defect;
    if (size !== undefined) claim.defectSizeCm = size.cm;
    if (size?.bound !== undefined) claim.defectSizeBound = size.bound;
    if (itemUnused !== undefined) claim.itemUnused = itemUnused;
  }
  const reasons: (RefundReason | undefined)[] = [];
  for (const t of texts) reasons.push(single(readRefundReasons(t)));
  const refundReason = single(reasons);
  const questions: string[] = [];
  for (const t of texts) {
    if (t.key.mayHave(t.file.questionPhrases)) for (const q of t.file.questions) if (!questions.includes(q.id) && t.key.has(q.phrases)) questions.push(q.id);
  }

  // the text shown is what every pattern file saw in common: client tags and order-card fields gone
  // (where the files before stripped nothing, this file's own stripped text is that already)
  let shown = folded;
  for (let i = 0; i < files.length; i++) shown = shown === folded ? stripped[i]! : reader.strip(shown, files[i]!);
  // in the order a reading is shown, optional fields absent rather than undefined
  const result = { text: collapseSpaces(shown), reading } as BuyerMessageReading;
  if (claim !== undefined) result.claim = claim;
  if (refundReason !== undefined) result.refundReason = refundReason;
  result.candidates = candidates;
  result.ruledOut = ruledOut;
  result.questions = questions;
  result.links = links;
  // the rivals are named only when the note says the reading is ambiguous
  result.note = describe(result, reading === 'ambiguous' ? rivalsOf(decisions, chosen, anyAmbiguous, candidates) : []);
  return result;
};

/** The leading candidates of an ambiguous reading: each file's two rivals, or the claims different files chose. */
const rivalsOf = (decisions: readonly FileDecision[], chosen: readonly ClaimType[], anyAmbiguous: boolean, candidates: readonly ClaimCandidate[]): ClaimCandidate[] => {
  const rivalTypes = anyAmbiguous ? decisions.flatMap((d) => d.rivals) : chosen;
  return rivalTypes.map((t) => candidates.find((c) => c.type === t)).filter((c): c is ClaimCandidate => c !== undefined);
};

import type { ClaimType, Defect, RefundReason } from '../schema/vocabulary.js';
import { findLinks, type FoundLink } from './links.js';
import { collapseSpaces, foldText, rewrite, squeeze, stripFields } from './normalize.js';
import { toKey, type CompiledClaim, type CompiledPattern, type CompiledPatternFile, type CompiledPhrase, type MessagePatternSet } from './patterns.js';
import { PhraseIndex } from './phrase-index.js';
import { readSizesCm } from './sizes.js';

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

interface PreparedText {
  file: CompiledPatternFile;
  key: string;
  squeezed: string;
  sentinel: string;
}

const prepare = (folded: string, file: CompiledPatternFile): PreparedText => {
  let text = folded;
  for (const tag of file.tags) text = text.split(tag).join(' ');
  text = stripFields(text, file.fields);
  const key = toKey(text, file);
  // for character files the key already is the rewritten, squeezed text
  const squeezed = file.matching === 'characters' ? key : squeeze(rewrite(text, file.rewrite));
  return { file, key, squeezed, sentinel: file.matching === 'characters' ? '|' : ' | ' };
};

// The index of the pattern set being read with; set by interpretMessage, which runs synchronously.
const indexes = new WeakMap<MessagePatternSet, PhraseIndex>();
let active: PhraseIndex | undefined;
const found = (key: string, phrases: readonly CompiledPhrase[] | undefined): CompiledPhrase[] =>
  phrases === undefined ? [] : active ? active.find(key, phrases) : phrases.filter((p) => key.includes(p.key));
const masked = (key: string, phrases: readonly CompiledPhrase[], sentinel: string): string =>
  phrases.reduce((acc, p) => (acc.includes(p.key) ? acc.split(p.key).join(sentinel) : acc), key);

/** The phrases that make a pattern match, or undefined when it does not. */
const matchPattern = (pattern: CompiledPattern, key: string): string[] | undefined => {
  if (found(key, pattern.none).length > 0) return undefined;
  const any = found(key, pattern.any);
  if (pattern.any !== undefined && any.length === 0) return undefined;
  const groups = (pattern.all ?? []).map((group) => found(key, group));
  if (groups.some((g) => g.length === 0)) return undefined;
  return [...any, ...groups.flat()].map((p) => p.text);
};

interface ClaimScore {
  claim: CompiledClaim;
  score: number;
  /** The strongest matching non-supporting pattern: what decides between different claims. */
  main: number;
  phrases: string[];
  ruledOutBy: string[];
}

/** What else the message says that some patterns step back from (`notWith`). */
const contextOf = (text: PreparedText): Set<'refund_reason' | 'question'> => {
  const context = new Set<'refund_reason' | 'question'>();
  if (text.file.refund?.reasons.some((r) => found(text.key, r.any).length > 0)) context.add('refund_reason');
  if (text.file.questions.some((q) => found(text.key, q.phrases).length > 0)) context.add('question');
  return context;
};

const scoreClaim = (claim: CompiledClaim, text: PreparedText, context: ReadonlySet<'refund_reason' | 'question'>): ClaimScore => {
  const ruledOutBy = found(text.key, claim.unless).map((p) => p.text);
  if (ruledOutBy.length > 0) return { claim, score: 0, main: 0, phrases: [], ruledOutBy };
  const key = masked(text.key, claim.mask, text.sentinel);
  let main = 0;
  let supporting = 0;
  const phrases: string[] = [];
  for (const pattern of claim.patterns) {
    if (pattern.notWith.some((c) => context.has(c))) continue;
    const hit = matchPattern(pattern, key);
    if (hit === undefined) continue;
    if (pattern.supporting) supporting += pattern.weight;
    // the strongest way of saying it counts, not how many: a claim said three ways does not outweigh a second claim said once
    else main = Math.max(main, pattern.weight);
    phrases.push(...hit);
  }
  // supporting words (退货, 怎么修) sharpen a claim but never make one alone
  return main > 0 ? { claim, score: main + supporting, main, phrases: [...new Set(phrases)], ruledOutBy } : { claim, score: 0, main: 0, phrases: [], ruledOutBy };
};

interface FileDecision {
  scores: ClaimScore[];
  reading: 'read' | 'ambiguous' | 'none';
  chosen?: ClaimType;
  /** The two leading claims when ambiguous. */
  rivals: ClaimType[];
}

const decide = (text: PreparedText): FileDecision => {
  const { minScore, margin, compatible } = text.file.decision;
  const context = contextOf(text);
  const scores = text.file.claims.map((c) => scoreClaim(c, text, context));
  const eligible = scores.filter((s) => s.score >= minScore);
  const present = new Set(eligible.map((s) => s.claim.type));
  const standing = eligible.filter((s) => !s.claim.yieldsTo.some((t) => present.has(t)));

  // claims handled alike compete as one: the best of them stands for the group
  const groupOf = (type: ClaimType): number => compatible.findIndex((g) => g.includes(type));
  const rank = (type: ClaimType): number => compatible[groupOf(type)]?.indexOf(type) ?? 0;
  const best = new Map<string, ClaimScore>();
  for (const s of standing) {
    const g = groupOf(s.claim.type);
    const id = g === -1 ? s.claim.type : `group ${g}`;
    const current = best.get(id);
    if (current === undefined || s.score > current.score || (s.score === current.score && rank(s.claim.type) < rank(current.claim.type))) best.set(id, s);
  }
  const ordered = [...best.values()].sort((a, b) => b.score - a.score);
  const [first, second] = ordered;
  if (first === undefined) return { scores, reading: 'none', rivals: [] };
  // supporting words choose within claims handled alike, never between different claims: 物流 next to 坏的 is no lead
  if (second === undefined || first.main - second.main >= margin) return { scores, reading: 'read', chosen: first.claim.type, rivals: [] };
  return { scores, reading: 'ambiguous', rivals: [first.claim.type, second.claim.type] };
};

const single = <T>(values: readonly (T | undefined)[]): T | undefined => {
  const distinct = [...new Set(values.filter((v): v is T => v !== undefined))];
  return distinct.length === 1 ? distinct[0] : undefined;
};

const readDefect = (texts: readonly PreparedText[], type: ClaimType): Defect | undefined => {
  for (const text of texts) {
    const claim = text.file.claims.find((c) => c.type === type);
    if (claim === undefined) continue;
    const key = masked(text.key, claim.mask, text.sentinel);
    const hit = claim.defects.find((d) => found(key, d.any).length > 0 && found(key, d.none).length === 0);
    if (hit !== undefined) return hit.defect;
  }
  return undefined;
};

const readSize = (texts: readonly PreparedText[], type: ClaimType): number | undefined => {
  const sizes = texts
    .filter((t) => t.file.claims.some((c) => c.type === type && c.readsSize))
    .flatMap((t) => readSizesCm(t.squeezed, t.file.sizeUnits));
  // the largest stated size: the buyer's side of a doubt about the tolerance
  return sizes.length === 0 ? undefined : Math.max(...sizes);
};

const readItemUnused = (text: PreparedText): boolean | undefined => {
  const spec = text.file.itemUnused;
  if (spec === undefined) return undefined;
  const unused = found(text.key, spec.unused).length > 0;
  const used = found(masked(text.key, spec.unused, text.sentinel), spec.used).length > 0;
  return unused === used ? undefined : unused;
};

const readRefundReasons = (text: PreparedText): RefundReason[] => {
  const spec = text.file.refund;
  if (spec === undefined || found(text.key, spec.intent).length === 0 || found(text.key, spec.unless).length > 0) return [];
  return spec.reasons.filter((r) => found(text.key, r.any).length > 0).map((r) => r.reason);
};

const quote = (phrases: readonly string[]): string => phrases.map((p) => `"${p}"`).join(', ');

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
 * ambiguous, or states none), a refund reason, process questions and every link.
 * @example
 * const reading = interpretMessage('鞋边溢胶大概2毫米', patterns, ['taobao.com']);
 * reading.claim; // { type: 'quality', defect: 'glue_overflow', defectSizeCm: 0.2 }
 */
export const interpretMessage = (message: string, patterns: MessagePatternSet, trustedDomains: readonly string[]): BuyerMessageReading => {
  const nfkc = message.normalize('NFKC');
  const links = findLinks(nfkc, trustedDomains);
  // links go before matching: a host or an id in a URL is not the buyer's words
  let withoutLinks = nfkc;
  for (const link of [...links].reverse()) withoutLinks = `${withoutLinks.slice(0, link.start)} ${withoutLinks.slice(link.end)}`;
  const folded = foldText(withoutLinks);
  let index = indexes.get(patterns);
  if (index === undefined) indexes.set(patterns, (index = new PhraseIndex(patterns)));
  index.reset();
  active = index;
  const texts = patterns.files.map((f) => prepare(folded, f));
  const decisions = texts.map(decide);

  const candidates: ClaimCandidate[] = decisions.flatMap((d, i) =>
    d.scores.filter((s) => s.score > 0).map((s) => ({ type: s.claim.type, score: s.score, phrases: s.phrases, file: texts[i]!.file.source })),
  );
  candidates.sort((a, b) => b.score - a.score);
  const ruledOut: RuledOutClaim[] = decisions.flatMap((d, i) =>
    d.scores.filter((s) => s.ruledOutBy.length > 0).map((s) => ({ type: s.claim.type, phrases: s.ruledOutBy, file: texts[i]!.file.source })),
  );

  const chosen = [...new Set(decisions.flatMap((d) => (d.chosen === undefined ? [] : [d.chosen])))];
  const anyAmbiguous = decisions.some((d) => d.reading === 'ambiguous');
  const reading: BuyerMessageReading['reading'] = anyAmbiguous || chosen.length > 1 ? 'ambiguous' : chosen.length === 1 ? 'read' : 'none';
  const rivalTypes = anyAmbiguous ? decisions.flatMap((d) => d.rivals) : chosen;
  const rivals = rivalTypes.map((t) => candidates.find((c) => c.type === t)).filter((c): c is ClaimCandidate => c !== undefined);

  let claim: ReadClaim | undefined;
  const type = reading === 'read' ? chosen[0] : undefined;
  if (type !== undefined) {
    const defect = readDefect(texts, type);
    const defectSizeCm = readSize(texts, type);
    const itemUnused = single(texts.map(readItemUnused));
    claim = {
      type,
      ...(defect === undefined ? {} : { defect }),
      ...(defectSizeCm === undefined ? {} : { defectSizeCm }),
      ...(itemUnused === undefined ? {} : { itemUnused }),
    };
  }
  const refundReason = single(texts.map((t) => single(readRefundReasons(t))));
  const questions = [...new Set(texts.flatMap((t) => t.file.questions.filter((q) => found(t.key, q.phrases).length > 0).map((q) => q.id)))];

  const core = {
    reading,
    ...(claim === undefined ? {} : { claim }),
    ...(refundReason === undefined ? {} : { refundReason }),
    candidates,
    ruledOut,
    questions,
  };
  // the text shown is what every pattern file saw in common: client tags and order-card fields gone
  let shown = folded;
  for (const file of patterns.files) shown = stripFields(file.tags.reduce((acc, tag) => acc.split(tag).join(' '), shown), file.fields);
  return { text: collapseSpaces(shown), ...core, links, note: describe(core, rivals) };
};

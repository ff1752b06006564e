import { TriageError, causeMessage, issuesFromZod, jsonPath, type TriageIssue } from '../errors.js';
import { MessagePatternFile } from '../schema/message-patterns.js';
import type { ClaimType, Defect, RefundReason } from '../schema/vocabulary.js';
import { foldText, squeeze, toWordKey, wordKey, words } from './normalize.js';
import { CodeUnitSet } from './code-units.js';
import { PhraseIndex } from './phrase-index.js';
import { Rewriter } from './rewriter.js';
import { compileSizeBounds, longestFirst, type SizeBoundWord, type SizeUnit } from './sizes.js';
import { unreadablePath } from '../unreadable.js';

export interface PatternSource {
  /** File name, or `<messagePatterns[0]>` for an object. */
  source: string;
  json: unknown;
}

export type Matching = 'characters' | 'words';

/** A phrase as written (for explanations) and as searched for in a prepared text. */
export interface CompiledPhrase {
  text: string;
  key: string;
  /** The key's number in its file's phrase index: phrases with the same key share it. */
  id: number;
}

/** A list of phrases of a pattern file (`any`, a `mask`, ...), numbered in the file's phrase index. */
export interface PhraseList {
  id: number;
  phrases: CompiledPhrase[];
}

/** A list masked out of a text (`mask`, `itemUnused.unused`). */
export interface MaskList extends PhraseList {
  /**
   * Masking with it only cuts text out, leaving no new phrase behind: always in a characters file
   * (a phrase never holds the `|` put in), and in a words file unless a phrase is a prefix
   * (`arriv*` masked out of " arrived " leaves " | ed ", and the word "ed").
   */
  closed: boolean;
}

export interface CompiledPattern {
  any: PhraseList | undefined;
  all: PhraseList[] | undefined;
  none: PhraseList | undefined;
  weight: number;
  supporting: boolean;
  notWith: ('refund_reason' | 'question')[];
}

export interface CompiledClaim {
  type: ClaimType;
  patterns: CompiledPattern[];
  /** Phrases one of which must occur (in the masked text) for any pattern to match: without one, the claim is not said. */
  triggers: PhraseList;
  /** The `unless`, `mask` and trigger phrases: without one of them the claim is neither said nor ruled out. */
  concerns: PhraseList;
  mask: MaskList;
  unless: PhraseList;
  yieldsTo: ClaimType[];
  /** The claim's `decision.compatible` group (-1: none) and its place in it, which breaks a tie within the group. */
  group: number;
  rank: number;
  defects: { defect: Defect; any: PhraseList; none: PhraseList }[];
  readsSize: boolean;
}

export interface CompiledPatternFile {
  id: string;
  source: string;
  matching: Matching;
  /** Replacements in the folded text (n't → not, 木有 → 没有). */
  rewrite: (readonly [string, string])[];
  /** In `words` files, replacements of whole words in the key (dont → do not), so `significant` keeps its `cant`. */
  rewriteWords: (readonly [string, string])[];
  tags: string[];
  fields: string[];
  /** The rarest unit of each field label: a text holding none of them holds no label, and has no field to strip. */
  fieldUnits: CodeUnitSet | undefined;
  claims: CompiledClaim[];
  decision: { minScore: number; margin: number; compatible: ClaimType[][] };
  sizeUnits: SizeUnit[];
  /** `sizeBounds` squeezed (the set merges them, longest first). */
  sizeBounds: SizeBoundWord[];
  itemUnused: { unused: MaskList; used: PhraseList } | undefined;
  refund: { intent: PhraseList; unless: PhraseList; reasons: { reason: RefundReason; any: PhraseList }[]; reasonPhrases: PhraseList } | undefined;
  questions: { id: string; phrases: PhraseList }[];
  /** Every question's phrases: without one of them the message asks none. */
  questionPhrases: PhraseList;
  /** Every phrase key and list of the file, for finding which occur with one pass over a text. */
  phraseIndex: PhraseIndex;
  /** `strip.tags` (each replaced by a space), `rewrite` and `rewriteWords`, applying only the pairs that occur. */
  rewriters: { tags: Rewriter; rewrite: Rewriter; rewriteWords: Rewriter };
  /**
   * A unit of each text the file looks for (phrase keys, rewrites, tags, fields, size units). A text
   * holding none of them gives the file nothing to find: no tag, field or rewrite applies, so no
   * unit comes in that could make a phrase occur, and the file's reading is empty (an English file
   * and a Chinese message, most often). Undefined when something looked for is made of spaces only
   * (or is empty), as that can occur in any text.
   */
  alphabet: CodeUnitSet | undefined;
}

/** The validated pattern files a triager reads messages with. */
export interface MessagePatternSet {
  files: CompiledPatternFile[];
  /**
   * Every file's `sizeBounds`, longest first: each file reads sizes from the whole message, so a
   * bound said in one language (不到1cm) bounds the size whichever file reads it.
   */
  sizeBounds: SizeBoundWord[];
}

const isWholeWords = (text: string): boolean => /^[\p{L}\p{N} ]+$/u.test(text);

const compileFile = (file: MessagePatternFile, source: string, issues: TriageIssue[]): CompiledPatternFile => {
  const folded = file.rewrite.map((r) => [foldText(r.from), foldText(r.to)] as const);
  if (file.matching === 'characters') {
    // squeezed text holds only letters and digits: a pair with anything else would never apply, or would put back what squeezing took out
    folded.forEach(([from, to], i) => {
      for (const [field, text] of [['from', from], ['to', to]] as const) {
        if (squeeze(text) !== text) issues.push({ file: source, path: jsonPath(['rewrite', i, field]), code: 'unsqueezed_rewrite', message: `"${file.rewrite[i]![field]}" holds spaces or punctuation, which a characters file removes before rewriting` });
      }
    });
  } else {
    // a whole-word pair with no word left in it would match between every two characters
    folded.forEach(([from], i) => {
      if (isWholeWords(from) && words(from).length === 0) issues.push({ file: source, path: jsonPath(['rewrite', i, 'from']), code: 'empty_phrase', message: `"${file.rewrite[i]!.from}" has no letter or digit left to match` });
    });
  }
  const byWord = file.matching === 'words' ? folded.filter(([from]) => isWholeWords(from)) : [];
  const rewrites = {
    matching: file.matching,
    rewrite: folded.filter((pair) => !byWord.includes(pair)),
    rewriteWords: byWord.map(([from, to]) => [toWordKey(words(from)), toWordKey(words(to))] as const),
  };
  const tags = (file.strip.tags ?? []).map(foldText);
  const rewriters = {
    tags: new Rewriter(tags.map((tag) => [tag, ' '] as const)),
    rewrite: new Rewriter(rewrites.rewrite),
    rewriteWords: new Rewriter(rewrites.rewriteWords),
  };
  // A phrase's key is what the reader searches for it: its folded text rewritten as a message is
  // (interpret.ts). A characters file rewrites the squeezed text, since buyers space and punctuate
  // Chinese freely (`今天 没发货的话`) and a rewrite must see what the phrases see; a words file
  // rewrites the text, then whole words in its word key. Computed with the reader's own rewriters,
  // once per phrase text (files repeat phrases); test/support/phrase-key.ts is the plain definition.
  const keyOf = new Map<string, string>();
  const phraseKey = (text: string): string => {
    let key = keyOf.get(text);
    if (key === undefined) {
      const prefix = file.matching === 'words' && text.endsWith('*');
      const folded = foldText(prefix ? text.slice(0, -1) : text);
      key = file.matching === 'characters' ? rewriters.rewrite.apply(squeeze(folded)) : rewriters.rewriteWords.apply(wordKey(rewriters.rewrite.apply(folded)));
      if (prefix) key = key.slice(0, -1);
      keyOf.set(text, key);
    }
    return key;
  };
  const keyIds = new Map<string, number>();
  const lists: PhraseList[] = [];
  const phrase = (text: string, path: PropertyKey[]): CompiledPhrase => {
    const key = phraseKey(text);
    if (key.trim() === '') issues.push({ file: source, path: jsonPath(path), code: 'empty_phrase', message: `"${text}" has no letter or digit left to match` });
    let id = keyIds.get(key);
    if (id === undefined) keyIds.set(key, (id = keyIds.size));
    return { text, key, id };
  };
  const register = (phrases: CompiledPhrase[]): PhraseList => {
    const registered = { id: lists.length, phrases };
    lists.push(registered);
    return registered;
  };
  const list = (texts: readonly string[] | undefined, path: PropertyKey[]): PhraseList =>
    register((texts ?? []).map((t, i) => phrase(t, [...path, i])));
  const maskList = (texts: readonly string[] | undefined, path: PropertyKey[]): MaskList => {
    const masks = list(texts, path);
    // a whole-word key ends with its word's space; a prefix key ends inside its word
    return Object.assign(masks, { closed: file.matching === 'characters' || masks.phrases.every((p) => p.key.endsWith(' ')) });
  };

  const claims: CompiledClaim[] = Object.entries(file.claims).map(([type, claim]) => {
    const at = ['claims', type];
    const group = file.decision.compatible.findIndex((g) => g.includes(type as ClaimType));
    if (claim.yieldsTo?.includes(type as ClaimType)) {
      issues.push({ file: source, path: jsonPath([...at, 'yieldsTo']), code: 'yields_to_itself', message: `${type} cannot yield to itself` });
    }
    const patterns = claim.patterns.map((p, i) => ({
      any: p.any && list(p.any, [...at, 'patterns', i, 'any']),
      all: p.all?.map((group, g) => list(group, [...at, 'patterns', i, 'all', g])),
      none: p.none && list(p.none, [...at, 'patterns', i, 'none']),
      weight: p.weight,
      supporting: p.supporting,
      notWith: p.notWith ?? [],
    }));
    // a pattern needs one of its `any` phrases, or without `any`, one of its first `all` group
    const triggers = register(patterns.flatMap((p) => (p.any ?? p.all?.[0])?.phrases ?? []));
    const mask = maskList(claim.mask, [...at, 'mask']);
    const unless = list(claim.unless, [...at, 'unless']);
    return {
      type: type as ClaimType,
      patterns,
      triggers,
      concerns: register([...unless.phrases, ...mask.phrases, ...triggers.phrases]),
      mask,
      unless,
      yieldsTo: claim.yieldsTo ?? [],
      group,
      rank: group === -1 ? 0 : file.decision.compatible[group]!.indexOf(type as ClaimType),
      defects: (claim.defects ?? []).map((d, i) => ({
        defect: d.defect,
        any: list(d.any, [...at, 'defects', i, 'any']),
        none: list(d.none, [...at, 'defects', i, 'none']),
      })),
      readsSize: claim.readsSize,
    };
  });

  const grouped = new Map<ClaimType, number>();
  file.decision.compatible.forEach((group, g) =>
    group.forEach((type, i) => {
      if (grouped.has(type)) {
        issues.push({ file: source, path: jsonPath(['decision', 'compatible', g, i]), code: 'duplicate_claim', message: `${type} is already in compatible group ${grouped.get(type)}` });
      }
      grouped.set(type, g);
    }),
  );

  const itemUnused = file.itemUnused && {
    unused: maskList(file.itemUnused.unused, ['itemUnused', 'unused']),
    used: list(file.itemUnused.used, ['itemUnused', 'used']),
  };
  let refund: CompiledPatternFile['refund'];
  if (file.refund !== undefined) {
    const intent = list(file.refund.intent, ['refund', 'intent']);
    const unless = list(file.refund.unless, ['refund', 'unless']);
    const reasons = file.refund.reasons.map((r, i) => ({ reason: r.reason, any: list(r.any, ['refund', 'reasons', i, 'any']) }));
    refund = { intent, unless, reasons, reasonPhrases: register(reasons.flatMap((r) => r.any.phrases)) };
  }
  const questions = Object.entries(file.questions).map(([id, texts]) => ({ id, phrases: list(texts, ['questions', id]) }));
  const fields = (file.strip.fields ?? []).map(foldText);
  const sizeUnits = file.sizeUnits.map((u) => ({ unit: squeeze(foldText(u.unit)), cm: u.cm }));
  const keys = [...keyIds.keys()];
  const lookedFor = [...keys, ...rewrites.rewrite.map(([from]) => from), ...rewrites.rewriteWords.map(([from]) => from), ...tags, ...fields, ...sizeUnits.map((u) => u.unit)];
  const alphabet = CodeUnitSet.rarestOf(lookedFor);

  return {
    id: file.id,
    source,
    ...rewrites,
    tags,
    fields,
    fieldUnits: CodeUnitSet.rarestOf(fields),
    claims,
    decision: file.decision,
    sizeUnits,
    sizeBounds: compileSizeBounds(file.sizeBounds, (text) => squeeze(foldText(text))),
    itemUnused,
    refund,
    questions,
    questionPhrases: register(questions.flatMap((q) => q.phrases.phrases)),
    phraseIndex: new PhraseIndex(keys, lists),
    rewriters,
    alphabet,
  };
};

const compileLayer = (sources: readonly PatternSource[], issues: TriageIssue[]): CompiledPatternFile[] => {
  const seen = new Map<string, string>();
  const out: CompiledPatternFile[] = [];
  for (const { source, json } of sources) {
    let parsed: ReturnType<typeof MessagePatternFile.safeParse>;
    try {
      parsed = MessagePatternFile.safeParse(json, { jitless: true });
    } catch (cause) {
      // an object passed in code can throw when read (a getter, a revoked proxy)
      issues.push({ file: source, path: unreadablePath(json), code: 'unreadable', message: `the document could not be read: ${causeMessage(cause)}` });
      continue;
    }
    if (!parsed.success) {
      issues.push(...issuesFromZod(parsed.error.issues, source));
      continue;
    }
    const previous = seen.get(parsed.data.id);
    if (previous !== undefined) {
      issues.push({ file: source, path: '$.id', code: 'duplicate_id', message: `pattern file id "${parsed.data.id}" is also used by ${previous}` });
      continue;
    }
    seen.set(parsed.data.id, source);
    out.push(compileFile(parsed.data, source, issues));
  }
  return out;
};

/**
 * Validates and compiles message pattern files: the built-in ones, then the shop's, where a shop
 * file with a built-in file's id replaces it.
 * @throws {TriageError} `INVALID_RULE` with the file and JSON path of every problem.
 * @example
 * const set = loadMessagePatterns({ builtin: builtinMessagePatterns, extra: [] });
 * set.files.map((f) => f.id); // ['en', 'zh']
 */
export const loadMessagePatterns = ({ builtin, extra }: { builtin: readonly PatternSource[]; extra: readonly PatternSource[] }): MessagePatternSet => {
  const issues: TriageIssue[] = [];
  const base = compileLayer(builtin, issues);
  const shop = compileLayer(extra, issues);
  if (issues.length > 0) throw new TriageError('INVALID_RULE', issues);
  const replaced = new Set(shop.map((f) => f.id));
  const files = [...base.filter((f) => !replaced.has(f.id)), ...shop];
  return { files, sizeBounds: files.flatMap((f) => f.sizeBounds).sort(longestFirst) };
};

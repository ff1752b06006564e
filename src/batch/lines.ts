import type { CompactTriageResult, TriageResult } from '../schema/result.js';
import type { Triager } from '../triage.js';
import { TriageError, causeMessage } from '../errors.js';

/** A slice of the input holding whole lines; `firstLine` is the 1-based line number of its first line. */
export interface LineBatch {
  seq: number;
  firstLine: number;
  bytes: Uint8Array;
  /** Result buffers already written out, handed back to be filled again (see `OutputBuffers`). */
  spare?: ArrayBuffer[];
}

/**
 * What one batch gave: NDJSON results and NDJSON error records, UTF-8 encoded. `results` views the
 * start of a buffer of its own (which may be larger), so that the buffer can be transferred.
 */
export interface BatchOutput {
  seq: number;
  results: Uint8Array;
  errors: Uint8Array;
  triaged: number;
  bad: number;
  /** The batch's input buffer, given back to the reader for the next batches. */
  input?: ArrayBuffer;
}

/** One bad record: its line, and the TriageError code and issues (or why the line is not JSON). */
export interface BadRecord {
  line: number;
  error: { code: string; message: string; issues: readonly { path: string; code: string; message: string }[] };
}

const encoder = new TextEncoder();
// Keeps a BOM, so that only the file's own first line loses it.
const decoder = new TextDecoder('utf-8', { ignoreBOM: true });

export type ErrorFormat = 'ndjson' | 'text';

/** A bad record as one line: NDJSON, or `line 3: INVALID_INPUT $.order.status: …; $.order.amount: …` for a terminal. */
export const formatBadRecord = (record: BadRecord, format: ErrorFormat): string =>
  format === 'ndjson'
    ? `${JSON.stringify(record)}\n`
    : `line ${record.line}: ${record.error.code} ${record.error.issues.map((i) => `${i.path}: ${i.message}`).join('; ')}\n`;

export const badRecord = (line: number, error: unknown): BadRecord => {
  if (error instanceof TriageError) return { line, error: { code: error.code, message: error.message.split('\n')[0]!, issues: error.issues } };
  const message = causeMessage(error);
  if (error instanceof SyntaxError) return { line, error: { code: 'INVALID_JSON', message, issues: [{ path: '$', code: 'invalid_json', message }] } };
  return { line, error: { code: 'INTERNAL', message, issues: [{ path: '$', code: 'internal', message }] } };
};

/**
 * Triages every line of a batch. A result line is `{"line":N,"result":CompactTriageResult}`, or
 * `{"line":N,"result":TriageResult}` with `trace` (the facts and condition traces too); a bad line
 * (not JSON, or an invalid input) becomes an error record instead, and the batch goes on. Blank
 * lines are skipped. Any other error is recorded for its line too (code INTERNAL): one record never
 * stops the batch.
 * @example
 * const out = triageLines(createTriage(), { seq: 0, firstLine: 1, bytes: new TextEncoder().encode(ndjson) });
 */
export const triageLines = (
  triager: Triager,
  batch: LineBatch,
  errorFormat: ErrorFormat = 'ndjson',
  trace = false,
  buffers: OutputBuffers = new OutputBuffers(),
): BatchOutput => {
  const decoded = decoder.decode(batch.bytes);
  const text = batch.firstLine === 1 && decoded.charCodeAt(0) === 0xfeff ? decoded.slice(1) : decoded;
  const results = new Utf8Sink(buffers);
  let errors = '';
  let triaged = 0;
  let bad = 0;
  let line = batch.firstLine;
  let start = 0;
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    const raw = text.charCodeAt(end - 1) === 13 ? text.slice(start, end - 1) : text.slice(start, end);
    if (raw.trim() !== '') {
      try {
        const result = triager.triageSync(JSON.parse(raw));
        results.write(`{"line":${line},"result":${JSON.stringify(trace ? result : compactResult(result))}}\n`);
        triaged += 1;
      } catch (error) {
        errors += formatBadRecord(badRecord(line, error), errorFormat);
        bad += 1;
      }
    }
    line += 1;
    start = end + 1;
  }
  return { seq: batch.seq, results: results.finish(), errors: encoder.encode(errors), triaged, bad };
};

/** The result without its trace (the derived facts, the deciding conditions): about a third of the bytes; the summary stays. */
export const compactResult = (result: TriageResult): CompactTriageResult => {
  // Literals rather than rest patterns, which copy through V8's generic path on every line.
  const { summary, decidedBy, alsoMatched, evaluator, message } = result.explanation;
  const rule = { rule: decidedBy.rule, source: decidedBy.source, situation: decidedBy.situation, priority: decidedBy.priority };
  const explanation = message === undefined ? { summary, alsoMatched, evaluator, decidedBy: rule } : { summary, alsoMatched, evaluator, message, decidedBy: rule };
  return { ...result, explanation };
};

/**
 * The buffers a worker encodes results into. A batch's buffer is transferred to the main thread,
 * written out, and handed back with a later batch: a handful of buffers go round, so no copy is
 * made, and no thread frees memory another allocated (which grew each worker's malloc arena by
 * the ~20 MB of written results awaiting the main thread's next garbage collection).
 */
export class OutputBuffers {
  private readonly spare: ArrayBuffer[] = [];
  /** Bytes the last batch wrote: the next one likely needs as many. */
  private lastUsed = 0;

  constructor(private readonly keep = 3) {}

  give(buffers: readonly ArrayBuffer[]): void {
    for (const buffer of buffers) if (this.spare.length < this.keep) this.spare.push(buffer);
  }

  /** A buffer of at least `bytes`, spare if one is large enough. */
  take(bytes: number): ArrayBuffer {
    while (this.spare.length > 0) {
      const buffer = this.spare.pop()!;
      if (buffer.byteLength >= bytes) return buffer;
    }
    // Rounded up, so that the buffers of similar batches fit each other; not zero-filled.
    return Buffer.allocUnsafeSlow(Math.ceil(bytes / 65536) * 65536).buffer as ArrayBuffer;
  }

  /** A buffer for a new batch, with room for about 25 % more than the last one wrote. */
  takeForBatch(): ArrayBuffer {
    return this.take(Math.max(65536, this.lastUsed + (this.lastUsed >> 2)));
  }

  used(bytes: number): void {
    this.lastUsed = bytes;
  }
}

/** Lines encoded to UTF-8 as they come, in place, into a buffer from `OutputBuffers`. */
class Utf8Sink {
  private bytes: Uint8Array;
  private length = 0;

  constructor(private readonly buffers: OutputBuffers) {
    this.bytes = new Uint8Array(buffers.takeForBatch());
  }

  write(text: string): void {
    // A UTF-16 unit takes at most 3 bytes.
    if (this.bytes.length - this.length < text.length * 3) {
      const grown = new Uint8Array(this.buffers.take(Math.max(this.bytes.length * 2, this.length + text.length * 3)));
      grown.set(this.bytes.subarray(0, this.length));
      this.bytes = grown;
    }
    this.length += encoder.encodeInto(text, this.bytes.subarray(this.length)).written;
  }

  /** What was written: a view of the start of the buffer, whose whole is transferred. */
  finish(): Uint8Array {
    this.buffers.used(this.length);
    return this.bytes.subarray(0, this.length);
  }
}

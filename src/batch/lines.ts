import type { TriageResult } from '../schema/result.js';
import type { Triager } from '../triage.js';
import { TriageError } from '../errors.js';

/** A slice of the input holding whole lines; `firstLine` is the 1-based line number of its first line. */
export interface LineBatch {
  seq: number;
  firstLine: number;
  bytes: Uint8Array;
}

/** What one batch gave: NDJSON results and NDJSON error records, UTF-8 encoded. */
export interface BatchOutput {
  seq: number;
  results: Uint8Array;
  errors: Uint8Array;
  triaged: number;
  bad: number;
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
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof SyntaxError) return { line, error: { code: 'INVALID_JSON', message, issues: [{ path: '$', code: 'invalid_json', message }] } };
  return { line, error: { code: 'INTERNAL', message, issues: [{ path: '$', code: 'internal', message }] } };
};

/**
 * Triages every line of a batch. A result line is `{"line":N,"result":TriageResult}`; a bad line
 * (not JSON, or an invalid input) becomes an error record instead, and the batch goes on. Blank
 * lines are skipped. Any other error is recorded for its line too (code INTERNAL): one record never
 * stops the batch.
 * @example
 * const out = triageLines(createTriage(), { seq: 0, firstLine: 1, bytes: new TextEncoder().encode(ndjson) });
 */
export const triageLines = (triager: Triager, batch: LineBatch, errorFormat: ErrorFormat = 'ndjson', lean = false): BatchOutput => {
  const decoded = decoder.decode(batch.bytes);
  const text = batch.firstLine === 1 && decoded.charCodeAt(0) === 0xfeff ? decoded.slice(1) : decoded;
  const results = new Utf8Sink();
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
        results.write(`{"line":${line},"result":${JSON.stringify(lean ? leanResult(result) : result)}}\n`);
        triaged += 1;
      } catch (error) {
        errors += formatBadRecord(badRecord(line, error), errorFormat);
        bad += 1;
      }
    }
    line += 1;
    start = end + 1;
  }
  return { seq: batch.seq, results: results.bytes(), errors: encoder.encode(errors), triaged, bad };
};

/** The result without the 70 derived facts and the condition traces: about half the bytes; the summary stays. */
export const leanResult = (result: TriageResult): unknown => {
  const { facts: _facts, decidedBy, ...explanation } = result.explanation;
  const { conditions: _conditions, ...rule } = decidedBy;
  return { ...result, explanation: { ...explanation, decidedBy: rule } };
};

/**
 * Lines encoded to UTF-8 as they come, into one scratch buffer kept between batches: encoding into
 * place costs half of encoding each line apart, and no string outlives its line. `bytes()` copies
 * out exactly what was written, so what crosses to the main thread is no larger than the output.
 */
class Utf8Sink {
  private static scratch = new Uint8Array(1 << 20);
  private length = 0;

  write(text: string): void {
    // A UTF-16 unit takes at most 3 bytes.
    const scratch = Utf8Sink.scratch;
    if (scratch.length - this.length < text.length * 3) {
      const grown = new Uint8Array(Math.max(scratch.length * 2, this.length + text.length * 3));
      grown.set(scratch.subarray(0, this.length));
      Utf8Sink.scratch = grown;
    }
    this.length += encoder.encodeInto(text, Utf8Sink.scratch.subarray(this.length)).written;
  }

  bytes(): Uint8Array {
    return Utf8Sink.scratch.slice(0, this.length);
  }
}

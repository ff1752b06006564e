import { once } from 'node:events';
import type { Readable, Writable } from 'node:stream';
import { Worker } from 'node:worker_threads';
import { formatBadRecord, type BadRecord, type BatchOutput, type ErrorFormat, type LineBatch } from './lines.js';

/** What the workers build their triager from: everything must survive structured cloning. */
export interface BatchWorkerData {
  /** TriageOptions; the worker validates them (a mistake is fatal before any line is read). */
  options: { ruleDirs?: string[]; locale?: string; policy?: Record<string, unknown> };
  errorFormat: ErrorFormat;
  /** Write each full `TriageResult`, the derived facts and condition traces included. */
  trace?: boolean;
}

/** Counters the runner keeps up to date, for a progress display. */
export interface BatchStats {
  bytesRead: number;
  lines: number;
  triaged: number;
  bad: number;
}

export interface BatchRun {
  /** A stream, or any chunks: a chunk may be reused once the next is asked for. */
  input: Readable | AsyncIterable<Uint8Array>;
  output: Writable;
  errors: Writable;
  /** The module a worker runs (it calls `serveBatchWorker`). */
  workerFile: string | URL;
  workers: number;
  workerData: BatchWorkerData;
  stats?: BatchStats;
  /** Input bytes per batch sent to a worker (cut at a line end). */
  batchBytes?: number;
  /** Batches read ahead of the output, per worker: with batchBytes, this bounds memory. */
  queuePerWorker?: number;
  youngGenerationMb?: number;
  oldGenerationMb?: number;
  /** A line longer than this is reported and skipped rather than held in memory. */
  maxLineBytes?: number;
  /**
   * The output is done with a chunk once its write callback has run, as files, pipes and terminals
   * are: result buffers are then filled again instead of left to the garbage collector. Not for a
   * stream that hands the chunk itself on (a PassThrough, a Transform).
   */
  reuseWritten?: boolean;
}

const NEWLINE = 10;
const MAX_LINE_BYTES = 16 * 1024 * 1024;

/** Writes; `written` runs once the stream is done with the bytes, so their buffer may be reused. */
const write = async (stream: Writable, bytes: Uint8Array, written?: () => void): Promise<void> => {
  if (bytes.length === 0) written?.();
  else if (!stream.write(bytes, written)) await once(stream, 'drain');
};

/**
 * Streams NDJSON through a pool of worker threads: the input is read in batches of whole lines,
 * each batch is triaged by the next free worker, and results are written in input order. Reading
 * waits while `workers × queuePerWorker` batches are unwritten and writing waits for the output to
 * drain, so memory stays flat whatever the input size.
 * @example
 * await runBatch({ input: createReadStream('orders.ndjson'), output: process.stdout, errors: process.stderr,
 *   workerFile: 'dist/batch.js', workers: 2, workerData: { options: {}, errorFormat: 'text' } });
 */
export const runBatch = async (run: BatchRun): Promise<BatchStats> => {
  const stats = run.stats ?? { bytesRead: 0, lines: 0, triaged: 0, bad: 0 };
  const batchBytes = run.batchBytes ?? 32 * 1024;
  const limit = Math.max(1, run.workers) * (run.queuePerWorker ?? 3);
  const maxLineBytes = run.maxLineBytes ?? MAX_LINE_BYTES;

  let failure: Error | undefined;
  // What survives a triage is tiny (a worker lives on ~15 MB): small generations make V8 collect
  // sooner instead of growing the heap, which keeps the process under 200 MB.
  const resourceLimits = { maxYoungGenerationSizeMb: run.youngGenerationMb ?? 8, maxOldGenerationSizeMb: run.oldGenerationMb ?? 64 };
  const pool = Array.from({ length: Math.max(1, run.workers) }, () => ({ worker: new Worker(run.workerFile, { workerData: run.workerData, resourceLimits }), queued: 0 }));

  // The buffers going round: results written out go back to a worker with its next batch, and
  // input buffers the workers are done with are filled again. A few of each are enough.
  const spareResults: ArrayBuffer[] = [];
  const spareInputs: ArrayBuffer[] = [];
  const keepSpare = limit + 2;
  const recycle = (list: ArrayBuffer[], buffer: ArrayBuffer): void => {
    if (list.length < keepSpare) list.push(buffer);
  };

  // Results arrive in any order; they are written in sequence.
  const arrived = new Map<number, BatchOutput>();
  let nextToWrite = 0;
  let unwritten = 0;
  let writing = false;
  let wake: (() => void) | undefined;
  const wakeUp = (): void => {
    const w = wake;
    wake = undefined;
    w?.();
  };

  const drainInOrder = async (): Promise<void> => {
    if (writing) return;
    writing = true;
    try {
      for (let out = arrived.get(nextToWrite); out !== undefined; out = arrived.get(nextToWrite)) {
        arrived.delete(nextToWrite);
        const results = out.results.buffer as ArrayBuffer;
        await write(run.output, out.results, run.reuseWritten === true ? () => recycle(spareResults, results) : undefined);
        await write(run.errors, out.errors);
        stats.triaged += out.triaged;
        stats.bad += out.bad;
        nextToWrite += 1;
        unwritten -= 1;
        wakeUp();
      }
    } catch (error) {
      failure ??= error as Error;
      wakeUp();
    } finally {
      writing = false;
    }
  };

  for (const member of pool) {
    member.worker.on('message', (message: BatchOutput | { fatal: string }) => {
      if ('fatal' in message) {
        failure ??= new Error(message.fatal);
        wakeUp();
        return;
      }
      member.queued -= 1;
      if (message.input !== undefined) recycle(spareInputs, message.input);
      arrived.set(message.seq, message);
      void drainInOrder();
    });
    member.worker.on('error', (error) => {
      failure ??= error;
      wakeUp();
    });
  }

  const waitForRoom = async (room: number): Promise<void> => {
    while (unwritten > room && failure === undefined) await new Promise<void>((resolve) => (wake = resolve));
    if (failure !== undefined) throw failure;
  };

  let seq = 0;
  /** Sends a copy of `slice` in a buffer of its own, so that it can be transferred (a Buffer's slice would share memory). */
  const send = async (slice: Uint8Array, lines: number): Promise<void> => {
    await waitForRoom(limit - 1);
    const member = pool.reduce((a, b) => (b.queued < a.queued ? b : a));
    member.queued += 1;
    unwritten += 1;
    let buffer = spareInputs.pop();
    while (buffer !== undefined && buffer.byteLength < slice.length) buffer = spareInputs.pop();
    const bytes = new Uint8Array(buffer ?? new ArrayBuffer(Math.max(slice.length, batchBytes + (batchBytes >> 1))), 0, slice.length);
    bytes.set(slice);
    const spare = spareResults.splice(0, 2);
    const batch: LineBatch = { seq: seq++, firstLine: stats.lines + 1, bytes, spare };
    stats.lines += lines;
    member.worker.postMessage(batch, [bytes.buffer as ArrayBuffer, ...spare]);
  };

  const countLines = (bytes: Uint8Array, from: number, to: number): number => {
    let n = 0;
    for (let at = bytes.indexOf(NEWLINE, from); at !== -1 && at < to; at = bytes.indexOf(NEWLINE, at + 1)) n += 1;
    return n;
  };

  /** Sends whole lines in batches of about `batchBytes`. */
  const sendLines = async (data: Uint8Array): Promise<void> => {
    let from = 0;
    while (from < data.length) {
      let to = Math.min(from + batchBytes, data.length);
      if (to < data.length) {
        const nl = data.indexOf(NEWLINE, to - 1);
        to = nl === -1 ? data.length : nl + 1;
      }
      const lines = countLines(data, from, to) + (data[to - 1] === NEWLINE ? 0 : 1);
      await send(data.subarray(from, to), lines);
      from = to;
    }
  };

  // A line too long to hold: reported on its own, skipped up to its end.
  const skipLongLine = async (): Promise<void> => {
    const line = stats.lines + 1;
    stats.lines += 1;
    stats.bad += 1;
    // Written now, so it may come before the error records of earlier lines still being triaged.
    const message = `line longer than ${maxLineBytes} bytes`;
    const record: BadRecord = { line, error: { code: 'LINE_TOO_LONG', message, issues: [{ path: '$', code: 'line_too_long', message }] } };
    await write(run.errors, new TextEncoder().encode(formatBadRecord(record, run.workerData.errorFormat)));
  };

  try {
    let carry: Uint8Array = new Uint8Array(0);
    let skipping = false;
    for await (const chunk of run.input as AsyncIterable<Uint8Array>) {
      stats.bytesRead += chunk.length;
      let data: Uint8Array = chunk;
      if (skipping) {
        const nl = data.indexOf(NEWLINE);
        if (nl === -1) continue;
        skipping = false;
        data = data.subarray(nl + 1);
      }
      if (carry.length > 0) data = Buffer.concat([carry, data]);
      const last = data.lastIndexOf(NEWLINE);
      if (last === -1) {
        // Copied when it is still the chunk, which the input may fill again.
        carry = data.buffer === chunk.buffer ? new Uint8Array(data) : data;
        if (carry.length > maxLineBytes) {
          await skipLongLine();
          carry = new Uint8Array(0);
          skipping = true;
        }
        continue;
      }
      // Copied: the input may fill the chunk again, and a short tail should not keep it alive.
      carry = new Uint8Array(data.subarray(last + 1));
      await sendLines(data.subarray(0, last + 1));
    }
    if (carry.length > 0) await sendLines(carry);
    await waitForRoom(0);
    await drainInOrder();
    if (failure !== undefined) throw failure;
    return stats;
  } finally {
    await Promise.all(pool.map((m) => m.worker.terminate()));
  }
};

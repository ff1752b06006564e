import { parentPort, workerData } from 'node:worker_threads';
import { causeMessage } from '../errors.js';
import type { TriageOptions } from '../options.js';
import { createTriage, type Triager } from '../triage.js';
import { OutputBuffers, triageLines, type LineBatch } from './lines.js';
import type { BatchWorkerData } from './run.js';

/**
 * The worker side of `runBatch`: one triager per thread, one reply per batch, buffers transferred
 * back (results, and the input buffer for reuse).
 * @example
 * if (!isMainThread) serveBatchWorker();
 */
export const serveBatchWorker = (): void => {
  const port = parentPort;
  if (port === null) throw new Error('[after-sales-triage] serveBatchWorker runs in a worker thread');
  const data = workerData as BatchWorkerData;
  let triager: Triager;
  try {
    triager = createTriage(data.options as TriageOptions);
  } catch (error) {
    port.postMessage({ fatal: causeMessage(error) });
    return;
  }
  const buffers = new OutputBuffers();
  port.on('message', (batch: LineBatch) => {
    if (batch.spare !== undefined) buffers.give(batch.spare);
    const out = triageLines(triager, batch, data.errorFormat, data.trace === true, buffers);
    // The input buffer goes back too, for the reader to fill again.
    const input = batch.bytes.buffer as ArrayBuffer;
    port.postMessage({ ...out, input }, [out.results.buffer as ArrayBuffer, out.errors.buffer as ArrayBuffer, input]);
  });
};

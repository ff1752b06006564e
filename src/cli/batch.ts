#!/usr/bin/env node
import { createWriteStream, statSync, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { availableParallelism } from 'node:os';
import { Writable, type Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { setFlagsFromString } from 'node:v8';
import { readChunks } from '../batch/read-file.js';
import { causeMessage, prefixedMessage } from '../errors.js';
import { readJsonFile } from '../json-file.js';
import { runBatch, type BatchStats, type BatchWorkerData } from '../batch/run.js';

const USAGE = `Usage: triage-batch [orders.ndjson | -] [--output FILE] [--errors FILE] [--workers N]
                    [--locale zh-CN|zh-TW|en] [--policy policy.json] [--rules DIR]... [--trace]

Triages one TriageInput per line (NDJSON; stdin when no file or "-") on every core, and writes one
line per input, in input order: {"line": N, "result": CompactTriageResult}, the TriageResult
without its trace (the derived facts and the deciding conditions). A bad line (not JSON, or not a
valid input) is reported with its line number and the batch goes on: as text on stderr, or as
NDJSON {"line": N, "error": {"code", "message", "issues"}} with --errors FILE. Blank lines are skipped.
  --output   write results to FILE instead of stdout
  --errors   write bad records to FILE as NDJSON instead of stderr
  --workers  worker threads (default: os.availableParallelism())
  --locale   wording language for inputs that do not say (default zh-CN)
  --policy   the shop's policy (JSON), under each input's own policy
  --rules    a directory of shop rule files, on top of the built-in ones (repeatable)
  --trace    write the whole TriageResult: explanation.facts and explanation.decidedBy.conditions
             too (2.7 times the bytes)
Exit status: 0 every line triaged, 1 some lines bad, 2 could not run.`;

// The workers run dist/batch-worker.js, built next to this file (src/batch/worker-entry.ts).
const SELF = fileURLToPath(import.meta.url);
const WORKER_FILE = fileURLToPath(new URL('./batch-worker.js', import.meta.url));

const number = new Intl.NumberFormat('en-US');

const progressLine = (stats: BatchStats, totalBytes: number | undefined, started: number): string => {
  const seconds = (performance.now() - started) / 1000;
  const done = stats.triaged + stats.bad;
  const rate = seconds > 0 ? Math.round(done / seconds) : 0;
  const share = totalBytes ? Math.min(1, stats.bytesRead / totalBytes) : undefined;
  const width = 24;
  const bar = share === undefined ? '' : `[${'#'.repeat(Math.round(share * width)).padEnd(width, '.')}] ${(share * 100).toFixed(0).padStart(3)}% `;
  return `${bar}${number.format(done)} lines, ${number.format(stats.bad)} bad, ${number.format(rate)}/s`;
};

const readPolicy = (path: string): Record<string, unknown> => {
  try {
    return readJsonFile(path) as Record<string, unknown>;
  } catch (cause) {
    throw new Error(`cannot read --policy ${path}: ${causeMessage(cause)}`, { cause });
  }
};

/**
 * A file opened for the results or the error records before any worker starts, so that a path
 * that cannot be written is a usage error (exit 2), not an unhandled stream error mid-batch.
 */
const openForWriting = async (path: string, option: string): Promise<WriteStream> => {
  const stream = createWriteStream(path);
  try {
    await once(stream, 'open');
  } catch (cause) {
    throw new Error(`cannot write ${option} ${path}: ${causeMessage(cause)}`, { cause });
  }
  // A failure later (a full disk) stops the batch the same way.
  stream.on('error', (error) => {
    console.error(`[after-sales-triage] cannot write ${option} ${path}: ${error.message}`);
    process.exit(2);
  });
  return stream;
};

const run = async (argv: string[]): Promise<number> => {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      output: { type: 'string' },
      errors: { type: 'string' },
      workers: { type: 'string' },
      locale: { type: 'string' },
      policy: { type: 'string' },
      rules: { type: 'string', multiple: true },
      trace: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help || positionals.length > 1) {
    (values.help ? console.log : console.error)(USAGE);
    return values.help ? 0 : 2;
  }
  // Node 20 cannot give a worker thread tsx's loader: the workers need the built file.
  if (SELF.endsWith('.ts')) throw new Error('triage-batch runs from the build: npm run build, then node dist/batch.js');
  const file = positionals[0] === undefined || positionals[0] === '-' ? undefined : positionals[0];
  const workers = values.workers === undefined ? availableParallelism() : Number(values.workers);
  if (!Number.isInteger(workers) || workers < 1) throw new Error(`--workers must be a positive integer, not ${values.workers}`);

  if (workers >= availableParallelism()) {
    // The workers take every core: V8's garbage-collection helper threads would only take turns
    // with them, and each young-generation collection in a worker then waited for its helpers to
    // get a core (measured on 2 cores: GC time in the workers halved without them). V8 reads these
    // at each collection, so they apply to the workers started below.
    setFlagsFromString('--no-parallel-scavenge');
    setFlagsFromString('--no-concurrent-array-buffer-sweeping');
  }

  const workerData: BatchWorkerData = {
    options: {
      ...(values.rules ? { ruleDirs: values.rules } : {}),
      ...(values.locale === undefined ? {} : { locale: values.locale as 'zh-CN' }),
      ...(values.policy === undefined ? {} : { policy: readPolicy(values.policy) }),
    },
    errorFormat: values.errors === undefined ? 'text' : 'ndjson',
    trace: values.trace,
  };

  const input: Readable | AsyncIterable<Uint8Array> = file === undefined ? process.stdin : readChunks(file);
  const output: Writable = values.output === undefined ? process.stdout : await openForWriting(values.output, '--output');
  const tty = process.stderr.isTTY === true;
  // On a terminal, a bad record clears the progress line before it is printed.
  const errors: Writable =
    values.errors !== undefined
      ? await openForWriting(values.errors, '--errors')
      : tty
        ? new Writable({ write: (chunk: Uint8Array, _encoding, done) => void process.stderr.write(Buffer.concat([Buffer.from('\r\x1b[K'), chunk]), done) })
        : process.stderr;
  const totalBytes = file === undefined ? undefined : statSync(file).size;

  const stats: BatchStats = { bytesRead: 0, lines: 0, triaged: 0, bad: 0 };
  const started = performance.now();
  // The progress line lives on a terminal only.
  const ticker = tty ? setInterval(() => process.stderr.write(`\r\x1b[K${progressLine(stats, totalBytes, started)}`), 200) : undefined;

  try {
    // A file, a pipe or a terminal: done with a chunk once it is written.
    await runBatch({ input, output, errors, workerFile: WORKER_FILE, workers, workerData, stats, reuseWritten: true });
  } finally {
    if (ticker) {
      clearInterval(ticker);
      process.stderr.write('\r\x1b[K');
    }
  }
  for (const stream of [output, errors]) {
    if (stream !== process.stdout && stream !== process.stderr) {
      stream.end();
      await once(stream, 'finish');
    }
  }

  const seconds = (performance.now() - started) / 1000;
  const peakMb = Math.round(process.resourceUsage().maxRSS / 1024);
  console.error(
    `triage-batch: ${number.format(stats.triaged + stats.bad)} lines, ${number.format(stats.triaged)} triaged, ${number.format(stats.bad)} bad` +
      ` in ${seconds.toFixed(1)} s (${number.format(Math.round((stats.triaged + stats.bad) / seconds))}/s, ${workers} worker${workers === 1 ? '' : 's'}), peak RSS ${peakMb} MB`,
  );
  return stats.bad > 0 ? 1 : 0;
};

process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  // A closed pipe (`| head`) ends the batch quietly.
  if (error.code === 'EPIPE') process.exit(0);
});
run(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(prefixedMessage(error));
    process.exit(2);
  },
);

import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { PassThrough, Readable, Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { triageLines } from '../src/batch/lines.js';
import { readChunks } from '../src/batch/read-file.js';
import { runBatch } from '../src/batch/run.js';
import { CompactTriageResult, createTriage, type TriageResult } from '../src/index.js';
import type { TriageInput } from '../src/schema/input.js';
import { generateOrders } from '../scripts/lib/orders.js';
import { loadFixtures } from './support/fixtures.js';

// The CLI runs its workers from the build (npm test builds first).
const CLI = 'dist/batch.js';
const WORKER = 'dist/batch-worker.js';
const dir = mkdtempSync(join(tmpdir(), 'triage-batch-'));
const encoder = new TextEncoder();

/** Bad lines of every kind, and what the batch must call them. */
const BAD = [
  { text: '{"order": {"status": "paid", "amount": 12', code: 'INVALID_JSON' },
  { text: '{"now":"2026-11-11T00:10:00+08:00","order":{"status":"lost","amount":-1}}', code: 'INVALID_INPUT' },
  { text: '[1, 2, 3]', code: 'INVALID_INPUT' },
  { text: '"just a string"', code: 'INVALID_INPUT' },
];

/** `count` generated orders with a bad line every `badEvery` lines; returns the file and its lines. */
const writeOrders = (name: string, count: number, badEvery: number): { file: string; lines: string[] } => {
  const lines = [...generateOrders(count, 3)].map((order, i) => ((i + 1) % badEvery === 0 ? BAD[((i + 1) / badEvery) % BAD.length]!.text : JSON.stringify(order)));
  const file = join(dir, name);
  writeFileSync(file, `${lines.join('\n')}\n`);
  return { file, lines };
};

const parseNdjson = (text: string): Record<string, unknown>[] =>
  text
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as Record<string, unknown>);

/** A value as it reads back from a JSON line (undefined keys gone). */
const asJson = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

/** The result `triage-batch` writes without --trace: the whole result less its facts and condition traces. */
const withoutTrace = (full: TriageResult): unknown => {
  const { facts: _facts, decidedBy: { conditions: _conditions, ...decidedBy }, ...explanation } = full.explanation;
  return asJson({ ...full, explanation: { ...explanation, decidedBy } });
};

describe('triageLines (one batch)', () => {
  const triager = createTriage();
  const [order] = [...generateOrders(1, 9)];
  const good = JSON.stringify(order);

  it('numbers every line from the batch start, skips blank lines, reads CRLF and a leading BOM', () => {
    const text = `\uFEFF${good}\r\n\n   \n${good}\n{broken\n${good}`;
    const out = triageLines(triager, { seq: 4, firstLine: 1, bytes: encoder.encode(text) });
    const results = parseNdjson(new TextDecoder().decode(out.results));
    expect(results.map((r) => r.line)).toEqual([1, 4, 6]);
    expect(results[0]!.result).toStrictEqual(withoutTrace(triager.triageSync(order!)));
    expect(parseNdjson(new TextDecoder().decode(out.errors))).toEqual([
      { line: 5, error: expect.objectContaining({ code: 'INVALID_JSON', issues: [expect.objectContaining({ path: '$', code: 'invalid_json' })] }) },
    ]);
    expect({ seq: out.seq, triaged: out.triaged, bad: out.bad }).toEqual({ seq: 4, triaged: 3, bad: 1 });
  });

  it('gives each invalid input its TriageError issues with paths, as text when asked', () => {
    const out = triageLines(triager, { seq: 0, firstLine: 41, bytes: encoder.encode(`${BAD[1]!.text}\n`) }, 'text');
    expect(new TextDecoder().decode(out.errors)).toMatch(/^line 41: INVALID_INPUT \$\.order\.status: .+; \$\.order\.amount: .+\n$/);
  });

  const inputs = loadFixtures().map(({ fixture }) => fixture.input as TriageInput);
  /** Every fixture as one batch, triaged with or without the trace. */
  const triageFixtures = (trace: boolean): Record<string, unknown>[] => {
    const text = inputs.map((input) => JSON.stringify(input)).join('\n');
    return parseNdjson(new TextDecoder().decode(triageLines(triager, { seq: 0, firstLine: 1, bytes: encoder.encode(text) }, 'ndjson', trace).results));
  };

  it('writes every fixture without its trace by default, in the CompactTriageResult shape (message readings included)', () => {
    const compact = triageFixtures(false);
    expect(compact).toHaveLength(inputs.length);
    compact.forEach(({ result }, i) => {
      expect(result, `fixture ${i}`).toStrictEqual(withoutTrace(triager.triageSync(inputs[i]!)));
      expect(CompactTriageResult.safeParse(result).error, `fixture ${i}`).toBeUndefined();
    });
    expect(compact.some(({ result }) => (result as TriageResult).explanation.message !== undefined)).toBe(true);
  });

  it('writes the whole TriageResult, facts and condition traces included, with trace', () => {
    const traced = triageFixtures(true);
    expect(traced).toHaveLength(inputs.length);
    traced.forEach(({ result }, i) => {
      expect(result, `fixture ${i}`).toStrictEqual(asJson(triager.triageSync(inputs[i]!)));
    });
  });
});

describe.skipIf(!existsSync(CLI))('triage-batch (the CLI)', () => {
  const triager = createTriage();

  it('writes every good record once, in input order with its line number, and one error record per bad line', () => {
    const { file, lines } = writeOrders('orders.ndjson', 3000, 97);
    const output = join(dir, 'out.ndjson');
    const errors = join(dir, 'errors.ndjson');
    const run = spawnSync(process.execPath, [CLI, file, '--output', output, '--errors', errors, '--workers', '2'], { encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(1);
    expect(run.stderr).toMatch(/3,000 lines, 2,970 triaged, 30 bad/);

    const results = parseNdjson(readFileSync(output, 'utf8'));
    const badLines = lines.flatMap((_, i) => ((i + 1) % 97 === 0 ? [i + 1] : []));
    const goodLines = lines.flatMap((_, i) => ((i + 1) % 97 === 0 ? [] : [i + 1]));
    expect(results.map((r) => r.line)).toEqual(goodLines);
    for (const record of results.filter((_, i) => i % 50 === 0)) {
      expect(record.result).toStrictEqual(withoutTrace(triager.triageSync(JSON.parse(lines[(record.line as number) - 1]!))));
    }

    const errorRecords = parseNdjson(readFileSync(errors, 'utf8'));
    expect(errorRecords.map((r) => r.line)).toEqual(badLines);
    for (const record of errorRecords) {
      const expected = BAD.find((b) => b.text === lines[(record.line as number) - 1])!;
      expect(record.error).toMatchObject({ code: expected.code });
      expect((record.error as { issues: unknown[] }).issues.length).toBeGreaterThan(0);
    }
  });

  it('reads stdin, writes stdout, and reports bad lines on stderr as text', () => {
    const { lines } = writeOrders('stdin.ndjson', 40, 10);
    const run = spawnSync(process.execPath, [CLI, '--workers', '1'], { input: `${lines.join('\n')}\n`, encoding: 'utf8' });
    expect(run.status).toBe(1);
    expect(parseNdjson(run.stdout)).toHaveLength(36);
    expect(run.stderr.split('\n').filter((l) => l.startsWith('line '))).toEqual([
      expect.stringMatching(/^line 10: INVALID_INPUT \$\.order\.status: /),
      expect.stringMatching(/^line 20: INVALID_INPUT \$: /),
      expect.stringMatching(/^line 30: INVALID_INPUT \$: /),
      expect.stringMatching(/^line 40: INVALID_JSON \$: /),
    ]);
  });

  it('exits 0 when every line is good (the whole results with --trace), and 2 with the reason when the options are wrong', () => {
    const { file } = writeOrders('good.ndjson', 20, 1000);
    expect(spawnSync(process.execPath, [CLI, file, '--output', join(dir, 'good.out')], { encoding: 'utf8' }).status).toBe(0);
    const traced = spawnSync(process.execPath, [CLI, file, '--trace', '--workers', '1'], { encoding: 'utf8' });
    expect(traced.status).toBe(0);
    expect(parseNdjson(traced.stdout).map((r) => r.result)).toStrictEqual(
      readFileSync(file, 'utf8').trimEnd().split('\n').map((l) => asJson(triager.triageSync(JSON.parse(l)))),
    );
    const wrong = spawnSync(process.execPath, [CLI, file, '--locale', 'fr'], { encoding: 'utf8' });
    expect(wrong.status).toBe(2);
    expect(wrong.stderr).toMatch(/INVALID_OPTIONS/);
    // one package prefix, though the message comes back from a worker with its own
    expect(wrong.stderr.match(/\[after-sales-triage\]/g)).toHaveLength(1);
  });

  it('exits 2 naming the path when --output or --errors cannot be written, before triaging anything', () => {
    const { file } = writeOrders('unwritable.ndjson', 5, 1000);
    const missingDir = join(dir, 'no-such-dir', 'out.ndjson');
    for (const option of ['--output', '--errors']) {
      const run = spawnSync(process.execPath, [CLI, file, option, missingDir, '--workers', '1'], { encoding: 'utf8' });
      expect(run.status, run.stderr).toBe(2);
      expect(run.stderr).toContain(`cannot write ${option} ${missingDir}: ENOENT`);
      expect(run.stderr).not.toMatch(/triaged|Unhandled|at .*\.js:/);
    }
  });

  it('reads a --policy file that starts with a byte-order mark', () => {
    const { file } = writeOrders('bom-policy.ndjson', 3, 1000);
    const policy = join(dir, 'bom-policy.json');
    writeFileSync(policy, `\uFEFF${JSON.stringify({ shopName: 'BOM shop' })}`);
    const run = spawnSync(process.execPath, [CLI, file, '--policy', policy, '--workers', '1'], { encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    expect(parseNdjson(run.stdout)).toHaveLength(3);
  });

  it('keeps input order across many small batches answered out of order', async () => {
    const { lines } = writeOrders('small-batches.ndjson', 600, 50);
    const output = new PassThrough();
    const chunks: Buffer[] = [];
    output.on('data', (c: Buffer) => chunks.push(c));
    const stats = await runBatch({
      input: Readable.from([Buffer.from(`${lines.join('\n')}\n`)]),
      output,
      errors: new PassThrough().resume(),
      workerFile: resolve(WORKER),
      workers: 3,
      workerData: { options: {}, errorFormat: 'ndjson' },
      batchBytes: 700,
      queuePerWorker: 2,
    });
    expect(stats).toMatchObject({ lines: 600, triaged: 588, bad: 12 });
    const numbers = parseNdjson(Buffer.concat(chunks).toString('utf8')).map((r) => r.line as number);
    expect(numbers).toEqual(lines.flatMap((_, i) => ((i + 1) % 50 === 0 ? [] : [i + 1])));
  });

  it('fills written result buffers again without changing a byte of the output', async () => {
    const { lines } = writeOrders('reuse.ndjson', 400, 37);
    const input = Buffer.from(`${lines.join('\n')}\n`);
    const run = async (reuseWritten: boolean): Promise<Buffer> => {
      const chunks: Buffer[] = [];
      // Like a file: done with each chunk (here, a copy of it) before calling back.
      const output = new Writable({ write: (chunk: Buffer, _encoding, done) => (chunks.push(Buffer.from(chunk)), done()) });
      await runBatch({
        input: Readable.from([input]),
        output,
        errors: new PassThrough().resume(),
        workerFile: resolve(WORKER),
        workers: 2,
        workerData: { options: {}, errorFormat: 'ndjson' },
        batchBytes: 2000,
        queuePerWorker: 2,
        reuseWritten,
      });
      return Buffer.concat(chunks);
    };
    const reused = await run(true);
    expect(reused.equals(await run(false))).toBe(true);
    expect(parseNdjson(reused.toString('utf8'))).toHaveLength(400 - Math.floor(400 / 37));
  });

  it('reads a file in chunks of one reused buffer, lines split across chunks and longer than one', async () => {
    const { file, lines } = writeOrders('chunks.ndjson', 60, 13);
    const collect = async (input: AsyncIterable<Uint8Array>): Promise<string> => {
      const chunks: Buffer[] = [];
      const output = new PassThrough();
      output.on('data', (c: Buffer) => chunks.push(c));
      await runBatch({ input, output, errors: new PassThrough().resume(), workerFile: resolve(WORKER), workers: 2, workerData: { options: {}, errorFormat: 'ndjson' } });
      return Buffer.concat(chunks).toString('utf8');
    };
    // 100-byte chunks: every order line (~350 bytes) spans several.
    const small = await collect(readChunks(file, 100));
    expect(small).toBe(await collect(Readable.from([readFileSync(file)])));
    expect(parseNdjson(small).map((r) => r.line)).toEqual(lines.flatMap((_, i) => ((i + 1) % 13 === 0 ? [] : [i + 1])));
  });

  it('reports a line too long to hold, skips to its end, and numbers the following lines right', async () => {
    const [a, b] = [...generateOrders(2, 5)].map((o) => JSON.stringify(o));
    const long = `{"message":"${'x'.repeat(5000)}"}`;
    const output = new PassThrough();
    const chunks: Buffer[] = [];
    output.on('data', (c: Buffer) => chunks.push(c));
    const errors = new PassThrough();
    const errorChunks: Buffer[] = [];
    errors.on('data', (c: Buffer) => errorChunks.push(c));
    // The long line arrives in many small chunks, as from a pipe.
    const text = Buffer.from(`${a}\n${long}\n${b}\n`);
    const pieces = Array.from({ length: Math.ceil(text.length / 256) }, (_, i) => text.subarray(i * 256, (i + 1) * 256));
    const stats = await runBatch({
      input: Readable.from(pieces),
      output,
      errors,
      workerFile: resolve(WORKER),
      workers: 1,
      workerData: { options: {}, errorFormat: 'ndjson' },
      maxLineBytes: 1000,
    });
    expect(stats).toMatchObject({ lines: 3, triaged: 2, bad: 1 });
    expect(parseNdjson(Buffer.concat(chunks).toString('utf8')).map((r) => r.line)).toEqual([1, 3]);
    expect(parseNdjson(Buffer.concat(errorChunks).toString('utf8'))).toEqual([{ line: 2, error: expect.objectContaining({ code: 'LINE_TOO_LONG', message: 'line longer than 1000 bytes' }) }]);
  });
});

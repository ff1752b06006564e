/**
 * `npm run bench:batch`: 1,000,000 generated orders (seed 1) through the built `triage-batch`,
 * compact results (the default) and `--trace`, output written to a file; wall time and peak RSS of the whole process
 * (main thread and workers). Writes its section of bench/RESULTS.md.
 *
 *   npm run bench:batch -- [--count N] [--keep]
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { formatCount, machine, writeSection } from './results.js';

const { values } = parseArgs({ options: { count: { type: 'string', default: '1000000' }, keep: { type: 'boolean', default: false } } });
const count = Number(values.count);
const dir = 'bench/out';
const input = `${dir}/orders-${count}.ndjson`;
const output = `${dir}/results.ndjson`;
mkdirSync(dir, { recursive: true });

if (!existsSync('dist/batch.js')) {
  console.error('dist/batch.js is missing: npm run build');
  process.exit(2);
}
// Made again when the generator changed since.
if (!existsSync(input) || statSync(input).mtimeMs < statSync('scripts/lib/orders.ts').mtimeMs) {
  process.stderr.write(`generating ${formatCount(count)} orders into ${input} …\n`);
  const generated = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/generate-orders.ts', String(count), '--seed', '1', '--out', input], { stdio: 'inherit' });
  if (generated.status !== 0) process.exit(2);
}

const timeAvailable = existsSync('/usr/bin/time');

interface Run {
  label: string;
  seconds: number;
  /** User + system CPU time of the whole process, when /usr/bin/time gives it. */
  cpuSeconds: number | undefined;
  peakMb: number;
  outputBytes: number;
  summary: string;
  load: string;
}

const measure = (label: string, extra: string[]): Run => {
  const load = loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
  process.stderr.write(`running triage-batch${extra.length ? ` ${extra.join(' ')}` : ''} on ${formatCount(count)} orders (load average ${load}) …\n`);
  const command = [process.execPath, 'dist/batch.js', input, '--output', output, ...extra];
  const started = performance.now();
  const run = timeAvailable ? spawnSync('/usr/bin/time', ['-v', ...command], { encoding: 'utf8' }) : spawnSync(command[0]!, command.slice(1), { encoding: 'utf8' });
  const seconds = (performance.now() - started) / 1000;
  const summary = run.stderr.split('\n').find((l) => l.startsWith('triage-batch:')) ?? run.stderr;
  if (run.status !== 0) {
    console.error(run.stderr);
    process.exit(2);
  }
  // /usr/bin/time sees the whole process; without it, the CLI's own maxRSS (threads share the process).
  const fromTime = /Maximum resident set size \(kbytes\): (\d+)/.exec(run.stderr);
  const fromCli = /peak RSS (\d+) MB/.exec(summary);
  const peakMb = fromTime ? Math.round(Number(fromTime[1]) / 1024) : Number(fromCli?.[1] ?? Number.NaN);
  const user = /User time \(seconds\): ([\d.]+)/.exec(run.stderr);
  const system = /System time \(seconds\): ([\d.]+)/.exec(run.stderr);
  const cpuSeconds = user && system ? Number(user[1]) + Number(system[1]) : undefined;
  const outputBytes = statSync(output).size;
  if (!values.keep) rmSync(output);
  return { label, seconds, cpuSeconds, peakMb, outputBytes, summary, load };
};

const runs = [
  measure('`CompactTriageResult` per line (default: no facts, no condition traces)', []),
  measure('`--trace`: whole `TriageResult` per line', ['--trace']),
];

const rows = runs.map(
  (r) =>
    `| ${r.label} | ${r.seconds.toFixed(1)} s | ${formatCount(count / r.seconds)}/s | ${r.cpuSeconds === undefined ? '–' : `${r.cpuSeconds.toFixed(1)} s`} | ${r.peakMb} MB | ${(r.outputBytes / 2 ** 30).toFixed(2)} GiB | ${r.load} |`,
);
const body = [
  '## Batch (`npm run bench:batch`)',
  '',
  `${machine()}; ${new Date().toISOString().slice(0, 10)}. ${formatCount(count)} generated orders (\`scripts/generate-orders.ts\`, seed 1,`,
  `${(statSync(input).size / 2 ** 20).toFixed(0)} MiB of NDJSON), \`node dist/batch.js orders.ndjson --output results.ndjson\`, ${availableParallelism()} worker threads.`,
  `Peak RSS and CPU time (user + system, every thread) are the whole process${timeAvailable ? ', from /usr/bin/time -v' : ''}.`,
  'Other work on a shared machine can stretch the wall time of a run by half or more; it stretches the CPU time less.',
  '',
  '| output | wall time | orders/s | CPU time | peak RSS | output size | load average before (1, 5, 15 min) |',
  '|---|---:|---:|---:|---:|---:|---|',
  ...rows,
  '',
  'Target: 1,000,000 orders in under 20 s with RSS under 200 MB.',
].join('\n');

console.log(`\n${body}\n`);
for (const r of runs) console.log(r.summary);
const quote = [
  `Measured by \`npm run bench:batch\` (${machine()}; 1,000,000 generated orders, ${availableParallelism()} workers, output to a file):`,
  '',
  '| output | wall time | orders/s | CPU time | peak RSS | output size | load average before |',
  '|---|---:|---:|---:|---:|---:|---|',
  ...rows,
].join('\n');
if (count === 1_000_000) writeSection('batch', body, quote);

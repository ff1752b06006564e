/**
 * Compares builds of the library in one process: each build's `triageSync` runs over the same
 * inputs in short windows, the builds taking turns, and the ratio of each build to the first is
 * taken window pair by window pair. A slow episode of this shared host (bench/NOTES.md) slows both
 * windows of a pair alike, so the median ratio holds where rates from separate processes swing by
 * half. Rates are printed too, but only the ratios compare.
 *
 *   npm run build && mkdir /tmp/before && cp -r dist package.json /tmp/before/ && ln -s "$PWD/node_modules" /tmp/before/   # on the old commit
 *   npm run build                            # on the new one
 *   npm run bench:paired -- /tmp/before/dist/index.js dist/index.js [--inputs messages|plain|all] [--orders file.ndjson] [--rounds 40]
 *
 * Run it twice with the builds in the other order: V8 may favour the build loaded first or last.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { listJsonFiles } from '../../src/rules/files.js';

interface Build {
  name: string;
  triageSync: (input: unknown) => unknown;
  inputs: unknown[];
  rates: number[];
}

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    inputs: { type: 'string', default: 'all' },
    orders: { type: 'string' },
    rounds: { type: 'string', default: '40' },
    'window-ms': { type: 'string', default: '150' },
  },
});
if (positionals.length < 2) throw new Error('usage: tsx scripts/bench/paired.ts <build A index.js> <build B index.js> [more builds]');
const rounds = Number(values.rounds);
const windowMs = Number(values['window-ms']);

type Input = { message?: unknown };
const all: Input[] =
  values.orders === undefined
    ? listJsonFiles('fixtures').map((file) => (JSON.parse(readFileSync(file, 'utf8')) as { input: Input }).input)
    : readFileSync(values.orders, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as Input);
const chosen = values.inputs === 'messages' ? all.filter((i) => i.message !== undefined) : values.inputs === 'plain' ? all.filter((i) => i.message === undefined) : all;

/**
 * The `type` of the package.json nearest to a file: a build copied to a directory without one
 * (`cp -r dist /tmp/before`) is loaded as CommonJS, which tsx then transpiles from ESM on the fly,
 * and that copy ran at 0.82× its own original in an A/A comparison.
 */
const packageTypeOf = (file: string): string | undefined => {
  for (let dir = dirname(resolve(file)); ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) return (JSON.parse(readFileSync(manifest, 'utf8')) as { type?: string }).type;
    if (dirname(dir) === dir) return undefined;
  }
};

const builds: Build[] = [];
for (const path of positionals) {
  if (path.endsWith('.js') && packageTypeOf(path) !== 'module') {
    throw new Error(`${path}: no package.json with "type": "module" above it, so it would load as CommonJS (slower); copy the build's package.json beside its dist/`);
  }
  const library = (await import(pathToFileURL(resolve(path)).href)) as { createTriage: () => { triageSync: (i: unknown) => unknown; safeTriageSync: (i: unknown) => { success: boolean } } };
  const triager = library.createTriage();
  // Each build gets its own copies, fresh from JSON as a service gets them, and only those it accepts.
  const inputs = chosen.map((i) => JSON.parse(JSON.stringify(i)) as unknown).filter((i) => triager.safeTriageSync(i).success);
  builds.push({ name: path, triageSync: (i) => triager.triageSync(i), inputs, rates: [] });
}

const window = (build: Build): number => {
  const { inputs } = build;
  let n = 0;
  const start = performance.now();
  let now: number;
  do {
    for (let k = 0; k < 50; k++) build.triageSync(inputs[n++ % inputs.length]);
    now = performance.now();
  } while (now - start < windowMs);
  return n / ((now - start) / 1000);
};

for (const build of builds) {
  const end = performance.now() + 1500;
  while (performance.now() < end) window(build);
}
for (let r = 0; r < rounds; r++) for (const build of r % 2 === 0 ? builds : [...builds].reverse()) build.rates.push(window(build));

const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
const first = builds[0]!;
for (const build of builds) {
  const ratios = build.rates.map((rate, i) => rate / first.rates[i]!);
  const k = (x: number): string => `${(x / 1000).toFixed(1)} k/s`;
  console.log(`${build.name}: ${build.inputs.length} inputs, median ${k(median(build.rates))}, best ${k(Math.max(...build.rates))}, × the first build (median of ${rounds} window pairs) ${median(ratios).toFixed(3)}`);
}

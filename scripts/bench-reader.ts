/**
 * readBuyerMessage over every corpus message (test/corpus/*.json): the mean time per message
 * (median of whole rounds after 3 s of warm-up: the reader's many small functions take thousands
 * of messages to be optimized), the slowest message (median of 40 reads in a row) and how often
 * OpenCC is skipped. Run as plain JavaScript, as the package runs (under tsx every closure
 * is renamed, which distorts the figures):
 *
 *   npx tsup scripts/bench-reader.ts --no-config --format esm --platform node --target node20 --out-dir bench/out/reader --silent
 *   node bench/out/reader/bench-reader.js [--baseline=<built index.js of another version>] [--rounds=30]
 *
 * With --baseline (for instance `git worktree add /tmp/base <commit> && cd /tmp/base && npm ci &&
 * npm run build`, then --baseline=/tmp/base/dist/index.js) the other version is measured instead,
 * after checking that it reads every message as this tree does: run both back to back, each in a
 * process of its own (one version's heap slows the other's rounds). The machine's speed varies:
 * compare runs made one right after the other.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { createTriage } from '../src/index.js';
import { changeableStretch } from '../src/message/simplify.js';

type Read = (message: string) => { text: string };

const corpus: string[] = readdirSync('test/corpus')
  .filter((f) => f.endsWith('.json'))
  .flatMap((f) => (JSON.parse(readFileSync(`test/corpus/${f}`, 'utf8')) as { messages: { text: string }[] }).messages.map((m) => m.text));
const option = (name: string): string | undefined => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const rounds = Number(option('rounds') ?? 30);
const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
let sink = 0;

const measure = (name: string, read: Read): void => {
  // wall time: CPU time would count the garbage collector's helper threads too
  const round = (): number => {
    const start = process.hrtime.bigint();
    for (const m of corpus) sink += read(m).text.length;
    return Number(process.hrtime.bigint() - start) / 1000 / corpus.length;
  };
  for (const start = Date.now(); Date.now() - start < 3000; ) round();
  const means = Array.from({ length: rounds }, round);
  const each = corpus.map((m) => {
    const times: number[] = [];
    for (let k = 0; k < 40; k++) {
      const start = process.hrtime.bigint();
      sink += read(m).text.length;
      times.push(Number(process.hrtime.bigint() - start) / 1000);
    }
    return median(times);
  });
  const slowest = each.indexOf(Math.max(...each));
  console.log(
    `${name}: mean ${median(means).toFixed(2)} µs per message (best round ${Math.min(...means).toFixed(2)}); ` +
      `slowest ${each[slowest]!.toFixed(2)} µs (${JSON.stringify(corpus[slowest]!.slice(0, 30))}…); median message ${median(each).toFixed(2)} µs`,
  );
};

const current = createTriage().readBuyerMessage;
const baselinePath = option('baseline');
if (baselinePath === undefined) measure('this tree', current);
else {
  const { createTriage: createBaseline } = (await import(baselinePath)) as { createTriage: () => { readBuyerMessage: Read } };
  const baseline = createBaseline().readBuyerMessage;
  for (const m of corpus) if (JSON.stringify(baseline(m)) !== JSON.stringify(current(m))) throw new Error(`the versions read ${JSON.stringify(m)} differently`);
  measure('baseline', baseline);
}

// what foldText hands OpenCC (links are not cut out here: few corpus messages have one)
let skipped = 0;
let converted = 0;
let total = 0;
for (const m of corpus) {
  const text = m.normalize('NFKC');
  const stretch = changeableStretch(text);
  total += text.length;
  if (stretch === undefined) skipped++;
  else converted += stretch.end - stretch.start;
}
console.log(
  `OpenCC: skipped for ${skipped} of ${corpus.length} messages (${((100 * skipped) / corpus.length).toFixed(1)}%); ` +
    `${((100 * converted) / total).toFixed(1)}% of the characters go through it`,
  sink > 0 ? '' : '!',
);

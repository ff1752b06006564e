/**
 * `npm run bench:start-up`: what a process pays before its first answers, on the built package, in
 * fresh `node` processes (a cold start happens once per process, so each run is a process of its
 * own): the import, `createTriage()`, the first triage, the first buyer message (simplified, then
 * traditional Chinese), the first zh-TW reply, and the same reply from a triager created with
 * `locale: 'zh-TW'`. Writes its section of bench/RESULTS.md.
 *
 *   npm run bench:start-up -- [--runs N]
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { loadavg } from 'node:os';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { machine, writeSection } from './results.js';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '9' } } });
const runs = Number(values.runs);
if (!Number.isInteger(runs) || runs < 1) {
  console.error('--runs must be a positive whole number');
  process.exit(2);
}
if (!existsSync('dist/index.js')) {
  console.error('dist/index.js is missing: npm run build');
  process.exit(2);
}

interface Step {
  key: string;
  label: string;
}
const STEPS: Step[] = [
  { key: 'import', label: '`import` of the package' },
  { key: 'create', label: '`createTriage()`' },
  { key: 'firstTriage', label: 'first triage (structured input)' },
  { key: 'firstMessage', label: 'first buyer message, simplified Chinese' },
  { key: 'firstTraditional', label: 'first buyer message, traditional Chinese' },
  { key: 'firstZhTw', label: 'first zh-TW reply, triager created for zh-CN' },
  { key: 'createZhTw', label: "`createTriage({ locale: 'zh-TW' })`, in a process of its own" },
  { key: 'firstZhTwPrepared', label: "first zh-TW reply, triager created with `locale: 'zh-TW'`" },
];

// One process's measurements, printed as JSON. The zh-TW triager is measured in its own processes:
// in the same process as the zh-CN one, its tables would already be built.
const probe = (zhTwFirst: boolean): string => `
const at = () => performance.now();
const out = {};
let t = at();
const { createTriage } = await import(${JSON.stringify(pathToFileURL('dist/index.js').href)});
out.import = at() - t;
const order = { status: 'paid', amount: 259, paidAt: '2026-11-11T10:00:00+08:00' };
const base = { now: '2026-11-12T10:00:00+08:00', order, claim: { type: 'urge_shipping' } };
// the reply names the shop: a name is what a zh-TW reply converts to traditional script
const policy = { shopName: '小鹿鞋铺' };
if (${zhTwFirst}) {
  t = at(); const triager = createTriage({ locale: 'zh-TW', policy }); out.createZhTw = at() - t;
  t = at(); triager.triageSync(base); out.firstZhTwPrepared = at() - t;
} else {
  t = at(); const triager = createTriage(); out.create = at() - t;
  t = at(); triager.triageSync(base); out.firstTriage = at() - t;
  t = at(); triager.triageSync({ now: base.now, order, message: '鞋子开胶了 能退吗' }); out.firstMessage = at() - t;
  t = at(); triager.triageSync({ now: base.now, order, message: '鞋子開膠了 能退嗎' }); out.firstTraditional = at() - t;
  t = at(); triager.triageSync({ ...base, locale: 'zh-TW', policy }); out.firstZhTw = at() - t;
}
console.log(JSON.stringify(out));
`;

const samples = new Map<string, number[]>(STEPS.map((s) => [s.key, []]));
const load = loadavg()
  .map((l) => l.toFixed(2))
  .join(' ');
for (let r = 0; r < runs; r++) {
  for (const zhTwFirst of [false, true]) {
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', probe(zhTwFirst)], { encoding: 'utf8' });
    if (run.status !== 0) {
      console.error(run.stderr);
      process.exit(2);
    }
    for (const [key, ms] of Object.entries(JSON.parse(run.stdout) as Record<string, number>)) samples.get(key)!.push(ms);
  }
  process.stderr.write(`run ${r + 1} of ${runs}\n`);
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 === 1 ? s[s.length >> 1]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const ms = (x: number): string => (x >= 10 ? x.toFixed(0) : x.toFixed(1));
const rows = STEPS.map(({ key, label }) => {
  const xs = samples.get(key)!;
  return `| ${label} | ${ms(median(xs))} | ${ms(Math.min(...xs))}–${ms(Math.max(...xs))} |`;
});

const body = `## Start-up (\`npm run bench:start-up\`)

${machine()}; ${new Date().toISOString().slice(0, 10)}; load average ${load} before. ${runs} fresh \`node\` processes for the zh-CN
triager's steps and ${runs} for the zh-TW one's (the import is timed in all of them), on the built package
(\`dist/index.js\`); each step is timed once per process, in the order below.

| step | median ms | range ms |
|---|---:|---:|
${rows.join('\n')}

A triager created with \`locale: 'zh-TW'\` builds the simplified-to-traditional name tables at creation; one
created for another locale builds them on its first zh-TW reply.`;

console.log(body);
writeSection('start-up', body, body.replace(/^## .*\n\n/, ''));

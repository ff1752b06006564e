/**
 * Writes N generated order situations as NDJSON (one TriageInput per line), the same N for the
 * same seed. `--bad-every K` makes every K-th line a bad record (broken JSON, an invalid order,
 * or not an object), to exercise the batch's error reporting.
 *
 *   npx tsx scripts/generate-orders.ts 1000000 --seed 1 --out orders.ndjson
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { parseArgs } from 'node:util';
import { generateOrders } from './lib/orders.js';

const BAD_LINES = [
  '{"order": {"status": "paid", "amount": 12',
  '{"now":"2026-11-11T00:10:00+08:00","order":{"status":"lost","amount":-1}}',
  '[1, 2, 3]',
  '{"order":{"status":"shipped","amount":99,"paidAt":"2026-11-11 08:00"},"claim":{"type":"not_received"}}',
];

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    seed: { type: 'string', default: '1' },
    out: { type: 'string' },
    'bad-every': { type: 'string' },
  },
});
const count = Number(positionals[0] ?? 1000);
const seed = Number(values.seed);
const badEvery = values['bad-every'] === undefined ? 0 : Number(values['bad-every']);
if (!Number.isInteger(count) || count < 0 || !Number.isInteger(seed) || !Number.isInteger(badEvery) || badEvery < 0) {
  console.error('Usage: generate-orders <count> [--seed N] [--bad-every K] [--out FILE]');
  process.exit(2);
}

const out = values.out === undefined ? process.stdout : createWriteStream(values.out);
let chunk = '';
let line = 0;
let bad = 0;
for (const order of generateOrders(count, seed)) {
  line += 1;
  chunk += (badEvery > 0 && line % badEvery === 0 ? BAD_LINES[bad++ % BAD_LINES.length] : JSON.stringify(order)) + '\n';
  if (chunk.length >= 1 << 16) {
    if (!out.write(chunk)) await once(out, 'drain');
    chunk = '';
  }
}
out.write(chunk);
if (out !== process.stdout) {
  out.end();
  await once(out, 'finish');
}

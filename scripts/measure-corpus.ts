/**
 * Prints how the built-in pattern files read a corpus file: correct, none/ambiguous (not read, the
 * safe miss) and confidently wrong, overall and per language. Used to measure a new blind set
 * before tuning on it: `npx tsx scripts/measure-corpus.ts test/corpus/blind-3.json [--misses]`.
 */
import { readFileSync } from 'node:fs';
import { readBuyerMessage } from '../src/index.js';
import { foldText } from '../src/message/normalize.js';

interface Entry {
  id: string;
  text: string;
  expect: string;
  refundReason?: string;
}

const han = /\p{Script=Han}/u;
const languageOf = (text: string): string =>
  !han.test(text) ? 'en' : foldText(text) !== text.normalize('NFKC').toLowerCase() ? 'zh-TW' : 'zh-CN';

const [file, flag] = process.argv.slice(2);
if (file === undefined) throw new Error('usage: tsx scripts/measure-corpus.ts <corpus.json> [--misses]');
const entries = (JSON.parse(readFileSync(file, 'utf8')) as { messages: Entry[] }).messages;

const tally = new Map<string, { n: number; correct: number; unsure: number; wrong: number }>();
for (const entry of entries) {
  const reading = readBuyerMessage(entry.text);
  const got = reading.reading === 'read' ? reading.claim!.type : reading.reading;
  const correct = got === entry.expect && reading.refundReason === entry.refundReason;
  const wrong = reading.reading === 'read' && got !== entry.expect;
  for (const key of ['all', languageOf(entry.text)]) {
    const t = tally.get(key) ?? { n: 0, correct: 0, unsure: 0, wrong: 0 };
    t.n++;
    if (correct) t.correct++;
    else if (wrong) t.wrong++;
    else t.unsure++;
    tally.set(key, t);
  }
  if (!correct && flag === '--misses') {
    const refund = (r: string | undefined): string => (r === undefined ? '' : `/${r}`);
    console.log(`${wrong ? 'WRONG' : 'miss '} ${entry.id}: expected ${entry.expect}${refund(entry.refundReason)}, got ${got}${refund(reading.refundReason)} | ${entry.text}`);
  }
}
const pct = (part: number, whole: number): string => `${((100 * part) / whole).toFixed(1)}%`;
for (const [key, t] of tally) {
  console.log(`${key.padEnd(6)} ${String(t.n).padStart(4)}  correct ${pct(t.correct, t.n)} (${t.correct})  not read ${pct(t.unsure, t.n)} (${t.unsure})  confidently wrong ${pct(t.wrong, t.n)} (${t.wrong})`);
}

/** bench/RESULTS.md holds one section per bench script, each between its own markers, so each rewrites only its own. */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, totalmem } from 'node:os';

export const RESULTS_FILE = 'bench/RESULTS.md';

const HEADER = `# Measured performance

Written by \`npm run bench\` (triage), \`npm run bench:batch\` (batch) and \`npm run bench:start-up\`
(start-up); each rewrites its own section. The README quotes these figures.
`;

export const machine = (): string =>
  `${cpus()[0]?.model.trim() ?? 'unknown CPU'}, ${availableParallelism()} cores, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;

const replaceBlock = (text: string, name: string, body: string): string | undefined => {
  const start = `<!-- ${name}:start -->`;
  const end = `<!-- ${name}:end -->`;
  const from = text.indexOf(start);
  const to = text.indexOf(end);
  return from !== -1 && to > from ? `${text.slice(0, from)}${start}\n${body.trim()}\n${text.slice(to)}` : undefined;
};

/** Rewrites this bench's section of bench/RESULTS.md, and the README's quote of it (between its markers). */
export const writeSection = (name: string, body: string, quote: string): void => {
  const current = existsSync(RESULTS_FILE) ? readFileSync(RESULTS_FILE, 'utf8') : HEADER;
  const next = replaceBlock(current, name, body) ?? `${current.trimEnd()}\n\n<!-- ${name}:start -->\n${body.trim()}\n<!-- ${name}:end -->\n`;
  mkdirSync('bench', { recursive: true });
  writeFileSync(RESULTS_FILE, next);
  const readme = readFileSync('README.md', 'utf8');
  const quoted = replaceBlock(readme, name === 'triage' ? 'performance' : name, quote);
  if (quoted !== undefined) writeFileSync('README.md', quoted);
};

export const formatCount = (n: number): string => (n >= 1e6 ? `${(n / 1e6).toFixed(2)} M` : n >= 1e3 ? `${(n / 1e3).toFixed(1)} k` : n.toFixed(0));
export const formatMicros = (us: number): string => (us >= 100 ? us.toFixed(0) : us >= 10 ? us.toFixed(1) : us.toFixed(2));

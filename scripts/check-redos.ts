/**
 * Catastrophic-backtracking check: every regular expression the library ships, and every public
 * function that runs patterns on caller input, against long adversarial strings under a budget.
 *
 *   npm run check:redos            # exits 1 when a run is over budget, or a pattern is built at run time
 *   npm run check:redos -- --verbose
 *
 * Patterns are found, not listed: every regex literal and `RegExp(…)` call under src/ (read with
 * the TypeScript parser), so a pattern added later is checked without touching this file. A
 * `RegExp` built from a non-literal is an error unless DYNAMIC_PATTERNS below names its file and
 * hands over the built patterns: that is also how "no caller-supplied pattern is ever compiled"
 * is kept true. Patterns we do not write (zod's own, e.g. the ISO timestamp) are reached through
 * DRIVERS: public entry points fed the same adversarial strings in every string field.
 *
 * Inputs: for each pattern, an alphabet of its own literal characters and class bounds plus a few
 * representatives; pumps of one or two of those characters, repeated, between a prefix and a
 * suffix that makes the match fail late. Lengths grow slowly at first (8…30, where exponential
 * blow-ups show) and then to 100,000 characters (where quadratic ones do); a candidate stops
 * growing as soon as one run exceeds the budget, so a bad pattern fails fast instead of hanging.
 * This is a timing check, so it lives here and not in the unit tests.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { createTriage } from '../src/triage.js';
import { TriageInput } from '../src/schema/input.js';
import { jsonPath } from '../src/errors.js';
import { plainPathResolver } from '../src/engine/reference.js';
import { compileTemplate } from '../src/wording/template.js';
import { minimalRule } from '../test/support/rules.js';

const ROOT = new URL('..', import.meta.url).pathname;
const SRC = join(ROOT, 'src');
const BUDGET_MS = Number(process.env.REDOS_BUDGET_MS ?? 100);
const MAX_LENGTH = 100_000;
const VERBOSE = process.argv.includes('--verbose');

/**
 * Files that build a RegExp from something other than a literal, with the patterns they build.
 * The built pattern must come from the library's own constants, never from input or options.
 * Example, once the message reader builds its keyword patterns from word lists:
 *   'src/message/read.ts': async () => Object.values((await import('../src/message/patterns.js')).PATTERNS),
 */
const DYNAMIC_PATTERNS: Record<string, () => Promise<RegExp[]>> = {};

// ---------------------------------------------------------------------------------------------
// Finding the patterns

interface FoundPattern {
  where: string;
  regex: RegExp;
}
interface DynamicSite {
  where: string;
  text: string;
}

const sourceFiles = (dir: string): string[] =>
  readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts') && !e.name.endsWith('.d.ts'))
    .map((e) => join(e.parentPath, e.name))
    .sort();

const literalText = (node: ts.Expression | undefined): string | undefined =>
  node !== undefined && (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) ? node.text : undefined;

const findPatterns = (): { found: FoundPattern[]; dynamic: DynamicSite[] } => {
  const found: FoundPattern[] = [];
  const dynamic: DynamicSite[] = [];
  for (const file of sourceFiles(SRC)) {
    const text = readFileSync(file, 'utf8');
    const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
    const where = (node: ts.Node): string => `${relative(ROOT, file)}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
    const visit = (node: ts.Node): void => {
      if (ts.isRegularExpressionLiteral(node)) {
        const slash = node.text.lastIndexOf('/');
        found.push({ where: where(node), regex: new RegExp(node.text.slice(1, slash), node.text.slice(slash + 1)) });
      } else if ((ts.isNewExpression(node) || ts.isCallExpression(node)) && node.expression.getText(source) === 'RegExp') {
        const [pattern, flags] = node.arguments ?? [];
        const body = literalText(pattern);
        const flagText = flags === undefined ? '' : literalText(flags);
        if (body !== undefined && flagText !== undefined) found.push({ where: where(node), regex: new RegExp(body, flagText) });
        else dynamic.push({ where: where(node), text: node.getText(source).slice(0, 120) });
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return { found, dynamic };
};

// ---------------------------------------------------------------------------------------------
// Adversarial inputs

const REPRESENTATIVES = ['a', 'A', '0', ' ', '!', '中', '\n'];
const SUFFIXES = ['!', '\u0000', ''];
const MAX_ALPHABET = 14;

/** Characters a pattern names: its literals, the ends of its class ranges, one per escape class. */
const alphabetOf = (source: string): string[] => {
  const out: string[] = [];
  const escapes: Record<string, string> = { d: '0', D: 'a', w: 'a', W: '!', s: ' ', S: 'a', b: ' ', B: 'a', p: '中', P: '!' };
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    if (c === '\\') {
      const next = source[i + 1] ?? '';
      i++;
      if (next === 'u' && /^[0-9a-fA-F]{4}$/.test(source.slice(i + 1, i + 5))) {
        out.push(String.fromCharCode(parseInt(source.slice(i + 1, i + 5), 16)));
        i += 4;
      } else out.push(escapes[next] ?? next);
    } else if (!'^$.*+?()[]{}|'.includes(c) || c === '-') out.push(c);
    else if ('{}[].$'.includes(c)) out.push(c); // as literals they are near-misses worth pumping
  }
  const seen = [...new Set([...out.filter((c) => c !== ''), ...REPRESENTATIVES])];
  return seen.slice(0, MAX_ALPHABET);
};

/** Runs of literal characters outside classes (`http`, `://`), used as prefixes. */
const literalRuns = (source: string): string[] => {
  const literal = source
    .replace(/\[(?:\\.|[^\]\\])*\]/g, ' ')
    .replace(/\\(.)/g, (_, c: string) => ('./$:{}[]()?+*|-'.includes(c) ? c : ' '))
    .replace(/[\^$*+?()[\]|]|\{\d+(,\d*)?\}/g, ' ');
  return [...new Set(literal.split(/\s+/).filter((run) => run.length >= 2))].slice(0, 4);
};

interface Candidate {
  label: string;
  /** Grown to the full length; the others stop at the short end of the ladder. */
  long: boolean;
  build(length: number): string;
}

/** Pumps of one or two characters; only those over the first LONG_ALPHABET characters grow long. */
const LONG_ALPHABET = 6;

const candidatesFor = (alphabet: readonly string[], prefixes: readonly string[]): Candidate[] => {
  const pumps = [
    ...alphabet.map((a, i) => ({ pump: a, long: i < LONG_ALPHABET })),
    ...alphabet.flatMap((a, i) => alphabet.flatMap((b, j) => (a === b ? [] : [{ pump: a + b, long: i < LONG_ALPHABET && j < LONG_ALPHABET }]))),
  ];
  const out: Candidate[] = [];
  for (const prefix of ['', ...prefixes]) {
    for (const { pump, long } of pumps) {
      for (const suffix of SUFFIXES) {
        out.push({
          label: `${JSON.stringify(prefix)} + ${JSON.stringify(pump)}×n + ${JSON.stringify(suffix)}`,
          long,
          build: (length) => prefix + pump.repeat(Math.max(1, Math.ceil((length - prefix.length - suffix.length) / pump.length))) + suffix,
        });
      }
    }
  }
  return out;
};

/** Exponential blow-ups show in the first steps (a step of 2 keeps the overshoot small), quadratic ones in the last. */
const SHORT_LADDER = [8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30];
/** A driver runs the whole pipeline per input; coarser steps keep the check short (the overshoot of a blow-up is larger). */
const DRIVER_LADDER = [8, 12, 16, 20, 24, 28, 32];
const LONG_LADDER = [1_000, 10_000, MAX_LENGTH];

// ---------------------------------------------------------------------------------------------
// The harness

interface Target {
  name: string;
  run(input: string): unknown;
  alphabet: readonly string[];
  prefixes: readonly string[];
  /** The longest input this target can meet (a schema bound in front of it); default 100,000. */
  maxLength?: number;
  shortLadder?: readonly number[];
}

interface Verdict {
  name: string;
  runs: number;
  worstMs: number;
  worst: string;
  over: boolean;
}

const timeOnce = async (run: () => unknown): Promise<number> => {
  const start = performance.now();
  await run();
  return performance.now() - start;
};

/** A run over budget is repeated: a garbage collection or a JIT pause is noise, a blow-up repeats. */
const RETRIES = 3;
const timeOf = async (run: () => unknown): Promise<number> => {
  let best = await timeOnce(run);
  for (let i = 0; i < RETRIES && best > BUDGET_MS; i++) best = Math.min(best, await timeOnce(run));
  return best;
};

const check = async (target: Target): Promise<Verdict> => {
  const maxLength = target.maxLength ?? MAX_LENGTH;
  const longLadder = [...LONG_LADDER.filter((n) => n < maxLength), maxLength];
  const candidates = candidatesFor(target.alphabet, target.prefixes);
  let runs = 0;
  let worstMs = 0;
  let worst = '';
  const shortLadder = target.shortLadder ?? SHORT_LADDER;
  for (const candidate of candidates) {
    for (const length of candidate.long ? [...shortLadder, ...longLadder] : shortLadder) {
      const input = candidate.build(length);
      const ms = await timeOf(() => target.run(input));
      runs++;
      if (ms > worstMs) {
        worstMs = ms;
        worst = `${candidate.label}, ${input.length} chars`;
      }
      if (ms > BUDGET_MS) return { name: target.name, runs, worstMs, worst, over: true };
    }
  }
  return { name: target.name, runs, worstMs, worst, over: false };
};

const regexTarget = (name: string, regex: RegExp): Target => ({
  name,
  alphabet: alphabetOf(regex.source),
  prefixes: literalRuns(regex.source),
  run(input) {
    // A fresh copy: global and sticky patterns carry lastIndex between calls.
    const copy = new RegExp(regex.source, regex.flags);
    copy.test(input);
    if (copy.global) {
      for (const _ of input.matchAll(copy));
      input.replace(copy, '');
    }
  },
});

// ---------------------------------------------------------------------------------------------
// Drivers: public entry points, for the patterns that live in our dependencies

const NOW = '2026-11-14T10:00:00+08:00';
/** An input with every string field filled; each driver replaces one of them. Add new fields here. */
const SAMPLE_INPUT = {
  now: NOW,
  locale: 'zh-CN',
  order: { id: 'T20261110001', status: 'shipped', amount: 259, currency: 'CNY', category: 'shoes', createdAt: '2026-11-10T19:00:00+08:00', paidAt: '2026-11-10T20:00:00+08:00' },
  shipment: {
    trackingNumber: 'SF1402837465',
    carrier: '顺丰',
    labelPrintedAt: '2026-11-11T08:30:00+08:00',
    handedToCarrierAt: '2026-11-11T15:00:00+08:00',
    events: [{ at: '2026-11-11T18:00:00+08:00', kind: 'accepted', description: '快件已揽收', location: '杭州' }],
  },
  claim: { type: 'not_received' },
  refund: { reason: 'not_received', requestedAt: '2026-11-13T10:00:00+08:00' },
  message: '在吗 我的快递怎么还没到 https://item.taobao.com/item.htm?id=1',
  policy: {
    timezone: 'Asia/Shanghai',
    trustedLinkDomains: ['taobao.com'],
    peakSeasons: [{ name: 'double_11', from: '11-01', to: '11-20', extraDelayDays: 3 }],
    shopName: '小鹿鞋铺',
    agentName: '小鹿',
    currency: 'CNY',
  },
};

/** The longest string each field may carry: a longer one fails validation before any further reading. */
const FIELD_BOUNDS: Record<string, number> = { '$.message': 4_000 };

const stringLeaves = (value: unknown, path: (string | number)[] = []): { path: (string | number)[]; value: string }[] => {
  if (typeof value === 'string') return [{ path, value }];
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([k, v]) => stringLeaves(v, [...path, Array.isArray(value) ? Number(k) : k]));
};

interface ZodInternals {
  _zod: { def: { type: string; innerType?: unknown; element?: unknown; shape?: Record<string, unknown> } };
}

/** The schema that validates the value at `path`, wrappers (optional, default, nullable) removed. */
const schemaAt = (root: unknown, path: readonly (string | number)[]): unknown => {
  const unwrap = (schema: unknown): unknown => {
    let current = schema as ZodInternals | undefined;
    while (current?._zod.def.innerType !== undefined) current = current._zod.def.innerType as ZodInternals;
    return current;
  };
  let schema = unwrap(root) as ZodInternals | undefined;
  for (const key of path) {
    const def = schema?._zod.def;
    const next = typeof key === 'number' ? def?.element : def?.shape?.[key];
    schema = unwrap(next) as ZodInternals | undefined;
  }
  return schema;
};

const withValueAt = (root: unknown, path: readonly (string | number)[], replacement: string): unknown => {
  const copy = structuredClone(root) as Record<string | number, unknown>;
  let node = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  node[path[path.length - 1]!] = replacement;
  return copy;
};

/**
 * A driver runs the whole pipeline per input, so it gets a smaller alphabet than a bare pattern:
 * the field's own distinct characters first (near-misses of its format), then representatives.
 */
const DRIVER_ALPHABET = 4;
const driverAlphabet = (sample: string): string[] => [...new Set([...sample, ...REPRESENTATIVES])].slice(0, DRIVER_ALPHABET);

const MESSAGE_ALPHABET = ['在', '天', '7', ' ', '/', '.'];
const MESSAGE_PREFIXES = ['https://item.taobao.com.', '咨询订单号:'];

const drivers = (): Target[] => {
  const triager = createTriage();
  // Fields sharing one schema (every timestamp is `Timestamp`) run the same patterns: drive one.
  const seenSchemas = new Set<unknown>();
  const leaves = stringLeaves(SAMPLE_INPUT).filter(({ path }) => {
    const schema = schemaAt(TriageInput, path);
    if (schema !== undefined && seenSchemas.has(schema)) return false;
    seenSchemas.add(schema);
    return true;
  });
  const inputFields: Target[] = leaves.map(({ path, value }) => {
    const name = `triage input ${jsonPath(path)}`;
    const isMessage = jsonPath(path) === '$.message';
    return {
      name,
      alphabet: isMessage ? MESSAGE_ALPHABET : driverAlphabet(value),
      prefixes: isMessage ? MESSAGE_PREFIXES : [value.slice(0, Math.ceil(value.length / 2))],
      maxLength: FIELD_BOUNDS[jsonPath(path)] ?? MAX_LENGTH,
      shortLadder: DRIVER_LADDER,
      run: (input) => triager.safeTriage(withValueAt(SAMPLE_INPUT, path, input)),
    };
  });
  const ruleFields: Target[] = [
    ['id', ['id'], 'stalled-tracking'],
    ['situation', ['situation'], 'stalled_tracking'],
    ['condition path', ['conditions', 'all', 0, 'path'], '$.a.b'],
    ['wording template', ['wording', 'en'], 'Hello[[, this is {agentName}]] {carrier}'],
  ].map(([label, path, sample]) => ({
    name: `rule file ${label as string}`,
    alphabet: driverAlphabet(sample as string),
    prefixes: [(sample as string).slice(0, 3)],
    shortLadder: DRIVER_LADDER,
    run: (input: string) => {
      try {
        createTriage({ builtinRules: false, rules: [withValueAt(SAMPLE_RULE, path as (string | number)[], input)] });
      } catch {
        // INVALID_RULE is the expected outcome; only the time matters here.
      }
    },
  }));
  return [
    ...inputFields,
    ...ruleFields,
    { name: 'compileTemplate (beyond the 2,000-char schema bound)', alphabet: ['{', '}', '[', ']', 'a', ' '], prefixes: ['[[', '{a'], run: (s) => compileTemplate(s) },
    { name: 'jsonPath of one long key', alphabet: ['a', '_', '$', '-', '0', ' '], prefixes: ['a'], run: (s) => jsonPath(['x', s, 0]) },
    { name: 'plainPathResolver', alphabet: ['.', 'a', '$', '[', '?'], prefixes: ['$.', '$..'], run: (s) => plainPathResolver({ a: { b: 1 } }, s) },
  ];
};

const SAMPLE_RULE = minimalRule('sample-rule');

// ---------------------------------------------------------------------------------------------
// The check must itself catch what it is for: known-bad patterns are run first and must fail.

const KNOWN_BAD: [string, RegExp][] = [
  ['nested quantifier', /^(a+)+$/],
  ['overlapping alternation', /^(\w|\d)+$/],
  ['quadratic scan', /\s*#$/],
];

const main = async (): Promise<number> => {
  const started = performance.now();
  const { found, dynamic } = findPatterns();
  const problems: string[] = [];

  for (const [label, regex] of KNOWN_BAD) {
    const verdict = await check({ ...regexTarget(label, regex), alphabet: alphabetOf(regex.source), prefixes: literalRuns(regex.source) });
    if (!verdict.over) problems.push(`self-test: the known-bad pattern ${regex} (${label}) was not caught; the check is broken`);
    else if (VERBOSE) console.log(`self-test ok: ${regex} over budget (${verdict.worstMs.toFixed(0)} ms on ${verdict.worst})`);
  }

  const unregistered = dynamic.filter((site) => !(site.where.replace(/:\d+$/, '') in DYNAMIC_PATTERNS));
  for (const site of unregistered) {
    problems.push(`${site.where}: RegExp built from a non-literal (${site.text}); build it from the library's own constants and register the file in DYNAMIC_PATTERNS`);
  }
  const registered = (await Promise.all(Object.entries(DYNAMIC_PATTERNS).map(async ([file, get]) => (await get()).map((regex) => ({ where: `${file} (built)`, regex }))))).flat();

  const targets = [...[...found, ...registered].map(({ where, regex }) => regexTarget(`${where} ${regex}`, regex)), ...drivers()];
  let runs = 0;
  for (const target of targets) {
    const targetStart = performance.now();
    const verdict = await check(target);
    const spent = performance.now() - targetStart;
    runs += verdict.runs;
    const line = `${verdict.over ? 'OVER' : 'ok  '} ${verdict.worstMs.toFixed(1).padStart(7)} ms  ${verdict.name}`;
    if (verdict.over) problems.push(`${target.name}: ${verdict.worstMs.toFixed(0)} ms (budget ${BUDGET_MS} ms) on ${verdict.worst}`);
    if (VERBOSE || verdict.over) console.log(line + (VERBOSE ? `  [${verdict.runs} runs, ${(spent / 1000).toFixed(1)} s; worst: ${verdict.worst}]` : ''));
  }

  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`check:redos: ${found.length} pattern literal(s) in src/, ${registered.length} built pattern(s), ${targets.length - found.length - registered.length} driver(s); ${runs} runs in ${seconds} s, budget ${BUDGET_MS} ms per run`);
  for (const p of problems) console.error(`check:redos: ${p}`);
  return problems.length === 0 ? 0 : 1;
};

process.exitCode = await main();

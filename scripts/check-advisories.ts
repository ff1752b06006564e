/**
 * Known-advisory check of the production dependency tree, by version.
 *
 *   npm run check:advisories       # exits 1 when an installed production package matches an advisory
 *
 * `npm audit` cannot reach its advisory service from our machines, so this script compares what
 * `npm ls --json --all --omit=dev --long` reports against a small table of advisories looked up by
 * hand (sources beside each entry). The table is dated: re-check the sources and extend it when a
 * dependency changes or on each release. A production package with no entry in either table is an
 * error too, so a new dependency cannot slip in unreviewed.
 */
import { spawnSync } from 'node:child_process';

/** When the table below was last checked against its sources. */
export const CHECKED_ON = '2026-11-23';

interface Advisory {
  package: string;
  id: string;
  /** Affected: `introduced <= version < fixed`. */
  introduced: string;
  fixed: string;
  summary: string;
  sources: string[];
}

export const ADVISORIES: readonly Advisory[] = [
  {
    package: 'jsonpath-plus',
    id: 'CVE-2024-21534 / GHSA-pppg-cpfq-h7wr',
    introduced: '0.0.0',
    fixed: '10.2.0',
    summary: 'remote code execution through a crafted path (unsafe vm); the 10.0.0–10.1.0 fixes were bypassed',
    sources: ['https://github.com/advisories/GHSA-pppg-cpfq-h7wr', 'https://github.com/github/advisory-database/pull/5252', 'AikidoSec/intel AIKIDO-2024-10345'],
  },
  {
    package: 'jsonpath-plus',
    id: 'CVE-2025-1302 / SNYK-JS-JSONPATHPLUS-8719585',
    introduced: '0.0.0',
    fixed: '10.3.0',
    summary: "remote code execution in eval: 'safe' mode (incomplete fix of CVE-2024-21534)",
    sources: ['https://advisories.gitlab.com/pkg/npm/jsonpath-plus/', 'AikidoSec/intel AIKIDO-2025-10096'],
  },
  {
    package: 'jsonpath-plus',
    id: 'jsonpath-plus 10.4.0 fix (no CVE id found)',
    introduced: '0.0.0',
    fixed: '10.4.0',
    summary: 'remote code execution in safe eval through __lookupGetter__ / __lookupSetter__',
    sources: ['JSONPath-Plus/JSONPath commit 1bab1cc (2026-02-15), CHANGES.md 10.4.0'],
  },
  {
    package: 'jsonpath-plus',
    id: 'jsonpath-plus 11.0.0 fix (no CVE id found)',
    introduced: '0.0.0',
    fixed: '11.0.0',
    summary: "remote code execution in safe eval: Function reached through getPrototypeOf(@).constructor, and via call/apply/bind (the '10.4.1 RCE' regression tests)",
    sources: ['JSONPath-Plus/JSONPath commits 1ed2a2c "fix(eval): CVE: RCE in safe-eval" (2026-06-29) and 63993cb (2026-08-17)'],
  },
  {
    package: 'jsonpath-plus',
    id: 'jsonpath-plus 11.0.1 fix (no CVE id found)',
    introduced: '0.0.0',
    fixed: '11.0.1',
    summary: 'safe-eval bypass through nested filters',
    sources: ['jsonpath-plus CHANGES.md 11.0.1 "fix(security) nested filter bypass exploit"'],
  },
  {
    package: 'json-rules-engine',
    id: 'via jsonpath-plus (CVE-2024-21534, CVE-2025-1302)',
    introduced: '0.0.0',
    fixed: '7.3.1',
    summary: 'declares a jsonpath-plus range that admits only releases affected by CVE-2024-21534 (before 7.0.0) or CVE-2025-1302 (before 7.3.1)',
    sources: ['https://github.com/CacheControl/json-rules-engine/issues/380', 'https://github.com/CacheControl/json-rules-engine/issues/413', 'https://github.com/CacheControl/json-rules-engine/pull/414'],
  },
  {
    package: 'zod',
    id: 'CVE-2023-4316 / GHSA-m95q-7qp3-xv42',
    introduced: '3.22.0',
    fixed: '3.22.3',
    summary: 'regular-expression denial of service in email validation',
    sources: ['https://github.com/colinhacks/zod/issues/2833', 'https://github.com/github/advisory-database/pull/2814'],
  },
  {
    package: 'opencc',
    id: 'GHSA-9qh2-6fxg-9m4g',
    introduced: '0.0.0',
    fixed: '1.1.2',
    summary: 'out-of-bounds read in the native OpenCC package (not opencc-js, which we use; listed so the check is on record)',
    sources: ['https://github.com/github/advisory-database/pull/1719'],
  },
];

/** Production packages looked up with no advisory found as of CHECKED_ON (issues and advisory databases searched). */
export const NO_KNOWN_ADVISORIES: readonly string[] = [
  'date-fns',
  '@date-fns/tz',
  'opencc-js',
  'clone',
  'eventemitter2',
  'hash-it',
  'jsep',
  '@jsep-plugin/assignment',
  '@jsep-plugin/regex',
];

// ---------------------------------------------------------------------------------------------
// Versions

type Version = [number, number, number, boolean];
/** `1.2.3` and `1.2.3-beta.1` (a pre-release sorts before its release); anything else is not comparable. */
const parse = (v: string): Version | undefined => {
  const m = /^v?(\d+)\.(\d+)\.(\d+)(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$/.exec(v.trim());
  return m ? [Number(m[1]), Number(m[2]), Number(m[3]), m[4] !== undefined] : undefined;
};
const compare = (a: Version, b: Version): number =>
  a[0] - b[0] || a[1] - b[1] || a[2] - b[2] || (a[3] === b[3] ? 0 : a[3] ? -1 : 1);
const affects = (advisory: Advisory, version: string): boolean | undefined => {
  const v = parse(version);
  const lo = parse(advisory.introduced);
  const hi = parse(advisory.fixed);
  if (!v || !lo || !hi) return undefined;
  return compare(lo, v) <= 0 && compare(v, hi) < 0;
};

/** `^1.2.3`, `~1.2.3`, `1.2.3`: the versions a declared range admits, as [lowest, below]; else undefined. */
const rangeBounds = (range: string): [Version, Version] | undefined => {
  const m = /^([~^]?)(\d+)\.(\d+)\.(\d+)$/.exec(range.trim());
  if (!m) return undefined;
  const [major, minor, patch] = [Number(m[2]), Number(m[3]), Number(m[4])];
  const low: Version = [major, minor, patch, false];
  if (m[1] === '') return [low, [major, minor, patch + 1, true]];
  if (m[1] === '~' || major === 0) return [low, [major, minor + 1, 0, true]];
  return [low, [major + 1, 0, 0, true]];
};

// ---------------------------------------------------------------------------------------------
// The installed tree

interface LsNode {
  version?: string;
  /** The root's package.json `overrides` (npm does not always flag `overridden` on linked installs). */
  overrides?: Record<string, unknown>;
  missing?: boolean;
  overridden?: boolean;
  _dependencies?: Record<string, string>;
  dependencies?: Record<string, LsNode>;
}

interface Installed {
  name: string;
  version: string;
  /** `a@1 > b@2 > name@3` */
  via: string;
  overridden: boolean;
  declared: string | undefined;
}

const readTree = (): LsNode => {
  const ls = spawnSync('npm', ['ls', '--json', '--all', '--omit=dev', '--long'], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  // npm ls exits non-zero on tree problems (extraneous packages, linked folders) but still prints the tree.
  try {
    return JSON.parse(ls.stdout) as LsNode;
  } catch {
    throw new Error(`npm ls printed no JSON (exit ${ls.status}): ${ls.stderr.slice(0, 500)}`);
  }
};

/** Production packages only: from package.json's dependencies, along each package's own declared dependencies. */
const walk = (root: LsNode): Installed[] => {
  const out: Installed[] = [];
  const overridden = new Set(Object.keys(root.overrides ?? {}));
  const visit = (parent: LsNode, via: string, seen: ReadonlySet<string>): void => {
    for (const [name, declared] of Object.entries(parent._dependencies ?? {})) {
      const node = parent.dependencies?.[name];
      if (!node || node.missing || node.version === undefined) continue;
      const id = `${name}@${node.version}`;
      out.push({ name, version: node.version, via: via === '' ? id : `${via} > ${id}`, overridden: node.overridden === true || overridden.has(name), declared });
      if (!seen.has(id)) visit(node, via === '' ? id : `${via} > ${id}`, new Set([...seen, id]));
    }
  };
  visit(root, '', new Set());
  return out;
};

/** The comparison must flag what users of json-rules-engine 7.3.1 resolve to without an override. */
const selfTest = (): string[] => {
  const flagged = ADVISORIES.filter((a) => a.package === 'jsonpath-plus' && affects(a, '10.4.0'));
  const clean = ADVISORIES.filter((a) => a.package === 'jsonpath-plus' && affects(a, '11.3.0'));
  return flagged.length === 2 && clean.length === 0 ? [] : [`self-test: jsonpath-plus 10.4.0 matched ${flagged.length} advisories (want 2), 11.3.0 matched ${clean.length} (want 0)`];
};

const main = (): number => {
  const installed = walk(readTree());
  const problems: string[] = selfTest();
  const notes: string[] = [];
  const reviewed = new Set([...NO_KNOWN_ADVISORIES, ...ADVISORIES.map((a) => a.package)]);

  for (const pkg of installed) {
    if (!reviewed.has(pkg.name)) problems.push(`${pkg.via}: not reviewed; look it up and add it to ADVISORIES or NO_KNOWN_ADVISORIES`);
    for (const advisory of ADVISORIES.filter((a) => a.package === pkg.name)) {
      const hit = affects(advisory, pkg.version);
      if (hit === undefined) problems.push(`${pkg.via}: version not comparable with ${advisory.id}`);
      else if (hit) problems.push(`${pkg.via}: ${advisory.id} (fixed in ${advisory.fixed}): ${advisory.summary}`);
    }
    // An override fixes our own install only; users of the published package get the declared range.
    const bounds = pkg.overridden && pkg.declared !== undefined ? rangeBounds(pkg.declared) : undefined;
    if (pkg.overridden) {
      const reaching = bounds ? ADVISORIES.filter((a) => a.package === pkg.name && compare(bounds[0], parse(a.fixed)!) < 0) : [];
      notes.push(
        `${pkg.via} is overridden here; its parent declares ${pkg.name}@${pkg.declared ?? '?'}` +
          (reaching.length > 0 ? `, which lets users of the published package install versions before the fixes in ${reaching.map((a) => a.fixed).join(', ')} (${reaching.map((a) => a.id).join('; ')}); our defence there is the plain path resolver and the PlainPath schema` : ''),
      );
    }
  }

  const unique = [...new Set(installed.map((p) => `${p.name}@${p.version}`))].sort();
  console.log(`check:advisories: ${unique.length} production package(s) against ${ADVISORIES.length} advisories checked on ${CHECKED_ON}`);
  console.log(`  ${unique.join(', ')}`);
  for (const note of notes) console.log(`note: ${note}`);
  for (const problem of problems) console.error(`check:advisories: ${problem}`);
  return problems.length === 0 ? 0 : 1;
};

process.exitCode = main();

import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Engine } from 'json-rules-engine';
import { afterAll, describe, expect, it } from 'vitest';
import { createTriage, TriageError, type TriageIssue } from '../src/index.js';
import { plainPathResolver, ReferenceEvaluator } from '../src/engine/reference.js';
import { MAX_JSON_DEPTH } from '../src/rules/load.js';
import { minimalRule } from './support/rules.js';

const ruleIssues = (make: () => unknown): TriageIssue[] => {
  try {
    make();
  } catch (error) {
    expect(error).toBeInstanceOf(TriageError);
    expect((error as TriageError).code).toBe('INVALID_RULE');
    return [...(error as TriageError).issues];
  }
  throw new Error('expected INVALID_RULE');
};

const nestedAll = (levels: number): unknown => {
  let node: unknown = { fact: 'paid', operator: 'equal', value: true };
  for (let i = 0; i < levels; i++) node = { all: [node] };
  return node;
};

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
const ruleDir = (files: Record<string, string>): string => {
  const dir = mkdtempSync(join(tmpdir(), 'triage-rules-'));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
};

describe('broken rule files are INVALID_RULE naming the file and path, never a crash', () => {
  it('reports a file that is not JSON, with its name', () => {
    const dir = ruleDir({ 'broken-rule.json': '{ "id": "broken-rule", ', 'good-rule.json': JSON.stringify(minimalRule('good-rule')) });
    const issues = ruleIssues(() => createTriage({ ruleDirs: [dir] }));
    expect(issues).toEqual([expect.objectContaining({ file: join(dir, 'broken-rule.json'), path: '$', code: 'invalid_json' })]);
  });

  it('follows a linked rule file and a linked folder: a rule shared by link is read, not skipped', () => {
    const shared = ruleDir({ 'broken-rule.json': '{ "id": ' });
    mkdirSync(join(shared, 'area'));
    writeFileSync(join(shared, 'area', 'also-broken.json'), '[');
    const dir = ruleDir({ 'good-rule.json': JSON.stringify(minimalRule('good-rule')) });
    symlinkSync(join(shared, 'broken-rule.json'), join(dir, 'linked-rule.json'));
    symlinkSync(join(shared, 'area'), join(dir, 'linked-area'));
    // a link back up the tree is walked once, not forever
    symlinkSync(dir, join(dir, 'linked-area-loop'));
    const issues = ruleIssues(() => createTriage({ ruleDirs: [dir] }));
    expect(issues).toEqual([
      expect.objectContaining({ file: join(dir, 'linked-area', 'also-broken.json'), code: 'invalid_json' }),
      expect.objectContaining({ file: join(dir, 'linked-rule.json'), code: 'invalid_json' }),
    ]);
  });

  it('reports a linked rule file that points nowhere as unreadable, with its name', () => {
    const dir = ruleDir({ 'good-rule.json': JSON.stringify(minimalRule('good-rule')) });
    symlinkSync(join(dir, 'gone.json'), join(dir, 'dangling-rule.json'));
    const issues = ruleIssues(() => createTriage({ ruleDirs: [dir] }));
    expect(issues).toEqual([expect.objectContaining({ file: join(dir, 'dangling-rule.json'), path: '$', code: 'unreadable' })]);
  });

  it.each([17, 1_000, 5_000, 100_000])('rejects conditions nested %i levels deep (zod alone overflows the stack at ~1,000)', (levels) => {
    const rule = { ...minimalRule('deep-rule'), conditions: { all: [nestedAll(levels)] } };
    const issues = ruleIssues(() => createTriage({ rules: [rule] }));
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ file: '<rules[0]>', code: 'too_deep' });
  });

  it('rejects a deep shared condition in a conditions catalogue', () => {
    const issues = ruleIssues(() => createTriage({ conditions: { conditions: { 'very-deep': { all: [nestedAll(5_000)] } } } }));
    expect(issues).toEqual([expect.objectContaining({ file: '<conditions>', code: 'too_deep' })]);
  });

  it('rejects a chain of 1,500 shared conditions, each using the next, at the first one too deep (not a stack overflow)', () => {
    const chain: Record<string, unknown> = { c1500: { all: [{ fact: 'paid', operator: 'equal', value: true }] } };
    for (let i = 0; i < 1500; i++) chain[`c${i}`] = { all: [{ condition: `c${i + 1}` }] };
    const rule = { ...minimalRule('chained'), conditions: { all: [{ condition: 'c0' }] } };
    const issues = ruleIssues(() => createTriage({ conditions: { conditions: chain }, rules: [rule] }));
    expect(issues).toContainEqual(expect.objectContaining({ file: '<conditions>', path: '$.conditions.c0', code: 'too_deep' }));
    expect(issues).toContainEqual(expect.objectContaining({ file: '<rules[0]>', path: '$.conditions', code: 'too_deep' }));
  });

  it('rejects shared conditions that each use the previous one twice once they expand past 2,000 conditions, in linear time', () => {
    const doubling: Record<string, unknown> = { d0: { all: [{ fact: 'paid', operator: 'equal', value: true }] } };
    for (let i = 1; i <= 40; i++) doubling[`d${i}`] = { any: [{ condition: `d${i - 1}` }, { condition: `d${i - 1}` }] };
    const issues = ruleIssues(() => createTriage({ conditions: { conditions: doubling } }));
    // 2^11 = 2,048 conditions: d11 is the first too large, and every later one is too
    expect(issues.map((i) => i.path)).toEqual(Array.from({ length: 30 }, (_, k) => `$.conditions.d${k + 11}`));
    expect(issues.every((i) => i.code === 'too_large')).toBe(true);
  });

  it('loads a readable chain of shared conditions (30 deep, a few used twice)', () => {
    const chain: Record<string, unknown> = { c30: { all: [{ fact: 'paid', operator: 'equal', value: true }] } };
    for (let i = 0; i < 30; i++) chain[`c${i}`] = { all: [{ condition: `c${i + 1}` }, ...(i % 10 === 0 ? [{ condition: `c${i + 1}` }] : [])] };
    const rule = { ...minimalRule('chained'), conditions: { all: [{ condition: 'c0' }] } };
    expect(() => createTriage({ conditions: { conditions: chain }, rules: [rule] })).not.toThrow();
  });

  it.each(['compiled', 'reference'] as const)('rejects a shared condition that refers to itself at load with the %s evaluator, even when no rule uses it', (evaluator) => {
    const issues = ruleIssues(() => createTriage({ evaluator, conditions: { conditions: { loop: { all: [{ fact: 'paid', operator: 'equal', value: true }, { not: { condition: 'loop' } }] } } } }));
    expect(issues).toEqual([expect.objectContaining({ file: '<conditions>', path: '$.conditions.loop', code: 'condition_cycle', message: expect.stringContaining('loop → loop') })]);
  });

  it('reads a 5,000-deep rule file from disk into the same error', () => {
    // Written by hand: JSON.stringify itself overflows on such a value.
    const leaf = JSON.stringify({ fact: 'paid', operator: 'equal', value: true });
    const conditions = `{"all":[${'{"all":['.repeat(5_000)}${leaf}${']}'.repeat(5_000)}]}`;
    const text = JSON.stringify(minimalRule('deep-rule')).replace(/"conditions":\{.*?\]\}/, `"conditions":${conditions}`);
    const dir = ruleDir({ 'deep-rule.json': text });
    expect(ruleIssues(() => createTriage({ ruleDirs: [dir] }))).toEqual([expect.objectContaining({ code: 'too_deep' })]);
  });

  it('rejects a rule object that contains itself (objects passed from code)', () => {
    const rule = minimalRule('cyclic-rule') as { conditions: { all: unknown[] } };
    const loop: { all: unknown[] } = { all: [] };
    loop.all.push(loop);
    rule.conditions.all.push(loop);
    expect(ruleIssues(() => createTriage({ rules: [rule] }))).toEqual([expect.objectContaining({ code: 'too_deep' })]);
  });

  it('keeps a readable depth loadable', () => {
    const rule = { ...minimalRule('nested-rule'), conditions: { all: [nestedAll(12)] } };
    expect(() => createTriage({ rules: [rule] })).not.toThrow();
    expect(MAX_JSON_DEPTH).toBeGreaterThan(2 * 12 + 4);
  });
});

describe('rule files cannot run code', () => {
  // The payload of jsonpath-plus's own regression test for its 2026 safe-eval RCE.
  const MARK = '__triage_rce_probe__';
  const exploit = `$..[?(@.constructor[( @.getPrototypeOf(@).constructor('globalThis.${MARK}="RCE";0')() )])]`;

  it('rejects a jsonpath-plus filter expression as a condition path at load', () => {
    const rule = { ...minimalRule('path-rule'), conditions: { all: [{ fact: 'paid', operator: 'equal', value: true, path: exploit }] } };
    const issues = ruleIssues(() => createTriage({ rules: [rule] }));
    expect(issues.map((i) => i.path)).toEqual(['$.conditions.all[0].path']);
  });

  it.each(['$..a', '$.a[0]', "$['a']", '$.*', 'a.b', '$.a.', '$.a b'])('rejects the non-plain path %j', (path) => {
    const rule = { ...minimalRule('path-rule'), conditions: { all: [{ fact: 'paid', operator: 'equal', value: true, path }] } };
    expect(ruleIssues(() => createTriage({ rules: [rule] })).map((i) => i.path)).toEqual(['$.conditions.all[0].path']);
  });

  it('rejects operators that would compile a pattern (none exists) and unknown ones', () => {
    for (const operator of ['regex', 'matches', 'like']) {
      const rule = { ...minimalRule('op-rule'), conditions: { all: [{ fact: 'carrier', operator, value: '.*' }] } };
      // zod reports a union that matched no branch at the union: the condition tree.
      const paths = ruleIssues(() => createTriage({ rules: [rule] })).map((i) => i.path);
      expect(paths.length).toBeGreaterThan(0);
      expect(paths.every((p) => p.startsWith('$.conditions'))).toBe(true);
    }
  });

  it('resolves paths as plain own properties and never evaluates them', () => {
    expect(plainPathResolver({ a: { b: 2 } }, '$.a.b')).toBe(2);
    expect(plainPathResolver({ a: {} }, '$.a.constructor')).toBeUndefined();
    expect(plainPathResolver({ a: {} }, '$.__proto__')).toBeUndefined();
    expect(plainPathResolver({ a: { b: 2 } }, exploit)).toBeUndefined();
    expect(MARK in globalThis).toBe(false);
  });

  it('gives json-rules-engine the plain resolver, so a path that skipped validation is looked up, not run', async () => {
    const { ruleSet } = createTriage();
    // A rule set built without loadRuleSet; the engine is the last line of defence.
    const engine = (new ReferenceEvaluator(ruleSet) as unknown as { build(): Engine }).build();
    engine.addRule({ name: 'probe', priority: 999, conditions: { all: [{ fact: 'probe', operator: 'equal', value: 1, path: exploit }] }, event: { type: 'probe' } });
    // jsonpath-plus would evaluate the filter (and, before 11.0.1, could run it); ours finds no such key.
    const { results } = await engine.run({ ...(await probeFacts()), probe: { a: 1 } });
    expect(results.map((r) => r.name)).not.toContain('probe');
    expect(MARK in globalThis).toBe(false);
  });
});

const probeFacts = async (): Promise<Record<string, unknown>> =>
  (await createTriage().triage({ now: '2026-11-12T10:00:00+08:00', order: { status: 'paid', amount: 1 } })).explanation.facts;

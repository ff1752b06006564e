import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run, type CliIo } from '../src/cli/run.js';
import { createTriage } from '../src/index.js';
import { explainTriage } from '../src/explain/explain.js';
import { loadFixtures } from './support/fixtures.js';

const STALLED = 'fixtures/logistics/stalled-tracking/no-update-for-three-days.json';

const cli = async (...argv: string[]): Promise<{ code: number; out: string; err: string }> => {
  let out = '';
  let err = '';
  const io: CliIo = { out: (t) => (out += `${t}\n`), err: (t) => (err += `${t}\n`) };
  const code = await run(argv, io);
  return { code, out, err };
};

describe('after-sales-triage validate <dir>', () => {
  it('exits 1 and lists each error under its file with the JSON path', async () => {
    const { code, out } = await cli('validate', 'test/data/broken-rules');
    expect(code).toBe(1);
    expect(out).toMatch(/^test\/data\/broken-rules: 4 errors/);
    expect(out).toContain('test/data/broken-rules/refunds/vip-refund.json\n  error   $.conditions.all[0].fact  unknown value "refundReasn"');
    expect(out).toContain('did you mean "refundReason"?');
    expect(out).toContain('$.checks[1]  unknown check "offer_vip_coupon"');
  });

  it('exits 0 and prints the warnings of a valid directory', async () => {
    const { code, out } = await cli('validate', 'test/data/shadowed-rules');
    expect(code).toBe(0);
    expect(out).toMatch(/^test\/data\/shadowed-rules: valid, 1 warning/);
    expect(out).toContain('test/data/shadowed-rules/refunds/late-refund.json\n  warning $.conditions  never decides: rule "refund-reason-penalty"');
  });

  it('exits 0 for a clean directory', async () => {
    const { code, out } = await cli('validate', 'test/data/shop-rules');
    expect(code).toBe(0);
    expect(out).toContain('valid, 0 warnings (1 shop rule');
  });

  it('reports as JSON with --json', async () => {
    const { code, out } = await cli('validate', 'test/data/broken-rules', '--json');
    expect(code).toBe(1);
    expect(JSON.parse(out)).toMatchObject({ ok: false, errors: expect.arrayContaining([expect.objectContaining({ path: '$.id', code: 'id_mismatch' })]) });
  });

  it('exits 1 for a directory that does not exist, and 2 without one', async () => {
    expect((await cli('validate', 'test/data/no-such-dir')).code).toBe(1);
    expect((await cli('validate')).code).toBe(2);
  });
});

describe('after-sales-triage explain <input.json>', () => {
  it('prints what the README excerpt shows, line for line', async () => {
    const readme = readFileSync('README.md', 'utf8');
    const block = /```text\n\$ npx after-sales-triage explain (\S+)\n([\s\S]*?)```/.exec(readme);
    expect(block).not.toBeNull();
    const { out } = await cli('explain', block![1]!);
    const shown = block![2]!.split('\n').filter((line) => line !== '' && line !== '…');
    expect(shown.length).toBeGreaterThan(5);
    for (const line of shown) expect(out.split('\n')).toContain(line);
  });


  it('lists every rule in the order tried, marks the one that decided, and says why the others failed', async () => {
    const { code, out } = await cli('explain', STALLED);
    expect(code).toBe(0);
    const ruleLines = out.split('\n').filter((l) => /^[✓✗] /.test(l));
    expect(ruleLines).toHaveLength(createTriage().ruleSet.rules.length);
    expect(out).toMatch(/^Decided {2}stalled-tracking → stalled_tracking \(priority 55/);
    expect(out).toMatch(/✓ {3}55 stalled-tracking → stalled_tracking .*← decided/);
    expect(out).toContain('failed: hoursSinceLastEvent = 72, lessThan stallThresholdHours (48)   $.conditions.all[4]');
    expect(out).toContain('hoursSinceLastEvent = 72, greaterThanInclusive stallThresholdHours (48)');
  });

  it('prints every condition tree with --all, and the traces as JSON with --json', async () => {
    expect((await cli('explain', STALLED, '--all')).out).toContain('✓ condition "delivery-concern"');
    const traces = JSON.parse((await cli('explain', STALLED, '--json')).out) as { rule: string; decided: boolean }[];
    expect(traces.filter((t) => t.decided).map((t) => t.rule)).toEqual(['stalled-tracking']);
  });

  it('takes shop rule directories', async () => {
    const { out } = await cli('explain', STALLED, '--rules', 'test/data/shop-rules');
    expect(out).toContain('high-value-stall → high_value_stall  test/data/shop-rules/logistics/high-value-stall.json');
    expect(out).toContain('failed: orderAmount = 259, greaterThanInclusive 1000');
  });

  it('agrees with triage on which rules fire, for every fixture', async () => {
    const triager = createTriage();
    for (const { name, fixture } of loadFixtures()) {
      const { result, rules } = await explainTriage(triager, fixture.input as never);
      const fired = [result.explanation.decidedBy.rule, ...result.explanation.alsoMatched.map((m) => m.rule)];
      expect(rules.filter((r) => r.fired).map((r) => r.rule), name).toEqual(fired);
      expect(rules.find((r) => r.decided)?.rule, name).toBe(result.explanation.decidedBy.rule);
    }
  });
});

describe('after-sales-triage <input.json>', () => {
  it('still triages one file', async () => {
    const { code, out } = await cli(STALLED, '--locale', 'en');
    expect(code).toBe(0);
    expect(out).toContain('Situation    stalled_tracking (logistics)');
  });

  it('reads an input file that starts with a byte-order mark (as editors on Windows save it)', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'triage-bom-')), 'stalled.json');
    writeFileSync(file, `\uFEFF${readFileSync(STALLED, 'utf8')}`);
    const { code, out } = await cli(file);
    expect(code).toBe(0);
    expect(out).toContain('stalled_tracking');
  });

  it.each([['an array', '[]'], ['null', 'null'], ['a string', '"order"']])('with --locale, reports input that is %s as no object, at $', async (_, json) => {
    const dir = mkdtempSync(join(tmpdir(), 'triage-cli-'));
    const file = join(dir, 'not-an-object.json');
    writeFileSync(file, json);
    const { code, err } = await cli(file, '--locale', 'en');
    expect(code).toBe(1);
    expect(err).toMatch(/INVALID_INPUT/);
    expect(err).toMatch(/\$: .*object/i);
    expect(err.match(/\[after-sales-triage\]/g)).toHaveLength(1);
  });

  it('exits 2 on a usage error and 1 on an input file it cannot read', async () => {
    expect((await cli(STALLED, '--locale', 'fr')).code).toBe(2);
    expect((await cli('--bogus')).code).toBe(2);
    expect((await cli('test/data/missing.json')).code).toBe(1);
  });
});

describe.runIf(existsSync('dist/cli.js'))('the built CLI (dist/cli.js)', () => {
  it('sets the exit code of validate', () => {
    const broken = spawnSync(process.execPath, ['dist/cli.js', 'validate', 'test/data/broken-rules'], { encoding: 'utf8' });
    expect(broken.status).toBe(1);
    expect(broken.stdout).toContain('4 errors');
    expect(spawnSync(process.execPath, ['dist/cli.js', 'validate', 'test/data/shop-rules']).status).toBe(0);
  });
});

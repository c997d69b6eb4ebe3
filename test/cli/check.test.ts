/** Spawns the real CLI (node bin/liveproof.mjs) with real stdin. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { fixtureSources } from '../analyze/fixture';

const ROOT = resolve(import.meta.dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'liveproof.mjs');
let lexDir = '';

function cli(args: string[], input: string, env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    input,
    encoding: 'utf8',
    cwd: ROOT,
    env: { ...process.env, ...env, FORCE_COLOR: '0' },
    timeout: 60_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(() => {
  lexDir = mkdtempSync(join(tmpdir(), 'liveproof-cli-'));
  for (const f of fixtureSources()) writeFileSync(join(lexDir, f.path.split('/').pop()!), f.text);
  writeFileSync(join(lexDir, 'renames.json'), '{}\n');
  // compile once (also exercises the on-the-fly compile path)
  const r = cli(['check', '--lexicons', lexDir], '最好\n');
  expect(r.code).toBe(0);
}, 60_000);

describe('liveproof check --jsonl', () => {
  it('answers every line in order, errors in place, exit 1 at the end', () => {
    const input = [
      JSON.stringify({ id: 'a', text: '全网最低价' }),
      '',
      'not json',
      JSON.stringify({ id: 7, text: '第一次来，原价199元', context: { productCategory: 'general_goods' } }),
      JSON.stringify({ id: 'c', text: 42 }),
      JSON.stringify({ id: 'd', text: '國家級 加 微 信' }),
      JSON.stringify({ id: 'e', text: '最佳赏味期' }),
      JSON.stringify({ id: 'f', text: '吃了能降血糖', context: { productCategory: 'nonsense' } }),
    ].join('\n');
    const r = cli(['check', '--jsonl', '--lexicons', lexDir], `${input}\n`);
    expect(r.code).toBe(1);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(8);
    const out = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(out[0]).toEqual({
      id: 'a',
      findings: [
        {
          ruleId: 'price.lowest_whole_net',
          category: 'price_fraud',
          severity: 'high',
          start: 0,
          end: 5,
          match: '全网最低价',
          legalBasis: '明码标价和禁止价格欺诈规定第19条',
        },
        {
          ruleId: 'abs.zui_superlative',
          category: 'absolute_terms',
          severity: 'medium',
          start: 2,
          end: 5,
          match: '最低价',
          legalBasis: '广告法第9条第3项；广告法第57条',
        },
      ],
    });
    expect(Object.keys((out[0]!.findings as object[])[0]!)).toEqual([
      'ruleId',
      'category',
      'severity',
      'start',
      'end',
      'match',
      'legalBasis',
    ]);
    expect(out[1]).toEqual({ id: null, error: expect.stringMatching(/^line 2: /) });
    expect(out[2]).toEqual({ id: null, error: expect.stringMatching(/^line 3: invalid JSON/) });
    expect(out[3]).toEqual({
      id: 7,
      findings: [expect.objectContaining({ ruleId: 'price.original_price', match: '原价199元', start: 5, end: 11 })],
    });
    expect(out[4]).toEqual({ id: null, error: expect.stringMatching(/^line 5: .*text/) });
    const d = out[5] as { findings: { ruleId: string; match: string }[] };
    expect(d.findings.map((f) => [f.ruleId, f.match])).toEqual([
      ['abs.state_level', '國家級'],
      ['off.add_wechat', '加 微 信'],
    ]);
    expect(out[6]).toEqual({ id: 'e', findings: [] }); // exempt_candidate is not reported
    expect(out[7]).toEqual({ id: null, error: expect.stringMatching(/^line 8: .*productCategory/) });
  });

  it('exit 0 when every line is well-formed; CRLF tolerated; comment channel respected', () => {
    const input =
      `${JSON.stringify({ id: 1, text: '这款是最好的' })}\r\n` +
      `${JSON.stringify({ id: 2, text: '这款是最好的', context: { channel: 'comment' } })}\n`;
    const r = cli(['check', '--jsonl', '--lexicons', lexDir], input);
    expect(r.code).toBe(0);
    const out = r.stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as { id: number; findings: unknown[] });
    expect(out.map((o) => [o.id, o.findings.length])).toEqual([
      [1, 1],
      [2, 0],
    ]);
  });

  it('runs against the real lexicons directory', () => {
    const r = cli(['check', '--jsonl'], `${JSON.stringify({ id: 'x', text: '你好' })}\n`);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ id: 'x', findings: [] });
  });
});

describe('liveproof check (readable)', () => {
  it('highlights hits with 【】 when not a TTY and prints rule, severity, basis, explanation', () => {
    const r = cli(['check', '--lexicons', lexDir], '这款是最好的\n普通的一句话\n第一次来\n');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('<stdin>:1: 这款是【最好】的');
    expect(r.stdout).toContain('abs.zui_superlative');
    expect(r.stdout).toContain('medium');
    expect(r.stdout).toContain('suspected');
    expect(r.stdout).toContain('广告法第9条第3项；广告法第57条');
    expect(r.stdout).toContain('绝对化用语');
    expect(r.stdout).not.toContain('<stdin>:2');
    expect(r.stdout).not.toContain('<stdin>:3');
    expect(r.stdout).not.toContain('\x1b[');
  });

  it('reads files', () => {
    const dir = mkdtempSync(join(tmpdir(), 'liveproof-in-'));
    const f = join(dir, 'captions.txt');
    writeFileSync(f, '没问题\n國家級品質\n');
    const r = cli(['check', '--lexicons', lexDir, f], '');
    expect(r.stdout).toContain(`${f}:2: 【國家級】品質`);
  });
});

describe('dispatcher', () => {
  it('unknown subcommand → usage, exit 2', () => {
    const r = cli(['frobnicate'], '');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('usage: liveproof');
  });
  it('no subcommand → usage, exit 2', () => {
    expect(cli([], '').code).toBe(2);
  });
  it('unknown option → exit 2', () => {
    expect(cli(['check', '--bogus', '--lexicons', lexDir], '').code).toBe(2);
  });
  it('a malformed lexicon file fails with path, line and rule id', () => {
    const dir = mkdtempSync(join(tmpdir(), 'liveproof-bad-'));
    const src = fixtureSources()[0]!;
    const o = JSON.parse(src.text) as { rules: Record<string, unknown>[] };
    o.rules[1]!.severity = 'extreme';
    writeFileSync(join(dir, 'absolute_terms.json'), JSON.stringify(o, null, 2));
    const r = cli(['check', '--lexicons', dir], '最好\n');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/absolute_terms\.json:\d+:\d+ \(rule abs\.first_only\)/);
  });
});

describe('npm run lexicon:compile script', () => {
  it('fails with exit 1 and the LexiconError message', () => {
    const dir = mkdtempSync(join(tmpdir(), 'liveproof-bad2-'));
    writeFileSync(join(dir, 'absolute_terms.json'), '{"category": "absolute_terms", "rules": [ {"id": "abs.x",, } ]}');
    const r = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts', 'compile-lexicon.ts'), dir], {
      encoding: 'utf8',
      cwd: ROOT,
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/absolute_terms\.json:1:\d+ \(rule abs\.x\): invalid JSON/);
  });
});

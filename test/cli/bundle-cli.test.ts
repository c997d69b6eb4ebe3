/** Spawns the real CLI (node bin/liveproof.mjs) on real bundle files built from a real (fake-indexeddb) store. */
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { readBundle } from '../../lib/bundle/read';
import type { LiveProofDb } from '../../lib/evidence/db';
import { exportBundle } from '../../lib/evidence/export';
import { standardStore } from '../bundle/fixture';
import { members, repack } from '../bundle/tamper';

const ROOT = resolve(import.meta.dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'liveproof.mjs');

function cli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done, reject) => {
    const p = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env: { ...process.env, FORCE_COLOR: '0' }, timeout: 60_000 });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
    p.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    p.on('error', reject);
    p.on('close', (code) => done({ code, stdout, stderr }));
  });
}

let dir = '';
let db: LiveProofDb;
let A = '';
let B = '';
let zipA: Uint8Array;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'liveproof-bundle-'));
  const store = await standardStore();
  db = store.db;
  zipA = (await exportBundle(db, { snapshotIds: [store.ids[0]!, store.ids[1]!] }, { now: new Date('2026-11-23T12:30:00Z') })).bytes;
  const zipB = (await exportBundle(db, { snapshotIds: [store.ids[1]!, store.ids[2]!, store.otherIds[0]!] }, { now: new Date('2026-11-23T13:00:00Z') })).bytes;
  A = join(dir, 'a.zip');
  B = join(dir, 'b.zip');
  writeFileSync(A, zipA);
  writeFileSync(B, zipB);
});
afterAll(() => db.delete());

describe('liveproof verify', () => {
  test('exit 0 on a good bundle, with what was checked', async () => {
    const r = await cli(['verify', A]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^OK .*a\.zip\n/);
    expect(r.stdout).toMatch(/2 record\(s\), 2 screenshot\(s\)/);
    expect(r.stdout).toMatch(/manifest sha256 [0-9a-f]{64}/);
  });

  test('one flipped byte in ANY member: exit 1 naming that member', async () => {
    const ms = members(zipA);
    const results = await Promise.all(
      ms.map(async ([name], i) => {
        const file = join(dir, `flip-${i}.zip`);
        writeFileSync(
          file,
          repack(
            ms.map(([n, d]): [string, Uint8Array] => {
              if (n !== name) return [n, d];
              const c = d.slice();
              c[c.length >> 1]! ^= 0x20;
              return [n, c];
            }),
          ),
        );
        return { name, r: await cli(['verify', file]) };
      }),
    );
    for (const { name, r } of results) {
      expect({ name, code: r.code }).toEqual({ name, code: 1 });
      expect(r.stderr).toContain(`: ${name}: `);
    }
    const shot = results.find((x) => x.name.startsWith('screenshots/'))!;
    expect(shot.r.stderr).toMatch(/screenshots\/[0-9a-f]{64}\.png: SHA-256 mismatch\n$/);
  }, 120_000);

  test('exit 2 for usage errors', async () => {
    expect((await cli(['verify'])).code).toBe(2);
    expect((await cli(['verify', A, B])).code).toBe(2);
    expect((await cli(['verify', '--bogus', A])).code).toBe(2);
    const missing = await cli(['verify', join(dir, 'nope.zip')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/cannot read .*nope\.zip: ENOENT/);
  });

  test('by hand: sha256sum -c SHA256SUMS passes on the unzipped bundle, and fails on an edited file', () => {
    const out = join(dir, 'unzipped');
    for (const [name, data] of members(zipA)) {
      mkdirSync(dirname(join(out, name)), { recursive: true });
      writeFileSync(join(out, name), data);
    }
    const ok = spawnSync('sha256sum', ['-c', 'SHA256SUMS'], { cwd: out, encoding: 'utf8' });
    expect(ok.status).toBe(0);
    expect(ok.stdout).toContain('manifest.json: OK');
    expect(ok.stdout.trim().split('\n')).toHaveLength(members(zipA).length - 1);
    writeFileSync(join(out, 'complaint.txt'), 'edited');
    const bad = spawnSync('sha256sum', ['-c', 'SHA256SUMS'], { cwd: out, encoding: 'utf8' });
    expect(bad.status).toBe(1);
    expect(bad.stdout).toContain('complaint.txt: FAILED');
  });

  test('a truncated file: exit 1, not a crash', async () => {
    const file = join(dir, 'trunc.zip');
    writeFileSync(file, zipA.slice(0, zipA.length - 100));
    const r = await cli(['verify', file]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^FAILED .*trunc\.zip: .*(truncated|not a ZIP)/);
  });
});

describe('liveproof merge and summary', () => {
  test('merge dedupes, keeps provenance, verifies and says what it merged; the output verifies with verify', async () => {
    const out = join(dir, 'merged.zip');
    const r = await cli(['merge', A, B, '-o', out]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/merged 2 bundle\(s\) into .*merged\.zip/);
    expect(r.stdout).toMatch(/4 record\(s\) \(1 duplicate\(s\) removed\), 2 chain segment\(s\)/);
    const m = await readBundle(new Uint8Array(readFileSync(out)));
    expect(m.ok && m.manifest.provenance.sources.length).toBe(2);
    expect((await cli(['verify', out])).code).toBe(0);
    expect((await cli(['merge', A, B])).code).toBe(2);
    expect((await cli(['merge', A, '-o', A])).code).toBe(2);
    const bad = join(dir, 'bad.zip');
    writeFileSync(bad, zipA.slice(0, 50));
    const r2 = await cli(['merge', A, bad, '-o', join(dir, 'x.zip')]);
    expect(r2.code).toBe(1);
    expect(r2.stderr).toMatch(/FAILED .*bad\.zip/);
  }, 60_000);

  test('summary counts; --csv starts with the UTF-8 BOM', async () => {
    const t = await cli(['summary', A, B]);
    expect(t.code).toBe(0);
    expect(t.stdout).toMatch(/^2 bundle\(s\), 4 record\(s\), 4 finding\(s\)/);
    expect(t.stdout).toMatch(/3 {2}抖音 \(douyin\)/);
    const c = await cli(['summary', '--csv', A, B]);
    expect(c.code).toBe(0);
    expect(c.stdout.startsWith('\uFEFF维度 Dimension,值 Value,问题数 Findings\r\n')).toBe(true);
    expect(c.stdout).toContain('shop,老王百货,1\r\n');
    expect((await cli(['summary'])).code).toBe(2);
  }, 60_000);
});

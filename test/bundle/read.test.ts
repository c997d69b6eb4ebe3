import { unzipSync, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildBundle } from '../../lib/bundle/build';
import { readBundle, type ReadOk } from '../../lib/bundle/read';
import { canonicalJson, hashRecord } from '../../lib/evidence/hash';
import type { LiveProofDb } from '../../lib/evidence/db';
import { collectBundleInput } from '../../lib/evidence/export';
import { standardStore } from './fixture';
import { dec, editManifest, enc, members, repack } from './tamper';

let db: LiveProofDb;
let ids: string[];
let zip: Uint8Array;
const NOW = new Date('2026-11-23T12:30:00Z');

beforeAll(async () => {
  ({ db, ids } = await standardStore());
  zip = await buildBundle(await collectBundleInput(db, { sessionKey: 's1' }, { now: NOW, exportedBy: '张三' }));
});
afterAll(() => db.delete());

async function ok(bytes: Uint8Array): Promise<ReadOk> {
  const r = await readBundle(bytes);
  if (!r.ok) throw new Error(`${r.error.path}: ${r.error.reason}`);
  return r;
}
async function failure(bytes: Uint8Array) {
  const r = await readBundle(bytes);
  expect(r.ok).toBe(false);
  return (r as { ok: false; error: { path?: string; reason: string } }).error;
}

describe('a built bundle', () => {
  test('reads back: records exactly as stored and hashed, screenshots, chain segment to the head', async () => {
    const r = await ok(zip);
    expect(r.records.map((x) => x.recordId).sort()).toEqual([...ids].sort());
    for (const rec of r.records) {
      const row = await db.snapshots.get(rec.recordId);
      expect(rec.content).toEqual(row!.content);
      const link = await db.chain.where('recordId').equals(rec.recordId).first();
      expect(rec.contentHash).toBe(link!.contentHash);
      expect(await hashRecord(rec.content)).toBe(link!.contentHash);
      expect(dec.decode(r.files.get(`evidence/${rec.recordId}.json`)!)).toBe(canonicalJson(row!.content));
    }
    expect(r.screenshots.size).toBe(2);
    const [seg] = r.manifest.segments;
    const head = (await db.meta.get('head'))!.value as { seq: number; hash: string };
    expect(seg!.anchor).toEqual({ prevHash: '0'.repeat(64), headSeq: head.seq, headHash: head.hash });
    // the other session's snapshot is in the segment as a link only
    expect(seg!.links).toHaveLength(4);
    expect(r.manifest.provenance).toEqual({ method: 'export', exportedBy: '张三', sources: [] });
    expect(r.manifest.versions.lexicon).toEqual(['lex-2026.11']);
    expect(r.manifest.createdAt).toMatch(/[+-]\d\d:\d\d$/);
  });

  test('is deterministic: the same input gives the same bytes', async () => {
    const again = await buildBundle(await collectBundleInput(db, { sessionKey: 's1' }, { now: NOW, exportedBy: '张三' }));
    expect(again).toEqual(zip);
  });

  test('member order: manifest first; every file listed with size and hash', async () => {
    const names = members(zip).map(([n]) => n);
    expect(names.slice(0, 3)).toEqual(['manifest.json', 'SHA256SUMS', 'VERIFY.md']);
    expect(names).toEqual(expect.arrayContaining(['evidence/chain.json', 'findings.csv', 'report.html', 'complaint.txt']));
    const r = await ok(zip);
    expect(r.manifest.files.map((f) => f.path).sort()).toEqual(names.filter((n) => n !== 'manifest.json' && n !== 'SHA256SUMS').sort());
  });
});

describe('tampering is caught and the member named', () => {
  test('flipping one byte in ANY member fails and names that member', async () => {
    const ms = members(zip);
    expect(ms.length).toBeGreaterThanOrEqual(11);
    for (const [name] of ms) {
      const flipped = ms.map(([n, d]): [string, Uint8Array] => {
        if (n !== name) return [n, d];
        const c = d.slice();
        c[c.length >> 1]! ^= 0x01;
        return [n, c];
      });
      const err = await failure(repack(flipped));
      expect({ name, path: err.path }).toEqual({ name, path: name });
    }
  });

  test('a missing member and an extra member', async () => {
    const ms = members(zip);
    const shot = ms.find(([n]) => n.startsWith('screenshots/'))![0];
    expect(await failure(repack(ms.filter(([n]) => n !== shot)))).toEqual({ path: shot, reason: 'missing from the bundle' });
    expect(await failure(repack([...ms, ['evidence/extra.json', enc.encode('{}')]]))).toMatchObject({ path: 'evidence/extra.json', reason: expect.stringMatching(/extra member/) });
  });

  test('a consistently re-hashed manifest with an edited record hash still fails on the chain link', async () => {
    // A forger rewrites the record and its manifest entry, but not the chain (whose hashes link to the head).
    const ms = members(zip);
    const r = await ok(zip);
    const victim = r.records[0]!;
    const edited = { ...victim.content, pageTitle: '改过的标题' };
    const bytes = enc.encode(canonicalJson(edited));
    const newHash = await hashRecord(edited);
    const { sha256Bytes } = await import('../../lib/evidence/hash');
    const repacked = repack(ms.map(([n, d]) => [n, n === `evidence/${victim.recordId}.json` ? bytes : d]));
    const h = await sha256Bytes(bytes);
    const forged = await editManifest(repacked, (m) => {
      const f = (m.files as { path: string; sha256: string; size: number }[]).find((x) => x.path === `evidence/${victim.recordId}.json`)!;
      f.size = bytes.length;
      f.sha256 = h;
      (m.records as { recordId: string; contentHash: string }[]).find((x) => x.recordId === victim.recordId)!.contentHash = newHash;
    });
    expect(await failure(forged)).toEqual({ path: `evidence/${victim.recordId}.json`, reason: expect.stringMatching(/does not match its chain link/) });
  });

  test('an edited chain link (consistently re-hashed manifest) fails on the link hash', async () => {
    const ms = members(zip);
    const r = await ok(zip);
    const segs = structuredClone(r.manifest.segments);
    segs[0]!.links[1]!.at = '2020-01-01T00:00:00.000+08:00';
    const chainBytes = enc.encode(canonicalJson(segs));
    const { sha256Bytes } = await import('../../lib/evidence/hash');
    const h = await sha256Bytes(chainBytes);
    const forged = await editManifest(
      repack(ms.map(([n, d]) => [n, n === 'evidence/chain.json' ? chainBytes : d])),
      (m) => {
        m.segments = segs;
        const f = (m.files as { path: string; sha256: string; size: number }[]).find((x) => x.path === 'evidence/chain.json')!;
        f.sha256 = h;
        f.size = chainBytes.length;
      },
    );
    expect(await failure(forged)).toEqual({ path: 'evidence/chain.json', reason: 'segment local: link seq 1: hash does not match its fields (edited)' });
  });
});

describe('manifest versions', () => {
  test('a newer MAJOR is refused with a clear message', async () => {
    const newer = await editManifest(zip, (m) => {
      m.bundleFormat = '2.0';
    });
    const err = await failure(newer);
    expect(err.path).toBe('manifest.json');
    expect(err.reason).toBe('bundle format 2.0 is newer than this reader supports (1.x): update liveproof to read it');
  });

  test('a newer minor with unknown fields is accepted', async () => {
    const newer = await editManifest(zip, (m) => {
      m.bundleFormat = '1.7';
      m.timestampToken = { rfc3161: 'future field' };
    });
    const r = await ok(newer);
    expect(r.manifest.bundleFormat).toBe('1.7');
  });

  test('an edited manifest field is caught by its selfHash', async () => {
    const ms = members(zip);
    const m = JSON.parse(dec.decode(ms[0]![1])) as Record<string, unknown>;
    m.createdAt = '2020-01-01T00:00:00.000+08:00';
    const err = await failure(repack(ms.map(([n, d]) => [n, n === 'manifest.json' ? enc.encode(canonicalJson(m)) : d])));
    expect(err).toEqual({ path: 'manifest.json', reason: 'edited or damaged: selfHash does not match its content' });
  });
});

describe('unsafe archives', () => {
  const z = (files: Record<string, string>) => zipSync(Object.fromEntries(Object.entries(files).map(([k, v]) => [k, enc.encode(v)])));

  test('path traversal and absolute paths', async () => {
    expect((await failure(z({ '../evil.txt': 'x' }))).reason).toMatch(/unsafe member name/);
    expect((await failure(z({ '/etc/passwd': 'x' }))).reason).toMatch(/unsafe member name/);
    expect((await failure(z({ 'a\\..\\b': 'x' }))).reason).toMatch(/unsafe member name/);
    expect((await failure(z({ '__proto__': 'x' }))).reason).toMatch(/missing|not a LiveProof/);
  });

  test('duplicate names', async () => {
    const bytes = z({ 'evidence/a.json': '1', 'evidence/b.json': '2' });
    // rename b → a in both the local header and the directory
    const s = dec.decode(bytes.map((b) => (b < 128 ? b : 63)));
    const out = bytes.slice();
    for (let i = s.indexOf('evidence/b.json'); i >= 0; i = s.indexOf('evidence/b.json', i + 1)) out[i + 9] = 'a'.charCodeAt(0);
    expect(await failure(out)).toEqual({ path: 'evidence/a.json', reason: 'duplicate member name' });
  });

  test('zip bombs: a member larger than the limit, and a member that inflates past its declared size', async () => {
    const big = zipSync({ 'manifest.json': new Uint8Array(8 * 1024 * 1024) });
    expect(big.length).toBeLessThan(100_000);
    const r = await readBundle(big, { maxMembers: 100, maxMemberBytes: 1024 * 1024, maxTotalBytes: 4 * 1024 * 1024 });
    expect(r).toMatchObject({ ok: false, error: { path: 'manifest.json', reason: expect.stringMatching(/too large/) } });
    // lie about the size in the central directory: 8 MiB declared as 1000 bytes
    const liar = big.slice();
    const cd = dec.decode(liar.map((b) => (b < 128 ? b : 63))).lastIndexOf('PK\x01\x02');
    new DataView(liar.buffer).setUint32(cd + 24, 1000, true);
    expect(await failure(liar)).toMatchObject({ path: 'manifest.json', reason: expect.stringMatching(/more than its declared size/) });
  });

  test('directory entries (a re-zipped, unpacked bundle) are harmless', async () => {
    const ms = members(zip);
    const withDirs = zipSync(Object.fromEntries([['evidence/', new Uint8Array(0)], ['screenshots/', new Uint8Array(0)], ...ms]) as Record<string, Uint8Array>);
    expect(Object.keys(unzipSync(withDirs))).toContain('evidence/');
    expect((await readBundle(withDirs)).ok).toBe(true);
  });

  test('garbage, empty input and a non-bundle ZIP', async () => {
    expect((await failure(new Uint8Array(0))).reason).toMatch(/not a ZIP/);
    expect((await failure(enc.encode('hello world, this is not a zip file at all'))).reason).toMatch(/not a ZIP/);
    expect(await failure(z({ 'readme.txt': 'hi' }))).toEqual({ path: 'manifest.json', reason: expect.stringMatching(/not a LiveProof bundle/) });
  });
});

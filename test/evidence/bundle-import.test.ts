import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildBundle } from '../../lib/bundle/build';
import { readBundle } from '../../lib/bundle/read';
import { verifyChain } from '../../lib/evidence/chain';
import { openDb, type LiveProofDb } from '../../lib/evidence/db';
import { collectBundleInput, exportBundle, NothingToExportError } from '../../lib/evidence/export';
import { importBundle, listImportedRecords, verifyImported } from '../../lib/evidence/import';
import { deleteSnapshot } from '../../lib/evidence/snapshot';
import { standardStore } from '../bundle/fixture';
import { members, repack, rechain, rng } from '../bundle/tamper';

let src: LiveProofDb;
let ids: string[];
let otherIds: string[];
let zip: Uint8Array;
let k = 0;
const fresh = () => openDb(`import-${++k}-${Math.random().toString(36).slice(2)}`);

beforeAll(async () => {
  ({ db: src, ids, otherIds } = await standardStore());
  zip = (await exportBundle(src, { sessionKey: 's1' }, { now: new Date('2026-11-23T12:30:00Z') })).bytes;
});
afterAll(() => src.delete());

const IMPORT_TABLES = ['imports', 'importedRecords', 'importedBlobs'] as const;
const ALL_TABLES = ['sessions', 'events', 'findings', 'snapshots', 'tombstones', 'chain', 'blobs', 'notes', 'cases', 'meta', ...IMPORT_TABLES] as const;
async function counts(db: LiveProofDb) {
  return Object.fromEntries(await Promise.all(ALL_TABLES.map(async (t) => [t, await db[t].count()] as const)));
}

describe('export selections', () => {
  test('by snapshot ids, by session key, by case id', async () => {
    const bySnap = await collectBundleInput(src, { snapshotIds: [ids[1]!] });
    expect(bySnap.records.map((r) => r.recordId)).toEqual([ids[1]]);
    // the segment runs from the selected record's link to the head
    expect(bySnap.segments[0]!.links.map((l) => l.seq)).toEqual([1, 2, 3]);
    const bySession = await collectBundleInput(src, { sessionKey: 's2' });
    expect(bySession.records.map((r) => r.recordId)).toEqual(otherIds);
    await src.cases.add({ id: 'case-1', title: '面霜', status: 'open', snapshotIds: [ids[0]!, otherIds[0]!], tags: [], createdAt: 0, updatedAt: 0 });
    const byCase = await collectBundleInput(src, { caseId: 'case-1' });
    expect(byCase.records.map((r) => r.recordId).sort()).toEqual([ids[0]!, otherIds[0]!].sort());
    expect((await readBundle(await buildBundle(byCase))).ok).toBe(true);
    await expect(collectBundleInput(src, { caseId: 'nope' })).rejects.toBeInstanceOf(NothingToExportError);
    await expect(collectBundleInput(src, { snapshotIds: ['snap-nope'] })).rejects.toThrow(/no snapshot snap-nope/);
  });

  test('a deleted snapshot is left out; its tombstone link stays in the segment and the bundle verifies', async () => {
    const { db, ids: mine } = await standardStore();
    await deleteSnapshot(db, mine[1]!, '误报');
    const input = await collectBundleInput(db, { sessionKey: 's1' });
    expect(input.records.map((r) => r.recordId).sort()).toEqual([mine[0]!, mine[2]!].sort());
    expect(input.segments[0]!.links.at(-1)!.type).toBe('tombstone');
    expect((await readBundle(await buildBundle(input))).ok).toBe(true);
    await db.delete();
  });
});

describe('import', () => {
  test('stores records as imported with provenance, apart from the local chain; idempotent; re-verifiable', async () => {
    const db = fresh();
    const r = await importBundle(db, zip, { now: new Date('2026-11-24T09:00:00Z') });
    const read = await readBundle(zip);
    if (!read.ok || !r.ok) throw new Error('expected ok');
    expect(r).toMatchObject({ alreadyImported: false, added: 3, merged: 0, screenshots: 2, manifestSha256: read.manifestSha256 });
    const c = await counts(db);
    expect(c).toMatchObject({ imports: 1, importedRecords: 3, importedBlobs: 2, snapshots: 0, chain: 0, blobs: 0 });
    const rows = await listImportedRecords(db);
    for (const row of rows) {
      expect(row.provenance).toEqual([{ manifestSha256: read.manifestSha256, importedAt: expect.stringMatching(/^2026-11-24T\d\d:00:00\.000[+-]\d\d:\d\d$/), refs: [{ segment: 'local', seq: expect.any(Number) }] }]);
      expect(row.content).toEqual((await src.snapshots.get(row.recordId))!.content);
    }
    expect(await verifyImported(db)).toEqual({ ok: true, records: 3 });
    expect(await verifyChain(db)).toMatchObject({ ok: true, records: 0 });
    // twice: nothing changes
    expect(await importBundle(db, zip)).toMatchObject({ ok: true, alreadyImported: true, added: 0 });
    expect(await counts(db)).toEqual(c);
    // tampering with imported evidence is caught
    await db.importedRecords.update(rows[0]!.contentHash, { content: { ...rows[0]!.content, pageTitle: '改' } });
    expect(await verifyImported(db)).toMatchObject({ ok: false, recordId: rows[0]!.recordId, reason: expect.stringMatching(/content edited/) });
    await db.delete();
  });

  test('an overlapping bundle adds only new records and a second provenance entry', async () => {
    const db = fresh();
    await importBundle(db, zip);
    const other = (await exportBundle(src, { snapshotIds: [ids[2]!, otherIds[0]!] }, { now: new Date('2026-11-23T13:00:00Z') })).bytes;
    const r = await importBundle(db, other);
    expect(r).toMatchObject({ ok: true, added: 1, merged: 1 });
    const shared = (await db.importedRecords.where('recordId').equals(ids[2]!).first())!;
    expect(shared.provenance).toHaveLength(2);
    expect(await verifyImported(db)).toEqual({ ok: true, records: 4 });
    await db.delete();
  });

  test('a record id reused with different content is a conflict: the whole import is refused, nothing partial', async () => {
    const db = fresh();
    // A: only the record with the highest id; B: all four, with that record's content changed (and a consistent forged chain)
    const all = [...ids, ...otherIds].sort();
    const last = all.at(-1)!;
    await importBundle(db, (await exportBundle(src, { snapshotIds: [last] })).bytes);
    const before = await counts(db);
    const input = await collectBundleInput(src, { snapshotIds: all });
    const rec = input.records.find((r) => r.recordId === last)!;
    rec.content = { ...rec.content, pageTitle: '另一个内容' };
    await rechain(input);
    const forged = await buildBundle(input);
    expect((await readBundle(forged)).ok).toBe(true);
    const r = await importBundle(db, forged);
    expect(r).toEqual({ ok: false, error: { path: `evidence/${last}.json`, reason: 'an imported record with this id has different content' } });
    expect(await counts(db)).toEqual(before);
    await db.delete();
  });
});

test('a bundle whose record id is used locally by different content is refused', async () => {
  const { db: mine } = await standardStore();
  const local = (await mine.snapshots.toArray())[0]!;
  // a foreign bundle that reuses this local id for other content
  const input = await collectBundleInput(src, { snapshotIds: [ids[0]!] });
  input.records[0]!.recordId = local.id;
  input.records[0]!.content = { ...input.records[0]!.content, pageTitle: '别处的内容' };
  input.segments[0]!.links.find((l) => l.recordId === ids[0])!.recordId = local.id;
  await rechain(input);
  const before = await counts(mine);
  expect(await importBundle(mine, await buildBundle(input))).toEqual({ ok: false, error: { path: `evidence/${local.id}.json`, reason: 'a local record with this id has different content' } });
  expect(await counts(mine)).toEqual(before);
  await mine.delete();
});

describe('corrupted bundles never crash and never import partially', () => {
  test('200 seeded corruptions: byte flips, truncations, member removal, member edits', async () => {
    const random = rng(20261123);
    const pristine = await readBundle(zip);
    if (!pristine.ok) throw new Error('pristine bundle must verify');
    const names = Object.keys(unzipSync(zip));
    const full = { imports: 1, importedRecords: 3, importedBlobs: 2 };
    const kinds = { ok: 0, refused: 0 };
    for (let i = 0; i < 200; i++) {
      let bad: Uint8Array;
      const kind = i % 4;
      if (kind === 0) {
        bad = zip.slice();
        const flips = 1 + Math.floor(random() * 4);
        for (let f = 0; f < flips; f++) bad[Math.floor(random() * bad.length)]! ^= 1 + Math.floor(random() * 255);
      } else if (kind === 1) {
        bad = zip.slice(0, Math.floor(random() * zip.length));
      } else if (kind === 2) {
        const drop = names[Math.floor(random() * names.length)]!;
        bad = repack(members(zip).filter(([n]) => n !== drop));
      } else {
        const target = names[Math.floor(random() * names.length)]!;
        bad = repack(
          members(zip).map(([n, d]): [string, Uint8Array] => {
            if (n !== target) return [n, d];
            const c = d.slice();
            c[Math.floor(random() * c.length)]! ^= 1 + Math.floor(random() * 255);
            return [n, c];
          }),
        );
      }
      const r = await readBundle(bad); // must not throw
      if (r.ok) {
        // only a flip in ZIP bookkeeping we do not rely on (timestamps, attributes) can pass: the content is then identical
        expect(kind).toBe(0);
        expect(r.manifestSha256).toBe(pristine.manifestSha256);
        expect(r.records).toEqual(pristine.records);
      } else {
        expect(r.error.reason.length).toBeGreaterThan(0);
        if (kind >= 2) expect(r.error.path).toBeDefined();
      }
      const db = fresh();
      const imp = await importBundle(db, bad);
      const c = Object.fromEntries(await Promise.all(IMPORT_TABLES.map(async (t) => [t, await db[t].count()] as const)));
      expect(c).toEqual(imp.ok ? full : { imports: 0, importedRecords: 0, importedBlobs: 0 });
      kinds[imp.ok ? 'ok' : 'refused']++;
      await db.delete();
    }
    expect(kinds.refused).toBeGreaterThan(150);
  }, 120_000);
});

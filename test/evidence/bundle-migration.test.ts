import { Dexie } from 'dexie';
import { expect, test } from 'vitest';
import { verifyChain } from '../../lib/evidence/chain';
import { openDb } from '../../lib/evidence/db';
import { importBundle } from '../../lib/evidence/import';
import { exportBundle } from '../../lib/evidence/export';
import { standardStore } from '../bundle/fixture';

test('schema v4 (imports) upgrades a v2 database and keeps its evidence', async () => {
  const name = `migrate-v2-v4-${Date.now()}`;
  // A database as schema v2 left it, with a snapshot and its chain, written by a real v2 store.
  const { db: source } = await standardStore();
  const snapshots = await source.snapshots.toArray();
  const chain = await source.chain.toArray();
  const blobs = await source.blobs.toArray();
  const meta = await source.meta.toArray();
  const sessions = await source.sessions.toArray();
  const old = new Dexie(name);
  old.version(1).stores({ sessions: 'key, tabId, lastEventAt', events: 'id, sessionKey, [sessionKey+seq], kind', findings: 'id, sessionKey, [sessionKey+observedAt], category, severity' });
  old.version(2).stores({
    sessions: 'key, tabId, lastEventAt, platform',
    events: 'id, sessionKey, [sessionKey+seq], kind, receivedAt',
    findings: 'id, sessionKey, [sessionKey+observedAt], category, severity, eventId',
    snapshots: 'id, sessionKey, capturedAtMs',
    tombstones: 'id',
    chain: 'seq, recordId',
    blobs: 'sha256',
    notes: 'id, recordId',
    cases: 'id, updatedAt',
    meta: 'key',
  });
  await old.table('sessions').bulkAdd(sessions);
  await old.table('snapshots').bulkAdd(snapshots);
  await old.table('chain').bulkAdd(chain);
  await old.table('blobs').bulkAdd(blobs);
  await old.table('meta').bulkAdd(meta);
  expect(old.verno).toBe(2);
  old.close();

  const db = openDb(name);
  await db.open();
  expect(db.verno).toBeGreaterThanOrEqual(4);
  expect(db.tables.map((t) => t.name)).toEqual(expect.arrayContaining(['imports', 'importedRecords', 'importedBlobs']));
  expect(await db.snapshots.count()).toBe(snapshots.length);
  expect(await verifyChain(db)).toMatchObject({ ok: true, records: chain.length });
  // the new tables work, and imported evidence leaves the local chain valid
  const r = await importBundle(db, (await exportBundle(source, { sessionKey: 's2' })).bytes);
  expect(r).toMatchObject({ ok: true, added: 1 });
  expect(await db.importedRecords.where('sessionKey').equals('s2').count()).toBe(1);
  expect(await verifyChain(db)).toMatchObject({ ok: true, records: chain.length });
  await db.delete();
  await source.delete();
});

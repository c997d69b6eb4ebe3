import { Dexie } from 'dexie';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { verifyChain } from '../../lib/evidence/chain';
import { openDb, type FindingRow, type LiveProofDb } from '../../lib/evidence/db';
import { canonicalJson, hashRecord, sha256Text } from '../../lib/evidence/hash';
import { addNote, deleteSnapshot, isoWithZone, screenshotsDisabled, StorageFullError, takeSnapshot } from '../../lib/evidence/snapshot';
import { ingestBatch } from '../../lib/evidence/store';
import type { LiveEvent } from '../../lib/protocol/types';

let db: LiveProofDb;
let n = 0;
const T0 = Date.parse('2026-11-23T12:00:00Z');

beforeEach(async () => {
  db = openDb(`chain-${++n}`);
  const base = { sessionKey: 's1', source: 'dom' as const, confidence: 0.7 };
  const events: LiveEvent[] = [
    { ...base, id: 'r', seq: 0, observedAt: T0, kind: 'room', payload: { platform: 'demo', roomId: 'demo-1', title: '测试直播间', host: '主播', url: 'http://127.0.0.1/room.html' } },
    { ...base, id: 'p', seq: 1, observedAt: T0 + 1, kind: 'product', payload: { title: '面霜', price: 99, originalPrice: 399, shop: '旗舰店' } },
    { ...base, id: 'old', seq: 2, observedAt: T0 + 2, kind: 'caption', payload: { text: '很久以前的一句', final: true } },
    { ...base, id: 'c1', seq: 3, observedAt: T0 + 70_000, kind: 'caption', payload: { text: '欢迎来到直播间', final: true } },
    { ...base, id: 'c2', seq: 4, observedAt: T0 + 80_000, kind: 'caption', payload: { text: '这款面霜可以治疗湿疹', final: true } },
  ];
  await ingestBatch(db, { batchId: 'b', events }, { tabId: 1, pageTitle: '示例直播间' });
});
afterEach(async () => {
  await db.delete();
});

const finding = (id: string): FindingRow => ({
  id, sessionKey: 's1', eventId: 'c2', observedAt: T0 + 80_000, channel: 'caption', text: '这款面霜可以治疗湿疹',
  ruleId: 'med.disease_treatment', category: 'medical_claims_nonmedical', severity: 'critical', status: 'suspected',
  legalBasis: [{ law: '广告法', article: '17' }], explanation: { zh: '涉嫌', en: 'suspected' }, start: 6, end: 10, match: '治疗湿疹', normalized: '治疗湿疹', evasion: null, lexiconVersion: 'x',
});
const versions = { extension: '0.1.0', lexicon: 'abc', browser: 'test' };
const png = (fill: number) => new Uint8Array(64).fill(fill).buffer;

async function three() {
  const ids = [];
  for (let i = 0; i < 3; i++) {
    const r = await takeSnapshot(db, { sessionKey: 's1', tabId: 1, trigger: 'auto', findings: [finding(`f${i}`)], screenshot: { data: png(i), mime: 'image/png' }, versions, now: new Date(T0 + 90_000 + i) });
    ids.push(r.id);
  }
  return ids;
}

describe('canonical hashing', () => {
  test('key order and undefined members do not change the serialisation; NaN is refused', async () => {
    expect(canonicalJson({ b: 1, a: [1, 'x', { d: undefined, c: null }] })).toBe('{"a":[1,"x",{"c":null}],"b":1}');
    expect(await hashRecord({ a: 1, b: 2 })).toBe(await hashRecord({ b: 2, a: 1 }));
    expect(() => canonicalJson({ a: NaN })).toThrow(/non-finite/);
    expect(await sha256Text('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  test('ISO time carries its zone', () => {
    expect(isoWithZone(new Date('2026-03-01T12:15:31.200Z'), 480)).toBe('2026-03-01T20:15:31.200+08:00');
  });
});

describe('snapshots', () => {
  test('a snapshot holds the findings, the last 60 s of captions, the card, the room, times, versions and a hashed screenshot', async () => {
    const r = await takeSnapshot(db, { sessionKey: 's1', tabId: 1, trigger: 'auto', findings: [finding('f')], screenshot: { data: png(7), mime: 'image/png' }, versions, now: new Date(T0 + 90_000) });
    const c = r.content;
    expect(c.captions.map((x) => x.text)).toEqual(['欢迎来到直播间', '这款面霜可以治疗湿疹']);
    expect(c.product).toMatchObject({ title: '面霜', price: 99, originalPrice: 399, shop: '旗舰店' });
    expect(c.room).toEqual({ platform: 'demo', roomId: 'demo-1', url: 'http://127.0.0.1/room.html', host: '主播', title: '测试直播间' });
    expect(c.pageTitle).toBe('示例直播间');
    expect(c.capturedAt).toMatch(/^2026-11-23T\d\d:\d\d:30\.000[+-]\d\d:\d\d$/);
    expect(c.screenshot?.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(c.capture).toEqual({ room: 'dom', product: 'dom', captions: 'dom', screenshot: 'tabs.captureVisibleTab' });
    expect(r.link.seq).toBe(0);
    expect(await verifyChain(db)).toMatchObject({ ok: true, records: 1 });
  });
});

describe('verifyChain detects tampering and names the first bad record', () => {
  test('an untouched chain verifies', async () => {
    await three();
    expect(await verifyChain(db)).toMatchObject({ ok: true, records: 3 });
  });

  test('an edited snapshot', async () => {
    const [, b] = await three();
    await db.snapshots.update(b!, (row) => {
      row.content!.findings[0]!.match = '改过的';
    });
    expect((await verifyChain(db)).failure).toMatchObject({ seq: 1, recordId: b, reason: expect.stringContaining('content edited') });
  });

  test('an edited screenshot', async () => {
    const [a] = await three();
    const row = await db.snapshots.get(a!);
    await db.blobs.update(row!.content!.screenshot!.sha256, { data: png(99) });
    expect((await verifyChain(db)).failure).toMatchObject({ seq: 0, reason: expect.stringContaining('screenshot edited') });
  });

  test('a deleted snapshot (no tombstone)', async () => {
    const [, b] = await three();
    await db.snapshots.delete(b!);
    expect((await verifyChain(db)).failure).toMatchObject({ seq: 1, reason: expect.stringContaining('without a tombstone') });
  });

  test('a deleted link in the middle', async () => {
    await three();
    await db.chain.delete(1);
    const f = (await verifyChain(db)).failure;
    expect(f?.seq).toBe(2);
    expect(f?.reason).toMatch(/missing/);
  });

  test('an edited link', async () => {
    await three();
    await db.chain.update(2, { at: '2020-01-01T00:00:00.000+08:00' });
    expect((await verifyChain(db)).failure).toMatchObject({ seq: 2, reason: expect.stringContaining('link edited') });
  });

  test('reordered links', async () => {
    await three();
    const [l1, l2] = await Promise.all([db.chain.get(1), db.chain.get(2)]);
    await db.transaction('rw', db.chain, async () => {
      await db.chain.put({ ...l2!, seq: 1 });
      await db.chain.put({ ...l1!, seq: 2 });
    });
    expect((await verifyChain(db)).failure).toMatchObject({ seq: 1, reason: expect.stringContaining('prevHash') });
  });

  test('an inserted snapshot outside the chain', async () => {
    await three();
    const row = (await db.snapshots.toArray())[0]!;
    await db.snapshots.add({ ...row, id: 'forged' });
    expect((await verifyChain(db)).failure?.reason).toMatch(/forged is not in the chain/);
  });

  test('records cut off the end', async () => {
    await three();
    await db.chain.delete(2);
    expect((await verifyChain(db)).failure?.reason).toMatch(/not in the chain|cut off/);
  });

  test('deleting through a tombstone keeps the chain valid; a forged tombstone does not', async () => {
    const [a] = await three();
    await deleteSnapshot(db, a!, '用户删除：误报');
    expect(await db.snapshots.get(a!)).toMatchObject({ content: null });
    expect(await verifyChain(db)).toMatchObject({ ok: true, records: 4 });
    const tomb = (await db.tombstones.toArray())[0]!;
    await db.tombstones.update(tomb.id, { content: { ...tomb.content, reason: '改过' } });
    expect((await verifyChain(db)).failure).toMatchObject({ seq: 3, reason: expect.stringContaining('tombstone edited') });
  });

  test('notes and tags sit beside records and never alter them', async () => {
    const [a] = await three();
    await addNote(db, a!, '主播第二次说了', ['复现']);
    expect(await verifyChain(db)).toMatchObject({ ok: true });
    expect(await db.notes.where('recordId').equals(a!).count()).toBe(1);
  });
});

describe('storage full', () => {
  test('screenshots stop first; the snapshot is kept without one and the chain stays valid', async () => {
    db.blobs.hook('creating', () => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    });
    const r = await takeSnapshot(db, { sessionKey: 's1', tabId: 1, trigger: 'auto', findings: [finding('f')], screenshot: { data: png(1), mime: 'image/png' }, versions });
    expect(r.content.screenshot).toBeNull();
    expect(r.content.screenshotNote).toMatch(/storage full/);
    expect(await screenshotsDisabled(db)).toMatchObject({ reason: 'storage quota exceeded' });
    // Later snapshots do not even try.
    const r2 = await takeSnapshot(db, { sessionKey: 's1', tabId: 1, trigger: 'manual', findings: [], screenshot: { data: png(2), mime: 'image/png' }, versions });
    expect(r2.content.screenshotNote).toMatch(/screenshots are off/);
    expect(await verifyChain(db)).toMatchObject({ ok: true, records: 2 });
  });

  test('when even the record does not fit, a clear error; nothing half-written, the chain stays valid', async () => {
    await three();
    db.snapshots.hook('creating', () => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    });
    await expect(takeSnapshot(db, { sessionKey: 's1', tabId: 1, trigger: 'auto', findings: [], screenshot: null, versions })).rejects.toBeInstanceOf(StorageFullError);
    expect(await verifyChain(db)).toMatchObject({ ok: true, records: 3 });
  });
});

describe('schema migrations', () => {
  test('a v1 database opens as v2 with its data, and sessions gain their finding count', async () => {
    const name = `migrate-${n}`;
    const v1 = new Dexie(name);
    v1.version(1).stores({
      sessions: 'key, tabId, lastEventAt',
      events: 'id, sessionKey, [sessionKey+seq], kind',
      findings: 'id, sessionKey, [sessionKey+observedAt], category, severity',
    });
    await v1.table('sessions').add({ key: 'k', tabId: 3, platform: 'demo', roomId: 'r', url: '', title: '旧会话', host: '', pageTitle: '', startedAt: 1, lastEventAt: 2, eventCount: 2 });
    await v1.table('findings').bulkAdd([{ ...finding('a'), sessionKey: 'k' }, { ...finding('b'), sessionKey: 'k' }]);
    v1.close();

    const v2 = openDb(name);
    const s = await v2.sessions.get('k');
    expect(s).toMatchObject({ title: '旧会话', findingCount: 2 });
    // opens at the latest schema (v3 rooms, v4 bundle imports: test/evidence/bundle-migration.test.ts)
    expect(v2.verno).toBe(4);
    expect(await verifyChain(v2)).toMatchObject({ ok: true, records: 0 });
    await v2.delete();
  });
});

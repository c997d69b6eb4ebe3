import { Dexie } from 'dexie';
import { expect, test } from 'vitest';
import { openDb } from '../../lib/evidence/db';
import { ingestBatch } from '../../lib/evidence/store';
import type { LiveEvent } from '../../lib/protocol/types';

test('schema v3 (rooms) upgrades a v2 database: sessions, events and findings stay; rooms works; old sessions gain live state on their next event', async () => {
  const name = `migrate-v2-v3-${Date.now()}`;
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
  const T0 = Date.parse('2026-11-22T20:00:00+08:00');
  await old.table('sessions').add({ key: 's-old', tabId: 3, platform: 'demo', roomId: 'demo-9', url: '', title: '', host: '', pageTitle: '', startedAt: T0, lastEventAt: T0, eventCount: 1, findingCount: 1, product: { title: '面霜', productId: 'sku-1', price: 129, originalPrice: 399 } });
  await old.table('events').add({ id: 'old-1', sessionKey: 's-old', seq: 0, observedAt: T0, source: 'dom', confidence: 0.7, kind: 'caption', payload: { text: '旧的', final: true }, tabId: 3, receivedAt: T0 });
  await old.table('findings').add({ id: 'f-old', sessionKey: 's-old', eventId: 'old-1', observedAt: T0, channel: 'caption', text: '旧的', ruleId: 'x', category: 'absolute_terms', severity: 'medium', status: 'suspected', legalBasis: [], explanation: { zh: '', en: '' }, start: 0, end: 1, match: '旧', normalized: '旧', evasion: null, lexiconVersion: 'v' });
  expect(old.verno).toBe(2);
  old.close();

  const db = openDb(name);
  await db.open();
  expect(db.verno).toBeGreaterThanOrEqual(3);
  expect(db.tables.map((t) => t.name)).toContain('rooms');
  expect(await db.rooms.count()).toBe(0);
  expect(await db.findings.get('f-old')).toMatchObject({ ruleId: 'x' });
  expect((await db.sessions.get('s-old'))!.live).toBeUndefined();

  // The old session continues; its live state starts fresh with the next events.
  const base = { sessionKey: 's-old', source: 'dom' as const, confidence: 0.7 };
  const events: LiveEvent[] = [
    { ...base, id: 'n1', seq: 1, observedAt: T0 + 1000, kind: 'product', payload: { title: '面霜', productId: 'sku-1', price: 129, originalPrice: 399 } },
    { ...base, id: 'n2', seq: 2, observedAt: T0 + 2000, kind: 'caption', payload: { text: '仅限今天', final: true } },
  ];
  await ingestBatch(db, { batchId: 'b', events }, { tabId: 3, pageTitle: '' });
  expect((await db.sessions.get('s-old'))!.live!.current).toBe('id:sku-1');
  expect(await db.rooms.get('demo:demo-9')).toMatchObject({ memory: { todayOnly: [{ day: '2026-11-22', eventId: 'n2', sessionKey: 's-old' }] } });
  expect((await db.sessions.get('s-old'))!.findingCount).toBe(1);
  await db.delete();
});

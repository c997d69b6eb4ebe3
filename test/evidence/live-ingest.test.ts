import { afterEach, expect, test } from 'vitest';
import { openDb, type LiveProofDb } from '../../lib/evidence/db';
import { ingestBatch, LIVE_SETTINGS_KEY } from '../../lib/evidence/store';
import type { LiveEvent } from '../../lib/protocol/types';

const T0 = Date.parse('2026-11-23T20:00:00+08:00');
const MIN = 60_000;
let n = 0;
const dbs: LiveProofDb[] = [];
function fresh(): { name: string; db: LiveProofDb } {
  const name = `live-ingest-${++n}`;
  const db = openDb(name);
  dbs.push(db);
  return { name, db };
}
afterEach(async () => {
  for (const db of dbs.splice(0)) await db.delete();
});

function ev(sessionKey: string, seq: number, at: number, kind: 'room' | 'product' | 'caption', payload: unknown): LiveEvent {
  return { id: `${sessionKey}-${seq}`, sessionKey, seq, observedAt: at, source: 'dom', confidence: 0.7, kind, payload } as LiveEvent;
}
const room = (s: string, seq: number, at: number) => ev(s, seq, at, 'room', { platform: 'demo', roomId: 'demo-7', title: '直播间', host: '主播', url: 'http://127.0.0.1/' });
const product = (s: string, seq: number, at: number, price: number) => ev(s, seq, at, 'product', { title: '玻尿酸修护面霜 50g', productId: 'sku-1', price, originalPrice: 399 });
const say = (s: string, seq: number, at: number, text: string) => ev(s, seq, at, 'caption', { text, final: true });
const tab = { tabId: 7, pageTitle: '直播间' };

test('live findings are stored with the lexicon ones, in the same ingest, with their evidence timeline; the state lives in the session row', async () => {
  const { db } = fresh();
  const r = await ingestBatch(db, { batchId: 'b1', events: [room('s1', 0, T0), product('s1', 1, T0 + 1, 129), say('s1', 2, T0 + 1000, '今天只要99')] }, tab);
  expect(r.findings).toEqual([]); // within the grace time
  const session = await db.sessions.get('s1');
  expect(session!.live!.pending).toHaveLength(1);

  // a later batch (the state comes back from the session row) settles it
  const r2 = await ingestBatch(db, { batchId: 'b2', events: [say('s1', 3, T0 + 2 * MIN, '好的')] }, tab);
  expect(r2.findings.map((f) => f.ruleId)).toEqual(['live.price_mismatch_card']);
  const stored = await db.findings.get('s1-2:live.price_mismatch_card:2');
  expect(stored).toMatchObject({ sessionKey: 's1', eventId: 's1-2', channel: 'caption', text: '今天只要99', match: '只要99', category: 'price_fraud', severity: 'high', status: 'suspected', lexiconVersion: 'live-1' });
  expect(stored!.evidence!.map((e) => [e.note, e.eventId, e.at])).toEqual([
    ['card when said', 's1-1', '2026-11-23T20:00:00.001+08:00'],
    ['price said', 's1-2', '2026-11-23T20:00:01.000+08:00'],
  ]);
  expect((await db.sessions.get('s1'))!.findingCount).toBe(1);

  // resending is idempotent: nothing new
  const again = await ingestBatch(db, { batchId: 'b2', events: [say('s1', 3, T0 + 2 * MIN, '好的')] }, tab);
  expect(again).toMatchObject({ stored: 0, findings: [] });
  expect(await db.findings.count()).toBe(1);
});

test('"today only" on two days in the same room: the rooms table remembers across sessions and a reopened database', async () => {
  const { name, db } = fresh();
  await ingestBatch(db, { batchId: 'a', events: [room('day1', 0, T0), say('day1', 1, T0 + MIN, '仅限今天')] }, tab);
  expect((await db.rooms.get('demo:demo-7'))!.memory.todayOnly.map((d) => d.day)).toEqual(['2026-11-23']);
  db.close();
  const db2 = openDb(name);
  dbs.push(db2);
  const sameDay = await ingestBatch(db2, { batchId: 'b', events: [room('visit2', 0, T0 + 60 * MIN), say('visit2', 1, T0 + 61 * MIN, '仅限今天')] }, tab);
  expect(sameDay.findings).toEqual([]);
  const nextDay = T0 + 24 * 60 * MIN;
  const r = await ingestBatch(db2, { batchId: 'c', events: [room('day2', 0, nextDay), say('day2', 1, nextDay + MIN, '今天最后一天了')] }, tab);
  expect(r.findings.map((f) => f.ruleId)).toEqual(['live.today_only_repeated_days']);
  expect(r.findings[0]!.evidence!.map((e) => [e.role, e.day, e.sessionKey])).toEqual([['memory', '2026-11-23', 'day1'], ['claim', '2026-11-24', 'day2']]);
  expect((await db2.rooms.get('demo:demo-7'))!.memory.todayOnly.map((d) => d.day)).toEqual(['2026-11-23', '2026-11-24']);
});

test('settings stored under meta.liveSettings apply; options can switch categories or the checks off', async () => {
  const { db } = fresh();
  await db.meta.put({ key: LIVE_SETTINGS_KEY, value: { scarcityMinRepeats: 2, scarcityMinSpanMs: 1000 } });
  const events = [room('s', 0, T0), product('s', 1, T0, 99), say('s', 2, T0 + 1000, '最后三单'), say('s', 3, T0 + 5000, '最后三单')];
  const r = await ingestBatch(db, { batchId: 'x', events }, tab);
  expect(r.findings.map((f) => f.ruleId)).toEqual(['live.scarcity_repeated']);

  const { db: other } = fresh();
  await other.meta.put({ key: LIVE_SETTINGS_KEY, value: { scarcityMinRepeats: 2, scarcityMinSpanMs: 1000 } });
  expect((await ingestBatch(other, { batchId: 'x', events }, tab, undefined, Date.now(), { disabled: () => ['false_scarcity_urgency'] })).findings).toEqual([]);
  const { db: off } = fresh();
  await off.meta.put({ key: LIVE_SETTINGS_KEY, value: { scarcityMinRepeats: 2, scarcityMinSpanMs: 1000 } });
  const r3 = await ingestBatch(off, { batchId: 'x', events }, tab, undefined, Date.now(), { enabled: false });
  expect(r3.findings).toEqual([]);
  expect((await off.sessions.get('s'))!.live).toBeUndefined();
});

import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { openDb, type FindingRow, type LiveProofDb } from '../../lib/evidence/db';
import { addToCase, createCase, filterSessions, listCases, listSessionSummaries, sessionTimeline } from '../../lib/evidence/query';
import { ingestBatch, pruneEvents } from '../../lib/evidence/store';
import type { LiveEvent } from '../../lib/protocol/types';
import { groupFindings } from '../../lib/popup-view';

let db: LiveProofDb;
let n = 0;
beforeEach(() => {
  db = openDb(`query-${++n}`);
});
afterEach(async () => {
  await db.delete();
});

function room(key: string, platform: 'demo' | 'douyin', host: string, shop: string, t0: number, caption: string): LiveEvent[] {
  const base = { sessionKey: key, source: 'dom' as const, confidence: 0.7 };
  return [
    { ...base, id: `${key}-r`, seq: 0, observedAt: t0, kind: 'room', payload: { platform, roomId: key, title: `${host}的直播间`, host, url: 'http://127.0.0.1/' } },
    { ...base, id: `${key}-p`, seq: 1, observedAt: t0 + 1, kind: 'product', payload: { title: '面霜', price: 99, shop } },
    { ...base, id: `${key}-c`, seq: 2, observedAt: t0 + 2, kind: 'caption', payload: { text: caption, final: true } },
  ];
}

/** A tiny analyzer: flags 治疗 as a critical medical claim. */
const analyze = ({ event, channel, text }: { event: { id: string; sessionKey: string; observedAt: number }; channel: string; text: string }): FindingRow[] => {
  const i = text.indexOf('治疗');
  if (i < 0) return [];
  return [{ id: `${event.id}:x`, sessionKey: event.sessionKey, eventId: event.id, observedAt: event.observedAt, channel, text, ruleId: 'med.x', category: 'medical_claims_nonmedical', severity: 'critical', status: 'suspected', legalBasis: [{ law: '广告法', article: '17' }], explanation: { zh: '涉嫌', en: 'x' }, start: i, end: i + 2, match: '治疗', normalized: '治疗', evasion: null, lexiconVersion: 'v' }];
};

describe('dashboard queries', () => {
  test('sessions carry their categories and worst severity, and filter by platform, host, shop, category, severity, date and text', async () => {
    const day = Date.parse('2026-11-20T12:00:00Z');
    await ingestBatch(db, { batchId: 'a', events: room('s1', 'demo', '小雅', '小雅旗舰店', day, '这款面霜可以治疗湿疹') }, { tabId: 1, pageTitle: '' }, analyze);
    await ingestBatch(db, { batchId: 'b', events: room('s2', 'douyin', '阿强', '强哥好物', day + 3 * 86_400_000, '欢迎来到直播间') }, { tabId: 2, pageTitle: '' }, analyze);
    const all = await listSessionSummaries(db);
    expect(all.map((s) => s.session.key)).toEqual(['s2', 's1']);
    expect(all.find((s) => s.session.key === 's1')).toMatchObject({ categories: ['medical_claims_nonmedical'], maxSeverity: 'critical', findingCount: 1 });
    const keys = (f: Parameters<typeof filterSessions>[1]) => filterSessions(all, f).map((s) => s.session.key);
    expect(keys({ platform: 'douyin' })).toEqual(['s2']);
    expect(keys({ host: '小雅' })).toEqual(['s1']);
    expect(keys({ shop: '强哥' })).toEqual(['s2']);
    expect(keys({ category: 'medical_claims_nonmedical' })).toEqual(['s1']);
    expect(keys({ severity: 'high' })).toEqual(['s1']);
    expect(keys({ from: day + 86_400_000 })).toEqual(['s2']);
    expect(keys({ text: '阿强的' })).toEqual(['s2']);
  });

  test('a session timeline lists events in order with their findings', async () => {
    await ingestBatch(db, { batchId: 'a', events: room('s1', 'demo', '小雅', '店', 1000, '这款面霜可以治疗湿疹') }, { tabId: 1, pageTitle: '' }, analyze);
    const items = await sessionTimeline(db, 's1');
    expect(items.map((i) => (i.kind === 'event' ? i.event.kind : 'snapshot'))).toEqual(['room', 'product', 'caption']);
    const cap = items[2]!;
    expect(cap.kind === 'event' && cap.findings.map((f) => f.match)).toEqual(['治疗']);
  });

  test('cases collect snapshot ids without duplicates', async () => {
    const c = await createCase(db, '面霜案');
    await addToCase(db, c.id, ['a', 'b']);
    await addToCase(db, c.id, ['b', 'c']);
    expect((await listCases(db))[0]).toMatchObject({ title: '面霜案', snapshotIds: ['a', 'b', 'c'], status: 'open' });
  });

  test('retention deletes old raw events without findings and keeps those with findings', async () => {
    await ingestBatch(db, { batchId: 'a', events: room('s1', 'demo', '小雅', '店', 1000, '这款面霜可以治疗湿疹') }, { tabId: 1, pageTitle: '' }, analyze, 5_000);
    expect(await pruneEvents(db, 10_000)).toBe(2);
    expect((await db.events.toArray()).map((e) => e.id)).toEqual(['s1-c']);
  });

  test('retention deletes the video-frame crops of pruned OCR events, not crops still referenced', async () => {
    const blob = async (name: string) => {
      const data = new TextEncoder().encode(name).buffer as ArrayBuffer;
      const sha256 = name.padEnd(64, '0');
      await db.blobs.put({ sha256, mime: 'image/png', size: data.byteLength, data });
      return sha256;
    };
    const [gone, shared, flagged] = [await blob('a1'), await blob('b2'), await blob('c3')];
    const ocr = (id: string, seq: number, text: string, sha256: string): LiveEvent => ({
      id, sessionKey: 's1', seq, observedAt: 1000 + seq, source: 'ocr', confidence: 0.9, kind: 'overlay',
      payload: { text, ocr: { kind: 'text', frame: 'canvas', box: { x: 0, y: 0, w: 10, h: 10 }, crop: { sha256, mime: 'image/png', size: 2, width: 8, height: 8 } } },
    });
    // Old: a sticker read once (crop gone with it), one whose crop a newer event shows again, one with a finding.
    await ingestBatch(db, { batchId: 'old', events: [...room('s1', 'demo', '小雅', '店', 1000, '欢迎'), ocr('o1', 3, '全场包邮', gone), ocr('o2', 4, '欢迎光临', shared), ocr('o3', 5, '可以治疗湿疹', flagged)] }, { tabId: 1, pageTitle: '' }, analyze, 5_000);
    await ingestBatch(db, { batchId: 'new', events: [ocr('o4', 6, '欢迎光临', shared)] }, { tabId: 1, pageTitle: '' }, analyze, 50_000);
    await pruneEvents(db, 10_000);
    expect((await db.events.toArray()).map((e) => e.id).sort()).toEqual(['o3', 'o4']);
    expect((await db.blobs.toArray()).map((b) => b.sha256).sort()).toEqual([shared, flagged].sort());
  });
});

describe('popup grouping', () => {
  test('findings on one line are shown together, worst first', () => {
    const f = (id: string, severity: string, start: number): FindingRow => ({ ...analyze({ event: { id: 'e', sessionKey: 's', observedAt: 1 }, channel: 'caption', text: '全网最低价可以治疗' })[0]!, id, severity, start, end: start + 2 });
    const groups = groupFindings([f('a', 'medium', 0), f('b', 'critical', 7), f('c', 'critical', 7)], 'zh-CN');
    expect(groups).toHaveLength(1);
    expect(groups[0]!.hits.map((h) => h.id)).toEqual(['b', 'a']);
    expect(groups[0]!.hits[0]!.categoryName).toBe('非医疗商品宣称治病');
  });
});

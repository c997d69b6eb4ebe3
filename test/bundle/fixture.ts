/**
 * Test fixture: a real evidence store (fake-indexeddb) filled through the real
 * lib/evidence functions, and real PNG screenshots.
 */
import { zlibSync } from 'fflate';
import { openDb, type FindingRow, type LiveProofDb } from '../../lib/evidence/db';
import { takeSnapshot } from '../../lib/evidence/snapshot';
import { ingestBatch } from '../../lib/evidence/store';
import type { LiveEvent } from '../../lib/protocol/types';

export const T0 = Date.parse('2026-11-23T12:00:00Z');
export const versions = { extension: '0.1.0', lexicon: 'lex-2026.11', browser: 'Chromium 140 (test)' };

const CRC = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(b: Uint8Array): number {
  let c = 0xffffffff;
  for (const x of b) c = CRC[(c ^ x) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** A valid 8×8 RGB PNG filled with one colour. */
export function png(r: number, g = 0, b = 0): Uint8Array {
  const w = 8;
  const raw = new Uint8Array((w * 3 + 1) * w);
  for (let y = 0; y < w; y++) for (let x = 0; x < w; x++) raw.set([r, g, b], y * (w * 3 + 1) + 1 + x * 3);
  const chunk = (type: string, data: Uint8Array) => {
    const out = new Uint8Array(12 + data.length);
    const dv = new DataView(out.buffer);
    dv.setUint32(0, data.length);
    out.set(new TextEncoder().encode(type), 4);
    out.set(data, 8);
    dv.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
    return out;
  };
  const ihdr = new Uint8Array(13);
  new DataView(ihdr.buffer).setUint32(0, w);
  new DataView(ihdr.buffer).setUint32(4, w);
  ihdr.set([8, 2, 0, 0, 0], 8);
  const parts = [new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', zlibSync(raw)), chunk('IEND', new Uint8Array(0))];
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

export const finding = (id: string, sessionKey: string, over: Partial<FindingRow> = {}): FindingRow => ({
  id,
  sessionKey,
  eventId: 'c2',
  observedAt: T0 + 80_000,
  channel: 'caption',
  text: '这款面霜可以治疗湿疹，三天见效',
  ruleId: 'med.disease_treatment',
  category: 'medical_claims_nonmedical',
  severity: 'critical',
  status: 'suspected',
  legalBasis: [{ law: '广告法', article: '17' }],
  explanation: { zh: '涉嫌非医疗商品宣称治疗疾病', en: 'suspected disease-treatment claim' },
  start: 6,
  end: 10,
  match: '治疗湿疹',
  normalized: '治疗湿疹',
  evasion: null,
  lexiconVersion: versions.lexicon,
  product: { title: '祛痘修护面霜', price: 99, originalPrice: 399, shop: '美肌旗舰店' },
  ...over,
});

export interface Room {
  sessionKey: string;
  platform?: 'douyin' | 'kuaishou' | 'demo';
  roomId?: string;
  host?: string;
  shop?: string;
}

/** Fills a session through ingestBatch; returns the snapshot ids taken with takeSnapshot. */
export async function fillRoom(db: LiveProofDb, room: Room, snapshots: { findings: FindingRow[]; shot: Uint8Array | null; at: number }[]): Promise<string[]> {
  const base = { sessionKey: room.sessionKey, source: 'dom' as const, confidence: 0.7 };
  const events: LiveEvent[] = [
    { ...base, id: `${room.sessionKey}-r`, seq: 0, observedAt: T0, kind: 'room', payload: { platform: room.platform ?? 'douyin', roomId: room.roomId ?? '7312345678', title: '美肌好物专场', host: room.host ?? '小美姐姐', url: `https://live.douyin.com/${room.roomId ?? '7312345678'}` } },
    { ...base, id: `${room.sessionKey}-p`, seq: 1, observedAt: T0 + 1, kind: 'product', payload: { title: '祛痘修护面霜', price: 99, originalPrice: 399, shop: room.shop ?? '美肌旗舰店' } },
    { ...base, id: `${room.sessionKey}-c1`, seq: 2, observedAt: T0 + 70_000, kind: 'caption', payload: { text: '欢迎来到直播间', final: true } },
    { ...base, id: `${room.sessionKey}-c2`, seq: 3, observedAt: T0 + 80_000, kind: 'caption', payload: { text: '这款面霜可以治疗湿疹，三天见效', final: true } },
  ];
  await ingestBatch(db, { batchId: `${room.sessionKey}-b`, events }, { tabId: 1, pageTitle: '美肌好物专场 - 抖音直播' });
  const ids: string[] = [];
  for (const s of snapshots) {
    const r = await takeSnapshot(db, {
      sessionKey: room.sessionKey,
      tabId: 1,
      trigger: 'auto',
      findings: s.findings,
      screenshot: s.shot ? { data: s.shot.slice().buffer, mime: 'image/png' } : null,
      ...(s.shot ? {} : { screenshotNote: 'tab not visible' }),
      versions,
      now: new Date(s.at),
      monotonicMs: s.at - T0,
    });
    ids.push(r.id);
  }
  return ids;
}

let n = 0;
/** A store with one douyin room and three snapshots (two with screenshots), plus a second room. */
export async function standardStore(name = `bundle-${++n}-${Math.random().toString(36).slice(2)}`): Promise<{ db: LiveProofDb; ids: string[]; otherIds: string[] }> {
  const db = openDb(name);
  const ids = await fillRoom(db, { sessionKey: 's1' }, [
    { findings: [finding('f1', 's1')], shot: png(200), at: T0 + 90_000 },
    {
      findings: [
        finding('f2', 's1', {
          text: '全网最低价，今天只要99',
          match: '全网最低价',
          start: 0,
          end: 5,
          category: 'price_fraud',
          severity: 'high',
          ruleId: 'price.lowest',
          legalBasis: [{ law: '明码标价和禁止价格欺诈规定', article: '19' }, { law: '广告法', article: '9', item: '3' }],
          explanation: { zh: '涉嫌使用无依据的价格比较', en: 'baseless price comparison' },
        }),
      ],
      shot: png(10, 200),
      at: T0 + 95_000,
    },
    { findings: [finding('f3', 's1', { text: '国家级产品，最好用', match: '最好', start: 6, end: 8, category: 'absolute_terms', severity: 'medium', legalBasis: [{ law: '广告法', article: '9', item: '3' }], explanation: { zh: '涉嫌使用绝对化用语', en: 'absolute terms' } })], shot: null, at: T0 + 99_000 },
  ]);
  const otherIds = await fillRoom(db, { sessionKey: 's2', platform: 'kuaishou', roomId: 'ks-888', host: '老王', shop: '老王百货' }, [
    { findings: [finding('g1', 's2', { product: { title: '保健茶', price: 59, shop: '老王百货' }, category: 'health_food_claims', severity: 'high' })], shot: png(1, 2, 3), at: T0 + 120_000 },
  ]);
  return { db, ids, otherIds };
}

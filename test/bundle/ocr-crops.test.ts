/**
 * A finding read from the picture (OCR) carries the video-frame crop it was read from all the way into
 * the complaint bundle: stored with the event, referenced by the snapshot (hash-chained), shipped as an
 * image in the ZIP, shown in the report, checked by the reader and kept by a merge.
 */
import { afterAll, beforeAll, expect, test } from 'vitest';
import { mergeBundles } from '../../lib/bundle/merge';
import { readBundle, type ReadOk } from '../../lib/bundle/read';
import { openDb, type LiveProofDb } from '../../lib/evidence/db';
import { sha256Bytes } from '../../lib/evidence/hash';
import { exportBundle } from '../../lib/evidence/export';
import { putOcrCrop } from '../../lib/evidence/ocr-crops';
import { takeSnapshot } from '../../lib/evidence/snapshot';
import { ingestBatch } from '../../lib/evidence/store';
import { T0, finding, fillRoom, png, versions } from './fixture';
import { dec, members, repack } from './tamper';

let db: LiveProofDb;
let bundle: Uint8Array;
let cropSha: string;
const crop = png(250, 235, 59);

beforeAll(async () => {
  db = openDb(`ocr-crops-${Math.random().toString(36).slice(2)}`);
  await fillRoom(db, { sessionKey: 's1' }, []);
  const stored = await putOcrCrop(db, crop.slice().buffer, 'image/png');
  cropSha = stored.sha256;
  const ocrInfo = { kind: 'text' as const, frame: 'canvas' as const, box: { x: 20, y: 60, w: 230, h: 56 }, crop: { sha256: stored.sha256, mime: 'image/png' as const, size: stored.size, width: 8, height: 8 } };
  await ingestBatch(
    db,
    { batchId: 'ocr-b', events: [{ id: 'ocr-1', sessionKey: 's1', seq: 10, observedAt: T0 + 85_000, source: 'ocr', confidence: 0.97, kind: 'overlay', payload: { text: '全网最低价', ocr: ocrInfo } }] },
    { tabId: 1, pageTitle: '美肌好物专场 - 抖音直播' },
  );
  const f = finding('o1', 's1', { eventId: 'ocr-1', channel: 'overlay', text: '全网最低价', match: '全网最低价', start: 0, end: 5, category: 'price_fraud', severity: 'high' });
  await takeSnapshot(db, { sessionKey: 's1', tabId: 1, trigger: 'auto', findings: [f], screenshot: { data: png(9).slice().buffer, mime: 'image/png' }, versions, now: new Date(T0 + 90_000), monotonicMs: 90_000 });
  bundle = (await exportBundle(db, { sessionKey: 's1' }, { now: new Date(T0 + 100_000) })).bytes;
});
afterAll(() => db.delete());

async function ok(bytes: Uint8Array): Promise<ReadOk> {
  const r = await readBundle(bytes);
  if (!r.ok) throw new Error(`${r.error.path}: ${r.error.reason}`);
  return r;
}

test('the crop is in the bundle, hashing to the name the chained record gives it, and in the report', async () => {
  const r = await ok(bundle);
  expect(r.records[0]!.content.ocrCrops).toEqual([expect.objectContaining({ eventId: 'ocr-1', sha256: cropSha })]);
  const file = r.files.get(`screenshots/${cropSha}.png`)!;
  expect(file).toBeDefined();
  expect(await sha256Bytes(file)).toBe(cropSha);
  expect(r.screenshots.size).toBe(2); // the tab screenshot and the crop
  const report = dec.decode(r.files.get('report.html')!);
  expect(report).toContain('画面截取 SHA-256');
  expect(report).toContain(cropSha);
  expect(report.match(/<img class="shot"/g)).toHaveLength(2);
});

test('a bundle without its crop, or with the crop swapped, fails and names it', async () => {
  const path = `screenshots/${cropSha}.png`;
  const without = await readBundle(repack(members(bundle).filter(([p]) => p !== path)));
  expect(without.ok).toBe(false);
  const swapped = await readBundle(repack(members(bundle).map(([p, b]) => [p, p === path ? png(1, 1, 1) : b])));
  expect(swapped.ok).toBe(false);
  expect(JSON.stringify(swapped)).toContain(path);
});

test('a merge keeps the crop', async () => {
  const merged = await ok((await mergeBundles([await ok(bundle)], { createdAt: '2026-11-24T10:00:00.000+08:00', tool: { version: '0.1.0' } })).bytes);
  expect(merged.files.get(`screenshots/${cropSha}.png`)).toBeDefined();
});

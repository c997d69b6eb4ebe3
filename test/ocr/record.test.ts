/**
 * Recording OCR reads (lib/ocr/record.ts) into the real evidence store (fake-indexeddb):
 * events with source 'ocr', the crop as a blob, findings from the lexicon and the
 * contact extractor, and no second event for text still on screen. Plus the
 * setOcr page message and the frame grabber's schema.
 */
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { createMessageHandler } from '../../lib/background/handlers';
import { createEventAnalyzer } from '../../lib/background/event-analyzer';
import { openDb, type LiveProofDb } from '../../lib/evidence/db';
import { ingestBatch } from '../../lib/evidence/store';
import { loadCompiledLexicon } from '../../lib/lexicon/compiled';
import { recordReads, pngSize } from '../../lib/ocr/record';
import { GrabberMessageSchema } from '../../lib/ocr/schemas';
import { TextMerger } from '../../lib/ocr/text';
import { LiveEventSchema } from '../../lib/protocol/schemas';
import compiledJson from '../../lexicons/compiled/lexicon.json';

const EXT_ID = 'abcdefghijklmnopabcdefghijklmnop';
const ORIGIN = `chrome-extension://${EXT_ID}/`;
const content = { id: EXT_ID, url: 'http://127.0.0.1:8848/room.html', origin: 'http://127.0.0.1:8848', tab: { id: 7, title: '示例直播间' } };
const page = { id: EXT_ID, url: `${ORIGIN}popup.html`, origin: `chrome-extension://${EXT_ID}` };

/** A 2×1 PNG (real bytes: IHDR says 2 × 1). */
const PNG = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAIAAAABCAYAAAD0In+KAAAAEUlEQVR4nGP8z8DwnwEIGBkZAAX0AgG3wq9dAAAAAElFTkSuQmCC';

let db: LiveProofDb;
let n = 0;
beforeEach(() => {
  db = openDb(`ocr-test-${++n}`);
});
afterEach(async () => {
  await db.delete();
});

const lexicon = loadCompiledLexicon(compiledJson);

async function room(): Promise<void> {
  const base = { sessionKey: 'demo:s1', source: 'dom' as const, confidence: 0.7 };
  await ingestBatch(db, { batchId: 'b0', events: [{ ...base, id: 'r1', seq: 5, observedAt: 1_700_000_000_000, kind: 'room', payload: { platform: 'demo', roomId: 'demo-1', title: '测试直播间', host: '测试主播', url: 'http://127.0.0.1/room.html' } }] }, { tabId: 7, pageTitle: 't' });
}

function env() {
  const mergers = new Map<number, TextMerger>();
  return {
    db,
    analyze: createEventAnalyzer(lexicon),
    lexiconVersion: lexicon.lexiconVersion,
    mergerFor: (tab: number) => mergers.get(tab) ?? mergers.set(tab, new TextMerger()).get(tab)!,
    now: () => 1_700_000_001_000,
  };
}

describe('recording OCR reads', () => {
  test('a subtitle read becomes an OCR caption with its crop stored, analysed, and is not recorded twice', async () => {
    await room();
    const e = env();
    const read = { box: { x: 0, y: 294.4, w: 303, h: 56 }, subtitle: true, image: PNG, lines: [{ text: '这款面霜可以治疗湿疹', confidence: 0.99 }], qr: [] };
    const r = await recordReads(e, { tabId: 7, pageTitle: 't' }, 'canvas', [read]);
    expect(r.events).toHaveLength(1);
    const ev = r.events[0]!;
    expect(ev).toMatchObject({ kind: 'caption', source: 'ocr', confidence: 0.99, sessionKey: 'demo:s1', seq: 6, payload: { text: '这款面霜可以治疗湿疹', final: true } });
    expect(LiveEventSchema.safeParse(ev).success).toBe(true);
    const crop = ev.kind === 'caption' ? ev.payload.ocr!.crop! : null;
    expect(crop).toMatchObject({ mime: 'image/png', width: 2, height: 1 });
    const blob = await db.blobs.get(crop!.sha256);
    expect(blob?.size).toBe(crop!.size);
    expect(r.findings.length).toBeGreaterThan(0);
    expect(r.findings.every((f) => f.eventId === ev.id)).toBe(true);
    expect(await db.findings.where('eventId').equals(ev.id).count()).toBe(r.findings.length);

    const again = await recordReads(e, { tabId: 7, pageTitle: 't' }, 'canvas', [read]);
    expect(again.events).toEqual([]);
    expect((await db.events.toArray()).filter((x) => x.source === 'ocr')).toHaveLength(1);
  });

  test('a QR code becomes an overlay with an off-platform finding; a contact in a sticker too', async () => {
    await room();
    const r = await recordReads(env(), { tabId: 7, pageTitle: 't' }, 'canvas', [
      { box: { x: 444, y: 0, w: 196, h: 180 }, subtitle: false, image: PNG, lines: [], qr: ['https://u.wechat.com/EXAMPLE'] },
      { box: { x: 0, y: 44, w: 206, h: 89 }, subtitle: false, image: PNG, lines: [{ text: '加微信 lp2026demo', confidence: 0.95 }], qr: [] },
    ]);
    expect(r.events.map((e) => [e.kind, 'text' in e.payload ? e.payload.text : ''])).toEqual([
      ['overlay', '二维码：https://u.wechat.com/EXAMPLE'],
      ['overlay', '加微信 lp2026demo'],
    ]);
    expect(r.findings.find((f) => f.ruleId === 'ocr.qr_code_contact')).toMatchObject({ eventId: r.events[0]!.id, severity: 'high' });
    expect(r.findings.find((f) => f.ruleId === 'ocr.contact_on_screen')).toMatchObject({ eventId: r.events[1]!.id, normalized: 'lp2026demo' });
  });

  test('contact findings follow the categories the user switched off', async () => {
    await room();
    const r = await recordReads({ ...env(), disabledCategories: () => ['off_platform_inducement'] }, { tabId: 7, pageTitle: 't' }, 'canvas', [
      { box: { x: 444, y: 0, w: 196, h: 180 }, subtitle: false, image: PNG, lines: [], qr: ['https://u.wechat.com/EXAMPLE'] },
    ]);
    expect(r.events).toHaveLength(1);
    expect(r.findings.filter((f) => f.ruleId.startsWith('ocr.'))).toEqual([]);
  });

  test('nothing is recorded for a tab with no recognised room', async () => {
    const r = await recordReads(env(), { tabId: 9, pageTitle: 't' }, 'canvas', [{ box: { x: 0, y: 0, w: 1, h: 1 }, subtitle: false, image: PNG, lines: [{ text: '全网最低价', confidence: 0.9 }], qr: [] }]);
    expect(r).toEqual({ events: [], findings: [] });
    expect(await db.events.count()).toBe(0);
  });

  test('png size', () => {
    expect(pngSize(new Uint8Array([1, 2, 3]).buffer)).toEqual({ width: 0, height: 0 });
  });
});

describe('setOcr page message', () => {
  test('from an extension page it switches OCR; from a content script or malformed it is refused', async () => {
    const calls: boolean[] = [];
    const handle = createMessageHandler({ db, extensionId: EXT_ID, extensionOrigin: ORIGIN, setOcr: async (on) => (calls.push(on), on) });
    expect(await handle({ type: 'setOcr', on: true }, page)).toEqual({ ok: true, ocr: true });
    expect(await handle({ type: 'setOcr', on: true }, content)).toMatchObject({ ok: false });
    expect(await handle({ type: 'setOcr', on: 'yes' }, page)).toMatchObject({ ok: false });
    expect(await handle({ type: 'setOcr', on: false, extra: 1 }, page)).toMatchObject({ ok: false });
    expect(calls).toEqual([true]);
  });

  test('without OCR support (Firefox) the message is answered with an error', async () => {
    const handle = createMessageHandler({ db, extensionId: EXT_ID, extensionOrigin: ORIGIN });
    expect(await handle({ type: 'setOcr', on: true }, page)).toMatchObject({ ok: false });
  });
});

describe('frame grabber messages', () => {
  const crop = { box: { x: 0, y: 0, w: 10, h: 10 }, subtitle: false, image: PNG };
  test('crops of PNG data URLs are accepted; anything else is not', () => {
    expect(GrabberMessageSchema.safeParse({ type: 'crops', frame: 'canvas', width: 640, height: 360, crops: [crop] }).success).toBe(true);
    expect(GrabberMessageSchema.safeParse({ type: 'crops', frame: 'canvas', width: 640, height: 360, crops: [{ ...crop, image: 'https://evil.example/x.png' }] }).success).toBe(false);
    expect(GrabberMessageSchema.safeParse({ type: 'crops', frame: 'canvas', width: 640, height: 360, crops: Array(9).fill(crop) }).success).toBe(false);
    expect(GrabberMessageSchema.safeParse({ type: 'tainted', rect: { x: 0, y: 0, w: 640, h: 360 }, dpr: 2 }).success).toBe(true);
    expect(GrabberMessageSchema.safeParse({ type: 'tainted', rect: { x: -5, y: 0, w: -640, h: 360 }, dpr: 2 }).success).toBe(false);
    expect(GrabberMessageSchema.safeParse({ type: 'tainted', rect: { x: 0, y: 0, w: 640, h: 360 }, dpr: 0 }).success).toBe(false);
  });
});

import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { createMessageHandler } from '../../lib/background/handlers';
import { openDb, type LiveProofDb } from '../../lib/evidence/db';
import type { TabState } from '../../lib/evidence/store';
import type { EventsAck, LiveEvent } from '../../lib/protocol/types';

const EXT_ID = 'abcdefghijklmnopabcdefghijklmnop';
const ORIGIN = `chrome-extension://${EXT_ID}/`;
const content = { id: EXT_ID, url: 'http://127.0.0.1:8848/room.html', origin: 'http://127.0.0.1:8848', tab: { id: 7, title: '示例直播间' } };
const page = { id: EXT_ID, url: `${ORIGIN}popup.html`, origin: `chrome-extension://${EXT_ID}` };

let db: LiveProofDb;
let n = 0;
beforeEach(() => {
  db = openDb(`test-${++n}`);
});
afterEach(async () => {
  await db.delete();
});

function events(): LiveEvent[] {
  const base = { sessionKey: 'demo:s1', source: 'dom' as const, confidence: 0.7 };
  return [
    { ...base, id: 'r1', seq: 0, observedAt: 1_700_000_000_000, kind: 'room', payload: { platform: 'demo', roomId: 'demo-1', title: '测试直播间', host: '测试主播', url: 'http://127.0.0.1/room.html' } },
    { ...base, id: 'p1', seq: 1, observedAt: 1_700_000_000_100, kind: 'product', payload: { title: '面霜', price: 99, originalPrice: 399 } },
    { ...base, id: 'c1', seq: 2, observedAt: 1_700_000_000_200, kind: 'caption', payload: { text: '欢迎来到直播间', final: true } },
  ];
}

describe('background message handling', () => {
  test('stores a valid batch from a content script and acknowledges it; a resend stores nothing twice', async () => {
    const handle = createMessageHandler({ db, extensionId: EXT_ID, extensionOrigin: ORIGIN });
    const msg = { type: 'events', batch: { batchId: 'b1', events: events() } };
    const ack = (await handle(msg, content)) as EventsAck;
    expect(ack).toEqual({ ok: true, batchId: 'b1', stored: 3, duplicates: 0 });
    const again = (await handle(msg, content)) as EventsAck;
    expect(again).toEqual({ ok: true, batchId: 'b1', stored: 0, duplicates: 3 });
    expect(await db.events.count()).toBe(3);

    const state = (await handle({ type: 'tabState', tabId: 7 }, page)) as TabState;
    expect(state.eventCount).toBe(3);
    expect(state.session?.title).toBe('测试直播间');
    expect(state.session?.product?.originalPrice).toBe(399);
  });

  test('refuses malformed batches with a reason and stores nothing', async () => {
    const handle = createMessageHandler({ db, extensionId: EXT_ID, extensionOrigin: ORIGIN });
    const bad = events();
    (bad[2] as { payload: unknown }).payload = { text: 42, final: true };
    const reply = await handle({ type: 'events', batch: { batchId: 'b1', events: bad } }, content);
    expect(reply).toMatchObject({ ok: false });
    expect((reply as { error: string }).error).toContain('events.2.payload.text');
    expect(await db.events.count()).toBe(0);
  });

  test('refuses messages from other extensions, and page-only requests from content scripts', async () => {
    const handle = createMessageHandler({ db, extensionId: EXT_ID, extensionOrigin: ORIGIN });
    const msg = { type: 'events', batch: { batchId: 'b1', events: events() } };
    expect(await handle(msg, { ...content, id: 'someone-else' })).toEqual({ ok: false, error: 'unknown sender' });
    // A content script (a web page's world) may not read other tabs' evidence.
    const reply = await handle({ type: 'tabState', tabId: 7 }, content);
    expect(reply).toMatchObject({ ok: false });
    expect(await db.events.count()).toBe(0);
  });

  test('bounded fields: a hostile page cannot make us store a megabyte caption', async () => {
    const handle = createMessageHandler({ db, extensionId: EXT_ID, extensionOrigin: ORIGIN });
    const ev = events();
    (ev[2] as { payload: { text: string } }).payload.text = '最'.repeat(1_000_000);
    expect(await handle({ type: 'events', batch: { batchId: 'b', events: ev } }, content)).toMatchObject({ ok: false });
  });

  test('sites: only extension pages may enable or remove a site, and only a well-formed site pattern is removed', async () => {
    const calls: string[] = [];
    let list = ['https://a.example.test/*'];
    const handle = createMessageHandler({
      db,
      extensionId: EXT_ID,
      extensionOrigin: ORIGIN,
      sites: {
        enable: async (tabId) => (calls.push(`enable ${tabId}`), { injected: true }),
        list: async () => list,
        disable: async (p) => {
          calls.push(`disable ${p}`);
          list = list.filter((x) => x !== p);
        },
      },
    });
    expect(await handle({ type: 'enableSite', tabId: 7 }, page)).toEqual({ ok: true, sites: list, injected: true });
    // a web page (through a content script) cannot add or remove sites
    expect(await handle({ type: 'enableSite', tabId: 7 }, content)).toMatchObject({ ok: false });
    expect(await handle({ type: 'disableSite', pattern: 'https://a.example.test/*' }, content)).toMatchObject({ ok: false });
    for (const pattern of ['<all_urls>', 'https://*/*', 'https://a.example.test/path/*', 'javascript:alert(1)']) {
      expect(await handle({ type: 'disableSite', pattern }, page), pattern).toMatchObject({ ok: false });
    }
    expect(await handle({ type: 'disableSite', pattern: 'https://a.example.test/*' }, page)).toEqual({ ok: true, sites: [] });
    expect(calls).toEqual(['enable 7', 'disable https://a.example.test/*']);
  });
});

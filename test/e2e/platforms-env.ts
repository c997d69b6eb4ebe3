/**
 * Shared set-up for the platform e2e tests: an HTTPS fixture server that
 * answers for the platforms' real host names (the browser maps them to it),
 * the routes for every fixture page and network fixture, and a read-only look
 * at what the background stored for a tab.
 */
import { readFileSync } from 'node:fs';
import { brotliCompressSync } from 'node:zlib';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { startDemoServer, type DemoServer, type Route } from '../demo-room/server';
import { biliCommands, caption, chat, control, popProduct, productChange, pushFrame, response, roomMessage, viewers } from '../platforms/encode';
import { launchWithExtension, selfSignedCert, type ExtensionBrowser } from './harness';
import type { LiveEvent } from '../../lib/protocol/types';

export const HOSTS = [
  'live.douyin.com', 'www.douyin.com', 'webcast5-ws-web-lf.douyin.com',
  'www.tiktok.com', 'webcast16-ws-useast1a.tiktok.com',
  'www.youtube.com',
  'live.bilibili.com', 'api.live.bilibili.com', 'broadcastlv.chat.bilibili.com',
  'tbzb.taobao.com', 'h5api.m.taobao.com',
  'live.kuaishou.com',
  'lives.jd.com', 'api.m.jd.com',
  'www.xiaohongshu.com',
];

const P = 'platforms/';
const fixture = (p: string) => readFileSync(resolve(import.meta.dirname, '../fixtures/platforms', p), 'utf8');

export function platformRoutes(): Route[] {
  const biliCmds = (JSON.parse(fixture('bilibili/commands.json')) as { commands: unknown[] }).commands;
  return [
    // Douyin: DOM-fed room, network-fed room, drift variant under www.douyin.com/follow/live.
    { host: 'live.douyin.com', path: '/7012345678', file: `${P}douyin/room.html` },
    { host: 'live.douyin.com', path: '/7012345679', file: `${P}douyin/net.html` },
    { host: 'www.douyin.com', path: '/follow/live/7012345680', file: `${P}douyin/drift-rehashed.html` },
    { host: 'live.douyin.com', path: '/webcast/room/web/enter/', file: `${P}douyin/enter.json` },
    { host: 'live.douyin.com', path: '/live/promotions/pop/v3/', file: `${P}douyin/pop-v3.json` },
    {
      host: 'live.douyin.com',
      path: '/webcast/im/fetch/',
      type: 'application/x-protobuf',
      body: response([chat('观众甲', '有大码吗'), viewers(11000)]),
    },
    {
      host: 'webcast5-ws-web-lf.douyin.com',
      path: '/webcast/im/push/v2/',
      ws: [pushFrame([chat('观众丁', '保温能保多久'), productChange(), roomMessage('欢迎来到直播间，请理性消费')]), pushFrame([control(3)])],
    },
    // TikTok.
    { host: 'www.tiktok.com', path: '/@demo/live', file: `${P}tiktok/room.html` },
    { host: 'www.tiktok.com', path: '/@demo2/live', file: `${P}tiktok/net.html` },
    {
      host: 'webcast16-ws-useast1a.tiktok.com',
      path: '/webcast/im/push/v2/',
      ws: [
        pushFrame([caption('今天给大家', false), caption('今天给大家推荐这款耳机', true)]),
        pushFrame([popProduct({ id: 'p1', title: '示例品牌 无线耳机 降噪款', price: '$19.99', original: '$39.99' }), chat('viewer_a', 'how long is the battery')]),
      ],
    },
    // YouTube.
    { host: 'www.youtube.com', path: '/watch', file: `${P}youtube/room.html` },
    // Bilibili.
    { host: 'live.bilibili.com', path: '/21000001', file: `${P}bilibili/room.html` },
    { host: 'live.bilibili.com', path: '/21000002', file: `${P}bilibili/net.html` },
    { host: 'api.live.bilibili.com', path: '/xlive/web-room/v1/index/getInfoByRoom', file: `${P}bilibili/info.json` },
    // zlib (ver 2) for the card and the first comment, brotli (ver 3) for the second: both must be read
    {
      host: 'broadcastlv.chat.bilibili.com',
      path: '/sub',
      ws: [biliCommands(biliCmds.slice(0, 2), 2), biliCommands(biliCmds.slice(2), 3, (b) => new Uint8Array(brotliCompressSync(b)))],
    },
    // Taobao.
    { host: 'tbzb.taobao.com', path: '/live', query: 'liveId=500001', file: `${P}taobao/room.html` },
    { host: 'tbzb.taobao.com', path: '/live', query: 'liveId=500002', file: `${P}taobao/net.html` },
    { host: 'h5api.m.taobao.com', path: '/h5/mtop.taobao.iliad.comment.query.latest/*', file: `${P}taobao/comments.jsonp.js` },
    { host: 'h5api.m.taobao.com', path: '/h5/mtop.mediaplatform.live.livedetail/*', file: `${P}taobao/livedetail.json` },
    { host: 'h5api.m.taobao.com', path: '/h5/mtop.mediaplatform.video.livedetail.itemlist/*', file: `${P}taobao/itemlist.json` },
    // Kuaishou, JD, Xiaohongshu.
    { host: 'live.kuaishou.com', path: '/u/3x000001', file: `${P}kuaishou/room.html` },
    { host: 'lives.jd.com', path: '/', file: `${P}jd/room.html` },
    { host: 'api.m.jd.com', path: '/api', file: `${P}jd/detail.json` },
    { host: 'www.xiaohongshu.com', path: '/livestream/560001', file: `${P}xiaohongshu/room.html` },
  ];
}

export interface PlatformEnv {
  server: DemoServer;
  browser: ExtensionBrowser;
  close(): Promise<void>;
}

export async function startPlatformEnv(extraRoutes: Route[] = []): Promise<PlatformEnv> {
  const server = await startDemoServer(0, { https: selfSignedCert(HOSTS), routes: [...extraRoutes, ...platformRoutes()] });
  const browser = await launchWithExtension({ mapHosts: { hosts: HOSTS, port: server.port } });
  return {
    server,
    browser,
    async close() {
      await browser.close();
      await server.close();
    },
  };
}

export type StoredEvent = LiveEvent & { tabId: number };

/**
 * Every event the background stored for a tab, read straight from the
 * extension's IndexedDB in an extension page (read-only; no extension code
 * involved, so nothing was added to the message protocol for it).
 */
export async function storedEvents(extPage: Page, tabId: number): Promise<StoredEvent[]> {
  return extPage.evaluate(
    (id) =>
      new Promise<StoredEvent[]>((ok, fail) => {
        const req = indexedDB.open('liveproof');
        req.onerror = () => fail(req.error);
        req.onsuccess = () => {
          const db = req.result;
          if (!db.objectStoreNames.contains('events')) {
            db.close();
            return ok([]);
          }
          const all = db.transaction('events').objectStore('events').getAll();
          all.onsuccess = () => {
            db.close();
            ok((all.result as StoredEvent[]).filter((e) => e.tabId === id).sort((a, b) => a.observedAt - b.observedAt || a.seq - b.seq));
          };
          all.onerror = () => fail(all.error);
        };
      }),
    tabId,
  );
}

export async function extensionPage(browser: ExtensionBrowser): Promise<Page> {
  const page = await browser.context.newPage();
  await page.goto(`chrome-extension://${browser.extensionId}/popup.html?tabId=0`);
  return page;
}

export const texts = (events: StoredEvent[], kind: LiveEvent['kind']) =>
  events.filter((e) => e.kind === kind).map((e) => (e.payload as { text: string }).text);

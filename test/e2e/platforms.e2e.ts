/**
 * Every platform adapter end to end, under the platforms' real host names
 * (mapped to the local HTTPS fixture server; nothing else resolves): the room,
 * the product card with both prices, and comments or captions reach the
 * background. DOM-fed pages and network-fed pages (the MAIN-world tap: fetch,
 * XHR, WebSocket with ArrayBuffer and Blob frames, JSONP) both.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { extensionPage, startPlatformEnv, storedEvents, texts, type PlatformEnv, type StoredEvent } from './platforms-env';
import type { ProductPayload, RoomPayload } from '../../lib/protocol/types';

let env: PlatformEnv;
let ext: Page;

beforeAll(async () => {
  env = await startPlatformEnv();
  ext = await extensionPage(env.browser);
});

afterAll(async () => {
  const off = env?.browser.offMachine() ?? [];
  await env?.close();
  expect(off, `requests off the machine: ${JSON.stringify(off)}`).toEqual([]);
});

interface Case {
  url: string;
  platform: string;
  host?: string;
  title?: string;
  product: { title: string; price: number; originalPrice: number; source?: string };
  comments?: string[];
  captions?: string[];
  notices?: string[];
  roomSource?: string;
  commentSource?: string;
}

async function visit(url: string): Promise<{ page: Page; tabId: number }> {
  const page = await env.browser.context.newPage();
  await page.goto(url);
  return { page, tabId: await env.browser.tabIdOf(url) };
}

/** Polls the stored events until `check` passes (it throws until then). */
async function until(tabId: number, check: (ev: StoredEvent[]) => void, timeout = 20_000): Promise<StoredEvent[]> {
  let last: StoredEvent[] = [];
  await expect
    .poll(
      async () => {
        last = await storedEvents(ext, tabId);
        try {
          check(last);
          return true;
        } catch {
          return false;
        }
      },
      { timeout, interval: 300 },
    )
    .toBe(true);
  check(last);
  return last;
}

function checkCase(c: Case, ev: StoredEvent[]): void {
  const rooms = ev.filter((e) => e.kind === 'room').map((e) => e.payload as RoomPayload);
  expect(rooms.length).toBeGreaterThan(0);
  expect(rooms.every((r) => r.platform === c.platform)).toBe(true);
  if (c.host) expect(rooms.map((r) => r.host)).toContain(c.host);
  if (c.title) expect(rooms.map((r) => r.title)).toContain(c.title);
  if (c.roomSource) expect(ev.filter((e) => e.kind === 'room').map((e) => e.source)).toContain(c.roomSource);
  const products = ev.filter((e) => e.kind === 'product');
  const match = products.find((e) => {
    const p = e.payload as ProductPayload;
    return p.title === c.product.title && p.price === c.product.price && p.originalPrice === c.product.originalPrice;
  });
  expect(match, JSON.stringify(products.map((e) => [e.source, e.payload]))).toBeDefined();
  if (c.product.source) expect(match!.source).toBe(c.product.source);
  for (const t of c.comments ?? []) expect(texts(ev, 'comment')).toContain(t);
  for (const t of c.captions ?? []) expect(texts(ev, 'caption')).toContain(t);
  for (const t of c.notices ?? []) expect(texts(ev, 'notice')).toContain(t);
  if (c.commentSource) expect(ev.filter((e) => e.kind === 'comment').every((e) => e.source === c.commentSource)).toBe(true);
  // One session per visit.
  expect(new Set(ev.map((e) => e.sessionKey)).size).toBe(1);
}

const DOM_CASES: Case[] = [
  {
    url: 'https://live.douyin.com/7012345678',
    platform: 'douyin',
    host: '示例主播',
    product: { title: '示例品牌 保温杯 500ml 316不锈钢', price: 59.9, originalPrice: 99, source: 'dom' },
    comments: ['有大码吗', '这个杯子保温多久'],
  },
  {
    url: 'https://www.douyin.com/follow/live/7012345680',
    platform: 'douyin',
    host: '示例主播',
    product: { title: '示例品牌 保温杯 500ml 316不锈钢', price: 59.9, originalPrice: 99 },
    comments: ['有大码吗'],
  },
  {
    url: 'https://www.tiktok.com/@demo/live',
    platform: 'tiktok',
    host: '示例主播',
    roomSource: 'state',
    product: { title: '示例品牌 无线耳机 降噪款', price: 199, originalPrice: 399 },
    comments: ['续航多久'],
  },
  {
    url: 'https://www.youtube.com/watch?v=demo123',
    platform: 'youtube',
    title: '示例频道 秋季好物直播',
    host: '示例频道',
    product: { title: '示例品牌 电动牙刷 声波款', price: 129, originalPrice: 259 },
    captions: ['大家好欢迎来到直播间', '这款牙刷今天直播间特价', '刷毛很软适合敏感牙龈'],
  },
  {
    url: 'https://live.bilibili.com/21000001',
    platform: 'bilibili',
    title: '示例UP 数码好物分享',
    product: { title: '示例品牌 机械键盘 87键', price: 299, originalPrice: 459 },
    comments: ['键盘什么轴'],
  },
  {
    url: 'https://tbzb.taobao.com/live?liveId=500001',
    platform: 'taobao',
    title: '示例店铺 秋冬羊毛衫专场',
    product: { title: '示例品牌 羊毛开衫 女款', price: 168, originalPrice: 328 },
    comments: ['起球吗'],
  },
  {
    url: 'https://live.kuaishou.com/u/3x000001',
    platform: 'kuaishou',
    title: '示例老铁 厨房好物',
    roomSource: 'state',
    product: { title: '示例品牌 不粘锅 28cm 家用', price: 89, originalPrice: 169, source: 'heuristic' },
    comments: ['电磁炉能用吗'],
  },
  {
    url: 'https://lives.jd.com/#/12345678/live',
    platform: 'jd',
    title: '示例旗舰店 家电节直播',
    product: { title: '示例品牌 空气炸锅 5L 大容量', price: 299, originalPrice: 499 },
    comments: ['能炸薯条吗'],
  },
  {
    url: 'https://www.xiaohongshu.com/livestream/560001',
    platform: 'xiaohongshu',
    title: '示例博主 护肤好物分享',
    host: '示例博主',
    roomSource: 'state',
    product: { title: '示例品牌 保湿面霜 50ml', price: 139, originalPrice: 239 },
    comments: ['干皮能用吗'],
  },
];

describe('DOM-fed rooms', () => {
  test.each(DOM_CASES.map((c) => [c.url, c] as const))('%s', async (_url, c) => {
    const { page, tabId } = await visit(c.url);
    await until(tabId, (ev) => checkCase(c, ev));
    await page.close();
  });
});

describe('network-fed rooms (MAIN-world tap)', () => {
  test('Douyin: pop/v3 by fetch, im/fetch protobuf by XHR, PushFrames by WebSocket, then the room ends', async () => {
    const { page, tabId } = await visit('https://live.douyin.com/7012345679');
    const ev = await until(tabId, (e) => {
      checkCase(
        {
          url: '',
          platform: 'douyin',
          title: '示例主播 保温杯专场',
          roomSource: 'http',
          product: { title: '示例品牌 保温杯 500ml 316不锈钢', price: 59.9, originalPrice: 99, source: 'http' },
          comments: ['有大码吗', '保温能保多久'],
          notices: ['欢迎来到直播间，请理性消费'],
        },
        e,
      );
      expect(e.filter((x) => x.kind === 'room').map((x) => (x.payload as RoomPayload).status)).toContain('ended');
    });
    // Comments from the XHR body (http) and from the socket (ws), in the same session.
    expect(new Set(ev.filter((e) => e.kind === 'comment').map((e) => e.source))).toEqual(new Set(['http', 'ws']));
    const viewers = ev.filter((e) => e.kind === 'room').map((e) => (e.payload as RoomPayload).viewers);
    expect(viewers).toContain(11000);
    await page.close();
  });

  test('TikTok: captions (interim coalesced into the final) and the shop card over a Blob WebSocket', async () => {
    const { page, tabId } = await visit('https://www.tiktok.com/@demo2/live');
    const ev = await until(tabId, (e) =>
      checkCase(
        {
          url: '',
          platform: 'tiktok',
          host: '示例主播',
          product: { title: '示例品牌 无线耳机 降噪款', price: 19.99, originalPrice: 39.99, source: 'ws' },
          captions: ['今天给大家推荐这款耳机'],
          comments: ['how long is the battery'],
        },
        e,
      ),
    );
    expect(texts(ev, 'caption')).not.toContain('今天给大家');
    expect(ev.find((e) => e.kind === 'caption')!.source).toBe('ws');
    await page.close();
  });

  test('Bilibili: zlib and brotli packets on the room socket, room info by cross-origin fetch', async () => {
    const { page, tabId } = await visit('https://live.bilibili.com/21000002');
    await until(tabId, (e) =>
      checkCase(
        {
          url: '',
          platform: 'bilibili',
          title: '示例UP 数码好物分享',
          host: '示例UP',
          roomSource: 'http',
          product: { title: '示例品牌 机械键盘 87键', price: 299, originalPrice: 459, source: 'ws' },
          comments: ['键盘什么轴', '价格能再低点吗'],
          commentSource: 'ws',
        },
        e,
      ),
    );
    await page.close();
  });

  test('Taobao: comments from a JSONP script callback, room and explained item from originaljson fetches', async () => {
    const { page, tabId } = await visit('https://tbzb.taobao.com/live?liveId=500002');
    await until(tabId, (e) =>
      checkCase(
        {
          url: '',
          platform: 'taobao',
          title: '示例店铺 秋冬羊毛衫专场',
          host: '示例店铺',
          roomSource: 'http',
          product: { title: '示例品牌 羊毛开衫 女款', price: 168, originalPrice: 328, source: 'http' },
          comments: ['起球吗', '有没有黑色'],
          notices: ['欢迎来到直播间，理性消费'],
          commentSource: 'http',
        },
        e,
      ),
    );
    // The page's own callback still ran, with the data unchanged.
    expect(await page.evaluate(() => document.documentElement.dataset.jsonp)).toBe('3');
    await page.close();
  });
});

describe('sessions', () => {
  test('JD: the room id in the hash route; /replay marks the room ended; another room is another session', async () => {
    const { page, tabId } = await visit('https://lives.jd.com/#/12345678/live');
    await until(tabId, (e) => expect(e.some((x) => x.kind === 'product')).toBe(true));
    await page.evaluate(() => (location.hash = '#/12345678/replay'));
    const ev = await until(tabId, (e) => expect(e.filter((x) => x.kind === 'room').map((x) => (x.payload as RoomPayload).status)).toContain('ended'));
    expect(new Set(ev.map((e) => e.sessionKey)).size).toBe(1);
    // The room by XHR (liveDetailToM) outranks the DOM.
    expect(ev.some((e) => e.kind === 'room' && e.source === 'http')).toBe(true);
    await page.evaluate(() => (location.hash = '#/87654321/live'));
    const after = await until(tabId, (e) => expect(new Set(e.map((x) => x.sessionKey)).size).toBe(2));
    const second = after.filter((e) => e.sessionKey !== ev[0]!.sessionKey);
    expect(second.some((e) => e.kind === 'room')).toBe(true);
    expect(second[0]!.sessionKey).toContain('jd:87654321:');
    await page.close();
  });

  test('Douyin SPA: pushState to another room on www.douyin.com starts a new session', async () => {
    const { page, tabId } = await visit('https://www.douyin.com/follow/live/7012345680');
    const first = await until(tabId, (e) => expect(e.some((x) => x.kind === 'product')).toBe(true));
    await page.evaluate(() => {
      history.pushState({}, '', '/follow/live/7012345681');
      document.querySelector('[data-e2e="live-room-nickname"]')!.textContent = '另一位主播';
    });
    const after = await until(tabId, (e) => expect(new Set(e.map((x) => x.sessionKey)).size).toBe(2));
    const second = after.filter((e) => e.sessionKey !== first[0]!.sessionKey);
    expect(second.map((e) => e.kind)).toContain('room');
    expect(second.find((e) => e.kind === 'room')!.payload).toMatchObject({ host: '另一位主播', roomId: '7012345681' });
    await page.close();
  });
});

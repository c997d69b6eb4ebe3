// @vitest-environment happy-dom
/**
 * Every adapter against its synthetic fixture pages (test/fixtures/platforms/),
 * including drift variants with re-hashed class names: room, product with both
 * prices, and comments or captions must still be read.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { readDom } from '../../lib/platforms/dom-read';
import { ADAPTERS, chooseReader } from '../../lib/platforms/registry';
import { PLATFORM_HOSTS } from '../../lib/platforms/hosts';
import type { Observed, PlatformAdapter } from '../../lib/platforms/types';

const FIX = resolve(import.meta.dirname, '../fixtures/platforms');
const load = (p: string) => new DOMParser().parseFromString(readFileSync(resolve(FIX, p), 'utf8'), 'text/html');
const adapter = (id: string) => ADAPTERS.find((a) => a.id === id)!;

function read(a: PlatformAdapter, file: string, url: string) {
  const doc = load(file);
  const obs: Observed[] = [...(a.pageState?.(doc) ?? []).map((o) => ({ ...o, source: 'state', confidence: 0.9 }) as Observed), ...readDom(doc, a.dom, url)];
  const of = <K extends Observed['kind']>(k: K) => obs.filter((o): o is Extract<Observed, { kind: K }> => o.kind === k);
  return { obs, rooms: of('room'), products: of('product'), comments: of('comment'), captions: of('caption') };
}

describe('douyin', () => {
  const a = adapter('douyin');
  const url = 'https://live.douyin.com/7012345678';
  test.each(['room.html', 'drift-rehashed.html', 'drift-anchors-only.html'])('%s: host, card with both prices, comments', (file) => {
    const r = read(a, `douyin/${file}`, url);
    expect(r.rooms.map((x) => x.room.host)).toContain('示例主播');
    expect(r.products[0]!.product).toMatchObject({ title: '示例品牌 保温杯 500ml 316不锈钢', price: 59.9, originalPrice: 99, explaining: true });
    if (file !== 'drift-anchors-only.html') expect(r.comments.map((c) => c.text)).toContainEqual({ author: '观众甲', text: '有大码吗' });
  });
  test('page state: the room id in the inline script data, read as text', () => {
    expect(read(a, 'douyin/room.html', url).rooms[0]).toMatchObject({ source: 'state', room: { roomId: '7300000000000000001' } });
    expect(read(a, 'douyin/drift-rehashed.html', url).rooms.every((r) => r.source === 'dom')).toBe(true);
  });
  test('the card found by text anchors alone is marked as a heuristic reading, and the rail decoy is not taken', () => {
    const r = read(a, 'douyin/drift-anchors-only.html', url);
    expect(r.products).toHaveLength(1);
    expect(r.products[0]!.source).toBe('heuristic');
    expect(r.products[0]!.product.priceText).toBe('到手价 ¥59.9');
    expect(read(a, 'douyin/room.html', url).products[0]!.source).toBe('dom');
  });
  test('room keys for the three URL shapes; other pages are no room', () => {
    expect(a.roomKey(new URL('https://live.douyin.com/7012345678'))).toBe('7012345678');
    expect(a.roomKey(new URL('https://www.douyin.com/follow/live/7012345678?anchor_id=1'))).toBe('7012345678');
    expect(a.roomKey(new URL('https://www.douyin.com/root/live/7012345679'))).toBe('7012345679');
    expect(a.roomKey(new URL('https://www.douyin.com/video/7012345678'))).toBeNull();
  });
});

describe('tiktok', () => {
  const a = adapter('tiktok');
  const url = 'https://www.tiktok.com/@demo/live';
  test.each(['room.html', 'drift-rehashed.html'])('%s', (file) => {
    const r = read(a, `tiktok/${file}`, url);
    expect(r.rooms.some((x) => x.room.host === '示例主播')).toBe(true);
    expect(r.products[0]!.product).toMatchObject({ title: '示例品牌 无线耳机 降噪款', price: 199, originalPrice: 399 });
    expect(r.comments.map((c) => c.text)).toEqual([{ author: '观众甲', text: '续航多久' }]);
  });
  test('SIGI_STATE gives the room id; the ended page says ended', () => {
    expect(read(a, 'tiktok/room.html', url).rooms[0]!.room).toMatchObject({ roomId: '7400000000000000001', status: 'live', host: '示例主播' });
    expect(read(a, 'tiktok/ended.html', url).rooms[0]!.room.status).toBe('ended');
  });
});

test('youtube: captions, featured product with both prices, title and channel', () => {
  const r = read(adapter('youtube'), 'youtube/room.html', 'https://www.youtube.com/watch?v=abc');
  expect(r.rooms[0]!.room).toMatchObject({ title: '示例频道 秋季好物直播', host: '示例频道' });
  expect(r.products[0]!.product).toMatchObject({ title: '示例品牌 电动牙刷 声波款', price: 129, originalPrice: 259 });
  expect(r.captions[0]!.caption).toEqual({ text: '大家好欢迎来到直播间', final: true });
});

test('bilibili: attribute-based danmaku rows and the explain card', () => {
  const r = read(adapter('bilibili'), 'bilibili/room.html', 'https://live.bilibili.com/21000001');
  expect(r.rooms[0]!.room).toMatchObject({ title: '示例UP 数码好物分享', host: '示例UP' });
  expect(r.products[0]!.product).toMatchObject({ title: '示例品牌 机械键盘 87键', price: 299, originalPrice: 459, explaining: true });
  expect(r.comments.map((c) => c.text)).toEqual([{ author: '观众甲', text: '键盘什么轴' }]);
});

test('taobao: hashed CSS-module classes, split price spans, struck price by class name', () => {
  const r = read(adapter('taobao'), 'taobao/room.html', 'https://tbzb.taobao.com/live?liveId=500001');
  expect(r.rooms[0]!.room).toMatchObject({ title: '示例店铺 秋冬羊毛衫专场', host: '示例店铺' });
  expect(r.products[0]!.product).toMatchObject({ title: '示例品牌 羊毛开衫 女款', price: 168, priceText: '直播价 ¥168', originalPrice: 328 });
  expect(r.comments.map((c) => c.text)).toEqual([{ author: '观众甲', text: '起球吗' }]);
});

test('kuaishou: __INITIAL_STATE__ with bare undefined, heuristic card, comment rows', () => {
  const r = read(adapter('kuaishou'), 'kuaishou/room.html', 'https://live.kuaishou.com/u/3x000001');
  expect(r.rooms[0]!.room).toEqual({ title: '示例老铁 厨房好物', host: '示例老铁', roomId: 'ks-live-1', status: 'live' });
  expect(r.products[0]!.product).toMatchObject({ title: '示例品牌 不粘锅 28cm 家用', price: 89, originalPrice: 169 });
  expect(r.products[0]!.source).toBe('heuristic');
  expect(r.comments.map((c) => c.text)).toEqual([{ author: '观众甲', text: '电磁炉能用吗' }]);
});

test('jd: hash-route room key, replay means ended, card and comments', () => {
  const a = adapter('jd');
  expect(a.roomKey(new URL('https://lives.jd.com/#/12345678/live'))).toBe('12345678');
  expect(a.urlState!(new URL('https://lives.jd.com/#/12345678/replay'))).toEqual({ status: 'ended' });
  const r = read(a, 'jd/room.html', 'https://lives.jd.com/#/12345678/live');
  expect(r.products[0]!.product).toMatchObject({ title: '示例品牌 空气炸锅 5L 大容量', price: 299, originalPrice: 499 });
  expect(r.comments.map((c) => c.text)).toEqual([{ author: '观众甲', text: '能炸薯条吗' }]);
});

test('xiaohongshu: state with bare undefined, deeplink host, ended by state and by title text', () => {
  const a = adapter('xiaohongshu');
  const r = read(a, 'xiaohongshu/room.html', 'https://www.xiaohongshu.com/livestream/560001');
  expect(r.rooms[0]!.room).toEqual({ title: '示例博主 护肤好物分享', host: '示例博主', roomId: '560001', status: 'live' });
  expect(r.products[0]!.product).toMatchObject({ title: '示例品牌 保湿面霜 50ml', price: 139, originalPrice: 239 });
  const ended = read(a, 'xiaohongshu/ended.html', 'https://www.xiaohongshu.com/livestream/560001');
  expect(ended.rooms.map((x) => x.room.status)).toEqual(['ended', 'ended']);
});

describe('registry', () => {
  test('the host list other entry points use is exactly the adapters\' hosts', () => {
    expect([...PLATFORM_HOSTS].sort()).toEqual(ADAPTERS.flatMap((a) => a.hosts).sort());
  });

  test('chooses by host over https only; loopback only with the demo meta tag', () => {
    const pick = (u: string) => {
      const c = chooseReader(new URL(u));
      return c?.kind === 'adapter' ? c.adapter.id : (c?.kind ?? null);
    };
    expect(pick('https://live.douyin.com/1234567')).toBe('douyin');
    expect(pick('https://www.douyin.com/follow/live/1234567')).toBe('douyin');
    expect(pick('https://www.tiktok.com/@demo/live')).toBe('tiktok');
    expect(pick('https://www.youtube.com/watch?v=x')).toBe('youtube');
    expect(pick('https://live.bilibili.com/1')).toBe('bilibili');
    expect(pick('https://tbzb.taobao.com/live?liveId=1')).toBe('taobao');
    expect(pick('https://live.kuaishou.com/u/x')).toBe('kuaishou');
    expect(pick('https://lives.jd.com/#/1/live')).toBe('jd');
    expect(pick('https://www.xiaohongshu.com/livestream/1')).toBe('xiaohongshu');
    expect(pick('http://live.douyin.com/1234567')).toBeNull();
    expect(pick('https://live.douyin.com.evil.example/1234567')).toBeNull();
    expect(pick('http://127.0.0.1:8080/room.html')).toBeNull();
    const demo = new DOMParser().parseFromString('<meta name="liveproof-demo-room" content="1">', 'text/html');
    expect(chooseReader(new URL('http://127.0.0.1:8080/room.html'), demo)).toEqual({ kind: 'demo' });
  });
});

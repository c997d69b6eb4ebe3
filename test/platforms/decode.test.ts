/**
 * Decoders against frames built by our own encoder (./encode.ts): ByteDance
 * PushFrame/Response protobuf (gzip), im/fetch bodies, Bilibili packets
 * (plain, zlib, brotli with an injected decoder), and the JSON mappers.
 */
import { brotliCompressSync, brotliDecompressSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { decodePackets, mapBiliFrame } from '../../lib/platforms/decode/bilibili';
import { inflate, type Inflater, MAX_BROTLI, UnsupportedCompression } from '../../lib/platforms/decode/inflate';
import { brotliDecompress } from '../../lib/platforms/decode/brotli';
import { installBrotli } from '../../lib/platforms/decode/brotli-slot';
import { fields, ProtoError } from '../../lib/platforms/decode/protobuf';
import { decodeFetchBody, decodePushFrame, mapWebcast } from '../../lib/platforms/decode/webcast';
import { mapEnter, mapPopV3 } from '../../lib/platforms/adapters/douyin';
import { mapComments, mapItemList } from '../../lib/platforms/adapters/taobao';
import { TAP_RULES } from '../../lib/platforms/tap-rules';
import { ADAPTERS } from '../../lib/platforms/registry';
import { biliCommands, caption, chat, control, gift, pb, popProduct, productChange, pushFrame, response, roomMessage, viewers } from './encode';

const FIX = resolve(import.meta.dirname, '../fixtures/platforms');
const fixture = (p: string) => readFileSync(resolve(FIX, p), 'utf8');

describe('protobuf reader', () => {
  test('reads varints, strings and nested messages; rejects truncated input', () => {
    const f = fields(pb({ 1: 'WebcastChatMessage', 3: 300, 4: pb({ 2: 'x' }) }));
    expect(f.map((x) => x.no)).toEqual([1, 3, 4]);
    expect(f[1]).toMatchObject({ wire: 0, value: 300n });
    expect(() => fields(new Uint8Array([0x0a, 0x05, 0x41]))).toThrow(ProtoError);
  });
});

describe('ByteDance webcast', () => {
  const messages = [chat('观众甲', '有大码吗'), gift(), viewers(11000), productChange(), roomMessage('欢迎来到直播间，理性消费'), control(3)];

  test('PushFrame (gzip) → Response → only the wanted methods, mapped', async () => {
    const msgs = await decodePushFrame(pushFrame(messages));
    expect(msgs.map((m) => m.method)).toEqual(messages.map((m) => m.method));
    expect(mapWebcast(msgs)).toEqual([
      { kind: 'comment', text: { author: '观众甲', text: '有大码吗' } },
      { kind: 'room', room: { viewers: 11000 } },
      { kind: 'signal', reason: 'WebcastProductChangeMessage' },
      { kind: 'notice', text: { text: '欢迎来到直播间，理性消费' } },
      { kind: 'room', room: { status: 'ended' } },
    ]);
  });

  test('uncompressed frames, heartbeat frames and im/fetch bodies', async () => {
    expect(mapWebcast(await decodePushFrame(pushFrame([chat('乙', '好')], false)))).toHaveLength(1);
    expect(await decodePushFrame(pb({ 7: 'hb', 8: new Uint8Array([1, 2]) }))).toEqual([]);
    expect(mapWebcast(await decodeFetchBody(response([chat('丙', '几号发货')])))).toEqual([{ kind: 'comment', text: { author: '丙', text: '几号发货' } }]);
  });

  test('TikTok captions (interim then final) and the shop pop-up product', async () => {
    const out = mapWebcast(
      await decodePushFrame(
        pushFrame([
          caption('今天给大家', false),
          caption('今天给大家推荐这款耳机', true),
          popProduct({ id: 'p1', title: '示例品牌 无线耳机 降噪款', price: '$19.99', original: '$39.99', url: 'https://shop.example/p1' }),
        ]),
      ),
    );
    expect(out).toEqual([
      { kind: 'caption', caption: { text: '今天给大家', final: false, lang: 'zh' } },
      { kind: 'caption', caption: { text: '今天给大家推荐这款耳机', final: true, lang: 'zh' } },
      {
        kind: 'product',
        product: { title: '示例品牌 无线耳机 降噪款', explaining: true, priceText: '$19.99', price: 19.99, originalPriceText: '$39.99', originalPrice: 39.99, url: 'https://shop.example/p1', productId: 'p1' },
      },
    ]);
  });

  test('a corrupt message is dropped, the rest of the frame still counts', () => {
    const bad = { method: 'WebcastChatMessage', payload: new Uint8Array([0x1a, 0x40, 0x41]) };
    expect(mapWebcast([bad, chat('甲', '还在吗')])).toEqual([{ kind: 'comment', text: { author: '甲', text: '还在吗' } }]);
  });
});

describe('Bilibili packets', () => {
  const { commands } = JSON.parse(fixture('bilibili/commands.json')) as { commands: unknown[] };
  const expected = [
    {
      kind: 'product',
      product: {
        title: '示例品牌 机械键盘 87键', explaining: true, priceText: '299', price: 299, originalPriceText: '459', originalPrice: 459,
        url: 'https://mall.bilibili.com/detail.html?itemsId=9001', productId: '9001',
      },
    },
    { kind: 'comment', text: { author: '观众甲', text: '键盘什么轴' } },
    { kind: 'comment', text: { author: '观众乙', text: '价格能再低点吗' } },
  ];

  test('plain (ver 0) and zlib (ver 2) packets', async () => {
    expect(await mapBiliFrame(biliCommands(commands, 0))).toEqual(expected);
    expect(await mapBiliFrame(biliCommands(commands, 2))).toEqual(expected);
  });

  test('brotli (ver 3): skipped without a brotli decoder, read with one', async () => {
    const frame = biliCommands(commands, 3, (b) => new Uint8Array(brotliCompressSync(b)));
    expect(await mapBiliFrame(frame)).toEqual([]);
    const withBrotli: Inflater = async (b, f) => (f === 'brotli' ? new Uint8Array(brotliDecompressSync(b)) : inflate(b, f));
    expect(await mapBiliFrame(frame, withBrotli)).toEqual(expected);
    await expect(inflate(new Uint8Array([1]), 'brotli')).rejects.toBeInstanceOf(UnsupportedCompression);
  });

  test('brotli (ver 3) with the JavaScript decoder the Bilibili content script installs', async () => {
    const frame = biliCommands(commands, 3, (b) => new Uint8Array(brotliCompressSync(b)));
    installBrotli(brotliDecompress);
    try {
      expect(await mapBiliFrame(frame)).toEqual(expected);
      // larger, multi-block bodies decode byte for byte like Node's zlib
      const big = new TextEncoder().encode(JSON.stringify(Array.from({ length: 20000 }, (_, i) => ({ cmd: 'DANMU_MSG', i, t: '弹幕'.repeat(i % 7) }))));
      const packed = new Uint8Array(brotliCompressSync(big));
      expect(await inflate(packed, 'brotli')).toEqual(big);
      // a body that would inflate beyond the limit is refused, not allocated (a zip bomb from a hostile page)
      const bomb = new Uint8Array(brotliCompressSync(new Uint8Array(MAX_BROTLI + 1024)));
      expect(bomb.length).toBeLessThan(2000);
      await expect(inflate(bomb, 'brotli')).rejects.toThrow(/too large/);
      // a truncated or damaged body is an error, not a hang or a partial read
      await expect(inflate(packed.slice(0, packed.length >> 1), 'brotli')).rejects.toThrow();
      const damaged = packed.slice();
      damaged[5]! ^= 0xff;
      await expect(inflate(damaged, 'brotli')).rejects.toThrow();
    } finally {
      delete (globalThis as Record<string, unknown>).__liveproofBrotli;
    }
  });

  test('a truncated packet ends the frame without throwing', async () => {
    const frame = biliCommands(commands, 0);
    const packets = await decodePackets(frame.subarray(0, frame.length - 3));
    expect(packets.length).toBe(commands.length - 1);
  });
});

describe('JSON mappers', () => {
  test('Douyin pop/v3: fen to 元, status 2 = explaining; empty body = nothing', () => {
    expect(mapPopV3(fixture('douyin/pop-v3.json'))).toEqual([
      {
        kind: 'product',
        product: {
          title: '示例品牌 保温杯 500ml 316不锈钢', price: 59.9, priceText: '5990分', originalPrice: 99, originalPriceText: '9900分',
          url: 'https://haohuo.jinritemai.com/views/product/detail?id=3600000000000000001', productId: '3600000000000000001', explaining: true,
        },
      },
    ]);
    expect(mapPopV3(fixture('douyin/pop-v3-empty.json'))).toEqual([]);
    expect(mapPopV3('')).toEqual([]);
  });

  test('Douyin enter JSON', () => {
    expect(mapEnter(fixture('douyin/enter.json'))).toEqual([
      { kind: 'room', room: { title: '示例主播 保温杯专场', host: '示例主播', roomId: '7300000000000000001', viewers: 11000, status: 'live' } },
    ]);
  });

  test('Taobao JSONP comments: system notices (U+2042) become notices; item list picks the explained item', () => {
    const body = fixture('taobao/comments.jsonp.js').replace(/^\/\*.*\*\/\s*/, '');
    expect(mapComments(body)).toEqual([
      { kind: 'comment', text: { author: '观众甲', text: '起球吗' } },
      { kind: 'notice', text: { text: '欢迎来到直播间，理性消费' } },
      { kind: 'comment', text: { author: '观众乙', text: '有没有黑色' } },
    ]);
    expect(mapItemList(fixture('taobao/itemlist.json'))[0]).toMatchObject({
      kind: 'product',
      product: { title: '示例品牌 羊毛开衫 女款', price: 168, originalPrice: 328, shop: '示例店铺', productId: '70002' },
    });
  });
});

test("every adapter's network mapper stays inside the tap's allowlist for its hosts", () => {
  const outside: string[] = [];
  for (const a of ADAPTERS) {
    for (const m of a.network ?? []) {
      for (const s of m.urlIncludes) {
        const rules = TAP_RULES.filter((r) => r.hosts.some((h) => a.hosts.includes(h)));
        const list = rules.flatMap((r) => (m.ch === 'ws' ? r.ws : m.ch === 'jsonp' ? r.jsonp : r.http));
        if (!list.includes(s)) outside.push(`${a.id} ${m.ch} ${s}`);
      }
    }
  }
  expect(outside).toEqual([]);
});

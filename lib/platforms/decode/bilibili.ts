/**
 * Bilibili live room WebSocket packets: 16-byte big-endian header
 *   u32 packet length · u16 header length (16) · u16 protocol version · u32 operation · u32 sequence
 * then the body. Versions: 0 = JSON, 1 = heartbeat (u32 popularity), 2 = zlib (deflate) of
 * concatenated packets, 3 = brotli of concatenated packets. Operations: 3 = heartbeat reply,
 * 5 = command (JSON `{cmd, …}`), 8 = auth reply.
 * Brotli: no browser offers DecompressionStream('brotli') today; version-3 bodies are decoded by the
 * JavaScript decoder the brotli content script installs on live.bilibili.com (inflate.ts), and skipped
 * where none is installed (the DOM reader covers that case).
 */
import type { Observation } from '../types';
import { decodeUtf8, inflate, type Inflater, UnsupportedCompression } from './inflate';
import { parsePrice } from '../price';
import { absoluteHttpUrl, cleanText } from '../dom-spec';

export const OP_HEARTBEAT_REPLY = 3;
export const OP_COMMAND = 5;
export const OP_AUTH_REPLY = 8;

export interface BiliPacket {
  ver: number;
  op: number;
  body: Uint8Array;
}

/** Splits a buffer into packets; compressed packets are expanded recursively (depth 2). */
export async function decodePackets(buf: Uint8Array, inflater: Inflater = inflate, depth = 0): Promise<BiliPacket[]> {
  const out: BiliPacket[] = [];
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  let pos = 0;
  while (pos + 16 <= buf.length) {
    const len = view.getUint32(pos);
    const headerLen = view.getUint16(pos + 4);
    const ver = view.getUint16(pos + 6);
    const op = view.getUint32(pos + 8);
    if (len < headerLen || headerLen < 16 || pos + len > buf.length) break;
    const body = buf.subarray(pos + headerLen, pos + len);
    pos += len;
    if ((ver === 2 || ver === 3) && op === OP_COMMAND && depth < 2) {
      try {
        const inner = await inflater(body, ver === 2 ? 'deflate' : 'brotli');
        out.push(...(await decodePackets(inner, inflater, depth + 1)));
      } catch (e) {
        if (!(e instanceof UnsupportedCompression)) throw e;
      }
      continue;
    }
    out.push({ ver, op, body });
  }
  return out;
}

export async function mapBiliFrame(buf: Uint8Array, inflater: Inflater = inflate): Promise<Observation[]> {
  const out: Observation[] = [];
  for (const p of await decodePackets(buf, inflater)) {
    if (p.op !== OP_COMMAND) continue;
    let cmd: unknown;
    try {
      cmd = JSON.parse(decodeUtf8(p.body));
    } catch {
      continue;
    }
    out.push(...mapBiliCommand(cmd));
  }
  return out;
}

type J = Record<string, unknown>;
const obj = (v: unknown): J | undefined => (v && typeof v === 'object' && !Array.isArray(v) ? (v as J) : undefined);
const str = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');

export function mapBiliCommand(raw: unknown): Observation[] {
  const c = obj(raw);
  if (!c) return [];
  const cmd = str(c.cmd).split(':')[0];
  const data = obj(c.data);
  switch (cmd) {
    case 'DANMU_MSG': {
      const info = Array.isArray(c.info) ? c.info : [];
      const text = cleanText(str(info[1]));
      const user = Array.isArray(info[2]) ? info[2] : [];
      const author = cleanText(str(user[1]), 100);
      return text ? [{ kind: 'comment', text: author ? { text, author } : { text } }] : [];
    }
    case 'SHOPPING_EXPLAIN_CARD': {
      if (!data) return [];
      const title = cleanText(str(data.goods_name), 500);
      if (!title) return [];
      const priceText = cleanText(str(data.coupon_discount_price) || str(data.goods_price), 100);
      const info = obj(obj(data.price_info)?.normal);
      const originalText = cleanText(info && str(info.strock_show) === '1' ? str(info.strock_price) : str(data.goods_max_price), 100);
      return [{ kind: 'product', product: product(title, priceText, originalText, str(data.jump_url) || str(data.h5_url), str(data.goods_id), true) }];
    }
    case 'RECOMMEND_CARD': {
      const list = Array.isArray(data?.recommend_list) ? data.recommend_list : [];
      const d = obj(obj(list[0])?.shopping_card_detail);
      if (!d) return [];
      const title = cleanText(str(d.goods_name), 500);
      if (!title) return [];
      const normal = obj(obj(d.price_info)?.normal);
      const priceText = cleanText(str(normal?.sale_price), 100);
      const originalText = str(normal?.strock_show) === '1' ? cleanText(str(normal?.strock_price), 100) : '';
      return [{ kind: 'product', product: product(title, priceText, originalText, str(d.jump_url), str(d.goods_id), false) }];
    }
    case 'PREPARING':
      return [{ kind: 'room', room: { status: 'ended' } }];
    case 'LIVE':
      return [{ kind: 'room', room: { status: 'live' } }];
    case 'WARNING':
    case 'SUPER_CHAT_MESSAGE': {
      const text = cleanText(str(data?.msg) || str(data?.message));
      return text ? [{ kind: 'notice', text: { text } }] : [];
    }
  }
  return [];
}

function product(title: string, priceText: string, originalText: string, link: string, id: string, explaining: boolean) {
  const price = parsePrice(priceText);
  const originalPrice = parsePrice(originalText);
  const url = absoluteHttpUrl(link, 'https://live.bilibili.com/');
  const productId = cleanText(id, 200);
  return {
    title,
    explaining,
    ...(priceText ? { priceText } : {}),
    ...(price !== undefined ? { price } : {}),
    ...(originalText ? { originalPriceText: originalText } : {}),
    ...(originalPrice !== undefined ? { originalPrice } : {}),
    ...(url ? { url } : {}),
    ...(productId ? { productId } : {}),
  };
}

/**
 * ByteDance webcast frames (Douyin, TikTok LIVE) → Observations.
 * PushFrame → (gunzip) payload → Response → messages[{method, payload}].
 * Field map: ./webcast.proto (our own minimal subset).
 */
import type { Observation } from '../types';
import { decodeUtf8, inflate, isGzip, type Inflater } from './inflate';
import { Msg } from './protobuf';
import { parsePrice } from '../price';
import { absoluteHttpUrl, cleanText } from '../dom-spec';

export interface WebcastMessage {
  method: string;
  payload: Uint8Array;
}

/** Methods we read; everything else (gifts, likes, members…) is skipped before decoding. */
export const WANTED_METHODS = new Set([
  'WebcastChatMessage',
  'WebcastRoomUserSeqMessage',
  'WebcastControlMessage',
  'WebcastRoomMessage',
  'WebcastCaptionMessage',
  'WebcastProductChangeMessage',
  'WebcastLiveShoppingMessage',
  'WebcastOecLiveShoppingMessage',
]);

export function decodeResponse(bytes: Uint8Array): WebcastMessage[] {
  const res = new Msg(bytes);
  return res.msgs(1).map((m) => ({ method: m.str(1), payload: m.bytes(2) ?? new Uint8Array() }));
}

export async function decodePushFrame(bytes: Uint8Array, inflater: Inflater = inflate): Promise<WebcastMessage[]> {
  const frame = new Msg(bytes);
  const type = frame.str(7);
  if (type && type !== 'msg') return [];
  let payload = frame.bytes(8);
  if (!payload) return [];
  const headers = new Map(frame.msgs(5).map((h) => [h.str(1), h.str(2)]));
  if (headers.get('compress_type') === 'gzip' || isGzip(payload)) payload = await inflater(payload, 'gzip');
  return decodeResponse(payload);
}

/** Body of GET /webcast/im/fetch/: a Response, sometimes gzipped. */
export async function decodeFetchBody(bytes: Uint8Array, inflater: Inflater = inflate): Promise<WebcastMessage[]> {
  return decodeResponse(isGzip(bytes) ? await inflater(bytes, 'gzip') : bytes);
}

export function mapWebcast(messages: WebcastMessage[]): Observation[] {
  const out: Observation[] = [];
  for (const { method, payload } of messages) {
    if (!WANTED_METHODS.has(method)) continue;
    try {
      const o = mapOne(method, new Msg(payload));
      if (o) out.push(o);
    } catch {
      // A malformed message is dropped; the rest of the frame still counts.
    }
  }
  return out;
}

function mapOne(method: string, m: Msg): Observation | null {
  switch (method) {
    case 'WebcastChatMessage': {
      const text = cleanText(m.str(3));
      if (!text) return null;
      const author = cleanText(m.msg(2)?.str(3), 100);
      return { kind: 'comment', text: author ? { text, author } : { text } };
    }
    case 'WebcastRoomUserSeqMessage': {
      const total = m.num(3);
      return total === undefined ? null : { kind: 'room', room: { viewers: total } };
    }
    case 'WebcastControlMessage':
      return m.num(2) === 3 ? { kind: 'room', room: { status: 'ended' } } : null;
    case 'WebcastRoomMessage': {
      const text = cleanText(m.str(2));
      return text ? { kind: 'notice', text: { text } } : null;
    }
    case 'WebcastCaptionMessage': {
      const parts = m.msgs(4);
      const first = parts.find((p) => p.str(2)) ?? parts[0];
      const text = cleanText(first?.str(2));
      if (!text) return null;
      const lang = cleanText(first?.str(1), 20);
      return { kind: 'caption', caption: { text, final: m.bool(7), ...(lang ? { lang } : {}) } };
    }
    case 'WebcastOecLiveShoppingMessage': {
      const p = m.msg(5);
      if (!p) return { kind: 'signal', reason: method };
      const title = cleanText(p.str(2), 500);
      if (!title) return { kind: 'signal', reason: method };
      const priceText = cleanText(p.str(3), 100);
      const originalText = cleanText(p.str(6), 100);
      const price = parsePrice(priceText);
      const originalPrice = parsePrice(originalText);
      const url = absoluteHttpUrl(p.str(5), 'https://www.tiktok.com/');
      const productId = cleanText(p.str(1), 200);
      return {
        kind: 'product',
        product: {
          title,
          explaining: true,
          ...(priceText ? { priceText } : {}),
          ...(price !== undefined ? { price } : {}),
          ...(originalText ? { originalPriceText: originalText } : {}),
          ...(originalPrice !== undefined ? { originalPrice } : {}),
          ...(url ? { url } : {}),
          ...(productId ? { productId } : {}),
        },
      };
    }
    case 'WebcastProductChangeMessage':
    case 'WebcastLiveShoppingMessage':
      return { kind: 'signal', reason: method };
  }
  return null;
}

export { decodeUtf8 };

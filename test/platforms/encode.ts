/**
 * Our own encoders for test frames: protobuf wire format (per
 * lib/platforms/decode/webcast.proto) and Bilibili packets. Tests and the e2e
 * fixture server build every binary frame with these; no captured frame is used.
 */
import { deflateSync, gzipSync } from 'node:zlib';

type Val = string | number | bigint | boolean | Uint8Array | Val[] | undefined;

function varint(n: bigint): number[] {
  const out: number[] = [];
  let v = n;
  do {
    let b = Number(v & 0x7fn);
    v >>= 7n;
    if (v > 0n) b |= 0x80;
    out.push(b);
  } while (v > 0n);
  return out;
}

/** Encodes {fieldNo: value}; strings/bytes are length-delimited, numbers/booleans varints, arrays repeat. */
export function pb(fields: Record<number, Val>): Uint8Array {
  const out: number[] = [];
  const put = (no: number, v: Val) => {
    if (v === undefined) return;
    if (Array.isArray(v)) return v.forEach((x) => put(no, x));
    if (typeof v === 'number' || typeof v === 'bigint' || typeof v === 'boolean') {
      out.push(...varint(BigInt(no << 3)), ...varint(BigInt(typeof v === 'boolean' ? Number(v) : v)));
      return;
    }
    const bytes = typeof v === 'string' ? new TextEncoder().encode(v) : v;
    out.push(...varint(BigInt((no << 3) | 2)), ...varint(BigInt(bytes.length)), ...bytes);
  };
  for (const [k, v] of Object.entries(fields)) put(Number(k), v);
  return new Uint8Array(out);
}

export const chat = (nickname: string, content: string) =>
  ({ method: 'WebcastChatMessage', payload: pb({ 1: pb({ 1: 'WebcastChatMessage' }), 2: pb({ 1: 7, 3: nickname }), 3: content }) });
export const viewers = (total: number) => ({ method: 'WebcastRoomUserSeqMessage', payload: pb({ 3: total }) });
export const control = (status: number) => ({ method: 'WebcastControlMessage', payload: pb({ 2: status }) });
export const roomMessage = (content: string) => ({ method: 'WebcastRoomMessage', payload: pb({ 2: content }) });
export const gift = () => ({ method: 'WebcastGiftMessage', payload: pb({ 3: '送出了 小心心 ×1' }) });
export const productChange = () => ({ method: 'WebcastProductChangeMessage', payload: pb({ 1: pb({ 1: 'WebcastProductChangeMessage' }) }) });
export const caption = (text: string, definite: boolean, lang = 'zh') =>
  ({ method: 'WebcastCaptionMessage', payload: pb({ 2: 1700000000000, 4: pb({ 1: lang, 2: text }), 5: 1, 7: definite }) });
export const popProduct = (p: { id: string; title: string; price: string; original?: string; url?: string }) =>
  ({ method: 'WebcastOecLiveShoppingMessage', payload: pb({ 2: 1, 5: pb({ 1: p.id, 2: p.title, 3: p.price, 5: p.url, 6: p.original }) }) });

export function response(messages: { method: string; payload: Uint8Array }[]): Uint8Array {
  return pb({ 1: messages.map((m) => pb({ 1: m.method, 2: m.payload })), 2: 'cursor-1', 9: false });
}

export function pushFrame(messages: { method: string; payload: Uint8Array }[], gzip = true): Uint8Array {
  const body = response(messages);
  return pb({
    1: 1,
    5: gzip ? [pb({ 1: 'compress_type', 2: 'gzip' })] : [],
    7: 'msg',
    8: gzip ? new Uint8Array(gzipSync(body)) : body,
  });
}

/** One Bilibili packet: 16-byte header + body. */
export function biliPacket(body: Uint8Array, ver: number, op: number): Uint8Array {
  const out = new Uint8Array(16 + body.length);
  const v = new DataView(out.buffer);
  v.setUint32(0, out.length);
  v.setUint16(4, 16);
  v.setUint16(6, ver);
  v.setUint32(8, op);
  v.setUint32(12, 1);
  out.set(body, 16);
  return out;
}

export function biliCommands(cmds: unknown[], ver: 0 | 2 | 3, compress?: (b: Uint8Array) => Uint8Array): Uint8Array {
  const inner = concat(cmds.map((c) => biliPacket(new TextEncoder().encode(JSON.stringify(c)), 0, 5)));
  if (ver === 0) return inner;
  const packed = ver === 2 ? new Uint8Array(deflateSync(inner)) : compress!(inner);
  return biliPacket(packed, ver, 5);
}

export function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

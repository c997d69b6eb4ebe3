/**
 * Douyin web live (platforms.md §2.1, evidence 2026-07..09). The explained
 * product comes from the page's own pop/v3 JSON; comments/viewers/end from IM
 * protobuf (im/fetch long-poll or WS push); DOM by data-e2e attributes and
 * .webcast-chatroom___* classes, with the generic card heuristics behind them.
 */
import { decodeFetchBody, decodePushFrame, mapWebcast } from '../decode/webcast';
import { cleanText } from '../dom-spec';
import { get, str } from '../page-state';
import { parseCount } from '../price';
import type { Observation, PlatformAdapter } from '../types';
import { DOC_TITLE, parseJsonish, productFrom } from './common';

export function mapPopV3(body: string | Uint8Array): Observation[] {
  const j = parseJsonish(body);
  const promos = get(j, 'promotions');
  if (!Array.isArray(promos) || promos.length === 0) return [];
  const p = promos[0];
  const product = productFrom(
    {
      title: str(get(p, 'title')),
      price: num(get(p, 'min_price')) ?? num(get(j, 'campaign', 'price')),
      original: num(get(p, 'regular_price')) ?? num(get(j, 'campaign', 'regular_price')),
      url: str(get(p, 'detail_url')),
      id: str(get(p, 'promotion_id')) || str(get(p, 'product_id')),
      explaining: num(get(p, 'status')) === 2,
    },
    'https://live.douyin.com/',
    'fen',
  );
  return product ? [{ kind: 'product', product }] : [];
}

export function mapEnter(body: string | Uint8Array): Observation[] {
  const j = parseJsonish(body);
  const room = get(j, 'data', 'data', 0);
  if (!room) return [];
  const fields: Extract<Observation, { kind: 'room' }>['room'] = {};
  const title = cleanText(str(get(room, 'title')), 500);
  const host = cleanText(str(get(j, 'data', 'user', 'nickname')) || str(get(room, 'owner', 'nickname')), 200);
  const id = cleanText(str(get(room, 'id_str')) || str(get(j, 'data', 'enter_room_id')), 200);
  const viewers = parseCount(str(get(room, 'room_view_stats', 'display_value')));
  const status = num(get(room, 'status'));
  if (title) fields.title = title;
  if (host) fields.host = host;
  if (id) fields.roomId = id;
  if (viewers !== undefined) fields.viewers = viewers;
  if (status === 4) fields.status = 'ended';
  else if (status === 2) fields.status = 'live';
  return Object.keys(fields).length ? [{ kind: 'room', room: fields }] : [];
}

/**
 * Page state: the 19-digit room id appears in the page's inline script data as `roomId":"…"` (escaped or not;
 * platforms.md §2.1, sample 2026-07-19). Read as text with a regex, never executed.
 */
export function douyinState(doc: Document): Observation[] {
  for (const s of Array.from(doc.querySelectorAll('script:not([src])'))) {
    const m = /roomId\\?"\s*:\s*\\?"(\d{15,20})\\?"/.exec((s.textContent ?? '').slice(0, 2_000_000));
    if (m) return [{ kind: 'room', room: { roomId: m[1]! } }];
  }
  return [];
}

function num(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) ? v : typeof v === 'string' && /^\d+(\.\d+)?$/.test(v) ? Number(v) : undefined;
}

export const douyin: PlatformAdapter = {
  id: 'douyin',
  hosts: ['live.douyin.com', 'www.douyin.com'],
  roomKey(url) {
    if (url.hostname === 'live.douyin.com') return /^\/(\d{4,})/.exec(url.pathname)?.[1] ?? null;
    return /^\/(?:follow|root)\/live\/(\d{4,})/.exec(url.pathname)?.[1] ?? null;
  },
  network: [
    { ch: 'http', urlIncludes: ['/live/promotions/pop/'], map: mapPopV3 },
    { ch: 'http', urlIncludes: ['/webcast/room/web/enter/'], map: mapEnter },
    { ch: 'http', urlIncludes: ['/webcast/im/fetch/'], map: async (b) => (typeof b === 'string' ? [] : mapWebcast(await decodeFetchBody(b))) },
    { ch: 'ws', urlIncludes: ['/webcast/im/push/'], map: async (b) => (typeof b === 'string' ? [] : mapWebcast(await decodePushFrame(b))) },
  ],
  pageState: douyinState,
  dom: {
    title: ['[data-e2e="live-room-title"]', DOC_TITLE],
    host: ['[data-e2e="live-room-nickname"]', '[data-e2e="rooom-info-bar-anchor"]'],
    viewers: ['[data-e2e="anchor-watching-count"]'],
    ended: ['[class*="live-end" i]', '[class*="LiveEnd"]'],
    endedText: /直播已结束|主播已下播/,
    product: { root: ['[data-e2e="__e_commerce__"]', '[data-e2e="live-promotion-list"]'], title: ['[data-e2e="promotion-title"]'] },
    comments: {
      item: ['.webcast-chatroom___item', '[class*="chatroom___item"]:not([class*="wrapper"])'],
      text: ['.webcast-chatroom___content-with-emoji-text', '[class*="content-with-emoji-text"]'],
    },
  },
};

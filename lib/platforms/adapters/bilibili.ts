/**
 * Bilibili live (platforms.md §2.8). Shopping cards and danmaku arrive on the
 * room WebSocket (zlib/brotli packets); room identity from getInfoByRoom JSON;
 * DOM comments carry data-uname / data-danmaku attributes.
 */
import { mapBiliFrame } from '../decode/bilibili';
import { cleanText } from '../dom-spec';
import { get, str } from '../page-state';
import type { Observation, PlatformAdapter } from '../types';
import { DOC_TITLE, parseJsonish } from './common';

export function mapInfoByRoom(body: string | Uint8Array): Observation[] {
  const j = parseJsonish(body);
  const info = get(j, 'data', 'room_info');
  if (!info) return [];
  const room: Extract<Observation, { kind: 'room' }>['room'] = {};
  const title = cleanText(str(get(info, 'title')), 500);
  const host = cleanText(str(get(j, 'data', 'anchor_info', 'base_info', 'uname')), 200);
  const id = cleanText(str(get(info, 'room_id')), 200);
  if (title) room.title = title;
  if (host) room.host = host;
  if (id) room.roomId = id;
  const live = get(info, 'live_status');
  if (live === 1) room.status = 'live';
  else if (live === 0 || live === 2) room.status = 'ended';
  return Object.keys(room).length ? [{ kind: 'room', room }] : [];
}

export const bilibili: PlatformAdapter = {
  id: 'bilibili',
  hosts: ['live.bilibili.com'],
  roomKey: (url) => /^\/(?:blanc\/|h5\/)?(\d+)/.exec(url.pathname)?.[1] ?? null,
  network: [
    { ch: 'ws', urlIncludes: ['.chat.bilibili.com/sub', '.chat.hdslb.com/sub'], map: (b) => (typeof b === 'string' ? [] : mapBiliFrame(b)) },
    { ch: 'http', urlIncludes: ['/xlive/web-room/v1/index/getInfoByRoom'], map: mapInfoByRoom },
  ],
  dom: {
    title: ['.live-title .text', '.live-title', DOC_TITLE],
    host: ['.room-owner-username', '[class*="room-owner-username"]', '.anchor-name'],
    ended: ['.live-status-preparing', '[class*="end-content"]'],
    endedText: /未开播|已结束|下播/,
    product: { root: ['.shopping-explain-card', '[class*="shopping-card"]', '[class*="goods-card"]'] },
    comments: {
      item: ['#chat-items .chat-item.danmaku-item', '.chat-item.danmaku-item', '[data-danmaku]'],
      author: ['@data-uname', '.danmaku-item-left .username', '.username'],
      text: ['@data-danmaku', '.danmaku-item-right'],
    },
  },
};

/**
 * Kuaishou (platforms.md §2.3): room identity from window.__INITIAL_STATE__
 * (read as text) and the livedetail JSON. No product message is known for the
 * web viewer, so the card comes from the DOM heuristics only. Comment WS
 * frames (SCWebFeedPush, reportedly AES-wrapped) are not decoded.
 */
import { cleanText } from '../dom-spec';
import { assignedJson, get, str } from '../page-state';
import type { Observation, PlatformAdapter } from '../types';
import { DOC_TITLE, parseJsonish } from './common';

function roomFrom(stream: unknown, author: unknown, living: unknown): Observation[] {
  const room: Extract<Observation, { kind: 'room' }>['room'] = {};
  const title = cleanText(str(get(stream, 'caption')), 500);
  const host = cleanText(str(get(author, 'name')), 200);
  const id = cleanText(str(get(stream, 'id')), 200);
  if (title) room.title = title;
  if (host) room.host = host;
  if (id) room.roomId = id;
  if (living === false) room.status = 'ended';
  else if (living === true) room.status = 'live';
  return Object.keys(room).length ? [{ kind: 'room', room }] : [];
}

export function kuaishouState(doc: Document): Observation[] {
  const s = assignedJson(doc, '__INITIAL_STATE__');
  const item = get(s, 'liveroom', 'playList', 0);
  if (!item) return [];
  return roomFrom(get(item, 'liveStream'), get(item, 'author'), get(item, 'isLiving'));
}

export function mapLiveDetail(body: string | Uint8Array): Observation[] {
  const d = get(parseJsonish(body), 'data');
  return d ? roomFrom(get(d, 'liveStream'), get(d, 'author'), get(d, 'isLiving')) : [];
}

export const kuaishou: PlatformAdapter = {
  id: 'kuaishou',
  hosts: ['live.kuaishou.com'],
  roomKey: (url) => /^\/u\/([\w-]+)/.exec(url.pathname)?.[1] ?? null,
  network: [{ ch: 'http', urlIncludes: ['/live_api/liveroom/livedetail'], map: mapLiveDetail }],
  pageState: kuaishouState,
  dom: {
    title: ['.live-info .title', '[class*="live-title"]', DOC_TITLE],
    host: ['.author-name', '[class*="author-name"]', '[class*="anchor-name"]'],
    ended: ['[class*="live-end"]', '.end-wrapper'],
    comments: { item: ['.chat-history .comment-cell', '[class*="comment-cell"]'], author: ['.username', '[class*="username"]'], text: ['.comment', '[class*="comment-content"]'] },
  },
};

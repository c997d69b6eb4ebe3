/**
 * Xiaohongshu live (platforms.md §2.6, evidence 2026-09-28/29): room data from
 * window.__INITIAL_STATE__ (read as text; bare `undefined` becomes null),
 * "直播已结束" in .title when ended, comments as .comment-item rows.
 */
import { cleanText } from '../dom-spec';
import { assignedJson, get, str } from '../page-state';
import type { Observation, PlatformAdapter } from '../types';
import { DOC_TITLE } from './common';

export function xhsState(doc: Document): Observation[] {
  const s = assignedJson(doc, '__INITIAL_STATE__');
  const ls = get(s, 'liveStream');
  if (!ls) return [];
  const info = get(ls, 'roomData', 'roomInfo');
  const room: Extract<Observation, { kind: 'room' }>['room'] = {};
  const title = cleanText(str(get(info, 'roomTitle')), 500);
  if (title) room.title = title;
  const deeplink = str(get(info, 'deeplink'));
  const q = deeplink.indexOf('?');
  if (q >= 0) {
    const params = new URLSearchParams(deeplink.slice(q + 1));
    const host = cleanText(params.get('host_nickname'), 200);
    const id = cleanText(params.get('room_id'), 200);
    if (host) room.host = host;
    if (id) room.roomId = id;
  }
  const status = str(get(ls, 'liveStatus'));
  if (status === 'end') room.status = 'ended';
  else if (status === 'success') room.status = 'live';
  return Object.keys(room).length ? [{ kind: 'room', room }] : [];
}

export const xiaohongshu: PlatformAdapter = {
  id: 'xiaohongshu',
  hosts: ['www.xiaohongshu.com'],
  roomKey: (url) => /^\/(?:hina\/)?livestream\/(?:dynpath\w{8}\/)?(\w+)/.exec(url.pathname)?.[1] ?? null,
  pageState: xhsState,
  dom: {
    title: ['.livestream-container .title', DOC_TITLE],
    host: ['.livestream-container .author-name', '.livestream-container [class*="nickname"]'],
    ended: ['.livestream-container .title'],
    endedText: /直播已结束/,
    product: { root: ['.livestream-container [class*="goods-card"]', '[class*="goods-card"]'] },
    comments: { item: ['.comment-container .comment-item', '.comment-item'], author: ['.nickname', '[class*="nickname"]'], text: ['.content', '[class*="content"]'] },
  },
};

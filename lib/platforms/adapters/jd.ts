/**
 * JD Live (platforms.md §2.5, evidence 2026-09-27): the room id is in the hash
 * route (`#/{liveId}/live`, `/replay`, `/closed`), so navigation is a
 * hashchange. Title/shop from the page's own liveDetailToM response (h5st
 * signed by the page; we only read it). Card and comments from the DOM.
 */
import { cleanText } from '../dom-spec';
import { get, str } from '../page-state';
import type { Observation, PlatformAdapter } from '../types';
import { DOC_TITLE, parseJsonish } from './common';

export function mapLiveDetailToM(body: string | Uint8Array): Observation[] {
  const d = get(parseJsonish(body), 'data');
  if (!d) return [];
  const room: Extract<Observation, { kind: 'room' }>['room'] = {};
  const title = cleanText(str(get(d, 'title')), 500);
  const host = cleanText(str(get(d, 'shopName')) || str(get(d, 'userName')), 200);
  const id = cleanText(str(get(d, 'liveId')), 200);
  if (title) room.title = title;
  if (host) room.host = host;
  if (id) room.roomId = id;
  const status = get(d, 'status');
  if (status === 1) room.status = 'live';
  else if (status === 2 || status === 3) room.status = 'ended';
  return Object.keys(room).length ? [{ kind: 'room', room }] : [];
}

export const jd: PlatformAdapter = {
  id: 'jd',
  hosts: ['lives.jd.com'],
  roomKey: (url) => /^#\/(\d+)/.exec(url.hash)?.[1] ?? null,
  network: [{ ch: 'http', urlIncludes: ['functionId=liveDetailToM'], map: mapLiveDetailToM }],
  urlState: (url) => (/^#\/\d+\/(replay|closed)/.test(url.hash) ? { status: 'ended' } : { status: 'live' }),
  dom: {
    title: ['[class*="live-title"]', '[class*="liveTitle"]', DOC_TITLE],
    host: ['[class*="shop-name"]', '[class*="shopName"]', '[class*="anchor-name"]'],
    product: { root: ['[class*="explain-goods"]', '[class*="goods-card"]'] },
    comments: { item: ['[class*="comment-item"]', '[class*="msg-item"]'], author: ['[class*="nick"]'], text: ['[class*="content"]'] },
  },
};

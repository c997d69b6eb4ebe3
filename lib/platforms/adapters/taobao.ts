/**
 * Taobao Live (platforms.md §2.4). mtop H5 responses, as JSONP (script
 * callbacks `mtopjsonpN(…)`, observed by the tap) or `type=originaljson`
 * fetches: comments (iliad.comment.query.latest), room (live.livedetail),
 * items (video.livedetail.itemlist; the "explaining" flag below is unverified).
 * DOM classes are hashed CSS modules, so selectors match class substrings.
 */
import { cleanText } from '../dom-spec';
import { get, str } from '../page-state';
import type { Observation, PlatformAdapter } from '../types';
import { DOC_TITLE, parseJsonish, productFrom } from './common';

/** System notices in the comment feed start with private-use marks (U+2042, U+2230, U+23C7). */
const SYSTEM_MARK = /^[\u2042\u2230\u23c7]/;

export function mapComments(body: string | Uint8Array): Observation[] {
  const list = get(parseJsonish(body), 'data', 'comments');
  if (!Array.isArray(list)) return [];
  const out: Observation[] = [];
  for (const c of list.slice(0, 200)) {
    const raw = str(get(c, 'content'));
    const text = cleanText(raw.replace(SYSTEM_MARK, ''));
    if (!text) continue;
    if (SYSTEM_MARK.test(raw) || str(get(c, 'renders', 'commentType')) === 'system') out.push({ kind: 'notice', text: { text } });
    else {
      const author = cleanText(str(get(c, 'publisherNick')), 100);
      out.push({ kind: 'comment', text: author ? { text, author } : { text } });
    }
  }
  return out;
}

export function mapLiveDetail(body: string | Uint8Array): Observation[] {
  const d = get(parseJsonish(body), 'data');
  if (!d) return [];
  const room: Extract<Observation, { kind: 'room' }>['room'] = {};
  const title = cleanText(str(get(d, 'title')), 500);
  const host = cleanText(str(get(d, 'broadCaster', 'accountName')), 200);
  const id = cleanText(str(get(d, 'liveId')), 200);
  if (title) room.title = title;
  if (host) room.host = host;
  if (id) room.roomId = id;
  const st = str(get(d, 'streamStatus'));
  if (st === '1') room.status = 'live';
  else if (st === '2' || st === '0') room.status = 'ended';
  return Object.keys(room).length ? [{ kind: 'room', room }] : [];
}

/** Item list: the item flagged as being explained (flag name unverified: `isExplaining`). */
export function mapItemList(body: string | Uint8Array): Observation[] {
  const list = get(parseJsonish(body), 'data', 'itemList');
  if (!Array.isArray(list)) return [];
  const item = list.find((i) => get(i, 'isExplaining') === true || str(get(i, 'isExplaining')) === 'true');
  if (!item) return [];
  const p = productFrom(
    {
      title: str(get(item, 'itemName')),
      price: str(get(item, 'itemPrice')),
      original: str(get(item, 'itemOriginalPrice')),
      url: str(get(item, 'itemUrl')),
      id: str(get(item, 'itemId')),
      shop: str(get(item, 'shopName')),
      explaining: true,
    },
    'https://tbzb.taobao.com/',
  );
  return p ? [{ kind: 'product', product: p }] : [];
}

const COMMENTS = '/h5/mtop.taobao.iliad.comment.query.latest/';
const DETAIL = '/h5/mtop.mediaplatform.live.livedetail/';
const ITEMS = '/h5/mtop.mediaplatform.video.livedetail.itemlist';

export const taobao: PlatformAdapter = {
  id: 'taobao',
  hosts: ['tbzb.taobao.com'],
  roomKey: (url) => (url.pathname.startsWith('/live') ? url.searchParams.get('liveId') : null),
  network: [
    { ch: 'jsonp', urlIncludes: [COMMENTS], map: mapComments },
    { ch: 'http', urlIncludes: [COMMENTS], map: mapComments },
    { ch: 'jsonp', urlIncludes: [DETAIL], map: mapLiveDetail },
    { ch: 'http', urlIncludes: [DETAIL], map: mapLiveDetail },
    { ch: 'jsonp', urlIncludes: [ITEMS], map: mapItemList },
    { ch: 'http', urlIncludes: [ITEMS], map: mapItemList },
  ],
  dom: {
    title: ['[class*="liveTitle"]', '[class*="roomTitle"]', DOC_TITLE],
    host: ['[class*="accountName"]', '[class*="anchorName"]'],
    ended: ['[class*="liveEnd"]', '[class*="endPanel"]'],
    product: { root: ['[class*="explainCard"]', '[class*="goodsCard"]'] },
    comments: { item: ['[class*="commentItem"]'], author: ['[class*="nick"]'], text: ['[class*="commentContent"]', '[class*="content"]'] },
  },
};

/**
 * TikTok LIVE (platforms.md §2.2, evidence 2026-08). Same webcast IM as Douyin,
 * plus WebcastCaptionMessage (live captions, interim/final) and the shop
 * pop-up card. Room identity from script#SIGI_STATE JSON; DOM by data-e2e.
 */
import { decodeFetchBody, decodePushFrame, mapWebcast } from '../decode/webcast';
import { cleanText } from '../dom-spec';
import { get, scriptJsonById, str } from '../page-state';
import type { Observation, PlatformAdapter } from '../types';
import { DOC_TITLE } from './common';

export function tiktokState(doc: Document): Observation[] {
  const s = scriptJsonById(doc, 'SIGI_STATE');
  const info = get(s, 'LiveRoom', 'liveRoomUserInfo');
  if (!info) return [];
  const user = get(info, 'user');
  const host = cleanText(str(get(user, 'nickname')) || str(get(user, 'uniqueId')), 200);
  const roomId = cleanText(str(get(user, 'roomId')), 200);
  const title = cleanText(str(get(info, 'liveRoom', 'title')), 500) || host;
  const status = get(info, 'liveRoom', 'status') ?? get(user, 'status');
  const room: Extract<Observation, { kind: 'room' }>['room'] = {};
  if (host) room.host = host;
  if (title) room.title = title;
  if (roomId) room.roomId = roomId;
  if (status === 4) room.status = 'ended';
  else if (status === 2) room.status = 'live';
  return Object.keys(room).length ? [{ kind: 'room', room }] : [];
}

export const tiktok: PlatformAdapter = {
  id: 'tiktok',
  hosts: ['www.tiktok.com'],
  roomKey: (url) => /^\/@([^/]+)\/live\/?$/.exec(url.pathname)?.[1] ?? null,
  network: [
    { ch: 'ws', urlIncludes: ['/webcast/im/push'], map: async (b) => (typeof b === 'string' ? [] : mapWebcast(await decodePushFrame(b))) },
    { ch: 'http', urlIncludes: ['/webcast/im/fetch/'], map: async (b) => (typeof b === 'string' ? [] : mapWebcast(await decodeFetchBody(b))) },
  ],
  pageState: tiktokState,
  dom: {
    // The room shows no stream title (2026-08 notes): the host stands in for it.
    title: ['[data-e2e="live-title"]', '[data-e2e="room-header-anchor-name"]', DOC_TITLE],
    host: ['[data-e2e="room-header-anchor-name"]', '[data-e2e="live-header-container"] a[href^="/@"]'],
    ended: ['[class*="LiveEndContainer"]'],
    product: { root: ['[data-e2e="live-shop-card"]', '[data-e2e*="product-card"]'] },
    captions: ['[data-e2e="live-caption"]', '[class*="CaptionContainer"]'],
    comments: { item: ['[data-e2e="chat-message"]'], author: ['[data-e2e="message-owner-name"]'] },
  },
};

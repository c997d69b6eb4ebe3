/**
 * Chooses how to read a page: a platform adapter by host (the adapter then
 * says, per URL, whether the page is a room: SPA navigation changes that), or
 * the bundled demo room on loopback when its meta tag is present.
 */
import { bilibili } from './adapters/bilibili';
import { douyin } from './adapters/douyin';
import { jd } from './adapters/jd';
import { kuaishou } from './adapters/kuaishou';
import { taobao } from './adapters/taobao';
import { tiktok } from './adapters/tiktok';
import { xiaohongshu } from './adapters/xiaohongshu';
import { youtube } from './adapters/youtube';
import { DEMO_META } from './demo';
import type { PlatformAdapter } from './types';

export const ADAPTERS: PlatformAdapter[] = [douyin, tiktok, youtube, bilibili, taobao, kuaishou, jd, xiaohongshu];

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

export type Choice = { kind: 'demo' } | { kind: 'adapter'; adapter: PlatformAdapter };

/** The adapter for this page's host (https only), the demo room on loopback, or null. */
export function chooseReader(url: URL, doc?: Document): Choice | null {
  if (LOOPBACK.has(url.hostname)) return doc?.querySelector(DEMO_META) ? { kind: 'demo' } : null;
  if (url.protocol !== 'https:') return null;
  const adapter = ADAPTERS.find((a) => a.hosts.includes(url.hostname));
  return adapter ? { kind: 'adapter', adapter } : null;
}

/** An unsupported site the user bound with the picker: one room per page path, nothing read but the picked fields. */
export function genericAdapter(): PlatformAdapter {
  return { id: 'generic', hosts: [], roomKey: (url) => `${url.host}${url.pathname}`, dom: { title: ['head > title'], cardHeuristics: false } };
}

export { CONTENT_MATCHES } from './hosts';

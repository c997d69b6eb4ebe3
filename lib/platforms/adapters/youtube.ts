/**
 * YouTube Live (platforms.md §2.10): captions are DOM (.ytp-caption-segment,
 * only while CC is on; rolling text), the featured product overlay
 * (.ytp-featured-product) and the merch shelf. Chat lives in an iframe
 * (#chatframe) which this adapter does not read.
 */
import type { PlatformAdapter } from '../types';
import { DOC_TITLE } from './common';

export const youtube: PlatformAdapter = {
  id: 'youtube',
  hosts: ['www.youtube.com'],
  roomKey(url) {
    if (url.pathname === '/watch') return url.searchParams.get('v');
    return /^\/live\/([\w-]+)/.exec(url.pathname)?.[1] ?? /^\/(@[^/]+)\/live\/?$/.exec(url.pathname)?.[1] ?? null;
  },
  dom: {
    title: ['h1.ytd-watch-metadata', '#title h1', 'meta[name="title"]@content', DOC_TITLE],
    host: ['ytd-channel-name a', '#owner #channel-name a', 'link[itemprop="name"]@content'],
    product: { root: ['.ytp-featured-product', 'ytd-merch-shelf-renderer'] },
    captions: ['.ytp-caption-window-container .ytp-caption-segment'],
  },
};

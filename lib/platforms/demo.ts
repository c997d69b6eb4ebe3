/**
 * The bundled demo live room (test/demo-room/room.html). Its markup mimics a
 * Chinese live-commerce room: header with title/host/room id, product card
 * with struck-through 原价, caption band, pinned notice, comment list.
 */
import type { DomSpec } from './dom-spec';

export const demoSpec: DomSpec = {
  platform: 'demo',
  room: {
    title: '.room-header .room-title',
    host: '.room-header .host-name',
    roomId: { selector: '.room-header', attr: 'data-room-id' },
    viewers: '.room-header .viewer-count',
    ended: '.room-ended',
  },
  product: {
    root: '.product-card',
    title: '.product-title',
    price: '.product-price',
    originalPrice: '.product-original-price',
    shop: '.product-shop',
    link: 'a.product-link',
    sold: '.product-sold',
    productIdAttr: 'data-product-id',
    explaining: '.explaining-badge',
  },
  caption: '.caption-band .caption-text',
  notice: '.pinned-notice .notice-text',
  comments: { item: '.comment-list .comment', author: '.comment-author', text: '.comment-text' },
};

/** The demo room identifies itself with this meta tag; the content script runs only there on loopback. */
export const DEMO_META = 'meta[name="liveproof-demo-room"]';

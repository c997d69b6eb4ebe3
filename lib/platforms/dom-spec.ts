/**
 * Reading a live room from the DOM by a selector spec. Pure DOM code: takes a
 * Document (or any ParentNode) and returns payloads; no messaging, no browser.*.
 * Every value read from the page is untrusted text: trimmed, bounded, never
 * executed or inserted as HTML.
 */
import type { Platform, ProductPayload, RoomPayload } from '../protocol/types';
import { parseCount, parsePrice } from './price';

export interface DomSpec {
  platform: Platform;
  room: {
    title: string;
    host: string;
    /** Element carrying the room id in an attribute. */
    roomId?: { selector: string; attr: string };
    viewers?: string;
    /** Present when the page shows the room has ended. */
    ended?: string;
  };
  product?: {
    root: string;
    title: string;
    price: string;
    originalPrice?: string;
    shop?: string;
    link?: string;
    sold?: string;
    productIdAttr?: string;
    explaining?: string;
  };
  caption?: string;
  notice?: string;
  comments?: { item: string; author?: string; text?: string };
}

const MAX_TEXT = 2000;

export function cleanText(s: string | null | undefined, max = MAX_TEXT): string {
  if (!s) return '';
  return s.replace(/\s+/g, ' ').trim().slice(0, max);
}

function textOf(root: ParentNode, selector: string | undefined): string {
  if (!selector) return '';
  const el = root.querySelector(selector);
  return cleanText(el?.textContent);
}

export function readRoom(doc: Document, spec: DomSpec, url: string): RoomPayload | null {
  const title = textOf(doc, spec.room.title);
  const host = textOf(doc, spec.room.host);
  if (!title && !host) return null;
  let roomId = '';
  if (spec.room.roomId) {
    roomId = cleanText(doc.querySelector(spec.room.roomId.selector)?.getAttribute(spec.room.roomId.attr), 200);
  }
  if (!roomId) roomId = roomIdFromUrl(url);
  const room: RoomPayload = {
    platform: spec.platform,
    roomId,
    title: title.slice(0, 500),
    host: host.slice(0, 200),
    url: url.slice(0, 2000),
    status: spec.room.ended && doc.querySelector(spec.room.ended) ? 'ended' : 'live',
  };
  const viewers = parseCount(textOf(doc, spec.room.viewers));
  if (viewers !== undefined) room.viewers = viewers;
  return room;
}

export function roomIdFromUrl(url: string): string {
  try {
    const u = new URL(url);
    const last = u.pathname.split('/').filter(Boolean).pop() ?? '';
    return cleanText(u.searchParams.get('room') ?? last, 200);
  } catch {
    return '';
  }
}

export function readProduct(doc: Document, spec: DomSpec, baseUrl: string): ProductPayload | null {
  const p = spec.product;
  if (!p) return null;
  const root = doc.querySelector(p.root);
  if (!root) return null;
  const title = textOf(root, p.title);
  if (!title) return null;
  const product: ProductPayload = { title: title.slice(0, 500) };
  const priceText = textOf(root, p.price).slice(0, 100);
  const price = parsePrice(priceText);
  if (priceText) product.priceText = priceText;
  if (price !== undefined) product.price = price;
  const originalText = textOf(root, p.originalPrice).slice(0, 100);
  const original = parsePrice(originalText);
  if (originalText) product.originalPriceText = originalText;
  if (original !== undefined) product.originalPrice = original;
  const shop = textOf(root, p.shop);
  if (shop) product.shop = shop.slice(0, 200);
  if (p.link) {
    const href = root.querySelector(p.link)?.getAttribute('href');
    const abs = href ? absoluteHttpUrl(href, baseUrl) : undefined;
    if (abs) product.url = abs;
  }
  if (p.productIdAttr) {
    const id = cleanText(root.getAttribute(p.productIdAttr), 200);
    if (id) product.productId = id;
  }
  const sold = parseCount(textOf(root, p.sold));
  if (sold !== undefined) product.sold = sold;
  if (p.explaining) product.explaining = root.querySelector(p.explaining) !== null;
  return product;
}

/** Only http(s) links are kept; javascript: and data: URLs from a hostile page are dropped. */
export function absoluteHttpUrl(href: string, base: string): string | undefined {
  try {
    const u = new URL(href, base);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href.slice(0, 2000) : undefined;
  } catch {
    return undefined;
  }
}

export function readCaption(doc: Document, spec: DomSpec): string {
  return textOf(doc, spec.caption);
}

export function readNotice(doc: Document, spec: DomSpec): string {
  return textOf(doc, spec.notice);
}

export interface CommentRead {
  author: string;
  text: string;
}

export function readComments(doc: Document, spec: DomSpec): CommentRead[] {
  const c = spec.comments;
  if (!c) return [];
  const out: CommentRead[] = [];
  for (const el of Array.from(doc.querySelectorAll(c.item))) {
    const author = c.author ? textOf(el, c.author).slice(0, 100) : '';
    const text = c.text ? textOf(el, c.text) : cleanText(el.textContent);
    if (text) out.push({ author, text });
  }
  return out;
}

/**
 * Reads a room through an adapter's DOM spec: selector lists with fallbacks
 * (stable attributes first), then the generic heuristics. Returns Observations
 * with the source that produced them ('dom' for spec hits, 'heuristic' when the
 * card was found by text anchors alone).
 */
import type { ProductPayload, TextPayload } from '../protocol/types';
import { absoluteHttpUrl, cleanText } from './dom-spec';
import { findCardByAnchor, queryAllDeep, queryDeep, readCardHeuristic, readPrices, withShadowCache } from './heuristics';
import { parseCount } from './price';
import type { AdapterDom, Observed, RoomFields } from './types';
import { CONFIDENCE } from './types';

/** "css@attr" reads an attribute instead of the text. */
function readSel(root: ParentNode, sel: string): string {
  if (sel.startsWith('@')) return 'getAttribute' in root ? cleanText((root as Element).getAttribute(sel.slice(1))) : '';
  const at = sel.lastIndexOf('@');
  const css = at > 0 && !sel.slice(at).includes(']') ? sel.slice(0, at) : sel;
  const attr = css === sel ? null : sel.slice(at + 1);
  const el = queryDeep(root, css);
  if (!el) return '';
  return cleanText(attr ? el.getAttribute(attr) : el.textContent);
}

export function first(root: ParentNode, sels: string[] | undefined): string {
  for (const s of sels ?? []) {
    const v = readSel(root, s);
    if (v) return v;
  }
  return '';
}

function firstEl(root: ParentNode, sels: string[] | undefined): Element | null {
  for (const s of sels ?? []) {
    const el = queryDeep(root, s);
    if (el) return el;
  }
  return null;
}

export function readRoomDom(doc: Document, dom: AdapterDom): RoomFields | null {
  const room: RoomFields = {};
  const title = first(doc, dom.title).slice(0, 500);
  const host = first(doc, dom.host).slice(0, 200);
  if (title) room.title = title;
  if (host) room.host = host;
  const viewers = parseCount(first(doc, dom.viewers));
  if (viewers !== undefined) room.viewers = viewers;
  let ended = false;
  for (const s of dom.ended ?? []) {
    for (const el of queryAllDeep(doc, s)) {
      if (!dom.endedText || dom.endedText.test(el.textContent ?? '')) ended = true;
    }
  }
  // Only an end is read from the DOM; "live" comes from state, network or the URL.
  if (ended) room.status = 'ended';
  return Object.keys(room).length ? room : null;
}

export function readProductDom(doc: Document, dom: AdapterDom, url: string): { product: ProductPayload; heuristic: boolean } | null {
  const spec = dom.product;
  let root = spec ? firstEl(doc, spec.root) : null;
  let heuristic = false;
  if (!root && dom.cardHeuristics !== false) {
    root = findCardByAnchor(doc, url);
    heuristic = true;
  }
  if (!root) return null;
  const base = readCardHeuristic(root, url);
  const title = first(root, spec?.title) || base?.title || '';
  if (!title) return null;
  const product: ProductPayload = { ...(base ?? {}), title: title.slice(0, 500) };
  const priceEl = firstEl(root, spec?.price);
  if (priceEl) {
    const p = readPrices(priceEl);
    if (p.price !== undefined) {
      product.price = p.price;
      product.priceText = p.priceText!;
    }
  }
  const origEl = firstEl(root, spec?.originalPrice);
  if (origEl) {
    const text = cleanText(origEl.textContent, 100);
    const p = readPrices(origEl);
    const v = p.originalPrice ?? p.price;
    if (v !== undefined) {
      product.originalPrice = v;
      product.originalPriceText = text;
    }
  }
  const shop = first(root, spec?.shop);
  if (shop) product.shop = shop.slice(0, 200);
  const link = firstEl(root, spec?.link)?.getAttribute('href');
  const abs = link ? absoluteHttpUrl(link, url) : undefined;
  if (abs) product.url = abs;
  if (product.price === undefined) return null;
  return { product, heuristic };
}

export function readCaptionDom(doc: Document, dom: AdapterDom): string {
  for (const s of dom.captions ?? []) {
    const parts = queryAllDeep(doc, s)
      .map((el) => cleanText(el.textContent))
      .filter(Boolean);
    if (parts.length) return cleanText(parts.join(' '));
  }
  return '';
}

const AUTHOR_SPLIT = /^(.{1,24}?)\s*[:：]\s*(.+)$/;
const MAX_ROWS = 60;

export function readCommentsDom(doc: Document, dom: AdapterDom): TextPayload[] {
  const c = dom.comments;
  if (!c) return [];
  let items: Element[] = [];
  for (const s of c.item) {
    items = queryAllDeep(doc, s);
    if (items.length) break;
  }
  const out: TextPayload[] = [];
  for (const el of items.slice(-MAX_ROWS)) {
    let author = first(el, c.author).slice(0, 100);
    let text = first(el, c.text);
    if (!text) {
      const all = cleanText(el.textContent);
      const m = author ? null : AUTHOR_SPLIT.exec(all);
      if (m) {
        author = cleanText(m[1], 100);
        text = cleanText(m[2]);
      } else text = author && all.startsWith(author) ? cleanText(all.slice(author.length).replace(/^\s*[:：]/, '')) : all;
    }
    else if (!author) {
      // Rows like "[badge] 观众甲：<text>": the author is the run before the colon.
      const all = cleanText(el.textContent);
      const at = all.lastIndexOf(text);
      const m = at > 0 ? /([^\s:：]{1,24})\s*[:：]\s*$/.exec(all.slice(0, at)) : null;
      if (m) author = cleanText(m[1], 100);
    }
    author = author.replace(/\s*[:：]$/, '');
    if (text) out.push(author ? { text, author } : { text });
  }
  return out;
}

/** One reading of the DOM as Observations. */
export function readDom(doc: Document, dom: AdapterDom, url: string): Observed[] {
  return withShadowCache(() => readDomOnce(doc, dom, url));
}

function readDomOnce(doc: Document, dom: AdapterDom, url: string): Observed[] {
  const out: Observed[] = [];
  const dm = { source: 'dom' as const, confidence: CONFIDENCE.dom };
  const room = readRoomDom(doc, dom);
  if (room) out.push({ kind: 'room', room, ...dm });
  const p = readProductDom(doc, dom, url);
  if (p) {
    const src = p.heuristic ? { source: 'heuristic' as const, confidence: CONFIDENCE.heuristic } : dm;
    out.push({ kind: 'product', product: p.product, ...src });
  }
  const caption = readCaptionDom(doc, dom);
  if (caption) out.push({ kind: 'caption', caption: { text: caption, final: true }, ...dm });
  const notice = first(doc, dom.notice);
  if (notice) out.push({ kind: 'notice', text: { text: notice }, ...dm });
  for (const t of readCommentsDom(doc, dom)) out.push({ kind: 'comment', text: t, ...dm });
  return out;
}

/**
 * Generic, platform-independent reading (platforms.md §4): product-card
 * heuristics (¥/￥ prices, 券后价/到手价/直播价 labels, struck-through 原价 in
 * <del>/<s>/line-through), card discovery by text anchors, caption-like
 * regions, and queries that look into open shadow roots. Used by every
 * adapter as the fallback when its stable selectors miss, so re-hashed class
 * names cost precision, not the reading.
 */
import type { ProductPayload } from '../protocol/types';
import { absoluteHttpUrl, cleanText } from './dom-spec';
import { parseCount, parsePrice } from './price';

export const EXPLAINING = /讲解中|正在讲解|当前讲解/;
const LABELLED_PRICE = /(券后价|到手价|直播价|秒杀价|限时价|活动价|折后价|券后)\s*[:：]?\s*[¥￥]?\s*(\d{1,7}(?:\.\d{1,2})?)/;
const LABELLED_ORIGINAL = /(原价|划线价|日常价|专柜价)\s*[:：]?\s*[¥￥]?\s*(\d{1,7}(?:\.\d{1,2})?)/;
const CURRENCY_PRICE = /[¥￥$]\s*(\d{1,7}(?:\.\d{1,2})?)/;
const HAS_PRICE = /[¥￥$]\s*\d/;
const SERVICE_TAG = /^(运费险|7天无理由|七天无理由|包邮|满\d+件.*|领券.*|去购买|去抢购|立即购买|马上抢|全部商品|讲解中|正在讲解|当前讲解|已售.*|券后价?|到手价|直播价|原价|划线价)$/;
const STRUCK_CLASS = /(^|[-_\s])(origin|original|old|strike|line-?through)([-_\s]|$)/i;
const CJK = /[\u3400-\u9fff]/g;

/** querySelector that also looks into open shadow roots (depth-first, bounded). */
export function queryDeep(root: ParentNode, selector: string): Element | null {
  try {
    const direct = root.querySelector(selector);
    if (direct) return direct;
  } catch {
    return null;
  }
  for (const sr of shadowRoots(root)) {
    const hit = sr.querySelector(selector);
    if (hit) return hit;
  }
  return null;
}

export function queryAllDeep(root: ParentNode, selector: string): Element[] {
  const out: Element[] = [];
  try {
    out.push(...Array.from(root.querySelectorAll(selector)));
  } catch {
    return [];
  }
  for (const sr of shadowRoots(root)) out.push(...Array.from(sr.querySelectorAll(selector)));
  return out;
}

/** Open shadow roots under `root`. Inside withShadowCache() the walk is done once per root. */
let shadowCache: Map<ParentNode, ShadowRoot[]> | null = null;
function shadowRoots(root: ParentNode): ShadowRoot[] {
  if (!shadowCache) return walkShadowRoots(root);
  let list = shadowCache.get(root);
  if (!list) shadowCache.set(root, (list = walkShadowRoots(root)));
  return list;
}

/** Runs one reading of the page with the shadow-root walk shared by all its queries. */
export function withShadowCache<T>(fn: () => T): T {
  const outer = shadowCache;
  shadowCache = outer ?? new Map();
  try {
    return fn();
  } finally {
    shadowCache = outer;
  }
}

function walkShadowRoots(root: ParentNode, limit = 50): ShadowRoot[] {
  const out: ShadowRoot[] = [];
  const stack: ParentNode[] = [root];
  while (stack.length && out.length < limit) {
    const r = stack.pop()!;
    for (const el of Array.from(r.querySelectorAll('*'))) {
      const sr = (el as Element).shadowRoot;
      if (sr) {
        out.push(sr);
        stack.push(sr);
      }
    }
  }
  return out;
}

export function isStruck(el: Element, stopAt?: Element): boolean {
  for (let e: Element | null = el; e; e = e.parentElement) {
    const tag = e.tagName.toLowerCase();
    if (tag === 'del' || tag === 's' || tag === 'strike') return true;
    const style = e.getAttribute('style') ?? '';
    if (/line-through/.test(style)) return true;
    if (STRUCK_CLASS.test(e.getAttribute('class') ?? '')) return true;
    const view = e.ownerDocument?.defaultView;
    if (view && typeof view.getComputedStyle === 'function') {
      try {
        const cs = view.getComputedStyle(e);
        if (/line-through/.test(cs.textDecorationLine || cs.textDecoration || '')) return true;
      } catch {
        // Detached or foreign node: no computed style.
      }
    }
    if (e === stopAt) break;
  }
  return false;
}

/** Text segments of an element (one per text node), each with whether it is struck through. */
function segments(root: Element): { text: string; struck: boolean; el: Element }[] {
  const out: { text: string; struck: boolean; el: Element }[] = [];
  const doc = root.ownerDocument;
  const walker = doc.createTreeWalker(root, 4 /* NodeFilter.SHOW_TEXT */);
  let n = walker.nextNode();
  let count = 0;
  while (n && count++ < 2000) {
    const parent = n.parentElement;
    const t = n.textContent ?? '';
    if (parent && t.trim() && !/^(script|style|template)$/i.test(parent.tagName)) {
      out.push({ text: t, struck: isStruck(parent, root), el: parent });
    }
    n = walker.nextNode();
  }
  return out;
}

/** Joins split prices: "¥ 59 .9" → "¥59.9". */
export function joinPriceText(s: string): string {
  return s
    .replace(/\s+/g, ' ')
    .replace(/([¥￥$])\s+(?=\d)/g, '$1')
    .replace(/(\d)\s+(?=\.\d)/g, '$1')
    .replace(/(\d\.)\s+(?=\d)/g, '$1')
    .trim();
}

export interface PriceRead {
  price?: number;
  priceText?: string;
  originalPrice?: number;
  originalPriceText?: string;
}

export function readPrices(root: Element): PriceRead {
  const segs = segments(root);
  const struckText = joinPriceText(groupStruck(segs));
  const plain = joinPriceText(segs.filter((s) => !s.struck).map((s) => s.text).join(' '));
  const out: PriceRead = {};
  const origMatch = /\d/.test(struckText) ? { text: struckText.slice(0, 100) } : null;
  const labelledOrig = LABELLED_ORIGINAL.exec(plain);
  if (origMatch) {
    const v = parsePrice(origMatch.text.replace(/^[^\d¥￥]*/, ''));
    if (v !== undefined) {
      out.originalPrice = v;
      out.originalPriceText = origMatch.text;
    }
  } else if (labelledOrig) {
    out.originalPrice = Number(labelledOrig[2]);
    out.originalPriceText = labelledOrig[0];
  }
  const rest = labelledOrig && !origMatch ? plain.replace(labelledOrig[0], ' ') : plain;
  const m = LABELLED_PRICE.exec(rest) ?? CURRENCY_PRICE.exec(rest);
  if (m) {
    out.price = Number(m[m.length - 1]);
    out.priceText = cleanText(m[0], 100);
  }
  return out;
}

/** The first struck-through run (consecutive struck segments of one struck element). */
function groupStruck(segs: { text: string; struck: boolean; el: Element }[]): string {
  let started = false;
  let text = '';
  for (const s of segs) {
    if (s.struck) {
      text += s.text;
      started = true;
    } else if (started) break;
  }
  return text;
}

/** The product title: the longest CJK-bearing segment that is not a price, tag or marker. */
export function readTitle(root: Element): string {
  let best = '';
  let bestScore = 0;
  for (const s of segments(root)) {
    const t = cleanText(s.text, 500);
    if (t.length < 4 || HAS_PRICE.test(t) || SERVICE_TAG.test(t) || /^x\d+$/i.test(t) || /^\d+([.,]\d+)?$/.test(t)) continue;
    if (s.el.closest('button')) continue;
    const cjk = (t.match(CJK) ?? []).length;
    const score = cjk * 2 + t.length;
    if (cjk >= 2 && score > bestScore) {
      best = t;
      bestScore = score;
    }
  }
  return best;
}

export function readCardHeuristic(root: Element, baseUrl: string): ProductPayload | null {
  const title = readTitle(root);
  if (!title) return null;
  const p: ProductPayload = { title, ...readPrices(root) };
  if (p.price === undefined) return null;
  const text = cleanText(root.textContent, 4000);
  p.explaining = EXPLAINING.test(text);
  const sold = /已售\s*([\d.,]+\s*[万wW]?)/.exec(text);
  if (sold) {
    const n = parseCount(sold[1]);
    if (n !== undefined) p.sold = n;
  }
  for (const a of Array.from(root.querySelectorAll('a[href]'))) {
    const u = absoluteHttpUrl(a.getAttribute('href') ?? '', baseUrl);
    if (u) {
      p.url = u;
      break;
    }
  }
  return p;
}

/**
 * Finds a product card without any class or attribute: start from text that
 * says "讲解中" (preferred) or shows a ¥ price and climb until the block holds a
 * title and a price. Blocks that contain a <video> are never a card.
 */
export function findCardByAnchor(doc: Document, baseUrl: string): Element | null {
  const body = doc.body;
  if (!body) return null;
  const explaining: Element[] = [];
  const priced: Element[] = [];
  const walker = doc.createTreeWalker(body, 4);
  let n = walker.nextNode();
  let count = 0;
  while (n && count++ < 20_000) {
    const t = n.textContent ?? '';
    const parent = n.parentElement;
    if (parent) {
      if (EXPLAINING.test(t)) explaining.push(parent);
      else if (/[¥￥$]\s*\d/.test(t)) priced.push(parent);
    }
    n = walker.nextNode();
  }
  for (const start of [...explaining, ...priced]) {
    let el: Element | null = start;
    for (let depth = 0; el && el !== body && depth < 6; depth++, el = el.parentElement) {
      if (el.querySelector('video') || (el.textContent ?? '').length > 1500) break;
      if (readCardHeuristic(el, baseUrl)) return el;
    }
  }
  return null;
}

/** Caption-like regions when an adapter names none (platforms.md §4.4). */
export const CAPTION_REGIONS = ['.ytp-caption-segment', '[aria-live]:not([aria-live="off"])', '[role="status"]', '[class*="caption" i]', '[class*="subtitle" i]'];

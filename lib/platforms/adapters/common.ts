/** Helpers shared by the adapters' JSON mappers. */
import type { ProductPayload } from '../../protocol/types';
import { absoluteHttpUrl, cleanText } from '../dom-spec';
import { parsePrice } from '../price';

/** Parses JSON, or a JSONP body `cb({...})`; undefined when neither. */
export function parseJsonish(body: string | Uint8Array): unknown {
  const text = (typeof body === 'string' ? body : new TextDecoder().decode(body)).trim();
  try {
    return JSON.parse(text);
  } catch {
    const m = /^[\w$.]+\s*\(([\s\S]*)\)\s*;?\s*$/.exec(text);
    if (!m) return undefined;
    try {
      return JSON.parse(m[1]!);
    } catch {
      return undefined;
    }
  }
}

export function productFrom(
  f: { title: string; price?: string | number; original?: string | number; url?: string; id?: string; shop?: string; explaining?: boolean },
  base: string,
  unit: 'yuan' | 'fen' = 'yuan',
): ProductPayload | null {
  const title = cleanText(f.title, 500);
  if (!title) return null;
  const p: ProductPayload = { title };
  const money = (v: string | number | undefined): [number | undefined, string] => {
    if (v === undefined || v === '' || v === null) return [undefined, ''];
    if (typeof v === 'number') {
      if (!Number.isFinite(v) || v < 0) return [undefined, ''];
      const y = unit === 'fen' ? Math.round(v) / 100 : v;
      return [Math.round(y * 100) / 100, unit === 'fen' ? `${v}分` : String(v)];
    }
    const raw = cleanText(v, 100);
    const n = parsePrice(raw);
    return [n === undefined ? undefined : unit === 'fen' && /^\d+$/.test(raw) ? n / 100 : n, raw];
  };
  const [price, priceText] = money(f.price);
  const [orig, origText] = money(f.original);
  if (price !== undefined) p.price = price;
  if (priceText) p.priceText = priceText;
  if (orig !== undefined) p.originalPrice = orig;
  if (origText) p.originalPriceText = origText;
  const url = f.url ? absoluteHttpUrl(f.url, base) : undefined;
  if (url) p.url = url;
  const id = cleanText(f.id, 200);
  if (id) p.productId = id;
  const shop = cleanText(f.shop, 200);
  if (shop) p.shop = shop;
  if (f.explaining !== undefined) p.explaining = f.explaining;
  return p;
}

/** Fallback room title: the document title. */
export const DOC_TITLE = 'head > title';

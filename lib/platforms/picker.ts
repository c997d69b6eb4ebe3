/**
 * The element picker's model (uBlock Origin's epicker idea, re-ranked for live
 * pages whose class names are hashed; platforms.md §4.1). Pure DOM code:
 *  - candidates(el): selectors that find exactly `el`, strongest first:
 *    stable attributes (data-e2e, data-testid, aria-label, role, id) →
 *    class-prefix matches with the hash stripped → a structural path from the
 *    nearest stable ancestor;
 *  - a Binding keeps every candidate per field, per origin, so a reading can
 *    fall back to weaker strategies when the page drifts (and say so);
 *  - bindingDom(b) turns a binding into an AdapterDom the reader understands.
 */
import { parseRegions, type Rect } from '../ocr/frame';
import { cleanText } from './dom-spec';
import type { AdapterDom } from './types';

export type PickField = 'product' | 'caption' | 'title' | 'comment';
export const PICK_FIELDS: PickField[] = ['product', 'caption', 'title', 'comment'];

export interface Binding {
  origin: string;
  fields: Partial<Record<PickField, string[]>>;
  /** Regions of the room's video picked for OCR, as fractions (0..1) of its picture; when set, only they are read. */
  ocrRegions?: Rect[];
  savedAt: number;
}

export const bindingKey = (origin: string) => `picker:${origin}`;

const STABLE_ATTRS = ['data-e2e', 'data-testid', 'data-test-id', 'aria-label', 'role', 'itemprop'];
/** Class names that look generated: long random runs, or name--hash / name_hash_ suffixes. */
const HASHED = /^(?=.*\d)[A-Za-z0-9]{6,10}$|^[A-Za-z]{1,3}\d[A-Za-z0-9]{2,}$/;

function esc(v: string): string {
  return v.replace(/["\\]/g, '\\$&');
}

function unique(root: ParentNode, sel: string, el: Element): boolean {
  try {
    const all = root.querySelectorAll(sel);
    return all.length === 1 && all[0] === el;
  } catch {
    return false;
  }
}

function attrSelectors(el: Element): string[] {
  const tag = el.tagName.toLowerCase();
  const out: string[] = [];
  for (const a of STABLE_ATTRS) {
    const v = el.getAttribute(a);
    if (v && v.length <= 80) out.push(`${tag}[${a}="${esc(v)}"]`);
  }
  const id = el.getAttribute('id');
  if (id && !HASHED.test(id) && /^[A-Za-z][\w-]{0,60}$/.test(id)) out.push(`#${id}`);
  return out;
}

/** "price--3xK9" → [class^="price--"]-style prefixes; fully hashed names are skipped. */
function classSelectors(el: Element): string[] {
  const out: string[] = [];
  for (const c of Array.from(el.classList)) {
    if (HASHED.test(c)) continue;
    const m = /^([A-Za-z][A-Za-z-]*?[A-Za-z])(?:--|__|_|-)[A-Za-z0-9]{3,}$/.exec(c);
    if (m) out.push(`[class*="${esc(m[1]!)}"]`);
    else if (/^[A-Za-z][\w-]{1,40}$/.test(c)) out.push(`.${c}`);
  }
  return out;
}

function structural(el: Element, doc: Document): string | null {
  const parts: string[] = [];
  let cur: Element | null = el;
  for (let depth = 0; cur && cur !== doc.body && depth < 8; depth++) {
    const stable = attrSelectors(cur).find((s) => unique(doc, s, cur!));
    if (stable) {
      parts.unshift(stable);
      return parts.join(' > ');
    }
    const parent: Element | null = cur.parentElement;
    const tag = cur.tagName.toLowerCase();
    const same = parent ? Array.from(parent.children).filter((c) => c.tagName === cur!.tagName) : [];
    parts.unshift(same.length > 1 ? `${tag}:nth-of-type(${same.indexOf(cur) + 1})` : tag);
    cur = parent;
  }
  parts.unshift('body');
  return parts.join(' > ');
}

/** Selectors that find exactly `el` in its document, strongest first (at most 5). */
export function candidates(el: Element): string[] {
  const doc = el.ownerDocument;
  const out: string[] = [];
  const add = (s: string | null) => {
    if (s && !out.includes(s) && unique(doc, s, el)) out.push(s);
  };
  for (const s of attrSelectors(el)) add(s);
  const cls = classSelectors(el);
  for (const s of cls) add(`${el.tagName.toLowerCase()}${s}`);
  if (cls.length > 1) add(`${el.tagName.toLowerCase()}${cls.join('')}`);
  add(structural(el, doc));
  return out.slice(0, 5);
}

/**
 * For a list (comments): selectors matching the picked row and its siblings, so new rows are read too.
 * Drops the last :nth-of-type step of the structural path.
 */
export function rowCandidates(el: Element): string[] {
  return candidates(el).map((s) => s.replace(/:nth-of-type\(\d+\)$/, '')).filter((s, i, a) => a.indexOf(s) === i);
}

/** What the first matching strategy reads now, and whether only a weaker one still matches. */
export function resolve(doc: Document, strategies: string[]): { el: Element | null; index: number; drifted: boolean } {
  for (let i = 0; i < strategies.length; i++) {
    try {
      const el = doc.querySelector(strategies[i]!);
      if (el) return { el, index: i, drifted: i > 0 };
    } catch {
      // a stored selector the browser no longer accepts
    }
  }
  return { el: null, index: -1, drifted: strategies.length > 0 };
}

export function previewText(doc: Document, strategies: string[]): string {
  return cleanText(resolve(doc, strategies).el?.textContent, 200);
}

export function bindingDom(b: Binding): AdapterDom {
  // Only what the user picked: no guessing beside it.
  const dom: AdapterDom = { cardHeuristics: false };
  if (b.fields.title?.length) dom.title = b.fields.title;
  if (b.fields.product?.length) dom.product = { root: b.fields.product };
  if (b.fields.caption?.length) dom.captions = b.fields.caption;
  if (b.fields.comment?.length) dom.comments = { item: b.fields.comment };
  return dom;
}

/** Accepts only a well-formed binding from storage (it is our data, but storage can be edited). */
export function parseBinding(v: unknown, origin: string): Binding | null {
  if (!v || typeof v !== 'object') return null;
  const b = v as Record<string, unknown>;
  if (b.origin !== origin || typeof b.savedAt !== 'number' || !b.fields || typeof b.fields !== 'object') return null;
  const fields: Binding['fields'] = {};
  for (const f of PICK_FIELDS) {
    const list = (b.fields as Record<string, unknown>)[f];
    if (Array.isArray(list)) {
      const ok = list.filter((s): s is string => typeof s === 'string' && s.length < 500).slice(0, 5);
      if (ok.length) fields[f] = ok;
    }
  }
  const ocrRegions = parseRegions(b.ocrRegions);
  return { origin, fields, ...(ocrRegions.length ? { ocrRegions } : {}), savedAt: b.savedAt };
}

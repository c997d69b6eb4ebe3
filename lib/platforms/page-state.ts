/**
 * Page-state readers: JSON the page ships in <script> elements, read as text
 * and JSON.parse'd (never executed). Handles `window.__INITIAL_STATE__ = {…}`
 * assignments whose object literal uses bare `undefined` (XHS, Kuaishou).
 */
const MAX_SCRIPT = 2_000_000;

export function scriptJsonById(doc: Document, id: string): unknown {
  const el = doc.getElementById(id);
  if (!el || el.tagName.toLowerCase() !== 'script') return undefined;
  return safeParse(el.textContent ?? '');
}

/** The object assigned to `window.NAME = {…}` or `NAME = {…}` in an inline script. */
export function assignedJson(doc: Document, name: string): unknown {
  for (const s of Array.from(doc.querySelectorAll('script:not([src])'))) {
    const text = (s.textContent ?? '').slice(0, MAX_SCRIPT);
    const at = text.indexOf(name);
    if (at < 0) continue;
    const eq = text.indexOf('=', at + name.length);
    if (eq < 0 || text.slice(at + name.length, eq).trim() !== '') continue;
    const start = text.indexOf('{', eq);
    if (start < 0 || text.slice(eq + 1, start).trim() !== '') continue;
    const end = matchBrace(text, start);
    if (end < 0) continue;
    const v = safeParse(undefinedToNull(text.slice(start, end + 1)));
    if (v !== undefined) return v;
  }
  return undefined;
}

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Index of the brace closing the one at `start`, skipping strings; -1 if none. */
function matchBrace(s: string, start: number): number {
  let depth = 0;
  let quote = '';
  for (let i = start; i < s.length; i++) {
    const c = s[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = '';
      continue;
    }
    if (c === '"' || c === "'") quote = c;
    else if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') {
      depth--;
      if (depth === 0) return i;
    }
  }
  return -1;
}

/** Replaces bare `undefined` values outside strings with `null`. */
export function undefinedToNull(s: string): string {
  let out = '';
  let quote = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (quote) {
      out += c;
      if (c === '\\') out += s[++i] ?? '';
      else if (c === quote) quote = '';
      continue;
    }
    if (c === '"') quote = c;
    if (s.startsWith('undefined', i) && !/[\w$]/.test(s[i - 1] ?? '') && !/[\w$]/.test(s[i + 9] ?? '')) {
      out += 'null';
      i += 8;
      continue;
    }
    out += c;
  }
  return out;
}

type J = Record<string, unknown>;
/** Safe path access: get(obj, 'a', 'b', 0, 'c'). */
export function get(v: unknown, ...path: (string | number)[]): unknown {
  let cur = v;
  for (const k of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as J)[k as string];
  }
  return cur;
}

export function str(v: unknown): string {
  return typeof v === 'string' ? v : typeof v === 'number' && Number.isFinite(v) ? String(v) : '';
}

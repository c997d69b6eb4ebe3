/**
 * The MAIN-world tap: copies of the page's own allowlisted traffic, handed to
 * the ISOLATED content script. Tiny and dependency-free on purpose.
 *
 * Passive, listener-only:
 *  - fetch: a Proxy around window.fetch; for allowlisted URLs the response is
 *    clone()d and the clone read; the page gets the original, untouched.
 *  - XMLHttpRequest: open() remembers the URL, send() adds a `load` listener.
 *  - WebSocket: a Proxy construct trap adds a `message` listener (never
 *    replaces onmessage/send); binary frames (ArrayBuffer or Blob) are copied.
 *  - JSONP: script elements whose src is allowlisted get their global callback
 *    wrapped in a Proxy that records the argument and calls the original with
 *    the same arguments, returning its result.
 * The tap never sends a request, never alters one, and never executes
 * anything it receives. Proxies keep name/length/toString/instanceof.
 *
 * Private channel. At document_start, before any page script can run, the tap
 * creates a MessageChannel and posts port2 to its own window once. The
 * ISOLATED script (entrypoints/bridge.content.ts, also document_start, so
 * already listening: the message is dispatched in a later task) accepts
 * exactly the first such message and ignores every later one; page code
 * cannot run before our post is queued, so it cannot win that race, and
 * messages are delivered in order. From then on copies travel only over the
 * port: window.postMessage traffic is never trusted. A page may see the
 * handshake and hold port2 too; it can then read
 * copies of its own traffic (nothing secret) but cannot send on port1, which
 * only the tap holds, so it cannot forge what the content script receives.
 * Built-ins the tap relies on are captured here, before the page can patch them.
 */
export interface TapConfig {
  http: string[];
  ws: string[];
  jsonp: string[];
}

export const HANDSHAKE_KEY = 'liveproof-tap-v1';
const MAX_BODY = 4 * 1024 * 1024;
const MAX_PER_SECOND = 300;

type Body = string | ArrayBuffer;

export function installTap(win: typeof globalThis & Window, cfg: TapConfig): void {
  const apply = Reflect.apply;
  const construct = Reflect.construct;
  const stringify = JSON.stringify;
  const now = Date.now;
  const URL_ = win.URL;
  const Request_ = win.Request;
  const Blob_ = win.Blob;
  const ArrayBuffer_ = win.ArrayBuffer;
  const portPost = win.MessagePort.prototype.postMessage;
  const winPost = win.postMessage;
  const channel = new win.MessageChannel();
  const port = channel.port1;
  apply(winPost, win, [{ [HANDSHAKE_KEY]: 1 }, '*', [channel.port2]]);

  let windowStart = 0;
  let sentInWindow = 0;
  const allowed = (list: string[], url: string) => list.some((s) => url.includes(s));
  const send = (ch: 'http' | 'ws' | 'jsonp', url: string, body: Body) => {
    const size = typeof body === 'string' ? body.length : body.byteLength;
    if (size > MAX_BODY) return;
    const t = now();
    if (t - windowStart >= 1000) {
      windowStart = t;
      sentInWindow = 0;
    }
    if (++sentInWindow > MAX_PER_SECOND) return;
    try {
      apply(portPost, port, [{ ch, url: String(url).slice(0, 4096), body }, typeof body === 'string' ? [] : [body]]);
    } catch {
      // Never disturb the page.
    }
  };
  const urlOf = (input: unknown): string => {
    try {
      if (typeof input === 'string') return new URL_(input, win.location.href).href;
      if (input instanceof URL_) return input.href;
      if (input instanceof Request_) return input.url;
    } catch {
      // fall through
    }
    return '';
  };
  const readBlob = (data: unknown, cb: (b: ArrayBuffer) => void) => {
    if (data instanceof Blob_) data.arrayBuffer().then(cb, () => undefined);
  };

  if (cfg.http.length && typeof win.fetch === 'function') {
    win.fetch = new Proxy(win.fetch, {
      apply(target, thisArg, args: unknown[]) {
        const p = apply(target, thisArg, args) as Promise<Response>;
        try {
          const url = urlOf(args[0]);
          if (url && allowed(cfg.http, url)) {
            p.then((res) => {
              try {
                res
                  .clone()
                  .arrayBuffer()
                  .then((b) => send('http', res.url || url, b), () => undefined);
              } catch {
                // body already used or opaque: nothing to copy
              }
            }, () => undefined);
          }
        } catch {
          // never disturb the page
        }
        return p;
      },
    });
  }

  if (cfg.http.length) {
    const xhrUrl = new WeakMap<XMLHttpRequest, string>();
    const proto = win.XMLHttpRequest.prototype;
    proto.open = new Proxy(proto.open, {
      apply(target, xhr: XMLHttpRequest, args: unknown[]) {
        try {
          xhrUrl.set(xhr, urlOf(String(args[1])));
        } catch {
          // ignore
        }
        return apply(target, xhr, args);
      },
    });
    proto.send = new Proxy(proto.send, {
      apply(target, xhr: XMLHttpRequest, args: unknown[]) {
        const url = xhrUrl.get(xhr);
        if (url && allowed(cfg.http, url)) {
          xhr.addEventListener('load', () => {
            try {
              const t = xhr.responseType;
              if (t === '' || t === 'text') send('http', url, xhr.responseText);
              else if (t === 'arraybuffer' && xhr.response) send('http', url, (xhr.response as ArrayBuffer).slice(0));
              else if (t === 'json') send('http', url, stringify(xhr.response) ?? '');
              else if (t === 'blob') readBlob(xhr.response, (b) => send('http', url, b));
            } catch {
              // ignore
            }
          });
        }
        return apply(target, xhr, args);
      },
    });
  }

  if (cfg.ws.length && typeof win.WebSocket === 'function') {
    win.WebSocket = new Proxy(win.WebSocket, {
      construct(target, args: unknown[], newTarget) {
        const ws = construct(target, args, newTarget) as WebSocket;
        try {
          const url = String(args[0]);
          if (allowed(cfg.ws, url)) {
            ws.addEventListener('message', (e: MessageEvent) => {
              const d: unknown = e.data;
              if (typeof d === 'string') send('ws', url, d);
              else if (d instanceof ArrayBuffer_) send('ws', url, d.slice(0));
              else readBlob(d, (b) => send('ws', url, b));
            });
          }
        } catch {
          // ignore
        }
        return ws;
      },
    });
  }

  if (cfg.jsonp.length) {
    const seen = new WeakSet<Element>();
    const hook = (el: Element) => {
      if (seen.has(el) || el.tagName !== 'SCRIPT') return;
      seen.add(el);
      const src = (el as HTMLScriptElement).src;
      if (!src || !allowed(cfg.jsonp, src)) return;
      let name = '';
      try {
        name = new URL_(src).searchParams.get('callback') ?? '';
      } catch {
        return;
      }
      if (!/^[\w$]{1,64}$/.test(name)) return;
      const w = win as unknown as Record<string, unknown>;
      const fn = w[name];
      if (typeof fn !== 'function') return;
      w[name] = new Proxy(fn, {
        apply(target, thisArg, args: unknown[]) {
          try {
            send('jsonp', src, stringify(args[0]) ?? '');
          } catch {
            // ignore
          }
          return apply(target as (...a: unknown[]) => unknown, thisArg, args);
        },
      });
    };
    new win.MutationObserver((records) => {
      for (const r of records) for (const n of Array.from(r.addedNodes)) if (n.nodeType === 1) hook(n as Element);
    }).observe(win.document, { childList: true, subtree: true });
  }
}

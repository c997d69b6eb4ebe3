/**
 * Wires a platform adapter to a live page: page state (script JSON, read as
 * text) at start and after each navigation, the tap's network copies through
 * the adapter's mappers, and throttled DOM readings; all of it goes through a
 * LiveSession (precedence, dedupe, rate limits) into the Outbox. A URL whose
 * room differs (SPA navigation, JD hash routes) starts a new session; a page
 * that is no room (yet) is watched but not read.
 */
import { readDom } from '../platforms/dom-read';
import type { AdapterDom, Observed, PlatformAdapter, TapMessage } from '../platforms/types';
import { CONFIDENCE } from '../platforms/types';
import { Outbox, type Send } from './outbox';
import { LiveSession, type SessionOptions } from './live-session';

export interface PlatformRunOptions {
  doc: Document;
  url: () => string;
  adapter: PlatformAdapter;
  send: Send;
  /** Where tapped network copies come from (the bridge), if the tap runs here. */
  tap?: { subscribe(fn: (m: TapMessage) => void): void };
  throttleMs?: number;
  session?: SessionOptions;
  /** Fields the user bound with the element picker, read as source "picker". */
  picked?: () => AdapterDom | null;
}

export interface RunningPlatform {
  outbox: Outbox;
  session(): LiveSession | null;
  scan(): void;
  stop(): void;
}

const MAX_DECODING = 32;

export function runPlatformReader(opts: PlatformRunOptions): RunningPlatform {
  const { adapter, doc } = opts;
  const throttleMs = opts.throttleMs ?? 250;
  const outbox = new Outbox(opts.send);
  let session: LiveSession | null = null;
  let lastUrl = '';
  let lastScan = 0;
  let pending: ReturnType<typeof setTimeout> | null = null;
  let decoding = 0;
  let stopped = false;

  /** Makes sure the session matches the current URL; returns it (null when the page is no room). */
  const current = (): LiveSession | null => {
    const href = opts.url();
    if (href === lastUrl) return session;
    lastUrl = href;
    let url: URL;
    try {
      url = new URL(href);
    } catch {
      return session;
    }
    const key = adapter.roomKey(url);
    if (key !== session?.roomKey || key === null) {
      session?.stop();
      session = key ? new LiveSession(adapter.id, key, opts.url, (e) => outbox.push(e), opts.session) : null;
      if (session) readState(session);
    }
    // Same room, new route (JD #/{id}/live → #/{id}/replay): the URL may still say something.
    const u = session ? adapter.urlState?.(url) : undefined;
    if (session && u) session.observe({ kind: 'room', room: u, source: 'dom', confidence: CONFIDENCE.dom });
    return session;
  };

  const readState = (s: LiveSession) => {
    if (!adapter.pageState) return;
    try {
      for (const o of adapter.pageState(doc)) s.observe({ ...o, source: 'state', confidence: CONFIDENCE.state } as Observed);
    } catch {
      // Malformed page state: the DOM and network still count.
    }
  };

  const scan = () => {
    pending = null;
    lastScan = Date.now();
    if (stopped) return;
    const s = current();
    if (!s) return;
    for (const o of readDom(doc, adapter.dom, opts.url())) s.observe(o);
    const picked = opts.picked?.();
    if (picked) {
      for (const o of readDom(doc, picked, opts.url())) s.observe({ ...o, source: 'picker', confidence: CONFIDENCE.picker });
    }
  };

  const request = (delay = 0) => {
    if (pending !== null || stopped) return;
    const wait = Math.max(delay, throttleMs - (Date.now() - lastScan));
    pending = setTimeout(scan, wait);
  };

  const onTap = (m: TapMessage) => {
    if (stopped) return;
    const mapper = adapter.network?.find((n) => n.ch === m.ch && n.urlIncludes.some((s) => m.url.includes(s)));
    if (!mapper) return;
    // A flooding page gets its excess frames dropped, not queued.
    if (decoding >= MAX_DECODING) return;
    decoding++;
    const body = typeof m.body === 'string' ? m.body : new Uint8Array(m.body);
    const s0 = current();
    Promise.resolve()
      .then(() => mapper.map(body, m.url))
      .then(
        (obs) => {
          const s = current();
          if (!s || s !== s0) return;
          const source = m.ch === 'ws' ? 'ws' : 'http';
          for (const o of obs) {
            if (o.kind === 'signal') request(300);
            else s.observe({ ...o, source, confidence: CONFIDENCE[source] } as Observed);
          }
        },
        () => undefined,
      )
      .finally(() => decoding--);
  };

  const observer = new MutationObserver(() => request());
  observer.observe(doc.documentElement, { subtree: true, childList: true, characterData: true, attributes: true });
  const onNav = () => request();
  const win = doc.defaultView;
  win?.addEventListener('hashchange', onNav);
  win?.addEventListener('popstate', onNav);
  // pushState navigations fire no event the isolated world can see: poll the URL.
  const poll = setInterval(() => {
    if (opts.url() !== lastUrl) request();
  }, 1000);
  opts.tap?.subscribe(onTap);
  scan();

  return {
    outbox,
    session: () => session,
    scan,
    stop() {
      stopped = true;
      observer.disconnect();
      clearInterval(poll);
      win?.removeEventListener('hashchange', onNav);
      win?.removeEventListener('popstate', onNav);
      if (pending !== null) clearTimeout(pending);
      session?.stop();
      outbox.stop();
    },
  };
}

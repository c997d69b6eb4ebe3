/**
 * ISOLATED side of the tap's private channel (design: lib/tap/tap.ts). Accepts
 * the first handshake port posted to this window, which at document_start can
 * only be the tap's; later handshakes are counted as spoofs and ignored. Data
 * arrives only over that port and is shape-checked; window messages never are.
 *
 * The port is accepted by a tiny document_start script (entrypoints/
 * bridge.content.ts), which parks the bridge on the isolated world's global
 * object; the reader (entrypoints/live.content.ts, document_end) takes it
 * there. Content scripts of one extension share that world; the page's own
 * scripts and other extensions each have a different global and cannot see it.
 */
import type { TapMessage } from '../platforms/types';

export const HANDSHAKE_KEY = 'liveproof-tap-v1';
const MAX_QUEUE = 500;

export interface TapBridge {
  /** Receive tapped messages; messages that arrived earlier are delivered first. */
  subscribe(fn: (m: TapMessage) => void): void;
  connected(): boolean;
  /** Handshake attempts after the first (a page trying to impersonate the tap). */
  spoofs(): number;
  /** Messages dropped because they were malformed. */
  rejected(): number;
  close(): void;
}

export function isTapMessage(d: unknown): d is TapMessage {
  if (!d || typeof d !== 'object') return false;
  const m = d as Record<string, unknown>;
  return (
    (m.ch === 'http' || m.ch === 'ws' || m.ch === 'jsonp') &&
    typeof m.url === 'string' &&
    m.url.length <= 4096 &&
    (typeof m.body === 'string' || m.body instanceof ArrayBuffer)
  );
}

const PARKED = '__liveproofTapBridge';

/** Leaves `bridge` on the isolated world's global (`scope`) for a content script that starts later. */
export function parkTapBridge(scope: object, bridge: TapBridge): void {
  (scope as Record<string, unknown>)[PARKED] = bridge;
}

/** The parked bridge, handed over once (later calls get null); null when none was accepted on this page. */
export function takeTapBridge(scope: object): TapBridge | null {
  const s = scope as Record<string, TapBridge | undefined>;
  const bridge = s[PARKED] ?? null;
  delete s[PARKED];
  return bridge;
}

export function acceptTapPort(win: Window): TapBridge {
  let port: MessagePort | null = null;
  let spoofs = 0;
  let rejected = 0;
  let listener: ((m: TapMessage) => void) | null = null;
  const queue: TapMessage[] = [];

  const onPortMessage = (e: MessageEvent) => {
    if (!isTapMessage(e.data)) {
      rejected++;
      return;
    }
    if (listener) listener(e.data);
    else if (queue.length < MAX_QUEUE) queue.push(e.data);
  };

  const onWindowMessage = (e: MessageEvent) => {
    if (e.source !== win) return;
    const d = e.data as Record<string, unknown> | null;
    if (!d || typeof d !== 'object' || d[HANDSHAKE_KEY] !== 1) return;
    if (port || e.ports.length !== 1) {
      spoofs++;
      return;
    }
    port = e.ports[0]!;
    port.onmessage = onPortMessage;
  };
  win.addEventListener('message', onWindowMessage, true);

  return {
    subscribe(fn) {
      listener = fn;
      for (const m of queue.splice(0)) fn(m);
    },
    connected: () => port !== null,
    spoofs: () => spoofs,
    rejected: () => rejected,
    close() {
      win.removeEventListener('message', onWindowMessage, true);
      port?.close();
      listener = null;
    },
  };
}

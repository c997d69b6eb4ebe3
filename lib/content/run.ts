/**
 * Wires a DOM spec, a RoomWatcher and an Outbox to a live page: observes
 * mutations (throttled, so a flooding page cannot make us re-read it more than
 * a few times a second), diffs readings into events and sends them.
 */
import type { DomSpec } from '../platforms/dom-spec';
import { readCaption, readComments, readNotice, readProduct, readRoom } from '../platforms/dom-spec';
import { Outbox, randomId, type Send } from './outbox';
import { RoomWatcher } from './room-watcher';

export interface RunOptions {
  doc: Document;
  url: () => string;
  spec: DomSpec;
  send: Send;
  /** Minimum time between two readings of the page. */
  throttleMs?: number;
}

export interface RunningReader {
  outbox: Outbox;
  watcher: RoomWatcher;
  scan(): void;
  stop(): void;
}

export function runRoomReader(opts: RunOptions): RunningReader {
  const throttleMs = opts.throttleMs ?? 200;
  const outbox = new Outbox(opts.send);
  let watcher = new RoomWatcher(`${opts.spec.platform}:${randomId()}`);
  let lastUrl = opts.url();
  let lastScan = 0;
  let pending: ReturnType<typeof setTimeout> | null = null;

  const scan = () => {
    pending = null;
    lastScan = Date.now();
    const url = opts.url();
    if (url !== lastUrl) {
      // SPA navigation: a new room visit is a new session.
      lastUrl = url;
      watcher = new RoomWatcher(`${opts.spec.platform}:${randomId()}`);
    }
    const events = watcher.diff({
      room: readRoom(opts.doc, opts.spec, url),
      product: readProduct(opts.doc, opts.spec, url),
      caption: readCaption(opts.doc, opts.spec),
      notice: readNotice(opts.doc, opts.spec),
      comments: readComments(opts.doc, opts.spec),
    });
    for (const e of events) outbox.push(e);
  };

  const request = () => {
    if (pending !== null) return;
    const wait = Math.max(0, throttleMs - (Date.now() - lastScan));
    pending = setTimeout(scan, wait);
  };

  const observer = new MutationObserver(request);
  observer.observe(opts.doc.documentElement, { subtree: true, childList: true, characterData: true, attributes: true });
  scan();

  return {
    outbox,
    get watcher() {
      return watcher;
    },
    scan,
    stop() {
      observer.disconnect();
      if (pending !== null) clearTimeout(pending);
      outbox.stop();
    },
  };
}

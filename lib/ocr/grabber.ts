/**
 * Frame grabber (content script, only while OCR is on): once a second at most,
 * draws the room's largest playing <video> (or, failing one, its largest
 * <canvas>, as the demo room uses) into a small canvas, finds text bands, and
 * sends crops of the bands that changed to the background. Imports no OCR code.
 * If the video is cross-origin (the canvas is tainted), it sends the element's
 * position instead, and the background reads it from a screenshot of the tab.
 */
import { cropChangedBands } from './crop';
import { pictureRect, type BandTracker, type Rect } from './frame';
import { FRAMES_PORT, type GrabberMessage, type GrabberState } from './messages';

export const FRAME_INTERVAL_MS = 1000;

interface PortLike {
  postMessage(m: GrabberMessage): void;
  onMessage: { addListener(fn: (m: unknown) => void): void };
  onDisconnect: { addListener(fn: () => void): void };
  disconnect(): void;
}

type Source = { el: HTMLVideoElement | HTMLCanvasElement; frame: 'video' | 'canvas'; width: number; height: number };

/** The picture worth reading: the largest visible video with a frame, else the largest visible sizeable canvas. */
export function findFrameSource(doc: Document): Source | null {
  const visible = (el: Element) => {
    const r = el.getBoundingClientRect();
    return r.width >= 160 && r.height >= 90 ? r.width * r.height : 0;
  };
  let best: Source | null = null;
  let bestArea = 0;
  for (const v of doc.querySelectorAll('video')) {
    const a = v.readyState >= 2 && v.videoWidth > 0 ? visible(v) : 0;
    if (a > bestArea) {
      bestArea = a;
      best = { el: v, frame: 'video', width: v.videoWidth, height: v.videoHeight };
    }
  }
  if (best) return best;
  for (const c of doc.querySelectorAll('canvas')) {
    const a = c.width >= 160 && c.height >= 90 ? visible(c) : 0;
    if (a > bestArea) {
      bestArea = a;
      best = { el: c, frame: 'canvas', width: c.width, height: c.height };
    }
  }
  return best;
}

/** Where the source's picture is on screen (CSS px): its content box, letterboxed as `object-fit` says. */
export function screenPicture(src: Source): Rect {
  const el = src.el;
  const r = el.getBoundingClientRect();
  const cs = el.ownerDocument.defaultView?.getComputedStyle(el);
  const px = (v: string | undefined) => parseFloat(v ?? '') || 0;
  const box = {
    x: r.x + px(cs?.borderLeftWidth) + px(cs?.paddingLeft),
    y: r.y + px(cs?.borderTopWidth) + px(cs?.paddingTop),
    w: el.clientWidth - px(cs?.paddingLeft) - px(cs?.paddingRight),
    h: el.clientHeight - px(cs?.paddingTop) - px(cs?.paddingBottom),
  };
  if (box.w <= 0 || box.h <= 0) return { x: r.x, y: r.y, w: r.width, h: r.height };
  return pictureRect(box, src, cs?.objectFit || (src.frame === 'video' ? 'contain' : 'fill'));
}

/**
 * Runs while the page lives. `watchOn` reports the OCR setting (now and on every
 * change); while it is off nothing is drawn and no port is open, so an idle
 * service worker is never woken.
 */
export function runFrameGrabber(opts: {
  doc: Document;
  connect: () => PortLike;
  watchOn: (fn: (on: boolean) => void) => () => void;
  /** Regions of the picture the user picked for this site (fractions); when there are any, only they are read. */
  regions?: () => readonly Rect[];
  interval?: number;
}): { stop(): void } {
  const { doc } = opts;
  const trackers = new Map<string, BandTracker>();
  let timer: ReturnType<typeof setInterval> | null = null;
  let port: PortLike | null = null;

  const ensurePort = (): PortLike => {
    if (port) return port;
    const p = opts.connect();
    p.onMessage.addListener((m) => {
      const s = m as GrabberState;
      if (s?.type === 'state' && !s.on) setOn(false);
    });
    p.onDisconnect.addListener(() => {
      if (port === p) port = null; // the service worker restarted: reconnect on the next tick
    });
    return (port = p);
  };

  const tick = () => {
    if (doc.hidden) return;
    const src = findFrameSource(doc);
    if (!src) return;
    let msg: GrabberMessage | null = null;
    const regions = [...(opts.regions?.() ?? [])];
    try {
      const crops = cropChangedBands(src.el, src, trackers, src.frame, regions);
      if (crops.length > 0) msg = { type: 'crops', frame: src.frame, width: src.width, height: src.height, crops };
    } catch (e) {
      if ((e as { name?: string }).name !== 'SecurityError') throw e;
      // The picture's rectangle on screen (a letterboxed video draws inside its box); parts off screen are cut by the screenshot.
      const rect = screenPicture(src);
      msg = { type: 'tainted', rect, dpr: window.devicePixelRatio || 1, ...(regions.length ? { regions } : {}) };
    }
    if (msg) ensurePort().postMessage(msg);
  };
  const setOn = (on: boolean) => {
    if (on && !timer) timer = setInterval(tick, opts.interval ?? FRAME_INTERVAL_MS);
    if (!on && timer) {
      clearInterval(timer);
      timer = null;
      trackers.clear();
      port?.disconnect();
      port = null;
    }
  };
  const unwatch = opts.watchOn(setOn);
  return {
    stop() {
      unwatch();
      setOn(false);
    },
  };
}

export { FRAMES_PORT };

/**
 * Messages of the OCR pipeline. Types only (safe for the content script).
 *
 * frame grabber (content script) ⇄ background: a runtime Port named FRAMES_PORT.
 * background ⇄ offscreen document: a runtime Port named ENGINE_PORT.
 * offscreen document ⇄ sandboxed OCR page: window.postMessage.
 */
import type { Rect } from './frame';

export const FRAMES_PORT = 'liveproof-ocr-frames';
export const ENGINE_PORT = 'liveproof-ocr-engine';

/** Background → frame grabber. */
export interface GrabberState {
  type: 'state';
  on: boolean;
}

/** One changed text band of the page's own video or canvas, cropped, as a PNG data URL. */
export interface CropOut {
  /** In the frame's pixels. */
  box: Rect;
  /** A wide band low in the picture: read as a caption rather than an overlay. */
  subtitle: boolean;
  /** A region the user picked (read whatever is there), not a band found automatically. */
  picked?: boolean;
  image: string;
}

/** Frame grabber → background. */
export type GrabberMessage =
  | { type: 'crops'; frame: 'video' | 'canvas'; width: number; height: number; crops: CropOut[] }
  /** The video is cross-origin (tainted canvas): the background may read it from a screenshot of the tab. */
  | { type: 'tainted'; rect: Rect; dpr: number; regions?: Rect[] };

export interface ReadLine {
  text: string;
  confidence: number;
}

/** One region read: its text lines and any QR codes in it. */
export interface RegionRead {
  box: Rect;
  subtitle: boolean;
  picked?: boolean;
  lines: ReadLine[];
  qr: string[];
  /** The crop as a PNG data URL (evidence). */
  image: string;
}

/** Background → engine (offscreen → sandbox). */
export type EngineRequest =
  | { id: number; op: 'read'; crops: CropOut[] }
  /**
   * A tab screenshot: crop `rect` (device pixels), find and diff bands (per `key`) or, given `regions`
   * (fractions of the picture the user picked), those regions; read the changed ones.
   */
  | { id: number; op: 'frame'; key: string; image: string; rect: Rect; regions?: Rect[] };

export type EngineReply = { id: number; ok: true; reads: RegionRead[]; width?: number; height?: number } | { id: number; ok: false; error: string };

/** Shown when OCR is asked for where it cannot run. */
export const OCR_UNAVAILABLE = {
  zh: '画面文字识别（OCR）需要 Chrome 的 offscreen 文档，Firefox 版暂不支持。',
  en: 'On-screen text recognition (OCR) needs Chrome’s offscreen documents; it is not available in Firefox yet.',
};

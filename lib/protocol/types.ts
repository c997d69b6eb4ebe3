/**
 * Messages between the parts of the extension. Types only: safe to import from
 * the content script (no Zod, no Dexie). The background validates every
 * message against lib/protocol/schemas.ts before it trusts it.
 */

export type Platform =
  | 'demo'
  | 'douyin'
  | 'tiktok'
  | 'youtube'
  | 'bilibili'
  | 'taobao'
  | 'kuaishou'
  | 'jd'
  | 'xiaohongshu'
  | 'generic';

export type EventSource = 'ws' | 'http' | 'state' | 'dom' | 'picker' | 'heuristic' | 'ocr' | 'asr';

export interface RoomPayload {
  platform: Platform;
  roomId: string;
  title: string;
  host: string;
  url: string;
  status?: 'live' | 'ended' | 'unknown';
  /** Viewer count the page shows, if any. */
  viewers?: number;
}

export interface ProductPayload {
  title: string;
  /** Price in 元 as a number, with the raw text kept beside it. */
  price?: number;
  priceText?: string;
  originalPrice?: number;
  originalPriceText?: string;
  shop?: string;
  url?: string;
  productId?: string;
  explaining?: boolean;
  /** Sold count the page shows, if any. */
  sold?: number;
}

export interface CaptionPayload {
  text: string;
  final: boolean;
  lang?: string;
  /** Set when the caption was read from the picture (source 'ocr'). */
  ocr?: OcrInfo;
}

export interface TextPayload {
  text: string;
  /** Comment author as shown; kept only locally, masked in exports. */
  author?: string;
  /** Set on overlays read from the picture (source 'ocr'). */
  ocr?: OcrInfo;
}

/** Where in the picture an OCR text (or a QR code) was read, and the crop kept as evidence. */
export interface OcrInfo {
  /** 'text': OCR lines; 'qr': a QR code's decoded content. */
  kind: 'text' | 'qr';
  /** Where the pixels came from: the page's own video/canvas, or a screenshot of the tab. */
  frame: 'video' | 'canvas' | 'screenshot';
  /** The region read, in the frame's pixels. */
  box: { x: number; y: number; w: number; h: number };
  /** The region is one the user picked in the picker (not a text band found automatically). */
  picked?: boolean;
  /** The cropped frame, stored in the evidence blobs by its SHA-256 (lib/evidence/ocr-crops.ts). */
  crop?: { sha256: string; mime: 'image/png' | 'image/jpeg'; size: number; width: number; height: number };
}

interface EventBase {
  /** Unique per observation; resends keep it, so ingest is idempotent. */
  id: string;
  sessionKey: string;
  /** Wall-clock epoch ms when the content script observed it. */
  observedAt: number;
  /** Monotonic counter within the page load. */
  seq: number;
  source: EventSource;
  /** 0..1: network data > page state > DOM > heuristics. */
  confidence: number;
}

export type LiveEvent =
  | (EventBase & { kind: 'room'; payload: RoomPayload })
  | (EventBase & { kind: 'product'; payload: ProductPayload })
  | (EventBase & { kind: 'caption'; payload: CaptionPayload })
  | (EventBase & { kind: 'comment'; payload: TextPayload })
  | (EventBase & { kind: 'notice'; payload: TextPayload })
  | (EventBase & { kind: 'overlay'; payload: TextPayload });

export type LiveEventKind = LiveEvent['kind'];

export interface EventBatch {
  batchId: string;
  events: LiveEvent[];
}

/** Content script → background. The only message a content script may send. */
export interface EventsMessage {
  type: 'events';
  batch: EventBatch;
}

export interface EventsAck {
  ok: true;
  batchId: string;
  /** Events newly stored (events already stored are not counted twice). */
  stored: number;
  duplicates: number;
}

/** Extension page → background. */
export interface TabStateRequest {
  type: 'tabState';
  tabId: number;
}

/** Extension page → background: take a snapshot of the tab's room now. */
export interface CaptureNowRequest {
  type: 'captureNow';
  tabId: number;
}

export interface CaptureNowReply {
  ok: true;
  snapshotId: string;
  seq: number;
  screenshot: boolean;
  note?: string;
}

/** Extension page → background: check the whole evidence chain. */
export interface VerifyRequest {
  type: 'verifyChain';
}

/** Extension page → background: stop or resume recording this tab's room. */
export interface SetPausedRequest {
  type: 'setPaused';
  tabId: number;
  paused: boolean;
}

export type ContentMessage = EventsMessage;
/** Extension page → background: switch on-screen text recognition (OCR) on or off. */
export interface SetOcrRequest {
  type: 'setOcr';
  on: boolean;
}

export interface SetOcrReply {
  ok: true;
  ocr: boolean;
}

/** Extension page → background: run LiveProof on the tab's site (the page already holds the site's host permission). */
export interface EnableSiteRequest {
  type: 'enableSite';
  tabId: number;
}

/** Extension page → background: the sites the user enabled, or remove one (a match pattern such as https://shop.example/*). */
export interface SitesRequest {
  type: 'listSites';
}
export interface DisableSiteRequest {
  type: 'disableSite';
  pattern: string;
}

export interface SitesReply {
  ok: true;
  sites: string[];
  /** enableSite: whether the reader was injected into the open tab now (false: it was already running). */
  injected?: boolean;
}

export type PageMessage =
  | TabStateRequest
  | CaptureNowRequest
  | VerifyRequest
  | SetPausedRequest
  | SetOcrRequest
  | EnableSiteRequest
  | SitesRequest
  | DisableSiteRequest;

export interface ErrorReply {
  ok: false;
  error: string;
}

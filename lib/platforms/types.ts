/**
 * What a platform adapter is: how to recognise a room URL, which of the page's
 * own network traffic to read (and how to map it), page-state readers and a
 * DOM spec with fallbacks. Adapters turn what they read into Observations; the
 * content side (lib/content/live-session.ts) stamps source and confidence,
 * resolves precedence (network > page state > DOM > heuristics), dedupes and
 * rate-limits before anything becomes a LiveEvent.
 */
import type { CaptionPayload, EventSource, Platform, ProductPayload, RoomPayload, TextPayload } from '../protocol/types';

export type RoomFields = Partial<Pick<RoomPayload, 'roomId' | 'title' | 'host' | 'status' | 'viewers'>>;

export type Observation =
  | { kind: 'room'; room: RoomFields }
  | { kind: 'product'; product: ProductPayload }
  | { kind: 'caption'; caption: CaptionPayload }
  | { kind: 'comment'; text: TextPayload }
  | { kind: 'notice'; text: TextPayload }
  /** Something changed (e.g. WebcastProductChangeMessage): re-read the DOM soon. */
  | { kind: 'signal'; reason: string };

export type Observed = Observation & { source: EventSource; confidence: number };

/** Confidence per source (design: platforms.md §6.1). */
export const CONFIDENCE: Record<EventSource, number> = {
  ws: 0.95,
  http: 0.95,
  state: 0.9,
  dom: 0.8,
  picker: 0.75,
  heuristic: 0.5,
  ocr: 0.4,
  asr: 0.4,
};

/** Precedence rank per source: a lower rank never overrides a fresh higher one. */
export const RANK: Record<EventSource, number> = { ws: 3, http: 3, state: 2, dom: 1, picker: 1, heuristic: 0, ocr: 0, asr: 0 };

/** What the MAIN-world tap hands over: a copy of one response / frame / JSONP argument. */
export interface TapMessage {
  ch: 'http' | 'ws' | 'jsonp';
  url: string;
  /** Text (JSON, JSONP argument serialised) or bytes (protobuf, compressed frames). */
  body: string | ArrayBuffer;
}

export interface NetworkMapper {
  ch: TapMessage['ch'];
  /** Substrings of the URL; each must be in the tap's allowlist (lib/platforms/tap-rules.ts). */
  urlIncludes: string[];
  map(body: string | Uint8Array, url: string): Promise<Observation[]> | Observation[];
}

/** Selector lists are tried in order; the first that yields text wins. */
export interface AdapterDom {
  title?: string[];
  host?: string[];
  viewers?: string[];
  /** Any match means the room has ended. */
  ended?: string[];
  /** Text in any of `ended`'s elements must match this, when given (e.g. XHS "直播已结束"). */
  endedText?: RegExp;
  product?: {
    /** Card roots by stable attribute; when none matches, the card is found by text anchors. */
    root: string[];
    title?: string[];
    price?: string[];
    originalPrice?: string[];
    link?: string[];
    shop?: string[];
  };
  /** Caption-like regions; every match is joined (multi-segment captions). */
  captions?: string[];
  notice?: string[];
  comments?: { item: string[]; author?: string[]; text?: string[] };
  /** Look for a card by text anchors when no root matches (default true). */
  cardHeuristics?: boolean;
}

export interface PlatformAdapter {
  id: Platform;
  hosts: string[];
  /** The room this URL shows, or null when the page is not a room (SPA pages change this). */
  roomKey(url: URL): string | null;
  network?: NetworkMapper[];
  /** Reads `<script>` JSON as text (never executed). */
  pageState?(doc: Document): Observation[];
  /** Room fields the URL itself says (e.g. JD's #/{id}/replay means ended). */
  urlState?(url: URL): RoomFields;
  dom: AdapterDom;
}

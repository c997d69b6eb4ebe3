/**
 * Zod schemas for every message the background accepts. Background only: the
 * content script must never import this file (bundle size, trust boundary).
 */
import { z } from 'zod';
import type { ContentMessage, PageMessage } from './types';

// The service worker's CSP forbids eval; tell Zod not to try its JIT.
z.config({ jitless: true });

const PLATFORMS = ['demo', 'douyin', 'tiktok', 'youtube', 'bilibili', 'taobao', 'kuaishou', 'jd', 'xiaohongshu', 'generic'] as const;
const SOURCES = ['ws', 'http', 'state', 'dom', 'picker', 'heuristic', 'ocr', 'asr'] as const;

/** Bounded strings: a hostile page must not be able to make us store megabytes per field. */
const text = (max: number) => z.string().max(max);
const price = z.number().finite().nonnegative().max(1e9);

const base = {
  id: text(100).min(1),
  sessionKey: text(300).min(1),
  observedAt: z.number().int().positive(),
  seq: z.number().int().nonnegative(),
  source: z.enum(SOURCES),
  confidence: z.number().min(0).max(1),
};

const RoomPayload = z.strictObject({
  platform: z.enum(PLATFORMS),
  roomId: text(200),
  title: text(500),
  host: text(200),
  url: text(2000),
  status: z.enum(['live', 'ended', 'unknown']).optional(),
  viewers: z.number().int().nonnegative().optional(),
});

const ProductPayload = z.strictObject({
  title: text(500),
  price: price.optional(),
  priceText: text(100).optional(),
  originalPrice: price.optional(),
  originalPriceText: text(100).optional(),
  shop: text(200).optional(),
  url: text(2000).optional(),
  productId: text(200).optional(),
  explaining: z.boolean().optional(),
  sold: z.number().int().nonnegative().optional(),
});

const TextPayload = z.strictObject({ text: text(2000), author: text(100).optional() });

const px = z.number().finite().nonnegative().max(100_000);
const OcrInfo = z.strictObject({
  kind: z.enum(['text', 'qr']),
  frame: z.enum(['video', 'canvas', 'screenshot']),
  box: z.strictObject({ x: px, y: px, w: px, h: px }),
  picked: z.boolean().optional(),
  crop: z
    .strictObject({
      sha256: z.string().regex(/^[0-9a-f]{64}$/),
      mime: z.enum(['image/png', 'image/jpeg']),
      size: z.number().int().nonnegative().max(5_000_000),
      width: z.number().int().nonnegative().max(10_000),
      height: z.number().int().nonnegative().max(10_000),
    })
    .optional(),
});

export const LiveEventSchema = z.discriminatedUnion('kind', [
  z.strictObject({ ...base, kind: z.literal('room'), payload: RoomPayload }),
  z.strictObject({ ...base, kind: z.literal('product'), payload: ProductPayload }),
  z.strictObject({
    ...base,
    kind: z.literal('caption'),
    payload: z.strictObject({ text: text(2000), final: z.boolean(), lang: text(20).optional(), ocr: OcrInfo.optional() }),
  }),
  z.strictObject({ ...base, kind: z.literal('comment'), payload: TextPayload }),
  z.strictObject({ ...base, kind: z.literal('notice'), payload: TextPayload }),
  z.strictObject({ ...base, kind: z.literal('overlay'), payload: TextPayload.extend({ ocr: OcrInfo.optional() }) }),
]);

export const EventBatchSchema = z.strictObject({
  batchId: text(100).min(1),
  events: z.array(LiveEventSchema).min(1).max(500),
});

export const ContentMessageSchema: z.ZodType<ContentMessage> = z.strictObject({
  type: z.literal('events'),
  batch: EventBatchSchema,
});

export const PageMessageSchema: z.ZodType<PageMessage> = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('tabState'), tabId: z.number().int().nonnegative() }),
  z.strictObject({ type: z.literal('captureNow'), tabId: z.number().int().nonnegative() }),
  z.strictObject({ type: z.literal('verifyChain') }),
  z.strictObject({ type: z.literal('setPaused'), tabId: z.number().int().nonnegative(), paused: z.boolean() }),
  z.strictObject({ type: z.literal('setOcr'), on: z.boolean() }),
  z.strictObject({ type: z.literal('enableSite'), tabId: z.number().int().nonnegative() }),
  z.strictObject({ type: z.literal('listSites') }),
  z.strictObject({ type: z.literal('disableSite'), pattern: z.string().max(300).regex(/^https?:\/\/[^/*]+\/\*$/) }),
]);

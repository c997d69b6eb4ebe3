/** Zod schemas for what a frame grabber (content script, untrusted page context) sends. Background only. */
import { z } from 'zod';
import type { GrabberMessage } from './messages';

z.config({ jitless: true });

const px = z.number().finite().nonnegative().max(20_000);
const RectSchema = z.strictObject({ x: px, y: px, w: px, h: px });
/** On screen: a picture partly scrolled out of view starts left of or above the viewport. */
const at = z.number().finite().min(-20_000).max(20_000);
const ScreenRectSchema = z.strictObject({ x: at, y: at, w: px, h: px });
/** PNG data URLs only, bounded (a crop of a 4K frame's band stays well under this). */
const fraction = z.number().finite().min(0).max(1);
/** Regions the user picked, as fractions of the picture. */
const RegionsSchema = z.array(z.strictObject({ x: fraction, y: fraction, w: fraction, h: fraction })).max(4);
const PngDataUrl = z.string().max(3_000_000).regex(/^data:image\/png;base64,[A-Za-z0-9+/=]+$/);

export const GrabberMessageSchema: z.ZodType<GrabberMessage> = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('crops'),
    frame: z.enum(['video', 'canvas']),
    width: z.number().int().positive().max(20_000),
    height: z.number().int().positive().max(20_000),
    crops: z.array(z.strictObject({ box: RectSchema, subtitle: z.boolean(), picked: z.boolean().optional(), image: PngDataUrl })).min(1).max(8),
  }),
  z.strictObject({ type: z.literal('tainted'), rect: ScreenRectSchema, dpr: z.number().finite().positive().max(8), regions: RegionsSchema.optional() }),
]);

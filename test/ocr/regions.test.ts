import { describe, expect, it } from 'vitest';
import { fromFraction, parseRegions, pictureRect, toFraction } from '../../lib/ocr/frame';
import { GrabberMessageSchema } from '../../lib/ocr/schemas';
import { parseBinding } from '../../lib/platforms/picker';

describe('pictureRect (where a video draws inside its box)', () => {
  const box = { x: 100, y: 50, w: 800, h: 600 };
  it('letterboxes a 16:9 video in a 4:3 box (contain, a video’s default)', () => {
    expect(pictureRect(box, { width: 1280, height: 720 }, 'contain')).toEqual({ x: 100, y: 125, w: 800, h: 450 });
  });
  it('crops with cover, stretches with fill, keeps the size with none', () => {
    const cover = pictureRect(box, { width: 1280, height: 720 }, 'cover');
    expect(cover.h).toBe(600);
    expect(cover.w).toBeCloseTo(1066.67, 1);
    expect(cover.x).toBeCloseTo(100 - 133.33, 1);
    expect(pictureRect(box, { width: 1280, height: 720 }, 'fill')).toEqual(box);
    expect(pictureRect(box, { width: 400, height: 300 }, 'none')).toEqual({ x: 300, y: 200, w: 400, h: 300 });
    expect(pictureRect(box, { width: 400, height: 300 }, 'scale-down')).toEqual({ x: 300, y: 200, w: 400, h: 300 });
  });
});

describe('picked regions as fractions of the picture', () => {
  const picture = { x: 100, y: 125, w: 800, h: 450 };
  it('a box dragged over the picture, clipped to it, maps back to the same part of a frame of any size', () => {
    const f = toFraction({ x: 80, y: 125 + 360, w: 420, h: 90 }, picture)!;
    expect(f).toEqual({ x: 0, y: 0.8, w: 0.5, h: 0.2 });
    expect(fromFraction(f, { width: 1920, height: 1080 })).toEqual({ x: 0, y: 864, w: 960, h: 216 });
  });
  it('a click, a sliver or a box off the picture is no region', () => {
    expect(toFraction({ x: 300, y: 300, w: 4, h: 4 }, picture)).toBeNull();
    expect(toFraction({ x: 0, y: 0, w: 90, h: 90 }, picture)).toBeNull();
    expect(toFraction({ x: 300, y: 300, w: 300, h: 5 }, picture)).toBeNull();
  });
  it('storage is not trusted: malformed regions are dropped, at most four kept', () => {
    const good = { x: 0.1, y: 0.7, w: 0.8, h: 0.2 };
    expect(parseRegions([good, { x: 0.5, y: 0.5, w: 0.9, h: 0.1 }, { x: -1, y: 0, w: 0.5, h: 0.5 }, { x: '0', y: 0, w: 1, h: 1 }, null, { ...good, w: 0 }])).toEqual([good]);
    expect(parseRegions(Array.from({ length: 9 }, () => good))).toHaveLength(4);
    expect(parseRegions('nope')).toEqual([]);
    const b = parseBinding({ origin: 'https://x.example', savedAt: 1, fields: {}, ocrRegions: [good, { x: 2, y: 0, w: 1, h: 1 }] }, 'https://x.example')!;
    expect(b.ocrRegions).toEqual([good]);
    expect(parseBinding({ origin: 'https://x.example', savedAt: 1, fields: {} }, 'https://x.example')!.ocrRegions).toBeUndefined();
  });
  it('the background accepts picked regions and screen rectangles partly off screen from a grabber, nothing else', () => {
    const tainted = { type: 'tainted', rect: { x: -40, y: 10, w: 640, h: 360 }, dpr: 2, regions: [{ x: 0, y: 0.8, w: 1, h: 0.2 }] };
    expect(GrabberMessageSchema.safeParse(tainted).success).toBe(true);
    expect(GrabberMessageSchema.safeParse({ ...tainted, regions: [{ x: 0, y: 0.8, w: 1.5, h: 0.2 }] }).success).toBe(false);
    expect(GrabberMessageSchema.safeParse({ ...tainted, regions: Array.from({ length: 5 }, () => ({ x: 0, y: 0, w: 1, h: 1 })) }).success).toBe(false);
  });
});

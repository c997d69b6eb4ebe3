import { describe, expect, test } from 'vitest';
import { BandTracker, changedShare, detectBands, grayFromRgba, isSubtitleBand, iou, mergeOverlapping, smallSize, toSource, type Gray } from '../../lib/ocr/frame';

/** A synthetic small frame: smooth gradient background, optional blocks of "strokes" (alternating bars). */
function frame(w: number, h: number, opts: { shift?: number; strokes?: { x: number; y: number; w: number; h: number; period?: number }[]; outline?: { x: number; y: number; w: number; h: number } } = {}): Gray {
  const data = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) data[y * w + x] = Math.round(60 + (x / w) * 40 + (opts.shift ?? 0));
  for (const s of opts.strokes ?? []) {
    const p = s.period ?? 3;
    for (let y = s.y; y < s.y + s.h; y++) for (let x = s.x; x < s.x + s.w; x++) data[y * w + x] = Math.floor((x - s.x) / p) % 2 === 0 ? 240 : 20;
  }
  if (opts.outline) {
    const o = opts.outline;
    for (let y = o.y; y < o.y + o.h; y++) {
      data[y * w + o.x] = 230;
      data[y * w + o.x + o.w - 1] = 230;
    }
  }
  return { width: w, height: h, data };
}

describe('grayscale and frame difference', () => {
  test('luma of RGBA', () => {
    const g = grayFromRgba([255, 255, 255, 255, 0, 0, 0, 255, 255, 0, 0, 255], 3, 1);
    expect([...g.data]).toEqual([255, 0, 76]);
  });

  test('a slow colour drift is not a change; new text is', () => {
    const a = frame(192, 108);
    expect(changedShare(a, frame(192, 108, { shift: 10 }))).toBe(0);
    const withText = frame(192, 108, { strokes: [{ x: 10, y: 90, w: 120, h: 10 }] });
    const band = { x: 10, y: 90, w: 120, h: 10 };
    expect(changedShare(a, withText, band)).toBeGreaterThan(0.3);
    expect(changedShare(a, withText, { x: 0, y: 0, w: 192, h: 40 })).toBe(0);
  });

  test('frames of different sizes count as changed', () => {
    expect(changedShare(frame(10, 10), frame(12, 10))).toBe(1);
  });

  test('small size keeps the aspect ratio', () => {
    expect(smallSize(1920, 1080)).toEqual({ width: 192, height: 108 });
    expect(smallSize(100, 50)).toEqual({ width: 100, height: 50 });
  });
});

describe('text band detection', () => {
  test('finds a subtitle band and a sticker, not the smooth background or a thin vertical outline', () => {
    const g = frame(192, 108, {
      strokes: [
        { x: 20, y: 92, w: 140, h: 8 },
        { x: 8, y: 18, w: 50, h: 9 },
      ],
      outline: { x: 120, y: 20, w: 30, h: 60 },
    });
    const bands = detectBands(g);
    expect(bands).toHaveLength(2);
    const sub = bands.find((b) => b.y > 80)!;
    expect(sub.x).toBeLessThanOrEqual(20);
    expect(sub.x + sub.w).toBeGreaterThanOrEqual(158);
    expect(isSubtitleBand(sub, g)).toBe(true);
    const sticker = bands.find((b) => b.y < 40)!;
    expect(isSubtitleBand(sticker, g)).toBe(false);
    expect(bands.every((b) => !(b.x > 110 && b.x + b.w < 160))).toBe(true);
  });

  test('a line broken by wide gaps is one band', () => {
    const g = frame(192, 108, {
      strokes: [
        { x: 10, y: 92, w: 30, h: 8 },
        { x: 50, y: 92, w: 30, h: 8 },
        { x: 95, y: 92, w: 40, h: 8 },
      ],
    });
    const bands = detectBands(g);
    expect(bands).toHaveLength(1);
    expect(bands[0]!.x).toBeLessThanOrEqual(10);
    expect(bands[0]!.x + bands[0]!.w).toBeGreaterThanOrEqual(135);
  });

  test('an empty frame has no bands', () => {
    expect(detectBands(frame(192, 108))).toEqual([]);
  });

  test('boxes map back to source pixels with a margin, clipped', () => {
    // 10 small px tall = 100 source px: 6 + 40 px sideways.
    expect(toSource({ x: 10, y: 10, w: 96, h: 10 }, { width: 192, height: 108 }, { width: 1920, height: 1080 }, 6)).toEqual({ x: 54, y: 94, w: 1052, h: 112 });
    expect(toSource({ x: 0, y: 100, w: 192, h: 8 }, { width: 192, height: 108 }, { width: 1920, height: 1080 }, 6)).toEqual({ x: 0, y: 994, w: 1920, h: 86 });
  });

  test('overlapping boxes merge; iou', () => {
    expect(mergeOverlapping([{ x: 0, y: 0, w: 10, h: 10 }, { x: 5, y: 5, w: 10, h: 10 }, { x: 50, y: 50, w: 2, h: 2 }])).toEqual([
      { x: 0, y: 0, w: 15, h: 15 },
      { x: 50, y: 50, w: 2, h: 2 },
    ]);
    expect(iou({ x: 0, y: 0, w: 10, h: 10 }, { x: 0, y: 0, w: 10, h: 10 })).toBe(1);
    expect(iou({ x: 0, y: 0, w: 10, h: 10 }, { x: 20, y: 0, w: 10, h: 10 })).toBe(0);
  });
});

describe('band tracker: only new or changed bands are sent', () => {
  test('unchanged band is sent once; changed text is sent again', () => {
    const t = new BandTracker();
    const band = { x: 18, y: 90, w: 150, h: 12 };
    const f1 = frame(192, 108, { strokes: [{ x: 20, y: 92, w: 140, h: 8 }] });
    expect(t.pick(f1, [band])).toEqual([band]);
    expect(t.pick(frame(192, 108, { shift: 5, strokes: [{ x: 20, y: 92, w: 140, h: 8 }] }), [band])).toEqual([]);
    const f3 = frame(192, 108, { strokes: [{ x: 20, y: 92, w: 140, h: 8, period: 5 }] });
    expect(t.pick(f3, [band])).toEqual([band]);
    t.reset();
    expect(t.pick(f3, [band])).toEqual([band]);
  });
});

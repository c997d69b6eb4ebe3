import { describe, expect, it } from 'vitest';
import { ctcDecode, recInput, singleLineBox } from '../../lib/ocr/line';

/** A w×h RGBA image of `bg` with dark "strokes": 2-px vertical bars every 5 px inside each given row band. */
function image(w: number, h: number, bands: { y: number; h: number; x0?: number; x1?: number }[], extra?: (set: (x: number, y: number) => void) => void) {
  const px = new Uint8ClampedArray(w * h * 4).fill(230);
  const set = (x: number, y: number) => {
    const p = (y * w + x) * 4;
    px[p] = px[p + 1] = px[p + 2] = 20;
  };
  for (const b of bands) {
    for (let y = b.y; y < b.y + b.h; y++) for (let x = b.x0 ?? 10; x < (b.x1 ?? w - 10); x++) if (x % 5 < 2) set(x, y);
  }
  extra?.(set);
  return px;
}

describe('singleLineBox', () => {
  it('finds the one line of a subtitle crop, padded, and ignores the margins around it', () => {
    const box = singleLineBox(image(300, 60, [{ y: 20, h: 20, x0: 40, x1: 260 }]), 300, 60);
    expect(box).not.toBeNull();
    expect(box!.y).toBeLessThanOrEqual(20);
    expect(box!.y + box!.h).toBeGreaterThanOrEqual(40);
    // Padded by less than half the line's height on each side, like the detector's boxes.
    expect(box!.h).toBeLessThan(40);
    expect(box!.x).toBeLessThanOrEqual(40);
    expect(box!.x).toBeGreaterThan(30);
    expect(box!.x + box!.w).toBeGreaterThanOrEqual(259);
  });

  it('says no for two lines (a two-line sticker needs text detection)', () => {
    expect(singleLineBox(image(300, 80, [{ y: 10, h: 20 }, { y: 45, h: 20 }]), 300, 80)).toBeNull();
  });

  it('keeps a line whole across one blank row (a horizontal stroke such as 一)', () => {
    const px = image(300, 60, [{ y: 20, h: 8 }, { y: 29, h: 10 }]);
    const box = singleLineBox(px, 300, 60);
    expect(box).not.toBeNull();
    expect(box!.y + box!.h).toBeGreaterThanOrEqual(39);
  });

  it('does not count a sticker frame or an underline as a second line', () => {
    const px = image(300, 70, [{ y: 20, h: 22, x0: 30, x1: 270 }], (set) => {
      for (let y = 2; y < 68; y++) {
        set(4, y);
        set(295, y);
      }
      for (let x = 30; x < 270; x++) set(x, 50); // underline: one row
    });
    const box = singleLineBox(px, 300, 70);
    expect(box).not.toBeNull();
    expect(box!.y).toBeLessThanOrEqual(20);
    expect(box!.h).toBeLessThanOrEqual(22 * 1.9);
  });

  it('says no for a blank or tiny crop', () => {
    expect(singleLineBox(image(300, 60, []), 300, 60)).toBeNull();
    expect(singleLineBox(image(6, 6, []), 6, 6)).toBeNull();
  });
});

describe('recInput', () => {
  it('is planar B, G, R scaled to 0..1', () => {
    const px = new Uint8ClampedArray([255, 0, 51, 255, 0, 102, 0, 255]);
    const t = recInput(px, 2, 1);
    expect(Array.from(t).map((v) => Math.round(v * 255))).toEqual([51, 0, 0, 102, 255, 0]);
  });
});

describe('ctcDecode', () => {
  const dict = ['最', '低', '价'];
  const step = (cls: number, p = 0.9) => [0, 1, 2, 3].map((c) => (c === cls ? p : (1 - p) / 3));
  it('collapses repeats, drops blanks, and keeps a character repeated across a blank', () => {
    const probs = [step(1), step(1), step(0), step(2), step(0), step(2), step(3, 0.7)].flat();
    const r = ctcDecode(probs, 7, 4, dict);
    expect(r.text).toBe('最低低价');
    expect(r.confidence).toBeCloseTo((0.9 + 0.9 + 0.9 + 0.7) / 4, 5);
  });
  it('reads nothing from all blanks, with confidence 0', () => {
    expect(ctcDecode([step(0), step(0)].flat(), 2, 4, dict)).toEqual({ text: '', confidence: 0 });
  });
});

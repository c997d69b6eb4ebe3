/**
 * Cropping changed text bands out of a frame source (a <video>, a <canvas>, an
 * image). DOM-only and small: the frame grabber (content script) and the OCR
 * sandbox both use it. No OCR code here.
 */
import { BandTracker, detectBands, fromFraction, grayFromRgba, isSubtitleBand, smallSize, toSource, type Rect } from './frame';
import type { CropOut } from './messages';

/**
 * Bands of a frame (canvas or video element) that changed since last sent, as PNG crops. With `picked`
 * regions (fractions of the picture, chosen by the user in the picker), those regions are read instead of
 * the bands found automatically. Shared by the frame grabber and the OCR sandbox (screenshots).
 */
export function cropChangedBands(source: CanvasImageSource, size: { width: number; height: number }, trackers: Map<string, BandTracker>, key: string, picked: readonly Rect[] = []): CropOut[] {
  const small = smallSize(size.width, size.height);
  const s = canvasOf(small.width, small.height);
  s.g.drawImage(source, 0, 0, small.width, small.height);
  const gray = grayFromRgba(s.g.getImageData(0, 0, small.width, small.height).data, small.width, small.height);
  let tracker = trackers.get(key);
  if (!tracker) trackers.set(key, (tracker = new BandTracker()));
  if (picked.length > 0) {
    const bands = picked.map((f) => ({ f, band: fromFraction(f, small) })).filter((b) => b.band.w > 0 && b.band.h > 0);
    const changed = tracker.pick(gray, bands.map((b) => b.band));
    return bands
      .filter((b) => changed.includes(b.band))
      .map(({ f }) => {
        const box = fromFraction(f, size);
        return { box, subtitle: isSubtitleBand(box, size), picked: true, image: cropPng(source, box) };
      });
  }
  return tracker.pick(gray, detectBands(gray)).map((band) => {
    const box = toSource(band, small, size);
    return { box, subtitle: isSubtitleBand(box, size), image: cropPng(source, box) };
  });
}

export function cropPng(source: CanvasImageSource, box: Rect): string {
  const c = canvasOf(box.w, box.h);
  c.g.drawImage(source, box.x, box.y, box.w, box.h, 0, 0, box.w, box.h);
  return c.canvas.toDataURL('image/png');
}

export function canvasOf(w: number, h: number): { canvas: HTMLCanvasElement; g: CanvasRenderingContext2D } {
  const canvas = document.createElement('canvas');
  canvas.width = Math.max(1, Math.round(w));
  canvas.height = Math.max(1, Math.round(h));
  return { canvas, g: canvas.getContext('2d', { willReadFrequently: true })! };
}


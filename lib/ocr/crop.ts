/**
 * Cropping changed text bands out of a frame source (a <video>, a <canvas>, an
 * image). DOM-only and small: the frame grabber (content script) and the OCR
 * sandbox both use it. No OCR code here.
 */
import { BandTracker, detectBands, grayFromRgba, isSubtitleBand, smallSize, toSource, type Rect } from './frame';
import type { CropOut } from './messages';

/** Bands of a frame (canvas or video element) that changed since last sent, as PNG crops. Shared with the grabber's logic. */
export function cropChangedBands(source: CanvasImageSource, size: { width: number; height: number }, trackers: Map<string, BandTracker>, key: string): CropOut[] {
  const small = smallSize(size.width, size.height);
  const s = canvasOf(small.width, small.height);
  s.g.drawImage(source, 0, 0, small.width, small.height);
  const gray = grayFromRgba(s.g.getImageData(0, 0, small.width, small.height).data, small.width, small.height);
  let tracker = trackers.get(key);
  if (!tracker) trackers.set(key, (tracker = new BandTracker()));
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


/**
 * Reading a band that holds one line of text without running text detection:
 * most crops the frame grabber sends are one subtitle line or one sticker
 * slogan, and for those the detection model (and the contour search after it)
 * costs more than reading the line itself. Pure: pixel buffers in, numbers out.
 * The engine (engine.ts) falls back to full detection when this says "not one
 * line" or when the line reads with low confidence.
 */
import type { Rect } from './frame';

/** Height of the recognition model's input (PP-OCRv4 rec). */
export const REC_HEIGHT = 48;

/**
 * The box of the only line of text in an RGBA crop, or null when the crop holds
 * no line or more than one. Rows with enough strong horizontal steps (stroke
 * edges) are text rows; runs of them separated by blank rows are lines. Runs much
 * shorter than the tallest (a sticker's border, an underline, noise) are not
 * lines. The box is padded a little, like the detector's unclipped boxes.
 */
export function singleLineBox(rgba: ArrayLike<number>, width: number, height: number, edge = 48): Rect | null {
  if (width < 8 || height < 8) return null;
  const rows = new Uint32Array(height);
  const cols = new Uint32Array(width);
  let prev = 0;
  for (let y = 0; y < height; y++) {
    let p = y * width * 4;
    prev = (77 * rgba[p]! + 150 * rgba[p + 1]! + 29 * rgba[p + 2]!) >> 8;
    for (let x = 1; x < width; x++) {
      p += 4;
      const g = (77 * rgba[p]! + 150 * rgba[p + 1]! + 29 * rgba[p + 2]!) >> 8;
      const d = g - prev;
      if (d > edge || d < -edge) {
        rows[y]!++;
        cols[x]!++;
      }
      prev = g;
    }
  }
  // A text row has edges across a good part of the line, not just the two sides of a box.
  const minRow = Math.max(3, Math.round(width * 0.015));
  const runs: { y0: number; y1: number }[] = [];
  for (let y = 0; y < height; y++) {
    if (rows[y]! < minRow) continue;
    const last = runs[runs.length - 1];
    // A gap of one blank row inside a line (a horizontal stroke, 一) does not split it.
    if (last && y - last.y1 <= 2) last.y1 = y;
    else runs.push({ y0: y, y1: y });
  }
  if (runs.length === 0) return null;
  const tallest = Math.max(...runs.map((r) => r.y1 - r.y0 + 1));
  if (tallest < 6) return null;
  const lines = runs.filter((r) => r.y1 - r.y0 + 1 >= tallest * 0.4);
  if (lines.length !== 1) return null;
  const { y0, y1 } = lines[0]!;
  const h = y1 - y0 + 1;
  // Columns: edges inside the line's rows only would be exact; the whole crop is close enough and cheaper.
  let x0 = 0;
  while (x0 < width && cols[x0]! === 0) x0++;
  let x1 = width - 1;
  while (x1 > x0 && cols[x1]! === 0) x1--;
  if (x1 - x0 + 1 < h) return null;
  const pad = Math.max(2, Math.round(h * 0.4));
  const bx = Math.max(0, x0 - pad);
  const by = Math.max(0, y0 - pad);
  return { x: bx, y: by, w: Math.min(width, x1 + 1 + pad) - bx, h: Math.min(height, y1 + 1 + pad) - by };
}

/** The recognition model's input: planar B, G, R scaled to 0..1 (the order and scale @gutenye/ocr-common feeds it). */
export function recInput(rgba: ArrayLike<number>, width: number, height: number): Float32Array {
  const n = width * height;
  const out = new Float32Array(3 * n);
  for (let i = 0, p = 0; i < n; i++, p += 4) {
    out[i] = rgba[p + 2]! / 255;
    out[n + i] = rgba[p + 1]! / 255;
    out[2 * n + i] = rgba[p]! / 255;
  }
  return out;
}

/**
 * Greedy CTC decoding of the recognition output ([1, steps, classes], probabilities):
 * the most likely class per step, repeats collapsed, blanks (class 0) dropped;
 * class k is dictionary[k − 1] (the dictionary ends with a space). Confidence is the
 * mean probability of the characters kept.
 */
export function ctcDecode(probs: ArrayLike<number>, steps: number, classes: number, dictionary: readonly string[]): { text: string; confidence: number } {
  let text = '';
  let sum = 0;
  let kept = 0;
  let last = -1;
  for (let t = 0; t < steps; t++) {
    const base = t * classes;
    let best = 0;
    let bestP = -Infinity;
    for (let c = 0; c < classes; c++) {
      const p = probs[base + c]!;
      if (p > bestP) {
        bestP = p;
        best = c;
      }
    }
    if (best !== 0 && best !== last) {
      text += dictionary[best - 1] ?? '';
      sum += bestP;
      kept++;
    }
    last = best;
  }
  return { text, confidence: kept ? sum / kept : 0 };
}

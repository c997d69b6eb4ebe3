/**
 * Cheap pixel work on video frames, pure and shared by the frame grabber (content
 * script) and the OCR sandbox: downscaled grayscale, frame difference, and text-band
 * detection. No OCR here; nothing in this file allocates more than one small frame.
 */

export interface Gray {
  width: number;
  height: number;
  data: Uint8Array;
}

export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** The width frames are downscaled to before differencing and band detection. */
export const SMALL_WIDTH = 192;

/** Luma (BT.601, integer) of an RGBA buffer. */
export function grayFromRgba(rgba: ArrayLike<number>, width: number, height: number): Gray {
  const data = new Uint8Array(width * height);
  for (let i = 0, p = 0; i < data.length; i++, p += 4) {
    data[i] = (77 * rgba[p]! + 150 * rgba[p + 1]! + 29 * rgba[p + 2]!) >> 8;
  }
  return { width, height, data };
}

/** Size of the downscaled frame for a source of w×h (aspect kept). */
export function smallSize(w: number, h: number, target = SMALL_WIDTH): { width: number; height: number } {
  const width = Math.max(1, Math.min(target, Math.round(w)));
  return { width, height: Math.max(1, Math.round((h * width) / Math.max(1, w))) };
}

function clip(r: Rect, width: number, height: number): Rect {
  const x = Math.max(0, Math.min(width, Math.floor(r.x)));
  const y = Math.max(0, Math.min(height, Math.floor(r.y)));
  const x2 = Math.max(x, Math.min(width, Math.ceil(r.x + r.w)));
  const y2 = Math.max(y, Math.min(height, Math.ceil(r.y + r.h)));
  return { x, y, w: x2 - x, h: y2 - y };
}

/**
 * Share (0..1) of pixels inside `rect` whose gray level moved by more than
 * `threshold` between two frames of the same size. Slow colour drifts (a
 * gradient background, lighting) stay under the threshold; new text does not.
 */
export function changedShare(a: Gray, b: Gray, rect: Rect = { x: 0, y: 0, w: a.width, h: a.height }, threshold = 24): number {
  if (a.width !== b.width || a.height !== b.height) return 1;
  const r = clip(rect, a.width, a.height);
  if (r.w === 0 || r.h === 0) return 0;
  let changed = 0;
  for (let y = r.y; y < r.y + r.h; y++) {
    const row = y * a.width;
    for (let x = r.x; x < r.x + r.w; x++) {
      const d = a.data[row + x]! - b.data[row + x]!;
      if (d > threshold || d < -threshold) changed++;
    }
  }
  return changed / (r.w * r.h);
}

export interface BandOptions {
  /** Horizontal gray-level step that counts as a stroke edge. */
  edge?: number;
  /** Minimum share of edge pixels inside a band's box. */
  density?: number;
  /** At most this many bands, largest first. */
  max?: number;
}

/**
 * Text bands and other high-contrast blocks (stickers, subtitle strips, QR codes):
 * pixels with a strong horizontal step are marked, smeared sideways so the
 * strokes of one line join, grouped into connected boxes, and boxes that are
 * dense enough and not tall thin strips (the outline of a person, a table edge)
 * are kept. Boxes are in the small frame's pixels, slightly padded.
 */
export function detectBands(g: Gray, opts: BandOptions = {}): Rect[] {
  const { width: W, height: H, data } = g;
  const edgeT = opts.edge ?? 48;
  const minDensity = opts.density ?? 0.1;
  const edge = new Uint8Array(W * H);
  for (let y = 0; y < H; y++) {
    for (let x = 1; x < W - 1; x++) {
      const i = y * W + x;
      const d = data[i + 1]! - data[i - 1]!;
      if (d > edgeT || d < -edgeT) edge[i] = 1;
    }
  }
  // Smear: 3 px sideways, 1 px up and down.
  const mask = new Uint8Array(W * H);
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      if (!edge[y * W + x]) continue;
      for (let yy = Math.max(0, y - 1); yy <= Math.min(H - 1, y + 1); yy++) {
        for (let xx = Math.max(0, x - 3); xx <= Math.min(W - 1, x + 3); xx++) mask[yy * W + xx] = 1;
      }
    }
  }
  const label = new Int32Array(W * H);
  const boxes: (Rect & { edges: number })[] = [];
  const stack: number[] = [];
  let next = 0;
  for (let start = 0; start < W * H; start++) {
    if (!mask[start] || label[start]) continue;
    next++;
    let x0 = W, y0 = H, x1 = -1, y1 = -1, edges = 0;
    stack.push(start);
    label[start] = next;
    while (stack.length) {
      const i = stack.pop()!;
      const x = i % W;
      const y = (i - x) / W;
      if (x < x0) x0 = x;
      if (x > x1) x1 = x;
      if (y < y0) y0 = y;
      if (y > y1) y1 = y;
      edges += edge[i]!;
      const near = [x > 0 ? i - 1 : -1, x < W - 1 ? i + 1 : -1, y > 0 ? i - W : -1, y < H - 1 ? i + W : -1];
      for (const j of near) {
        if (j >= 0 && mask[j] && !label[j]) {
          label[j] = next;
          stack.push(j);
        }
      }
    }
    boxes.push({ x: x0, y: y0, w: x1 - x0 + 1, h: y1 - y0 + 1, edges });
  }
  // Lines of text are wide; a QR code or a dense block of characters is squarer but denser. A face or a
  // shirt seen through the edge filter is neither wide nor dense enough.
  const kept = joinRows(boxes.filter((b) => b.edges >= 3)).filter((b) => {
    const density = b.edges / (b.w * b.h);
    if (b.w < 8 || b.h < 3 || b.edges < 12) return false;
    return (b.w >= b.h * 1.5 && density >= minDensity) || (b.w >= b.h * 0.6 && b.h >= 8 && density >= minDensity * 2.5);
  });
  const padded = kept.map((b) => clip({ x: b.x - 2, y: b.y - 2, w: b.w + 4, h: b.h + 4 }, W, H));
  return mergeOverlapping(padded)
    .sort((a, b) => b.w * b.h - a.w * a.h)
    .slice(0, opts.max ?? 6);
}

/**
 * Joins the pieces of one line of text: boxes sharing most of their height and
 * separated by less than about two character widths (wide character gaps and
 * spaces split a line into several components).
 */
function joinRows<T extends Rect & { edges: number }>(boxes: T[]): (Rect & { edges: number })[] {
  const out: (Rect & { edges: number })[] = boxes.map((b) => ({ x: b.x, y: b.y, w: b.w, h: b.h, edges: b.edges }));
  for (let changed = true; changed; ) {
    changed = false;
    outer: for (let i = 0; i < out.length; i++) {
      for (let j = i + 1; j < out.length; j++) {
        const a = out[i]!;
        const b = out[j]!;
        const vOverlap = Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y);
        const gap = Math.max(a.x, b.x) - Math.min(a.x + a.w, b.x + b.w);
        if (vOverlap >= 0.5 * Math.min(a.h, b.h) && gap <= 1.5 * Math.max(a.h, b.h) && Math.max(a.h, b.h) <= 2 * Math.min(a.h, b.h)) {
          out[i] = { ...union(a, b), edges: a.edges + b.edges };
          out.splice(j, 1);
          changed = true;
          break outer;
        }
      }
    }
  }
  return out;
}

function overlaps(a: Rect, b: Rect): boolean {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

export function union(a: Rect, b: Rect): Rect {
  const x = Math.min(a.x, b.x);
  const y = Math.min(a.y, b.y);
  return { x, y, w: Math.max(a.x + a.w, b.x + b.w) - x, h: Math.max(a.y + a.h, b.y + b.h) - y };
}

export function mergeOverlapping(rects: Rect[]): Rect[] {
  const out = rects.map((r) => ({ ...r }));
  for (let changed = true; changed; ) {
    changed = false;
    outer: for (let i = 0; i < out.length; i++) {
      for (let j = i + 1; j < out.length; j++) {
        if (overlaps(out[i]!, out[j]!)) {
          out[i] = union(out[i]!, out[j]!);
          out.splice(j, 1);
          changed = true;
          break outer;
        }
      }
    }
  }
  return out;
}

export function iou(a: Rect, b: Rect): number {
  if (!overlaps(a, b)) return 0;
  const w = Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y);
  const inter = w * h;
  return inter / (a.w * a.h + b.w * b.h - inter);
}

/**
 * A small-frame box in source pixels, with some margin (text and QR quiet zones), clipped to the source.
 * Sideways the margin grows with the height: a line's first or last character may be a flat stroke
 * (一, 二) that the edge filter barely sees.
 */
export function toSource(r: Rect, small: { width: number; height: number }, src: { width: number; height: number }, margin = 6): Rect {
  const sx = src.width / small.width;
  const sy = src.height / small.height;
  const mx = margin + Math.round(0.4 * r.h * sy);
  return clip({ x: r.x * sx - mx, y: r.y * sy - margin, w: r.w * sx + 2 * mx, h: r.h * sy + 2 * margin }, src.width, src.height);
}

interface Sent {
  rect: Rect;
  frame: Gray;
}

/**
 * Which bands to send for OCR: those new, or changed since they were last sent
 * (compared with the frame they were sent from). One tracker per video element.
 */
export class BandTracker {
  private sent: Sent[] = [];
  constructor(private readonly minChange = 0.02) {}

  /** Bands of this frame worth reading; remembers them as sent. */
  pick(frame: Gray, bands: Rect[]): Rect[] {
    const out: Rect[] = [];
    const keep: Sent[] = [];
    for (const band of bands) {
      const prev = this.sent.find((s) => iou(s.rect, band) > 0.5);
      if (prev && changedShare(prev.frame, frame, band) < this.minChange) {
        keep.push(prev);
        continue;
      }
      out.push(band);
      keep.push({ rect: band, frame });
    }
    this.sent = keep;
    return out;
  }

  reset(): void {
    this.sent = [];
  }
}

/** Subtitle-like: a band of some width in the lower third of the frame. Other bands are overlays (stickers, cards). */
export function isSubtitleBand(r: Rect, frame: { width: number; height: number }): boolean {
  return r.y + r.h / 2 > frame.height * 0.65 && r.w >= frame.width * 0.25;
}

/**
 * Where an element draws its picture inside its box (CSS `object-fit`): a video letterboxes by default
 * (contain), a canvas stretches (fill). `box` is the element's content box on screen; the result too.
 */
export function pictureRect(box: Rect, intrinsic: { width: number; height: number }, fit: string): Rect {
  const { width: iw, height: ih } = intrinsic;
  if (iw <= 0 || ih <= 0 || box.w <= 0 || box.h <= 0 || fit === 'fill') return { ...box };
  let scale: number;
  if (fit === 'cover') scale = Math.max(box.w / iw, box.h / ih);
  else if (fit === 'none') scale = 1;
  else if (fit === 'scale-down') scale = Math.min(1, box.w / iw, box.h / ih);
  else scale = Math.min(box.w / iw, box.h / ih); // contain (a video's default)
  const w = iw * scale;
  const h = ih * scale;
  return { x: box.x + (box.w - w) / 2, y: box.y + (box.h - h) / 2, w, h };
}

/** At most this many regions picked per site. */
export const MAX_PICKED_REGIONS = 4;

/**
 * A rectangle drawn on screen as fractions (0..1) of the picture it covers, clipped to the picture;
 * null when it covers too little of it to read (under 2 % of its width or 3 % of its height).
 */
export function toFraction(sel: Rect, picture: Rect): Rect | null {
  if (picture.w <= 0 || picture.h <= 0) return null;
  const x0 = Math.max(0, (sel.x - picture.x) / picture.w);
  const y0 = Math.max(0, (sel.y - picture.y) / picture.h);
  const x1 = Math.min(1, (sel.x + sel.w - picture.x) / picture.w);
  const y1 = Math.min(1, (sel.y + sel.h - picture.y) / picture.h);
  if (x1 - x0 < 0.02 || y1 - y0 < 0.03) return null;
  const r = (v: number) => Math.round(v * 10000) / 10000;
  return { x: r(x0), y: r(y0), w: r(x1 - x0), h: r(y1 - y0) };
}

/** A picked region (fractions of the picture) in the picture's own pixels. */
export function fromFraction(f: Rect, size: { width: number; height: number }): Rect {
  return clip({ x: f.x * size.width, y: f.y * size.height, w: f.w * size.width, h: f.h * size.height }, size.width, size.height);
}

/** Accepts only well-formed picked regions (storage can be edited): fractions inside the picture, at most MAX_PICKED_REGIONS. */
export function parseRegions(v: unknown): Rect[] {
  if (!Array.isArray(v)) return [];
  const ok = (n: unknown): n is number => typeof n === 'number' && Number.isFinite(n) && n >= 0 && n <= 1;
  return v
    .filter((r): r is Rect => !!r && typeof r === 'object' && ok(r.x) && ok(r.y) && ok(r.w) && ok(r.h) && r.w > 0 && r.h > 0 && r.x + r.w <= 1.0001 && r.y + r.h <= 1.0001)
    .slice(0, MAX_PICKED_REGIONS)
    .map((r) => ({ x: r.x, y: r.y, w: r.w, h: r.h }));
}

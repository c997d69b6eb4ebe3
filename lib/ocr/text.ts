/**
 * Text helpers for OCR output: normalisation, edit distance, and the merger that
 * keeps the same burned-in text, read again on every frame it stays on screen,
 * from being emitted more than once.
 */

/** Drops whitespace and punctuation, folds full-width ASCII and case: what a reader would call "the same text". */
export function normalizeOcrText(s: string): string {
  return s
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\p{P}\p{S}]+/gu, '');
}

/** Levenshtein distance over code points. */
export function editDistance(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  if (x.length === 0) return y.length;
  if (y.length === 0) return x.length;
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const cur = [i];
    for (let j = 1; j <= y.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (x[i - 1] === y[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[y.length]!;
}

/** 1 − distance / reference length, floored at 0: the character accuracy used by the bench. */
export function charAccuracy(reference: string, read: string): number {
  const n = [...reference].length;
  if (n === 0) return read.length === 0 ? 1 : 0;
  return Math.max(0, 1 - editDistance(reference, read) / n);
}

/** Whether two OCR reads are the same text, allowing a misread character or two. */
export function sameText(a: string, b: string, minSimilarity = 0.8): boolean {
  const x = normalizeOcrText(a);
  const y = normalizeOcrText(b);
  if (x === y) return true;
  const n = Math.max([...x].length, [...y].length);
  if (n === 0) return true;
  return 1 - editDistance(x, y) / n >= minSimilarity;
}

interface Seen {
  norm: string;
  lastSeen: number;
}

/**
 * Remembers what was emitted recently, per room. A text still on screen (read
 * again within `ttlMs` of its last sighting) is not emitted again; one that went
 * away for longer than that and came back is.
 */
export class TextMerger {
  private seen: Seen[] = [];
  constructor(
    private readonly ttlMs = 30_000,
    private readonly maxEntries = 200,
  ) {}

  /** True if the text is new and should be emitted. */
  accept(text: string, now: number): boolean {
    const norm = normalizeOcrText(text);
    if (norm.length === 0) return false;
    this.seen = this.seen.filter((s) => now - s.lastSeen <= this.ttlMs);
    const hit = this.seen.find((s) => sameText(s.norm, norm));
    if (hit) {
      hit.lastSeen = now;
      return false;
    }
    this.seen.push({ norm, lastSeen: now });
    if (this.seen.length > this.maxEntries) this.seen.shift();
    return true;
  }
}

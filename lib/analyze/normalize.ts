/**
 * Offset-preserving normalisation (lexicon-spec §3 steps 1–4, 7 digits, 11 pauses).
 *
 * Pure and browser-safe. The character tables (NFKC single-char folds, OpenCC
 * traditional→simplified characters) are computed by the Node compiler and
 * shipped inside the compiled lexicon (`fold`), so the runtime needs neither ICU
 * tables nor opencc-js: normalising is one typed-array lookup per UTF-16 unit.
 *
 * Every normalised char i carries `map[i]` (start in the original) and
 * `mapEnd[i]` (end in the original, exclusive); `map[n]` is the original length.
 */

/** Character-table data shipped in the compiled lexicon. */
export type FoldData = {
  /** Concatenated pairs: src0 dst0 src1 dst1 … (BMP, single units): NFKC folds. */
  nfkc: string;
  /** Concatenated pairs: traditional → simplified (OpenCC, single characters). */
  t2s: string;
  /** [src, dst] where NFKC(src) is a short ASCII string (⑩ → "10", ㎏ → "kg"). */
  expand: [string, string][];
};

export type Normalized = {
  text: string;
  /** map[i] = index in the original of normalised char i; map[text.length] = original length. */
  map: Int32Array;
  /** mapEnd[i] = end (exclusive) in the original of normalised char i. */
  mapEnd: Int32Array;
  /** Per normalised char: bit flags (FLAG_*). */
  flags: Uint8Array;
};

export const FLAG_TRAD = 1;
export const FLAG_FULLWIDTH = 2;
export const FLAG_VARIANT = 4;
/** A separator run was removed right before this char. */
export const FLAG_GAP = 8;

// character classes (of the folded char)
export const C_OTHER = 0;
export const C_CJK = 1;
export const C_LATIN = 2;
export const C_DIGIT = 3;
const C_SPACE = 4;
const C_SEP = 5;
const C_DROP = 6;
export const C_BOUND = 7;

const K_EXPAND = 16;
const FINANCIAL_DIGITS = '壹贰叁肆伍陆柒捌玖';

export type NormalizerTables = {
  fold: Uint16Array; // 0 = identity
  kind: Uint8Array; // FLAG_* contributed by folding this unit
  cls: Uint8Array; // class of a (folded) unit
  expand: Map<number, string>;
  /** Emoji code points to keep (not strip) — used for lexicon terms written with emoji. */
  keepCp?: Set<number>;
};

/** Copy of the tables that keeps the given symbols/emoji (they occur in lexicon terms). */
export function keepSymbols(t: NormalizerTables, symbols: Iterable<string>): NormalizerTables {
  const cls = t.cls.slice();
  const keepCp = new Set<number>();
  for (const sym of symbols) {
    const cp = sym.codePointAt(0)!;
    if (cp > 0xffff) keepCp.add(cp);
    else cls[cp] = C_OTHER;
  }
  return { ...t, cls, keepCp };
}

/** Is this unit (or code point) a strippable symbol/emoji in these tables? */
export function isStrippableSymbol(t: NormalizerTables, cp: number): boolean {
  if (cp > 0xffff) return isEmojiCodePoint(cp);
  const f = t.fold[cp] || cp;
  return t.cls[f] === C_SEP;
}

function isEmojiCodePoint(cp: number): boolean {
  return (cp >= 0x1f000 && cp <= 0x1faff) || (cp >= 0x1fc00 && cp <= 0x1ffff);
}

export function buildTables(data: FoldData): NormalizerTables {
  const fold = new Uint16Array(65536);
  const kind = new Uint8Array(65536);
  const cls = new Uint8Array(65536);
  // classes
  for (let c = 0x3400; c <= 0x4dbf; c++) cls[c] = C_CJK;
  for (let c = 0x4e00; c <= 0x9fff; c++) cls[c] = C_CJK;
  for (let c = 0xf900; c <= 0xfaff; c++) cls[c] = C_CJK;
  cls[0x3007] = C_CJK; // 〇
  for (let c = 0x61; c <= 0x7a; c++) cls[c] = C_LATIN;
  for (let c = 0x41; c <= 0x5a; c++) cls[c] = C_LATIN;
  for (let c = 0xc0; c <= 0x24f; c++) if (c !== 0xd7 && c !== 0xf7) cls[c] = C_LATIN; // ü, ā …
  for (let c = 0x30; c <= 0x39; c++) cls[c] = C_DIGIT;
  for (const ch of ' \t\u00a0\u3000\u2002\u2003\u2009\u200a\u202f\u205f') cls[ch.charCodeAt(0)] = C_SPACE;
  for (const ch of '·・•∙‧*_-—–|/\\~^=#@&%$`\'".‘’“”﹏～丨〜') cls[ch.charCodeAt(0)] = C_SEP;
  for (let c = 0x2190; c <= 0x2bff; c++) cls[c] = C_SEP; // arrows, math, technical, boxes, shapes, misc symbols, dingbats
  for (let c = 0x2460; c <= 0x24ff; c++) cls[c] = C_OTHER; // enclosed alphanumerics fold to digits/letters
  cls[0x2b] = C_OTHER; // '+' means 加 ("+v", "➕vx"): never stripped
  cls[0x25] = C_OTHER; // '%' (and ％, folded to it) is part of "100%有效", "+98%": always kept
  for (const ch of '\u200b\u200c\u200d\u2060\ufeff\u180e\ufe0e\ufe0f\u00ad\u200e\u200f') cls[ch.charCodeAt(0)] = C_DROP;
  for (const ch of '。.!?;\n\r,、:，！？；：…') cls[ch.charCodeAt(0)] = C_BOUND;
  cls[0x2e] = C_SEP; // '.' is a separator between CJK chars, a sentence end elsewhere (see below)
  // folds
  const t2s = new Uint16Array(65536);
  const tt = data.t2s;
  for (let i = 0; i + 1 < tt.length; i += 2) t2s[tt.charCodeAt(i)] = tt.charCodeAt(i + 1);
  const digit = new Uint8Array(65536);
  for (let d = 0; d < FINANCIAL_DIGITS.length; d++) digit[FINANCIAL_DIGITS.charCodeAt(d)] = d + 1;
  const finish = (src: number, c: number, k: number): void => {
    const t = t2s[c]!;
    if (t !== 0 && t !== c) {
      c = t;
      k |= FLAG_TRAD;
    }
    if (c < 0x3000) {
      const l = String.fromCharCode(c).toLowerCase();
      if (l.length === 1) c = l.charCodeAt(0);
    }
    const d = digit[c]!;
    if (d !== 0) {
      c = 0x30 + d;
      k |= FLAG_VARIANT;
    }
    if (c !== src) fold[src] = c;
    kind[src] = k;
  };
  const nf = data.nfkc;
  for (let i = 0; i + 1 < nf.length; i += 2) {
    const src = nf.charCodeAt(i);
    finish(src, nf.charCodeAt(i + 1), src >= 0xff00 && src <= 0xffef ? FLAG_FULLWIDTH : FLAG_VARIANT);
  }
  for (let i = 0; i + 1 < tt.length; i += 2) {
    const src = tt.charCodeAt(i);
    if (fold[src] === 0 && kind[src] === 0) finish(src, src, 0);
  }
  for (let c = 0x41; c <= 0x5a; c++) if (fold[c] === 0) fold[c] = c + 32;
  for (let c = 0xc0; c <= 0xde; c++) if (fold[c] === 0 && c !== 0xd7) finish(c, c, 0);
  // heavy plus signs are written for 加 ("➕v"): fold to '+'
  for (const ch of '➕✚') {
    const c = ch.charCodeAt(0);
    fold[c] = 0x2b;
    kind[c] = FLAG_VARIANT;
  }
  for (let d = 0; d < FINANCIAL_DIGITS.length; d++) {
    const c = FINANCIAL_DIGITS.charCodeAt(d);
    if (fold[c] === 0) finish(c, c, 0);
  }
  const expand = new Map<number, string>();
  for (const [s, d] of data.expand) {
    if (s.length !== 1) continue;
    const c = s.charCodeAt(0);
    expand.set(c, d.toLowerCase());
    kind[c] = kind[c]! | K_EXPAND;
  }
  return { fold, kind, cls, expand };
}

/**
 * Reusable normaliser with scratch buffers (not re-entrant; JS is single-threaded).
 * `run(text)` fills `out/srcStart/srcEnd/flags` and returns the normalised length.
 */
export class NormalizerCore {
  out: Uint16Array = new Uint16Array(256);
  srcStart: Int32Array = new Int32Array(257);
  srcEnd: Int32Array = new Int32Array(256);
  flags: Uint8Array = new Uint8Array(256);
  /** Whether the last run() emitted a Latin letter (a–z, ü…). */
  hasLatin = false;
  constructor(readonly t: NormalizerTables) {}

  private grow(min: number): void {
    let cap = this.out.length;
    while (cap < min) cap *= 2;
    const o = new Uint16Array(cap);
    o.set(this.out);
    const s = new Int32Array(cap + 1);
    s.set(this.srcStart);
    const e = new Int32Array(cap);
    e.set(this.srcEnd);
    const f = new Uint8Array(cap);
    f.set(this.flags);
    this.out = o;
    this.srcStart = s;
    this.srcEnd = e;
    this.flags = f;
  }

  run(text: string): number {
    const len = text.length;
    if (this.out.length < len * 2 + 8) this.grow(len * 2 + 8);
    const { fold, kind, cls, expand } = this.t;
    const out = this.out;
    const srcStart = this.srcStart;
    const srcEnd = this.srcEnd;
    const flags = this.flags;
    let n = 0;
    let latin = false;
    // pending separator run: original [runStart, runEnd)
    let runStart = -1;
    let runHasSep = false;
    let runDots = 0;
    let pendingFlags = 0;
    let i = 0;
    while (i < len) {
      let c = text.charCodeAt(i);
      let width = 1;
      let k: number;
      let f: number;
      let fl: number;
      if (c >= 0xd800 && c <= 0xdbff && i + 1 < len) {
        const lo = text.charCodeAt(i + 1);
        if (lo >= 0xdc00 && lo <= 0xdfff) {
          width = 2;
          const cp = ((c - 0xd800) << 10) + (lo - 0xdc00) + 0x10000;
          if (isEmojiCodePoint(cp) && !this.t.keepCp?.has(cp)) {
            k = C_SEP;
            f = c;
            fl = 0;
          } else if (this.t.keepCp?.has(cp)) {
            if (runStart >= 0) {
              n = this.flush(text, runStart, i, n);
              runStart = -1;
            }
            if (n + 2 > out.length) this.grow(n + 2);
            out[n] = c;
            srcStart[n] = i;
            srcEnd[n] = i + 2;
            flags[n] = pendingFlags;
            out[n + 1] = lo;
            srcStart[n + 1] = i;
            srcEnd[n + 1] = i + 2;
            flags[n + 1] = 0;
            n += 2;
            pendingFlags = 0;
            i += 2;
            continue;
          } else {
            const nf = String.fromCodePoint(cp).normalize('NFKC');
            if (nf.length === 1) {
              const u = nf.charCodeAt(0);
              f = fold[u] || u;
              fl = FLAG_VARIANT | kind[u]!;
              k = cls[f]!;
            } else {
              // keep the pair as two OTHER units
              if (runStart >= 0) {
                n = this.flush(text, runStart, i, n);
                runStart = -1;
              }
              if (n + 2 > out.length) this.grow(n + 2);
              out[n] = c;
              srcStart[n] = i;
              srcEnd[n] = i + 2;
              flags[n] = pendingFlags;
              out[n + 1] = lo;
              srcStart[n + 1] = i;
              srcEnd[n + 1] = i + 2;
              flags[n + 1] = 0;
              n += 2;
              pendingFlags = 0;
              i += 2;
              continue;
            }
          }
        } else {
          f = c;
          fl = 0;
          k = C_OTHER;
        }
      } else {
        f = fold[c] || c;
        fl = kind[c]!;
        k = cls[f]!;
      }
      if (k === C_DROP) {
        pendingFlags |= FLAG_GAP;
        i += width;
        continue;
      }
      if (k === C_SPACE || k === C_SEP) {
        if (runStart < 0) {
          runStart = i;
          runHasSep = false;
          runDots = 0;
        }
        if (k === C_SEP) runHasSep = true;
        if (f === 0x2e) runDots++;
        i += width;
        continue;
      }
      if (runStart >= 0) {
        // decide whether to strip the run between out[n-1] and this char
        let strip = false;
        if (n > 0 && runDots < 2) {
          const pk = cls[out[n - 1]!]!;
          const word = k === C_CJK || k === C_LATIN || k === C_DIGIT;
          const pword = pk === C_CJK || pk === C_LATIN || pk === C_DIGIT;
          if (word && pword) {
            if (runHasSep) strip = pk === C_CJK || k === C_CJK;
            else strip = !(pk === C_DIGIT && k === C_DIGIT);
          }
        }
        if (strip) pendingFlags |= FLAG_GAP;
        else n = this.flush(text, runStart, i, n);
        runStart = -1;
      }
      const ex = fl & K_EXPAND ? expand.get(c) : undefined;
      if (n + 4 > out.length) this.grow(n + 4);
      if (ex !== undefined) {
        for (let j = 0; j < ex.length; j++) {
          out[n] = ex.charCodeAt(j);
          srcStart[n] = i;
          srcEnd[n] = i + width;
          flags[n] = (j === 0 ? pendingFlags : 0) | FLAG_FULLWIDTH;
          n++;
        }
      } else {
        out[n] = f;
        if (k === C_LATIN) latin = true;
        srcStart[n] = i;
        srcEnd[n] = i + width;
        flags[n] = fl | pendingFlags;
        n++;
      }
      pendingFlags = 0;
      i += width;
    }
    if (runStart >= 0) n = this.flush(text, runStart, len, n);
    srcStart[n] = len;
    this.hasLatin = latin;
    return n;
  }

  /** Emit the separator run original[a, b) unchanged (folded), returning the new length. */
  private flush(text: string, a: number, b: number, n: number): number {
    if (n + (b - a) + 4 > this.out.length) this.grow(n + (b - a) + 4);
    const { fold, cls } = this.t;
    for (let j = a; j < b; j++) {
      const c = text.charCodeAt(j);
      if (cls[c] === C_DROP) continue;
      this.out[n] = fold[c] || c;
      this.srcStart[n] = j;
      this.srcEnd[n] = j + 1;
      this.flags[n] = 0;
      n++;
    }
    return n;
  }
}

export function outToString(out: Uint16Array, from: number, to: number): string {
  let s = '';
  for (let i = from; i < to; i += 8192) {
    s += String.fromCharCode.apply(null, out.subarray(i, Math.min(to, i + 8192)) as unknown as number[]);
  }
  return s;
}

export type Normalizer = (text: string) => Normalized;

/** Build a normaliser from the compiled lexicon's fold data. */
export function createNormalizer(data: FoldData): Normalizer {
  const core = new NormalizerCore(buildTables(data));
  return (text: string): Normalized => {
    const n = core.run(text);
    return {
      text: outToString(core.out, 0, n),
      map: core.srcStart.slice(0, n + 1),
      mapEnd: core.srcEnd.slice(0, n),
      flags: core.flags.slice(0, n),
    };
  };
}

/**
 * What the analyzer derives from a compiled lexicon before it can run: the main
 * Aho–Corasick automaton and the per-term tables. Deriving it costs tens of
 * milliseconds, which every MV3 service-worker restart would pay; so the compile
 * step (Node) derives it once and stores it in the artifact as base64 typed arrays
 * (`CompiledLexicon.prepared`), and `createAnalyzer` decodes it (a few ms) instead.
 *
 * A snapshot is only a cache: one with another PREPARED_VERSION, or that does not
 * fit the term list, is ignored and the tables are derived at load time.
 * Pure and browser-safe.
 */
import type { CompiledLexicon, EncodedPrepared } from '../lexicon/compiled';
import { buildMatcherData, type MatcherData } from './matcher';
import { C_DIGIT, C_LATIN, isStrippableSymbol, type NormalizerTables } from './normalize';

/** Bump when Prepared or the way it is derived changes (matcher layout, term partition). */
export const PREPARED_VERSION = 1;

export type Prepared = {
  /** Class (C_LATIN / C_DIGIT, else 0) of each entry's first / last code unit; entries = terms, anchors, containers. */
  latinStart: Uint8Array;
  latinEnd: Uint8Array;
  /** Terms written with a Latin letter (pinyin, vx, top1): their automaton is built on first use. */
  latinTerms: Int32Array;
  /** Terms written with emoji/symbols the normaliser strips: matched on a second normalisation. */
  symbolTerms: Int32Array;
  /** Those symbols, one code point each, concatenated. */
  symbols: string;
  /** Entry id of each term of the main automaton (terms without Latin letters or symbols, anchors, containers). */
  mainEntryId: Int32Array;
  main: MatcherData;
};

/** Entry texts: terms 0..T-1, anchors T..T+A-1, containers T+A... */
export function entryTexts(compiled: CompiledLexicon): string[] {
  const terms = compiled.termText.length ? compiled.termText.split('\n') : [];
  return terms.concat(
    compiled.anchors.map((a) => a[0]),
    compiled.containers,
  );
}

/** Sort ids by their text (code units), then id; merge them into the already sorted `termIds`. */
export function mergeSorted(idText: readonly string[], termIds: ArrayLike<number>, extraIds: number[]): Int32Array {
  const extras = extraIds.sort((x, y) => {
    const p = idText[x]!;
    const q = idText[y]!;
    return p < q ? -1 : p > q ? 1 : x - y;
  });
  const total = termIds.length + extras.length;
  const entryId = new Int32Array(total);
  let i = 0;
  let j = 0;
  for (let k = 0; k < total; k++) {
    if (j >= extras.length || (i < termIds.length && idText[termIds[i]!]! <= idText[extras[j]!]!)) entryId[k] = termIds[i++]!;
    else entryId[k] = extras[j++]!;
  }
  return entryId;
}

/** Derive the tables (what the compile step stores and a load without a snapshot computes). */
export function prepare(compiled: CompiledLexicon, tables: NormalizerTables, idText = entryTexts(compiled)): Prepared {
  const cls = tables.cls;
  const T = compiled.termText.length ? compiled.termRule.length : 0;
  const TOTAL = idText.length;
  const latinStart = new Uint8Array(TOTAL);
  const latinEnd = new Uint8Array(TOTAL);
  const latinTerms: number[] = [];
  const symbolTerms: number[] = [];
  const mainTerms: number[] = [];
  const symbols = new Set<string>();
  for (let i = 0; i < TOTAL; i++) {
    const s = idText[i]!;
    const a = cls[s.charCodeAt(0)]!;
    const b = cls[s.charCodeAt(s.length - 1)]!;
    latinStart[i] = a === C_LATIN || a === C_DIGIT ? a : 0;
    latinEnd[i] = b === C_LATIN || b === C_DIGIT ? b : 0;
    if (i >= T) continue;
    let latin = false;
    let symbol = false;
    for (let j = 0; j < s.length; j++) {
      const c = s.charCodeAt(j);
      if (cls[c] === C_LATIN) latin = true;
      if (c < 0x2000) continue; // ASCII, Latin
      if (c >= 0x3400 && c <= 0x9fff) continue; // CJK ideographs
      const cp = s.codePointAt(j)!;
      if (isStrippableSymbol(tables, cp)) {
        symbols.add(String.fromCodePoint(cp));
        symbol = true;
      }
      if (cp > 0xffff) j++;
    }
    (symbol ? symbolTerms : latin ? latinTerms : mainTerms).push(i);
  }
  const extraIds: number[] = [];
  for (let i = T; i < TOTAL; i++) extraIds.push(i);
  const mainEntryId = mergeSorted(idText, mainTerms, extraIds);
  const main = buildMatcherData(Array.from(mainEntryId, (id) => idText[id]!));
  return {
    latinStart,
    latinEnd,
    latinTerms: Int32Array.from(latinTerms),
    symbolTerms: Int32Array.from(symbolTerms),
    symbols: [...symbols].join(''),
    mainEntryId,
    main,
  };
}

// ---- base64 snapshot -------------------------------------------------------------------

type ArrayName = Exclude<keyof Prepared, 'symbols' | 'main'> | `main.${Exclude<keyof MatcherData, 'termCount' | 'stateCount'>}`;
type Typed = Uint8Array | Uint16Array | Int32Array;
const ARRAYS: [ArrayName, 'u8' | 'u16' | 'i32'][] = [
  ['latinStart', 'u8'],
  ['latinEnd', 'u8'],
  ['latinTerms', 'i32'],
  ['symbolTerms', 'i32'],
  ['mainEntryId', 'i32'],
  ['main.alphabet', 'u16'],
  ['main.rootNext', 'i32'],
  ['main.edgeStart', 'i32'],
  ['main.edgeCls', 'u16'],
  ['main.edgeTo', 'i32'],
  ['main.fail', 'i32'],
  ['main.ownStart', 'i32'],
  ['main.ownTerm', 'i32'],
  ['main.dict', 'i32'],
  ['main.emits', 'u8'],
  ['main.termLen', 'i32'],
];

function get(p: Prepared, name: ArrayName): Typed {
  return name.startsWith('main.') ? (p.main[name.slice(5) as keyof MatcherData] as Typed) : (p[name as keyof Prepared] as Typed);
}

type NativeBase64 = { fromBase64?: (s: string) => Uint8Array };
type NodeBuffer = { from(b: ArrayBufferView | string, enc?: 'base64'): Uint8Array & { toString(enc: 'base64'): string } };
const nodeBuffer = (): NodeBuffer | undefined => (globalThis as { Buffer?: NodeBuffer }).Buffer;

/** Little-endian bytes of a typed array, as base64 (all supported engines are little-endian). Node only: the compile step. */
function toBase64(a: Typed): string {
  const buffer = nodeBuffer();
  if (!buffer) throw new Error('encodePrepared runs in the Node compile step');
  return buffer.from(new Uint8Array(a.buffer, a.byteOffset, a.byteLength)).toString('base64');
}

/**
 * The native decoders (Chrome 140+, Firefox 133+; Node's Buffer). Where neither exists the snapshot is not
 * used and the tables are built at load time.
 */
function fromBase64(s: string): Uint8Array | undefined {
  if (s.length % 4 !== 0) return undefined;
  const native = (Uint8Array as NativeBase64).fromBase64;
  if (native) {
    try {
      return native(s);
    } catch {
      return undefined;
    }
  }
  const buffer = nodeBuffer();
  if (!buffer || !/^[A-Za-z0-9+/]*={0,2}$/.test(s)) return undefined;
  // a copy, so that typed-array views start at offset 0
  return new Uint8Array(buffer.from(s, 'base64'));
}

export function encodePrepared(p: Prepared): EncodedPrepared {
  const arrays: Record<string, string> = {};
  for (const [name] of ARRAYS) arrays[name] = toBase64(get(p, name));
  return { version: PREPARED_VERSION, termCount: p.main.termCount, stateCount: p.main.stateCount, symbols: p.symbols, arrays };
}

/**
 * The tables from a snapshot, or undefined when it is absent, from another version, damaged,
 * or does not fit this lexicon's entries (then the caller derives them).
 */
export function decodePrepared(e: EncodedPrepared | undefined, entryCount: number): Prepared | undefined {
  if (!e || e.version !== PREPARED_VERSION || typeof e.arrays !== 'object' || e.arrays === null) return undefined;
  const got: Partial<Record<ArrayName, Typed>> = {};
  for (const [name, type] of ARRAYS) {
    const s = e.arrays[name];
    if (typeof s !== 'string') return undefined;
    const bytes = fromBase64(s);
    if (!bytes) return undefined;
    const width = type === 'u8' ? 1 : type === 'u16' ? 2 : 4;
    if (bytes.length % width !== 0) return undefined;
    got[name] = type === 'u8' ? bytes : type === 'u16' ? new Uint16Array(bytes.buffer, 0, bytes.length / 2) : new Int32Array(bytes.buffer, 0, bytes.length / 4);
  }
  const g = got as Record<ArrayName, Typed>;
  const S = e.stateCount;
  const main: MatcherData = {
    termCount: e.termCount,
    stateCount: S,
    alphabet: g['main.alphabet'] as Uint16Array,
    rootNext: g['main.rootNext'] as Int32Array,
    edgeStart: g['main.edgeStart'] as Int32Array,
    edgeCls: g['main.edgeCls'] as Uint16Array,
    edgeTo: g['main.edgeTo'] as Int32Array,
    fail: g['main.fail'] as Int32Array,
    ownStart: g['main.ownStart'] as Int32Array,
    ownTerm: g['main.ownTerm'] as Int32Array,
    dict: g['main.dict'] as Int32Array,
    emits: g['main.emits'] as Uint8Array,
    termLen: g['main.termLen'] as Int32Array,
  };
  // shape checks: a snapshot that does not fit would make the scan read out of bounds
  const ok =
    g.latinStart.length === entryCount &&
    g.latinEnd.length === entryCount &&
    g.mainEntryId.length === e.termCount &&
    main.termLen.length === e.termCount &&
    main.edgeStart.length === S + 1 &&
    main.fail.length === S &&
    main.dict.length === S &&
    main.emits.length === S &&
    main.ownStart.length === S + 1 &&
    main.rootNext.length === main.alphabet.length + 1;
  if (!ok) return undefined;
  const ids = g.mainEntryId;
  for (let k = 0; k < ids.length; k++) if (ids[k]! < 0 || ids[k]! >= entryCount) return undefined;
  return {
    latinStart: g.latinStart as Uint8Array,
    latinEnd: g.latinEnd as Uint8Array,
    latinTerms: g.latinTerms as Int32Array,
    symbolTerms: g.symbolTerms as Int32Array,
    symbols: typeof e.symbols === 'string' ? e.symbols : '',
    mainEntryId: g.mainEntryId as Int32Array,
    main,
  };
}

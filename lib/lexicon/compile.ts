/**
 * Lexicon compiler (Node only): source files → CompiledLexicon (plain JSON).
 *
 * - validates (parseLexiconFile per file, duplicate ids across files, renames, anchors)
 * - normalises every term with the runtime normaliser, so text and terms meet in one space
 * - generates pinyin forms of triggers (pinyin-pro): "zuijia", "zui佳", "最jia", "zuij佳"… 
 * - derives container words from jieba's dictionary (nodejieba): 最近, 第一次, 政治 …
 * - ships the normaliser's character tables (NFKC single-char folds, OpenCC t→s)
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import * as OpenCC from 'opencc-js/t2cn';
import { pinyin } from 'pinyin-pro';
import { Matcher } from '../analyze/matcher';
import { buildTables, createNormalizer, type FoldData } from '../analyze/normalize';
import { encodePrepared, prepare } from '../analyze/prepared';
import {
  FORMAT_VERSION,
  KIND_CHAR,
  type CompiledLexicon,
  type CompiledRule,
  type TermKind,
} from './compiled';
import { LexiconError, parseLexiconFile } from './parse';
import type { LexiconFile } from './schema';
import { readLexiconDir, sourceHash, type SourceFile } from './sources';

export { COMPILER_REV, readLexiconDir, sourceHash, type SourceFile } from './sources';

export type CompileOptions = {
  /** old id → new id (lexicons/renames.json). */
  renames?: Record<string, string>;
  /** Path to jieba.dict.utf8; default: nodejieba's bundled dictionary. `false` disables containers. */
  jiebaDict?: string | false;
  /** Minimum jieba frequency of a container word. */
  minContainerFreq?: number;
  /** Generate pinyin forms (default true). */
  pinyin?: boolean;
};

const require = createRequire(import.meta.url);

export function defaultJiebaDictPath(): string {
  const main = require.resolve('nodejieba');
  return join(dirname(main), 'submodules', 'cppjieba', 'dict', 'jieba.dict.utf8');
}

// ---------------------------------------------------------------- fold tables

let foldCache: FoldData | undefined;

export function buildFoldData(): FoldData {
  if (foldCache) return foldCache;
  let nfkc = '';
  const expand: [string, string][] = [];
  for (let c = 0; c < 0x10000; c++) {
    if (c >= 0xd800 && c < 0xe000) continue;
    const s = String.fromCharCode(c);
    const n = s.normalize('NFKC');
    if (n === s) continue;
    if (n.length === 1) nfkc += s + n;
    else if (n.length <= 4 && /^[\x21-\x7e]+$/.test(n) && !/^[\x21-\x7e]/.test(s)) expand.push([s, n]);
  }
  const convert = OpenCC.Converter({ from: 'hk', to: 'cn' });
  const convert2 = OpenCC.Converter({ from: 'tw', to: 'cn' });
  let t2s = '';
  const ranges: [number, number][] = [
    [0x3400, 0x4dbf],
    [0x4e00, 0x9fff],
    [0xf900, 0xfaff],
  ];
  for (const [a, b] of ranges) {
    for (let c = a; c <= b; c++) {
      const s = String.fromCharCode(c);
      let t = convert(s);
      if (t === s) t = convert2(s);
      if (t !== s && t.length === 1) t2s += s + t;
    }
  }
  foldCache = { nfkc, t2s, expand };
  return foldCache;
}

// ---------------------------------------------------------------- pinyin forms

const COMMON_ENGLISH = new Set(
  (
    'bang bing dang ding dong fang gang hang hong long ming pang ping sang song tang tong wang yang zhang chang ' +
    'china chin change shine mine nine line fine pine dine wine bane cane lane mane pane sane wane hung lung ' +
    'pen ten men hen den yen zen fan man can ban pan tan van wan nan ran dan gang bin din fin gin kin pin sin tin ' +
    'shun gun nun pun run sun bun dun fun hun liu mao hao lao bao gao tao cao dao zhao shao ' +
    'seen ping pong dong ding bean mean lean shan shang shen sheng' 
  ).split(/\s+/),
);

function toneless(chars: string): string[] {
  return (pinyin(chars, { toneType: 'none', type: 'array' }) as string[]).map((p) => p.replace(/ü/g, 'v').toLowerCase());
}

const CJK = /^[\u3400-\u9fff]+$/;

/**
 * Pinyin forms of a trigger (lexicon-spec §3 step 5), for triggers of 2–4 CJK chars:
 * full toneless pinyin ("zuijia"), each char replaced by its pinyin ("zui佳", "最jia"),
 * and for 3-char triggers two adjacent chars replaced. Forms shorter than 4 chars and
 * all-Latin forms that are common English words are skipped. Longer triggers get none
 * (the evasion targets the sensitive short word inside them, which has its own forms).
 */
export function pinyinForms(term: string): string[] {
  if (!CJK.test(term) || term.length < 2 || term.length > 4) return [];
  const py = toneless(term);
  if (py.length !== term.length || py.some((p) => !/^[a-z]+$/.test(p))) return [];
  const chars = [...term];
  const out = new Set<string>();
  const add = (s: string): void => {
    if (s.length < 4) return;
    if (/^[a-z]+$/.test(s) && COMMON_ENGLISH.has(s)) return;
    out.add(s);
  };
  add(py.join(''));
  const n = chars.length;
  for (let i = 0; i < n; i++) add(chars.map((c, k) => (k === i ? py[k]! : c)).join(''));
  if (n === 3) for (let i = 0; i + 1 < n; i++) add(chars.map((c, k) => (k === i || k === i + 1 ? py[k]! : c)).join(''));
  return [...out];
}

/** toneless pinyin of a mixed string (CJK chars → pinyin, other chars kept). */
function mixedPinyin(s: string): string {
  let r = '';
  for (const ch of s) r += /[\u3400-\u9fff]/.test(ch) ? toneless(ch)[0] ?? ch : ch.toLowerCase();
  return r;
}

// ---------------------------------------------------------------- containers

const NEUTRAL_NEXT = new Set([...'次步天年批轮件个单期届集季章节课排层号场时回遍段点条页周月日近后初早终迟末']);

type ContainerResult = { containers: string[]; claimWords: string[] };

function deriveContainers(
  dictPath: string,
  triggerSet: Set<string>,
  termSet: Set<string>,
  positives: string[],
  minFreq: number,
): ContainerResult {
  const text = readFileSync(dictPath, 'utf8');
  const short = [...triggerSet].filter((t) => CJK.test(t) && t.length <= 3);
  if (short.length === 0) return { containers: [], claimWords: [] };
  const m = new Matcher(short);
  const dictWords = new Map<string, number>();
  for (const line of text.split('\n')) {
    const sp = line.indexOf(' ');
    if (sp <= 0) continue;
    const w = line.slice(0, sp);
    const f = Number.parseInt(line.slice(sp + 1), 10);
    dictWords.set(w, f);
  }
  const positiveText = positives.join('\n');
  const containers = new Set<string>();
  const claims = new Set<string>();
  for (const [w, freq] of dictWords) {
    if (w.length < 2 || w.length > 6 || !CJK.test(w) || termSet.has(w) || triggerSet.has(w)) continue;
    const hits = m.findAll(w);
    if (hits.length === 0) continue;
    let container = true;
    for (const h of hits) {
      const t = short[h.term]!;
      if (t.length === w.length) continue;
      // single-char triggers/anchors (最, 治): only frequent two-char words (最近, 政治)
      if (t.length === 1 && (w.length !== 2 || freq < 500)) {
        container = false;
        break;
      }
      if (h.start === 0) {
        const next = w[t.length]!;
        if (!NEUTRAL_NEXT.has(next) || w.length > t.length + 2) container = false;
      } else {
        const prefix = w.slice(0, h.start);
        if (prefix.length >= 2 && (dictWords.get(prefix) ?? 0) >= 3) container = false;
      }
    }
    if (container && (freq < minFreq || positiveText.includes(w))) container = false;
    if (container) containers.add(w);
    else if (freq >= minFreq) claims.add(w);
  }
  return { containers: [...containers].sort(), claimWords: [...claims].sort() };
}

// ---------------------------------------------------------------- generic variants

const CJK_CHAR = /[\u3400-\u9fff\uf900-\ufaff]/gu;
/** Separator/punctuation chars that carry no meaning of their own in a term. */
const SEPARATORS = /[\s·・•∙‧*_\-—–|/\\~^=#@&$`'".‘’“”﹏～丨〜,，。!！?？:：;；、…]/gu;

/**
 * Why a variant is too generic once normalised (printed as a warning, never fatal), or
 * undefined: it normalises to a trigger form much shorter than itself or to a one-char
 * trigger ("最·" → "最"), or to fewer than 2 CJK chars with nothing else to make it
 * specific ("顶", "📞"), or normalisation collapsed its CJK chars below 2.
 */
export function genericVariant(raw: string, nv: string, triggers: ReadonlySet<string>): string | undefined {
  if (!nv) return 'normalises to nothing';
  const rawLen = [...raw].length;
  const nvLen = [...nv].length;
  if (triggers.has(nv) && nv !== raw && (nvLen < 2 || nvLen * 2 <= rawLen)) {
    return `normalises to "${nv}", a much shorter / generic trigger form`;
  }
  const cjk = nv.match(CJK_CHAR)?.length ?? 0;
  const meaningful = [...nv.replace(SEPARATORS, '')].length;
  if (cjk < 2 && (meaningful < 2 || (raw.match(CJK_CHAR)?.length ?? 0) >= 2)) {
    return `normalises to "${nv}" (fewer than 2 CJK chars)`;
  }
  return undefined;
}

// ---------------------------------------------------------------- compile

export type CompileStats = {
  files: number;
  rules: number;
  triggers: number;
  variants: number;
  pinyinForms: number;
  patterns: number;
  terms: number;
  containers: number;
};

export function compileLexicon(
  files: readonly SourceFile[],
  opts: CompileOptions = {},
): { lexicon: CompiledLexicon; stats: CompileStats } {
  const parsed: { path: string; file: LexiconFile }[] = files.map((f) => ({
    path: f.path,
    file: parseLexiconFile(f.text, f.path),
  }));
  parsed.sort((a, b) => (a.file.category < b.file.category ? -1 : a.file.category > b.file.category ? 1 : 0));
  const renames = opts.renames ?? {};
  // ids unique across files; retired ids not in use; rename targets exist
  const where = new Map<string, string>();
  for (const { path, file } of parsed) {
    const base = path.split(/[\\/]/).pop() ?? path;
    if (base !== `${file.category}.json`)
      throw new LexiconError(`${path}: file name must be ${file.category}.json`, path, 1, 1, undefined);
    for (const r of file.rules) {
      const prev = where.get(r.id);
      if (prev !== undefined) {
        throw new LexiconError(`${path}: duplicate rule id ${r.id} (also in ${prev})`, path, undefined, undefined, r.id);
      }
      where.set(r.id, path);
    }
  }
  for (const [oldId, newId] of Object.entries(renames)) {
    const p = where.get(oldId);
    if (p !== undefined)
      throw new LexiconError(`${p}: rule id ${oldId} was renamed to ${newId} (renames.json)`, p, undefined, undefined, oldId);
    if (!where.has(newId))
      throw new LexiconError(`renames.json: target ${newId} of ${oldId} does not exist`, 'renames.json', undefined, undefined, oldId);
  }

  const fold = buildFoldData();
  const normalize = createNormalizer(fold);
  const norm = (s: string): string => normalize(s).text;

  const rules: CompiledRule[] = [];
  const termMap = new Map<string, { rules: Set<number>; kind: TermKind }>();
  const anchorMap = new Map<string, Set<number>>();
  const rank: Record<TermKind, number> = { trigger: 0, variant: 1, homophone: 2, pinyin: 3 };
  const addTerm = (raw: string, ri: number, kind: TermKind): void => {
    const t = norm(raw);
    if (!t || t.includes('\n')) return;
    const e = termMap.get(t);
    if (!e) termMap.set(t, { rules: new Set([ri]), kind });
    else {
      e.rules.add(ri);
      if (rank[kind] < rank[e.kind]) e.kind = kind;
    }
  };
  const stats: CompileStats = {
    files: parsed.length,
    rules: 0,
    triggers: 0,
    variants: 0,
    pinyinForms: 0,
    patterns: 0,
    terms: 0,
    containers: 0,
  };
  const triggerSet = new Set<string>();
  const positives: string[] = [];
  // normalised trigger → shortest raw spelling (for the generic-variant warning)
  const allTriggers = new Set<string>();
  for (const { file } of parsed) for (const r of file.rules) for (const t of r.triggers) allTriggers.add(norm(t));
  for (const { file } of parsed) {
    for (const r of [...file.rules].sort((a, b) => (a.id < b.id ? -1 : 1))) {
      const ri = rules.length;
      rules.push({
        id: r.id,
        category: file.category,
        severity: r.severity,
        status: r.status,
        legalBasis: r.legalBasis,
        explanation: r.explanation,
        channels: r.channels,
        onlyFor: r.onlyFor,
        notFor: r.notFor,
        exemptions: r.exemptions,
        patterns: r.patterns,
        anchors: [...new Set(r.anchors.map(norm).filter(Boolean))],
        requiresNearby: [...new Set(r.requiresNearby.map(norm).filter(Boolean))],
      });
      stats.rules++;
      for (const p of r.positive) positives.push(norm(p));
      const trig = r.triggers.map(norm);
      const trigPy = new Set(trig.filter((t) => CJK.test(t)).map(mixedPinyin));
      for (const t of r.triggers) {
        addTerm(t, ri, 'trigger');
        triggerSet.add(norm(t));
        stats.triggers++;
      }
      for (const v of r.variants) {
        const nv = norm(v);
        const why = genericVariant(v, nv, allTriggers);
        if (why) console.warn(`lexicon warning: ${r.id}: variant "${v}" ${why}`);
        let kind: TermKind = 'variant';
        if (trigPy.has(mixedPinyin(nv))) kind = /[a-z]/.test(nv) ? 'pinyin' : 'homophone';
        addTerm(v, ri, kind);
        triggerSet.add(nv);
        stats.variants++;
      }
      if (opts.pinyin !== false) {
        for (const t of trig) {
          for (const f of pinyinForms(t)) {
            addTerm(f, ri, 'pinyin');
            stats.pinyinForms++;
          }
        }
      }
      for (const a of r.anchors) {
        const na = norm(a);
        if (!na) continue;
        let s = anchorMap.get(na);
        if (!s) anchorMap.set(na, (s = new Set()));
        s.add(ri);
      }
      stats.patterns += r.patterns.length;
    }
  }
  const sortedTerms = [...termMap.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const termRule: number[] = [];
  const termRuleExtra: number[] = [];
  let termKinds = '';
  sortedTerms.forEach(([, e], i) => {
    const rs = [...e.rules].sort((x, y) => x - y);
    termRule.push(rs[0]!);
    for (const r of rs.slice(1)) termRuleExtra.push(i, r);
    termKinds += KIND_CHAR[e.kind];
  });
  const terms = sortedTerms.map(([t]) => t);
  stats.terms = terms.length;
  const anchors: [string, number[]][] = [...anchorMap.entries()]
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .map(([t, s]) => [t, [...s].sort((x, y) => x - y)]);

  let containers: string[] = [];
  let claimWords: string[] = [];
  const dictPath = opts.jiebaDict === undefined ? defaultJiebaDictPath() : opts.jiebaDict;
  if (dictPath !== false && existsSync(dictPath)) {
    const allTerms = new Set(termMap.keys());
    const r = deriveContainers(dictPath, triggerSet, allTerms, positives, opts.minContainerFreq ?? 50);
    containers = r.containers;
    claimWords = r.claimWords;
  }
  stats.containers = containers.length;

  const lexicon: CompiledLexicon = {
    formatVersion: FORMAT_VERSION,
    lexiconVersion: sourceHash(files, JSON.stringify(renames)),
    sources: parsed.map((p) => p.path.split(/[\\/]/).pop() ?? p.path).sort(),
    rules,
    termText: terms.join('\n'),
    termKinds,
    termRule,
    termRuleExtra,
    anchors,
    containers,
    claimWords,
    renames,
    fold,
  };
  // the analyzer's derived tables, so that loading (every service-worker start) need not rebuild them
  lexicon.prepared = encodePrepared(prepare(lexicon, buildTables(fold)));
  return { lexicon, stats };
}

export function compileLexiconDir(dir: string, opts: CompileOptions = {}): { lexicon: CompiledLexicon; stats: CompileStats } {
  const { files, renames } = readLexiconDir(dir);
  return compileLexicon(files, { ...opts, renames });
}

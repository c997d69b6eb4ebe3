/**
 * The analyzer: compiled lexicon in, `analyze(text, ctx) → Finding[]` out.
 * Pure and browser-safe (used by the background service worker and the CLI).
 */
import type { CompiledLexicon, CompiledRule, TermKind } from '../lexicon/compiled';
import {
  ALL_PRODUCT_CATEGORIES,
  clauseStart,
  EFFICACY_CATEGORIES,
  EFFICACY_WORDS,
  hasQualifier,
  HOME_PRODUCTS,
  inferProductCategory,
  isNegated,
  isQuestion,
  isReported,
  REGULATED,
  sentenceTable,
} from './context';
import { Matcher } from './matcher';
import { decodePrepared, entryTexts, mergeSorted, prepare } from './prepared';
import {
  buildTables,
  keepSymbols,
  FLAG_FULLWIDTH,
  FLAG_GAP,
  FLAG_TRAD,
  FLAG_VARIANT,
  NormalizerCore,
  outToString,
} from './normalize';
import type {
  AnalyzeContext,
  Analyzer,
  AnalyzerOptions,
  Evasion,
  Finding,
  FindingStatus,
  ProductCategory,
  Severity,
  SuppressedHit,
} from './types';

export { formatLegalBasis } from './types';
export type * from './types';
export { inferProductCategory } from './context';
export { createNormalizer } from './normalize';

const isHomeProduct = (category: CompiledRule['category'], pc: ProductCategory | undefined): boolean =>
  pc !== undefined && HOME_PRODUCTS[category]?.has(pc) === true;

const SEVERITY_ORDER: readonly Severity[] = ['info', 'low', 'medium', 'high', 'critical'];
const STATUS_RANK: Record<FindingStatus, number> = { suspected: 2, needs_facts: 1, exempt_candidate: 0 };

type RuleRt = {
  rule: CompiledRule;
  index: number;
  channels: Set<string>;
  onlyFor: Set<ProductCategory>;
  notFor: Set<ProductCategory>;
  readonly exemptions: { re: RegExp; effect: 'exempt_candidate' | 'needs_facts' | 'suppress'; reason: string }[];
  readonly patterns: RegExp[];
};

type Candidate = {
  r: number;
  s: number;
  e: number;
  kind: TermKind;
  status: FindingStatus;
  severity: number;
  /** original offsets when they cannot be derived from s/e (symbol path), else -1 */
  os: number;
  oe: number;
  /** An onlyFor rule kept only because the product category is unknown. */
  unknownOnlyFor?: boolean;
};

const KIND_BY_CHAR: TermKind[] = [];
KIND_BY_CHAR['t'.charCodeAt(0)] = 'trigger';
KIND_BY_CHAR['v'.charCodeAt(0)] = 'variant';
KIND_BY_CHAR['h'.charCodeAt(0)] = 'homophone';
KIND_BY_CHAR['p'.charCodeAt(0)] = 'pinyin';

const REGEX_SYNTAX = new Set([...'^$\\.*+?()[]{}|/']);

/** Fold the non-ASCII chars of a regex source like the normaliser folds text (，→, ！→!, 國→国). */
function normalizeRegexSource(src: string, fold: Uint16Array): string {
  let out = '';
  for (let i = 0; i < src.length; i++) {
    const c = src.charCodeAt(i);
    if (c < 0x80) {
      out += src[i];
      continue;
    }
    const f = fold[c] || c;
    const ch = String.fromCharCode(f);
    out += f < 0x80 && REGEX_SYNTAX.has(ch) ? `\\${ch}` : ch;
  }
  return out;
}

/**
 * A number written as a range reads like one number: every `[\d…]+` run of digits in a pattern also takes
 * "50—200", "5-8", "25~35", "3到5" (日赚50—200元, 一个月5-8cm), so rule authors need not spell ranges out.
 */
function withRanges(src: string): string {
  return src.replace(/\[\\d[^\]]*\]\+(?![?*+{])/g, (cls) => `${cls}(?:\\s?[-—–~～到至]\\s?${cls})?`);
}

function compileRegex(src: string, fold: Uint16Array): RegExp {
  try {
    return new RegExp(withRanges(normalizeRegexSource(src, fold)), 'gu');
  } catch {
    return new RegExp(src, 'gu');
  }
}

export function createAnalyzer(compiled: CompiledLexicon, opts: AnalyzerOptions = {}): Analyzer {
  const tables = buildTables(compiled.fold);
  const core = new NormalizerCore(tables);
  const cls = tables.cls;
  const T = compiled.termText.length ? compiled.termRule.length : 0;
  const A = compiled.anchors.length;
  let idTextCache: string[] | undefined;
  const idText = (): string[] => (idTextCache ??= entryTexts(compiled));
  // rules per term: first rule inline, extras in a side table
  const termRule = Int32Array.from(compiled.termRule);
  const extraRules = new Map<number, number[]>();
  for (let k = 0; k + 1 < compiled.termRuleExtra.length; k += 2) {
    const t = compiled.termRuleExtra[k]!;
    let l = extraRules.get(t);
    if (!l) extraRules.set(t, (l = []));
    l.push(compiled.termRuleExtra[k + 1]!);
  }
  const termKinds = compiled.termKinds;
  // The derived tables come from the artifact's snapshot when it fits (see prepared.ts), else are built now.
  // Three automata: the main one holds the terms without Latin letters, the anchors and the container
  // words; the Latin one (pinyin forms, vx, top1…: most of the term list) is built the first time a text
  // contains a Latin letter; the symbol one (💯有效, 加个🟢) the first time a text holds such a symbol.
  // Entry ids: terms 0..T-1, anchors T..T+A-1, containers T+A...
  const prep = decodePrepared(compiled.prepared, T + A + compiled.containers.length) ?? prepare(compiled, tables, idText());
  const { latinStart, latinEnd, latinTerms, symbolTerms } = prep;
  type Part = { matcher: Matcher; entryId: Int32Array };
  const buildPart = (termIds: Int32Array): Part => {
    const texts = idText();
    const entryId = mergeSorted(texts, termIds, []);
    return { matcher: new Matcher(Array.from(entryId, (id) => texts[id]!)), entryId };
  };
  const symbols = [...prep.symbols];
  // Terms written with emoji/symbols: the normaliser strips such symbols between words, so they are
  // matched on a normalisation that keeps them, run only when the text contains one of those symbols.
  const symbolRe = symbols.length
    ? new RegExp(`[${symbols.map((c) => c.replace(/[\\\]^-]/g, '\\$&')).join('')}]`, 'u')
    : undefined;
  let symbolPart: { part: Part; core: NormalizerCore } | undefined;
  const mainPart: Part = { matcher: new Matcher(prep.main), entryId: prep.mainEntryId };
  let latinPart: Part | undefined;
  const latinMatcher = (): Part => (latinPart ??= buildPart(latinTerms));
  const anchorRules = compiled.anchors.map((a) => a[1]);
  const rules: RuleRt[] = compiled.rules.map((rule, index) => {
    // regexes are compiled when a rule first gets a candidate (most rules never do in a session)
    let exemptions: RuleRt['exemptions'] | undefined;
    let patterns: RegExp[] | undefined;
    return {
      rule,
      index,
      channels: new Set(rule.channels),
      // an onlyFor that admits every category is no restriction
      onlyFor: ALL_PRODUCT_CATEGORIES.every((pc) => rule.onlyFor.includes(pc)) ? new Set() : new Set(rule.onlyFor),
      notFor: new Set(rule.notFor),
      get exemptions() {
        return (exemptions ??= rule.exemptions.map((e) => ({ re: compileRegex(e.pattern, tables.fold), effect: e.effect, reason: e.reason })));
      },
      get patterns() {
        return (patterns ??= rule.patterns.map((p) => compileRegex(p, tables.fold)));
      },
    };
  });
  const segment = opts.segment;
  let sStart = new Int32Array(256);
  let sEnd = new Int32Array(256);
  let suppressed: SuppressedHit[] = [];
  // the product title, normalised like the text (for requiresNearby); own scratch buffers
  let titleCore: NormalizerCore | undefined;
  let titleRaw: string | undefined;
  let titleNorm = '';
  const normalizedTitle = (title: string | undefined): string => {
    if (!title) return '';
    if (title !== titleRaw) {
      titleCore ??= new NormalizerCore(tables);
      const tn = titleCore.run(title);
      titleNorm = outToString(titleCore.out, 0, tn);
      titleRaw = title;
    }
    return titleNorm;
  };

  function analyze(text: string, ctx: AnalyzeContext): Finding[] {
    if (opts.debug) suppressed = [];
    const n = core.run(text);
    if (n === 0) return [];
    const out = core.out;
    const flags = core.flags;
    const cands: Candidate[] = [];
    let containers: number[] | undefined; // pairs s,e
    let anchorHits: number[] | undefined; // pairs rule, pos
    const collect = (part: Part): void => {
      const matcher = part.matcher;
      const hc = matcher.scan(out, n);
      if (hc === 0) return;
      const termLen = matcher.termLen;
      const hits = matcher.hits;
      const entryId = part.entryId;
      for (let k = 0; k < hc; k++) {
        const ent = hits[2 * k]!;
        const id = entryId[ent]!;
        const e = hits[2 * k + 1]!;
        const s = e - termLen[ent]!;
        // whole-token check: a Latin/digit edge must not continue a run of the same class
        // (letter→digit and digit→letter are boundaries: "zl" in "ZL2013", "vx" in "vx123")
        if (latinStart[id] && s > 0 && cls[out[s - 1]!] === latinStart[id] && !(flags[s]! & FLAG_GAP)) continue;
        if (latinEnd[id] && e < n && cls[out[e]!] === latinEnd[id] && !(flags[e]! & FLAG_GAP)) continue;
        if (id < T) {
          const kind = KIND_BY_CHAR[termKinds.charCodeAt(id)]!;
          cands.push({ r: termRule[id]!, s, e, kind, status: 'suspected', severity: 0, os: -1, oe: -1 });
          const more = extraRules.get(id);
          if (more) for (const r of more) cands.push({ r, s, e, kind, status: 'suspected', severity: 0, os: -1, oe: -1 });
        } else if (id < T + A) {
          anchorHits ??= [];
          for (const r of anchorRules[id - T]!) anchorHits.push(r, s);
        } else {
          (containers ??= []).push(s, e);
        }
      }
    };
    collect(mainPart);
    if (core.hasLatin && latinTerms.length) collect(latinMatcher());
    if (symbolRe && symbolRe.test(text)) {
      symbolPart ??= { part: buildPart(symbolTerms), core: new NormalizerCore(keepSymbols(tables, symbols)) };
      const sc = symbolPart.core;
      const n2 = sc.run(text);
      const m = symbolPart.part.matcher;
      const hc = m.scan(sc.out, n2);
      const srcStart = core.srcStart;
      for (let k = 0; k < hc; k++) {
        const ent = m.hits[2 * k]!;
        const id = symbolPart.part.entryId[ent]!;
        const e2 = m.hits[2 * k + 1]!;
        const s2 = e2 - m.termLen[ent]!;
        const os = sc.srcStart[s2]!;
        const oe = sc.srcEnd[e2 - 1]!;
        // the same span in the main normalisation (symbols stripped there)
        let s = 0;
        while (s < n && srcStart[s]! < os) s++;
        let e = s;
        while (e < n && srcStart[e]! < oe) e++;
        if (e <= s) {
          s = Math.min(s, n - 1);
          e = s + 1;
        }
        const kind = KIND_BY_CHAR[termKinds.charCodeAt(id)]!;
        cands.push({ r: termRule[id]!, s, e, kind, status: 'suspected', severity: 0, os, oe });
        const more = extraRules.get(id);
        if (more) for (const r of more) cands.push({ r, s, e, kind, status: 'suspected', severity: 0, os, oe });
      }
    }
    if (cands.length === 0 && !anchorHits) return [];
    const ns = outToString(out, 0, n);
    if (sStart.length < n + 1) {
      sStart = new Int32Array(2 * n + 16);
      sEnd = new Int32Array(2 * n + 16);
    }
    sentenceTable(ns, sStart, sEnd);
    const sentenceAt = (pos: number): [number, number] => {
      const p = pos < n ? pos : n - 1;
      return [sStart[p]!, sEnd[p]!];
    };
    // patterns, in sentences where an anchor occurs
    if (anchorHits) {
      const done = new Set<string>();
      for (let k = 0; k < anchorHits.length; k += 2) {
        const r = anchorHits[k]!;
        const [a, b] = sentenceAt(anchorHits[k + 1]!);
        const key = `${r}:${a}`;
        if (done.has(key)) continue;
        done.add(key);
        const sent = ns.slice(a, b);
        for (const re of rules[r]!.patterns) {
          re.lastIndex = 0;
          let m: RegExpExecArray | null;
          while ((m = re.exec(sent))) {
            if (m[0].length === 0) {
              re.lastIndex++;
              continue;
            }
            cands.push({ r, s: a + m.index, e: a + m.index + m[0].length, kind: 'trigger', status: 'suspected', severity: 0, os: -1, oe: -1 });
          }
        }
      }
    }
    if (cands.length === 0) return [];

    let productCategory: ProductCategory | undefined | null = ctx.productCategory ?? null;
    const category = (): ProductCategory | undefined => {
      if (productCategory === null) productCategory = inferProductCategory({ title: ctx.productTitle, text: ns });
      return productCategory;
    };
    let tokens: [number, number][] | undefined;
    const tokenRanges = (): [number, number][] => {
      if (!tokens) {
        tokens = [];
        if (segment) {
          let p = 0;
          for (const w of segment(ns)) {
            const idx = ns.indexOf(w, p);
            if (idx < 0) continue;
            tokens.push([idx, idx + w.length]);
            p = idx + w.length;
          }
        }
      }
      return tokens;
    };
    const suppress = (c: Candidate, reason: string): void => {
      if (opts.debug) {
        const start = core.srcStart[c.s]!;
        const end = core.srcEnd[c.e - 1]!;
        suppressed.push({ ruleId: rules[c.r]!.rule.id, start, end, match: text.slice(start, end), reason });
      }
    };

    const kept: Candidate[] = [];
    for (const c of cands) {
      const rt = rules[c.r]!;
      const rule = rt.rule;
      if (!rt.channels.has(ctx.channel)) {
        if (ctx.channel === 'comment') suppress(c, 'comment channel');
        continue;
      }
      let status: FindingStatus = rule.status;
      let sev = SEVERITY_ORDER.indexOf(rule.severity);
      if (rt.notFor.size || rt.onlyFor.size) {
        const pc = category();
        if (pc !== undefined && rt.notFor.has(pc)) {
          suppress(c, `notFor ${pc}`);
          continue;
        }
        if (rt.onlyFor.size) {
          if (pc === undefined) {
            if (status === 'suspected') status = 'needs_facts';
            c.unknownOnlyFor = true;
          } else if (!rt.onlyFor.has(pc)) {
            suppress(c, `onlyFor excludes ${pc}`);
            continue;
          }
        }
      }
      // container words (最近, 第一次, 政治)
      if (containers) {
        let inside = false;
        for (let k = 0; k < containers.length; k += 2) {
          const cs = containers[k]!;
          const ce = containers[k + 1]!;
          if (cs <= c.s && ce >= c.e && ce - cs > c.e - c.s) {
            if (segment) {
              // jieba must agree: the container occurrence is (inside) one word
              const toks = tokenRanges();
              if (toks.length && !toks.some(([a, b]) => a <= cs && b >= ce)) continue;
            }
            inside = true;
            break;
          }
        }
        if (inside) {
          suppress(c, 'inside an ordinary word');
          continue;
        }
      }
      const sent = sentenceAt(c.s);
      const [sa, sb] = sent;
      const sentence = ns.slice(sa, sb);
      if (
        rule.requiresNearby.length &&
        !rule.requiresNearby.some((w) => sentence.includes(w)) &&
        !rule.requiresNearby.some((w) => normalizedTitle(ctx.productTitle).includes(w)) &&
        // a rule limited to product categories (onlyFor) keeps its words as a guard within them
        !(rt.onlyFor.size === 0 && isHomeProduct(rule.category, category()))
      ) {
        suppress(c, 'requiresNearby not met');
        continue;
      }
      if (isNegated(ns, c.s, sa)) {
        suppress(c, 'negation');
        continue;
      }
      if (isReported(ns, c.s, c.e, sent)) {
        suppress(c, 'reported speech / regulation quoted');
        continue;
      }
      if (isQuestion(ns, c.s, c.e, sent)) {
        suppress(c, 'question');
        continue;
      }
      // exemptions: a match overlapping the hit applies its effect
      let effect: 'exempt_candidate' | 'needs_facts' | 'suppress' | undefined;
      let effectReason = '';
      const hs = c.s - sa;
      const he = c.e - sa;
      for (const ex of rt.exemptions) {
        ex.re.lastIndex = 0;
        let m: RegExpExecArray | null;
        while ((m = ex.re.exec(sentence))) {
          const ms = m.index;
          const me = ms + m[0].length;
          if (me === ms) {
            ex.re.lastIndex++;
            if (ms >= hs && ms <= he) break;
            continue;
          }
          if (ms < he && me > hs) break;
        }
        if (m) {
          if (ex.effect === 'suppress' || effect === undefined || (ex.effect === 'exempt_candidate' && effect === 'needs_facts')) {
            effect = ex.effect;
            effectReason = ex.reason;
          }
          if (effect === 'suppress') break;
        }
      }
      if (effect === 'suppress') {
        suppress(c, `exemption: ${effectReason}`);
        continue;
      }
      if (effect === 'exempt_candidate') status = 'exempt_candidate';
      else if (effect === 'needs_facts' && status === 'suspected') status = 'needs_facts';
      // severity modifiers (§4.5)
      const pc = ctx.productCategory ?? (REGULATED.size ? category() : undefined);
      if (pc !== undefined && REGULATED.has(pc)) {
        if (EFFICACY_CATEGORIES.has(rule.category) || (rule.category === 'absolute_terms' && EFFICACY_WORDS.test(sentence))) sev++;
      }
      if (ctx.channel === 'title') sev++;
      if (rule.category === 'absolute_terms' && hasQualifier(sentence)) {
        sev--;
        if (status === 'suspected') status = 'needs_facts';
      }
      if (sev > 4) sev = 4;
      if (sev < 1 && status === 'suspected') sev = 1;
      if (sev < 0) sev = 0;
      c.status = status;
      c.severity = sev;
      kept.push(c);
    }
    if (kept.length === 0) return [];
    // Unknown product category: an onlyFor hit is dropped when a rule without onlyFor
    // (a general rule) covers the same or an overlapping span; otherwise it stays at needs_facts.
    if (kept.some((c) => c.unknownOnlyFor)) {
      const general = kept.filter((c) => rules[c.r]!.onlyFor.size === 0);
      if (general.length) {
        let w = 0;
        for (const c of kept) {
          const cover = c.unknownOnlyFor ? general.find((g) => g.s < c.e && c.s < g.e) : undefined;
          if (cover) suppress(c, `onlyFor with unknown category, covered by ${rules[cover.r]!.rule.id}`);
          else kept[w++] = c;
        }
        kept.length = w;
      }
    }
    // merge overlapping hits of the same rule
    const oStart = (c: Candidate): number => (c.os >= 0 ? c.os : core.srcStart[c.s]!);
    const oEnd = (c: Candidate): number => (c.oe >= 0 ? c.oe : core.srcEnd[c.e - 1]!);
    kept.sort((x, y) => x.r - y.r || x.s - y.s || y.e - x.e);
    const merged: { c: Candidate; kinds: TermKind[]; start: number; end: number }[] = [];
    for (const c of kept) {
      const last = merged[merged.length - 1];
      if (last && last.c.r === c.r && c.s < last.c.e) {
        if (c.e > last.c.e) last.c.e = c.e;
        last.start = Math.min(last.start, oStart(c));
        last.end = Math.max(last.end, oEnd(c));
        if (STATUS_RANK[c.status] > STATUS_RANK[last.c.status]) last.c.status = c.status;
        if (c.severity > last.c.severity) last.c.severity = c.severity;
        last.kinds.push(c.kind);
      } else merged.push({ c: { ...c }, kinds: [c.kind], start: oStart(c), end: oEnd(c) });
    }
    const findings: Finding[] = [];
    for (const { c, kinds, start, end } of merged) {
      const rule = rules[c.r]!.rule;
      findings.push({
        ruleId: rule.id,
        category: rule.category,
        severity: SEVERITY_ORDER[c.severity]!,
        status: c.status,
        legalBasis: rule.legalBasis,
        explanation: rule.explanation,
        start,
        end,
        match: text.slice(start, end),
        normalized: ns.slice(c.s, c.e),
        evasion: evasionOf(kinds, flags, c.s, c.e),
      });
    }
    findings.sort((a, b) => a.start - b.start || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0));
    return findings;
  }

  return {
    analyze,
    lastSuppressed: () => suppressed,
  };
}

function evasionOf(kinds: TermKind[], flags: Uint8Array, s: number, e: number): Evasion | null {
  if (kinds.every((k) => k !== 'trigger')) {
    if (kinds.includes('pinyin')) return 'pinyin';
    if (kinds.includes('homophone')) return 'homophone';
    return 'variant';
  }
  let f = 0;
  for (let i = s; i < e; i++) f |= flags[i]! & ~(i === s ? FLAG_GAP : 0);
  if (f & FLAG_TRAD) return 'traditional';
  if (f & FLAG_GAP) return 'separator';
  if (f & FLAG_FULLWIDTH) return 'fullwidth';
  if (f & FLAG_VARIANT) return 'variant';
  return null;
}

/** clauseStart is re-exported for callers that highlight clauses. */
export { clauseStart };

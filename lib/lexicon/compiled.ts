/**
 * The compiled lexicon: a plain JSON object produced by compile.ts (Node) and
 * loaded by the analyzer in the browser and in the CLI. Browser-safe: no Zod,
 * no node: imports — only type imports from the source schema.
 */
import type { FoldData } from '../analyze/normalize';
import type {
  Category,
  Channel,
  FindingStatus,
  LegalBasis,
  ProductCategory,
  Severity,
} from './schema';

/** Bump when the shape of CompiledLexicon changes. */
export const FORMAT_VERSION = 5;

export type CompiledExemption = {
  pattern: string;
  effect: 'exempt_candidate' | 'needs_facts' | 'suppress';
  reason: string;
};

export type CompiledRule = {
  id: string;
  category: Category;
  severity: Severity;
  status: FindingStatus;
  legalBasis: LegalBasis[];
  explanation: { zh: string; en: string };
  channels: Channel[];
  onlyFor: ProductCategory[];
  notFor: ProductCategory[];
  exemptions: CompiledExemption[];
  /** Regex sources, tried (flags "gu") on the normalised sentence when an anchor occurs in it. */
  patterns: string[];
  /** Normalised anchors. */
  anchors: string[];
  /** Normalised context words; at least one must occur in the sentence. */
  requiresNearby: string[];
};

/** How a term entered the lexicon; non-"trigger" kinds are evasions. */
export type TermKind = 'trigger' | 'variant' | 'homophone' | 'pinyin';

/** [normalised text, rule indexes, kind] */
export type CompiledTerm = [string, number[], TermKind];

export type CompiledLexicon = {
  formatVersion: number;
  /** Short hex content hash of the sources (and the compiler revision). */
  lexiconVersion: string;
  /** Source file names (relative), sorted. */
  sources: string[];
  rules: CompiledRule[];
  /**
   * The term list (triggers, variants, generated pinyin forms), normalised, sorted by
   * code units, joined by "\n" — packed so that JSON.parse and load stay fast.
   * Use unpackTerms() for a readable view.
   */
  termText: string;
  /** One char per term: t trigger, v variant, h homophone, p pinyin. */
  termKinds: string;
  /** First rule index of each term. */
  termRule: number[];
  /** Extra rules of terms shared by several rules: flat pairs (termIndex, ruleIndex). */
  termRuleExtra: number[];
  /** [normalised anchor, rule indexes] */
  anchors: [string, number[]][];
  /** Ordinary words that contain a trigger and extend beyond it (jieba dictionary): 最近, 第一次, 政治. */
  containers: string[];
  /** Words containing a trigger that are themselves claims (never used to suppress). */
  claimWords: string[];
  /** rename map old id → new id (informational) */
  renames: Record<string, string>;
  /** Normaliser character tables. */
  fold: FoldData;
  /** The analyzer's derived tables (lib/analyze/prepared.ts), so that a load need not rebuild them. */
  prepared?: EncodedPrepared;
};

/** Snapshot of the analyzer's derived tables: typed arrays as little-endian base64. */
export type EncodedPrepared = {
  version: number;
  termCount: number;
  stateCount: number;
  symbols: string;
  arrays: Record<string, string>;
};

export class CompiledLexiconError extends Error {
  override name = 'CompiledLexiconError';
}

/** Check the shape and format version of a compiled lexicon (parsed JSON). */
export function loadCompiledLexicon(json: unknown): CompiledLexicon {
  if (typeof json === 'string') json = JSON.parse(json) as unknown;
  if (typeof json !== 'object' || json === null) throw new CompiledLexiconError('compiled lexicon is not an object');
  const o = json as Partial<CompiledLexicon>;
  if (o.formatVersion !== FORMAT_VERSION) {
    throw new CompiledLexiconError(
      `compiled lexicon format ${String(o.formatVersion)}, expected ${FORMAT_VERSION}: run npm run lexicon:compile`,
    );
  }
  if (
    !Array.isArray(o.rules) ||
    typeof o.termText !== 'string' ||
    typeof o.termKinds !== 'string' ||
    !Array.isArray(o.termRule) ||
    !Array.isArray(o.termRuleExtra) ||
    !Array.isArray(o.anchors) ||
    !Array.isArray(o.containers) ||
    typeof o.fold !== 'object' ||
    o.fold === null ||
    typeof o.lexiconVersion !== 'string'
  ) {
    throw new CompiledLexiconError('compiled lexicon is malformed: run npm run lexicon:compile');
  }
  return o as CompiledLexicon;
}

const KIND_BY_CHAR: Record<string, TermKind> = { t: 'trigger', v: 'variant', h: 'homophone', p: 'pinyin' };
export const KIND_CHAR: Record<TermKind, string> = { trigger: 't', variant: 'v', homophone: 'h', pinyin: 'p' };

/** Split the packed term list: term strings, kinds and rule lists. */
export function unpackTerms(c: CompiledLexicon): CompiledTerm[] {
  const texts = c.termText.length ? c.termText.split('\n') : [];
  const out: CompiledTerm[] = texts.map((t, i) => [t, [c.termRule[i]!], KIND_BY_CHAR[c.termKinds[i]!] ?? 'trigger']);
  for (let k = 0; k + 1 < c.termRuleExtra.length; k += 2) out[c.termRuleExtra[k]!]![1].push(c.termRuleExtra[k + 1]!);
  return out;
}

/**
 * Public types of the analyzer. Browser-safe: type-only imports from the schema
 * (erased at build time, so no Zod reaches the bundle).
 */
import type {
  Category,
  Channel,
  FindingStatus,
  LegalBasis,
  ProductCategory,
  Severity,
} from '../lexicon/schema';

export type { Category, Channel, FindingStatus, LegalBasis, ProductCategory, Severity };

export type AnalyzeContext = {
  channel: Channel;
  productCategory?: ProductCategory;
  productTitle?: string;
  price?: number;
};

export type Evasion = 'traditional' | 'separator' | 'homophone' | 'pinyin' | 'fullwidth' | 'variant';

export type Finding = {
  ruleId: string;
  category: Category;
  severity: Severity;
  status: FindingStatus;
  legalBasis: LegalBasis[];
  explanation: { zh: string; en: string };
  /** UTF-16 offsets into the ORIGINAL text, end exclusive. */
  start: number;
  end: number;
  /** original.slice(start, end) */
  match: string;
  /** The normalised form of the matched span. */
  normalized: string;
  evasion: Evasion | null;
};

/** A hit that was suppressed, only returned with `debug: true`. */
export type SuppressedHit = {
  ruleId: string;
  start: number;
  end: number;
  match: string;
  reason: string;
};

export type AnalyzerOptions = {
  /** Word segmentation (nodejieba cut in the CLI); refines container-word boundary decisions. */
  segment?: (text: string) => string[];
  /** Collect suppressed hits (see Analyzer.lastSuppressed). */
  debug?: boolean;
};

export type Analyzer = {
  analyze(text: string, ctx: AnalyzeContext): Finding[];
  /** Suppressed hits of the last analyze() call when created with debug: true. */
  lastSuppressed(): SuppressedHit[];
};

/** "广告法第9条第3项" */
export function formatLegalBasis(lb: LegalBasis | readonly LegalBasis[]): string {
  if (Array.isArray(lb)) return (lb as readonly LegalBasis[]).map((x) => formatLegalBasis(x)).join('；');
  const one = lb as LegalBasis;
  return `${one.law}第${one.article}条${one.item ? `第${one.item}项` : ''}`;
}

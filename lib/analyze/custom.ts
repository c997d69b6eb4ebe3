/**
 * The user's own terms (dashboard → lexicon): words a user or an inspector wants flagged beyond the
 * lexicon — a brand's new euphemism, a local slang for a banned claim. They are matched like lexicon
 * terms (the same normalisation: traditional characters, full-width forms, separators, case), point into
 * the original text, and are marked as what they are: the user's choice, not a legal determination
 * (status needs_facts, ruleId "custom:…", basis 广告法 4 and 28 — false or misleading advertising —
 * for someone to confirm). Viewer comments never count, as for lexicon rules. Pure and browser-safe.
 */
import type { FoldData } from './normalize';
import { createNormalizer } from './normalize';
import { Matcher } from './matcher';
import type { Category, Channel, Finding, Severity } from './types';

export interface CustomTerm {
  term: string;
  category: Category;
  severity: Severity;
}

export const MAX_CUSTOM_TERMS = 300;
export const CUSTOM_TERM_MIN = 2;
export const CUSTOM_TERM_MAX = 30;
const SEVERITIES: readonly Severity[] = ['info', 'low', 'medium', 'high', 'critical'];

export type CustomTermError = 'too_short' | 'too_long' | 'no_text' | 'duplicate' | 'category' | 'severity' | 'too_many';

/** Check a new term against the rules and the list so far; the term is kept as typed (trimmed). */
export function validateCustomTerm(
  input: { term: string; category: string; severity: string },
  existing: readonly CustomTerm[],
  fold: FoldData,
  categories: readonly string[],
): { ok: true; term: CustomTerm } | { ok: false; error: CustomTermError } {
  const term = input.term.trim();
  if (existing.length >= MAX_CUSTOM_TERMS) return { ok: false, error: 'too_many' };
  if ([...term].length < CUSTOM_TERM_MIN) return { ok: false, error: 'too_short' };
  if ([...term].length > CUSTOM_TERM_MAX) return { ok: false, error: 'too_long' };
  const normalize = createNormalizer(fold);
  const n = normalize(term).text;
  // at least two letters, digits or characters once separators and symbols are set aside
  if ((n.match(/[\p{L}\p{N}]/gu) ?? []).length < CUSTOM_TERM_MIN) return { ok: false, error: 'no_text' };
  if (existing.some((e) => normalize(e.term).text === n)) return { ok: false, error: 'duplicate' };
  if (!categories.includes(input.category)) return { ok: false, error: 'category' };
  if (!SEVERITIES.includes(input.severity as Severity)) return { ok: false, error: 'severity' };
  return { ok: true, term: { term, category: input.category as Category, severity: input.severity as Severity } };
}

/** A stable rule id for a term (the same term gives the same id across sessions and machines). */
export function customRuleId(term: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < term.length; i++) {
    h ^= term.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return `custom:${h.toString(16).padStart(8, '0')}`;
}

export type CustomAnalyzer = (text: string, channel: Channel) => Finding[];

/**
 * The analyzer for a list of terms, rebuilt only when the list's content changes (settings are read afresh
 * for every batch, so the same list arrives as a new array each time).
 */
export function customAnalyzerCache(fold: FoldData): (terms: readonly CustomTerm[]) => CustomAnalyzer {
  let key: string | undefined;
  let analyzer: CustomAnalyzer = () => [];
  return (terms) => {
    const k = JSON.stringify(terms);
    if (k !== key) {
      key = k;
      analyzer = createCustomAnalyzer(terms, fold);
    }
    return analyzer;
  };
}

/** Findings for the user's terms in `text` (none for comments, none when there are no terms). */
export function createCustomAnalyzer(terms: readonly CustomTerm[], fold: FoldData): CustomAnalyzer {
  if (terms.length === 0) return () => [];
  const normalize = createNormalizer(fold);
  const normTerms = terms.map((t) => normalize(t.term).text);
  const matcher = new Matcher(normTerms);
  return (text, channel) => {
    if (channel === 'comment' || !text) return [];
    const norm = normalize(text);
    const out: Finding[] = [];
    for (const hit of matcher.findAll(norm.text)) {
      const t = terms[hit.term]!;
      const start = norm.map[hit.start]!;
      const end = norm.mapEnd[hit.end - 1]!;
      out.push({
        ruleId: customRuleId(t.term),
        category: t.category,
        severity: t.severity,
        status: 'needs_facts',
        legalBasis: [
          { law: '广告法', article: '4' },
          { law: '广告法', article: '28' },
        ],
        explanation: {
          zh: `用户自定义词「${t.term}」：由使用者添加，是否违法需结合事实认定`,
          en: `User-defined term "${t.term}": added by the user; whether it is unlawful depends on the facts`,
        },
        start,
        end,
        match: text.slice(start, end),
        normalized: norm.text.slice(hit.start, hit.end),
        evasion: text.slice(start, end) === norm.text.slice(hit.start, hit.end) ? null : 'variant',
      });
    }
    return out;
  };
}

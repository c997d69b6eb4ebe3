/**
 * Runs the lexicon analyzer on the texts of stored events, with the product
 * card in force as context, and turns findings into evidence rows.
 */
import { customAnalyzerCache, type CustomTerm } from '../analyze/custom';
import { createAnalyzer, inferProductCategory } from '../analyze/index';
import type { CompiledLexicon } from '../lexicon/compiled';
import type { FindingRow } from '../evidence/db';
import { findingProduct, type AnalyzeFn, type TextToAnalyze } from '../evidence/store';

/**
 * `disabled` tells which categories the user switched off, `custom` the user's own terms (both read on every
 * call, so they can change; the custom matcher is rebuilt when the list changes).
 */
export function createEventAnalyzer(
  compiled: CompiledLexicon,
  disabled: () => readonly string[] = () => [],
  custom: () => readonly CustomTerm[] = () => [],
): AnalyzeFn {
  const analyzer = createAnalyzer(compiled);
  const customFor = customAnalyzerCache(compiled.fold);
  return ({ event, channel, text, product }: TextToAnalyze): FindingRow[] => {
    if (!text) return [];
    const productCategory = product ? inferProductCategory({ title: product.title }) : undefined;
    const findings = analyzer.analyze(text, {
      channel,
      ...(productCategory ? { productCategory } : {}),
      ...(product?.title ? { productTitle: product.title } : {}),
      ...(product?.price !== undefined ? { price: product.price } : {}),
    });
    findings.push(...customFor(custom())(text, channel));
    const off = disabled();
    return findings
      .filter((f) => f.status !== 'exempt_candidate' && !off.includes(f.category))
      .map((f) => ({
        id: `${event.id}:${channel}:${f.ruleId}:${f.start}`,
        sessionKey: event.sessionKey,
        eventId: event.id,
        observedAt: event.observedAt,
        channel,
        text,
        ruleId: f.ruleId,
        category: f.category,
        severity: f.severity,
        status: f.status,
        legalBasis: f.legalBasis,
        explanation: f.explanation,
        start: f.start,
        end: f.end,
        match: f.match,
        normalized: f.normalized,
        evasion: f.evasion,
        ...(product ? { product: findingProduct(product) } : {}),
        lexiconVersion: compiled.lexiconVersion,
      }));
  };
}

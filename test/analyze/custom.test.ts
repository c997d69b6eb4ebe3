/** The user's own terms (lib/analyze/custom.ts): validation, and matching that sees through evasions like the lexicon does. */
import { describe, expect, it } from 'vitest';
import { createCustomAnalyzer, customAnalyzerCache, customRuleId, MAX_CUSTOM_TERMS, validateCustomTerm, type CustomTerm } from '../../lib/analyze/custom';
import { realCompiled } from '../lexicon/real';

const fold = realCompiled().fold;
const CATS = ['absolute_terms', 'cosmetics_claims'];
const v = (term: string, existing: CustomTerm[] = [], category = 'cosmetics_claims', severity = 'medium') => validateCustomTerm({ term, category, severity }, existing, fold, CATS);

describe('validateCustomTerm', () => {
  it('accepts a term and keeps it as typed (trimmed)', () => {
    expect(v('  神仙水 ')).toEqual({ ok: true, term: { term: '神仙水', category: 'cosmetics_claims', severity: 'medium' } });
  });
  it('refuses what cannot be a useful term, with a reason the dashboard can show', () => {
    expect(v('神')).toEqual({ ok: false, error: 'too_short' });
    expect(v('神'.repeat(31))).toEqual({ ok: false, error: 'too_long' });
    expect(v('!!!?')).toEqual({ ok: false, error: 'no_text' });
    expect(v('神仙水', [], 'no_such_category')).toEqual({ ok: false, error: 'category' });
    expect(v('神仙水', [], 'cosmetics_claims', 'extreme')).toEqual({ ok: false, error: 'severity' });
    const many = Array.from({ length: MAX_CUSTOM_TERMS }, (_, i) => ({ term: `词${i}号`, category: 'absolute_terms' as const, severity: 'low' as const }));
    expect(v('神仙水', many)).toEqual({ ok: false, error: 'too_many' });
  });
  it('a term written another way (traditional, full-width, spaced) is the same term', () => {
    const existing: CustomTerm[] = [{ term: '神仙水', category: 'cosmetics_claims', severity: 'medium' }];
    expect(v('神 仙 水', existing)).toEqual({ ok: false, error: 'duplicate' });
    expect(v('ＶＩＰ价', [{ term: 'vip价', category: 'absolute_terms', severity: 'low' }])).toEqual({ ok: false, error: 'duplicate' });
  });
});

describe('createCustomAnalyzer', () => {
  const terms: CustomTerm[] = [
    { term: '神仙水', category: 'cosmetics_claims', severity: 'high' },
    { term: '冰点价', category: 'absolute_terms', severity: 'medium' },
  ];
  const analyze = createCustomAnalyzer(terms, fold);

  it('finds the terms with offsets into the original text, also when written to evade', () => {
    const text = '这瓶神·仙·水今天冰點價';
    const f = analyze(text, 'caption');
    expect(f.map((x) => [x.match, x.category, x.severity, x.status])).toEqual([
      ['神·仙·水', 'cosmetics_claims', 'high', 'needs_facts'],
      ['冰點價', 'absolute_terms', 'medium', 'needs_facts'],
    ]);
    for (const x of f) expect(text.slice(x.start, x.end)).toBe(x.match);
    expect(f[0]!.evasion).toBe('variant');
    expect(f[0]!.ruleId).toBe(customRuleId('神仙水'));
    expect(f[0]!.legalBasis.map((b) => b.article)).toEqual(['4', '28']);
    expect(f[0]!.explanation.zh).toContain('用户自定义词');
  });
  it('never counts viewer comments, and does nothing without terms', () => {
    expect(analyze('神仙水好用吗', 'comment')).toEqual([]);
    expect(createCustomAnalyzer([], fold)('神仙水', 'caption')).toEqual([]);
  });
});

describe('customAnalyzerCache', () => {
  it('rebuilds only when the terms change, not when the same list arrives as a new array', () => {
    const cache = customAnalyzerCache(fold);
    const a = cache([{ term: '神仙水', category: 'cosmetics_claims', severity: 'high' }]);
    expect(cache([{ term: '神仙水', category: 'cosmetics_claims', severity: 'high' }])).toBe(a);
    const b = cache([{ term: '冰点价', category: 'absolute_terms', severity: 'low' }]);
    expect(b).not.toBe(a);
    expect(b('冰点价', 'caption').map((f) => f.match)).toEqual(['冰点价']);
    expect(b('神仙水', 'caption')).toEqual([]);
  });
});

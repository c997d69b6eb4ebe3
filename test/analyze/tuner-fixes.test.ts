/**
 * Analyzer fixes reported by the lexicon tuner: unknown product category and onlyFor,
 * requiresNearby via the product title, clause-scoped question suppression, '%'
 * normalisation, Latin/digit token boundaries, compiler warnings for generic variants.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createAnalyzer, createNormalizer, inferProductCategory } from '../../lib/analyze/index';
import type { AnalyzeContext, Finding } from '../../lib/analyze/types';
import { buildFoldData, compileLexicon, type SourceFile } from '../../lib/lexicon/compile';
import type { RuleInput } from '../../lib/lexicon/schema';

const adv = ['caption', 'card', 'title', 'notice', 'overlay'] as const;
function rule(r: Partial<RuleInput> & Pick<RuleInput, 'id'>): RuleInput {
  return {
    severity: 'medium',
    legalBasis: [{ law: '广告法', article: '9' }],
    explanation: { zh: '测试', en: 'test' },
    channels: [...adv],
    positive: ['x'],
    negative: ['y'],
    sources: ['test fixture'],
    ...r,
  };
}
function sources(files: { category: string; rules: RuleInput[] }[]): SourceFile[] {
  return files.map((f) => ({
    path: `lexicons/${f.category}.json`,
    text: JSON.stringify({ category: f.category, title: { zh: f.category, en: f.category }, description: 'fixture', rules: f.rules }),
  }));
}

const files = [
  {
    category: 'efficacy_guarantee_general',
    rules: [
      rule({ id: 'eff.guarantee', triggers: ['保证有效'], notFor: ['health_food', 'drug'] }),
      rule({ id: 'eff.hundred', triggers: ['100%有效'] }),
      rule({ id: 'eff.all_cats', triggers: ['根治'], onlyFor: [] }),
    ],
  },
  {
    category: 'health_food_claims',
    rules: [
      rule({ id: 'hf.guarantee', triggers: ['保证有效', '根治湿疹'], onlyFor: ['health_food'] }),
      rule({ id: 'hf.alone', triggers: ['增强免疫力'], onlyFor: ['health_food'] }),
    ],
  },
  {
    category: 'medical_claims_nonmedical',
    rules: [rule({ id: 'med.sugar', triggers: ['降血糖'], requiresNearby: ['茶'] })],
  },
  {
    category: 'fake_data_sales',
    rules: [
      rule({ id: 'fake.weight', triggers: ['掉10斤'] }),
      rule({
        id: 'fake.rate',
        anchors: ['好评率'],
        patterns: ['好评率\\d+%'],
      }),
    ],
  },
  {
    category: 'patent_certification',
    rules: [rule({ id: 'pat.zl', triggers: ['zl'] }), rule({ id: 'pat.top1', triggers: ['top1'] })],
  },
];

const analyzer = createAnalyzer(compileLexicon(sources(files), { jiebaDict: false, pinyin: false }).lexicon);
const caption: AnalyzeContext = { channel: 'caption' };
const run = (t: string, ctx: AnalyzeContext = caption): Finding[] => analyzer.analyze(t, ctx);
const ids = (t: string, ctx?: AnalyzeContext): string[] => run(t, ctx).map((f) => f.ruleId).sort();

describe('1. unknown product category and onlyFor', () => {
  it('drops an onlyFor hit covered by a general rule', () => {
    expect(ids('这个保证有效')).toEqual(['eff.guarantee']);
  });
  it('a rule with empty onlyFor counts as general (overlapping span)', () => {
    expect(ids('可以根治湿疹')).toEqual(['eff.all_cats']);
  });
  it('keeps an uncovered onlyFor hit at needs_facts', () => {
    const f = run('能增强免疫力');
    expect(f.map((x) => [x.ruleId, x.status])).toEqual([['hf.alone', 'needs_facts']]);
  });
  it('known category: onlyFor applies as before', () => {
    expect(ids('这个保证有效', { ...caption, productCategory: 'health_food' })).toEqual(['hf.guarantee']);
  });
  it('title words: tea → ordinary_food, medical services → medical_device', () => {
    expect(inferProductCategory({ title: '罗汉果甘草清莹茶' })).toBe('ordinary_food');
    expect(inferProductCategory({ title: '玫瑰花茶' })).toBe('ordinary_food');
    expect(inferProductCategory({ title: '澄迈恒昇医院（医疗服务）' })).toBe('medical_device');
    expect(inferProductCategory({ title: '激光脱毛（医美）' })).toBe('medical_device');
    expect(inferProductCategory({ title: '整形手术' })).toBe('medical_device');
    expect(inferProductCategory({ title: '社区诊所挂号' })).toBe('medical_device');
    expect(inferProductCategory({ title: '口腔门诊洁牙' })).toBe('medical_device');
  });
});

describe('2. requiresNearby via the product title', () => {
  it('title satisfies requiresNearby', () => {
    expect(ids('每天一杯能降血糖')).toEqual([]);
    expect(ids('每天一杯能降血糖', { ...caption, productTitle: '苦瓜桑叶茶' })).toEqual(['med.sugar']);
  });
});

describe('3. question suppression is clause-scoped', () => {
  it('an earlier clause of a question sentence still flags', () => {
    expect(ids('一个月掉10斤肉，这还不直观吗？')).toEqual(['fake.weight']);
  });
  it('the clause with the question cue is still suppressed', () => {
    expect(ids('真的能掉10斤？')).toEqual([]);
    expect(ids('大家说，一个月能掉10斤吗？')).toEqual([]);
  });
});

describe('4. % is kept consistently', () => {
  const norm = createNormalizer(buildFoldData());
  it('between a digit and Chinese text, full width folded', () => {
    expect(norm('100%有效').text).toBe('100%有效');
    expect(norm('100％有效').text).toBe('100%有效');
    expect(norm('涨了10%。').text).toBe('涨了10%。');
  });
  it('terms and patterns with % match mid-sentence', () => {
    expect(ids('真的100％有效的')).toContain('eff.hundred');
    expect(ids('好评率99%的好物')).toContain('fake.rate');
  });
});

describe('5. Latin terms next to digits', () => {
  it('letter→digit and digit→letter are token boundaries', () => {
    expect(ids('专利号ZL2013')).toEqual(['pat.zl']);
    expect(ids('编号2013zl')).toEqual(['pat.zl']);
  });
  it('same-class neighbours still reject', () => {
    expect(ids('xzlx')).toEqual([]);
    expect(ids('top10的榜单')).toEqual([]);
    expect(ids('榜单top1')).toEqual(['pat.top1']);
  });
});

describe('6. compiler warns about generic variants', () => {
  afterEach(() => vi.restoreAllMocks());
  it('warns (does not fail) for a variant equal to a short trigger or < 2 CJK chars', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const src = sources([
      {
        category: 'absolute_terms',
        rules: [
          rule({ id: 'abs.a', triggers: ['最', '最佳效果'], variants: ['最·', '顶'] }),
          rule({ id: 'abs.b', triggers: ['国家级'], variants: ['國家級產品'] }),
        ],
      },
    ]);
    expect(() => compileLexicon(src, { jiebaDict: false, pinyin: false })).not.toThrow();
    const msgs = warn.mock.calls.map((c) => String(c[0]));
    expect(msgs.some((m) => m.includes('abs.a') && m.includes('最·'))).toBe(true);
    expect(msgs.some((m) => m.includes('abs.a') && m.includes('顶'))).toBe(true);
    expect(msgs.some((m) => m.includes('abs.b'))).toBe(false);
  });
});

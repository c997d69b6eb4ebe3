/** A few checks against the real compiled lexicon (whatever lexicons/*.json exist). */
import { describe, expect, it } from 'vitest';
import { createAnalyzer } from '../../lib/analyze/index';
import type { AnalyzeContext } from '../../lib/analyze/types';
import { realCompiled, realFiles } from '../lexicon/real';

const has = realFiles().some((f) => f.name === 'absolute_terms.json');
const caption: AnalyzeContext = { channel: 'caption' };

describe.skipIf(!has)('real lexicon', () => {
  const analyzer = createAnalyzer(realCompiled());
  const cats = (t: string, ctx = caption): string[] => [
    ...new Set(
      analyzer
        .analyze(t, ctx)
        .filter((f) => f.status !== 'exempt_candidate')
        .map((f) => f.category),
    ),
  ];

  it('flags plain and evasive absolute terms, pointing into the original', () => {
    expect(cats('这款是国家级产品')).toContain('absolute_terms');
    const f = analyzer.analyze('這款是國家級產品', caption).find((x) => x.category === 'absolute_terms')!;
    expect(f.match).toMatch(/^國家級/);
    expect(f.evasion).toBe('traditional');
    const g = analyzer.analyze('这款是国·家·级产品', caption).find((x) => x.category === 'absolute_terms')!;
    expect(g.match).toMatch(/^国·家·级/);
  });
  it('ordinary words, negation and comments stay quiet', () => {
    expect(cats('第一次来直播间的宝宝点点关注')).toEqual([]);
    expect(cats('最近天气冷了')).toEqual([]);
    expect(cats('这款是国家级产品', { channel: 'comment' })).toEqual([]);
  });
  it('every finding has a legal basis and an explanation', () => {
    for (const f of analyzer.analyze('全网最低价，国家级品质，唯一的选择', caption)) {
      expect(f.legalBasis.length).toBeGreaterThan(0);
      expect(f.explanation.zh.length).toBeGreaterThan(0);
    }
  });
  it('a rule that needs a context word has it when the product on the card is what the rule is about', () => {
    // "不过免费重读" names no exam or course; said while a course is on the card it is a pass guarantee
    const course: AnalyzeContext = { channel: 'caption', productTitle: '2026教师资格证笔试网课 全程班' };
    expect(cats('一次通过，不过免费重读', course)).toContain('education_promises');
    expect(cats('一次通过，不过免费重读', { channel: 'caption', productCategory: 'education' })).toContain('education_promises');
    // the same words while a pan is on the card say nothing about an exam
    expect(cats('一次通过，不过免费重读', { channel: 'caption', productCategory: 'general_goods' })).toEqual([]);
  });
  it('statutes, rules and definitions read out are not claims; a prohibition after the claim does not excuse it', () => {
    expect(cats('禁止利用互联网发布烟草（含电子烟）广告。', { channel: 'notice' })).toEqual([]);
    expect(cats('兽药广告中不得含有“最高技术”“包治百病”等绝对化的表示。', { channel: 'notice' })).toEqual([]);
    expect(cats('保健食品不是药品，没有治疗作用，不能代替药物治疗疾病。', { channel: 'notice' })).toEqual([]);
    // a host's own claim stays a claim, whatever follows it
    expect(cats('这是最好的面霜，禁止转卖')).toContain('absolute_terms');
    expect(cats('好得不得了，这是最好的面霜')).toContain('absolute_terms');
  });
  it('numbers written as ranges are read like single numbers in patterns', () => {
    expect(cats('网络兼职日赚50—200元，工资日结')).toContain('financial_promises');
    expect(cats('网络兼职日赚200元')).toContain('financial_promises');
  });
  it('unsourced figures need facts; the same figure with its source does not', () => {
    const f = analyzer.analyze('高产王，亩产可达2400斤', caption);
    expect(f.map((x) => x.ruleId)).toEqual(expect.arrayContaining(['agri.yield_figure', 'data.unsourced_figure']));
    expect(f.every((x) => x.status === 'needs_facts')).toBe(true);
    expect(cats('据国家统计局数据，今年全国粮食单产每亩387公斤', { channel: 'notice' })).toEqual([]);
  });
});

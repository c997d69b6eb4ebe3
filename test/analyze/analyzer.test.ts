import { describe, expect, it } from 'vitest';
import { createAnalyzer, formatLegalBasis } from '../../lib/analyze/index';
import type { AnalyzeContext, Finding } from '../../lib/analyze/types';
import { fixtureCompiled } from './fixture';

const analyzer = createAnalyzer(fixtureCompiled(), { debug: true });
const caption: AnalyzeContext = { channel: 'caption' };
const run = (t: string, ctx: AnalyzeContext = caption): Finding[] => analyzer.analyze(t, ctx);
const ids = (t: string, ctx?: AnalyzeContext): string[] => run(t, ctx).map((f) => f.ruleId);

function only(t: string, ruleId: string, ctx?: AnalyzeContext): Finding {
  const f = run(t, ctx).filter((x) => x.ruleId === ruleId);
  expect(f, `${t}: ${ruleId}`).toHaveLength(1);
  const x = f[0]!;
  expect(t.slice(x.start, x.end)).toBe(x.match);
  return x;
}

describe('findings point into the original text', () => {
  it('plain', () => {
    const f = only('这款是最好的', 'abs.zui_superlative');
    expect([f.start, f.end, f.match, f.evasion]).toEqual([3, 5, '最好', null]);
    expect(f.status).toBe('suspected');
    expect(formatLegalBasis(f.legalBasis)).toBe('广告法第9条第3项；广告法第57条');
  });
  it('traditional', () => {
    const f = only('這是國家級產品', 'abs.state_level');
    expect([f.match, f.normalized, f.evasion]).toEqual(['國家級', '国家级', 'traditional']);
  });
  it('full width ｖｘ', () => {
    const f = only('快加ｖｘ领券', 'off.add_wechat');
    expect([f.start, f.end, f.match, f.normalized]).toEqual([1, 4, '加ｖｘ', '加vx']);
    expect(f.evasion).not.toBeNull();
  });
  it('separators: 最.好 / 加 微 信 / 最❤好 / emoji', () => {
    expect(only('这款最.好', 'abs.zui_superlative').match).toBe('最.好');
    const w = only('大家 加 微 信 领券', 'off.add_wechat');
    expect([w.match, w.evasion]).toEqual(['加 微 信', 'separator']);
    expect(only('这个最❤好', 'abs.zui_superlative').evasion).toBe('separator');
    const e = only('🔥🔥这个最😀好', 'abs.zui_superlative');
    expect(e.match).toBe('最😀好');
  });
  it('circled and financial digits', () => {
    expect(only('销量第①', 'abs.first_only').match).toBe('第①');
    expect(only('销量第壹', 'abs.first_only').match).toBe('第壹');
    expect(ids('top10的榜单')).not.toContain('abs.first_only');
    expect(only('TOP1', 'abs.first_only').match).toBe('TOP1');
  });
  it('pinyin: zui di jia / zui佳 / homophone 醉佳', () => {
    const a = only('全网 zui di jia 哦', 'abs.zui_superlative');
    expect([a.match, a.evasion]).toEqual(['zui di jia', 'pinyin']);
    const b = only('这个zui佳', 'abs.zui_superlative');
    expect([b.match, b.evasion]).toEqual(['zui佳', 'pinyin']);
    expect(only('醉佳选择', 'abs.zui_superlative').evasion).toBe('homophone');
    expect(ids('xzuijiax')).toEqual([]);
  });
  it('does not join across 。', () => {
    expect(ids('这是最。好的')).toEqual([]);
  });
});

describe('context', () => {
  it('container words: 最近 / 最后 / 第一次 / 第一步', () => {
    expect(ids('最近很火')).toEqual([]);
    expect(ids('最后一天')).toEqual([]);
    expect(ids('第一次来直播间的宝宝')).toEqual([]);
    expect(ids('第一步先洗脸')).toEqual([]);
    expect(ids('销量第一')).toEqual(['abs.first_only']);
  });
  it('jieba segmentation can veto a container decision', () => {
    const vetoing = createAnalyzer(fixtureCompiled(), { segment: (s) => [...s] });
    expect(vetoing.analyze('第一次来', caption).map((f) => f.ruleId)).toEqual(['abs.first_only']);
    const agreeing = createAnalyzer(fixtureCompiled(), { segment: (s) => s.split(/(第一次)/).filter(Boolean) });
    expect(agreeing.analyze('第一次来', caption)).toEqual([]);
  });
  it('negation, regulations read aloud, reported speech', () => {
    expect(ids('我们不说最好')).toEqual([]);
    expect(ids('广告法规定不能说最好')).toEqual([]);
    expect(ids('有人说这是最好的')).toEqual([]);
    expect(ids('不是最好，是唯一')).toEqual(['abs.first_only']);
    expect(ids('不管怎么样，这就是最好的')).toEqual(['abs.zui_superlative']);
    expect(analyzer.lastSuppressed()).toEqual([]);
    ids('我们不说最好');
    expect(analyzer.lastSuppressed()[0]?.reason).toBe('negation');
  });
  it('questions', () => {
    expect(ids('这是最好的吗？')).toEqual([]);
    expect(ids('是不是全网最低价')).toEqual([]);
    expect(ids('这是最好的？')).toEqual([]);
    expect(ids('这款呢，是最好的')).toEqual(['abs.zui_superlative']);
  });
  it('comment channel yields nothing unless the rule lists comment', () => {
    expect(ids('这款是最好的', { channel: 'comment' })).toEqual([]);
    expect(ids('包治百病', { channel: 'comment' })).toEqual(['med.comment_visible']);
    expect(ids('这款是最好的', { channel: 'title' })).toEqual(['abs.zui_superlative']);
  });
  it('exemptions: suppress, exempt_candidate, needs_facts', () => {
    expect(ids('敏感肌最好先试用')).toEqual([]);
    expect(only('最佳赏味期是三个月', 'abs.zui_superlative').status).toBe('exempt_candidate');
    expect(only('国家级非物质文化遗产', 'abs.state_level').status).toBe('needs_facts');
  });
  it('qualifier: needs_facts and severity −1', () => {
    const f = only('据2024年天猫类目数据，销量第一', 'abs.first_only');
    expect(f.status).toBe('needs_facts');
    expect(f.severity).toBe('low');
    // a qualifier in another sentence does not license the claim
    expect(only('2024年的数据。销量第一', 'abs.first_only').status).toBe('suspected');
  });
  it('requiresNearby', () => {
    expect(ids('吃了能降血糖')).toEqual(['med.lower_sugar']);
    expect(ids('降血糖')).toEqual([]);
  });
  it('onlyFor / notFor and product category', () => {
    expect(ids('吃了能降血糖', { channel: 'caption', productCategory: 'drug' })).toEqual([]);
    expect(only('能治愈', 'hf.cure').status).toBe('needs_facts'); // unknown category: still runs
    expect(only('能治愈', 'hf.cure', { channel: 'caption', productCategory: 'health_food' }).status).toBe('suspected');
    expect(ids('能治愈', { channel: 'caption', productCategory: 'cosmetics' })).toEqual([]);
    expect(only('能治愈', 'hf.cure', { channel: 'caption', productTitle: '某某牌蛋白粉 国食健注G20200001' }).status).toBe(
      'suspected',
    );
  });
  it('severity +1 for efficacy claims on regulated products, capped', () => {
    expect(only('吃了能降血糖', 'med.lower_sugar').severity).toBe('high');
    expect(only('吃了能降血糖', 'med.lower_sugar', { channel: 'caption', productCategory: 'health_food' }).severity).toBe(
      'critical',
    );
    expect(only('包治百病', 'med.comment_visible', { channel: 'caption', productCategory: 'health_food' }).severity).toBe(
      'critical',
    );
  });
  it('same span, different categories both fire; same rule overlaps merge', () => {
    expect(ids('全网最低价').sort()).toEqual(['abs.zui_superlative', 'price.lowest_whole_net']);
    const m = run('最好最佳').filter((f) => f.ruleId === 'abs.zui_superlative');
    expect(m).toHaveLength(2);
    const merged = run('最低价最强').filter((f) => f.ruleId === 'abs.zui_superlative');
    expect(merged.length).toBeGreaterThan(0);
  });
  it('patterns run only where an anchor occurs', () => {
    const f = only('原价199元，今天99', 'price.original_price');
    expect([f.match, f.status]).toEqual(['原价199元', 'needs_facts']);
    expect(ids('价格199元')).toEqual([]);
  });
  it('empty and long inputs', () => {
    expect(run('')).toEqual([]);
    const long = `${'今天天气很好，'.repeat(5000)}这款是最好的`;
    const f = only(long, 'abs.zui_superlative');
    expect(f.start).toBe(long.length - 3);
  });
});

describe('terms written with emoji', () => {
  it('a lexicon term containing an emoji matches even though emoji are separators elsewhere', async () => {
    const { compileLexicon } = await import('../../lib/lexicon/compile');
    const { fixtureSources } = await import('./fixture');
    const src = fixtureSources();
    const off = JSON.parse(src.find((s) => s.path.endsWith('off_platform_inducement.json'))!.text) as {
      rules: { variants: string[] }[];
    };
    off.rules[0]!.variants.push('💯有效', '加个🟢');
    const i = src.findIndex((s) => s.path.endsWith('off_platform_inducement.json'));
    src[i]!.text = JSON.stringify(off);
    const a = createAnalyzer(compileLexicon(src, { jiebaDict: false }).lexicon);
    const f = a.analyze('这款减肥茶💯有效', caption);
    expect(f.map((x) => [x.ruleId, x.match])).toEqual([['off.add_wechat', '💯有效']]);
    expect(a.analyze('你们加个🟢吧', caption).map((x) => x.match)).toEqual(['加个🟢']);
    // emoji still act as separators for other terms
    expect(a.analyze('这个最😀好', caption).map((x) => x.match)).toEqual(['最😀好']);
  });
});

/** A small fixture lexicon (independent of the authors' files) and a cached compiled analyzer. */
import { compileLexicon, type SourceFile } from '../../lib/lexicon/compile';
import type { CompiledLexicon } from '../../lib/lexicon/compiled';
import type { RuleInput } from '../../lib/lexicon/schema';

const lb9 = [{ law: '广告法', article: '9', item: '3' }, { law: '广告法', article: '57' }];
const adv = ['caption', 'card', 'title', 'notice', 'overlay'] as const;

function rule(r: Partial<RuleInput> & Pick<RuleInput, 'id'>): RuleInput {
  return {
    severity: 'medium',
    legalBasis: lb9,
    explanation: { zh: '绝对化用语', en: 'absolute term' },
    channels: [...adv],
    positive: ['x'],
    negative: ['y'],
    sources: ['test fixture'],
    ...r,
  };
}

export const fixtureFiles: { category: string; rules: RuleInput[] }[] = [
  {
    category: 'absolute_terms',
    rules: [
      rule({
        id: 'abs.zui_superlative',
        triggers: ['最好', '最佳', '最低价', '最强'],
        variants: ['醉佳', '罪好'],
        exemptions: [
          { pattern: '最好(先|还是|别|不要|提前)', effect: 'suppress', reason: '建议' },
          { pattern: '最佳(赏味|食用|饮用|使用)(期|时间|温度|方法)', effect: 'exempt_candidate', reason: '指南6(2) 消费提示' },
        ],
        positive: ['这款是最好的', '全网最低价'],
        negative: ['最好先试用', '最近很火'],
      }),
      rule({
        id: 'abs.first_only',
        triggers: ['第一', '唯一'],
        variants: ['第1', 'no.1', 'top1'],
        positive: ['销量第一', '唯一的选择'],
        negative: ['第一次来直播间'],
      }),
      rule({
        id: 'abs.state_level',
        triggers: ['国家级'],
        severity: 'high',
        exemptions: [{ pattern: '国家级非物质文化遗产|国家级非遗', effect: 'needs_facts', reason: '指南6(5) 荣誉' }],
        positive: ['国家级产品'],
        negative: ['普通产品'],
      }),
    ],
  },
  {
    category: 'price_fraud',
    rules: [
      rule({
        id: 'price.lowest_whole_net',
        triggers: ['全网最低价'],
        severity: 'high',
        legalBasis: [{ law: '明码标价和禁止价格欺诈规定', article: '19' }],
        explanation: { zh: '无依据的最低价宣称', en: 'unfounded lowest-price claim' },
        positive: ['全网最低价'],
        negative: ['价格很低'],
      }),
      rule({
        id: 'price.original_price',
        patterns: ['原价\\d+(?:\\.\\d+)?元?'],
        anchors: ['原价'],
        severity: 'medium',
        status: 'needs_facts',
        legalBasis: [{ law: '明码标价和禁止价格欺诈规定', article: '19' }],
        explanation: { zh: '原价需核实', en: 'original price needs verification' },
        positive: ['原价199'],
        negative: ['价格199'],
      }),
    ],
  },
  {
    category: 'off_platform_inducement',
    rules: [
      rule({
        id: 'off.add_wechat',
        triggers: ['加微信'],
        variants: ['加薇信', '加威信', '加v信', '加vx', '+vx', '➕v'],
        severity: 'high',
        legalBasis: [{ law: '网络直播营销管理办法', article: '18' }],
        explanation: { zh: '诱导站外交易', en: 'off-platform inducement' },
        positive: ['加微信领券'],
        negative: ['微信支付'],
      }),
    ],
  },
  {
    category: 'medical_claims_nonmedical',
    rules: [
      rule({
        id: 'med.lower_sugar',
        triggers: ['降血糖'],
        requiresNearby: ['吃', '喝', '用'],
        severity: 'high',
        legalBasis: [{ law: '广告法', article: '17' }],
        explanation: { zh: '非药品宣称疗效', en: 'medical claim for non-drug' },
        notFor: ['drug'],
        positive: ['吃了能降血糖'],
        negative: ['降血糖药物'],
      }),
      rule({
        id: 'med.comment_visible',
        triggers: ['包治百病'],
        severity: 'critical',
        legalBasis: [{ law: '广告法', article: '17' }],
        explanation: { zh: '包治百病', en: 'cures all' },
        channels: ['caption', 'comment'],
        positive: ['包治百病'],
        negative: ['治病'],
      }),
    ],
  },
  {
    category: 'health_food_claims',
    rules: [
      rule({
        id: 'hf.cure',
        triggers: ['治愈'],
        severity: 'high',
        legalBasis: [{ law: '广告法', article: '18' }],
        explanation: { zh: '保健食品宣称治愈', en: 'health food cure claim' },
        onlyFor: ['health_food', 'ordinary_food'],
        positive: ['能治愈'],
        negative: ['自愈'],
      }),
    ],
  },
];

export function fixtureSources(): SourceFile[] {
  return fixtureFiles.map((f) => ({
    path: `lexicons/${f.category}.json`,
    text: JSON.stringify({
      category: f.category,
      title: { zh: f.category, en: f.category },
      description: 'fixture',
      rules: f.rules,
    }),
  }));
}

let cached: CompiledLexicon | undefined;
export function fixtureCompiled(): CompiledLexicon {
  cached ??= compileLexicon(fixtureSources()).lexicon;
  return cached;
}

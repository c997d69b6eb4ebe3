/**
 * Context model (lexicon-spec §4): sentences and clauses, product-category
 * inference, negation / reported speech / questions, qualifiers. Pure and browser-safe.
 * All functions work on NORMALISED text (see normalize.ts): full-width
 * punctuation is already folded (！→!, ？→?, ；→;, ，→,, ：→:).
 */
import { PRODUCT_CATEGORIES } from '../lexicon/constants';
import type { Category, ProductCategory } from './types';

function isAlnumCode(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a);
}

/** Is position i of `s` a sentence boundary? 。!?;\n…, ASR pause (two spaces), '.' unless inside "9.9"/"no.1". */
export function isSentenceEnd(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  switch (c) {
    case 0x3002: // 。
    case 0x21: // !
    case 0x3f: // ?
    case 0x3b: // ;
    case 0x0a:
    case 0x0d:
    case 0x2026: // …
    case 0xff01: // ！ (when not normalised)
    case 0xff1f: // ？
    case 0xff1b: // ；
      return true;
    case 0x2e: // .
      return !(i > 0 && isAlnumCode(s.charCodeAt(i - 1)) && i + 1 < s.length && isAlnumCode(s.charCodeAt(i + 1)));
    case 0x20:
      return s.charCodeAt(i + 1) === 0x20;
    default:
      return false;
  }
}

function isClauseEnd(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  return c === 0x2c || c === 0x3001 || c === 0x3a || c === 0x7e || c === 0xff0c || c === 0xff1a;
}

/** Sentence range [start, end) around position pos (end excludes the terminator). */
export function sentenceAt(s: string, pos: number): [number, number] {
  let a = pos;
  while (a > 0 && !isSentenceEnd(s, a - 1)) a--;
  let b = pos;
  while (b < s.length && !isSentenceEnd(s, b)) b++;
  return [a, b];
}

/**
 * Fill sentence start/end for every position of s (one pass); for repeated lookups.
 * start[i]/end[i] = sentence range containing i.
 */
export function sentenceTable(s: string, start: Int32Array, end: Int32Array): void {
  const n = s.length;
  let a = 0;
  for (let i = 0; i <= n; i++) {
    if (i === n || isSentenceEnd(s, i)) {
      for (let j = a; j <= i && j < n; j++) {
        start[j] = a;
        end[j] = i;
      }
      a = i + 1;
    }
  }
}

/** Sentence segmentation: [start, end) ranges of non-empty sentences. */
export function splitSentences(s: string): [number, number][] {
  const r: [number, number][] = [];
  let a = 0;
  for (let i = 0; i <= s.length; i++) {
    if (i === s.length || isSentenceEnd(s, i)) {
      if (i > a && s.slice(a, i).trim()) r.push([a, i]);
      a = i + 1;
    }
  }
  return r;
}

export function clauseStart(s: string, pos: number, floor: number): number {
  let a = pos;
  while (a > floor && !isClauseEnd(s, a - 1) && !isSentenceEnd(s, a - 1)) a--;
  return a;
}

export function clauseEnd(s: string, pos: number, ceil: number): number {
  let b = pos;
  while (b < ceil && !isClauseEnd(s, b) && !isSentenceEnd(s, b)) b++;
  return b;
}

// ------------------------------------------------------------ product category

/** Every product category. */
export const ALL_PRODUCT_CATEGORIES = PRODUCT_CATEGORIES;

/** Registration numbers: evidence wherever they appear (card, title, spoken). */
const MARKS: [RegExp, ProductCategory][] = [
  [/国药准字\s*[hzsjbtf]\s*\d{8}/i, 'drug'],
  [/[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼国]械(?:注准|注进|注许|备)\s*\d{4,}/, 'medical_device'],
  [/国食注字\s*ty\s*\d{8}/i, 'special_medical_food'],
  [/国食注字\s*yp\s*\d{8}/i, 'infant_formula'],
  [/国食健注\s*[gj]\s*\d{8}|食健备\s*[gj]\s*\d+|卫食健字/i, 'health_food'],
  [/国妆特(?:进)?字\s*[gj]?\s*\d+|妆网备(?:进)?字\s*\d+|国妆网备进字/i, 'cosmetics'],
  [/卫消证字/, 'disinfection'],
  [/农药登记证|pd\d{8}|兽药字/i, 'agri_inputs'],
  [/sc\d{14}/i, 'ordinary_food'],
];

/**
 * Words that name a registration class or product form. On the product card/title they
 * indicate the category; in host speech they are often the claim itself ("械字号面膜"),
 * so they are not used on the spoken text.
 */
const CARD_WORDS: [RegExp, ProductCategory][] = [
  [/械字号|医疗器械/, 'medical_device'],
  [/特殊医学用途|特医食品/, 'special_medical_food'],
  [/婴儿配方|较大婴儿配方|幼儿配方/, 'infant_formula'],
  [/蓝帽子|保健食品/, 'health_food'],
  [/妆字号|特证/, 'cosmetics'],
  [/消字号/, 'disinfection'],
  [/食品生产许可|固体饮料|压片糖果|代用茶|凝胶糖果/, 'ordinary_food'],
  // medical services (hospitals, clinics, 医美): no category of their own; their ads fall
  // under the same rules as drug/device ads (广告法第16条), so they map to medical_device
  [/医疗服务|医疗美容/, 'medical_device'],
  [/电子烟|烟弹|卷烟|雪茄/, 'tobacco'],
];

const TITLE_WORDS: [RegExp, ProductCategory][] = [
  [/胶囊|片剂|颗粒剂|口服液|药膏|处方药|非处方|otc/i, 'drug'],
  [/血压计|血糖仪|医用|理疗仪|助听器|敷料|医疗器械/, 'medical_device'],
  // medical services → medical_device (see CARD_WORDS)
  [/医院|诊所|门诊|医美(?!级)|整形|医疗服务/, 'medical_device'],
  [/奶粉|婴儿配方/, 'infant_formula'],
  [/面霜|精华|口红|粉底|面膜|眼霜|乳液|爽肤水|化妆水|防晒|洗面奶|洁面|唇膏|香水|彩妆|护肤|卸妆|眉笔|睫毛膏|染发|烫发|祛斑霜|美白霜/, 'cosmetics'],
  [/白酒|红酒|啤酒|葡萄酒|黄酒|米酒|洋酒|威士忌|酱香|浓香型|(?:^|[^醋])酒/, 'alcohol'],
  [/课程|培训|网课|辅导|考研|考证|题库|训练营|学习班/, 'education'],
  [/理财|加盟|招商|基金|投资|收益|保险|贷款/, 'investment'],
  [/楼盘|房产|公寓|商铺|住宅|二手房/, 'real_estate'],
  [/化肥|农药|种子|饲料|叶面肥/, 'agri_inputs'],
  [/零食|饼干|牛奶|茶叶|蜂蜜|燕窝|坚果|果冻|大米|食用油|饮料|咖啡|月饼|水果|牛肉|巧克力|糖果|麦片|挂面|粉丝|酸奶/, 'ordinary_food'],
  // tea drinks: 花茶, 茶饮, 代用茶, "…清莹茶" (not tea ware / furniture / tea-tree oil)
  [/花茶|茶饮|代用茶|茶(?![几具杯盘壶台桌盒树])/, 'ordinary_food'],
];

/**
 * Infer the product category from registration marks (title or text), then title keywords.
 * Returns undefined when unknown.
 */
export function inferProductCategory(input: { title?: string; text?: string }): ProductCategory | undefined {
  const title = (input.title ?? '').toLowerCase();
  const text = (input.text ?? '').toLowerCase();
  if (title) {
    for (const [re, cat] of MARKS) if (re.test(title)) return cat;
    for (const [re, cat] of CARD_WORDS) if (re.test(title)) return cat;
  }
  if (text) for (const [re, cat] of MARKS) if (re.test(text)) return cat;
  if (title) for (const [re, cat] of TITLE_WORDS) if (re.test(title)) return cat;
  return undefined;
}

// ------------------------------------------------------------ negation, questions

const NEGATORS = ['不能说', '不敢说', '不让说', '不允许', '不要相信', '不要轻信', '不存在', '不是', '并非', '禁止', '谁说', '警惕', '谨防', '提防', '切勿', '拒绝', '勿', '不', '没', '别', '无需'];
/** 不 followed by these is not a negation of what follows (不错, 不管, 不仅…). */
const NOT_NEGATING = ['不错', '不管', '不仅', '不但', '不只', '不光', '不用', '不少', '不断', '不停', '不过', '不一样', '不同', '不得不', '没得说', '没话说', '没有之一', '别人', '别的', '别家', '不止', '不会错', '不输'];
const REPORTED = /(?:有人说|网上说|粉丝问|弹幕问|网友说|他们说|别人说|广告法|广告中|违禁词|敏感词|极限词|平台规定|规定不|不能用|不能讲|不让讲|说不了)/;
/** The hit is an item in a list of quoted/forbidden wordings: "“全网最低价”“限量秒杀”等宣传". */
const LISTED_AFTER = /^[^,;。!?]{0,14}等(?:宣传|话术|字样|用语|说法|词语|词汇|表述|违禁词|极限词|绝对化用语|宣传用语|字眼|噱头|套路)/;
/** Consumer-advice sentences (regulators' warnings), not advertising. */
const ADVICE = /消费提示|提醒消费者|提示消费者|消费者(?:应|要|需|务必)|谨防|警惕|勿轻信|不要轻信|切勿|核实[^,;。!?]{0,6}真实性/;

/**
 * Is the hit at [start, ...) of `s` negated? Looks back ≤6 chars within the clause.
 * `floor` is the sentence start.
 */
export function isNegated(s: string, start: number, floor: number): boolean {
  const cs = clauseStart(s, start, floor);
  const from = Math.max(cs, start - 6);
  const window = s.slice(from, start);
  if (!window) return false;
  for (const neg of NEGATORS) {
    let idx = window.lastIndexOf(neg);
    while (idx >= 0) {
      const abs = from + idx;
      const ahead = s.slice(abs, abs + 4);
      if (!NOT_NEGATING.some((w) => ahead.startsWith(w))) return true;
      idx = idx > 0 ? window.lastIndexOf(neg, idx - 1) : -1;
    }
  }
  return false;
}

/**
 * Reported speech / reading the regulations aloud before the hit in the same sentence,
 * a list of wordings being warned about ("…等宣传"), or a consumer-advice sentence.
 */
/**
 * Normative text (statutes, rules, definitions, mandatory notices read out or shown): a prohibition or legal
 * frame earlier in the sentence ("禁止利用互联网发布…电子烟广告", "兽药广告中不得含有…"), or a sentence that
 * defines or instructs ("…的化妆品为特殊化妆品", "需在医生指导下使用", "保健食品不是药品"). "不得不"/"不得了"
 * are not prohibitions; a prohibition after the hit ("全网最低价，禁止转卖") does not count.
 */
const NORMATIVE_BEFORE = /禁止|严禁|不得(?![不了])|明令|不准|依法|应当|按照规定|根据规定|法律规定|广告法|条例|管理办法|违法|不属于/;
const NORMATIVE_SENTENCE = /需在[^,;。!?]{0,12}指导下|在医生[^,;。!?]{0,8}指导下|是指|为特殊化妆品|不是药品|不能代替药物|不得(?![不了])[^,;。!?]{0,6}(?:宣传|宣称|含有|使用|声称|发布)/;

export function isNormative(s: string, start: number, sent: [number, number]): boolean {
  const [a, b] = sent;
  return NORMATIVE_BEFORE.test(s.slice(a, start)) || NORMATIVE_SENTENCE.test(s.slice(a, b));
}

export function isReported(s: string, start: number, end: number, sent: [number, number]): boolean {
  const [a, b] = sent;
  if (REPORTED.test(s.slice(Math.max(a, start - 16), start))) return true;
  if (isNormative(s, start, sent)) return true;
  if (LISTED_AFTER.test(s.slice(end, b))) return true;
  return ADVICE.test(s.slice(a, b));
}

/** Clause boundaries for the sentence-final question mark: ，,；;、 */
const QUESTION_CLAUSE_BOUNDARY = /[,，;；、]/;

/**
 * Question: the hit is in the last clause of a sentence ending with '?' (clauses split on
 * ，,；;、, so "一个月掉10斤肉，这还不直观吗？" still flags the first clause), or 吗/呢 after
 * the hit, or 是不是/有没有/是否 before it, in the clause.
 */
export function isQuestion(s: string, start: number, end: number, sent: [number, number]): boolean {
  const [a, b] = sent;
  if (b < s.length && s[b] === '?' && !QUESTION_CLAUSE_BOUNDARY.test(s.slice(end, b))) return true;
  const ce = clauseEnd(s, end, b);
  const after = s.slice(end, ce);
  if (/[吗嘛][啊呀]?\s*$|吗/.test(after)) return true;
  if (/呢$/.test(after) && (ce === b || s[ce] === '?')) return true;
  const cs = clauseStart(s, start, a);
  const before = s.slice(cs, start);
  if (/是不是|有没有|是否|难道|会不会|能不能|哪个|哪家|什么/.test(before)) return true;
  return false;
}

/** Same-sentence qualifier for absolute terms (§4.4): year, 截至, 据…数据, 来源, platform category, region, 本店. */
const QUALIFIER =
  /(?:(?:19|20)\d{2}年|截至|截止|据[^,;。!?]{0,12}(?:数据|报告|统计|榜单|监测|调查)|来源|数据显示|天猫[^,;。!?]{0,8}类目|京东[^,;。!?]{0,8}类目|抖音[^,;。!?]{0,8}(?:类目|榜)|本店|本品牌|本直播间|本季度|本月|今年|去年)/;

export function hasQualifier(sentence: string): boolean {
  return QUALIFIER.test(sentence);
}

// ------------------------------------------------------------ severity modifiers

/** Regulated product categories of guide art. 11. */
export const REGULATED: ReadonlySet<ProductCategory> = new Set<ProductCategory>([
  'drug',
  'medical_device',
  'health_food',
  'special_medical_food',
  'infant_formula',
  'education',
  'investment',
  'real_estate',
]);

/**
 * The products a rule category is about. A rule that needs a context word nearby (烟, 考, 农药, 收益…)
 * has its context when the product in force is one of these: a line said while a course, a cigarette
 * or a pesticide is on the card is about that product even if the sentence does not name it.
 */
export const HOME_PRODUCTS: Readonly<Partial<Record<Category, ReadonlySet<ProductCategory>>>> = {
  agri_inputs: new Set(['agri_inputs']),
  alcohol: new Set(['alcohol']),
  education_promises: new Set(['education']),
  financial_promises: new Set(['investment', 'real_estate']),
  tobacco: new Set(['tobacco']),
  drug_device_ads: new Set(['drug', 'medical_device']),
  health_food_claims: new Set(['health_food']),
  infant_special_foods: new Set(['infant_formula', 'special_medical_food']),
};

/** Categories whose hits concern efficacy / cure / returns / training results. */
export const EFFICACY_CATEGORIES: ReadonlySet<Category> = new Set<Category>([
  'medical_claims_nonmedical',
  'health_food_claims',
  'cosmetics_claims',
  'infant_special_foods',
  'efficacy_guarantee_general',
  'drug_device_ads',
  'financial_promises',
  'education_promises',
]);

export const EFFICACY_WORDS = /效果|疗效|功效|有效|治愈|治疗|见效|回报|收益|通过率|提分|治|康复|痊愈|降[糖压脂]/;

/**
 * The non-price claims the time-aware checks follow: "lowest price", scarcity
 * and urgency (最后N单, 仅剩N件, 马上下架, 仅限今天, 倒计时), numbers (已售10万单,
 * 库存只剩200, 十万人在抢) and material/origin (纯棉, 原装进口). Pure; offsets
 * are UTF-16 indices into the text.
 */
import { parseNumberAt } from './numbers';

export interface Span {
  start: number;
  end: number;
}

export interface TextClaim {
  kind: 'lowest' | 'last_n' | 'urgency' | 'today_only' | 'countdown' | 'sales' | 'stock' | 'viewers' | 'material' | 'origin';
  /** last_n/stock/sales/viewers: the number said; countdown: seconds left. */
  value?: number;
  span: Span;
  raw: string;
  /** material/origin: the term's id in MATERIALS/ORIGINS. */
  term?: string;
}

const NUM = '(\\d+(?:\\.\\d+)?\\s?[万wW]?|[零一二两三四五六七八九十百千万]+)';

function num(s: string): number | null {
  return parseNumberAt(s.trim(), 0)?.value ?? null;
}

/** Negated or questioned within a few characters before: 不是纯棉, 并非进口. */
function negated(text: string, start: number): boolean {
  const before = text.slice(Math.max(0, start - 3), start);
  return /不是|并非|没有|不算|非/.test(before);
}

const LOWEST_RE = /全网最低价?|全网最便宜|历史最低价?|史上最低价?|史低价?|最低价/g;
// No 个/场/波: 最后一个链接, 最后一场直播 are the schedule (spec §2.8 false-positive traps).
const LAST_N_RE = new RegExp(`(最后|仅剩|只剩|还剩|就剩|剩下|只有|仅有)${NUM}(单|件|份|套|瓶|盒|台)`, 'g');
const STOCK_RE = new RegExp(`库存(?:只|仅|还|就)?(?:剩|有)?(?:下)?${NUM}(单|件|份|套|瓶|盒|台|个)?`, 'g');
const URGENCY_RE = /马上下架|随时下架|最后一波|库存告急|库存不多了?|马上没了|手慢无|抢完就没|马上截单|即将售罄/g;
const TODAY_RE = /仅限今天|只限今天|只有今天|今天最后一天|仅此一天|就今天一天|过了今天就没|错过今天/g;
const COUNTDOWN_CLOCK_RE = /倒计时\s*(\d{1,2})\s*[:：]\s*(\d{2})/g;
const COUNTDOWN_WORD_RE = new RegExp(`(?:倒计时|还有|最后|只剩)\\s*${NUM}\\s*(分钟|分|秒)(?!钟?前)`, 'g');
const SALES_RE = new RegExp(`(已售|已经卖了|已经卖出|已卖出|卖出了?|卖了|累计销量|累计卖了|总销量|销量)\\s*(?:超过|突破|了)?${NUM}\\s*(\\+)?\\s*(单|件|份|瓶|盒|套|个|人下单)`, 'g');
const ORDERS_RE = new RegExp(`(?:已经有|已有)${NUM}\\s*(?:万)?人(?:下单|拍下|抢到)`, 'g');
const VIEWERS_RE = new RegExp(`${NUM}\\s*人(?:在抢|在看|在线|同时在线|在直播间|抢购)`, 'g');

/** Material and origin terms: what the host says, what on the card contradicts it, what on the card supports it. */
export interface FactTerm {
  id: string;
  said: RegExp;
  contradicts: RegExp;
  supports: RegExp;
  zh: string;
  en: string;
}

export const MATERIALS: FactTerm[] = [
  { id: 'cashmere', said: /100%羊绒|百分百羊绒|纯羊绒|全羊绒/g, contradicts: /混纺|聚酯|涤纶|腈纶|锦纶|粘纤|粘胶|仿羊绒|含绒\d{1,2}%/, supports: /(?<!仿)羊绒/, zh: '羊绒', en: 'cashmere' },
  { id: 'cotton', said: /纯棉|100%棉|百分百棉|全棉/g, contradicts: /涤纶|聚酯|混纺|涤棉|棉涤|仿棉|锦纶|氨纶\d{2}/, supports: /纯棉|100%棉|全棉/, zh: '纯棉', en: 'pure cotton' },
  { id: 'leather', said: /真皮|头层牛皮|头层皮|纯牛皮/g, contradicts: /PU|pu皮|人造革|合成革|仿皮|超纤|革面/i, supports: /真皮|牛皮|羊皮|头层/, zh: '真皮', en: 'genuine leather' },
  { id: 'tencel', said: /天丝/g, contradicts: /仿天丝|涤纶|聚酯|冰丝/, supports: /天丝|莱赛尔|lyocell/i, zh: '天丝', en: 'Tencel' },
  { id: 'gold18k', said: /18[Kk]金|18[Kk]|足金|纯金|千足金/g, contradicts: /合金|镀金|包金|铜镀|仿金|钛钢|不锈钢/, supports: /18[Kk]|Au750|足金|千足金|Au999/i, zh: '18K金/足金', en: '18K/pure gold' },
  { id: 'wool', said: /纯羊毛|100%羊毛|百分百羊毛|全羊毛/g, contradicts: /混纺|腈纶|涤纶|聚酯|仿羊毛|锦纶/, supports: /纯羊毛|100%羊毛|全羊毛/, zh: '纯羊毛', en: 'pure wool' },
  { id: 'silk', said: /真丝|桑蚕丝|100%蚕丝|纯蚕丝/g, contradicts: /仿真丝|涤纶|聚酯|冰丝|人造丝|醋酸/, supports: /真丝|桑蚕丝|蚕丝/, zh: '真丝', en: 'real silk' },
];

export const ORIGINS: FactTerm[] = [
  { id: 'imported', said: /原装进口|进口|海外直邮|日本原装|韩国原装|法国原瓶|德国原装|澳洲原装/g, contradicts: /国产|国内生产|中国制造|产地[:：]?\s*中国|Made in China/i, supports: /进口|原装|跨境|保税|海外|日本|韩国|法国|德国|澳洲|澳大利亚|新西兰/, zh: '进口/原装', en: 'imported' },
];

function collect(text: string, re: RegExp, f: (m: RegExpMatchArray) => TextClaim | null, out: TextClaim[]): void {
  for (const m of text.matchAll(re)) {
    const c = f(m);
    if (c && !out.some((o) => o.span.start < c.span.end && c.span.start < o.span.end)) out.push(c);
  }
}

const at = (m: RegExpMatchArray): Span => ({ start: m.index!, end: m.index! + m[0].length });

export function parseTextClaims(text: string): TextClaim[] {
  const out: TextClaim[] = [];
  collect(text, COUNTDOWN_CLOCK_RE, (m) => ({ kind: 'countdown', value: Number(m[1]) * 60 + Number(m[2]), span: at(m), raw: m[0] }), out);
  collect(text, COUNTDOWN_WORD_RE, (m) => {
    const n = num(m[1]!);
    if (n === null || n <= 0) return null;
    return { kind: 'countdown', value: m[2] === '秒' ? n : n * 60, span: at(m), raw: m[0] };
  }, out);
  collect(text, STOCK_RE, (m) => {
    const n = num(m[1]!);
    return n === null ? null : { kind: 'stock', value: n, span: at(m), raw: m[0] };
  }, out);
  collect(text, LAST_N_RE, (m) => {
    const n = num(m[2]!);
    if (n === null || n <= 0) return null;
    return { kind: 'last_n', value: n, span: at(m), raw: m[0] };
  }, out);
  collect(text, URGENCY_RE, (m) => ({ kind: 'urgency', span: at(m), raw: m[0] }), out);
  collect(text, TODAY_RE, (m) => ({ kind: 'today_only', span: at(m), raw: m[0] }), out);
  collect(text, LOWEST_RE, (m) => (negated(text, m.index!) ? null : { kind: 'lowest', span: at(m), raw: m[0] }), out);
  collect(text, SALES_RE, (m) => {
    const n = num(m[2]!);
    return n === null ? null : { kind: 'sales', value: n, span: at(m), raw: m[0] };
  }, out);
  collect(text, ORDERS_RE, (m) => {
    const n = num(m[1]!);
    if (n === null) return null;
    return { kind: 'sales', value: /万人/.test(m[0]) && n < 10_000 ? n * 10_000 : n, span: at(m), raw: m[0] };
  }, out);
  collect(text, VIEWERS_RE, (m) => {
    const n = num(m[1]!);
    return n === null || n < 2 ? null : { kind: 'viewers', value: n, span: at(m), raw: m[0] };
  }, out);
  for (const t of MATERIALS) {
    collect(text, t.said, (m) => (negated(text, m.index!) ? null : { kind: 'material', term: t.id, span: at(m), raw: m[0] }), out);
  }
  for (const t of ORIGINS) {
    collect(text, t.said, (m) => (negated(text, m.index!) ? null : { kind: 'origin', term: t.id, span: at(m), raw: m[0] }), out);
  }
  return out.sort((a, b) => a.span.start - b.span.start);
}

/** What the card title says about a material/origin term. */
export function cardVerdict(term: FactTerm, title: string): 'contradicts' | 'supports' | 'silent' {
  if (term.contradicts.test(title)) return 'contradicts';
  if (term.supports.test(title)) return 'supports';
  return 'silent';
}

export function factTerm(kind: 'material' | 'origin', id: string): FactTerm | undefined {
  return (kind === 'material' ? MATERIALS : ORIGINS).find((t) => t.id === id);
}

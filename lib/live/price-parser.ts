/**
 * Price statements in spoken and on-screen text: 原价399今天只要99, 到手价九块九,
 * 券后/直播间专享价/活动价 N, 打五五折, 3折, 买一送一. Returns claims with UTF-16
 * offsets into the original text. Pure.
 */
import { parseMoneyAt, parseNumberAt } from './numbers';

export type PriceClaimKind = 'price' | 'original' | 'discount' | 'bogo';

export interface PriceClaim {
  kind: PriceClaimKind;
  /** price/original: 元; discount: the fraction paid (五五折 → 0.55); bogo: free items per item bought (买一送一 → 1). */
  value: number;
  /** UTF-16 offsets into the text: [start, end). */
  span: { start: number; end: number };
  raw: string;
  /** The words that made it a claim ('原价', '到手价'…); absent for a bare amount ("99元"). */
  trigger?: string;
  /** The price depends on a condition the card may not show (券后, 到手, 满减后). */
  conditional?: boolean;
}

const ORIGINAL_TRIGGERS = [
  '原价', '原p', '原P', '日常价', '平时价', '平常价', '平时卖', '平常卖', '之前卖', '以前卖', '原来卖', '专柜价', '门店价',
  '官网价', '官方价', '吊牌价', '市场价', '划线价', '零售价',
];
const PRICE_TRIGGERS = [
  '直播间专享价', '直播间价', '专享价', '活动价', '秒杀价', '福利价', '直播价', '宠粉价', '现价', '特价', '一口价',
  '只要', '只需', '仅需', '仅要', '只卖', '仅售', '只售', '才卖', '卖你', '拍下',
];
const CONDITIONAL_TRIGGERS = ['券后价', '券后', '用券后', '领券后', '到手价', '到手', '满减后', '叠券后'];
const TRIGGERS: { word: string; kind: 'price' | 'original'; conditional: boolean }[] = [
  ...ORIGINAL_TRIGGERS.map((word) => ({ word, kind: 'original' as const, conditional: false })),
  ...PRICE_TRIGGERS.map((word) => ({ word, kind: 'price' as const, conditional: false })),
  ...CONDITIONAL_TRIGGERS.map((word) => ({ word, kind: 'price' as const, conditional: true })),
].sort((a, b) => b.word.length - a.word.length);

/** Filler allowed between a trigger and its number: 原价是399, 到手价只要99, 活动价：99. */
const FILLER = new Set([...'是就只要为都仅需才卖到：:， ,¥￥']);
const MAX_FILLER = 4;

/** Words right before a bare amount that make it something other than the price (满199, 减30, 价值299…). */
const NOT_A_PRICE_BEFORE = ['满', '减', '省', '送', '券', '降', '便宜', '优惠', '价值', '红包', '补贴', '差价', '运费', '加', '再', '贵', '少', '多', '第二件', '第二单', '返', '赔', '押金', '定金', '原价'];

const DISCOUNT_RE = /(打)?(\d+(?:\.\d+)?|[零一二两三四五六七八九]{1,2}(?:点[一二三四五六七八九])?)折/g;
const BOGO_RE = /(买|拍)([一二两三四五1-5])(送|发|赠)([一二两三四五六七八九十]|[1-9]\d?)/g;

export function parsePriceClaims(text: string): PriceClaim[] {
  const claims: PriceClaim[] = [];
  const taken: boolean[] = new Array(text.length).fill(false);
  const take = (s: number, e: number) => {
    for (let k = s; k < e; k++) taken[k] = true;
  };

  // Discounts and buy-one-get-one first (their digits must not read as prices).
  for (const m of text.matchAll(DISCOUNT_RE)) {
    const start = m.index;
    const numStart = start + (m[1]?.length ?? 0);
    const n = parseNumberAt(text, numStart);
    if (!n || n.value <= 0) continue;
    const value = n.value < 10 ? n.value / 10 : n.value < 100 ? n.value / 100 : NaN;
    if (!(value > 0 && value < 1)) continue;
    const end = start + m[0].length;
    claims.push({ kind: 'discount', value: Math.round(value * 1000) / 1000, span: { start, end }, raw: m[0], trigger: '折' });
    take(start, end);
  }
  for (const m of text.matchAll(BOGO_RE)) {
    const start = m.index;
    const end = start + m[0].length;
    const bought = parseNumberAt(m[2]!, 0)?.value ?? 1;
    const got = parseNumberAt(m[4]!, 0)?.value ?? 1;
    const free = m[3] === '发' ? got - bought : got;
    if (free <= 0 || bought <= 0) continue;
    claims.push({ kind: 'bogo', value: Math.round((free / bought) * 1000) / 1000, span: { start, end }, raw: m[0], trigger: m[1]! + m[3]! });
    take(start, end);
  }

  // Triggered prices: 原价399, 今天只要99, 到手价九块九.
  for (let i = 0; i < text.length; i++) {
    if (taken[i]) continue;
    const t = TRIGGERS.find((x) => text.startsWith(x.word, i));
    if (!t) continue;
    let j = i + t.word.length;
    let filler = 0;
    while (j < text.length && filler < MAX_FILLER && FILLER.has(text[j]!) && !/[¥￥]/.test(text[j]!)) j++, filler++;
    const money = parseMoneyAt(text, j);
    if (!money || money.value <= 0 || taken[j]) continue;
    // "原价三百多" is a vague figure, not a price.
    if (text[money.end] === '多' || text[money.end] === '几') continue;
    claims.push({
      kind: t.kind,
      value: money.value,
      span: { start: i, end: money.end },
      raw: text.slice(i, money.end),
      trigger: t.word,
      ...(t.conditional ? { conditional: true } : {}),
    });
    take(i, money.end);
    i = money.end - 1;
  }

  // Bare amounts with a money unit: "99元带回家", "九块九包邮".
  for (let i = 0; i < text.length; i++) {
    if (taken[i]) continue;
    if (i > 0 && /[\d.零〇一二两三四五六七八九十百千万]/.test(text[i - 1]!)) continue;
    const money = parseMoneyAt(text, i);
    if (!money || !money.unit || money.value <= 0) continue;
    // "一块", "两块": a measure word as often as money.
    if (money.end - i <= 2) continue;
    if (NOT_A_PRICE_BEFORE.some((w) => text.slice(Math.max(0, i - w.length), i) === w)) {
      i = money.end - 1;
      continue;
    }
    claims.push({ kind: 'price', value: money.value, span: { start: i, end: money.end }, raw: text.slice(i, money.end) });
    take(i, money.end);
    i = money.end - 1;
  }

  return claims.sort((a, b) => a.span.start - b.span.start);
}

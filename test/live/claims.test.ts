import { expect, test } from 'vitest';
import { cardVerdict, MATERIALS, ORIGINS, parseTextClaims } from '../../lib/live/claims';

const kinds = (t: string) => parseTextClaims(t).map((c) => [c.kind, c.value ?? null, c.raw]);

test('scarcity, urgency, countdowns and today-only, with spans into the text', () => {
  const text = '宝宝们最后三单，马上下架！仅限今天';
  const cs = parseTextClaims(text);
  expect(cs.map((c) => [c.kind, c.value ?? null, c.raw])).toEqual([['last_n', 3, '最后三单'], ['urgency', null, '马上下架'], ['today_only', null, '仅限今天']]);
  for (const c of cs) expect(text.slice(c.span.start, c.span.end)).toBe(c.raw);
  expect(kinds('仅剩2件')).toEqual([['last_n', 2, '仅剩2件']]);
  expect(kinds('库存只剩200了')).toEqual([['stock', 200, '库存只剩200']]);
  expect(kinds('倒计时 04:59')).toEqual([['countdown', 299, '倒计时 04:59']]);
  expect(kinds('倒计时三分钟')).toEqual([['countdown', 180, '倒计时三分钟']]);
  expect(kinds('还有30秒')).toEqual([['countdown', 30, '还有30秒']]);
});

test('schedule words and purchase limits are not scarcity (spec §2.8 traps)', () => {
  expect(kinds('今天最后一个链接了')).toEqual([]);
  expect(kinds('这是今天最后一场直播')).toEqual([]);
  expect(kinds('每人限购2件')).toEqual([]);
  expect(kinds('五分钟前下单的宝宝')).toEqual([]);
});

test('numbers: sales, orders and viewers', () => {
  expect(kinds('已售10万单')).toEqual([['sales', 100000, '已售10万单']]);
  expect(kinds('累计销量突破3w件')).toEqual([['sales', 30000, '累计销量突破3w件']]);
  expect(kinds('已经有2万人下单')).toEqual([['sales', 20000, '已经有2万人下单']]);
  expect(kinds('十万人在抢')).toEqual([['viewers', 100000, '十万人在抢']]);
  expect(kinds('一万多人在看')).toEqual([]);
});

test('lowest price, unless negated', () => {
  expect(kinds('历史最低价')).toEqual([['lowest', null, '历史最低价']]);
  expect(kinds('不是全网最低价')).toEqual([]);
});

test('material and origin against a card title', () => {
  const cashmere = MATERIALS.find((t) => t.id === 'cashmere')!;
  expect(cardVerdict(cashmere, '羊毛混纺围巾')).toBe('contradicts');
  expect(cardVerdict(cashmere, '仿羊绒围巾')).toBe('contradicts');
  expect(cardVerdict(cashmere, '100%山羊绒围巾')).toBe('supports');
  expect(cardVerdict(cashmere, '秋冬围巾')).toBe('silent');
  const gold = MATERIALS.find((t) => t.id === 'gold18k')!;
  expect(cardVerdict(gold, '18K金项链')).toBe('supports');
  expect(cardVerdict(gold, '合金镀金项链')).toBe('contradicts');
  const imported = ORIGINS[0]!;
  expect(cardVerdict(imported, '日本进口面膜')).toBe('supports');
  expect(cardVerdict(imported, '国产面膜')).toBe('contradicts');
  expect(kinds('真丝的，纯羊毛的，天丝的')).toEqual([['material', null, '真丝'], ['material', null, '纯羊毛'], ['material', null, '天丝']]);
});

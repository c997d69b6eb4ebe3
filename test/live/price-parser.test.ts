import { describe, expect, test } from 'vitest';
import { parseMoneyAt, parseNumberAt } from '../../lib/live/numbers';
import { parsePriceClaims } from '../../lib/live/price-parser';

const claims = (t: string) => parsePriceClaims(t).map((c) => ({ kind: c.kind, value: c.value, raw: c.raw }));

describe('numbers', () => {
  test.each([
    ['九块九', 9.9],
    ['9块9', 9.9],
    ['十九块九', 19.9],
    ['九块九毛九', 9.99],
    ['一百九十九', 199],
    ['两百', 200],
    ['七十九', 79],
    ['一百五', 150],
    ['一千二', 1200],
    ['一百零五', 105],
    ['1.2万', 12000],
    ['3w', 30000],
    ['2k', 2000],
    ['十万', 100000],
    ['九点九', 9.9],
    ['99米', 99],
    ['¥129', 129],
  ])('%s → %d', (text, value) => {
    expect((parseMoneyAt(text, 0) ?? parseNumberAt(text, 0))?.value).toBe(value);
  });

  test('no number, no value', () => {
    expect(parseNumberAt('宝宝们', 0)).toBeNull();
  });
});

describe('price statements', () => {
  test('原价399今天只要99: the reference price and the offer, with UTF-16 spans into the text', () => {
    const text = '宝宝们，原价399今天只要99！';
    const cs = parsePriceClaims(text);
    expect(cs.map((c) => [c.kind, c.value])).toEqual([['original', 399], ['price', 99]]);
    for (const c of cs) expect(text.slice(c.span.start, c.span.end)).toBe(c.raw);
    expect(cs[0]!.raw).toBe('原价399');
    expect(cs[1]!.raw).toBe('只要99');
  });

  test('spans count UTF-16 units (an emoji before the claim takes two)', () => {
    const text = '🔥原价399';
    const [c] = parsePriceClaims(text);
    expect(c!.span).toEqual({ start: 2, end: 7 });
  });

  test.each([
    ['到手价九块九', 'price', 9.9, true],
    ['券后一百九十九元', 'price', 199, true],
    ['直播间专享价两百', 'price', 200, false],
    ['活动价：七十九', 'price', 79, false],
    ['原价是1.2万', 'original', 12000, false],
    ['日常价3w', 'original', 30000, false],
    ['今天99米带回家', 'price', 99, false],
  ])('%s', (text, kind, value, conditional) => {
    const [c] = parsePriceClaims(text);
    expect(c).toMatchObject({ kind, value });
    expect(c!.conditional === true).toBe(conditional);
  });

  test('discounts and buy-one-get-one', () => {
    expect(claims('全场打五五折')).toEqual([{ kind: 'discount', value: 0.55, raw: '打五五折' }]);
    expect(claims('这件3折')).toEqual([{ kind: 'discount', value: 0.3, raw: '3折' }]);
    expect(claims('直接七折')).toEqual([{ kind: 'discount', value: 0.7, raw: '七折' }]);
    expect(claims('8.5折')).toEqual([{ kind: 'discount', value: 0.85, raw: '8.5折' }]);
    expect(claims('买一送一')).toEqual([{ kind: 'bogo', value: 1, raw: '买一送一' }]);
    expect(claims('拍一发三')).toEqual([{ kind: 'bogo', value: 2, raw: '拍一发三' }]);
  });

  test('amounts that are not the price: thresholds, reductions, gift values, vague and measure words', () => {
    expect(claims('满199减30')).toEqual([]);
    expect(claims('送价值299元的赠品')).toEqual([]);
    expect(claims('立省50元')).toEqual([]);
    expect(claims('原价三百多')).toEqual([]);
    expect(claims('这一块面膜很好用')).toEqual([]);
    expect(claims('打折吗？骨折价')).toEqual([]);
    expect(claims('欢迎宝宝们来到直播间')).toEqual([]);
  });
});

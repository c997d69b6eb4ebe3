import { describe, expect, it } from 'vitest';
import { createNormalizer } from '../../lib/analyze/normalize';
import { fixtureCompiled } from './fixture';

const normalize = createNormalizer(fixtureCompiled().fold);

function back(orig: string, n: ReturnType<typeof normalize>, i: number, j: number): string {
  return orig.slice(n.map[i]!, n.mapEnd[j - 1]!);
}

describe('normalize', () => {
  it('folds traditional to simplified, keeping offsets', () => {
    const n = normalize('這款國家級產品');
    expect(n.text).toBe('这款国家级产品');
    expect(n.map.length).toBe(n.text.length + 1);
    expect(n.map[n.text.length]).toBe(7);
  });
  it('full width, case, circled and financial digits', () => {
    expect(normalize('加ＶＸ').text).toBe('加vx');
    expect(normalize('第①').text).toBe('第1');
    expect(normalize('第壹').text).toBe('第1');
    expect(normalize('ＴＯＰ１').text).toBe('top1');
    expect(normalize('NO.1').text).toBe('no.1');
    expect(normalize('⑩').text).toBe('10');
  });
  it('strips separators, emoji and zero-width chars between CJK chars', () => {
    for (const [a, b] of [
      ['最.好', '最好'],
      ['加 微 信', '加微信'],
      ['最❤好', '最好'],
      ['国·家·级', '国家级'],
      ['最\u200b好', '最好'],
      ['最😀好', '最好'],
      ['最 ✨ 好', '最好'],
    ] as const) {
      const n = normalize(a);
      expect(n.text).toBe(b);
      expect(back(a, n, 0, n.text.length)).toBe(a);
    }
  });
  it('does not join across sentence punctuation or keep numbers apart', () => {
    expect(normalize('最。好').text).toBe('最。好');
    expect(normalize('最！好').text).toBe('最!好');
    expect(normalize('最，好').text).toBe('最,好');
    expect(normalize('9.9元').text).toBe('9.9元');
    expect(normalize('1 2').text).toBe('1 2');
    expect(normalize('最...好').text).toBe('最...好');
  });
  it('joins spaced pinyin', () => {
    expect(normalize('zui di jia').text).toBe('zuidijia');
  });
  it('maps each char back to the original (emoji surrogate pairs)', () => {
    const s = '😀😀國家級😀';
    const n = normalize(s);
    const i = n.text.indexOf('国');
    expect(s.slice(n.map[i]!, n.mapEnd[i + 2]!)).toBe('國家級');
  });
});

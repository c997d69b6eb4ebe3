import { describe, expect, test } from 'vitest';
import { charAccuracy, editDistance, normalizeOcrText, sameText, TextMerger } from '../../lib/ocr/text';

describe('OCR text helpers', () => {
  test('edit distance over code points', () => {
    expect(editDistance('全网最低价', '全网最低价')).toBe(0);
    expect(editDistance('全网最低价', '全网最底价')).toBe(1);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('kitten', 'sitting')).toBe(3);
  });

  test('character accuracy', () => {
    expect(charAccuracy('这款面霜可以治疗湿疹', '这款面霜可以治疗湿疹')).toBe(1);
    expect(charAccuracy('这款面霜可以治疗湿疹', '这款面霜可以治疗')).toBeCloseTo(0.8);
    expect(charAccuracy('abc', 'xyzxyzxyz')).toBe(0);
  });

  test('normalisation drops spacing and punctuation, folds width and case', () => {
    expect(normalizeOcrText('全网 最低价！ ＶＸ：Ab12')).toBe('全网最低价vxab12');
  });

  test('same text allows a misread character', () => {
    expect(sameText('这款面霜可以治疗湿疹', '这款面霜可以治疗湿疼')).toBe(true);
    expect(sameText('全网最低价', '仅限今天')).toBe(false);
  });
});

describe('TextMerger', () => {
  test('text still on screen is emitted once; it comes back after being gone for longer than the ttl', () => {
    const m = new TextMerger(30_000);
    expect(m.accept('全网最低价', 0)).toBe(true);
    expect(m.accept('全网最低价', 1_000)).toBe(false);
    expect(m.accept('全网最底价', 2_000)).toBe(false); // a misread of the same sticker
    expect(m.accept('这款面霜可以治疗湿疹', 2_000)).toBe(true);
    expect(m.accept('全网最低价', 31_000)).toBe(false); // last seen at 2 s
    expect(m.accept('全网最低价', 70_000)).toBe(true);
  });

  test('empty or punctuation-only text is never emitted', () => {
    const m = new TextMerger();
    expect(m.accept('  ，。 ', 0)).toBe(false);
  });
});

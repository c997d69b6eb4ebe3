// @vitest-environment happy-dom
/** The picker model: ranked selectors that survive re-hashed classes, drift fallback, stored bindings. */
import { expect, test } from 'vitest';
import { bindingDom, candidates, parseBinding, resolve, rowCandidates } from '../../lib/platforms/picker';
import { readDom } from '../../lib/platforms/dom-read';

test('stable attributes first, then class prefixes without the hash, then a structural path', () => {
  document.body.innerHTML = `
    <div data-e2e="living-container"><div class="Qw7eRt9y"><section class="goodsCard--x8Kq2"><p>示例品牌 保温杯</p><b>¥59</b></section></div>
    <section class="goodsCard--x8Kq2 other"><p>另一张卡</p></section></div>`;
  const card = document.querySelector('section')!;
  const c = candidates(card);
  expect(c[0]).toBe('div[data-e2e="living-container"] > div > section');
  expect(c.every((s) => document.querySelectorAll(s).length === 1 && document.querySelector(s) === card)).toBe(true);
  // The class prefix alone is ambiguous here (two cards), so it is not offered; the hashed class never is.
  expect(c.some((s) => s.includes('Qw7eRt9y') || s.includes('x8Kq2'))).toBe(false);

  document.body.innerHTML = `<main><div class="liveTitle--Pq9z" aria-label="直播标题">示例直播</div></main>`;
  const title = document.querySelector('div')!;
  expect(candidates(title)).toEqual(['div[aria-label="直播标题"]', 'div[class*="liveTitle"]']);
});

test('comment rows bind to the row pattern, so new rows are read too', () => {
  document.body.innerHTML = `<ul id="chat"><li>甲：你好</li><li>乙：有货吗</li></ul>`;
  const rows = rowCandidates(document.querySelectorAll('li')[1]!);
  expect(rows).toContain('#chat > li');
  expect(document.querySelectorAll(rows.find((r) => r === '#chat > li')!)).toHaveLength(2);
});

test('a drifted page resolves through a weaker strategy and says so', () => {
  document.body.innerHTML = `<div class="price--new9">¥59</div>`;
  expect(resolve(document, ['div[data-e2e="price"]', 'div[class*="price"]'])).toMatchObject({ index: 1, drifted: true });
  expect(resolve(document, ['div[data-e2e="gone"]'])).toEqual({ el: null, index: -1, drifted: true });
});

test('a binding reads only the picked fields, and malformed stored bindings are refused', () => {
  document.body.innerHTML = `
    <div id="a"><span>讲解中</span><span>示例品牌 羽绒服 轻薄款</span><span>¥259</span><del>¥599</del></div>
    <div id="b"><p>示例品牌 加湿器 静音</p><p>券后价 ￥89.00</p><s>￥149.00</s></div>`;
  const b = parseBinding({ origin: 'https://x.example', savedAt: 1, fields: { product: ['#b', 42], title: 'nope' } }, 'https://x.example')!;
  expect(b.fields).toEqual({ product: ['#b'] });
  const products = readDom(document, bindingDom(b), 'https://x.example/').filter((o) => o.kind === 'product');
  expect(products.map((o) => o.kind === 'product' && o.product)).toMatchObject([{ title: '示例品牌 加湿器 静音', price: 89, originalPrice: 149 }]);
  // The picked card is gone: nothing is guessed in its place (card #a would match the heuristics).
  document.getElementById('b')!.remove();
  expect(readDom(document, bindingDom(b), 'https://x.example/')).toEqual([]);
  expect(parseBinding({ origin: 'https://evil.example', savedAt: 1, fields: {} }, 'https://x.example')).toBeNull();
});

// @vitest-environment happy-dom
/** Generic heuristics on the test bed page (test/fixtures/platforms/generic-shop-card.html). */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeEach, expect, test } from 'vitest';
import { findCardByAnchor, joinPriceText, queryDeep, readCardHeuristic, readPrices } from '../../lib/platforms/heuristics';
import { readCaptionDom } from '../../lib/platforms/dom-read';
import { CAPTION_REGIONS } from '../../lib/platforms/heuristics';

const html = readFileSync(resolve(import.meta.dirname, '../fixtures/platforms/generic-shop-card.html'), 'utf8');
const BASE = 'https://shop.example/';

beforeEach(() => {
  document.body.innerHTML = /<body>([\s\S]*)<\/body>/.exec(html)![1]!.replace(/<script>[\s\S]*?<\/script>/g, '');
  document.getElementById('host')!.attachShadow({ mode: 'open' }).innerHTML =
    '<div class="card"><span>正在讲解</span><b>示例品牌 电热毯 双人</b><span>¥99</span><span style="text-decoration:line-through">¥199</span></div>';
});

test('split price spans with a 直播价 label and a <del> original', () => {
  expect(readCardHeuristic(document.getElementById('card-a')!, BASE)).toMatchObject({
    title: '示例品牌 羽绒服 轻薄款 男女同款', price: 259.9, priceText: '直播价 ¥259.9', originalPrice: 599, explaining: true,
  });
});

test('券后价 with ￥ and an <s> original; 到手价 with a 原价 label and no strike', () => {
  expect(readPrices(document.getElementById('card-b')!)).toEqual({ price: 89, priceText: '券后价 ￥89.00', originalPrice: 149, originalPriceText: '￥149.00' });
  expect(readPrices(document.getElementById('card-c')!)).toEqual({ price: 66, priceText: '到手价 ¥66', originalPrice: 128, originalPriceText: '原价 ¥128' });
});

test('the card is found by its 讲解中 anchor, not the recommendation-rail decoy', () => {
  expect(findCardByAnchor(document, BASE)?.id).toBe('card-a');
  document.getElementById('card-a')!.remove();
  // With no explaining marker left in the light DOM, a priced block with a title is still found.
  expect(findCardByAnchor(document, BASE)).not.toBeNull();
});

test('a card inside an open shadow root', () => {
  const card = queryDeep(document, '.card')!;
  expect(readCardHeuristic(card, BASE)).toMatchObject({ title: '示例品牌 电热毯 双人', price: 99, originalPrice: 199, explaining: true });
});

test('caption-like regions: aria-live', () => {
  expect(readCaptionDom(document, { captions: CAPTION_REGIONS })).toBe('主播说这款羽绒服今天最低价');
});

test('price text joining', () => {
  expect(joinPriceText('¥ 59 .9')).toBe('¥59.9');
  expect(joinPriceText('券后价 ¥ 1 299')).toBe('券后价 ¥1 299');
});

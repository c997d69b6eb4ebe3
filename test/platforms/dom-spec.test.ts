// @vitest-environment happy-dom
import { describe, expect, test } from 'vitest';
import { readProduct, readRoom, readComments, absoluteHttpUrl } from '../../lib/platforms/dom-spec';
import { demoSpec } from '../../lib/platforms/demo';
import { parsePrice } from '../../lib/platforms/price';
import { RoomWatcher } from '../../lib/content/room-watcher';

function demoDom(price = '¥99', original = '¥399') {
  document.body.innerHTML = `
    <header class="room-header" data-room-id="demo-8848"><h1 class="room-title">秋冬护肤专场</h1><span class="host-name">小雅</span><span class="viewer-count">1.2万</span></header>
    <section class="product-card" data-product-id="sku-1"><span class="explaining-badge">讲解中</span>
      <a class="product-link" href="/item/1"><h2 class="product-title">玻尿酸面霜</h2></a><p class="product-shop">小雅旗舰店</p>
      <span class="product-price">${price}</span> <del class="product-original-price">${original}</del><p class="product-sold">已售3,210</p></section>
    <ul class="comment-list"><li class="comment"><span class="comment-author">甜甜</span><span class="comment-text">真的吗</span></li></ul>`;
}

describe('reading the demo room from the DOM', () => {
  test('room identity and the product card with both prices', () => {
    demoDom();
    expect(readRoom(document, demoSpec, 'http://127.0.0.1/room.html')).toEqual({
      platform: 'demo', roomId: 'demo-8848', title: '秋冬护肤专场', host: '小雅', url: 'http://127.0.0.1/room.html', status: 'live', viewers: 12000,
    });
    expect(readProduct(document, demoSpec, 'http://127.0.0.1/room.html')).toEqual({
      title: '玻尿酸面霜', price: 99, priceText: '¥99', originalPrice: 399, originalPriceText: '¥399', shop: '小雅旗舰店',
      url: 'http://127.0.0.1/item/1', productId: 'sku-1', sold: 3210, explaining: true,
    });
    expect(readComments(document, demoSpec)).toEqual([{ author: '甜甜', text: '真的吗' }]);
  });

  test('a javascript: link on a hostile card is not kept', () => {
    expect(absoluteHttpUrl('javascript:alert(1)', 'http://127.0.0.1/')).toBeUndefined();
    expect(absoluteHttpUrl('https://shop.example/x', 'http://127.0.0.1/')).toBe('https://shop.example/x');
  });

  test('prices as pages write them', () => {
    expect(parsePrice('￥1,299.00')).toBe(1299);
    expect(parsePrice('券后价 ¥89.9')).toBe(89.9);
    expect(parsePrice('1.2万')).toBe(12000);
    expect(parsePrice('暂无')).toBeUndefined();
  });
});

describe('RoomWatcher', () => {
  test('sends only what changed: text re-rendered in place and recycled comment rows are not sent twice', () => {
    demoDom();
    const w = new RoomWatcher('demo:s', { now: () => 1 });
    const read = () => ({
      room: readRoom(document, demoSpec, 'http://127.0.0.1/'),
      product: readProduct(document, demoSpec, 'http://127.0.0.1/'),
      caption: '欢迎来到直播间',
      notice: '',
      comments: readComments(document, demoSpec),
    });
    expect(w.diff(read()).map((e) => e.kind)).toEqual(['room', 'product', 'caption', 'comment']);
    // Same content rendered again, with a fresh element for the comment row.
    demoDom();
    expect(w.diff(read())).toEqual([]);
    // The price drops: one product event, nothing else.
    demoDom('¥79');
    const changed = w.diff(read());
    expect(changed.map((e) => e.kind)).toEqual(['product']);
    expect(changed[0]!.payload).toMatchObject({ price: 79, originalPrice: 399 });
    expect(changed[0]!.seq).toBe(4);
  });
});

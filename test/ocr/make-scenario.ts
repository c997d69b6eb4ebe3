/**
 * Writes test/demo-room/scenarios/ocr.json: a room whose violations exist only as
 * pixels (canvas-drawn sticker, subtitle band and a QR code). Run with
 * `npx tsx test/ocr/make-scenario.ts`; test/ocr/scenario.test.ts checks the file
 * is what this writes.
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { qrRows } from './qr-encode';

export const OCR_QR_TEXT = 'https://u.wechat.com/EXAMPLE-liveproof';

export function ocrScenario() {
  return {
    name: 'ocr',
    description:
      'Burned-in text only (for OCR): a price sticker, a subtitle band and a QR code drawn on the video canvas, none of it in the DOM. All content is invented; the QR code points at an example address nobody serves.',
    timeline: [
      { at: 0, type: 'room', roomId: 'demo-ocr', title: '画面文字测试直播间', host: '测试主播', viewers: 100 },
      { at: 50, type: 'product', productId: 'sku-o1', title: '玻尿酸修护面霜 50g', shop: '测试旗舰店', price: 99, originalPrice: 399, url: 'https://shop.example.invalid/item/o1' },
      { at: 100, type: 'caption', text: '欢迎来到直播间' },
      { at: 200, type: 'sticker', text: '全网最低价' },
      { at: 200, type: 'subtitle', text: '这款面霜可以治疗湿疹' },
      { at: 200, type: 'qr', rows: qrRows(OCR_QR_TEXT), x: 470, y: 16, scale: 4 },
      { at: 6000, type: 'subtitle', text: '想要优惠的加微信 lp2026demo' },
      { at: 12000, type: 'subtitle', text: '最近天气干燥，大家注意保湿' },
    ],
  };
}

export const SCENARIO_PATH = resolve(import.meta.dirname, '../demo-room/scenarios/ocr.json');

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  writeFileSync(SCENARIO_PATH, `${JSON.stringify(ocrScenario(), null, 2)}\n`);
}

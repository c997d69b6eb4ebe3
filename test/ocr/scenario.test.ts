import { readFileSync } from 'node:fs';
import jsQR from 'jsqr';
import { expect, test } from 'vitest';
import { ocrScenario, OCR_QR_TEXT, SCENARIO_PATH } from './make-scenario';
import { qrRows, renderQrRgba } from './qr-encode';

test('the demo OCR scenario is what make-scenario.ts writes', () => {
  expect(JSON.parse(readFileSync(SCENARIO_PATH, 'utf8'))).toEqual(ocrScenario());
});

test('the test QR encoder makes codes jsQR decodes', () => {
  for (const text of ['hi', OCR_QR_TEXT, 'weixin://dl/business/?t=abc']) {
    const img = renderQrRgba(qrRows(text));
    expect(jsQR(img.data, img.width, img.height)?.data).toBe(text);
  }
  const qr = ocrScenario().timeline.find((e) => e.type === 'qr') as { rows: string[] };
  const img = renderQrRgba(qr.rows);
  expect(jsQR(img.data, img.width, img.height)?.data).toBe(OCR_QR_TEXT);
});

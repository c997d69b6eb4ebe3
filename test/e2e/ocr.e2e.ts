/**
 * OCR end to end: with OCR switched on, violations that exist only as pixels of
 * the demo room's canvas (a sticker, a subtitle band, a QR code) are read in the
 * offscreen document, recorded as events with source 'ocr' and findings, with
 * the cropped frame stored as evidence; switching OCR off closes the offscreen
 * document. No request leaves the machine (models and WASM are packaged).
 */
import { createHash } from 'node:crypto';
import { expect, test } from 'vitest';
import { OCR_QR_TEXT } from '../ocr/make-scenario';
import { demoSession } from './demo-session';
import { sendFromExtensionPage } from './extension-page';
import { ocrOf, readOcrStore, textOf, type Stored } from './ocr-store';

const lp = demoSession();

async function offscreenCount(): Promise<number> {
  const sw = lp.browser.context.serviceWorkers()[0] ?? lp.browser.worker;
  return sw.evaluate(async () => {
    const rt = (globalThis as unknown as { chrome: { runtime: { getContexts(f: object): Promise<unknown[]> } } }).chrome.runtime;
    return (await rt.getContexts({ contextTypes: ['OFFSCREEN_DOCUMENT'] })).length;
  });
}

test('burned-in violations are read from the pixels and kept as findings with the cropped frame', async () => {
  const ext = await lp.browser.context.newPage();
  await ext.goto(`chrome-extension://${lp.browser.extensionId}/popup.html`);
  expect(await offscreenCount()).toBe(0);
  expect(await sendFromExtensionPage(ext, { type: 'setOcr', on: true })).toEqual({ ok: true, ocr: true });
  expect(await offscreenCount()).toBe(1);

  const page = await lp.browser.context.newPage();
  await page.goto(lp.demo.roomUrl('ocr'));

  // The subtitle band and the sticker: read, analysed like captions and overlays.
  let s: Stored = { events: [], findings: [], blobs: [] };
  await expect
    .poll(
      async () => {
        s = await readOcrStore(ext);
        return s.events.map(textOf).join('|');
      },
      { timeout: 45_000, interval: 500 },
    )
    .toMatch(/(?=.*治疗湿疹)(?=.*全网最低价)(?=.*二维码：)/);

  const subtitle = s.events.find((e) => textOf(e).includes('治疗湿疹'))!;
  expect(subtitle.kind).toBe('caption');
  expect(textOf(subtitle)).toBe('这款面霜可以治疗湿疹');
  expect(subtitle.confidence).toBeGreaterThan(0.8);
  expect(s.findings.filter((f) => f.eventId === subtitle.id).length).toBeGreaterThan(0);
  const sticker = s.events.find((e) => textOf(e).includes('全网最低价'))!;
  expect(sticker.kind).toBe('overlay');
  expect(s.findings.some((f) => f.eventId === sticker.id)).toBe(true);

  // The crop is stored, is a PNG of the band, and its hash is what the event says.
  const crop = ocrOf(subtitle)!.crop!;
  const blob = s.blobs.find((b) => b.sha256 === crop.sha256)!;
  expect(blob).toBeDefined();
  const bytes = Buffer.from(blob.data, 'base64');
  expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
  expect(createHash('sha256').update(bytes).digest('hex')).toBe(crop.sha256);
  expect(crop.width).toBeGreaterThan(300);
  expect(crop.height).toBeLessThan(120);
  expect(ocrOf(subtitle)!.frame).toBe('canvas');

  // The QR code: decoded, and an off-platform-inducement finding pointing at WeChat.
  const qr = s.events.find((e) => textOf(e).startsWith('二维码：'))!;
  expect(textOf(qr)).toBe(`二维码：${OCR_QR_TEXT}`);
  expect(ocrOf(qr)!.kind).toBe('qr');
  const qrFinding = s.findings.find((f) => f.eventId === qr.id && f.ruleId === 'ocr.qr_code_contact')!;
  expect(qrFinding).toMatchObject({ category: 'off_platform_inducement', severity: 'high', match: OCR_QR_TEXT });
  expect(s.blobs.some((b) => b.sha256 === ocrOf(qr)!.crop!.sha256)).toBe(true);

  // A WeChat id in the next subtitle: a contact-on-screen finding with the id.
  await expect
    .poll(async () => (await readOcrStore(ext)).findings.filter((f) => f.ruleId === 'ocr.contact_on_screen').map((f) => f.normalized), {
      timeout: 45_000,
      interval: 500,
    })
    .toContain('lp2026demo');

  // Text that stayed on screen across many frames was recorded once.
  s = await readOcrStore(ext);
  expect(s.events.filter((e) => textOf(e).includes('全网最低价')).length).toBe(1);
  expect(s.events.filter((e) => textOf(e).includes('治疗湿疹')).length).toBe(1);

  // Switching OCR off closes the offscreen document (the models' memory goes with it).
  expect(await sendFromExtensionPage(ext, { type: 'setOcr', on: false })).toEqual({ ok: true, ocr: false });
  expect(await offscreenCount()).toBe(0);
  await page.close();
  await ext.close();
});

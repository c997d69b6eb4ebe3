/**
 * OCR beyond the page's own pixels: (1) a cross-origin "video" (the room's canvas
 * tainted by a watermark from another origin, as a CDN video is), read from a
 * screenshot of the tab and cropped to the picture; (2) regions the user drags out
 * over the video in the picker, which then are the only parts read.
 */
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startDemoServer, type DemoServer } from '../demo-room/server';
import { demoSession } from './demo-session';
import { sendFromExtensionPage } from './extension-page';
import { ocrOf, readOcrStore, textOf } from './ocr-store';

const lp = demoSession();
/** A second origin on this machine: what it serves a page may draw but not read back. */
let other: DemoServer;
const LOGO = '<svg xmlns="http://www.w3.org/2000/svg" width="32" height="32"><circle cx="16" cy="16" r="14" fill="#fff"/></svg>';

beforeAll(async () => {
  other = await startDemoServer(0, { routes: [{ path: '/logo.svg', body: LOGO, type: 'image/svg+xml' }] });
});
afterAll(async () => {
  await other?.close();
});

const sendToTab = (ext: import('playwright-core').Page, tabId: number, message: unknown) =>
  ext.evaluate(
    ([id, m]) => (globalThis as unknown as { chrome: { tabs: { sendMessage(id: number, m: unknown): Promise<unknown> } } }).chrome.tabs.sendMessage(id as number, m),
    [tabId, message] as const,
  );

test('a cross-origin picture is read from a screenshot of the tab, cropped to the picture', async () => {
  const ext = await lp.browser.context.newPage();
  await ext.goto(`chrome-extension://${lp.browser.extensionId}/popup.html`);
  expect(await sendFromExtensionPage(ext, { type: 'setOcr', on: true })).toEqual({ ok: true, ocr: true });

  const page = await lp.browser.context.newPage();
  await page.goto(lp.demo.roomUrl('ocr', { logo: `${other.origin}/logo.svg` }));
  // The demo room lays its DOM caption and notice over the video; a screenshot would read them too. This
  // test is about the burned-in pixels, so they are hidden.
  await page.addStyleTag({ content: '.caption-band, .pinned-notice { display: none !important; }' });
  await page.bringToFront();
  // The page itself can no longer read its canvas: neither can the frame grabber.
  await expect
    .poll(() => page.evaluate(() => {
      try {
        document.querySelector('canvas')!.getContext('2d')!.getImageData(0, 0, 1, 1);
        return 'readable';
      } catch (e) {
        return (e as Error).name;
      }
    }), { timeout: 10_000 })
    .toBe('SecurityError');

  await expect
    .poll(async () => (await readOcrStore(ext)).events.filter((e) => ocrOf(e)?.frame === 'screenshot').map(textOf).join('|'), { timeout: 60_000, interval: 500 })
    .toMatch(/(?=.*治疗湿疹)(?=.*全网最低价)/);
  const s = await readOcrStore(ext);
  // Nothing came from the page's pixels directly.
  expect(s.events.filter((e) => ocrOf(e)?.frame !== 'screenshot')).toEqual([]);
  const subtitle = s.events.find((e) => textOf(e).includes('治疗湿疹'))!;
  expect(subtitle.kind).toBe('caption');
  expect(s.findings.some((f) => f.eventId === subtitle.id)).toBe(true);
  // The box is in the picture's pixels (the canvas shown at its page size), inside it, and the crop is stored.
  const box = ocrOf(subtitle)!.box;
  const shown = await page.evaluate(() => document.querySelector('canvas')!.getBoundingClientRect().width);
  expect(box.x + box.w).toBeLessThanOrEqual(Math.ceil(shown) + 1);
  expect(s.blobs.some((b) => b.sha256 === ocrOf(subtitle)!.crop!.sha256)).toBe(true);

  expect(await sendFromExtensionPage(ext, { type: 'setOcr', on: false })).toEqual({ ok: true, ocr: false });
  await page.close();
  await ext.close();
});

test('regions picked over the video are read, and only they', async () => {
  const ext = await lp.browser.context.newPage();
  await ext.goto(`chrome-extension://${lp.browser.extensionId}/popup.html`);
  const url = lp.demo.roomUrl('ocr');
  const page = await lp.browser.context.newPage();
  await page.goto(url);
  const tabId = await lp.browser.tabIdOf(url);

  expect(await sendToTab(ext, tabId, { type: 'liveproof:startPicker' })).toEqual({ ok: true, started: true });
  await page.waitForSelector('liveproof-picker', { state: 'attached' });
  await page.keyboard.press('5');
  // The sticker is drawn at (20, 60)–(250, 116) of the 640×360 canvas; drag a box around it on screen.
  const c = await page.evaluate(() => {
    const r = document.querySelector('canvas')!.getBoundingClientRect();
    return { x: r.x, y: r.y, s: r.width / 640 };
  });
  await page.mouse.move(c.x + 12 * c.s, c.y + 52 * c.s);
  await page.mouse.down();
  await page.mouse.move(c.x + 150 * c.s, c.y + 90 * c.s);
  await page.mouse.move(c.x + 258 * c.s, c.y + 124 * c.s);
  await page.mouse.up();
  // A click outside the picture adds nothing.
  await page.mouse.move(5, 5);
  await page.mouse.down();
  await page.mouse.move(9, 9);
  await page.mouse.up();
  await page.keyboard.press('Enter');
  await page.waitForSelector('liveproof-picker', { state: 'detached' });

  const key = `picker:${lp.demo.origin}`;
  const stored = (await ext.evaluate(
    (k) => (globalThis as unknown as { chrome: { storage: { local: { get(k: string): Promise<Record<string, unknown>> } } } }).chrome.storage.local.get(k),
    key,
  )) as Record<string, { ocrRegions?: { x: number; y: number; w: number; h: number }[] }>;
  const regions = stored[key]!.ocrRegions!;
  expect(regions).toHaveLength(1);
  expect(regions[0]!.x).toBeCloseTo(12 / 640, 2);
  expect(regions[0]!.w).toBeCloseTo(246 / 640, 2);

  const t0 = Date.now();
  expect(await sendFromExtensionPage(ext, { type: 'setOcr', on: true })).toEqual({ ok: true, ocr: true });
  const fresh = async () => (await readOcrStore(ext)).events.filter((e) => e.observedAt >= t0);
  await expect.poll(async () => (await fresh()).map(textOf).join('|'), { timeout: 60_000, interval: 500 }).toContain('全网最低价');
  const sticker = (await fresh()).find((e) => textOf(e).includes('全网最低价'))!;
  expect(ocrOf(sticker)).toMatchObject({ picked: true, frame: 'canvas' });
  // The subtitle band and the QR code lie outside the region: a few more frames, still not read.
  await page.waitForTimeout(4000);
  const all = await fresh();
  expect(all.filter((e) => /治疗湿疹|二维码/.test(textOf(e)))).toEqual([]);
  expect(all.every((e) => ocrOf(e)?.picked === true)).toBe(true);

  expect(await sendFromExtensionPage(ext, { type: 'setOcr', on: false })).toEqual({ ok: true, ocr: false });
  await page.close();
  await ext.close();
});

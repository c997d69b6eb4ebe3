/**
 * The pipe, end to end: demo room → content script → background (Zod, sender
 * check, Dexie) → popup, in a real Chromium with the built extension.
 */
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startDemoServer, type DemoServer } from '../demo-room/server';
import { launchWithExtension, type ExtensionBrowser } from './harness';

let demo: DemoServer;
let browser: ExtensionBrowser;

beforeAll(async () => {
  demo = await startDemoServer();
  browser = await launchWithExtension();
});

afterAll(async () => {
  // Every e2e run checks that nothing left the machine.
  const off = browser?.offMachine() ?? [];
  await browser?.close();
  await demo?.close();
  expect(off, `requests off the machine: ${JSON.stringify(off)}`).toEqual([]);
});

test('the popup shows the demo room, its product card and every event the room produced', async () => {
  const page = await browser.context.newPage();
  const url = demo.roomUrl('quick');
  await page.goto(url);
  await page.waitForSelector('html[data-scenario-done="1"]', { state: 'attached', timeout: 20_000 });
  const tabId = await browser.tabIdOf(url);

  const popup = await browser.openPopup(tabId);
  // quick.json: room, product, notice, 4 captions, 1 comment = 8 events.
  await expect.poll(() => popup.getByTestId('event-count').textContent(), { timeout: 30_000 }).toBe('8');
  expect(await popup.getByTestId('room-title').textContent()).toBe('测试直播间');
  expect(await popup.getByTestId('host').textContent()).toBe('测试主播');
  expect(await popup.getByTestId('room-id').textContent()).toBe('demo-quick');
  expect(await popup.getByTestId('product-title').textContent()).toBe('玻尿酸修护面霜 50g');
  expect(await popup.getByTestId('product-price').textContent()).toContain('99.00');
  expect(await popup.getByTestId('product-original-price').textContent()).toContain('399.00');
  await popup.close();
  await page.close();
});

test('a page the extension does not read shows no room in the popup', async () => {
  const page = await browser.context.newPage();
  await page.goto(`${demo.origin}/fixtures/plain.html`);
  const tabId = await browser.tabIdOf(`${demo.origin}/fixtures/plain.html`);
  const popup = await browser.openPopup(tabId);
  await expect.poll(() => popup.locator('.empty').first().textContent(), { timeout: 10_000 }).toContain('没有识别到直播间');
  await popup.close();
  await page.close();
});

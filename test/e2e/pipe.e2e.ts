/**
 * The pipe, end to end: demo room → content script → background (Zod, sender
 * check, Dexie) → popup, in a real Chromium with the built extension.
 */
import { expect, test } from 'vitest';
import { demoSession } from './demo-session';

const lp = demoSession();

test('the popup shows the demo room, its product card and every event the room produced', async () => {
  const page = await lp.browser.context.newPage();
  const url = lp.demo.roomUrl('quick');
  await page.goto(url);
  await page.waitForSelector('html[data-scenario-done="1"]', { state: 'attached', timeout: 20_000 });
  const tabId = await lp.browser.tabIdOf(url);

  const popup = await lp.browser.openPopup(tabId);
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
  const page = await lp.browser.context.newPage();
  await page.goto(`${lp.demo.origin}/fixtures/plain.html`);
  const tabId = await lp.browser.tabIdOf(`${lp.demo.origin}/fixtures/plain.html`);
  const popup = await lp.browser.openPopup(tabId);
  await expect.poll(() => popup.locator('.empty').first().textContent(), { timeout: 10_000 }).toContain('没有识别到直播间');
  await popup.close();
  await page.close();
});

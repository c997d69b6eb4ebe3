/**
 * The picker on a site that is not a listed platform (here shop.example.test, mapped to this machine and
 * served over HTTPS): no LiveProof script runs there until the user chooses "enable on this site" in the
 * popup; then the reader is injected into the open tab and registered for the site, the picker starts,
 * the binding is saved and read, a reload runs the registered reader, and removing the site in the
 * dashboard stops it.
 */
import { expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { demoSession } from './demo-session';
import { extensionPage, storedEvents } from './platforms-env';

const HOST = 'shop.example.test';
const lp = demoSession({ hosts: [HOST] });
let ext: Page;

const registered = () =>
  ext.evaluate(async () =>
    ((await (globalThis as unknown as { chrome: { scripting: { getRegisteredContentScripts(): Promise<{ id: string; matches?: string[] }[]> } } }).chrome.scripting.getRegisteredContentScripts()) ?? []).map((s) => s.matches?.[0]),
  );

test('enable an unlisted site from the popup, pick, read, reload, remove', async () => {
  const { browser } = lp;
  ext = await extensionPage(browser);
  const url = `https://${HOST}/fixtures/platforms/generic-shop-card.html`;
  const page = await browser.context.newPage();
  await page.goto(url);
  const tabId = await browser.tabIdOf(url);
  // Not a listed platform: nothing of LiveProof runs on the page.
  await page.waitForTimeout(1000);
  expect(await storedEvents(ext, tabId)).toEqual([]);
  expect(await registered()).toEqual([]);

  const popup = await browser.openPopup(tabId);
  const button = popup.getByTestId('start-picker');
  await expect.poll(() => button.textContent(), { timeout: 15_000 }).toBe('在此网站启用并选取');
  await button.click();
  await page.waitForSelector('liveproof-picker', { state: 'attached', timeout: 30_000 });
  expect(await registered()).toEqual([`https://${HOST}/*`, `https://${HOST}/*`]);

  await page.hover('#card-b p:first-child');
  await page.click('#card-b p:first-child');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('Enter');
  await page.waitForSelector('liveproof-picker', { state: 'detached' });
  await expect.poll(async () => (await storedEvents(ext, tabId)).map((e) => e.kind).sort(), { timeout: 30_000 }).toEqual(['product', 'room']);
  const product = (await storedEvents(ext, tabId)).find((e) => e.kind === 'product')!;
  expect(product.source).toBe('picker');
  expect(product.payload).toMatchObject({ title: '示例品牌 加湿器 静音 大雾量', price: 89, originalPrice: 149 });

  // A reload runs the registered reader (once: one new session, not two).
  await page.reload();
  await expect.poll(async () => new Set((await storedEvents(ext, tabId)).map((e) => e.sessionKey)).size, { timeout: 30_000 }).toBe(2);

  // Remove the site in the dashboard: its scripts are gone, and a reload reads nothing new.
  const dash = await browser.context.newPage();
  await dash.goto(`chrome-extension://${browser.extensionId}/dashboard.html`);
  await dash.getByTestId('tab-settings').click();
  const sites = dash.getByTestId('sites');
  await expect.poll(() => sites.textContent(), { timeout: 15_000 }).toContain(`https://${HOST}`);
  await sites.getByRole('button', { name: '移除' }).click();
  await expect.poll(() => sites.textContent(), { timeout: 15_000 }).not.toContain(HOST);
  expect(await registered()).toEqual([]);
  const before = (await storedEvents(ext, tabId)).length;
  await page.reload();
  await page.waitForTimeout(2000);
  expect((await storedEvents(ext, tabId)).length).toBe(before);
  await page.close();
});

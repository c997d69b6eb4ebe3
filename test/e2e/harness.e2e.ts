/**
 * The harness itself: the no-network check must catch a request off the
 * machine, whether a page or the extension's service worker makes it.
 * (Host names cannot resolve in the harness, so nothing actually leaves.)
 */
import { afterAll, beforeAll, expect, test } from 'vitest';
import { launchWithExtension, type ExtensionBrowser } from './harness';

let browser: ExtensionBrowser;
beforeAll(async () => {
  browser = await launchWithExtension();
});
afterAll(async () => {
  await browser?.close();
});

test('a deliberate request from the extension service worker is caught as off-machine', async () => {
  expect(browser.offMachine()).toEqual([]);
  await browser.worker.evaluate(async () => {
    try {
      await fetch('https://collector.example.com/beacon?x=1');
    } catch {
      // It cannot resolve; what matters is that it was attempted and seen.
    }
  });
  await expect.poll(() => browser.offMachine().map((r) => r.url)).toContain('https://collector.example.com/beacon?x=1');
});

test('a deliberate request from a page is caught as off-machine', async () => {
  const page = await browser.context.newPage();
  await page.goto('about:blank');
  await page.evaluate(() => fetch('https://tracker.example.net/pixel').catch(() => undefined));
  await expect.poll(() => browser.offMachine().map((r) => r.url)).toContain('https://tracker.example.net/pixel');
  await page.close();
});

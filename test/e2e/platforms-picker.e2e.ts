/**
 * The element picker on a page no adapter reads (the generic test bed, on
 * loopback): an extension page starts it, the user hovers and clicks (trusted
 * input), widens the pick with ↑, saves with Enter; the binding is stored per
 * site and the picked fields reach the background as source "picker". The
 * page's own synthetic clicks cannot pick anything.
 */
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { startDemoServer, type DemoServer } from '../demo-room/server';
import { launchWithExtension, type ExtensionBrowser } from './harness';
import { extensionPage, storedEvents, texts } from './platforms-env';
import type { ProductPayload, RoomPayload } from '../../lib/protocol/types';

let demo: DemoServer;
let browser: ExtensionBrowser;
let ext: Page;

beforeAll(async () => {
  demo = await startDemoServer();
  browser = await launchWithExtension();
  ext = await extensionPage(browser);
});

afterAll(async () => {
  const off = browser?.offMachine() ?? [];
  await browser?.close();
  await demo?.close();
  expect(off, `requests off the machine: ${JSON.stringify(off)}`).toEqual([]);
});

const sendToTab = (tabId: number, message: unknown) =>
  ext.evaluate(
    ([id, m]) => (globalThis as unknown as { chrome: { tabs: { sendMessage(id: number, m: unknown): Promise<unknown> } } }).chrome.tabs.sendMessage(id as number, m),
    [tabId, message] as const,
  );

test('pick the card and the caption region, save, and read them', async () => {
  const url = `${demo.origin}/fixtures/platforms/generic-shop-card.html`;
  const page = await browser.context.newPage();
  await page.goto(url);
  const tabId = await browser.tabIdOf(url);
  // Nothing is read before the user binds anything.
  expect(await storedEvents(ext, tabId)).toEqual([]);

  expect(await sendToTab(tabId, { type: 'liveproof:startPicker' })).toEqual({ ok: true, started: true });
  await page.waitForSelector('liveproof-picker', { state: 'attached' });

  // Product: click the title line of card B, widen to the whole card with ↑.
  await page.hover('#card-b p:first-child');
  await page.click('#card-b p:first-child');
  await page.keyboard.press('ArrowUp');
  // The page tries to re-pick for the user with a synthetic click on its decoy and a synthetic Enter: ignored.
  await page.evaluate(() => {
    const rail = document.querySelector('.rail span')!;
    const r = rail.getBoundingClientRect();
    rail.dispatchEvent(new MouseEvent('click', { bubbles: true, clientX: r.left + 2, clientY: r.top + 2 }));
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter' }));
  });
  expect(await page.locator('liveproof-picker').count()).toBe(1);
  // Caption: switch field with 2 and click the aria-live band.
  await page.keyboard.press('2');
  await page.click('[aria-live="polite"]');
  await page.keyboard.press('Enter');
  await page.waitForSelector('liveproof-picker', { state: 'detached' });

  const stored = (await ext.evaluate(
    (k) => (globalThis as unknown as { chrome: { storage: { local: { get(k: string): Promise<Record<string, unknown>> } } } }).chrome.storage.local.get(k),
    `picker:${demo.origin}`,
  )) as Record<string, { fields: Record<string, string[]> }>;
  const fields = stored[`picker:${demo.origin}`]!.fields;
  expect(Object.keys(fields).sort()).toEqual(['caption', 'product']);
  expect(fields.product![0]).toBe('#card-b');

  await expect.poll(async () => (await storedEvents(ext, tabId)).map((e) => e.kind).sort(), { timeout: 15_000 }).toEqual(['caption', 'product', 'room']);
  const ev = await storedEvents(ext, tabId);
  const product = ev.find((e) => e.kind === 'product')!;
  expect(product.source).toBe('picker');
  expect(product.payload as ProductPayload).toMatchObject({ title: '示例品牌 加湿器 静音 大雾量', price: 89, originalPrice: 149 });
  expect(texts(ev, 'caption')).toEqual(['主播说这款羽绒服今天最低价']);
  expect((ev.find((e) => e.kind === 'room')!.payload as RoomPayload)).toMatchObject({ platform: 'generic', title: '通用测试页' });

  // The binding is per site and survives a reload.
  await page.reload();
  const tab2 = await browser.tabIdOf(url);
  await expect.poll(async () => new Set((await storedEvents(ext, tab2)).map((e) => e.sessionKey)).size, { timeout: 15_000 }).toBe(2);
  await page.close();
});

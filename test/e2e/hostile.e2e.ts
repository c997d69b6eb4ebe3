/**
 * A hostile page on a supported host: it spoofs the tap's private channel,
 * floods mutations and comment rows and swaps the product card in place.
 * Nothing spoofed may be stored, the genuine traffic must still arrive, the
 * comment flood must be capped, and the background must keep answering.
 */
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { extensionPage, startPlatformEnv, storedEvents, type PlatformEnv } from './platforms-env';
import type { ProductPayload } from '../../lib/protocol/types';

let env: PlatformEnv;
let ext: Page;

beforeAll(async () => {
  env = await startPlatformEnv([{ host: 'live.douyin.com', path: '/7099999999', file: 'platforms/douyin/hostile.html' }]);
  ext = await extensionPage(env.browser);
});

afterAll(async () => {
  const off = env?.browser.offMachine() ?? [];
  await env?.close();
  expect(off, `requests off the machine: ${JSON.stringify(off)}`).toEqual([]);
});

test('spoofed channel messages are ignored, genuine traffic still counts, floods are capped', async () => {
  const url = 'https://live.douyin.com/7099999999';
  const page = await env.browser.context.newPage();
  await page.goto(url);
  const tabId = await env.browser.tabIdOf(url);
  await page.waitForSelector('html[data-flood-done]', { state: 'attached', timeout: 30_000 });
  const hostile = await page.evaluate(() => (window as unknown as { __hostile: { stolen: number; posted: number } }).__hostile);
  // The page really tried: it saw the handshake port and posted its own channels and messages.
  expect(hostile.stolen).toBeGreaterThan(0);
  expect(hostile.posted).toBeGreaterThan(10);

  // The genuine pop/v3 response arrives through the tap despite the noise.
  let seen: string[] = [];
  await expect
    .poll(
      async () => {
        const ev = await storedEvents(ext, tabId);
        seen = [...new Set(ev.map((e) => `${e.kind}/${e.source}`))];
        return ev.some((e) => e.kind === 'product' && e.source === 'http');
      },
      { timeout: 20_000 },
    )
    .toBe(true)
    .catch((e: unknown) => {
      throw new Error(`no genuine product; stored kinds/sources: ${seen.join(', ')}; page: ${JSON.stringify(hostile)}; ${String(e)}`);
    });

  // The background answers a page message while (and after) the page floods.
  const state = (await ext.evaluate(
    (id) => (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }).chrome.runtime.sendMessage({ type: 'tabState', tabId: id }),
    tabId,
  )) as { session: { platform: string } | null };
  expect(state.session?.platform).toBe('douyin');

  const events = await storedEvents(ext, tabId);
  expect(events.filter((e) => JSON.stringify(e.payload).includes('伪造'))).toEqual([]);
  const genuine = events.find((e) => e.kind === 'product' && e.source === 'http')!.payload as ProductPayload;
  expect(genuine).toMatchObject({ title: '示例品牌 保温杯 500ml 316不锈钢', price: 59.9, originalPrice: 99 });

  // Thousands of comment rows were rendered; the rate limit let a bounded number through.
  const flooded = Number(await page.evaluate(() => document.documentElement.dataset.floodDone));
  const comments = events.filter((e) => e.kind === 'comment');
  expect(flooded).toBeGreaterThan(2000);
  expect(comments.length).toBeGreaterThan(0);
  expect(comments.length).toBeLessThan(400);
  // The card swapped in place hundreds of times: once the network card is in force, DOM swaps do not replace it.
  const products = events.filter((e) => e.kind === 'product');
  expect(products.length).toBeLessThan(12);
  await page.close();
});

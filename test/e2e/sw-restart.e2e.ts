/**
 * MV3 can stop the service worker at any moment. Stop it again and again
 * (CDP ServiceWorker.stopAllWorkers) while the demo room streams: every event
 * must arrive exactly once.
 */
import { expect, test } from 'vitest';
import { demoSession } from './demo-session';
import { readStore, sendFromExtensionPage } from './extension-page';

const lp = demoSession();

test('stopping the service worker repeatedly during a stream loses no event and duplicates none', async () => {
  const page = await lp.browser.context.newPage();
  const url = lp.demo.roomUrl('stream');
  await page.goto(url);
  const tabId = await lp.browser.tabIdOf(url);
  const ext = await lp.browser.openPopup(tabId);
  const cdp = await lp.browser.context.newCDPSession(ext);
  await cdp.send('ServiceWorker.enable');

  let stops = 0;
  const done = page.waitForSelector('html[data-scenario-done="1"]', { state: 'attached', timeout: 60_000 });
  let finished = false;
  void done.then(() => (finished = true));
  while (!finished) {
    await new Promise((r) => setTimeout(r, 300));
    await cdp.send('ServiceWorker.stopAllWorkers');
    stops++;
  }
  expect(stops).toBeGreaterThanOrEqual(6);

  // The content script resends what was not acknowledged; wait for the store to settle.
  const captions = async () => (await readStore(ext)).events.filter((e) => e.kind === 'caption');
  await expect.poll(async () => (await captions()).length, { timeout: 30_000, interval: 500 }).toBe(30);
  const texts = (await captions()).map((e) => e.payload.text);
  expect(new Set(texts).size).toBe(30);
  for (let i = 1; i <= 30; i++) expect(texts.some((t) => t?.startsWith(`第${i}句`))).toBe(true);
  const state = (await sendFromExtensionPage(ext, { type: 'tabState', tabId })) as { eventCount: number };
  expect(state.eventCount).toBe(32); // room + product + 30 captions, each once
  await ext.close();
  await page.close();
});

/**
 * Popup first content with a large evidence store. Runnable alone: `npx tsx bench/popup.bench.ts` (after
 * `npx wxt build --mode e2e`), or through `npm run bench -- popup`.
 *
 * A real session is made by the demo room (quick scenario) in Chromium with the built extension. The popup for
 * that tab is opened five times and the time from navigation to the room title on screen is taken (median).
 * Then 100,000 events and 20,000 findings are added to that session in the extension's own IndexedDB (copies
 * of the real rows with new ids and times), and the popup is measured again the same way. Reported: both
 * medians, their ratio (what the stored volume costs), and the target (first content within 200 ms).
 * LP_POPUP_BENCH_EVENTS changes the volume; LP_POPUP_BENCH_DEBUG=1 prints each run (first content and
 * DOMContentLoaded) and the background's tabState round trip. No assertions.
 */
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { startDemoServer } from '../test/demo-room/server';
import { launchWithExtension, type ExtensionBrowser } from '../test/e2e/harness';

const EVENTS = Number(process.env.LP_POPUP_BENCH_EVENTS ?? '100000');
const FINDINGS = Math.round(EVENTS / 5);
const RUNS = 5;

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function firstContentMs(browser: ExtensionBrowser, tabId: number): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const page = await browser.context.newPage();
    await page.goto(`chrome-extension://${browser.extensionId}/popup.html?tabId=${tabId}`, { waitUntil: 'commit' });
    await page.waitForSelector('[data-testid="room-title"]', { state: 'attached', timeout: 30_000 });
    // time since this document's navigation started, taken in the page as soon as the title is there
    const [now, dcl] = await page.evaluate(() => [performance.now(), (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined)?.domContentLoadedEventEnd ?? 0]);
    times.push(now!);
    if (process.env.LP_POPUP_BENCH_DEBUG) console.error(`first content ${now!.toFixed(0)} ms, DOMContentLoaded ${dcl!.toFixed(0)} ms`);
    await page.close();
  }
  return median(times);
}

/**
 * Copies of the session's real event and finding rows, written in batches straight into IndexedDB. Plain
 * JavaScript source (tsx would wrap inner functions in a helper the page does not have).
 */
const FILL_SRC = `async ([key, nEvents, nFindings]) => {
  const db = await new Promise((ok, fail) => { const r = indexedDB.open('liveproof'); r.onsuccess = () => ok(r.result); r.onerror = () => fail(r.error); });
  async function read(store) {
    return new Promise((ok, fail) => {
      const r = db.transaction(store).objectStore(store).getAll();
      r.onsuccess = () => ok(r.result.filter((x) => x.sessionKey === key));
      r.onerror = () => fail(r.error);
    });
  }
  async function put(store, rows) {
    return new Promise((ok, fail) => {
      const tx = db.transaction(store, 'readwrite');
      const os = tx.objectStore(store);
      for (const r of rows) os.put(r);
      tx.oncomplete = () => ok();
      tx.onerror = () => fail(tx.error);
    });
  }
  const events = await read('events');
  const findings = await read('findings');
  if (!events.length || !findings.length) throw new Error("no real rows to copy for session " + key + ": " + events.length + " events, " + findings.length + " findings");
  const t0 = Date.now() - 6 * 3600000;
  for (let done = 0; done < nEvents; done += 5000) {
    const rows = [];
    for (let i = done; i < Math.min(nEvents, done + 5000); i++) rows.push({ ...events[i % events.length], id: 'bench-e-' + i, seq: 1000000 + i, observedAt: t0 + i * 200 });
    await put('events', rows);
  }
  for (let done = 0; done < nFindings; done += 5000) {
    const rows = [];
    for (let i = done; i < Math.min(nFindings, done + 5000); i++) rows.push({ ...findings[i % findings.length], id: 'bench-f-' + i, eventId: 'bench-e-' + i, observedAt: t0 + i * 1000 });
    await put('findings', rows);
  }
  db.close();
  return { events: nEvents, findings: nFindings };
}`;

export function countFindings(ext: Page, sessionKey: string): Promise<number> {
  return ext.evaluate(
    (key) =>
      new Promise<number>((ok, fail) => {
        const req = indexedDB.open('liveproof');
        req.onsuccess = () => {
          const r = req.result.transaction('findings').objectStore('findings').index('sessionKey').count(key);
          r.onsuccess = () => {
            req.result.close();
            ok(r.result);
          };
          r.onerror = () => fail(r.error);
        };
        req.onerror = () => fail(req.error);
      }),
    sessionKey,
  );
}

export function fill(ext: Page, sessionKey: string): Promise<{ events: number; findings: number }> {
  return ext.evaluate(`(${FILL_SRC})(${JSON.stringify([sessionKey, EVENTS, FINDINGS])})`) as Promise<{ events: number; findings: number }>;
}

export default async function benchPopup(): Promise<string> {
  const demo = await startDemoServer();
  const browser = await launchWithExtension();
  try {
    const room = await browser.context.newPage();
    const url = demo.roomUrl('quick');
    await room.goto(url);
    await room.waitForSelector('html[data-scenario-done="1"]', { state: 'attached', timeout: 60_000 });
    const tabId = await browser.tabIdOf(url);
    const ext = await browser.context.newPage();
    await ext.goto(`chrome-extension://${browser.extensionId}/dashboard.html`);
    const sessionKey = await ext.evaluate(
      (id) =>
        new Promise<string>((ok, fail) => {
          const req = indexedDB.open('liveproof');
          req.onsuccess = () => {
            const r = req.result.transaction('sessions').objectStore('sessions').getAll();
            r.onsuccess = () => ok(((r.result as { key: string; tabId: number }[]).find((s) => s.tabId === id) ?? { key: '' }).key);
            r.onerror = () => fail(r.error);
          };
          req.onerror = () => fail(req.error);
        }),
      tabId,
    );
    // The last batch of the room may still be on its way to the store: wait until its findings are there.
    for (let i = 0; i < 40 && (await countFindings(ext, sessionKey)) === 0; i++) await new Promise((r) => setTimeout(r, 250));
    const small = await firstContentMs(browser, tabId);
    const f0 = Date.now();
    const added = await fill(ext, sessionKey);
    const fillSec = (Date.now() - f0) / 1000;
    if (process.env.LP_POPUP_BENCH_DEBUG) {
      // the background's part of first content: the tabState round trip (1 and 10 in a row)
      for (const limit of [1, 10]) {
        const ms = await ext.evaluate(async ([id, n]) => {
          const t = performance.now();
          for (let k = 0; k < n; k++) await (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }).chrome.runtime.sendMessage({ type: 'tabState', tabId: id });
          return performance.now() - t;
        }, [tabId, limit] as const);
        console.error(`tabState × ${limit}: ${ms.toFixed(0)} ms`);
      }
    }
    const large = await firstContentMs(browser, tabId);
    const lines = [
      `popup first content (navigation → room title on screen, median of ${RUNS}):`,
      `  store from one demo session           ${small.toFixed(0)} ms`,
      `  + ${added.events.toLocaleString('en')} events, ${added.findings.toLocaleString('en')} findings   ${large.toFixed(0)} ms   (× ${(large / small).toFixed(2)} the small store; filled in ${fillSec.toFixed(0)} s)`,
      `target ${large < 200 ? 'ok  ' : 'MISS'} first content < 200 ms with 100k events`,
      `machine load average ${loadavg().map((x) => x.toFixed(1)).join(' ')}`,
    ];
    return lines.join('\n');
  } finally {
    await browser.close();
    await demo.close();
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  benchPopup().then((s) => console.log(s), (e: unknown) => {
    console.error(e);
    process.exit(1);
  });
}

/**
 * End-to-end harness: a real Chromium with the built extension loaded,
 * headless, driven by playwright-core. Every request the browser context makes
 * (pages and the extension's service worker) is recorded; `offMachine()` lists
 * those that went anywhere but 127.0.0.1, and every test ends by asserting the
 * extension made none.
 */
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page, type Worker } from 'playwright-core';

/** The shipping build. */
export const EXTENSION_DIR = resolve(import.meta.dirname, '../../.output/chrome-mv3');
/** The same code with the screenshot permission pre-granted (see wxt.config.ts): what the e2e tests load. */
export const E2E_EXTENSION_DIR = resolve(import.meta.dirname, '../../.output/chrome-mv3-e2e');

export function chromiumPath(): string {
  const p = process.env.CHROME_PATH ?? '/usr/bin/chromium';
  if (!existsSync(p)) {
    throw new Error(`Chromium not found at ${p}. Install it (Debian: sudo apt-get install -y chromium) or set CHROME_PATH.`);
  }
  return p;
}

export interface RecordedRequest {
  url: string;
  /** chrome-extension://… for requests the extension itself initiated, else the page's URL. */
  initiator: string;
  resourceType: string;
}

export interface ExtensionBrowser {
  context: BrowserContext;
  extensionId: string;
  worker: Worker;
  requests: RecordedRequest[];
  /** Requests to anything but loopback or the extension's own files. */
  offMachine(): RecordedRequest[];
  openPopup(tabId: number): Promise<Page>;
  /** The tab id Chrome gave the page whose URL starts with `urlPrefix`. */
  tabIdOf(urlPrefix: string): Promise<number>;
  close(): Promise<void>;
}

export const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-default-apps',
  // Safety net: no host name resolves to anything off this machine.
  '--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1 , EXCLUDE localhost',
];

export async function launchWithExtension(opts: { headless?: boolean; extensionDir?: string } = {}): Promise<ExtensionBrowser> {
  const dir = opts.extensionDir ?? E2E_EXTENSION_DIR;
  if (!existsSync(join(dir, 'manifest.json'))) throw new Error(`No built extension at ${dir}: run npm run build first.`);
  const profile = mkdtempSync(join(tmpdir(), 'liveproof-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath(),
    headless: opts.headless ?? true,
    args: [...CHROMIUM_FLAGS, `--disable-extensions-except=${dir}`, `--load-extension=${dir}`],
    viewport: { width: 1000, height: 800 },
  });
  const requests: RecordedRequest[] = [];
  context.on('request', (req) => {
    let initiator = '';
    try {
      const frame = req.frame();
      initiator = frame.url();
    } catch {
      // Service-worker requests have no frame.
      initiator = req.serviceWorker()?.url() ?? 'service-worker';
    }
    requests.push({ url: req.url(), initiator, resourceType: req.resourceType() });
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 15_000 }));
  const extensionId = new URL(worker.url()).host;

  return {
    context,
    extensionId,
    worker,
    requests,
    offMachine: () => requests.filter((r) => !isLocal(r.url, extensionId)),
    async openPopup(tabId: number) {
      // In a window of its own, as a real popup is: the room's tab stays the visible one in its window.
      const url = `chrome-extension://${extensionId}/popup.html?tabId=${tabId}`;
      const opened = context.waitForEvent('page', { predicate: (p) => p.url() === url, timeout: 15_000 });
      const sw = context.serviceWorkers()[0] ?? worker;
      await sw.evaluate((u) => (globalThis as unknown as { chrome: { windows: { create(o: object): Promise<unknown> } } }).chrome.windows.create({ url: u, focused: false }), url);
      const page = await opened;
      await page.waitForLoadState('domcontentloaded');
      return page;
    },
    async tabIdOf(urlPrefix: string) {
      const sw = context.serviceWorkers()[0] ?? worker;
      const id = await sw.evaluate(async (prefix) => {
        const tabs = await chrome.tabs.query({});
        return tabs.find((t) => t.url?.startsWith(prefix))?.id;
      }, urlPrefix);
      if (id === undefined) throw new Error(`no tab with URL ${urlPrefix}`);
      return id;
    },
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

export function isLocal(url: string, extensionId: string): boolean {
  try {
    const u = new URL(url);
    if (u.protocol === 'chrome-extension:') return u.host === extensionId;
    if (u.protocol === 'data:' || u.protocol === 'blob:' || u.protocol === 'about:') return true;
    return u.hostname === '127.0.0.1' || u.hostname === 'localhost' || u.hostname === '[::1]';
  } catch {
    return false;
  }
}

declare const chrome: { tabs: { query(q: object): Promise<{ id?: number; url?: string }[]> } };

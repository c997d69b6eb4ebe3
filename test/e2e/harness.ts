/**
 * End-to-end harness: a real Chromium with the built extension loaded,
 * headless, driven by playwright-core. Every request the browser context makes
 * (pages and the extension's service worker) is recorded; `offMachine()` lists
 * those that went anywhere but 127.0.0.1, and every test ends by asserting the
 * extension made none.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
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

export interface LaunchOptions {
  headless?: boolean;
  extensionDir?: string;
  /** Extra Chromium flags. */
  extraArgs?: string[];
  /**
   * Real host names to serve from this machine: each is mapped to 127.0.0.1:port (HTTPS; certificate errors are
   * ignored, so an openssl-made self-signed certificate serves every name). Every other name still resolves to
   * nothing, and requests to the mapped names count as local in offMachine().
   */
  mapHosts?: { hosts: string[]; port: number };
}

/** Chromium flags; with mapped hosts, the resolver rule maps them first and still refuses every other name. */
export function chromiumFlags(mapHosts?: LaunchOptions['mapHosts']): string[] {
  if (!mapHosts) return CHROMIUM_FLAGS;
  const maps = mapHosts.hosts.map((h) => `MAP ${h} 127.0.0.1:${mapHosts.port}`);
  return [
    ...CHROMIUM_FLAGS.filter((f) => !f.startsWith('--host-resolver-rules=')),
    `--host-resolver-rules=${[...maps, 'MAP * ~NOTFOUND', 'EXCLUDE 127.0.0.1', 'EXCLUDE localhost'].join(' , ')}`,
    '--ignore-certificate-errors',
  ];
}

/** A throw-away self-signed certificate for the given names, made with openssl. */
export function selfSignedCert(names: string[]): { key: string; cert: string } {
  const dir = mkdtempSync(join(tmpdir(), 'liveproof-cert-'));
  try {
    const san = ['IP:127.0.0.1', ...names.map((n) => `DNS:${n}`)].join(',');
    execFileSync(
      'openssl',
      ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=liveproof-test', '-addext', `subjectAltName=${san}`, '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')],
      { stdio: 'ignore' },
    );
    return { key: readFileSync(join(dir, 'key.pem'), 'utf8'), cert: readFileSync(join(dir, 'cert.pem'), 'utf8') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function launchWithExtension(opts: LaunchOptions = {}): Promise<ExtensionBrowser> {
  const dir = opts.extensionDir ?? E2E_EXTENSION_DIR;
  if (!existsSync(join(dir, 'manifest.json'))) throw new Error(`No built extension at ${dir}: run npm run build first.`);
  const profile = mkdtempSync(join(tmpdir(), 'liveproof-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath(),
    headless: opts.headless ?? true,
    args: [...chromiumFlags(opts.mapHosts), ...(opts.extraArgs ?? []), `--disable-extensions-except=${dir}`, `--load-extension=${dir}`],
    viewport: { width: 1000, height: 800 },
    ...(opts.mapHosts ? { ignoreHTTPSErrors: true } : {}),
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
    offMachine: () => requests.filter((r) => !isLocal(r.url, extensionId, opts.mapHosts?.hosts)),
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

export function isLocal(url: string, extensionId: string, mappedHosts: string[] = []): boolean {
  try {
    const u = new URL(url);
    // Mapped names resolve to this machine only (chromiumFlags): they are local too.
    if (mappedHosts.includes(u.hostname)) return true;
    if (u.protocol === 'chrome-extension:') return u.host === extensionId;
    if (u.protocol === 'data:' || u.protocol === 'blob:' || u.protocol === 'about:') return true;
    return u.hostname === '127.0.0.1' || u.hostname === 'localhost' || u.hostname === '[::1]';
  } catch {
    return false;
  }
}

declare const chrome: { tabs: { query(q: object): Promise<{ id?: number; url?: string }[]> } };

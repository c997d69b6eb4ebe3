/**
 * OCR in the background (Chrome): the on/off switch, the offscreen document's
 * life (created when OCR is switched on, closed when it is switched off, which
 * frees the models' memory), the frame grabbers' and the engine's ports, and
 * recording what was read (record.ts). Firefox has no offscreen documents: there
 * switching OCR on fails with OCR_UNAVAILABLE.
 */
import { browser } from 'wxt/browser';
import type { FindingRow, LiveProofDb } from '../evidence/db';
import type { AnalyzeFn } from '../evidence/store';
import { getSettings, settingsItem } from '../settings';
import { ENGINE_PORT, FRAMES_PORT, OCR_UNAVAILABLE, type EngineReply, type EngineRequest, type GrabberMessage, type RegionRead } from './messages';
import { recordReads } from './record';
import { GrabberMessageSchema } from './schemas';
import { TextMerger } from './text';

export interface OcrEnv {
  db: LiveProofDb;
  analyze?: AnalyzeFn;
  lexiconVersion: string;
  disabledCategories?: () => readonly string[];
  onFindings?: (tabId: number, findings: FindingRow[]) => void;
}

type Port = ReturnType<typeof browser.runtime.connect>;

const OFFSCREEN_PATH = '/offscreen.html';
/** Screenshots for cross-origin video: at most one per tab in this interval (captureVisibleTab allows 2/s in all). */
const SCREENSHOT_INTERVAL_MS = 1500;
/** Crops waiting while the engine is busy with a tab's previous frame. */
const MAX_WAITING = 12;

interface OffscreenApi {
  createDocument(p: { url: string; reasons: string[]; justification: string }): Promise<void>;
  closeDocument(): Promise<void>;
}

export function setupOcr(env: OcrEnv) {
  const offscreen = (browser as unknown as { offscreen?: OffscreenApi }).offscreen;
  const mergers = new Map<number, TextMerger>();
  const grabbers = new Set<Port>();
  const busy = new Set<number>();
  const lastShot = new Map<number, number>();
  let on = false;
  let enginePort: Port | null = null;
  let engineWaiters: ((p: Port | null) => void)[] = [];
  let nextId = 1;
  const pending = new Map<number, (r: EngineReply) => void>();
  let creating: Promise<void> | null = null;

  async function hasOffscreen(): Promise<boolean> {
    const rt = browser.runtime as unknown as { getContexts?: (f: object) => Promise<unknown[]> };
    const found = await rt.getContexts?.({ contextTypes: ['OFFSCREEN_DOCUMENT'], documentUrls: [browser.runtime.getURL(OFFSCREEN_PATH)] });
    return (found?.length ?? 0) > 0;
  }

  async function openOffscreen(): Promise<void> {
    if (!offscreen) return;
    creating ??= (async () => {
      if (!(await hasOffscreen())) {
        await offscreen.createDocument({
          url: OFFSCREEN_PATH,
          reasons: ['WORKERS'],
          justification: 'Reads burned-in text and QR codes of live-commerce video locally (OCR in WebAssembly).',
        });
      }
    })().finally(() => (creating = null));
    await creating;
  }

  async function closeOffscreen(): Promise<void> {
    if (!offscreen) return;
    await creating?.catch(() => undefined);
    if (await hasOffscreen()) await offscreen.closeDocument();
    enginePort = null;
    failPending('OCR switched off');
  }

  function failPending(error: string) {
    for (const [id, resolve] of pending) resolve({ id, ok: false, error });
    pending.clear();
    for (const w of engineWaiters.splice(0)) w(null);
  }

  function engine(): Promise<Port | null> {
    if (enginePort) return Promise.resolve(enginePort);
    if (!on) return Promise.resolve(null);
    return new Promise((resolve) => engineWaiters.push(resolve));
  }

  async function ask(req: EngineRequest extends infer T ? (T extends unknown ? Omit<T, 'id'> : never) : never): Promise<EngineReply> {
    const port = await engine();
    if (!port) return { id: 0, ok: false, error: 'OCR engine not running' };
    const id = nextId++;
    return new Promise((resolve) => {
      pending.set(id, resolve);
      port.postMessage({ ...req, id });
    });
  }

  async function record(tab: { id: number; title: string }, frame: 'video' | 'canvas' | 'screenshot', reads: RegionRead[]) {
    const res = await recordReads(
      {
        db: env.db,
        ...(env.analyze ? { analyze: env.analyze } : {}),
        lexiconVersion: env.lexiconVersion,
        ...(env.disabledCategories ? { disabledCategories: env.disabledCategories } : {}),
        mergerFor: (tabId) => {
          let m = mergers.get(tabId);
          if (!m) mergers.set(tabId, (m = new TextMerger()));
          return m;
        },
      },
      { tabId: tab.id, pageTitle: tab.title },
      frame,
      reads,
    );
    if (res.findings.length > 0) env.onFindings?.(tab.id, res.findings);
  }

  type TabRef = { id: number; title: string };
  const waiting = new Map<number, { tab: TabRef; m: GrabberMessage }>();

  /**
   * One frame in flight per tab. Crops arriving meanwhile wait in order (each is a band that changed, so
   * each may hold text seen nowhere else); past MAX_WAITING crops the oldest are dropped.
   */
  function onGrabberMessage(tab: TabRef, m: GrabberMessage): void {
    if (!on) return;
    if (!busy.has(tab.id)) return void process(tab, m);
    const w = waiting.get(tab.id)?.m;
    if (w?.type === 'crops' && m.type === 'crops' && w.frame === m.frame) {
      const crops = [...w.crops.filter((c) => !m.crops.some((n) => n.image === c.image)), ...m.crops];
      waiting.set(tab.id, { tab, m: { ...m, crops: crops.slice(-MAX_WAITING) } });
    } else waiting.set(tab.id, { tab, m });
  }

  async function process(tab: TabRef, m: GrabberMessage): Promise<void> {
    busy.add(tab.id);
    try {
      if (m.type === 'crops') {
        const reply = await ask({ op: 'read', crops: m.crops });
        if (reply.ok) await record(tab, m.frame, reply.reads);
        else console.warn('LiveProof OCR:', reply.error);
        return;
      }
      // Cross-origin video: a screenshot of the tab, only while it is the visible one.
      const now = Date.now();
      if (now - (lastShot.get(tab.id) ?? 0) < SCREENSHOT_INTERVAL_MS) return;
      const t = await browser.tabs.get(tab.id);
      if (!t.active || t.windowId === undefined) return;
      lastShot.set(tab.id, now);
      const image = await browser.tabs.captureVisibleTab(t.windowId, { format: 'png' });
      const rect = { x: m.rect.x * m.dpr, y: m.rect.y * m.dpr, w: m.rect.w * m.dpr, h: m.rect.h * m.dpr };
      const reply = await ask({ op: 'frame', key: String(tab.id), image, rect, ...(m.regions?.length ? { regions: m.regions } : {}) });
      if (reply.ok) await record(tab, 'screenshot', reply.reads);
    } catch (e) {
      console.warn('LiveProof OCR: frame failed', e);
    } finally {
      busy.delete(tab.id);
      const next = waiting.get(tab.id);
      waiting.delete(tab.id);
      if (next && on) void process(next.tab, next.m);
    }
  }

  browser.runtime.onConnect.addListener((port) => {
    const sender = port.sender;
    if (sender?.id !== browser.runtime.id) return port.disconnect();
    const extensionPage = sender.url?.startsWith(browser.runtime.getURL('/')) ?? false;
    if (port.name === ENGINE_PORT && extensionPage && sender.url === browser.runtime.getURL(OFFSCREEN_PATH)) {
      enginePort = port;
      for (const w of engineWaiters.splice(0)) w(port);
      port.onMessage.addListener((m) => {
        const reply = m as EngineReply;
        const resolve = pending.get(reply?.id);
        if (resolve) {
          pending.delete(reply.id);
          resolve(reply);
        }
      });
      port.onDisconnect.addListener(() => {
        if (enginePort === port) enginePort = null;
        failPending('OCR engine went away');
      });
      return;
    }
    const tab = sender.tab;
    if (port.name === FRAMES_PORT && !extensionPage && tab?.id !== undefined && tab.id >= 0) {
      grabbers.add(port);
      port.postMessage({ type: 'state', on });
      port.onMessage.addListener((raw) => {
        const parsed = GrabberMessageSchema.safeParse(raw);
        if (!parsed.success) return;
        onGrabberMessage({ id: tab.id!, title: tab.title ?? '' }, parsed.data);
      });
      port.onDisconnect.addListener(() => grabbers.delete(port));
      return;
    }
    port.disconnect();
  });

  browser.tabs.onRemoved.addListener((tabId) => {
    mergers.delete(tabId);
    lastShot.delete(tabId);
  });

  async function apply(next: boolean): Promise<void> {
    on = next;
    if (!on) waiting.clear();
    for (const p of grabbers) p.postMessage({ type: 'state', on });
    if (on) await openOffscreen();
    else {
      mergers.clear();
      await closeOffscreen();
    }
  }

  // After a service-worker restart, follow the stored setting.
  const ready = getSettings().then((s) => (s.ocr && offscreen ? apply(true) : undefined));

  return {
    ready,
    /** Switches OCR on or off and stores the choice; throws (with OCR_UNAVAILABLE) where OCR cannot run. */
    async setOcr(next: boolean): Promise<boolean> {
      if (next && !offscreen) throw new Error(`${OCR_UNAVAILABLE.zh} ${OCR_UNAVAILABLE.en}`);
      await ready.catch(() => undefined);
      await settingsItem.setValue({ ...(await getSettings()), ocr: next });
      await apply(next);
      return on;
    },
  };
}

/**
 * Background service worker: wiring only. Opens the evidence database, loads
 * the compiled lexicon, registers the message handler (sender check + Zod +
 * store + analyzer, in lib/), takes snapshots on serious findings and keeps
 * the toolbar badge in step.
 */
import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import compiledJson from '../lexicons/compiled/lexicon.json';
import { createCapturer } from '../lib/background/capture';
import { createEventAnalyzer } from '../lib/background/event-analyzer';
import { createMessageHandler } from '../lib/background/handlers';
import { screenshotTab } from '../lib/background/screenshot';
import { browserSiteApi, disableSite, listEnabledSites, watchSitePermissions } from '../lib/background/sites';
import { openEvidenceDb, pruneEvents } from '../lib/evidence/store';
import { loadCompiledLexicon } from '../lib/lexicon/compiled';
import { setupOcr } from '../lib/ocr/background';
import { getSettings, settingsItem, type Settings } from '../lib/settings';
import { enableSite } from '../lib/sites';

export default defineBackground(() => {
  const db = openEvidenceDb();
  const lexicon = loadCompiledLexicon(compiledJson);
  const action = browser.action ?? browser.browserAction;
  const badge = new Map<number, number>();
  let disabledCategories: readonly string[] = [];
  let customTerms: Settings['customTerms'] = [];
  // Every message first reads the settings (one storage read): a service worker woken by a batch must not
  // analyse it before the user's switched-off categories and own terms are known, and a change made a moment
  // ago in the dashboard applies to the next batch.
  const readSettings = () =>
    getSettings().then(
      (s) => {
        disabledCategories = s.disabledCategories;
        customTerms = s.customTerms;
      },
      () => undefined,
    );
  settingsItem.watch((s) => {
    disabledCategories = s?.disabledCategories ?? [];
    customTerms = s?.customTerms ?? [];
  });

  const capturer = createCapturer({
    db,
    screenshot: (tabId) => screenshotTab(browser.tabs, tabId),
    versions: () => ({ extension: browser.runtime.getManifest().version, lexicon: lexicon.lexiconVersion, browser: navigator.userAgent }),
    threshold: async () => (await getSettings()).autoCaptureThreshold,
    onError: (tabId, e) => console.error(`LiveProof: snapshot for tab ${tabId} failed`, e),
  });

  const handlerEnv: Parameters<typeof createMessageHandler>[0] = {
    db,
    extensionId: browser.runtime.id,
    extensionOrigin: browser.runtime.getURL('/'),
    analyze: createEventAnalyzer(lexicon, () => disabledCategories, () => customTerms),
    disabledCategories: () => disabledCategories,
    onFindings: (tabId, findings) => {
      const n = (badge.get(tabId) ?? 0) + findings.length;
      badge.set(tabId, n);
      void action.setBadgeText({ tabId, text: String(n) });
      void action.setBadgeBackgroundColor({ tabId, color: '#c62828' });
      void capturer.onFindings(tabId, findings);
    },
    captureNow: (tabId, sessionKey, findings) => capturer.captureNow(tabId, sessionKey, findings),
  };
  // OCR of the video (Chrome): switch, offscreen document, frame ports — lib/ocr/background.ts.
  const ocr = setupOcr({ db, lexiconVersion: lexicon.lexiconVersion, analyze: handlerEnv.analyze, disabledCategories: () => disabledCategories, onFindings: handlerEnv.onFindings });
  // Sites the user enabled from the popup (picker on an unlisted site): registered content scripts.
  const siteApi = browserSiteApi();
  watchSitePermissions(siteApi);
  const sites = {
    enable: async (tabId: number) => enableSite(siteApi, tabId, (await browser.tabs.get(tabId)).url),
    list: () => listEnabledSites(siteApi),
    disable: (pattern: string) => disableSite(siteApi, pattern),
  };
  const handle = createMessageHandler({ ...handlerEnv, setOcr: ocr.setOcr, sites });

  browser.runtime.onMessage.addListener((message, sender, sendResponse) => {
    readSettings().then(() => handle(message, sender)).then(sendResponse, (e: unknown) =>
      sendResponse({ ok: false, error: e instanceof Error ? e.message : String(e) }),
    );
    return true; // the reply is asynchronous
  });

  browser.tabs.onRemoved.addListener((tabId) => badge.delete(tabId));

  // Ask to keep evidence when the browser is short of space; prune old raw events.
  void navigator.storage?.persist?.().catch(() => false);
  void getSettings().then((s) => (s.retentionDays > 0 ? pruneEvents(db, Date.now() - s.retentionDays * 86_400_000) : 0));
});

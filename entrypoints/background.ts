/**
 * Background service worker: wiring only. Opens the evidence database,
 * registers the message handler (sender check + Zod + store, in lib/), and
 * keeps the toolbar badge in step with findings.
 */
import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { createMessageHandler } from '../lib/background/handlers';
import { openEvidenceDb } from '../lib/evidence/store';

export default defineBackground(() => {
  const db = openEvidenceDb();
  const handle = createMessageHandler({
    db,
    extensionId: browser.runtime.id,
    extensionOrigin: browser.runtime.getURL('/'),
  });

  browser.runtime.onMessage.addListener((message, sender, sendResponse) => {
    handle(message, sender).then(sendResponse, (e: unknown) =>
      sendResponse({ ok: false, error: e instanceof Error ? e.message : String(e) }),
    );
    return true; // the reply is asynchronous
  });
});

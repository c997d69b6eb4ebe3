/**
 * Content script (ISOLATED world): reads the live room and sends LiveEvents to
 * the background. Wiring only; the reading and batching live in lib/. No Zod
 * or Dexie here (checked by test/conventions.test.ts).
 *
 * Runs at document_end (the DOM is parsed, so there is something to read),
 * which the browser runs in a task of its own, not inside the page's HTML
 * parsing as document_start would, and not in the same task as the
 * document_idle frame grabber; the first read of the page waits for one more
 * task. So neither evaluating this script nor its first read makes one long
 * task on the page's main thread. The tap's private channel must be accepted
 * at document_start: entrypoints/bridge.content.ts does that and parks it here
 * (lib/content/bridge.ts). The element picker starts on a message from an
 * extension page (never from the page) and saves what the user bound per site
 * in storage.local; bound fields are read as source "picker".
 */
import { browser } from 'wxt/browser';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { takeTapBridge } from '../lib/content/bridge';
import { LIVE_MARKER } from '../lib/content/marker';
import { START_PICKER, startPicker } from '../lib/content/picker-ui';
import { runPlatformReader } from '../lib/content/platform-run';
import { runRoomReader } from '../lib/content/run';
import { demoSpec } from '../lib/platforms/demo';
import { bindingDom, bindingKey, parseBinding, type Binding } from '../lib/platforms/picker';
import { CONTENT_MATCHES, chooseReader, genericAdapter } from '../lib/platforms/registry';
import type { EventsAck, EventsMessage } from '../lib/protocol/types';

export default defineContentScript({
  matches: CONTENT_MATCHES,
  runAt: 'document_end',
  main(ctx) {
    // "already running here": the background checks it before adding the reader to a site the user enabled
    (globalThis as unknown as Record<string, unknown>)[LIVE_MARKER] = true;
    const bridge = takeTapBridge(globalThis);
    const send = (batch: EventsMessage['batch']) =>
      browser.runtime.sendMessage({ type: 'events', batch } satisfies EventsMessage) as Promise<EventsAck>;
    const origin = location.origin;
    const key = bindingKey(origin);
    let binding: Binding | null = null;
    let reader: { stop(): void } | null = null;
    let ready = false;

    const start = () => {
      ready = true;
      if (reader) return;
      const choice = chooseReader(new URL(location.href), document);
      const picked = () => (binding ? bindingDom(binding) : null);
      if (choice?.kind === 'demo') reader = runRoomReader({ doc: document, url: () => location.href, spec: demoSpec, send });
      else if (choice?.kind === 'adapter' || binding) {
        const adapter = choice?.kind === 'adapter' ? choice.adapter : genericAdapter();
        reader = runPlatformReader({ doc: document, url: () => location.href, adapter, send, picked, ...(bridge ? { tap: bridge } : {}) });
      } else bridge?.close();
    };

    const onStorage = (changes: Record<string, { newValue?: unknown }>, area: string) => {
      if (area !== 'local' || !(key in changes)) return;
      binding = parseBinding(changes[key]!.newValue, origin);
      if (binding && ready) start();
    };

    let picking = false;
    const onMessage = (message: unknown, sender: { id?: string; tab?: unknown }, sendResponse: (r: unknown) => void) => {
      // Only our own extension pages may start the picker; a content script message has a tab.
      if (sender.id !== browser.runtime.id || sender.tab) return;
      if ((message as { type?: unknown } | null)?.type !== START_PICKER) return;
      sendResponse({ ok: true, started: !picking });
      if (picking) return;
      picking = true;
      void startPicker(document, origin, binding).done.then((b) => {
        picking = false;
        return b ? browser.storage.local.set({ [key]: b }) : undefined;
      });
    };

    // Everything that touches extension APIs or the page waits for a task after this script's evaluation, so the
    // browser's evaluation of the bundle and our set-up and first read are not one long task. At document_end the DOM
    // is complete (readyState 'interactive'); the DOMContentLoaded branch is a fallback.
    const setUp = () => {
      void browser.storage.local.get(key).then((v) => {
        binding = parseBinding(v[key], origin);
        if (binding && ready) start();
      });
      browser.storage.onChanged.addListener(onStorage);
      start();
    };
    // The picker's message listener is there at once: on a site the user has just enabled, the popup starts the
    // picker right after injecting this script.
    browser.runtime.onMessage.addListener(onMessage);
    if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', setUp, { once: true });
    else ctx.setTimeout(setUp, 0);
    ctx.onInvalidated(() => {
      reader?.stop();
      bridge?.close();
      browser.storage.onChanged.removeListener(onStorage);
      browser.runtime.onMessage.removeListener(onMessage);
    });
  },
});

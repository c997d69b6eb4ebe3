/**
 * Content script (ISOLATED world): reads the live room and sends LiveEvents to
 * the background. Wiring only; the reading and batching live in lib/. No Zod
 * or Dexie here (checked by test/conventions.test.ts).
 *
 * Runs at document_start so it is listening before the MAIN-world tap posts
 * its private channel (lib/tap/tap.ts explains the handshake); the reading
 * itself starts once the DOM is parsed. The element picker starts on a
 * message from an extension page (never from the page) and saves what the user
 * bound per site in storage.local; bound fields are read as source "picker".
 */
import { browser } from 'wxt/browser';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { LIVE_MARKER } from '../lib/content/marker';
import { acceptTapPort } from '../lib/content/bridge';
import { START_PICKER, startPicker } from '../lib/content/picker-ui';
import { runPlatformReader } from '../lib/content/platform-run';
import { runRoomReader } from '../lib/content/run';
import { demoSpec } from '../lib/platforms/demo';
import { bindingDom, bindingKey, parseBinding, type Binding } from '../lib/platforms/picker';
import { CONTENT_MATCHES, chooseReader, genericAdapter } from '../lib/platforms/registry';
import { tapRuleFor } from '../lib/platforms/tap-rules';
import type { EventsAck, EventsMessage } from '../lib/protocol/types';

export default defineContentScript({
  matches: CONTENT_MATCHES,
  runAt: 'document_start',
  main(ctx) {
    // "already running here": the background checks it before adding the reader to a site the user enabled
    (globalThis as unknown as Record<string, unknown>)[LIVE_MARKER] = true;
    const bridge = location.protocol === 'https:' && tapRuleFor(location.hostname) ? acceptTapPort(window) : null;
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

    void browser.storage.local.get(key).then((v) => {
      binding = parseBinding(v[key], origin);
      if (binding && ready) start();
    });
    const onStorage = (changes: Record<string, { newValue?: unknown }>, area: string) => {
      if (area !== 'local' || !(key in changes)) return;
      binding = parseBinding(changes[key]!.newValue, origin);
      if (binding && ready) start();
    };
    browser.storage.onChanged.addListener(onStorage);

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
    browser.runtime.onMessage.addListener(onMessage);

    if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start, { once: true });
    else start();
    ctx.onInvalidated(() => {
      reader?.stop();
      bridge?.close();
      browser.storage.onChanged.removeListener(onStorage);
      browser.runtime.onMessage.removeListener(onMessage);
    });
  },
});

/**
 * Content script (ISOLATED world): reads the live room and sends LiveEvents to
 * the background. Wiring only; the reading and batching live in lib/. No Zod
 * or Dexie here (checked by test/conventions.test.ts).
 *
 * Runs at document_start so it is listening before the MAIN-world tap posts
 * its private channel (lib/tap/tap.ts explains the handshake); the reading
 * itself starts once the DOM is parsed.
 */
import { browser } from 'wxt/browser';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { acceptTapPort } from '../lib/content/bridge';
import { runPlatformReader } from '../lib/content/platform-run';
import { runRoomReader } from '../lib/content/run';
import { demoSpec } from '../lib/platforms/demo';
import { CONTENT_MATCHES, chooseReader } from '../lib/platforms/registry';
import { tapRuleFor } from '../lib/platforms/tap-rules';
import type { EventsAck, EventsMessage } from '../lib/protocol/types';

export default defineContentScript({
  matches: CONTENT_MATCHES,
  runAt: 'document_start',
  main(ctx) {
    const bridge = location.protocol === 'https:' && tapRuleFor(location.hostname) ? acceptTapPort(window) : null;
    const send = (batch: EventsMessage['batch']) =>
      browser.runtime.sendMessage({ type: 'events', batch } satisfies EventsMessage) as Promise<EventsAck>;
    const start = () => {
      const choice = chooseReader(new URL(location.href), document);
      if (!choice) {
        bridge?.close();
        return;
      }
      const reader =
        choice.kind === 'demo'
          ? runRoomReader({ doc: document, url: () => location.href, spec: demoSpec, send })
          : runPlatformReader({ doc: document, url: () => location.href, adapter: choice.adapter, send, ...(bridge ? { tap: bridge } : {}) });
      ctx.onInvalidated(() => {
        reader.stop();
        bridge?.close();
      });
    };
    if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start, { once: true });
    else start();
  },
});

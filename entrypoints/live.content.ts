/**
 * Content script: reads the live room and sends LiveEvents to the background.
 * Wiring only; the reading and batching live in lib/. No Zod or Dexie here
 * (checked by test/conventions.test.ts).
 */
import { browser } from 'wxt/browser';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { runRoomReader } from '../lib/content/run';
import { DEMO_META, demoSpec } from '../lib/platforms/demo';
import type { EventsAck, EventsMessage } from '../lib/protocol/types';

export default defineContentScript({
  // The bundled demo room is served from loopback; platform adapters add their hosts.
  matches: ['http://127.0.0.1/*', 'http://localhost/*'],
  runAt: 'document_idle',
  main(ctx) {
    if (!document.querySelector(DEMO_META)) return;
    const reader = runRoomReader({
      doc: document,
      url: () => location.href,
      spec: demoSpec,
      send: (batch) => browser.runtime.sendMessage({ type: 'events', batch } satisfies EventsMessage) as Promise<EventsAck>,
    });
    ctx.onInvalidated(() => reader.stop());
  },
});

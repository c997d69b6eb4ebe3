/**
 * Frame grabber for on-screen text recognition (OCR). Idle unless the user
 * switched OCR on; then lib/ocr/grabber.ts sends changed text bands of the
 * room's video to the background. Holds no OCR code (that runs in the
 * offscreen document), no Zod, no Dexie.
 */
import { browser } from 'wxt/browser';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { FRAMES_PORT, runFrameGrabber } from '../lib/ocr/grabber';
import { CONTENT_MATCHES } from '../lib/platforms/registry';
import { getSettings, settingsItem } from '../lib/settings';

export default defineContentScript({
  matches: CONTENT_MATCHES,
  runAt: 'document_idle',
  main(ctx) {
    const grabber = runFrameGrabber({
      doc: document,
      connect: () => browser.runtime.connect({ name: FRAMES_PORT }),
      watchOn: (fn) => {
        void getSettings().then((s) => fn(s.ocr));
        return settingsItem.watch((s) => fn(s?.ocr === true));
      },
    });
    ctx.onInvalidated(() => grabber.stop());
  },
});

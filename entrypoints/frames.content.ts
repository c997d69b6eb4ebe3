/**
 * Frame grabber for on-screen text recognition (OCR). Idle unless the user
 * switched OCR on; then lib/ocr/grabber.ts sends changed text bands of the
 * room's video to the background (or, when the user picked regions of the
 * video for this site in the picker, those regions). Holds no OCR code (that
 * runs in the offscreen document), no Zod, no Dexie.
 */
import { browser } from 'wxt/browser';
import { defineContentScript } from 'wxt/utils/define-content-script';
import type { Rect } from '../lib/ocr/frame';
import { FRAMES_PORT, runFrameGrabber } from '../lib/ocr/grabber';
import { bindingKey, parseBinding } from '../lib/platforms/picker';
import { CONTENT_MATCHES } from '../lib/platforms/registry';
import { getSettings, settingsItem } from '../lib/settings';

export default defineContentScript({
  matches: CONTENT_MATCHES,
  runAt: 'document_idle',
  main(ctx) {
    const origin = location.origin;
    const key = bindingKey(origin);
    let regions: Rect[] = [];
    const setRegions = (v: unknown) => (regions = parseBinding(v, origin)?.ocrRegions ?? []);
    const onStorage = (changes: Record<string, { newValue?: unknown }>, area: string) => {
      if (area === 'local' && key in changes) setRegions(changes[key]!.newValue);
    };
    const grabber = runFrameGrabber({
      doc: document,
      connect: () => browser.runtime.connect({ name: FRAMES_PORT }),
      watchOn: (fn) => {
        // The picked regions are read when OCR is switched on, and followed while it is.
        const apply = (on: boolean) => {
          if (on) void browser.storage.local.get(key).then((v) => setRegions(v[key]));
          fn(on);
        };
        void getSettings().then((s) => apply(s.ocr));
        return settingsItem.watch((s) => apply(s?.ocr === true));
      },
      regions: () => regions,
    });
    browser.storage.onChanged.addListener(onStorage);
    ctx.onInvalidated(() => {
      grabber.stop();
      browser.storage.onChanged.removeListener(onStorage);
    });
  },
});

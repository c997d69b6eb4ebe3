/**
 * Accepts the MAIN-world tap's private channel (lib/content/bridge.ts) at
 * document_start, on the tap's platform hosts only, and parks it for the
 * reader. Kept tiny on purpose: whatever runs at document_start runs inside
 * the page's HTML parsing task, so the reader itself (entrypoints/
 * live.content.ts) waits for document_idle, in a task of its own.
 */
import { defineContentScript } from 'wxt/utils/define-content-script';
import { acceptTapPort, parkTapBridge } from '../lib/content/bridge';
import { TAP_MATCHES, tapRuleFor } from '../lib/platforms/tap-rules';

export default defineContentScript({
  matches: TAP_MATCHES,
  runAt: 'document_start',
  main(ctx) {
    if (location.protocol !== 'https:' || !tapRuleFor(location.hostname)) return;
    const bridge = acceptTapPort(window);
    parkTapBridge(globalThis, bridge);
    ctx.onInvalidated(() => bridge.close());
  },
});

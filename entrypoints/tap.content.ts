/**
 * MAIN-world tap (lib/tap/tap.ts): copies of the page's own allowlisted
 * traffic for the ISOLATED content script, over a private MessageChannel.
 * Runs only on the supported platform hosts, before any page script.
 */
import { defineContentScript } from 'wxt/utils/define-content-script';
import { installTap } from '../lib/tap/tap';
import { TAP_MATCHES, tapRuleFor } from '../lib/platforms/tap-rules';

export default defineContentScript({
  matches: TAP_MATCHES,
  world: 'MAIN',
  runAt: 'document_start',
  main() {
    const rule = tapRuleFor(location.hostname);
    if (rule) installTap(window, rule);
  },
});

/**
 * Installs the brotli decoder for the room reader on Bilibili, whose room socket sends brotli packets
 * (lib/platforms/decode/brotli-slot.ts says why it is a script of its own). Holds no page-facing code.
 */
import { defineContentScript } from 'wxt/utils/define-content-script';
import { brotliDecompress } from '../lib/platforms/decode/brotli';
import { installBrotli } from '../lib/platforms/decode/brotli-slot';

export default defineContentScript({
  matches: ['https://live.bilibili.com/*'],
  runAt: 'document_start',
  main() {
    installBrotli(brotliDecompress);
  },
});

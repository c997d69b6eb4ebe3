/**
 * Installs the brotli decoder for the room reader on Bilibili, whose room socket sends brotli packets
 * (lib/platforms/decode/brotli-slot.ts says why it is a script of its own). Holds no page-facing code.
 * At document_end, in a task of its own: 95 kB is too much to evaluate inside the page's HTML parsing, and
 * the decoder is looked up only when a brotli packet is decoded.
 */
import { defineContentScript } from 'wxt/utils/define-content-script';
import { brotliDecompress } from '../lib/platforms/decode/brotli';
import { installBrotli } from '../lib/platforms/decode/brotli-slot';

export default defineContentScript({
  matches: ['https://live.bilibili.com/*'],
  runAt: 'document_end',
  main() {
    installBrotli(brotliDecompress);
  },
});

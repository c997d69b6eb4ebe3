/**
 * Offscreen document (Chrome): hosts the sandboxed OCR page and relays between
 * it and the background. Created only while OCR is on (lib/ocr/background.ts).
 */
import { browser } from 'wxt/browser';
import { hostEngine } from '../../lib/ocr/offscreen';

hostEngine({ doc: document, runtime: browser.runtime });

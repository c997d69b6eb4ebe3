/**
 * Sandboxed OCR page (manifest sandbox.pages; loaded only as an iframe of the
 * offscreen document). Wiring only: lib/ocr/sandbox.ts answers the parent.
 */
import { serveEngine } from '../../lib/ocr/sandbox';

serveEngine(window);

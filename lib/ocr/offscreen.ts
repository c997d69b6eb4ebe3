/**
 * The offscreen document's relay: loads the packaged model files and WASM from
 * the extension itself (never the network), hands them to the sandboxed OCR
 * page, then forwards engine requests from the background's port to the sandbox
 * and the replies back.
 */
import ortWasmUrl from 'onnxruntime-web/ort-wasm-simd-threaded.wasm?url';
import type { EngineReply, EngineRequest } from './messages';
import { ENGINE_PORT } from './messages';
import type { SandboxIn, SandboxOut } from './sandbox';

/** Model files copied into the build by wxt.config.ts (chrome builds only). */
export const OCR_ASSETS = {
  detection: '/ocr/ch_PP-OCRv4_det_infer.onnx',
  recognition: '/ocr/ch_PP-OCRv4_rec_infer.onnx',
  dictionary: '/ocr/ppocr_keys_v1.txt',
  /** The bundler emits onnxruntime's WASM as an asset already (its loader points at it): use that copy. */
  wasm: ortWasmUrl,
} as const;

interface PortLike {
  postMessage(m: unknown): void;
  onMessage: { addListener(fn: (m: unknown) => void): void };
  onDisconnect: { addListener(fn: () => void): void };
}
interface RuntimeLike {
  getURL(path: string): string;
  connect(info: { name: string }): PortLike;
}

export function hostEngine({ doc, runtime }: { doc: Document; runtime: RuntimeLike }): void {
  const frame = doc.createElement('iframe');
  frame.title = 'OCR';
  const toSandbox = (m: SandboxIn, transfer: Transferable[] = []) => frame.contentWindow!.postMessage(m, '*', transfer);
  let port: PortLike | null = null;

  // The service worker may be stopped and restarted while OCR is on: connect again.
  const connect = () => {
    const p = runtime.connect({ name: ENGINE_PORT });
    p.onMessage.addListener((req) => toSandbox({ type: 'request', req: req as EngineRequest }));
    p.onDisconnect.addListener(() => {
      port = null;
      setTimeout(connect, 500);
    });
    port = p;
  };

  window.addEventListener('message', (ev: MessageEvent<SandboxOut>) => {
    if (ev.source !== frame.contentWindow) return;
    const m = ev.data;
    if (m.type === 'ready') connect();
    else if (m.type === 'failed') {
      console.error('LiveProof OCR: engine failed to start', m.error);
    } else if (m.type === 'reply') {
      port?.postMessage(m.reply satisfies EngineReply);
    }
  });

  frame.addEventListener(
    'load',
    () => {
      const bytes = (p: string) => fetch(runtime.getURL(p)).then((r) => r.arrayBuffer());
      void Promise.all([
        bytes(OCR_ASSETS.detection),
        bytes(OCR_ASSETS.recognition),
        bytes(OCR_ASSETS.wasm),
        fetch(runtime.getURL(OCR_ASSETS.dictionary)).then((r) => r.text()),
      ]).then(([detection, recognition, wasm, dictionary]) =>
        toSandbox({ type: 'init', assets: { detection, recognition, wasm, dictionary } }, [detection, recognition, wasm]),
      );
    },
    { once: true },
  );
  frame.src = runtime.getURL('/ocr.html');
  doc.body.append(frame);
}

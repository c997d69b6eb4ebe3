/**
 * The sandboxed OCR page's side of the offscreen ⇄ sandbox channel. Accepts
 * messages only from its parent (the offscreen document): first `init` with the
 * model bytes, then engine requests; replies go back to the parent.
 */
import { createEngine, type Engine, type EngineAssets } from './engine';
import type { EngineReply, EngineRequest } from './messages';

export type SandboxIn = { type: 'init'; assets: EngineAssets } | { type: 'request'; req: EngineRequest };
export type SandboxOut = { type: 'ready' } | { type: 'failed'; error: string } | { type: 'reply'; reply: EngineReply };

export function serveEngine(win: Window): void {
  let engine: Promise<Engine> | null = null;
  const parent = win.parent;
  const status = (s: string) => (win.document.documentElement.dataset.ocrEngine = s.slice(0, 300));
  const post = (m: SandboxOut) => {
    if (m.type !== 'reply') status(m.type === 'ready' ? 'ready' : `failed: ${m.error}`);
    parent.postMessage(m, '*');
  };
  status('listening');
  win.addEventListener('message', (ev: MessageEvent<SandboxIn>) => {
    if (ev.source !== parent) return;
    const m = ev.data;
    if (m?.type === 'init' && !engine) {
      status('loading');
      engine = createEngine(m.assets);
      engine.then(
        () => post({ type: 'ready' }),
        (e: unknown) => post({ type: 'failed', error: String(e) }),
      );
    } else if (m?.type === 'request' && engine) {
      const id = m.req.id;
      const t0 = performance.now();
      engine
        .then(async (en) => {
          const r = await en.handle(m.req);
          // Per-request engine time and how crops were read, readable by the bench (bench/ocr.bench.ts) over the debugging protocol.
          const data = win.document.documentElement.dataset;
          data.ocrTimes = JSON.stringify([...JSON.parse(data.ocrTimes ?? '[]'), Math.round(performance.now() - t0)].slice(-100));
          data.ocrPaths = JSON.stringify(en.stats);
          return r;
        })
        .then(
          (r) => post({ type: 'reply', reply: { id, ok: true, ...r } }),
          (e: unknown) => post({ type: 'reply', reply: { id, ok: false, error: e instanceof Error ? e.message : String(e) } }),
        );
    }
  });
}

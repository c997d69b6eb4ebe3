/** Helpers that run inside an extension page (the extension's own origin). */
import type { Page } from 'playwright-core';
import type { ChainRow, SnapshotRow } from '../../lib/evidence/db';

export function sendFromExtensionPage(page: Page, message: unknown): Promise<unknown> {
  return page.evaluate((m) => (globalThis as unknown as { chrome: { runtime: { sendMessage(x: unknown): Promise<unknown> } } }).chrome.runtime.sendMessage(m), message);
}

/** Reads the evidence tables straight from the extension's real IndexedDB. */
export function readStore(page: Page): Promise<{ snapshots: SnapshotRow[]; chain: ChainRow[]; blobs: { sha256: string; data: string }[]; events: { id: string; kind: string; payload: { text?: string } }[] }> {
  return page.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open('liveproof');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction(['snapshots', 'chain', 'blobs', 'events'], 'readonly');
          const all = (name: string) =>
            new Promise<unknown[]>((ok) => {
              const r = tx.objectStore(name).getAll();
              r.onsuccess = () => ok(r.result as unknown[]);
            });
          void Promise.all([all('snapshots'), all('chain'), all('blobs'), all('events')]).then(([snapshots, chain, blobs, events]) => {
            const b64 = (buf: ArrayBuffer) => {
              let s = '';
              const u = new Uint8Array(buf);
              for (let i = 0; i < u.length; i++) s += String.fromCharCode(u[i]!);
              return btoa(s);
            };
            db.close();
            resolve({
              snapshots,
              chain,
              events,
              blobs: (blobs as { sha256: string; data: ArrayBuffer }[]).map((x) => ({ sha256: x.sha256, data: b64(x.data) })),
            } as never);
          });
        };
      }),
  );
}

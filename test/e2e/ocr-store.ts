/** What the OCR e2e tests read back: the extension's stored OCR events, findings and blobs (the real IndexedDB). */
import type { Page } from 'playwright-core';
import type { FindingRow } from '../../lib/evidence/db';
import type { LiveEvent } from '../../lib/protocol/types';

export type Stored = { events: LiveEvent[]; findings: FindingRow[]; blobs: { sha256: string; data: string }[] };

export function readOcrStore(page: Page): Promise<Stored> {
  return page.evaluate(
    () =>
      new Promise<Stored>((resolve, reject) => {
        const open = indexedDB.open('liveproof');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction(['events', 'findings', 'blobs'], 'readonly');
          const all = (name: string) =>
            new Promise<unknown[]>((ok) => {
              const r = tx.objectStore(name).getAll();
              r.onsuccess = () => ok(r.result as unknown[]);
            });
          void Promise.all([all('events'), all('findings'), all('blobs')]).then(([events, findings, blobs]) => {
            db.close();
            const b64 = (buf: ArrayBuffer) => {
              let s = '';
              const u = new Uint8Array(buf);
              for (let i = 0; i < u.length; i++) s += String.fromCharCode(u[i]!);
              return btoa(s);
            };
            resolve({
              events: (events as LiveEvent[]).filter((e) => e.source === 'ocr'),
              findings: findings as FindingRow[],
              blobs: (blobs as { sha256: string; data: ArrayBuffer }[]).map((x) => ({ sha256: x.sha256, data: b64(x.data) })),
            });
          });
        };
      }),
  );
}

export const textOf = (e: LiveEvent) => ('text' in e.payload ? e.payload.text : '');
export const ocrOf = (e: LiveEvent) => (e.kind === 'caption' || e.kind === 'overlay' ? e.payload.ocr : undefined);

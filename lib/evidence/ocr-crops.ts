/**
 * OCR crops as evidence: the cropped video frame an OCR event was read from is
 * stored in the blobs table by its SHA-256, and the event's payload carries that
 * hash (LiveEvent payload.ocr.crop). Kept apart from store.ts and snapshot.ts so
 * OCR needs no change there; see docs/ocr.md for what snapshots should reference.
 */
import { Dexie } from 'dexie';
import type { LiveProofDb } from './db';
import { sha256Bytes } from './hash';

/** Crops larger than this are not kept (a crop is a band of a frame, normally 5–80 kB). */
export const MAX_CROP_BYTES = 2_000_000;

export interface StoredCrop {
  sha256: string;
  size: number;
  mime: string;
}

/** Stores one crop (idempotent: the same bytes are stored once). */
export async function putOcrCrop(db: LiveProofDb, data: ArrayBuffer, mime: 'image/png' | 'image/jpeg'): Promise<StoredCrop> {
  if (data.byteLength > MAX_CROP_BYTES) throw new Error(`OCR crop too large: ${data.byteLength} bytes`);
  const sha256 = await sha256Bytes(data);
  await db.blobs.put({ sha256, mime, size: data.byteLength, data });
  return { sha256, size: data.byteLength, mime };
}

/** The highest event seq stored for a session (so events made in the background sort after the page's). */
export async function lastEventSeq(db: LiveProofDb, sessionKey: string): Promise<number> {
  const last = await db.events
    .where('[sessionKey+seq]')
    .between([sessionKey, Dexie.minKey], [sessionKey, Dexie.maxKey])
    .last();
  return last?.seq ?? 0;
}

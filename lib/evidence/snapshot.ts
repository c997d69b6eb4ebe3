/**
 * Snapshots: one evidence item per capture (automatic on a serious finding, or
 * "capture now"), holding the findings, the caption window before them, the
 * product card in force, the room's identity, times, a screenshot and the
 * versions of everything involved, then chained (chain.ts).
 */
import { Dexie } from 'dexie';
import { appendToChain } from './chain';
import type { ChainRow, FindingRow, LiveProofDb, SnapshotContent, SnapshotRow, TombstoneContent } from './db';
import { sha256Bytes } from './hash';
import { randomId } from '../content/outbox';

export const CAPTION_WINDOW_MS = 60_000;

export interface ScreenshotInput {
  data: ArrayBuffer;
  mime: string;
}

export interface SnapshotInput {
  sessionKey: string;
  tabId: number;
  trigger: 'auto' | 'manual';
  findings: FindingRow[];
  screenshot: ScreenshotInput | null;
  /** Why there is no screenshot (tab not visible, rate limit, failure), when there is none. */
  screenshotNote?: string;
  versions: SnapshotContent['versions'];
  operator?: string;
  now?: Date;
  monotonicMs?: number;
}

export class StorageFullError extends Error {
  constructor(message = 'storage is full: the evidence was not saved') {
    super(message);
    this.name = 'StorageFullError';
  }
}

export function isQuotaError(e: unknown): boolean {
  for (let x: unknown = e, depth = 0; x && depth < 4; depth++) {
    const name = (x as { name?: string }).name ?? '';
    if (name === 'QuotaExceededError' || /quota/i.test((x as { message?: string }).message ?? '')) return true;
    x = (x as { inner?: unknown }).inner;
  }
  return false;
}

/** ISO 8601 with the local zone offset: 2026-11-23T20:15:31.200+08:00. */
export function isoWithZone(d: Date, offsetMinutes = -d.getTimezoneOffset()): string {
  const local = new Date(d.getTime() + offsetMinutes * 60_000);
  const sign = offsetMinutes >= 0 ? '+' : '-';
  const abs = Math.abs(offsetMinutes);
  const zone = `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
  return local.toISOString().replace('Z', zone);
}

/** Captions of the session observed in the window before `untilMs`, oldest first. */
export async function captionWindow(db: LiveProofDb, sessionKey: string, untilMs: number, windowMs = CAPTION_WINDOW_MS) {
  const out: SnapshotContent['captions'] = [];
  await db.events
    .where('[sessionKey+seq]')
    .between([sessionKey, Dexie.minKey], [sessionKey, Dexie.maxKey])
    .reverse()
    .until((e) => e.observedAt < untilMs - windowMs)
    .each((e) => {
      if (e.kind === 'caption' && e.observedAt <= untilMs) out.push({ eventId: e.id, observedAt: e.observedAt, text: e.payload.text, source: e.source });
    });
  return out.reverse();
}

/** Whether screenshots were switched off because storage filled up. */
export async function screenshotsDisabled(db: LiveProofDb): Promise<{ since: string; reason: string } | null> {
  const row = await db.meta.get('screenshotsDisabled');
  return (row?.value as { since: string; reason: string } | undefined) ?? null;
}

export interface SnapshotResult {
  id: string;
  link: ChainRow;
  content: SnapshotContent;
}

export async function takeSnapshot(db: LiveProofDb, input: SnapshotInput): Promise<SnapshotResult> {
  const now = input.now ?? new Date();
  const session = await db.sessions.get(input.sessionKey);
  if (!session) throw new Error(`no session ${input.sessionKey}`);
  const captions = await captionWindow(db, input.sessionKey, now.getTime());
  const id = `snap-${randomId()}`;
  const p = session.product;
  // Findings read from the picture keep the cropped frame they came from.
  const ocrCrops: NonNullable<SnapshotContent['ocrCrops']> = [];
  const ocrEventIds = [...new Set(input.findings.map((f) => f.eventId))];
  for (const ev of await db.events.bulkGet(ocrEventIds)) {
    if (!ev || (ev.kind !== 'caption' && ev.kind !== 'overlay')) continue;
    const info = ev.payload.ocr;
    if (info?.crop) ocrCrops.push({ eventId: ev.id, sha256: info.crop.sha256, mime: info.crop.mime, size: info.crop.size, box: info.box });
  }
  const base: Omit<SnapshotContent, 'screenshot' | 'capture'> = {
    type: 'snapshot',
    trigger: input.trigger,
    sessionKey: input.sessionKey,
    capturedAt: isoWithZone(now),
    capturedAtMs: now.getTime(),
    monotonicMs: input.monotonicMs ?? (typeof performance !== 'undefined' ? performance.now() : 0),
    room: { platform: session.platform, roomId: session.roomId, url: session.url, host: session.host, title: session.title },
    pageTitle: session.pageTitle,
    product: p
      ? {
          title: p.title,
          ...(p.price !== undefined ? { price: p.price } : {}),
          ...(p.priceText ? { priceText: p.priceText } : {}),
          ...(p.originalPrice !== undefined ? { originalPrice: p.originalPrice } : {}),
          ...(p.originalPriceText ? { originalPriceText: p.originalPriceText } : {}),
          ...(p.shop ? { shop: p.shop } : {}),
          ...(p.url ? { url: p.url } : {}),
          ...(p.productId ? { productId: p.productId } : {}),
        }
      : null,
    findings: input.findings,
    captions,
    ...(ocrCrops.length ? { ocrCrops } : {}),
    versions: input.versions,
    ...(input.operator ? { operator: input.operator } : {}),
  };
  const method = session.platform === 'unknown' ? 'none' : 'dom';
  const capture = (shot: boolean): SnapshotContent['capture'] => ({
    room: method,
    product: p ? method : 'none',
    captions: captions.length ? 'dom' : 'none',
    screenshot: shot ? 'tabs.captureVisibleTab' : 'none',
  });

  const disabled = await screenshotsDisabled(db);
  const wantShot = input.screenshot && !disabled ? input.screenshot : null;
  if (wantShot) {
    const sha = await sha256Bytes(wantShot.data);
    const content: SnapshotContent = { ...base, screenshot: { sha256: sha, size: wantShot.data.byteLength, mime: wantShot.mime }, capture: capture(true) };
    try {
      return await store(db, id, input, content, { sha256: sha, mime: wantShot.mime, size: wantShot.data.byteLength, data: wantShot.data });
    } catch (e) {
      if (!isQuotaError(e)) throw e;
      // Storage is full: stop taking screenshots first, keep the evidence.
      await db.meta.put({ key: 'screenshotsDisabled', value: { since: isoWithZone(now), reason: 'storage quota exceeded' } }).catch(() => undefined);
    }
  }
  const note = disabled || (input.screenshot && !wantShot) ? 'screenshots are off: storage was full' : input.screenshotNote;
  const content: SnapshotContent = {
    ...base,
    screenshot: null,
    ...(wantShot ? { screenshotNote: 'screenshot not kept: storage full' } : note ? { screenshotNote: note } : {}),
    capture: capture(false),
  };
  try {
    return await store(db, id, input, content, null);
  } catch (e) {
    if (isQuotaError(e)) throw new StorageFullError();
    throw e;
  }
}

async function store(
  db: LiveProofDb,
  id: string,
  input: SnapshotInput,
  content: SnapshotContent,
  blob: { sha256: string; mime: string; size: number; data: ArrayBuffer } | null,
): Promise<SnapshotResult> {
  const row: SnapshotRow = { id, sessionKey: input.sessionKey, tabId: input.tabId, capturedAtMs: content.capturedAtMs, content };
  const link = await appendToChain(db, {
    recordId: id,
    type: 'snapshot',
    at: content.capturedAt,
    content,
    tables: [db.snapshots, db.blobs],
    write: async () => {
      if (blob) await db.blobs.put(blob);
      await db.snapshots.add(row);
    },
  });
  return { id, link, content };
}

/** Deleting evidence is itself recorded: the content goes, a tombstone is chained. */
export async function deleteSnapshot(db: LiveProofDb, id: string, reason: string, now = new Date()): Promise<ChainRow> {
  const link = await db.chain.where('recordId').equals(id).first();
  const row = await db.snapshots.get(id);
  if (!link || !row || row.content === null) throw new Error(`no snapshot ${id} to delete`);
  const shot = row.content.screenshot;
  const tomb: TombstoneContent = { type: 'tombstone', deletedRecordId: id, deletedContentHash: link.contentHash, reason, deletedAt: isoWithZone(now) };
  const tombId = `tomb-${randomId()}`;
  return appendToChain(db, {
    recordId: tombId,
    type: 'tombstone',
    at: tomb.deletedAt,
    content: tomb,
    tables: [db.snapshots, db.tombstones, db.blobs],
    write: async () => {
      await db.tombstones.add({ id: tombId, content: tomb });
      await db.snapshots.update(id, { content: null });
      if (shot) {
        const stillUsed = await db.snapshots.filter((s) => s.id !== id && s.content?.screenshot?.sha256 === shot.sha256).count();
        if (stillUsed === 0) await db.blobs.delete(shot.sha256);
      }
    },
  });
}

/** Notes and tags sit beside a record; the record and its hash never change. */
export async function addNote(db: LiveProofDb, recordId: string, text: string, tags: string[] = [], now = Date.now()): Promise<string> {
  const id = `note-${randomId()}`;
  await db.notes.add({ id, recordId, text, tags, createdAt: now });
  return id;
}

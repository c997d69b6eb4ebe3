/**
 * The evidence database (IndexedDB through Dexie). Opened only in the
 * background and extension pages: IndexedDB opened in a content script belongs
 * to the web page's origin. Only modules in lib/evidence may import this file.
 *
 * Every schema version stays here with its upgrade code while users may still
 * have it.
 */
import { Dexie, type EntityTable } from 'dexie';
import type { Manifest } from '../bundle/manifest';
import type { LiveEvidence, LiveState, RoomMemory } from '../live/check';
import type { LiveEvent, Platform, ProductPayload } from '../protocol/types';

export interface SessionRow {
  key: string;
  tabId: number;
  platform: Platform | 'unknown';
  roomId: string;
  url: string;
  title: string;
  host: string;
  pageTitle: string;
  startedAt: number;
  lastEventAt: number;
  eventCount: number;
  /** Added in schema v2. */
  findingCount?: number;
  /** The product card in force (the latest product event). */
  product?: ProductPayload;
  /** The time-aware checks' state for this session (lib/live; bounded JSON). */
  live?: LiveState;
}

export type EventRow = LiveEvent & { tabId: number; receivedAt: number };

export interface FindingRow {
  /** `${eventId}:${ruleId}:${start}` — stable, so re-analysis never duplicates. */
  id: string;
  sessionKey: string;
  eventId: string;
  observedAt: number;
  channel: string;
  text: string;
  ruleId: string;
  category: string;
  severity: string;
  status: string;
  legalBasis: { law: string; article: string; item?: string }[];
  explanation: { zh: string; en: string };
  start: number;
  end: number;
  match: string;
  normalized: string;
  evasion: string | null;
  product?: { title: string; price?: number; originalPrice?: number; shop?: string; url?: string };
  lexiconVersion: string;
  /** Time-aware findings (ruleId live.*): the claims and card states that prove it, with their times. */
  evidence?: LiveEvidence[];
}

/** Schema v3: what the time-aware checks remember about a room across visits (platform + roomId). */
export interface RoomRow {
  /** `${platform}:${roomId}` (store.roomKey). */
  key: string;
  memory: RoomMemory;
  updatedAt: number;
}

/** How each field of a snapshot was obtained (evidence.md: record the capture method). */
export type CaptureMethod = 'dom' | 'network' | 'page_state' | 'ocr' | 'heuristic' | 'picker' | 'tabs.captureVisibleTab' | 'none';

export interface ScreenshotRef {
  sha256: string;
  size: number;
  mime: string;
}

/** A snapshot's content: what is hashed (contentHash) and chained. Never rewritten. */
export interface SnapshotContent {
  type: 'snapshot';
  trigger: 'auto' | 'manual';
  sessionKey: string;
  /** Wall-clock time, ISO 8601 with zone offset. */
  capturedAt: string;
  capturedAtMs: number;
  /** performance.now() of the capturing context, and the chain position: monotonic order. */
  monotonicMs: number;
  room: { platform: string; roomId: string; url: string; host: string; title: string };
  pageTitle: string;
  product: { title: string; price?: number; priceText?: string; originalPrice?: number; originalPriceText?: string; shop?: string; url?: string; productId?: string } | null;
  findings: FindingRow[];
  /** Captions of the 60 s before the snapshot, oldest first. */
  captions: { eventId: string; observedAt: number; text: string; source: string }[];
  screenshot: ScreenshotRef | null;
  /** Cropped video frames that OCR findings were read from (blobs by SHA-256), inside the hashed record. */
  ocrCrops?: { eventId: string; sha256: string; mime: string; size: number; box: { x: number; y: number; w: number; h: number } }[];
  /** Why there is no screenshot, when there is none. */
  screenshotNote?: string;
  versions: { extension: string; lexicon: string; browser: string };
  capture: { room: CaptureMethod; product: CaptureMethod; captions: CaptureMethod; screenshot: CaptureMethod };
  operator?: string;
}

export interface TombstoneContent {
  type: 'tombstone';
  deletedRecordId: string;
  deletedContentHash: string;
  reason: string;
  deletedAt: string;
}

export interface SnapshotRow {
  id: string;
  sessionKey: string;
  tabId: number;
  capturedAtMs: number;
  /** null once the user deleted it (a tombstone in the chain records that). */
  content: SnapshotContent | null;
}

export interface TombstoneRow {
  id: string;
  content: TombstoneContent;
}

/** A chain link. hash = SHA-256(canonical({seq, recordId, type, at, contentHash, prevHash})). */
export interface ChainRow {
  seq: number;
  recordId: string;
  type: 'snapshot' | 'tombstone';
  at: string;
  contentHash: string;
  prevHash: string;
  hash: string;
}

export interface BlobRow {
  sha256: string;
  mime: string;
  size: number;
  data: ArrayBuffer;
}

/** Notes and tags live beside records and never alter them. */
export interface NoteRow {
  id: string;
  recordId: string;
  text: string;
  tags: string[];
  createdAt: number;
}

export interface CaseRow {
  id: string;
  title: string;
  status: 'open' | 'filed' | 'closed';
  snapshotIds: string[];
  tags: string[];
  createdAt: number;
  updatedAt: number;
}

export interface MetaRow {
  key: string;
  value: unknown;
}

/** Schema v4: a bundle imported from elsewhere, its manifest kept whole so its records can be re-verified. */
export interface ImportRow {
  /** SHA-256 of the bundle's manifest.json: the bundle's identity. */
  manifestSha256: string;
  importedAt: string;
  importedAtMs: number;
  manifest: Manifest;
}

/**
 * Schema v4: imported evidence, kept apart from the local chain (never
 * appended to it), deduplicated by content hash, with where it came from.
 */
export interface ImportedRecordRow {
  contentHash: string;
  recordId: string;
  sessionKey: string;
  capturedAtMs: number;
  content: SnapshotContent;
  /** One entry per bundle it arrived in: the links (segment id + seq in that bundle's manifest) that hold it. */
  provenance: { manifestSha256: string; importedAt: string; refs: { segment: string; seq: number }[] }[];
}

export type LiveProofDb = Dexie & {
  sessions: EntityTable<SessionRow, 'key'>;
  events: EntityTable<EventRow, 'id'>;
  findings: EntityTable<FindingRow, 'id'>;
  snapshots: EntityTable<SnapshotRow, 'id'>;
  tombstones: EntityTable<TombstoneRow, 'id'>;
  chain: EntityTable<ChainRow, 'seq'>;
  blobs: EntityTable<BlobRow, 'sha256'>;
  notes: EntityTable<NoteRow, 'id'>;
  cases: EntityTable<CaseRow, 'id'>;
  meta: EntityTable<MetaRow, 'key'>;
  rooms: EntityTable<RoomRow, 'key'>;
  imports: EntityTable<ImportRow, 'manifestSha256'>;
  importedRecords: EntityTable<ImportedRecordRow, 'contentHash'>;
  importedBlobs: EntityTable<BlobRow, 'sha256'>;
};

export const DB_NAME = 'liveproof';

export function openDb(name = DB_NAME): LiveProofDb {
  const db = new Dexie(name) as LiveProofDb;
  // v1 (0.1.0): the event pipe.
  db.version(1).stores({
    sessions: 'key, tabId, lastEventAt',
    events: 'id, sessionKey, [sessionKey+seq], kind',
    findings: 'id, sessionKey, [sessionKey+observedAt], category, severity',
  });
  // v2: evidence. Snapshots, tombstones and their hash chain, screenshot blobs,
  // notes, cases; events gain a receivedAt index for retention, sessions a
  // findingCount (computed for existing sessions).
  db.version(2)
    .stores({
      sessions: 'key, tabId, lastEventAt, platform',
      events: 'id, sessionKey, [sessionKey+seq], kind, receivedAt',
      findings: 'id, sessionKey, [sessionKey+observedAt], category, severity, eventId',
      snapshots: 'id, sessionKey, capturedAtMs',
      tombstones: 'id',
      chain: 'seq, recordId',
      blobs: 'sha256',
      notes: 'id, recordId',
      cases: 'id, updatedAt',
      meta: 'key',
    })
    .upgrade(async (tx) => {
      const counts = new Map<string, number>();
      await tx
        .table('findings')
        .each((f: FindingRow) => counts.set(f.sessionKey, (counts.get(f.sessionKey) ?? 0) + 1));
      await tx
        .table('sessions')
        .toCollection()
        .modify((s: SessionRow) => {
          s.findingCount = counts.get(s.key) ?? 0;
        });
    });
  // v3 (time-aware checks, issue 7): per-room memory across visits. No data to
  // move: the table starts empty and sessions gain an optional `live` field.
  db.version(3).stores({
    rooms: 'key, updatedAt',
  });
  // v4 (bundle import, issue 6; v3 is the rooms table): imported bundles,
  // their records (by content hash, with provenance) and screenshots, kept
  // apart from the local chain and its blobs so local verification and
  // deletion never touch them.
  db.version(4).stores({
    imports: 'manifestSha256, importedAtMs',
    importedRecords: 'contentHash, recordId, sessionKey, capturedAtMs',
    importedBlobs: 'sha256',
  });
  return db;
}

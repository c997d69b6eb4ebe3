/**
 * Reads and writes of the evidence database. The only module (with db.ts)
 * that touches IndexedDB; everything else calls these functions.
 */
import { Dexie } from 'dexie';
import type { EventBatch, LiveEvent, ProductPayload, RoomPayload } from '../protocol/types';
import type { EventRow, FindingRow, LiveProofDb, RoomRow, SessionRow } from './db';
import { createLiveState, createRoomMemory, liveCheck, liveSettingsFrom, type LiveFinding, type LiveSettings, type RoomMemory } from '../live/check';
import { verifyChain, type VerifyResult } from './chain';
import { screenshotsDisabled } from './snapshot';

export interface TabInfo {
  tabId: number;
  pageTitle: string;
}

/** What the analyzer is given for one text event. */
export interface TextToAnalyze {
  event: EventRow;
  channel: 'caption' | 'card' | 'title' | 'notice' | 'overlay' | 'comment';
  text: string;
  product: ProductPayload | undefined;
}

export type AnalyzeFn = (input: TextToAnalyze) => FindingRow[];

export interface IngestResult {
  stored: number;
  duplicates: number;
  findings: FindingRow[];
}

type SessionState = SessionRow;

/** Time-aware checks at ingest (lib/live). On by default. */
export interface LiveIngestOptions {
  /** false: do not run them. */
  enabled?: boolean;
  /** Overrides; otherwise the settings stored under meta key LIVE_SETTINGS_KEY, otherwise the defaults. */
  settings?: Partial<LiveSettings>;
  /** Finding categories the user switched off. */
  disabled?: () => readonly string[];
}

/** meta key holding Partial<LiveSettings> for the time-aware checks. */
export const LIVE_SETTINGS_KEY = 'liveSettings';
export const LIVE_CHECKS_VERSION = 'live-1';

/** The product card in force, as a finding keeps it. */
export function findingProduct(p: Pick<ProductPayload, 'title' | 'price' | 'originalPrice' | 'shop' | 'url'>): NonNullable<FindingRow['product']> {
  return {
    title: p.title,
    ...(p.price !== undefined ? { price: p.price } : {}),
    ...(p.originalPrice !== undefined ? { originalPrice: p.originalPrice } : {}),
    ...(p.shop ? { shop: p.shop } : {}),
    ...(p.url ? { url: p.url } : {}),
  };
}

/** A time-aware finding as an evidence row (same shape as lexicon findings, plus its timeline). */
export function liveFindingRow(sessionKey: string, f: LiveFinding): FindingRow {
  return {
    id: `${f.eventId}:${f.ruleId}:${f.start}`,
    sessionKey,
    eventId: f.eventId,
    observedAt: f.observedAt,
    channel: f.channel,
    text: f.text,
    ruleId: f.ruleId,
    category: f.category,
    severity: f.severity,
    status: f.status,
    legalBasis: f.legalBasis,
    explanation: f.explanation,
    start: f.start,
    end: f.end,
    match: f.match,
    normalized: f.match,
    evasion: null,
    ...(f.product ? { product: findingProduct(f.product) } : {}),
    lexiconVersion: LIVE_CHECKS_VERSION,
    evidence: f.evidence,
  };
}

/**
 * Stores a batch idempotently: events already stored (same id) are skipped, so
 * a content script may resend a batch it never saw acknowledged. Findings are
 * computed and stored in the same transaction as their events, so a service
 * worker stopped mid-batch leaves either both or neither. The time-aware
 * checks (lib/live) run on every fresh event in seq order; their state is kept
 * in the session row and the room's memory in `rooms`, in the same transaction.
 */
export async function ingestBatch(
  db: LiveProofDb,
  batch: EventBatch,
  tab: TabInfo,
  analyze?: AnalyzeFn,
  now: number = Date.now(),
  live: LiveIngestOptions = {},
): Promise<IngestResult> {
  return db.transaction('rw', [db.sessions, db.events, db.findings, db.rooms, db.meta], async () => {
    const seen = new Set<string>();
    const unique: LiveEvent[] = [];
    for (const e of batch.events) {
      if (!seen.has(e.id)) {
        seen.add(e.id);
        unique.push(e);
      }
    }
    const existing = await db.events.bulkGet(unique.map((e) => e.id));
    const fresh = unique.filter((_, i) => existing[i] === undefined).sort((a, b) => a.seq - b.seq);
    const duplicates = batch.events.length - fresh.length;
    if (fresh.length === 0) return { stored: 0, duplicates, findings: [] };

    const sessions = new Map<string, SessionState>();
    for (const key of new Set(fresh.map((e) => e.sessionKey))) {
      const row = (await db.sessions.get(key)) as SessionState | undefined;
      sessions.set(key, row ?? newSession(key, tab, now));
    }

    const liveOn = live.enabled !== false;
    const liveSettings = liveOn ? { ...liveSettingsFrom((await db.meta.get(LIVE_SETTINGS_KEY))?.value), ...live.settings } : {};
    // Read every room this batch can touch up front, in one request: awaiting
    // per event inside the loop below let the transaction commit early
    // (Dexie's PrematureCommitError, seen in the evidence bench).
    const rooms = new Map<string, { memory: RoomMemory; dirty: boolean }>();
    if (liveOn) {
      const keys = new Set<string>();
      for (const s of sessions.values()) if (s.roomId) keys.add(roomKey(s));
      for (const e of fresh) if (e.kind === 'room' && e.payload.roomId) keys.add(roomKey(e.payload));
      const list = [...keys];
      const found = await db.rooms.bulkGet(list);
      list.forEach((k, i) => rooms.set(k, { memory: found[i]?.memory ?? createRoomMemory(), dirty: false }));
    }
    const roomOf = (key: string) => {
      let r = rooms.get(key);
      if (!r) rooms.set(key, (r = { memory: createRoomMemory(), dirty: false }));
      return r;
    };

    const rows: EventRow[] = [];
    const findings: FindingRow[] = [];
    for (const e of fresh) {
      const row = { ...e, tabId: tab.tabId, receivedAt: now } as EventRow;
      rows.push(row);
      const s = sessions.get(e.sessionKey)!;
      s.eventCount += 1;
      s.lastEventAt = Math.max(s.lastEventAt, e.observedAt);
      s.tabId = tab.tabId;
      if (tab.pageTitle) s.pageTitle = tab.pageTitle;
      if (e.kind === 'room') applyRoom(s, e.payload);
      if (e.kind === 'product') s.product = e.payload;
      if (analyze) {
        for (const input of textsOf(row, s.product)) {
          const found = analyze(input);
          s.findingCount = (s.findingCount ?? 0) + found.length;
          findings.push(...found);
        }
      }
      if (liveOn) {
        const room = s.roomId ? roomOf(roomKey(s)) : undefined;
        const res = liveCheck(s.live ?? createLiveState(), e, { settings: liveSettings, ...(room ? { roomMemory: room.memory } : {}) });
        s.live = res.state;
        if (room && res.roomMemory) {
          room.memory = res.roomMemory;
          room.dirty = true;
        }
        const off = live.disabled?.() ?? [];
        const found = res.findings.filter((f) => !off.includes(f.category)).map((f) => liveFindingRow(e.sessionKey, f));
        s.findingCount = (s.findingCount ?? 0) + found.length;
        findings.push(...found);
      }
    }
    await db.events.bulkAdd(rows);
    await db.sessions.bulkPut([...sessions.values()]);
    const changedRooms = [...rooms].filter(([, r]) => r.dirty).map(([key, r]): RoomRow => ({ key, memory: r.memory, updatedAt: now }));
    if (changedRooms.length > 0) await db.rooms.bulkPut(changedRooms);
    if (findings.length > 0) await db.findings.bulkPut(findings);
    return { stored: fresh.length, duplicates, findings };
  });
}

function newSession(key: string, tab: TabInfo, now: number): SessionState {
  return {
    key,
    tabId: tab.tabId,
    platform: 'unknown',
    roomId: '',
    url: '',
    title: '',
    host: '',
    pageTitle: tab.pageTitle,
    startedAt: now,
    lastEventAt: 0,
    eventCount: 0,
  };
}

function applyRoom(s: SessionState, room: RoomPayload): void {
  s.platform = room.platform;
  s.roomId = room.roomId;
  s.url = room.url;
  s.title = room.title;
  s.host = room.host;
}

/** The texts in an event that carry the advertiser's claims (and comments, which rules may ignore). */
function textsOf(event: EventRow, product: ProductPayload | undefined): TextToAnalyze[] {
  switch (event.kind) {
    case 'caption':
      return event.payload.final ? [{ event, channel: 'caption', text: event.payload.text, product }] : [];
    case 'notice':
      return [{ event, channel: 'notice', text: event.payload.text, product }];
    case 'overlay':
      return [{ event, channel: 'overlay', text: event.payload.text, product }];
    case 'comment':
      return [{ event, channel: 'comment', text: event.payload.text, product }];
    case 'room':
      return [{ event, channel: 'title', text: event.payload.title, product }];
    case 'product':
      return [{ event, channel: 'card', text: event.payload.title, product: event.payload }];
  }
}

export interface TabState {
  session: SessionRow | null;
  eventCount: number;
  findingCount: number;
  findings: FindingRow[];
  snapshotCount: number;
  /** Set when storage filled up and screenshots were switched off. */
  screenshotsOff: { since: string; reason: string } | null;
  /** The user paused recording for this room. */
  paused: boolean;
}

/** The newest session seen in a tab, with its latest findings (newest first). */
export async function getTabState(db: LiveProofDb, tabId: number, limit = 100): Promise<TabState> {
  const sessions = await db.sessions.where('tabId').equals(tabId).toArray();
  const session = sessions.sort((a, b) => b.lastEventAt - a.lastEventAt)[0] ?? null;
  const screenshotsOff = await screenshotsDisabled(db);
  if (!session) return { session: null, eventCount: 0, findingCount: 0, findings: [], snapshotCount: 0, screenshotsOff, paused: false };
  const range = db.findings
    .where('[sessionKey+observedAt]')
    .between([session.key, Dexie.minKey], [session.key, Dexie.maxKey]);
  const [findings, snapshotCount] = await Promise.all([
    range.clone().reverse().limit(limit).toArray(),
    db.snapshots.where('sessionKey').equals(session.key).count(),
  ]);
  const paused = await isRoomPaused(db, roomKey(session));
  return { session, eventCount: session.eventCount, findingCount: session.findingCount ?? 0, findings, snapshotCount, screenshotsOff, paused };
}

/** A room across visits: platform and room id. */
export function roomKey(s: Pick<SessionRow, 'platform' | 'roomId'>): string {
  return `${s.platform}:${s.roomId}`;
}

export async function isRoomPaused(db: LiveProofDb, key: string): Promise<boolean> {
  const row = await db.meta.get('pausedRooms');
  return ((row?.value as string[] | undefined) ?? []).includes(key);
}

export async function setRoomPaused(db: LiveProofDb, key: string, paused: boolean): Promise<void> {
  await db.transaction('rw', db.meta, async () => {
    const row = await db.meta.get('pausedRooms');
    const set = new Set((row?.value as string[] | undefined) ?? []);
    if (paused) set.add(key);
    else set.delete(key);
    await db.meta.put({ key: 'pausedRooms', value: [...set] });
  });
}

export function verifyEvidence(db: LiveProofDb): Promise<VerifyResult> {
  return verifyChain(db);
}

/**
 * Retention: deletes raw events older than `olderThanMs` that produced no
 * finding. Findings, snapshots and the events findings point to are kept
 * until the user deletes them. The video-frame crops of deleted OCR events go
 * too, unless a kept event or a snapshot still references the same image.
 * Returns how many events went.
 */
export async function pruneEvents(db: LiveProofDb, olderThanMs: number): Promise<number> {
  return db.transaction('rw', [db.events, db.findings, db.blobs, db.snapshots], async () => {
    const old = await db.events.where('receivedAt').below(olderThanMs).primaryKeys();
    const keep = new Set(await db.findings.where('eventId').anyOf(old).toArray((fs) => fs.map((f) => f.eventId)));
    const drop = old.filter((id) => !keep.has(id));
    const crops = new Set<string>();
    await db.events
      .where('id')
      .anyOf(drop)
      .each((e) => {
        const sha = ocrCropOf(e);
        if (sha) crops.add(sha);
      });
    await db.events.bulkDelete(drop);
    if (crops.size > 0) {
      await db.events
        .where('kind')
        .anyOf('caption', 'overlay')
        .each((e) => {
          const sha = ocrCropOf(e);
          if (sha) crops.delete(sha);
        });
      await db.snapshots.each((s) => {
        for (const c of s.content?.ocrCrops ?? []) crops.delete(c.sha256);
        if (s.content?.screenshot) crops.delete(s.content.screenshot.sha256);
      });
      await db.blobs.bulkDelete([...crops]);
    }
    return drop.length;
  });
}

function ocrCropOf(e: LiveEvent): string | undefined {
  return e.source === 'ocr' && (e.kind === 'caption' || e.kind === 'overlay') ? e.payload.ocr?.crop?.sha256 : undefined;
}

export async function countEvents(db: LiveProofDb, sessionKey: string): Promise<number> {
  return db.events.where('sessionKey').equals(sessionKey).count();
}

/** Opens the evidence database; the entry points' only way in. */
export { openDb as openEvidenceDb } from './db';

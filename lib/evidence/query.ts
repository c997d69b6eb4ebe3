/**
 * Read-side queries for the dashboard (an extension page: it opens the same
 * IndexedDB as the background). Filters are pure functions over plain rows.
 */
import { Dexie } from 'dexie';
import type { CaseRow, EventRow, FindingRow, LiveProofDb, SessionRow, SnapshotRow } from './db';
import { randomId } from '../content/outbox';
import { SEVERITY_ORDER, type SeverityName } from '../severity';

export interface SessionSummary {
  session: SessionRow;
  categories: string[];
  maxSeverity: SeverityName | null;
  findingCount: number;
  snapshotCount: number;
}

export interface SessionFilter {
  platform?: string;
  host?: string;
  shop?: string;
  category?: string;
  /** At least this severity. */
  severity?: SeverityName;
  /** Epoch ms bounds on the session's activity. */
  from?: number;
  to?: number;
  /** Free text over title, host, shop, room id and finding quotes. */
  text?: string;
}

export async function listSessionSummaries(db: LiveProofDb): Promise<SessionSummary[]> {
  const [sessions, snapshots] = await Promise.all([db.sessions.orderBy('lastEventAt').reverse().toArray(), db.snapshots.toArray()]);
  const byKey = new Map<string, { cats: Set<string>; max: number; n: number; quotes: string[] }>();
  await db.findings.each((f) => {
    let s = byKey.get(f.sessionKey);
    if (!s) byKey.set(f.sessionKey, (s = { cats: new Set(), max: -1, n: 0, quotes: [] }));
    s.cats.add(f.category);
    s.max = Math.max(s.max, SEVERITY_ORDER[f.severity as SeverityName] ?? 0);
    s.n++;
  });
  const snaps = new Map<string, number>();
  for (const s of snapshots) if (s.content) snaps.set(s.sessionKey, (snaps.get(s.sessionKey) ?? 0) + 1);
  const names = Object.keys(SEVERITY_ORDER) as SeverityName[];
  return sessions.map((session) => {
    const f = byKey.get(session.key);
    return {
      session,
      categories: f ? [...f.cats].sort() : [],
      maxSeverity: f && f.max >= 0 ? names.find((n) => SEVERITY_ORDER[n] === f.max)! : null,
      findingCount: f?.n ?? 0,
      snapshotCount: snaps.get(session.key) ?? 0,
    };
  });
}

export function filterSessions(all: SessionSummary[], f: SessionFilter): SessionSummary[] {
  const text = f.text?.trim().toLowerCase();
  return all.filter(({ session: s, categories, maxSeverity }) => {
    if (f.platform && s.platform !== f.platform) return false;
    if (f.host && !s.host.includes(f.host)) return false;
    if (f.shop && !(s.product?.shop ?? '').includes(f.shop)) return false;
    if (f.category && !categories.includes(f.category)) return false;
    if (f.severity && (maxSeverity === null || SEVERITY_ORDER[maxSeverity] < SEVERITY_ORDER[f.severity])) return false;
    if (f.from !== undefined && s.lastEventAt < f.from) return false;
    if (f.to !== undefined && s.startedAt > f.to) return false;
    if (text) {
      const hay = `${s.title} ${s.host} ${s.roomId} ${s.product?.title ?? ''} ${s.product?.shop ?? ''} ${s.pageTitle}`.toLowerCase();
      if (!hay.includes(text)) return false;
    }
    return true;
  });
}

export type TimelineItem =
  | { kind: 'event'; at: number; event: EventRow; findings: FindingRow[] }
  | { kind: 'snapshot'; at: number; snapshot: SnapshotRow };

/** A session's events in order, each with its findings, and its snapshots in place. */
export async function sessionTimeline(db: LiveProofDb, sessionKey: string): Promise<TimelineItem[]> {
  const [events, findings, snapshots] = await Promise.all([
    db.events.where('[sessionKey+seq]').between([sessionKey, Dexie.minKey], [sessionKey, Dexie.maxKey]).toArray(),
    db.findings.where('sessionKey').equals(sessionKey).toArray(),
    db.snapshots.where('sessionKey').equals(sessionKey).toArray(),
  ]);
  const byEvent = new Map<string, FindingRow[]>();
  for (const f of findings) {
    const list = byEvent.get(f.eventId);
    if (list) list.push(f);
    else byEvent.set(f.eventId, [f]);
  }
  const items: TimelineItem[] = events.map((e) => ({ kind: 'event', at: e.observedAt, event: e, findings: byEvent.get(e.id) ?? [] }));
  for (const s of snapshots) items.push({ kind: 'snapshot', at: s.capturedAtMs, snapshot: s });
  return items.sort((a, b) => a.at - b.at);
}

export async function screenshotBytes(db: LiveProofDb, sha256: string): Promise<ArrayBuffer | undefined> {
  return (await db.blobs.get(sha256))?.data;
}

export async function storageUse(db: LiveProofDb): Promise<{ events: number; findings: number; snapshots: number; blobs: number; usage?: number; quota?: number }> {
  const [events, findings, snapshots, blobs] = await Promise.all([db.events.count(), db.findings.count(), db.snapshots.count(), db.blobs.count()]);
  const est = typeof navigator !== 'undefined' && navigator.storage?.estimate ? await navigator.storage.estimate().catch(() => ({})) : {};
  return { events, findings, snapshots, blobs, ...est };
}

// Cases: a user's folders of snapshots. Cases hold references; evidence records never change.

export function listCases(db: LiveProofDb): Promise<CaseRow[]> {
  return db.cases.orderBy('updatedAt').reverse().toArray();
}

export async function createCase(db: LiveProofDb, title: string, now = Date.now()): Promise<CaseRow> {
  const c: CaseRow = { id: `case-${randomId()}`, title: title.trim() || '未命名案件', status: 'open', snapshotIds: [], tags: [], createdAt: now, updatedAt: now };
  await db.cases.add(c);
  return c;
}

export async function updateCase(db: LiveProofDb, id: string, change: Partial<Pick<CaseRow, 'title' | 'status' | 'tags' | 'snapshotIds'>>, now = Date.now()): Promise<void> {
  await db.cases.update(id, { ...change, updatedAt: now });
}

export async function addToCase(db: LiveProofDb, id: string, snapshotIds: string[], now = Date.now()): Promise<void> {
  await db.transaction('rw', db.cases, async () => {
    const c = await db.cases.get(id);
    if (!c) throw new Error(`no case ${id}`);
    await db.cases.update(id, { snapshotIds: [...new Set([...c.snapshotIds, ...snapshotIds])], updatedAt: now });
  });
}

export function notesOf(db: LiveProofDb, recordId: string) {
  return db.notes.where('recordId').equals(recordId).sortBy('createdAt');
}

/**
 * The evidence database (IndexedDB through Dexie). Opened only in the
 * background and extension pages: IndexedDB opened in a content script belongs
 * to the web page's origin. Only modules in lib/evidence may import this file.
 *
 * Every schema version stays here with its upgrade code while users may still
 * have it.
 */
import { Dexie, type EntityTable } from 'dexie';
import type { LiveEvent, Platform } from '../protocol/types';

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
}

export type LiveProofDb = Dexie & {
  sessions: EntityTable<SessionRow, 'key'>;
  events: EntityTable<EventRow, 'id'>;
  findings: EntityTable<FindingRow, 'id'>;
};

export const DB_NAME = 'liveproof';

export function openDb(name = DB_NAME): LiveProofDb {
  const db = new Dexie(name) as LiveProofDb;
  db.version(1).stores({
    sessions: 'key, tabId, lastEventAt',
    events: 'id, sessionKey, [sessionKey+seq], kind',
    findings: 'id, sessionKey, [sessionKey+observedAt], category, severity',
  });
  return db;
}

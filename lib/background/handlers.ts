/**
 * The background's message handling: classify the sender, validate the
 * message with Zod, then call the evidence store. Pure of browser.*: the entry
 * point passes the sender and the environment in.
 */
import type { CaptureNowReply, EventsAck, ErrorReply, SetOcrReply, SitesReply } from '../protocol/types';
import type { FindingRow } from '../evidence/db';
import type { VerifyResult } from '../evidence/chain';
import type { SnapshotResult } from '../evidence/snapshot';
import { ContentMessageSchema, PageMessageSchema } from '../protocol/schemas';
import { classifySender, type SenderLike } from '../protocol/sender';
import type { LiveProofDb } from '../evidence/db';
import { getTabState, ingestBatch, isRoomPaused, roomKey, setRoomPaused, verifyEvidence, type AnalyzeFn, type TabState } from '../evidence/store';

export interface HandlerEnv {
  db: LiveProofDb;
  extensionId: string;
  extensionOrigin: string;
  analyze?: AnalyzeFn;
  /** Finding categories the user switched off (also applies to the time-aware checks). */
  disabledCategories?: () => readonly string[];
  /** Called after findings were stored for a tab (badge, automatic snapshots). */
  onFindings?: (tabId: number, findings: FindingRow[]) => void;
  /** Manual snapshot ("capture now"). */
  captureNow?: (tabId: number, sessionKey: string, findings: FindingRow[]) => Promise<SnapshotResult>;
  /** Switches OCR on or off (lib/ocr/background.ts); resolves to the new state or throws why not. */
  setOcr?: (on: boolean) => Promise<boolean>;
  /** Sites the user enabled for the picker (lib/sites.ts, lib/background/sites.ts). */
  sites?: {
    enable(tabId: number): Promise<{ injected: boolean }>;
    list(): Promise<string[]>;
    disable(pattern: string): Promise<void>;
  };
}

export type Reply = EventsAck | TabState | CaptureNowReply | VerifyResult | SetOcrReply | SitesReply | ErrorReply;

export function createMessageHandler(env: HandlerEnv) {
  return async function handleMessage(message: unknown, sender: SenderLike): Promise<Reply> {
    const kind = classifySender(sender, env.extensionId, env.extensionOrigin);
    if (kind === null) return { ok: false, error: 'unknown sender' };
    if (kind === 'content') {
      const parsed = ContentMessageSchema.safeParse(message);
      if (!parsed.success) return { ok: false, error: `invalid message: ${firstIssue(parsed.error)}` };
      const tabId = sender.tab?.id ?? -1;
      const { batch } = parsed.data;
      // A paused room: acknowledge (so the page stops resending) but keep nothing.
      const room = batch.events.find((e) => e.kind === 'room');
      if (room && room.kind === 'room' && (await isRoomPaused(env.db, roomKey(room.payload)))) {
        return { ok: true, batchId: batch.batchId, stored: 0, duplicates: 0 };
      }
      const current = await getTabState(env.db, tabId, 0);
      if (!room && current.paused && current.session?.key === batch.events[0]?.sessionKey) {
        return { ok: true, batchId: batch.batchId, stored: 0, duplicates: 0 };
      }
      const res = await ingestBatch(env.db, batch, { tabId, pageTitle: sender.tab?.title ?? '' }, env.analyze, Date.now(), {
        ...(env.disabledCategories ? { disabled: env.disabledCategories } : {}),
      });
      if (res.findings.length > 0) env.onFindings?.(tabId, res.findings);
      return { ok: true, batchId: batch.batchId, stored: res.stored, duplicates: res.duplicates };
    }
    const parsed = PageMessageSchema.safeParse(message);
    if (!parsed.success) return { ok: false, error: `invalid message: ${firstIssue(parsed.error)}` };
    const m = parsed.data;
    switch (m.type) {
      case 'tabState':
        return getTabState(env.db, m.tabId);
      case 'verifyChain':
        return verifyEvidence(env.db);
      case 'setPaused': {
        const state = await getTabState(env.db, m.tabId, 0);
        if (!state.session) return { ok: false, error: 'no live room recognised in this tab' };
        await setRoomPaused(env.db, roomKey(state.session), m.paused);
        return getTabState(env.db, m.tabId);
      }
      case 'captureNow': {
        if (!env.captureNow) return { ok: false, error: 'capture is not available' };
        const state = await getTabState(env.db, m.tabId, 20);
        if (!state.session) return { ok: false, error: 'no live room recognised in this tab' };
        const r = await env.captureNow(m.tabId, state.session.key, state.findings);
        return {
          ok: true,
          snapshotId: r.id,
          seq: r.link.seq,
          screenshot: r.content.screenshot !== null,
          ...(r.content.screenshotNote ? { note: r.content.screenshotNote } : {}),
        };
      }
      case 'setOcr': {
        if (!env.setOcr) return { ok: false, error: 'OCR is not available' };
        return { ok: true, ocr: await env.setOcr(m.on) };
      }
      case 'enableSite':
      case 'listSites':
      case 'disableSite': {
        if (!env.sites) return { ok: false, error: 'sites cannot be added in this browser' };
        let injected: boolean | undefined;
        if (m.type === 'enableSite') injected = (await env.sites.enable(m.tabId)).injected;
        if (m.type === 'disableSite') await env.sites.disable(m.pattern);
        return { ok: true, sites: await env.sites.list(), ...(injected === undefined ? {} : { injected }) };
      }
    }
  };
}

function firstIssue(error: { issues: { path: PropertyKey[]; message: string }[] }): string {
  const i = error.issues[0];
  return i ? `${i.path.map(String).join('.') || '(root)'}: ${i.message}` : 'unknown';
}

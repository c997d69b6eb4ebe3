/**
 * The background's message handling: classify the sender, validate the
 * message with Zod, then call the evidence store. Pure of browser.*: the entry
 * point passes the sender and the environment in.
 */
import type { CaptureNowReply, EventsAck, ErrorReply } from '../protocol/types';
import type { FindingRow } from '../evidence/db';
import type { VerifyResult } from '../evidence/chain';
import type { SnapshotResult } from '../evidence/snapshot';
import { ContentMessageSchema, PageMessageSchema } from '../protocol/schemas';
import { classifySender, type SenderLike } from '../protocol/sender';
import type { LiveProofDb } from '../evidence/db';
import { getTabState, ingestBatch, verifyEvidence, type AnalyzeFn, type TabState } from '../evidence/store';

export interface HandlerEnv {
  db: LiveProofDb;
  extensionId: string;
  extensionOrigin: string;
  analyze?: AnalyzeFn;
  /** Called after findings were stored for a tab (badge, automatic snapshots). */
  onFindings?: (tabId: number, findings: FindingRow[]) => void;
  /** Manual snapshot ("capture now"). */
  captureNow?: (tabId: number, sessionKey: string, findings: FindingRow[]) => Promise<SnapshotResult>;
}

export type Reply = EventsAck | TabState | CaptureNowReply | VerifyResult | ErrorReply;

export function createMessageHandler(env: HandlerEnv) {
  return async function handleMessage(message: unknown, sender: SenderLike): Promise<Reply> {
    const kind = classifySender(sender, env.extensionId, env.extensionOrigin);
    if (kind === null) return { ok: false, error: 'unknown sender' };
    if (kind === 'content') {
      const parsed = ContentMessageSchema.safeParse(message);
      if (!parsed.success) return { ok: false, error: `invalid message: ${firstIssue(parsed.error)}` };
      const tabId = sender.tab?.id ?? -1;
      const { batch } = parsed.data;
      const res = await ingestBatch(env.db, batch, { tabId, pageTitle: sender.tab?.title ?? '' }, env.analyze);
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
    }
  };
}

function firstIssue(error: { issues: { path: PropertyKey[]; message: string }[] }): string {
  const i = error.issues[0];
  return i ? `${i.path.map(String).join('.') || '(root)'}: ${i.message}` : 'unknown';
}

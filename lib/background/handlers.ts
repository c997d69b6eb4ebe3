/**
 * The background's message handling: classify the sender, validate the
 * message with Zod, then call the evidence store. Pure of browser.*: the entry
 * point passes the sender and the environment in.
 */
import type { EventsAck, ErrorReply } from '../protocol/types';
import { ContentMessageSchema, PageMessageSchema } from '../protocol/schemas';
import { classifySender, type SenderLike } from '../protocol/sender';
import type { LiveProofDb } from '../evidence/db';
import { getTabState, ingestBatch, type AnalyzeFn, type TabState } from '../evidence/store';

export interface HandlerEnv {
  db: LiveProofDb;
  extensionId: string;
  extensionOrigin: string;
  analyze?: AnalyzeFn;
  /** Called after findings were stored for a tab (badge updates). */
  onFindings?: (tabId: number, count: number) => void;
}

export type Reply = EventsAck | TabState | ErrorReply;

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
      if (res.findings.length > 0) env.onFindings?.(tabId, res.findings.length);
      return { ok: true, batchId: batch.batchId, stored: res.stored, duplicates: res.duplicates };
    }
    const parsed = PageMessageSchema.safeParse(message);
    if (!parsed.success) return { ok: false, error: `invalid message: ${firstIssue(parsed.error)}` };
    return getTabState(env.db, parsed.data.tabId);
  };
}

function firstIssue(error: { issues: { path: PropertyKey[]; message: string }[] }): string {
  const i = error.issues[0];
  return i ? `${i.path.map(String).join('.') || '(root)'}: ${i.message}` : 'unknown';
}

/**
 * Turns what the OCR engine read into LiveEvents of the room's session and
 * stores them (with their crops) through the evidence store, analysed like any
 * caption or overlay, plus the off-platform contact findings (contacts.ts).
 * Text still on screen since the last read is not emitted again (TextMerger).
 */
import type { FindingRow } from '../evidence/db';
import { lastEventSeq, putOcrCrop } from '../evidence/ocr-crops';
import { getTabState, ingestBatch, type AnalyzeFn } from '../evidence/store';
import type { LiveProofDb } from '../evidence/db';
import { dataUrlToBytes } from '../background/screenshot';
import { randomId } from '../content/outbox';
import type { LiveEvent, OcrInfo } from '../protocol/types';
import { contactFindings, QR_TEXT_PREFIX } from './contacts';
import type { RegionRead } from './messages';
import { TextMerger } from './text';

export interface RecordEnv {
  db: LiveProofDb;
  analyze?: AnalyzeFn;
  lexiconVersion: string;
  /** Categories the user switched off: OCR's own findings in them are not recorded either. */
  disabledCategories?: () => readonly string[];
  /** One merger per tab: what was already emitted for that room. */
  mergerFor(tabId: number): TextMerger;
  now?: () => number;
}

export interface RecordResult {
  events: LiveEvent[];
  findings: FindingRow[];
}

const MAX_TEXT = 2000;

export async function recordReads(
  env: RecordEnv,
  tab: { tabId: number; pageTitle: string },
  frame: OcrInfo['frame'],
  reads: RegionRead[],
): Promise<RecordResult> {
  const now = (env.now ?? Date.now)();
  const state = await getTabState(env.db, tab.tabId, 0);
  // No room recognised in the tab (nothing to attach the text to), or the user paused this room.
  if (!state.session || state.paused) return { events: [], findings: [] };
  const sessionKey = state.session.key;
  const merger = env.mergerFor(tab.tabId);
  let seq = (await lastEventSeq(env.db, sessionKey)) + 1;
  const events: LiveEvent[] = [];

  for (const r of reads) {
    const text = r.lines.map((l) => l.text).join(' ').slice(0, MAX_TEXT);
    const newText = text.length > 0 && merger.accept(text, now);
    const newQr = r.qr.filter((q) => merger.accept(QR_TEXT_PREFIX + q, now));
    if (!newText && newQr.length === 0) continue;
    const bytes = dataUrlToBytes(r.image);
    const stored = await putOcrCrop(env.db, bytes, 'image/png');
    const size = pngSize(bytes);
    const box = { x: Math.round(r.box.x), y: Math.round(r.box.y), w: Math.round(r.box.w), h: Math.round(r.box.h) };
    const info = (kind: OcrInfo['kind']): OcrInfo => ({ kind, frame, box, ...(r.picked ? { picked: true } : {}), crop: { sha256: stored.sha256, mime: 'image/png', size: stored.size, width: size.width, height: size.height } });
    const base = { sessionKey, observedAt: now, source: 'ocr' as const };
    if (newText) {
      const confidence = Math.min(1, Math.max(0, r.lines.reduce((s, l) => s + l.confidence, 0) / r.lines.length));
      events.push(
        r.subtitle
          ? { ...base, id: `ocr-${randomId()}`, seq: seq++, confidence, kind: 'caption', payload: { text, final: true, ocr: info('text') } }
          : { ...base, id: `ocr-${randomId()}`, seq: seq++, confidence, kind: 'overlay', payload: { text, ocr: info('text') } },
      );
    }
    for (const q of newQr) {
      events.push({ ...base, id: `ocr-${randomId()}`, seq: seq++, confidence: 0.99, kind: 'overlay', payload: { text: (QR_TEXT_PREFIX + q).slice(0, MAX_TEXT), ocr: info('qr') } });
    }
  }
  if (events.length === 0) return { events, findings: [] };
  const off = env.disabledCategories?.() ?? [];
  const analyze: AnalyzeFn = (input) => [...(env.analyze?.(input) ?? []), ...contactFindings(input, env.lexiconVersion).filter((f) => !off.includes(f.category))];
  const res = await ingestBatch(env.db, { batchId: `ocr-${randomId()}`, events }, tab, analyze, now);
  return { events, findings: res.findings };
}

/** Width and height from a PNG's IHDR (0 × 0 if it is not a PNG). */
export function pngSize(bytes: ArrayBuffer): { width: number; height: number } {
  const v = new DataView(bytes);
  if (bytes.byteLength < 24 || v.getUint32(0) !== 0x89504e47) return { width: 0, height: 0 };
  return { width: v.getUint32(16), height: v.getUint32(20) };
}

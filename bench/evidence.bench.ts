/**
 * Evidence store benchmark (issue 5). Runnable alone: `npx tsx bench/evidence.bench.ts`,
 * or call `benchEvidence()` from bench/run.ts.
 *
 * Fills an IndexedDB (fake-indexeddb in Node: the same Dexie code the extension
 * runs, on an in-memory engine that is slower than Chromium's) with 100k events,
 * 20k findings and 5k snapshots through the real store functions, then times:
 * insert throughput (batched ingest vs one event per transaction), listing the
 * latest 100 findings of a session (compound index vs a scan-and-sort), and
 * verifying the whole chain (vs hashing the same records with no chain logic).
 */
import 'fake-indexeddb/auto';
import { verifyChain } from '../lib/evidence/chain';
import { openDb, type FindingRow } from '../lib/evidence/db';
import { hashRecord } from '../lib/evidence/hash';
import { takeSnapshot } from '../lib/evidence/snapshot';
import { getTabState, ingestBatch, type AnalyzeFn } from '../lib/evidence/store';
import type { LiveEvent } from '../lib/protocol/types';

export interface EvidenceBench {
  events: number;
  findings: number;
  snapshots: number;
  insertEventsPerSec: number;
  singleInsertEventsPerSec: number;
  listLatest100Ms: number;
  listNaiveMs: number;
  verifyMs: number;
  hashOnlyMs: number;
  snapshotInsertPerSec: number;
}

const ms = () => performance.now();

export async function benchEvidence(opts: { events?: number; snapshots?: number; sessions?: number } = {}): Promise<EvidenceBench> {
  const total = opts.events ?? 100_000;
  const snaps = opts.snapshots ?? 5_000;
  const sessions = opts.sessions ?? 20;
  const db = openDb(`bench-${Date.now()}`);
  // Every 5th caption yields a finding: 20k findings for 100k events.
  const analyze: AnalyzeFn = ({ event, channel, text }) =>
    event.seq % 5 === 0 && channel === 'caption'
      ? [{
          id: `${event.id}:f`, sessionKey: event.sessionKey, eventId: event.id, observedAt: event.observedAt, channel, text,
          ruleId: 'abs.x', category: 'absolute_terms', severity: 'medium', status: 'suspected', legalBasis: [{ law: '广告法', article: '9', item: '3' }],
          explanation: { zh: '涉嫌', en: 'x' }, start: 0, end: 2, match: text.slice(0, 2), normalized: text.slice(0, 2), evasion: null, lexiconVersion: 'bench',
        } satisfies FindingRow]
      : [];
  const perSession = Math.ceil(total / sessions);
  const t0 = ms();
  let made = 0;
  for (let s = 0; s < sessions; s++) {
    const key = `bench:${s}`;
    for (let start = 0; start < perSession && made < total; start += 500) {
      const events: LiveEvent[] = [];
      for (let i = start; i < Math.min(start + 500, perSession) && made < total; i++, made++) {
        const base = { id: `${key}:${i}`, sessionKey: key, observedAt: 1_700_000_000_000 + i * 1000, seq: i, source: 'dom' as const, confidence: 0.7 };
        events.push(
          i === 0
            ? { ...base, kind: 'room', payload: { platform: 'demo', roomId: `r${s}`, title: '基准直播间', host: '主播', url: 'http://127.0.0.1/' } }
            : { ...base, kind: 'caption', payload: { text: `最好的面霜第${i}句，欢迎来到直播间`, final: true } },
        );
      }
      await ingestBatch(db, { batchId: `${key}:${start}`, events }, { tabId: s, pageTitle: '' }, analyze);
    }
  }
  const insertMs = ms() - t0;

  // Alternative: one event per transaction (what a naive ingest would do).
  const single = openDb(`bench-single-${Date.now()}`);
  const t1 = ms();
  for (let i = 0; i < 2000; i++) {
    await ingestBatch(single, { batchId: `b${i}`, events: [{ id: `x${i}`, sessionKey: 'x', observedAt: 1 + i, seq: i, source: 'dom', confidence: 1, kind: 'caption', payload: { text: '你好', final: true } }] }, { tabId: 1, pageTitle: '' });
  }
  const singleMs = ms() - t1;
  await single.delete();

  const findings = await db.findings.count();
  // Snapshots: chained, each with 5 findings and the caption window.
  const some = await db.findings.where('sessionKey').equals('bench:0').limit(5).toArray();
  const t2 = ms();
  for (let i = 0; i < snaps; i++) {
    await takeSnapshot(db, {
      sessionKey: `bench:${i % sessions}`, tabId: 1, trigger: 'auto', findings: some, screenshot: null, versions: { extension: 'bench', lexicon: 'bench', browser: 'node' },
      // Taken at the end of the stream, as a live capture is: the caption window is the last 60 s.
      now: new Date(1_700_000_000_000 + perSession * 1000 + i), monotonicMs: i,
    });
  }
  const snapMs = ms() - t2;

  // Latest 100 findings of a session: the compound index the popup uses…
  const which = Math.min(3, sessions - 1);
  const key = `bench:${which}`;
  const t3 = ms();
  const latest = await getTabState(db, which, 100);
  const listMs = ms() - t3;
  if (latest.findings.length !== 100 || latest.session?.key !== key) throw new Error('listing returned the wrong rows');
  // …against a scan of the session's findings and a sort.
  const t4 = ms();
  const naive = (await db.findings.filter((f) => f.sessionKey === key).toArray()).sort((a, b) => b.observedAt - a.observedAt).slice(0, 100);
  const naiveMs = ms() - t4;
  if (naive[0]?.id !== latest.findings[0]?.id) throw new Error('naive listing disagrees');

  const t5 = ms();
  const v = await verifyChain(db);
  const verifyMs = ms() - t5;
  if (!v.ok || v.records !== snaps) throw new Error(`verify failed: ${JSON.stringify(v.failure)}`);
  const t6 = ms();
  for (const s of await db.snapshots.toArray()) await hashRecord(s.content);
  const hashOnlyMs = ms() - t6;
  await db.delete();
  return {
    events: total, findings, snapshots: snaps,
    insertEventsPerSec: Math.round(total / (insertMs / 1000)),
    singleInsertEventsPerSec: Math.round(2000 / (singleMs / 1000)),
    listLatest100Ms: listMs, listNaiveMs: naiveMs, verifyMs, hashOnlyMs,
    snapshotInsertPerSec: Math.round(snaps / (snapMs / 1000)),
  };
}

export function formatEvidenceBench(r: EvidenceBench): string {
  const f = (x: number) => x.toFixed(1);
  return [
    `evidence store (fake-indexeddb in Node; Chromium's IndexedDB is faster): ${r.events} events, ${r.findings} findings, ${r.snapshots} snapshots`,
    `  insert, batches of 500: ${r.insertEventsPerSec} events/s (${(r.insertEventsPerSec / r.singleInsertEventsPerSec).toFixed(1)}× one event per transaction: ${r.singleInsertEventsPerSec}/s)`,
    `  snapshots appended to the chain: ${r.snapshotInsertPerSec}/s`,
    `  latest 100 findings of a session: ${f(r.listLatest100Ms)} ms (target < 50) vs scan+sort ${f(r.listNaiveMs)} ms (${(r.listNaiveMs / r.listLatest100Ms).toFixed(1)}× faster)`,
    `  verify the whole chain: ${f(r.verifyMs)} ms (target < 2000) vs hashing the same records alone ${f(r.hashOnlyMs)} ms (${(r.verifyMs / r.hashOnlyMs).toFixed(2)}×)`,
  ].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(formatEvidenceBench(await benchEvidence()));
}

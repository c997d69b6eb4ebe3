import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { mergeBundles } from '../../lib/bundle/merge';
import { readBundle, type ReadOk } from '../../lib/bundle/read';
import { summarize, summaryCsv } from '../../lib/bundle/summary';
import type { LiveProofDb } from '../../lib/evidence/db';
import { exportBundle } from '../../lib/evidence/export';
import { hashRecord } from '../../lib/evidence/hash';
import { standardStore } from './fixture';

let db: LiveProofDb;
let ids: string[];
let otherIds: string[];
let a: ReadOk;
let b: ReadOk;
const must = async (bytes: Uint8Array) => {
  const r = await readBundle(bytes);
  if (!r.ok) throw new Error(`${r.error.path}: ${r.error.reason}`);
  return r;
};

beforeAll(async () => {
  ({ db, ids, otherIds } = await standardStore());
  a = await must((await exportBundle(db, { snapshotIds: [ids[0]!, ids[1]!] }, { now: new Date('2026-11-23T12:30:00Z'), exportedBy: '甲' })).bytes);
  b = await must((await exportBundle(db, { snapshotIds: [ids[1]!, ids[2]!, otherIds[0]!] }, { now: new Date('2026-11-23T13:00:00Z'), exportedBy: '乙' })).bytes);
});
afterAll(() => db.delete());

describe('merge', () => {
  test('two overlapping bundles: deduped by content hash, provenance and both segments kept, and it verifies', async () => {
    const { bytes, stats } = await mergeBundles([a, b], { createdAt: '2026-11-24T10:00:00.000+08:00', tool: { version: '0.1.0' } });
    expect(stats).toMatchObject({ sources: 2, recordsIn: 5, records: 4, duplicates: 1, segments: 2 });
    const m = await must(bytes);
    expect(m.manifestSha256).toBe(stats.manifestSha256);
    expect(m.records.map((r) => r.recordId).sort()).toEqual([...ids, ...otherIds].sort());
    expect(m.manifest.provenance.method).toBe('merge');
    expect(m.manifest.provenance.sources.map((s) => [s.manifestSha256, s.exportedBy])).toEqual([
      [a.manifestSha256, '甲'],
      [b.manifestSha256, '乙'],
    ]);
    const entry = (id: string) => m.manifest.records.find((r) => r.recordId === id)!;
    expect(entry(ids[0]!).from).toEqual([a.manifestSha256]);
    expect(entry(ids[1]!).from.sort()).toEqual([a.manifestSha256, b.manifestSha256].sort());
    expect(entry(otherIds[0]!).from).toEqual([b.manifestSha256]);
    // the shared record can be checked against both original segments
    expect(entry(ids[1]!).refs).toHaveLength(2);
    for (const ref of entry(ids[1]!).refs) {
      const seg = m.manifest.segments.find((s) => s.id === ref.segment)!;
      const original = (ref.segment.startsWith(a.manifestSha256.slice(0, 12)) ? a : b).manifest.segments[0]!;
      expect(seg.links).toEqual(original.links);
      expect(seg.anchor).toEqual(original.anchor);
      expect(seg.links.find((l) => l.seq === ref.seq)!.contentHash).toBe(await hashRecord(m.records.find((r) => r.recordId === ids[1])!.content));
    }
  });

  test('merging a merge with one of its sources dedupes everything and keeps provenance transitively', async () => {
    const ab = await must((await mergeBundles([a, b], { createdAt: '2026-11-24T10:00:00.000+08:00', tool: { version: '0.1.0' } })).bytes);
    const { bytes, stats } = await mergeBundles([ab, a], { createdAt: '2026-11-24T11:00:00.000+08:00', tool: { version: '0.1.0' } });
    expect(stats).toMatchObject({ records: 4, duplicates: 2, segments: 2 });
    const m = await must(bytes);
    expect(m.manifest.provenance.sources.map((s) => s.manifestSha256).sort()).toEqual([ab.manifestSha256, a.manifestSha256, b.manifestSha256].sort());
    expect(m.manifest.records.find((r) => r.recordId === ids[0])!.from.sort()).toEqual([a.manifestSha256, ab.manifestSha256].sort());
  });
});

describe('summary', () => {
  test('counts findings by platform, shop, host, category and severity over bundles (deduped)', () => {
    const s = summarize([a, b]);
    expect(s).toMatchObject({ bundles: 2, records: 4, findings: 4 });
    expect(s.counts.platform).toEqual([
      { key: 'douyin', count: 3 },
      { key: 'kuaishou', count: 1 },
    ]);
    expect(s.counts.shop).toEqual([
      { key: '美肌旗舰店', count: 3 },
      { key: '老王百货', count: 1 },
    ]);
    expect(s.counts.host).toEqual([
      { key: '小美姐姐', count: 3 },
      { key: '老王', count: 1 },
    ]);
    expect(s.counts.severity).toEqual([
      { key: 'high', count: 2 },
      { key: 'critical', count: 1 },
      { key: 'medium', count: 1 },
    ]);
    expect(s.counts.category.map((c) => c.key).sort()).toEqual(['absolute_terms', 'health_food_claims', 'medical_claims_nonmedical', 'price_fraud']);
    const csv = summaryCsv(s);
    expect(csv.startsWith('\uFEFF维度 Dimension,值 Value,问题数 Findings\r\n')).toBe(true);
    expect(csv).toContain('platform,抖音 (douyin),3\r\n');
    expect(csv).toContain('severity,高 (high),2\r\n');
  });
});

/**
 * Merges verified bundles into one.
 *
 * - Records are deduplicated by content hash; each keeps `from`: the manifest
 *   SHA-256 of every source bundle it came from (transitively, for bundles that
 *   were themselves merges).
 * - Every source's chain segments are kept (renamed `<source manifest hash, 12
 *   hex>.<id>`; identical segments kept once), and each record keeps refs to
 *   all links that hold it, so it can still be checked against its original chain.
 * - provenance.sources lists the input bundles (and their own sources).
 * - The result is read back with readBundle before it is returned.
 *
 * Usage: const a = await readBundle(x); const b = await readBundle(y);
 *        const { bytes, stats } = await mergeBundles([a, b], { createdAt, tool: { version } });
 *
 * Main exports: mergeBundles, MergeStats.
 */
import { canonicalJson } from '../evidence/hash';
import { buildBundle, recordImages, type BundleRecordInput } from './build';
import type { Segment, Source } from './manifest';
import { readBundle, type ReadOk } from './read';

export interface MergeOptions {
  createdAt: string;
  tool: { name?: string; version: string };
  exportedBy?: string;
}

export interface MergeStats {
  sources: number;
  recordsIn: number;
  records: number;
  duplicates: number;
  segments: number;
  manifestSha256: string;
}

export async function mergeBundles(bundles: readonly ReadOk[], opts: MergeOptions): Promise<{ bytes: Uint8Array; stats: MergeStats }> {
  if (bundles.length === 0) throw new Error('merge: no bundles given');
  const sources = new Map<string, Source>();
  const segments: Segment[] = [];
  const segmentByCanon = new Map<string, string>();
  const records = new Map<string, BundleRecordInput & { refs: { segment: string; seq: number }[]; from: string[] }>();
  const screenshots = new Map<string, { sha256: string; mime: string; data: Uint8Array }>();
  let recordsIn = 0;

  for (const b of bundles) {
    const m = b.manifest;
    sources.set(b.manifestSha256, {
      manifestSha256: b.manifestSha256,
      bundleFormat: m.bundleFormat,
      createdAt: m.createdAt,
      method: m.provenance.method,
      ...(m.provenance.exportedBy ? { exportedBy: m.provenance.exportedBy } : {}),
    });
    for (const s of m.provenance.sources) if (!sources.has(s.manifestSha256)) sources.set(s.manifestSha256, s);

    const rename = new Map<string, string>();
    for (const s of m.segments) {
      const key = canonicalJson({ anchor: s.anchor, links: s.links });
      let id = segmentByCanon.get(key);
      if (!id) {
        id = `${b.manifestSha256.slice(0, 12)}.${s.id}`.slice(0, 128);
        segmentByCanon.set(key, id);
        segments.push({ ...s, id });
      }
      rename.set(s.id, id);
    }
    const entries = new Map(m.records.map((r) => [r.recordId, r]));
    for (const r of b.records) {
      recordsIn++;
      const entry = entries.get(r.recordId)!;
      const refs = entry.refs.map((ref) => ({ segment: rename.get(ref.segment)!, seq: ref.seq }));
      const from = [...entry.from, b.manifestSha256];
      const have = records.get(r.contentHash);
      if (have) {
        for (const ref of refs) if (!have.refs.some((x) => x.segment === ref.segment && x.seq === ref.seq)) have.refs.push(ref);
        have.from = [...new Set([...have.from, ...from])];
      } else {
        records.set(r.contentHash, { recordId: r.recordId, content: r.content, refs, from });
      }
      for (const img of recordImages(r.content)) {
        const data = b.screenshots.get(img.sha256);
        if (data) screenshots.set(img.sha256, { sha256: img.sha256, mime: data.mime, data: data.data });
      }
    }
  }

  // Two different records with the same id (different content) cannot share evidence/<id>.json.
  const ids = new Set<string>();
  for (const r of records.values()) {
    if (ids.has(r.recordId)) throw new Error(`merge: two different records are both named ${r.recordId}`);
    ids.add(r.recordId);
  }

  const bytes = await buildBundle({
    createdAt: opts.createdAt,
    tool: opts.tool,
    ...(opts.exportedBy ? { exportedBy: opts.exportedBy } : {}),
    method: 'merge',
    sources: [...sources.values()],
    segments,
    records: [...records.values()],
    screenshots: [...screenshots.values()],
  });
  const check = await readBundle(bytes);
  if (!check.ok) throw new Error(`merge produced a bundle that does not verify: ${check.error.path ?? ''}: ${check.error.reason}`);
  return {
    bytes,
    stats: { sources: bundles.length, recordsIn, records: records.size, duplicates: recordsIn - records.size, segments: segments.length, manifestSha256: check.manifestSha256 },
  };
}

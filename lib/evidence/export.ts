/**
 * Export: collects what a bundle needs from the evidence database.
 *
 *   const { bytes, fileName } = await exportBundle(db, { sessionKey }, { exportedBy: '张三' });
 *   // or, in two steps:
 *   const input = await collectBundleInput(db, { caseId });
 *   const bytes = await buildBundle(input);            // lib/bundle/build.ts
 *
 * A selection is snapshot ids, a session key or a case id. Deleted snapshots
 * (content gone, a tombstone in the chain) are left out; their links stay in
 * the segment. The chain segment runs from the first selected record's link
 * to the chain head at export time, so the bundle proves nothing between them
 * was removed; links of records not exported carry only hashes and times.
 *
 * Main exports: ExportSelection, ExportOptions, collectBundleInput, exportBundle, NothingToExportError.
 */
import { buildBundle, bundleFileName, recordImages, type BundleInput } from '../bundle/build';
import type { Segment } from '../bundle/manifest';
import type { LiveProofDb, SnapshotRow } from './db';
import { isoWithZone } from './snapshot';

export type ExportSelection = { snapshotIds: string[] } | { sessionKey: string } | { caseId: string };

export interface ExportOptions {
  /** The user's label, recorded as provenance.exportedBy. */
  exportedBy?: string;
  now?: Date;
  /** Defaults to the newest record's extension version. */
  tool?: { name?: string; version: string };
}

export class NothingToExportError extends Error {
  override name = 'NothingToExportError';
}

async function selectedRows(db: LiveProofDb, selection: ExportSelection): Promise<SnapshotRow[]> {
  if ('sessionKey' in selection) return db.snapshots.where('sessionKey').equals(selection.sessionKey).toArray();
  let ids: string[];
  if ('caseId' in selection) {
    const c = await db.cases.get(selection.caseId);
    if (!c) throw new NothingToExportError(`no case ${selection.caseId}`);
    ids = c.snapshotIds;
  } else ids = selection.snapshotIds;
  const rows = await db.snapshots.bulkGet([...new Set(ids)]);
  const missing = ids.filter((_, i) => rows[i] === undefined);
  if (missing.length) throw new NothingToExportError(`no snapshot ${missing[0]}`);
  return rows as SnapshotRow[];
}

export async function collectBundleInput(db: LiveProofDb, selection: ExportSelection, opts: ExportOptions = {}): Promise<BundleInput> {
  return db.transaction('r', [db.snapshots, db.chain, db.blobs, db.cases, db.meta], async () => {
    const rows = (await selectedRows(db, selection)).filter((r) => r.content !== null);
    if (rows.length === 0) throw new NothingToExportError('nothing to export: no (undeleted) snapshots in the selection');
    const own = await db.chain.where('recordId').anyOf(rows.map((r) => r.id)).toArray();
    if (own.length !== rows.length) throw new Error('the evidence chain is missing links for some snapshots: run verify');
    const first = Math.min(...own.map((l) => l.seq));
    const links = await db.chain.where('seq').aboveOrEqual(first).sortBy('seq');
    for (let i = 1; i < links.length; i++) {
      if (links[i]!.seq !== links[i - 1]!.seq + 1 || links[i]!.prevHash !== links[i - 1]!.hash) throw new Error(`the evidence chain is broken at seq ${links[i]!.seq}: run verify`);
    }
    const head = links.at(-1)!;
    const segment: Segment = {
      id: 'local',
      anchor: { prevHash: links[0]!.prevHash, headSeq: head.seq, headHash: head.hash },
      links: links.map((l) => ({ seq: l.seq, recordId: l.recordId, type: l.type, at: l.at, contentHash: l.contentHash, prevHash: l.prevHash, hash: l.hash })),
    };
    const images = new Map(rows.flatMap((r) => recordImages(r.content!)).map((i) => [i.sha256, i]));
    const shas = [...images.keys()];
    const blobs = await db.blobs.bulkGet(shas);
    const screenshots = blobs.map((b, i) => {
      if (!b) throw new Error(`${images.get(shas[i]!)!.kind} ${shas[i]} is missing from the database: run verify`);
      return { sha256: b.sha256, mime: b.mime, data: new Uint8Array(b.data) };
    });
    const newest = rows.reduce((a, b) => (b.capturedAtMs > a.capturedAtMs ? b : a));
    return {
      createdAt: isoWithZone(opts.now ?? new Date()),
      tool: opts.tool ?? { version: newest.content!.versions.extension },
      ...(opts.exportedBy ? { exportedBy: opts.exportedBy } : {}),
      method: 'export',
      segments: [segment],
      records: rows.map((r) => ({ recordId: r.id, content: r.content! })),
      screenshots,
    } satisfies BundleInput;
  });
}

/** collectBundleInput + buildBundle: the ZIP bytes and a suggested file name. */
export async function exportBundle(db: LiveProofDb, selection: ExportSelection, opts: ExportOptions = {}): Promise<{ bytes: Uint8Array; fileName: string; input: BundleInput }> {
  const input = await collectBundleInput(db, selection, opts);
  return { bytes: await buildBundle(input), fileName: bundleFileName(input), input };
}

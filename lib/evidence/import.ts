/**
 * Import: stores a verified bundle's evidence as imported (schema v4 tables
 * imports / importedRecords / importedBlobs), never appending it to the local
 * chain. All or nothing: readBundle checks everything first, then one
 * transaction writes everything; any failure leaves the database unchanged.
 *
 *   const r = await importBundle(db, bytes);
 *   if (!r.ok) show(r.error.path, r.error.reason);   // nothing was stored
 *   const check = await verifyImported(db);          // re-checks imported records against their source segments
 *
 * Records are deduplicated by content hash; each keeps one provenance entry
 * per bundle it arrived in (manifest SHA-256, importedAt, the links holding
 * it). Importing the same bundle twice changes nothing. A record whose id is
 * already used by different content (locally or among imports) is a conflict:
 * the import is refused.
 *
 * Main exports: importBundle, ImportResult, verifyImported, listImportedRecords.
 */
import { checkSegment, readBundle, type BundleError } from '../bundle/read';
import type { Segment } from '../bundle/manifest';
import type { ImportedRecordRow, LiveProofDb } from './db';
import { hashRecord, sha256Bytes } from './hash';
import { isoWithZone } from './snapshot';

export type ImportResult =
  | { ok: true; manifestSha256: string; alreadyImported: boolean; added: number; merged: number; screenshots: number }
  | { ok: false; error: BundleError };

class ImportConflict extends Error {
  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super(`${path}: ${reason}`);
  }
}

export async function importBundle(db: LiveProofDb, bytes: Uint8Array, opts: { now?: Date } = {}): Promise<ImportResult> {
  const bundle = await readBundle(bytes);
  if (!bundle.ok) return bundle;
  const now = opts.now ?? new Date();
  const importedAt = isoWithZone(now);
  const entries = new Map(bundle.manifest.records.map((r) => [r.recordId, r]));
  try {
    return await db.transaction('rw', [db.imports, db.importedRecords, db.importedBlobs, db.snapshots, db.chain], async () => {
      if (await db.imports.get(bundle.manifestSha256)) {
        return { ok: true, manifestSha256: bundle.manifestSha256, alreadyImported: true, added: 0, merged: 0, screenshots: 0 } as const;
      }
      await db.imports.add({ manifestSha256: bundle.manifestSha256, importedAt, importedAtMs: now.getTime(), manifest: bundle.manifest });
      let added = 0;
      let merged = 0;
      for (const r of bundle.records) {
        const prov = { manifestSha256: bundle.manifestSha256, importedAt, refs: entries.get(r.recordId)!.refs };
        const same = await db.importedRecords.where('recordId').equals(r.recordId).toArray();
        if (same.some((x) => x.contentHash !== r.contentHash)) throw new ImportConflict(`evidence/${r.recordId}.json`, 'an imported record with this id has different content');
        const local = await db.chain.where('recordId').equals(r.recordId).first();
        if (local && local.contentHash !== r.contentHash) throw new ImportConflict(`evidence/${r.recordId}.json`, 'a local record with this id has different content');
        const have = await db.importedRecords.get(r.contentHash);
        if (have) {
          await db.importedRecords.update(r.contentHash, { provenance: [...have.provenance, prov] });
          merged++;
        } else {
          const row: ImportedRecordRow = { contentHash: r.contentHash, recordId: r.recordId, sessionKey: r.content.sessionKey, capturedAtMs: r.content.capturedAtMs, content: r.content, provenance: [prov] };
          await db.importedRecords.add(row);
          added++;
        }
      }
      let screenshots = 0;
      for (const [sha, s] of bundle.screenshots) {
        if (await db.importedBlobs.get(sha)) continue;
        const data = s.data.slice().buffer;
        await db.importedBlobs.add({ sha256: sha, mime: s.mime, size: data.byteLength, data });
        screenshots++;
      }
      return { ok: true, manifestSha256: bundle.manifestSha256, alreadyImported: false, added, merged, screenshots } as const;
    });
  } catch (e) {
    if (e instanceof ImportConflict) {
      return { ok: false, error: { path: e.path, reason: e.reason } };
    }
    throw e;
  }
}

export type ImportedVerifyResult = { ok: true; records: number } | { ok: false; manifestSha256?: string; recordId?: string; reason: string };

/**
 * Re-checks every imported record: its content hash, the links it refers to
 * in each source bundle's stored segments (themselves re-checked link by
 * link), and its screenshot.
 */
export async function verifyImported(db: LiveProofDb): Promise<ImportedVerifyResult> {
  const [imports, records] = await Promise.all([db.imports.toArray(), db.importedRecords.toArray()]);
  const segments = new Map<string, Map<string, Segment>>();
  for (const imp of imports) {
    const m = new Map<string, Segment>();
    for (const s of imp.manifest.segments) {
      const problem = await checkSegment(s);
      if (problem) return { ok: false, manifestSha256: imp.manifestSha256, reason: `segment ${s.id}: ${problem}` };
      m.set(s.id, s);
    }
    segments.set(imp.manifestSha256, m);
  }
  for (const r of records) {
    const fail = (reason: string, manifestSha256?: string): ImportedVerifyResult => ({ ok: false, recordId: r.recordId, ...(manifestSha256 ? { manifestSha256 } : {}), reason });
    if ((await hashRecord(r.content)) !== r.contentHash) return fail('content edited: hash mismatch');
    for (const p of r.provenance) {
      const segs = segments.get(p.manifestSha256);
      if (!segs) return fail('its source bundle is not recorded', p.manifestSha256);
      for (const ref of p.refs) {
        const link = segs.get(ref.segment)?.links.find((l) => l.seq === ref.seq);
        if (!link || link.contentHash !== r.contentHash || link.recordId !== r.recordId) return fail(`does not match its chain link ${ref.segment}#${ref.seq}`, p.manifestSha256);
      }
    }
    const shot = r.content.screenshot;
    if (shot) {
      const blob = await db.importedBlobs.get(shot.sha256);
      if (!blob) return fail('screenshot missing');
      if ((await sha256Bytes(blob.data)) !== shot.sha256) return fail('screenshot edited: hash mismatch');
    }
  }
  return { ok: true, records: records.length };
}

/** Imported records, newest capture first. */
export function listImportedRecords(db: LiveProofDb): Promise<ImportedRecordRow[]> {
  return db.importedRecords.orderBy('capturedAtMs').reverse().toArray();
}

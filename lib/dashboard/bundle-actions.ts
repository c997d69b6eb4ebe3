/** What the dashboard's export and import buttons do: thin glue over lib/evidence export/import. */
import type { LiveProofDb } from '../evidence/db';
import { exportBundle, type ExportSelection } from '../evidence/export';
import { importBundle } from '../evidence/import';

export async function exportSelection(db: LiveProofDb, selection: ExportSelection): Promise<{ bytes: Uint8Array; fileName: string }> {
  const { bytes, fileName } = await exportBundle(db, selection);
  return { bytes, fileName };
}

export async function importBundleFile(db: LiveProofDb, file: Blob): Promise<{ ok: true; records: number } | { ok: false; error: string }> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  const r = await importBundle(db, bytes);
  if (!r.ok) return { ok: false, error: `${r.error.path ? `${r.error.path}: ` : ''}${r.error.reason}` };
  return { ok: true, records: r.added + r.merged };
}

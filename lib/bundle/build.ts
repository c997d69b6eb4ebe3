/**
 * Builds a complaint/evidence bundle: a ZIP (fflate) with a deterministic
 * member order and fixed timestamps, so the same input gives the same bytes.
 *
 *   manifest.json            versioned manifest (manifest.ts), canonical JSON
 *   SHA256SUMS               `sha256sum -c SHA256SUMS` checks every other member
 *   VERIFY.md                how to check the bundle
 *   report.html              self-contained printable report (zh-CN)
 *   complaint.txt            12315 complaint/report draft
 *   findings.csv             UTF-8 with BOM, Excel-friendly
 *   evidence/chain.json      the chain segments (canonical JSON)
 *   evidence/<recordId>.json each record's content exactly as hashed (canonical JSON)
 *   screenshots/<sha256>.png the screenshots and OCR crops, named by their hash
 *
 * Usage (browser or Node):
 *   const input = await collectBundleInput(db, { sessionKey });   // lib/evidence/export.ts
 *   const zip: Uint8Array = await buildBundle(input);
 *   const name = bundleFileName(input);
 *
 * buildBundle throws (a bug in the caller, not user data) when a record does
 * not match its chain link or a referenced screenshot is missing: it never
 * writes a bundle that would not verify.
 *
 * Main exports: buildBundle, BundleInput, bundleFileName, recordPath, screenshotPath.
 */
import { zipSync, type Zippable } from 'fflate';
import type { SnapshotContent } from '../evidence/db';
import { canonicalJson, sha256Bytes, sha256Text } from '../evidence/hash';
import { renderComplaint, renderVerifyMd } from './complaint';
import { BUNDLE_FORMAT, BUNDLE_KIND, ManifestSchema, TOOL_NAME, type FileEntry, type Manifest, type RecordEntry, type Segment, type Source } from './manifest';
import { renderReport } from './report';
import { findingViews, findingsCsv, type BundleRecord } from './views';

export interface BundleRecordInput {
  recordId: string;
  /** The content exactly as stored and hashed. */
  content: SnapshotContent;
  /** The links holding this record; found by recordId in `segments` when omitted. */
  refs?: { segment: string; seq: number }[];
  /** Manifest SHA-256 of the bundles it came from (merge only). */
  from?: string[];
}

export interface BundleInput {
  /** ISO 8601 with zone. */
  createdAt: string;
  tool: { name?: string; version: string };
  exportedBy?: string;
  method?: 'export' | 'merge';
  sources?: Source[];
  /** Contiguous runs of chain links with their anchors (see manifest.ts). */
  segments: Segment[];
  records: BundleRecordInput[];
  screenshots: { sha256: string; mime: string; data: Uint8Array }[];
}

export const recordPath = (recordId: string) => `evidence/${recordId}.json`;
export const CHAIN_PATH = 'evidence/chain.json';

export function screenshotExt(mime: string): string {
  return mime === 'image/jpeg' ? 'jpg' : mime === 'image/webp' ? 'webp' : mime === 'image/png' ? 'png' : 'bin';
}
export const screenshotPath = (sha256: string, mime: string) => `screenshots/${sha256}.${screenshotExt(mime)}`;

/**
 * The images a record references, each once: its tab screenshot and the video-frame crops OCR read its
 * findings from (`ocrCrops`). Both live under screenshots/, named by their hash. Malformed references are
 * skipped here; the reader rejects them.
 */
export function recordImages(content: SnapshotContent): { sha256: string; mime: string; kind: 'screenshot' | 'ocr crop' }[] {
  const out: { sha256: string; mime: string; kind: 'screenshot' | 'ocr crop' }[] = [];
  const add = (sha256: unknown, mime: unknown, kind: 'screenshot' | 'ocr crop') => {
    if (typeof sha256 === 'string' && typeof mime === 'string' && !out.some((x) => x.sha256 === sha256)) out.push({ sha256, mime, kind });
  };
  if (content.screenshot) add(content.screenshot.sha256, content.screenshot.mime, 'screenshot');
  for (const c of Array.isArray(content.ocrCrops) ? content.ocrCrops : []) add(c?.sha256, c?.mime, 'ocr crop');
  return out;
}

/** Fixed ZIP timestamps (local-time fields, so the same everywhere): 1980-01-01 00:00. */
const ZIP_MTIME = new Date(1980, 0, 1, 0, 0, 0);

const enc = new TextEncoder();

/** Only the link fields that are hashed, in a fixed shape. */
export function cleanSegment(s: Segment): Segment {
  return {
    id: s.id,
    anchor: { prevHash: s.anchor.prevHash, headSeq: s.anchor.headSeq, headHash: s.anchor.headHash },
    links: s.links.map((l) => ({ seq: l.seq, recordId: l.recordId, type: l.type, at: l.at, contentHash: l.contentHash, prevHash: l.prevHash, hash: l.hash })),
  };
}

const sortedUnique = (xs: readonly string[]) => [...new Set(xs)].sort();

export async function buildBundle(input: BundleInput): Promise<Uint8Array> {
  if (input.records.length === 0) throw new Error('buildBundle: no records to export');
  const segments = input.segments.map(cleanSegment);
  const linkAt = new Map<string, Segment['links'][number]>();
  for (const s of segments) for (const l of s.links) linkAt.set(`${s.id}\u0000${l.seq}`, l);

  const files: { entry: FileEntry; bytes: Uint8Array }[] = [];
  const add = async (path: string, role: FileEntry['role'], bytes: Uint8Array, mime?: string) => {
    files.push({ entry: { path, sha256: await sha256Bytes(bytes), size: bytes.byteLength, role, ...(mime ? { mime } : {}) }, bytes });
  };

  const records: RecordEntry[] = [];
  const bundleRecords: BundleRecord[] = [];
  const seenIds = new Set<string>();
  const sortedRecords = [...input.records].sort((a, b) => (a.recordId < b.recordId ? -1 : a.recordId > b.recordId ? 1 : 0));
  const recordFiles: { path: string; bytes: Uint8Array }[] = [];
  for (const r of sortedRecords) {
    if (seenIds.has(r.recordId)) throw new Error(`buildBundle: record ${r.recordId} given twice`);
    seenIds.add(r.recordId);
    const text = canonicalJson(r.content);
    const contentHash = await sha256Text(text);
    const refs =
      r.refs ??
      segments.flatMap((s) => s.links.filter((l) => l.recordId === r.recordId).map((l) => ({ segment: s.id, seq: l.seq })));
    if (refs.length === 0) throw new Error(`buildBundle: record ${r.recordId} is in no chain segment`);
    for (const ref of refs) {
      const link = linkAt.get(`${ref.segment}\u0000${ref.seq}`);
      if (!link || link.contentHash !== contentHash) throw new Error(`buildBundle: record ${r.recordId} does not match its chain link ${ref.segment}#${ref.seq}`);
    }
    const path = recordPath(r.recordId);
    records.push({ recordId: r.recordId, type: 'snapshot', path, contentHash, refs, from: sortedUnique(r.from ?? []) });
    bundleRecords.push({ recordId: r.recordId, contentHash, content: r.content });
    recordFiles.push({ path, bytes: enc.encode(text) });
  }

  // Screenshots and OCR crops: exactly those the records reference, each checked against its name.
  const shots = new Map<string, { mime: string; data: Uint8Array }>();
  const given = new Map(input.screenshots.map((s) => [s.sha256, s]));
  for (const r of bundleRecords) {
    for (const ref of recordImages(r.content)) {
      if (shots.has(ref.sha256)) continue;
      const s = given.get(ref.sha256);
      if (!s) throw new Error(`buildBundle: ${ref.kind} ${ref.sha256} of ${r.recordId} is missing`);
      if ((await sha256Bytes(s.data)) !== ref.sha256) throw new Error(`buildBundle: ${ref.kind} ${ref.sha256} does not hash to its name`);
      shots.set(ref.sha256, { mime: ref.mime, data: s.data });
    }
  }

  // Reports list records in capture order (E01 is the earliest).
  bundleRecords.sort((a, b) => a.content.capturedAtMs - b.content.capturedAtMs || (a.recordId < b.recordId ? -1 : 1));
  const views = findingViews(bundleRecords);
  const toolVersion = `${input.tool.name ?? TOOL_NAME} ${input.tool.version}`;
  await add(CHAIN_PATH, 'chain', enc.encode(canonicalJson(segments)));
  for (const f of recordFiles) await add(f.path, 'record', f.bytes, 'application/json');
  for (const [sha, s] of [...shots].sort(([a], [b]) => (a < b ? -1 : 1))) await add(screenshotPath(sha, s.mime), 'screenshot', s.data, s.mime);
  await add('findings.csv', 'findings', enc.encode(findingsCsv(views)), 'text/csv');
  await add('report.html', 'report', enc.encode(renderReport({ createdAt: input.createdAt, records: bundleRecords, views, screenshots: shots, segments, toolVersion })), 'text/html');
  await add('complaint.txt', 'complaint', enc.encode(renderComplaint({ createdAt: input.createdAt, records: bundleRecords, views })), 'text/plain');
  await add('VERIFY.md', 'readme', enc.encode(renderVerifyMd()), 'text/markdown');

  const body: Omit<Manifest, 'selfHash'> = {
    bundleFormat: BUNDLE_FORMAT,
    kind: BUNDLE_KIND,
    createdAt: input.createdAt,
    tool: { name: input.tool.name ?? TOOL_NAME, version: input.tool.version },
    versions: {
      extension: sortedUnique(bundleRecords.map((r) => r.content.versions.extension)),
      lexicon: sortedUnique(bundleRecords.map((r) => r.content.versions.lexicon)),
      browser: sortedUnique(bundleRecords.map((r) => r.content.versions.browser)),
    },
    provenance: {
      method: input.method ?? 'export',
      ...(input.exportedBy ? { exportedBy: input.exportedBy } : {}),
      sources: input.sources ?? [],
    },
    segments,
    records,
    files: files.map((f) => f.entry),
  };
  const manifest: Manifest = ManifestSchema.parse({ ...body, selfHash: await sha256Text(canonicalJson(body)) });
  const manifestBytes = enc.encode(canonicalJson(manifest));
  const sums = sha256Sums([{ path: 'manifest.json', sha256: await sha256Bytes(manifestBytes) }, ...files.map((f) => f.entry)]);

  const zippable: Zippable = {};
  const put = (path: string, bytes: Uint8Array, level: 0 | 6) => {
    zippable[path] = [bytes, { level, mtime: ZIP_MTIME }];
  };
  put('manifest.json', manifestBytes, 6);
  put('SHA256SUMS', enc.encode(sums), 6);
  put('VERIFY.md', files.find((f) => f.entry.path === 'VERIFY.md')!.bytes, 6);
  for (const f of files) if (f.entry.path !== 'VERIFY.md') put(f.entry.path, f.bytes, f.entry.role === 'screenshot' ? 0 : 6);
  return zipSync(zippable);
}

/** `sha256sum` format: "<hex>  <path>\n" per file. */
export function sha256Sums(entries: readonly { path: string; sha256: string }[]): string {
  return entries.map((e) => `${e.sha256}  ${e.path}\n`).join('');
}

/** liveproof_douyin_123456_20261123-200120.zip (ASCII only). */
export function bundleFileName(input: Pick<BundleInput, 'createdAt' | 'records'>): string {
  const room = input.records[0]?.content.room;
  const safe = (s: string) => s.replace(/[^A-Za-z0-9_-]+/g, '').slice(0, 40) || 'x';
  const t = input.createdAt.slice(0, 19).replace(/[-:]/g, '').replace('T', '-');
  return `liveproof_${safe(room?.platform ?? 'room')}_${safe(room?.roomId ?? '')}_${t}.zip`;
}

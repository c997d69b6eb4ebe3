/**
 * Reads and verifies a bundle. Never throws on bad input: every problem comes
 * back as `{ ok: false, error: { path?, reason } }` naming the first failure.
 *
 * Order of checks (the first failure wins):
 *  1. the ZIP itself (zip.ts: names, duplicates, sizes, bombs, damage);
 *  2. manifest.json: UTF-8 JSON, a format this reader supports (newer major →
 *     refused with a clear message; newer minor → accepted), canonical form,
 *     selfHash, the Zod schema;
 *  3. the member set: nothing missing, nothing extra;
 *  4. every listed file's size and SHA-256;
 *  5. SHA256SUMS equals what the manifest implies (including manifest.json's hash);
 *  6. evidence/chain.json equals the manifest's segments;
 *  7. each segment: seq without gaps, link hashes, prevHash continuity from
 *     the anchor, ending at the anchor head;
 *  8. each record: canonical JSON whose SHA-256 equals the contentHash of
 *     every chain link it refers to; its screenshot present and hashing to its name.
 *
 * Usage: const r = await readBundle(bytes); if (!r.ok) show(r.error.path, r.error.reason);
 *
 * Main exports: readBundle, ReadResult, ReadOk, BundleError.
 */
import { hashLink } from '../evidence/chain';
import type { SnapshotContent } from '../evidence/db';
import { canonicalJson, sha256Bytes, sha256Text } from '../evidence/hash';
import { CHAIN_PATH, recordImages, screenshotPath, sha256Sums } from './build';
import { ManifestSchema, checkFormat, type Manifest, type Segment } from './manifest';
import type { BundleRecord } from './views';
import { DEFAULT_LIMITS, unzipSafe, type ZipLimits } from './zip';

export interface BundleError {
  path?: string;
  reason: string;
}

export interface ReadOk {
  ok: true;
  manifest: Manifest;
  /** SHA-256 of manifest.json: the bundle's identity (used in merge provenance and imports). */
  manifestSha256: string;
  records: BundleRecord[];
  /** Tab screenshots and OCR crops the records reference, by SHA-256. */
  screenshots: Map<string, { mime: string; data: Uint8Array }>;
  /** Every member by path (including manifest.json and SHA256SUMS). */
  files: Map<string, Uint8Array>;
}

export type ReadResult = ReadOk | { ok: false; error: BundleError };

const fail = (reason: string, path?: string): { ok: false; error: BundleError } => ({ ok: false, error: { ...(path !== undefined ? { path } : {}), reason } });

const dec = new TextDecoder('utf-8', { fatal: true });

function parseJson(bytes: Uint8Array): { ok: true; value: unknown; text: string } | { ok: false; reason: string } {
  let text: string;
  try {
    text = dec.decode(bytes);
  } catch {
    return { ok: false, reason: 'not valid UTF-8' };
  }
  try {
    return { ok: true, value: JSON.parse(text), text };
  } catch {
    return { ok: false, reason: 'not valid JSON' };
  }
}

function canonicalOrNull(v: unknown): string | null {
  try {
    return canonicalJson(v);
  } catch {
    return null;
  }
}

export async function readBundle(bytes: Uint8Array, limits: ZipLimits = DEFAULT_LIMITS): Promise<ReadResult> {
  try {
    return await read(bytes, limits);
  } catch (e) {
    // Defensive: nothing above should throw, but a reader must never crash on input.
    return fail(`unreadable bundle: ${e instanceof Error ? e.message : String(e)}`);
  }
}

async function read(bytes: Uint8Array, limits: ZipLimits): Promise<ReadResult> {
  if (!(bytes instanceof Uint8Array)) return fail('not a byte array');
  const zip = unzipSafe(bytes, limits);
  if (!zip.ok) return fail(zip.reason, zip.path);
  const members = zip.members;

  // 2. manifest
  const M = 'manifest.json';
  const mBytes = members.get(M);
  if (!mBytes) return fail('missing: this is not a LiveProof bundle (no manifest.json)', M);
  const parsed = parseJson(mBytes);
  if (!parsed.ok) return fail(parsed.reason, M);
  const raw = parsed.value;
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return fail('not a JSON object', M);
  const formatProblem = checkFormat((raw as Record<string, unknown>).bundleFormat);
  if (formatProblem) return fail(formatProblem, M);
  const canon = canonicalOrNull(raw);
  if (canon === null || canon !== parsed.text) return fail('not in canonical form (edited?)', M);
  const { selfHash, ...body } = raw as Record<string, unknown>;
  const bodyCanon = canonicalOrNull(body);
  if (typeof selfHash !== 'string' || bodyCanon === null || (await sha256Text(bodyCanon)) !== selfHash) {
    return fail('edited or damaged: selfHash does not match its content', M);
  }
  const schema = ManifestSchema.safeParse(raw);
  if (!schema.success) {
    const issue = schema.error.issues[0]!;
    return fail(`does not match the manifest schema at ${issue.path.join('.') || '(root)'}: ${issue.message}`, M);
  }
  const manifest = schema.data;
  const manifestSha256 = await sha256Bytes(mBytes);

  // 3. member set
  const listed = new Map(manifest.files.map((f) => [f.path, f]));
  if (listed.size !== manifest.files.length) return fail('lists a file twice', M);
  for (const special of [M, 'SHA256SUMS']) if (listed.has(special)) return fail(`lists ${special} among the files`, M);
  for (const f of manifest.files) if (!members.has(f.path)) return fail('missing from the bundle', f.path);
  if (!members.has('SHA256SUMS')) return fail('missing from the bundle', 'SHA256SUMS');
  for (const name of zip.order) if (name !== M && name !== 'SHA256SUMS' && !listed.has(name)) return fail('extra member not listed in the manifest', name);

  // 4. sizes and hashes
  for (const f of manifest.files) {
    const data = members.get(f.path)!;
    if (data.byteLength !== f.size) return fail(`size ${data.byteLength} differs from the manifest's ${f.size}`, f.path);
    if ((await sha256Bytes(data)) !== f.sha256) return fail('SHA-256 mismatch', f.path);
  }

  // 5. SHA256SUMS
  const expectedSums = sha256Sums([{ path: M, sha256: manifestSha256 }, ...manifest.files]);
  const sums = members.get('SHA256SUMS')!;
  let sumsText: string | null = null;
  try {
    sumsText = dec.decode(sums);
  } catch {
    /* reported below */
  }
  if (sumsText !== expectedSums) {
    const got = (sumsText ?? '').split('\n');
    const want = expectedSums.split('\n');
    const line = want.findIndex((w, i) => got[i] !== w);
    return fail(`does not match the files (line ${line + 1}${want[line] ? `: expected ${want[line]!.split('  ')[1]}` : ''})`, 'SHA256SUMS');
  }

  // 6. chain.json
  const chainFile = members.get(CHAIN_PATH);
  if (!chainFile) return fail('missing from the bundle', CHAIN_PATH);
  const chain = parseJson(chainFile);
  if (!chain.ok) return fail(chain.reason, CHAIN_PATH);
  if (chain.text !== canonicalJson(manifest.segments)) return fail("differs from the manifest's chain segments", CHAIN_PATH);

  // 7. segments
  const segIds = new Set<string>();
  const linkAt = new Map<string, Manifest['segments'][number]['links'][number]>();
  for (const s of manifest.segments) {
    if (segIds.has(s.id)) return fail(`segment ${s.id}: id used twice`, CHAIN_PATH);
    segIds.add(s.id);
    const problem = await checkSegment(s);
    if (problem) return fail(`segment ${s.id}: ${problem}`, CHAIN_PATH);
    for (const l of s.links) linkAt.set(`${s.id}\u0000${l.seq}`, l);
  }

  // 8. records and screenshots
  const records: BundleRecord[] = [];
  const screenshots = new Map<string, { mime: string; data: Uint8Array }>();
  const recordIds = new Set<string>();
  for (const r of manifest.records) {
    if (recordIds.has(r.recordId)) return fail(`record ${r.recordId} listed twice`, M);
    recordIds.add(r.recordId);
    const entry = listed.get(r.path);
    if (!entry || entry.role !== 'record') return fail(`record ${r.recordId} points to ${r.path}, which is not a record file`, M);
    const parsedRecord = parseJson(members.get(r.path)!);
    if (!parsedRecord.ok) return fail(parsedRecord.reason, r.path);
    if (canonicalOrNull(parsedRecord.value) !== parsedRecord.text) return fail('not in canonical form', r.path);
    const contentHash = await sha256Text(parsedRecord.text);
    if (contentHash !== r.contentHash) return fail("content hash differs from the manifest's record entry", r.path);
    for (const ref of r.refs) {
      const link = linkAt.get(`${ref.segment}\u0000${ref.seq}`);
      if (!link) return fail(`refers to chain link ${ref.segment}#${ref.seq}, which is not in the bundle`, r.path);
      if (link.contentHash !== contentHash || link.recordId !== r.recordId || link.type !== r.type) return fail(`does not match its chain link ${ref.segment}#${ref.seq}`, r.path);
    }
    const content = parsedRecord.value as SnapshotContent;
    if (typeof content !== 'object' || content === null || content.type !== 'snapshot' || !isSnapshotShape(content)) {
      return fail('not a snapshot record this reader understands', r.path);
    }
    const shot = content.screenshot;
    if (shot && (typeof shot.sha256 !== 'string' || typeof shot.mime !== 'string')) return fail('screenshot reference is malformed', r.path);
    const crops = (content as { ocrCrops?: unknown }).ocrCrops;
    if (crops !== undefined && !(Array.isArray(crops) && crops.every((c) => isObj(c) && isStr(c.sha256) && isStr(c.mime) && isStr(c.eventId)))) {
      return fail('OCR crop references are malformed', r.path);
    }
    for (const img of recordImages(content)) {
      const path = screenshotPath(img.sha256, img.mime);
      const data = members.get(path);
      if (!data || listed.get(path)?.role !== 'screenshot') return fail(`its ${img.kind} ${path} is missing`, r.path);
      if ((await sha256Bytes(data)) !== img.sha256) return fail('SHA-256 mismatch with its name', path);
      screenshots.set(img.sha256, { mime: img.mime, data });
    }
    records.push({ recordId: r.recordId, contentHash, content });
  }
  for (const f of manifest.files) {
    if (f.role === 'record' && !manifest.records.some((r) => r.path === f.path)) return fail('record file not listed among the records', f.path);
    if (f.role === 'screenshot' && ![...screenshots.keys()].some((sha) => f.path.startsWith(`screenshots/${sha}.`))) return fail('screenshot not referenced by any record', f.path);
  }

  return { ok: true, manifest, manifestSha256, records, screenshots, files: members };
}

/**
 * Checks one chain segment on its own: the anchor, seq without gaps, each
 * link's hash, prevHash continuity, the end at the recorded head. null when fine.
 */
export async function checkSegment(s: Segment): Promise<string | null> {
  if (s.links.length === 0) return 'the segment has no links';
  if (s.anchor.prevHash !== s.links[0]!.prevHash) return "the anchor's prevHash is not the first link's prevHash";
  let prev = s.anchor.prevHash;
  for (let i = 0; i < s.links.length; i++) {
    const l = s.links[i]!;
    if (i > 0 && l.seq !== s.links[i - 1]!.seq + 1) return `link seq ${l.seq} follows ${s.links[i - 1]!.seq}: records missing or reordered`;
    if (l.prevHash !== prev) return `link seq ${l.seq}: prevHash does not match the previous link`;
    if ((await hashLink(l)) !== l.hash) return `link seq ${l.seq}: hash does not match its fields (edited)`;
    prev = l.hash;
  }
  const last = s.links.at(-1)!;
  if (last.seq !== s.anchor.headSeq || last.hash !== s.anchor.headHash) return 'the segment does not end at the recorded head (cut off)';
  return null;
}

const isStr = (x: unknown): x is string => typeof x === 'string';
const isObj = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
const optNum = (x: unknown) => x === undefined || typeof x === 'number';
const optStr = (x: unknown) => x === undefined || typeof x === 'string';

/** Enough shape for the views (report, CSV, complaint, summary) to render it; the hash already proved it is what was captured. */
function isSnapshotShape(c: SnapshotContent): boolean {
  const x = c as unknown as Record<string, unknown>;
  const room = x.room;
  const product = x.product;
  const versions = x.versions;
  return (
    isStr(x.capturedAt) &&
    typeof x.capturedAtMs === 'number' &&
    isStr(x.sessionKey) &&
    isObj(room) &&
    ['platform', 'roomId', 'url', 'host', 'title'].every((k) => isStr(room[k])) &&
    (product === null || (isObj(product) && isStr(product.title) && optNum(product.price) && optNum(product.originalPrice) && optStr(product.shop))) &&
    Array.isArray(x.findings) &&
    x.findings.every(
      (f: unknown) =>
        isObj(f) &&
        ['id', 'text', 'match', 'channel', 'category', 'severity', 'status'].every((k) => isStr(f[k])) &&
        typeof f.observedAt === 'number' &&
        Array.isArray(f.legalBasis) &&
        f.legalBasis.every((l: unknown) => isObj(l) && isStr(l.law) && isStr(l.article) && optStr(l.item)) &&
        isObj(f.explanation) &&
        isStr(f.explanation.zh) &&
        (f.product === undefined || (isObj(f.product) && isStr(f.product.title))),
    ) &&
    isObj(versions) &&
    isStr(versions.extension) &&
    isStr(versions.lexicon) &&
    isStr(versions.browser)
  );
}

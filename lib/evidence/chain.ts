/**
 * The append-only hash chain over evidence records (snapshots and tombstones).
 *
 * Each chain link holds the record's content hash and the previous link's
 * hash; the link's own hash covers both. Content lives beside the chain, so a
 * deleted snapshot leaves its link (and content hash) in place and a tombstone
 * link records the deletion: the chain stays whole. `verifyChain` walks it and
 * names the first record that does not check out.
 */
import type { ChainRow, LiveProofDb, SnapshotContent, TombstoneContent } from './db';
import { GENESIS, hashRecord, sha256Bytes } from './hash';

export type LinkFields = Omit<ChainRow, 'hash'>;

export function hashLink(link: LinkFields): Promise<string> {
  return hashRecord({
    seq: link.seq,
    recordId: link.recordId,
    type: link.type,
    at: link.at,
    contentHash: link.contentHash,
    prevHash: link.prevHash,
  });
}

/** Serialises appends within one context; the write transaction re-checks the head for other contexts. */
let queue: Promise<unknown> = Promise.resolve();
function serialised<T>(fn: () => Promise<T>): Promise<T> {
  const run = queue.then(fn, fn);
  queue = run.catch(() => undefined);
  return run;
}

export class ChainConflictError extends Error {}

export interface AppendInput {
  recordId: string;
  type: ChainRow['type'];
  at: string;
  content: SnapshotContent | TombstoneContent;
  /** Writes the record's own rows; runs inside the same transaction as the link. */
  write: () => Promise<void>;
  /** Extra tables the write touches. */
  tables: Parameters<LiveProofDb['transaction']>[1][];
}

/**
 * Appends a record and its link. Hashing (WebCrypto, not IndexedDB) happens
 * outside the transaction; the transaction checks the head is unchanged, so a
 * concurrent append elsewhere makes this one retry rather than fork the chain.
 */
export function appendToChain(db: LiveProofDb, input: AppendInput): Promise<ChainRow> {
  return serialised(async () => {
    const contentHash = await hashRecord(input.content);
    for (let attempt = 0; attempt < 5; attempt++) {
      const head = await db.chain.orderBy('seq').last();
      const link: LinkFields = {
        seq: head ? head.seq + 1 : 0,
        recordId: input.recordId,
        type: input.type,
        at: input.at,
        contentHash,
        prevHash: head ? head.hash : GENESIS,
      };
      const row: ChainRow = { ...link, hash: await hashLink(link) };
      try {
        await db.transaction('rw', [db.chain, db.meta, ...input.tables], async () => {
          const now = await db.chain.orderBy('seq').last();
          if ((now?.hash ?? null) !== (head?.hash ?? null)) throw new ChainConflictError('chain head moved');
          await input.write();
          await db.chain.add(row);
          await db.meta.put({ key: 'head', value: { seq: row.seq, hash: row.hash } });
        });
        return row;
      } catch (e) {
        if (!(e instanceof ChainConflictError)) throw e;
      }
    }
    throw new Error('could not append to the evidence chain: it kept changing');
  });
}

export interface VerifyFailure {
  seq: number | null;
  recordId: string | null;
  reason: string;
}

export interface VerifyResult {
  ok: boolean;
  records: number;
  head: string;
  failure?: VerifyFailure;
}

/**
 * Checks every link and every record: link hashes, prevHash continuity,
 * sequence without gaps or reordering, content hashes, screenshot blobs,
 * deletions only through tombstones, no records outside the chain, and the
 * stored head (which catches a cut-off tail).
 */
export async function verifyChain(db: LiveProofDb): Promise<VerifyResult> {
  const links = await db.chain.orderBy('seq').toArray();
  const [snapshots, tombstones, head] = await Promise.all([
    db.snapshots.toArray(),
    db.tombstones.toArray(),
    db.meta.get('head'),
  ]);
  const snapshotById = new Map(snapshots.map((s) => [s.id, s]));
  const tombstoneById = new Map(tombstones.map((t) => [t.id, t]));
  const deleted = new Map<string, string>();
  for (const t of tombstones) deleted.set(t.content.deletedRecordId, t.content.deletedContentHash);

  const fail = (link: ChainRow | null, reason: string): VerifyResult => ({
    ok: false,
    records: links.length,
    head: links.at(-1)?.hash ?? GENESIS,
    failure: { seq: link?.seq ?? null, recordId: link?.recordId ?? null, reason },
  });

  // Hash every link and record up front, many digests in flight at once (WebCrypto
  // runs them off the main thread); the walk below then only compares.
  const linkHash = await hashAll(links, (l) => hashLink(l));
  const contentHash = new Map<string, string>();
  const contents: [string, unknown][] = [
    ...snapshots.filter((s) => s.content !== null).map((s): [string, unknown] => [s.id, s.content]),
    ...tombstones.map((t): [string, unknown] => [t.id, t.content]),
  ];
  const digests = await hashAll(contents, ([, c]) => hashRecord(c));
  contents.forEach(([id], i) => contentHash.set(id, digests[i]!));

  let prev = GENESIS;
  const chained = new Set<string>();
  for (let i = 0; i < links.length; i++) {
    const link = links[i]!;
    if (link.seq !== i) return fail(link, i < link.seq ? `record ${i} is missing (deleted or reordered)` : 'sequence out of order');
    if (link.prevHash !== prev) return fail(link, 'prevHash does not match the previous record (inserted, deleted or reordered)');
    if (linkHash[i] !== link.hash) return fail(link, 'link edited: its hash does not match its fields');
    if (chained.has(link.recordId)) return fail(link, 'record chained twice');
    chained.add(link.recordId);
    if (link.type === 'snapshot') {
      const row = snapshotById.get(link.recordId);
      if (!row || row.content === null) {
        if (deleted.get(link.recordId) !== link.contentHash) return fail(link, 'snapshot content missing without a tombstone');
      } else {
        if (contentHash.get(row.id) !== link.contentHash) return fail(link, 'snapshot content edited: hash mismatch');
        const shot = row.content.screenshot;
        if (shot) {
          const blob = await db.blobs.get(shot.sha256);
          if (!blob) return fail(link, `screenshot ${shot.sha256.slice(0, 12)}… missing`);
          if ((await sha256Bytes(blob.data)) !== shot.sha256) return fail(link, 'screenshot edited: hash mismatch');
        }
        for (const crop of row.content.ocrCrops ?? []) {
          const blob = await db.blobs.get(crop.sha256);
          if (blob && (await sha256Bytes(blob.data)) !== crop.sha256) return fail(link, 'OCR crop edited: hash mismatch');
        }
      }
    } else {
      const row = tombstoneById.get(link.recordId);
      if (!row) return fail(link, 'tombstone missing');
      if (contentHash.get(row.id) !== link.contentHash) return fail(link, 'tombstone edited: hash mismatch');
    }
    prev = link.hash;
  }
  for (const s of snapshots) if (!chained.has(s.id)) return fail(null, `snapshot ${s.id} is not in the chain (inserted)`);
  for (const t of tombstones) if (!chained.has(t.id)) return fail(null, `tombstone ${t.id} is not in the chain (inserted)`);
  const h = head?.value as { seq: number; hash: string } | undefined;
  if (links.length > 0 || h) {
    if (!h || h.seq !== links.length - 1 || h.hash !== prev) {
      return fail(links.at(-1) ?? null, 'chain head does not match the recorded head (records cut off the end)');
    }
  }
  return { ok: true, records: links.length, head: prev };
}

/** Maps items to digests with up to `width` hashes in flight. */
async function hashAll<T>(items: readonly T[], hash: (item: T) => Promise<string>, width = 64): Promise<string[]> {
  const out = new Array<string>(items.length);
  for (let i = 0; i < items.length; i += width) {
    const part = await Promise.all(items.slice(i, i + width).map(hash));
    part.forEach((h, j) => (out[i + j] = h));
  }
  return out;
}

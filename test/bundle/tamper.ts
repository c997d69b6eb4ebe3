/** Test helpers to take a bundle apart and put it back together (for tampering). */
import { unzipSync, zipSync, type Zippable } from 'fflate';
import { canonicalJson, sha256Bytes, sha256Text } from '../../lib/evidence/hash';
import { sha256Sums } from '../../lib/bundle/build';
import { hashLink } from '../../lib/evidence/chain';
import type { BundleInput } from '../../lib/bundle/build';
import { GENESIS } from '../../lib/evidence/hash';

export const enc = new TextEncoder();
export const dec = new TextDecoder();

/** Members in ZIP order. */
export function members(zip: Uint8Array): [string, Uint8Array][] {
  return Object.entries(unzipSync(zip));
}

export function repack(entries: [string, Uint8Array][]): Uint8Array {
  const z: Zippable = {};
  for (const [name, data] of entries) z[name] = [data, { level: 0 }];
  return zipSync(z);
}

/**
 * Rewrites manifest.json with `edit`, then makes everything else consistent
 * again (selfHash, canonical form, SHA256SUMS): what a careful forger or a
 * newer writer would produce.
 */
export async function editManifest(zip: Uint8Array, edit: (m: Record<string, unknown>) => void): Promise<Uint8Array> {
  const ms = members(zip);
  const raw = JSON.parse(dec.decode(ms.find(([n]) => n === 'manifest.json')![1])) as Record<string, unknown>;
  delete raw.selfHash;
  edit(raw);
  const withSelf = { ...raw, selfHash: await sha256Text(canonicalJson(raw)) };
  const mBytes = enc.encode(canonicalJson(withSelf));
  const files = (raw.files as { path: string; sha256: string }[]) ?? [];
  const sums = sha256Sums([{ path: 'manifest.json', sha256: await sha256Bytes(mBytes) }, ...files]);
  return repack(ms.map(([n, d]) => [n, n === 'manifest.json' ? mBytes : n === 'SHA256SUMS' ? enc.encode(sums) : d]));
}

/** Recomputes every link of every segment from the records' current contents (a consistent forged chain). */
export async function rechain(input: BundleInput): Promise<void> {
  const byId = new Map(input.records.map((r) => [r.recordId, r.content]));
  for (const s of input.segments) {
    let prev = s.anchor.prevHash ?? GENESIS;
    for (const l of s.links) {
      const c = byId.get(l.recordId);
      if (c) l.contentHash = await sha256Text(canonicalJson(c));
      l.prevHash = prev;
      l.hash = await hashLink(l);
      prev = l.hash;
    }
    s.anchor.headHash = prev;
  }
}

/** Seeded PRNG (mulberry32). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A defensive ZIP reader for bundles. Reads the central directory itself so
 * it can refuse, with a reason and without throwing: path traversal and odd
 * names, duplicate names, encrypted or ZIP64 members, members whose local
 * header disagrees with the directory, sizes beyond the limits (zip bombs:
 * inflation stops as soon as a member outgrows its declared size or limit).
 *
 * Main exports: unzipSafe, ZipLimits, DEFAULT_LIMITS.
 */
import { Inflate } from 'fflate';
import { SAFE_PATH } from './manifest';

export interface ZipLimits {
  maxMembers: number;
  maxMemberBytes: number;
  maxTotalBytes: number;
}

export const DEFAULT_LIMITS: ZipLimits = { maxMembers: 20_000, maxMemberBytes: 128 * 1024 * 1024, maxTotalBytes: 1024 * 1024 * 1024 };

export type UnzipResult = { ok: true; members: Map<string, Uint8Array>; order: string[] } | { ok: false; path?: string; reason: string };

const u16 = (b: Uint8Array, o: number) => b[o]! | (b[o + 1]! << 8);
const u32 = (b: Uint8Array, o: number) => (b[o]! | (b[o + 1]! << 8) | (b[o + 2]! << 16) | (b[o + 3]! << 24)) >>> 0;

class Bad extends Error {
  constructor(
    readonly reason: string,
    readonly path?: string,
  ) {
    super(reason);
  }
}

function inflateBounded(data: Uint8Array, expected: number, path: string): Uint8Array {
  const out = new Uint8Array(expected);
  let n = 0;
  let done = false;
  const inf = new Inflate((chunk, final) => {
    if (n + chunk.length > expected) throw new Bad('inflates to more than its declared size (zip bomb?)', path);
    out.set(chunk, n);
    n += chunk.length;
    if (final) done = true;
  });
  const STEP = 16 * 1024;
  for (let i = 0; i < data.length; i += STEP) inf.push(data.subarray(i, Math.min(i + STEP, data.length)), i + STEP >= data.length);
  if (data.length === 0) inf.push(new Uint8Array(0), true);
  if (!done || n !== expected) throw new Bad(`inflates to ${n} bytes, not the declared ${expected}`, path);
  return out;
}

export function unzipSafe(bytes: Uint8Array, limits: ZipLimits = DEFAULT_LIMITS): UnzipResult {
  try {
    return { ok: true, ...parse(bytes, limits) };
  } catch (e) {
    if (e instanceof Bad) return { ok: false, ...(e.path !== undefined ? { path: e.path } : {}), reason: e.reason };
    return { ok: false, reason: `not a readable ZIP archive: ${e instanceof Error ? e.message : String(e)}` };
  }
}

function parse(b: Uint8Array, limits: ZipLimits): { members: Map<string, Uint8Array>; order: string[] } {
  if (b.length < 22) throw new Bad('not a ZIP archive (too short)');
  let eocd = -1;
  for (let i = b.length - 22; i >= Math.max(0, b.length - 22 - 0xffff); i--) {
    if (u32(b, i) === 0x06054b50 && i + 22 + u16(b, i + 20) === b.length) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Bad('not a ZIP archive, or truncated (no end-of-directory record)');
  if (u16(b, eocd + 4) !== 0 || u16(b, eocd + 6) !== 0) throw new Bad('multi-disk ZIP archives are not supported');
  const count = u16(b, eocd + 10);
  const cdSize = u32(b, eocd + 12);
  const cdOff = u32(b, eocd + 16);
  if (count === 0xffff || cdOff === 0xffffffff || cdSize === 0xffffffff) throw new Bad('ZIP64 archives are not supported');
  if (u16(b, eocd + 8) !== count) throw new Bad('ZIP directory counts disagree');
  if (count > limits.maxMembers) throw new Bad(`too many members (${count} > ${limits.maxMembers})`);
  if (cdOff + cdSize > eocd) throw new Bad('ZIP directory lies outside the archive (truncated?)');

  const members = new Map<string, Uint8Array>();
  const order: string[] = [];
  const dec = new TextDecoder('utf-8', { fatal: true });
  let total = 0;
  let p = cdOff;
  for (let k = 0; k < count; k++) {
    if (p + 46 > cdOff + cdSize || u32(b, p) !== 0x02014b50) throw new Bad(`ZIP directory entry ${k} is damaged`);
    const flags = u16(b, p + 8);
    const method = u16(b, p + 10);
    const csize = u32(b, p + 20);
    const usize = u32(b, p + 24);
    const nameLen = u16(b, p + 28);
    const extraLen = u16(b, p + 30);
    const commentLen = u16(b, p + 32);
    const local = u32(b, p + 42);
    if (p + 46 + nameLen > cdOff + cdSize) throw new Bad(`ZIP directory entry ${k} is damaged`);
    let name: string;
    try {
      name = dec.decode(b.subarray(p + 46, p + 46 + nameLen));
    } catch {
      throw new Bad(`ZIP directory entry ${k} has a name that is not UTF-8`);
    }
    p += 46 + nameLen + extraLen + commentLen;
    // Directory entries (added when someone re-zips an unpacked bundle) carry nothing: skip them.
    if (name.endsWith('/') && usize === 0 && SAFE_PATH.test(name.slice(0, -1))) continue;
    const shown = JSON.stringify(name.slice(0, 80));
    if (!SAFE_PATH.test(name) || name.split('/').some((s) => s === '.' || s === '..')) {
      throw new Bad(`unsafe member name ${shown} (absolute path, "..", backslash or unexpected characters)`, SAFE_PATH.test(name) ? name : undefined);
    }
    if (members.has(name)) throw new Bad('duplicate member name', name);
    if (flags & 1) throw new Bad('encrypted members are not supported', name);
    if (method !== 0 && method !== 8) throw new Bad(`unsupported compression method ${method}`, name);
    if (csize === 0xffffffff || usize === 0xffffffff) throw new Bad('ZIP64 members are not supported', name);
    if (usize > limits.maxMemberBytes) throw new Bad(`member too large (${usize} bytes > ${limits.maxMemberBytes})`, name);
    total += usize;
    if (total > limits.maxTotalBytes) throw new Bad(`archive too large when unpacked (> ${limits.maxTotalBytes} bytes)`, name);
    if (local + 30 > b.length || u32(b, local) !== 0x04034b50) throw new Bad('local header missing or damaged', name);
    const lNameLen = u16(b, local + 26);
    const lExtraLen = u16(b, local + 28);
    const lName = b.subarray(local + 30, local + 30 + lNameLen);
    const cName = new TextEncoder().encode(name);
    if (lName.length !== cName.length || lName.some((x, i) => x !== cName[i])) throw new Bad('local header name differs from the ZIP directory', name);
    const start = local + 30 + lNameLen + lExtraLen;
    if (start + csize > cdOff) throw new Bad('member data runs past the end of the data area (truncated?)', name);
    const raw = b.subarray(start, start + csize);
    let data: Uint8Array;
    if (method === 0) {
      if (csize !== usize) throw new Bad('stored member sizes disagree', name);
      data = raw.slice();
    } else {
      try {
        data = inflateBounded(raw, usize, name);
      } catch (e) {
        if (e instanceof Bad) throw e;
        throw new Bad(`compressed data is damaged (${e instanceof Error ? e.message : String(e)})`, name);
      }
    }
    members.set(name, data);
    order.push(name);
  }
  return { members, order };
}

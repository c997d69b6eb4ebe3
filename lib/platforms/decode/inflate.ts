/**
 * Decompression for tapped frames. Uses the platform's DecompressionStream
 * (browsers and Node 18+ both have it for gzip / deflate / deflate-raw).
 * Brotli: no browser offers DecompressionStream('brotli') as of this writing; the
 * JavaScript decoder installed by the brotli content script (brotli-slot.ts) is
 * used where it runs, and elsewhere such bodies raise UnsupportedCompression, so
 * callers can fall back to the DOM.
 */
import { installedBrotli } from './brotli-slot';

export type Compression = 'gzip' | 'deflate' | 'deflate-raw' | 'brotli';

export type Inflater = (bytes: Uint8Array, format: Compression) => Promise<Uint8Array>;

export class UnsupportedCompression extends Error {}

/** Refuse to inflate beyond this: a hostile page could send a zip bomb. */
export const MAX_INFLATED = 8 * 1024 * 1024;
/** Brotli is decoded in JavaScript on the page's thread: a lower limit keeps a hostile body from stalling it. */
export const MAX_BROTLI = 2 * 1024 * 1024;

export const inflate: Inflater = async (bytes, format) => {
  if (format === 'brotli') {
    const decode = installedBrotli();
    if (decode) return decode(bytes, MAX_BROTLI);
  }
  let ds: DecompressionStream;
  try {
    ds = new DecompressionStream(format as CompressionFormat);
  } catch {
    throw new UnsupportedCompression(`${format} is not supported by this browser`);
  }
  const writer = ds.writable.getWriter();
  void writer.write(bytes as Uint8Array<ArrayBuffer>).catch(() => undefined);
  void writer.close().catch(() => undefined);
  const reader = ds.readable.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > MAX_INFLATED) {
      void reader.cancel();
      throw new Error('inflated body too large');
    }
    chunks.push(value);
  }
  return joinChunks(chunks, total);
};

/** One array from decoded chunks (`total` = the sum of their lengths). */
export function joinChunks(chunks: readonly Uint8Array[], total: number): Uint8Array {
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

export function isGzip(b: Uint8Array): boolean {
  return b.length > 2 && b[0] === 0x1f && b[1] === 0x8b;
}

const utf8 = new TextDecoder('utf-8', { fatal: false });
export function decodeUtf8(b: Uint8Array): string {
  return utf8.decode(b);
}

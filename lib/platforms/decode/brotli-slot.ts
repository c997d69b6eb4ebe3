/**
 * Where the brotli decoder is found at run time. Browsers have no DecompressionStream('brotli'), and the
 * decoder (~90 kB with its dictionary) should not weigh on every page, so it lives in a content script of its
 * own that runs only where brotli is used (Bilibili's room socket: entrypoints/brotli.content.ts) and puts
 * itself here, in the content scripts' isolated world (the page cannot reach it). inflate() looks it up
 * when a brotli body arrives.
 */
export type BrotliDecoder = (bytes: Uint8Array, maxOut: number) => Uint8Array;

const SLOT = '__liveproofBrotli';

export function installBrotli(decode: BrotliDecoder): void {
  (globalThis as unknown as Record<string, unknown>)[SLOT] = decode;
}

export function installedBrotli(): BrotliDecoder | undefined {
  const d = (globalThis as unknown as Record<string, unknown>)[SLOT];
  return typeof d === 'function' ? (d as BrotliDecoder) : undefined;
}

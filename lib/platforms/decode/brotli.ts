/**
 * Brotli decoding in plain JavaScript (the `brotli` package's port of Google's reference decoder), for the
 * content script that installs it (brotli-slot.ts). Output is collected in chunks and refused past a limit,
 * so a hostile page cannot make it allocate without bound (the stream's declared size is not trusted).
 */
import { BrotliDecompress } from 'brotli/dec/decode';
import { BrotliInput } from 'brotli/dec/streams';
import type { BrotliDecoder } from './brotli-slot';
import { joinChunks } from './inflate';

export class InflateLimitError extends Error {
  override name = 'InflateLimitError';
}

export const brotliDecompress: BrotliDecoder = (bytes, maxOut) => {
  const chunks: Uint8Array[] = [];
  let total = 0;
  const output = {
    // The decoder grows `output.buffer` to each meta-block's declared length before writing (up to 16 MB a
    // block, taken from the stream); output here goes to `chunks`, so it is told there is always room.
    buffer: { length: Number.MAX_SAFE_INTEGER },
    write(buf: Uint8Array, count: number): number {
      total += count;
      if (total > maxOut) throw new InflateLimitError('inflated body too large');
      chunks.push(buf.slice(0, count));
      return count;
    },
  };
  BrotliDecompress(new BrotliInput(bytes), output);
  return joinChunks(chunks, total);
};

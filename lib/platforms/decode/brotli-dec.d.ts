/** The parts of the `brotli` package's decoder used by brotli.ts (the package ships no types). */
declare module 'brotli/dec/decode' {
  export function BrotliDecompress(input: unknown, output: { buffer: { length: number }; write(buf: Uint8Array, count: number): number }): void;
}
declare module 'brotli/dec/streams' {
  export class BrotliInput {
    constructor(buffer: Uint8Array);
  }
}

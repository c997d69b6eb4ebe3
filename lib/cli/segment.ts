/**
 * nodejieba word segmentation for the analyzer's boundary decisions (Node only, optional).
 * Loaded lazily on the first call: jieba's dictionary takes ~2 s to load, and the
 * analyzer only asks for a segmentation when a container word overlaps a hit.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

type Jieba = { load(o?: Record<string, string>): void; cut(s: string, strict?: boolean): string[] };

export function loadSegmenter(): ((text: string) => string[]) | undefined {
  let jieba: Jieba | undefined;
  let failed = false;
  const require = createRequire(import.meta.url);
  try {
    require.resolve('nodejieba');
  } catch {
    return undefined;
  }
  return (text: string): string[] => {
    if (failed) return [];
    if (!jieba) {
      try {
        const j = require('nodejieba') as Jieba;
        // keyword-extraction tables are not needed for cut(): load tiny stand-ins (saves ~1 s)
        const idf = join(tmpdir(), 'liveproof-jieba-idf.utf8');
        const stop = join(tmpdir(), 'liveproof-jieba-stop.utf8');
        if (!existsSync(idf)) writeFileSync(idf, '的 1.0\n');
        if (!existsSync(stop)) writeFileSync(stop, '的\n');
        j.load({ idfDict: idf, stopWordDict: stop });
        jieba = j;
      } catch {
        failed = true;
        return [];
      }
    }
    return jieba.cut(text);
  };
}

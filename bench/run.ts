/**
 * `npm run bench`: every benchmark in one run, each reporting its numbers as
 * ratios against the alternatives measured in the same run. Speed targets
 * live here, never in tests. `npm run bench -- analyzer evidence` runs a subset.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { OcrBenchResult } from './ocr.bench';

type Bench = { name: string; file: string; run: (mod: Record<string, unknown>) => Promise<string> };

const BENCHES: Bench[] = [
  {
    name: 'analyzer',
    file: 'analyzer.bench.ts',
    run: async (m) => {
      const fmt = m.formatBench as (r: unknown) => string;
      return fmt(await (m.benchAnalyzer as () => Promise<unknown>)());
    },
  },
  {
    name: 'evidence',
    file: 'evidence.bench.ts',
    run: async (m) => (m.formatEvidenceBench as (r: unknown) => string)(await (m.benchEvidence as () => Promise<unknown>)()),
  },
  {
    name: 'content',
    file: 'content.bench.ts',
    run: async (m) => String(await (m.default as () => Promise<unknown>)()),
  },
  {
    name: 'popup',
    file: 'popup.bench.ts',
    run: async (m) => String(await (m.default as () => Promise<unknown>)()),
  },
  {
    name: 'ocr',
    file: 'ocr.bench.ts',
    run: async (m) => {
      const r = await (m.benchOcr as () => Promise<OcrBenchResult>)();
      return [
        `OCR engine per crop: median ${r.engineMsPerRequest.median} ms, p90 ${r.engineMsPerRequest.p90} ms (n=${r.engineMsPerRequest.n}, first ${r.engineMsPerRequest.first} ms)`,
        `crops read as one line without text detection: ${r.paths.lineOnly}, with detection: ${r.paths.detected}`,
        `CPU, OCR on minus off, share of one core: ${r.cpuShareOfOneCore.ocrCost} over ${r.cpuShareOfOneCore.windowSec} s (target < 0.25)`,
        `warm-up (switch on, engine load, first ${r.warmUp.crops} crops): ${r.warmUp.cpuSec} CPU s over ${r.warmUp.seconds} s`,
        `memory held while on: +${r.memoryMb.ocrHeld} MB PSS (target < 300); released when switched off: ${r.memoryMb.released} MB`,
        `character accuracy: ${r.accuracy.mean} over ${r.accuracy.lines} rendered lines (target >= 0.95)`,
      ].join('\n');
    },
  },
];

const only = process.argv.slice(2).filter((a) => !a.startsWith('-'));
let failed = false;
for (const b of BENCHES) {
  if (only.length && !only.includes(b.name)) continue;
  const path = resolve(import.meta.dirname, b.file);
  if (!existsSync(path)) continue;
  console.log(`\n== ${b.name} ==`);
  const t = performance.now();
  try {
    const mod = (await import(path)) as Record<string, unknown>;
    console.log(await b.run(mod));
  } catch (e) {
    failed = true;
    console.error(`${b.name} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
  }
  console.log(`(${((performance.now() - t) / 1000).toFixed(1)} s)`);
}
process.exit(failed ? 1 : 0);

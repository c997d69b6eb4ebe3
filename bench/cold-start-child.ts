/**
 * Child process for the cold-start measurement (bench/analyzer.bench.ts):
 * modules are imported first (they are part of the bundle load), then the clock
 * runs over JSON.parse(text) → loadCompiledLexicon → createAnalyzer → first analyze.
 * Prints one JSON line: { ms, cpuMs, heapBytes, arrayBufferBytes } (cpuMs: CPU time of the
 * process over the same interval, all threads — less sensitive to a loaded machine).
 */
import { readFileSync } from 'node:fs';
import { createAnalyzer } from '../lib/analyze/index';
import { loadCompiledLexicon } from '../lib/lexicon/compiled';

const text = readFileSync(process.argv[2]!, 'utf8');
// calibration: a fixed integer loop (≈8 ms on an idle modern x86 core), to judge machine load
const k0 = performance.now();
let acc = 0;
for (let i = 0; i < 1e7; i++) acc = (acc + i) | 0;
const calibrationMs = performance.now() - k0;
const gc = (globalThis as { gc?: () => void }).gc;
gc?.();
gc?.();
const m0 = process.memoryUsage();
const c0 = process.cpuUsage();
const t0 = performance.now();
const analyzer = createAnalyzer(loadCompiledLexicon(JSON.parse(text) as unknown));
analyzer.analyze('这款是全网最低价的', { channel: 'caption' });
const ms = performance.now() - t0;
const cu = process.cpuUsage(c0);
const cpuMs = (cu.user + cu.system) / 1000;
gc?.();
gc?.();
const m1 = process.memoryUsage();
// keep the analyzer alive across the measurement
if (analyzer.analyze('', { channel: 'caption' }).length !== 0) console.log('');
process.stdout.write(
  `${JSON.stringify({ ms, cpuMs, calibrationMs, acc, heapBytes: m1.heapUsed - m0.heapUsed, arrayBufferBytes: m1.arrayBuffers - m0.arrayBuffers, gc: Boolean(gc) })}\n`,
);

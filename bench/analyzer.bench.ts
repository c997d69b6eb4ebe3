/**
 * Analyzer benchmark. Runnable alone: `npx tsx bench/analyzer.bench.ts [--lexicons dir] [--json]`,
 * or call `benchAnalyzer()` from the team's bench runner (returns the numbers).
 *
 * Input: a deterministic ~1 MB synthetic live transcript (100-char lines of lawful host
 * speech, trap words, ~2 % violating phrases drawn from the lexicon), compared across
 * (a) String.includes/indexOf per term, (b) one V8 RegExp alternation of all terms,
 * (c) npm modern-ahocorasick, (d) our Matcher alone, (e) the whole analyzer per line.
 * Plus cold start (fresh node processes) and heap.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import AhoCorasick from 'modern-ahocorasick';
import { createAnalyzer } from '../lib/analyze/index';
import { Matcher } from '../lib/analyze/matcher';
import { loadLexiconForCli } from '../lib/cli/lexicon';
import { unpackTerms, type CompiledLexicon } from '../lib/lexicon/compiled';

const HERE = dirname(fileURLToPath(import.meta.url));

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const LAWFUL = [
  '家人们晚上好欢迎来到直播间',
  '今天给大家带来的这款面霜质地很清爽',
  '一号链接是我们家的保温杯容量五百毫升',
  '喜欢主播的点点关注不迷路',
  '这个颜色显白上脸效果大家看一下',
  '我们家是官方旗舰店支持七天无理由退货',
  '拍下之后四十八小时内发货',
  '有问题的宝宝可以在评论区留言',
  '这款外套是纯棉面料穿着舒服透气',
  '现在下单还送一个小样',
  '来看一下细节做工',
  '尺码标准的按平时穿的码数拍就可以',
  '刚进来的宝宝可以先看一下购物车',
  '运费险我们都给大家买好了',
  '今天的福利价格只在直播间有',
];
const TRAPS = [
  '最近很多宝宝问',
  '最后一排的朋友',
  '第一次来直播间的',
  '第一步先洗脸',
  '敏感肌最好先试用',
  '每人最多拍两单',
  '最佳赏味期三个月',
  '我们不说最好',
  '政治课本',
  '最初的设计',
];

export function syntheticTranscript(compiled: CompiledLexicon, chars = 1_000_000, seed = 42): string[] {
  const rnd = mulberry32(seed);
  const violating = unpackTerms(compiled)
    .filter((t) => t[2] === 'trigger')
    .map((t) => t[0]);
  const pick = <T>(a: readonly T[]): T => a[Math.floor(rnd() * a.length)]!;
  const lines: string[] = [];
  let total = 0;
  while (total < chars) {
    let line = '';
    while (line.length < 100) {
      const r = rnd();
      let piece: string;
      if (r < 0.02 && violating.length) piece = `这款${pick(violating)}`;
      else if (r < 0.12) piece = pick(TRAPS);
      else piece = pick(LAWFUL);
      line += `${piece}${rnd() < 0.5 ? '，' : '。'}`;
    }
    line = line.slice(0, 100);
    lines.push(line);
    total += line.length;
  }
  return lines;
}

/** Best (minimum) time of several runs: robust on a shared, loaded machine. */
function timeIt(fn: () => number, minMs = 600): { ms: number; result: number } {
  const w0 = performance.now();
  let result = fn(); // warm-up
  const first = performance.now() - w0;
  if (first > 1500) return { ms: first, result }; // slow baselines: one run is enough
  let best = Infinity;
  let runs = 0;
  const t0 = performance.now();
  while (performance.now() - t0 < minMs || runs < 3) {
    const t = performance.now();
    result = fn();
    best = Math.min(best, performance.now() - t);
    runs++;
  }
  return { ms: best, result };
}

export type BenchResult = {
  chars: number;
  baselineChars: number;
  lines: number;
  terms: number;
  allTerms: number;
  rows: { name: string; charsPerSec: number; ratioToRegex: number; hits: number }[];
  lineLatencyMs: { p50: number; p99: number; max: number; rawP99: number };
  coldStart: { medianMs: number; minMs: number; medianCpuMs: number; calibrationMs: number; heapMB: number; arrayBufferMB: number; runs: number };
  targets: Record<string, boolean>;
  cpus: number;
  load: string;
};

export async function benchAnalyzer(
  opts: { lexiconDir?: string; log?: (s: string) => void; baselineChars?: number } = {},
): Promise<BenchResult> {
  const log = opts.log ?? (() => {});
  const baselineChars = opts.baselineChars ?? 100_000;
  const { lexicon } = await loadLexiconForCli(opts.lexiconDir, log);
  const lines = syntheticTranscript(lexicon);
  const text = lines.join('\n');
  const chars = text.length;
  const unpacked = unpackTerms(lexicon);
  // (a)–(d) run over the lexicon's literal triggers and variants; (d') over every compiled term
  const terms = unpacked.filter((t) => t[2] !== 'pinyin').map((t) => t[0]);
  const allTerms = unpacked.map((t) => t[0]);
  log(
    `transcript ${chars} chars, ${lines.length} lines; ${terms.length} triggers+variants, ${allTerms.length} compiled terms, ${lexicon.rules.length} rules`,
  );

  const rows: BenchResult['rows'] = [];
  // The baselines (a)–(c) are slow with thousands of terms: they run on a prefix of the
  // transcript (chars/s is a rate, so the comparison stays fair); (d), (e) on all of it.
  const sample = text.slice(0, baselineChars);
  const add = (name: string, fn: () => number, ref?: number, n = chars): number => {
    const { ms, result } = timeIt(fn);
    const cps = n / (ms / 1000);
    rows.push({ name, charsPerSec: cps, ratioToRegex: ref ? cps / ref : 1, hits: result });
    return cps;
  };
  // (a) includes / indexOf loop
  const a = (): number => {
    let n = 0;
    for (const t of terms) {
      let i = sample.indexOf(t);
      while (i >= 0) {
        n++;
        i = sample.indexOf(t, i + 1);
      }
    }
    return n;
  };
  // (b) RegExp alternation (longest first)
  const esc = (s: string): string => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  const re = new RegExp([...terms].sort((x, y) => y.length - x.length).map(esc).join('|'), 'g');
  const b = (): number => {
    re.lastIndex = 0;
    let n = 0;
    while (re.exec(sample)) n++;
    return n;
  };
  // (c) modern-ahocorasick
  const ac = new AhoCorasick(terms);
  // modern-ahocorasick segments graphemes and is slow on long CJK input: a smaller sample
  const acSample = sample.slice(0, 20_000);
  const c = (): number => ac.search(acSample).length;
  // (d) our matcher
  const m = new Matcher(terms);
  const d = (): number => m.scanString(text);
  const mAll = new Matcher([...allTerms].sort());
  const d2 = (): number => mAll.scanString(text);
  // (e) whole analyzer, line by line
  const analyzer = createAnalyzer(lexicon);
  const ctx = { channel: 'caption' as const };
  const e = (): number => {
    let n = 0;
    for (const l of lines) n += analyzer.analyze(l, ctx).length;
    return n;
  };

  const bRate = (() => {
    const { ms, result } = timeIt(b);
    return { cps: sample.length / (ms / 1000), hits: result };
  })();
  add('(a) String.indexOf per term', a, bRate.cps, sample.length);
  rows.push({ name: '(b) RegExp alternation', charsPerSec: bRate.cps, ratioToRegex: 1, hits: bRate.hits });
  add('(c) modern-ahocorasick search', c, bRate.cps, acSample.length);
  add('(d) Matcher (ours) alone', d, bRate.cps);
  add("(d') Matcher, all compiled terms", d2, bRate.cps);
  add('(e) analyzer, per line', e, bRate.cps);

  // per-line latency of (e): each line 5 times, keep the minimum (filters preemption by
  // other processes), then percentiles over lines; the raw (first-run) p99 is reported too
  const lat: number[] = [];
  const raw: number[] = [];
  for (const l of lines) {
    let best = Infinity;
    for (let rep = 0; rep < 5; rep++) {
      const t0 = performance.now();
      analyzer.analyze(l, ctx);
      const dt = performance.now() - t0;
      if (rep === 0) raw.push(dt);
      if (dt < best) best = dt;
    }
    lat.push(best);
  }
  lat.sort((x, y) => x - y);
  raw.sort((x, y) => x - y);
  const q = (a: number[], p: number): number => a[Math.min(a.length - 1, Math.floor(p * a.length))]!;
  const lineLatencyMs = { p50: q(lat, 0.5), p99: q(lat, 0.99), max: lat[lat.length - 1]!, rawP99: q(raw, 0.99) };

  // cold start in fresh node processes
  const dir = mkdtempSync(join(tmpdir(), 'liveproof-bench-'));
  const jsonPath = join(dir, 'lexicon.json');
  writeFileSync(jsonPath, JSON.stringify(lexicon));
  const cold: { ms: number; cpuMs: number; calibrationMs: number; heapBytes: number; arrayBufferBytes: number }[] = [];
  for (let i = 0; i < 7; i++) {
    const r = spawnSync(
      process.execPath,
      ['--expose-gc', '--import', 'tsx', join(HERE, 'cold-start-child.ts'), jsonPath],
      { encoding: 'utf8', cwd: resolve(HERE, '..') },
    );
    const line = r.stdout.trim().split('\n').pop();
    if (r.status === 0 && line) cold.push(JSON.parse(line) as (typeof cold)[number]);
  }
  const med = (xs: number[]): number => {
    const s = [...xs].sort((x, y) => x - y);
    return s.length ? s[Math.floor(s.length / 2)]! : NaN;
  };
  const coldStart = {
    medianMs: med(cold.map((x) => x.ms)),
    minMs: Math.min(...cold.map((x) => x.ms)),
    medianCpuMs: med(cold.map((x) => x.cpuMs)),
    calibrationMs: med(cold.map((x) => x.calibrationMs)),
    heapMB: med(cold.map((x) => x.heapBytes)) / 1048576,
    arrayBufferMB: med(cold.map((x) => x.arrayBufferBytes)) / 1048576,
    runs: cold.length,
  };
  const dRow = rows.find((r) => r.name.startsWith('(d)'))!;
  const eRow = rows.find((r) => r.name.startsWith('(e)'))!;
  const targets = {
    'matcher >= 2x regex': dRow.ratioToRegex >= 2,
    'analyzer >= 1x regex': eRow.ratioToRegex >= 1,
    'p99 < 0.2 ms/line': lineLatencyMs.p99 < 0.2,
    'cold start < 50 ms': coldStart.medianMs < 50,
    'heap < 20 MB': coldStart.heapMB < 20,
  };
  const { cpus, loadavg } = await import('node:os');
  return { cpus: cpus().length, load: loadavg().map((x) => x.toFixed(1)).join(' '), chars, baselineChars: sample.length, lines: lines.length, terms: terms.length, allTerms: allTerms.length, rows, lineLatencyMs, coldStart, targets };
}

export function formatBench(r: BenchResult): string {
  const out: string[] = [];
  out.push(
    `input: ${r.chars} chars in ${r.lines} lines ((a),(b) on the first ${r.baselineChars} chars, (c) on 20000); (a)–(d): ${r.terms} triggers+variants; (d'),(e): ${r.allTerms} compiled terms (incl. pinyin forms)`,
  );
  for (const row of r.rows) {
    out.push(
      `${row.name.padEnd(32)} ${(row.charsPerSec / 1e6).toFixed(1).padStart(7)} M chars/s   ×${row.ratioToRegex.toFixed(2).padStart(6)} vs (b)   hits ${row.hits}`,
    );
  }
  out.push(
    `(e) latency per 100-char line (min of 5 runs per line): p50 ${(r.lineLatencyMs.p50 * 1000).toFixed(1)} µs, p99 ${(r.lineLatencyMs.p99 * 1000).toFixed(1)} µs, max ${(r.lineLatencyMs.max * 1000).toFixed(0)} µs; raw single-run p99 ${(r.lineLatencyMs.rawP99 * 1000).toFixed(1)} µs`,
  );
  out.push(
    `cold start (parse JSON + load + createAnalyzer + 1st analyze, median of ${r.coldStart.runs} fresh processes): ${r.coldStart.medianMs.toFixed(1)} ms (min ${r.coldStart.minMs.toFixed(1)} ms; CPU time median ${r.coldStart.medianCpuMs.toFixed(1)} ms), heap +${r.coldStart.heapMB.toFixed(1)} MB, array buffers +${r.coldStart.arrayBufferMB.toFixed(1)} MB`,
  );
  for (const [k, v] of Object.entries(r.targets)) out.push(`target ${v ? 'ok  ' : 'MISS'} ${k}`);
  out.push(
    `machine: ${r.cpus} CPUs, load average ${r.load}; calibration loop (1e7 adds, ≈8 ms idle) ${r.coldStart.calibrationMs.toFixed(1)} ms in the cold-start children`,
  );
  return out.join('\n');
}

export default benchAnalyzer;

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const i = args.indexOf('--lexicons');
  const r = await benchAnalyzer({ lexiconDir: i >= 0 ? args[i + 1] : undefined, log: (s) => console.error(s) });
  console.log(args.includes('--json') ? JSON.stringify(r, null, 2) : formatBench(r));
}

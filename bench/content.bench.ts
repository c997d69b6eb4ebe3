/**
 * Content-side cost benchmark. Runnable alone: `npx tsx bench/content.bench.ts` (after `npx wxt build --mode e2e`),
 * or through `npm run bench -- content` (default export returns the printed table).
 *
 * The demo room plays a generated busy scenario (20 comments/s, 2 captions/s, viewer counts and price changes),
 * served from memory by the demo server's `routes` option (no file written). The same page is loaded in a Chromium
 * WITH the built e2e extension and in a second Chromium launched WITHOUT it (the baseline: the page's own cost);
 * every number is reported as the difference against that baseline, measured in the same run.
 *
 *  1. Scripting cost, 60 s at speed 1: CDP Performance.getMetrics (ScriptDuration, TaskDuration) sampled at start
 *     and end; the extension's share = (with − without) / wall time. A V8 sampling profile (CDP Profiler, run in
 *     both browsers so its overhead cancels) also attributes self time to chrome-extension:// scripts directly,
 *     which is less noisy than the difference on a loaded machine. Long tasks: a PerformanceObserver('longtask')
 *     installed in the page before it loads (isolated-world work runs on the same main thread and shows up there),
 *     and a CDP trace of the same period (toplevel, devtools.timeline, extensions) that says what ran in each task:
 *     bench/longtasks.ts attributes content script injection, evaluation and calls (plus sampled extension frames)
 *     to the extension, so the target "no task over 50 ms attributable to the extension" is judged on the
 *     extension's tasks, not on the page's own long frames, which the loaded machine produces in both browsers.
 *  2. Memory, two hours of the same room replayed at speed 60 (2 min): page isolate heap (Runtime.getHeapUsage after
 *     HeapProfiler.collectGarbage) at stream start and end, with vs without the extension, and the background
 *     service worker's heap before and after (attached from the page's CDP session through the Target domain).
 *
 * Part 1 runs the two browsers one after the other; part 2 runs them side by side (memory is not time-sensitive).
 * LP_CONTENT_BENCH_EXT=<dir> loads another unpacked extension in place of the e2e build (a control: an empty MV3
 * extension with the same content_scripts entries shows what any extension costs the page; it needs a service worker).
 * No assertions: targets are printed next to the numbers.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';
import { chromium, type BrowserContext, type CDPSession, type Page } from 'playwright-core';
import { startDemoServer, type DemoServer } from '../test/demo-room/server';
import { CHROMIUM_FLAGS, E2E_EXTENSION_DIR, chromiumPath } from '../test/e2e/harness';
import { attributeLongTasks, describeTask, keepTraceEvent, type LongTaskReport, type TraceEvent } from './longtasks';

const COMMENTS_PER_S = 20;
const CAPTIONS_PER_S = 2;
// LP_CONTENT_BENCH_SCALE (e.g. 0.1) shortens both streams for a quick check of the bench itself.
const SCALE = Number(process.env.LP_CONTENT_BENCH_SCALE ?? '1') || 1;
const SHORT_MS = Math.round(60_000 * SCALE);
const LONG_MS = Math.round(2 * 3600_000 * SCALE);
const LONG_SPEED = 60;
// LP_CONTENT_BENCH_EXT: load another unpacked extension instead of the e2e build (e.g. an empty MV3 extension with the
// same content_scripts, to see what any extension costs the page). It needs a service worker.
const EXTENSION_DIR = process.env.LP_CONTENT_BENCH_EXT ? resolve(process.env.LP_CONTENT_BENCH_EXT) : E2E_EXTENSION_DIR;
/** Trace categories for long-task attribution (bench/longtasks.ts). */
const TRACE_CATEGORIES = ['toplevel', 'devtools.timeline', 'extensions'];

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const CAPTIONS = [
  '欢迎新来的宝宝们点点关注',
  '这款面霜质地很清爽，油皮干皮都可以用',
  '全网最低价，原价399今天只要99',
  '这款面霜可以治疗湿疹，用一个礼拜就好了',
  '库存只剩最后五十单了，抓紧时间',
  '拍下之后四十八小时内发货，支持七天无理由',
  '国家级产品，医生推荐',
  '加我微信私聊有更便宜的价格',
  '有问题的宝宝可以在评论区留言',
  '买二送一再减二十元，只在直播间有',
];
const COMMENTS = ['主播这个适合油皮吗', '真的能治湿疹吗？', '已拍', '什么时候发货', '有没有小样', '孕妇能用吗', '链接在哪', '多少钱', '好看', '再讲一下成分'];

/** The busy room: 20 comments/s and 2 captions/s for `durationMs`, plus viewers every 5 s and a price change every minute. */
export function busyScenario(durationMs: number): { name: string; timeline: Record<string, unknown>[] } {
  const t: Record<string, unknown>[] = [
    { at: 0, type: 'room', roomId: 'demo-bench', title: '压力测试直播间', host: '测试主播', viewers: 12000 },
    { at: 50, type: 'product', productId: 'sku-b1', title: '玻尿酸修护面霜 50g', shop: '测试旗舰店', price: 99, originalPrice: 399, sold: 100, url: 'https://shop.example.invalid/item/b1' },
    { at: 80, type: 'notice', text: '直播间下单享顺丰包邮' },
  ];
  const start = 200;
  let c = 0;
  for (let at = start; at < durationMs; at += 1000 / COMMENTS_PER_S, c++) {
    t.push({ at: Math.round(at), type: 'comment', author: `用户${(c * 7919) % 9973}**`, text: `${COMMENTS[c % COMMENTS.length]} ${c}` });
  }
  let k = 0;
  for (let at = start + 25; at < durationMs; at += 1000 / CAPTIONS_PER_S, k++) {
    t.push({ at: Math.round(at), type: 'caption', text: `${CAPTIONS[k % CAPTIONS.length]}（第${k}句）` });
  }
  for (let at = 5000; at < durationMs; at += 5000) t.push({ at, type: 'viewers', count: 12000 + ((at / 5000) % 300) * 7 });
  for (let at = 60_000; at < durationMs; at += 60_000) {
    t.push({ at, type: 'price', price: 89 + ((at / 60_000) % 20) });
    t.push({ at: at + 10, type: 'sold', sold: 100 + at / 1000 });
  }
  t.sort((a, b) => (a.at as number) - (b.at as number));
  return { name: 'bench', timeline: t };
}

/** Records long tasks in the page from before its first script runs. */
const LONGTASK_INIT = `(() => {
  window.__lpLong = [];
  try {
    new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__lpLong.push([e.duration, e.startTime]); }).observe({ type: 'longtask', buffered: true });
  } catch (e) {}
})();`;

interface Browser {
  context: BrowserContext;
  profile: string;
  withExtension: boolean;
  extensionId?: string;
}

async function launch(withExtension: boolean): Promise<Browser> {
  const profile = mkdtempSync(join(tmpdir(), `liveproof-content-bench-${withExtension ? 'ext' : 'base'}-`));
  const dir = EXTENSION_DIR;
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath(),
    headless: true,
    args: [...CHROMIUM_FLAGS, ...(withExtension ? [`--disable-extensions-except=${dir}`, `--load-extension=${dir}`] : ['--disable-extensions'])],
    viewport: { width: 1000, height: 800 },
  });
  await context.addInitScript(LONGTASK_INIT);
  let extensionId: string | undefined;
  if (withExtension) {
    const sw = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 15_000 }));
    extensionId = new URL(sw.url()).host;
  }
  return { context, profile, withExtension, extensionId };
}

async function closeBrowser(b: Browser): Promise<void> {
  await b.context.close().catch(() => undefined);
  rmSync(b.profile, { recursive: true, force: true });
}

type Metrics = Record<string, number>;
async function metrics(cdp: CDPSession): Promise<Metrics> {
  const r = (await cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] };
  return Object.fromEntries(r.metrics.map((m) => [m.name, m.value]));
}

async function heapUsed(cdp: CDPSession): Promise<number> {
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const r = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
  return r.usedSize;
}

/** The service worker's heap, through the page's CDP session: Target.attachToTarget, then messages routed to it. */
class WorkerHeap {
  private id = 0;
  private pending = new Map<number, (v: { result?: unknown; error?: { message: string } }) => void>();
  private constructor(
    private cdp: CDPSession,
    private sessionId: string,
  ) {
    cdp.on('Target.receivedMessageFromTarget', (e: { sessionId: string; message: string }) => {
      if (e.sessionId !== this.sessionId) return;
      const m = JSON.parse(e.message) as { id?: number; result?: unknown; error?: { message: string } };
      if (m.id !== undefined) this.pending.get(m.id)?.(m), this.pending.delete(m.id);
    });
  }

  static async attach(cdp: CDPSession, extensionId: string): Promise<WorkerHeap> {
    const { targetInfos } = (await cdp.send('Target.getTargets')) as { targetInfos: { targetId: string; type: string; url: string }[] };
    const sw = targetInfos.find((t) => t.type === 'service_worker' && t.url.startsWith(`chrome-extension://${extensionId}/`));
    if (!sw) throw new Error(`no service worker target for ${extensionId}: ${targetInfos.map((t) => `${t.type} ${t.url}`).join(', ')}`);
    // flatten:false: Playwright's CDPSession cannot address a flattened child session, so messages go through sendMessageToTarget.
    const { sessionId } = (await cdp.send('Target.attachToTarget', { targetId: sw.targetId, flatten: false })) as { sessionId: string };
    return new WorkerHeap(cdp, sessionId);
  }

  private async send(method: string, params: object = {}): Promise<unknown> {
    const id = ++this.id;
    const reply = new Promise<{ result?: unknown; error?: { message: string } }>((ok) => this.pending.set(id, ok));
    await this.cdp.send('Target.sendMessageToTarget', { sessionId: this.sessionId, message: JSON.stringify({ id, method, params }) });
    const m = await reply;
    if (m.error) throw new Error(`${method}: ${m.error.message}`);
    return m.result;
  }

  async used(): Promise<number> {
    await this.send('HeapProfiler.enable');
    await this.send('HeapProfiler.collectGarbage');
    await this.send('HeapProfiler.collectGarbage');
    return ((await this.send('Runtime.getHeapUsage')) as { usedSize: number }).usedSize;
  }

  async eventCount(): Promise<number | null> {
    const r = (await this.send('Runtime.evaluate', {
      awaitPromise: true,
      returnByValue: true,
      expression: `new Promise((ok) => { const o = indexedDB.open('liveproof'); o.onerror = () => ok(null); o.onsuccess = () => { try { const r = o.result.transaction('events').objectStore('events').count(); r.onsuccess = () => { o.result.close(); ok(r.result); }; r.onerror = () => ok(null); } catch (e) { ok(null); } }; })`,
    })) as { result?: { value?: number | null } };
    return r.result?.value ?? null;
  }

  async detach(): Promise<void> {
    await this.cdp.send('Target.detachFromTarget', { sessionId: this.sessionId }).catch(() => undefined);
  }
}

interface CostRun {
  wallS: number;
  scriptS: number;
  taskS: number;
  extSelfS: number | null;
  longTasks: number[];
  /** [duration, startTime] in ms, longest first. */
  longTaskAt: [number, number][];
  /** The same period traced: long tasks with the extension's part of each. */
  traced: LongTaskReport;
}

interface ProfileNode {
  id: number;
  callFrame: { url: string };
  children?: number[];
}

/** Self time of chrome-extension:// frames in a V8 sampling profile, in seconds. */
function extensionSelfTime(profile: { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] }): number {
  const ext = new Set(profile.nodes.filter((n) => n.callFrame.url.startsWith('chrome-extension://')).map((n) => n.id));
  let us = 0;
  // timeDeltas[i] is the gap before sample i; attribute the gap after each sample to it.
  for (let i = 0; i < profile.samples.length; i++) if (ext.has(profile.samples[i]!)) us += profile.timeDeltas[i + 1] ?? 0;
  return us / 1e6;
}

async function costRun(b: Browser, demo: DemoServer): Promise<CostRun> {
  const page = await b.context.newPage();
  const cdp = await b.context.newCDPSession(page);
  await cdp.send('Performance.enable', { timeDomain: 'threadTicks' }).catch(() => cdp.send('Performance.enable'));
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 1000 });
  await page.goto('about:blank');
  // Tracing (both browsers, so its overhead cancels too): only the events bench/longtasks.ts reads are kept.
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', (e) => {
    for (const ev of e.value as unknown as TraceEvent[]) if (keepTraceEvent(ev)) events.push(ev);
  });
  const traced = new Promise<void>((ok) => cdp.once('Tracing.tracingComplete', () => ok()));
  await cdp.send('Tracing.start', { transferMode: 'ReportEvents', traceConfig: { includedCategories: TRACE_CATEGORIES } });
  await cdp.send('Profiler.start');
  const m0 = await metrics(cdp);
  const t0 = performance.now();
  const url = demo.roomUrl('bench-short');
  await page.goto(url);
  await page.waitForSelector('html[data-scenario-done="1"]', { state: 'attached', timeout: SHORT_MS + 60_000 });
  await sleep(1000); // the content script's last batch
  const m1 = await metrics(cdp);
  const wallS = (performance.now() - t0) / 1000;
  const { profile } = (await cdp.send('Profiler.stop')) as { profile: { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[]; startTime: number } };
  await cdp.send('Tracing.end');
  await traced;
  const pageUrlPrefix = url.split('?')[0]!;
  const report = attributeLongTasks(events, { pageUrlPrefix, ...(b.extensionId ? { extensionId: b.extensionId } : {}), profile });
  const longTaskAt = ((await page.evaluate('window.__lpLong || []')) as [number, number][]).sort((a, b) => b[0] - a[0]);
  const longTasks = longTaskAt.map((x) => x[0]);
  await cdp.detach().catch(() => undefined);
  await page.close();
  return {
    wallS,
    scriptS: m1.ScriptDuration! - m0.ScriptDuration!,
    taskS: m1.TaskDuration! - m0.TaskDuration!,
    extSelfS: b.withExtension ? extensionSelfTime(profile) : extensionSelfTime(profile) /* 0 unless something else is an extension */,
    longTasks,
    longTaskAt,
    traced: report,
  };
}

interface MemRun {
  pageStart: number;
  pageEnd: number;
  swBefore?: number;
  swAfter?: number;
  eventsBefore?: number | null;
  eventsAfter?: number | null;
  wallS: number;
}

async function memRun(b: Browser, demo: DemoServer): Promise<MemRun> {
  const page = await b.context.newPage();
  const cdp = await b.context.newCDPSession(page);
  await cdp.send('HeapProfiler.enable');
  await page.goto('about:blank');
  const sw = b.extensionId ? await WorkerHeap.attach(cdp, b.extensionId) : null;
  const swBefore = await sw?.used();
  const eventsBefore = await sw?.eventCount();
  const t0 = performance.now();
  await page.goto(demo.roomUrl('bench-long', { speed: LONG_SPEED }));
  // Stream start: the scenario is parsed and its timers set (the page holds the same timeline in both browsers).
  await page.waitForSelector('html[data-scenario-duration-ms]', { state: 'attached', timeout: 60_000 });
  await sleep(2000);
  const pageStart = await heapUsed(cdp);
  await page.waitForSelector('html[data-scenario-done="1"]', { state: 'attached', timeout: LONG_MS / LONG_SPEED + 120_000 });
  await sleep(3000); // the content script's and background's queues drain
  const wallS = (performance.now() - t0) / 1000;
  const pageEnd = await heapUsed(cdp);
  // The worker's heap "after" is measured with the room still open (its per-tab state is alive), as during a stream.
  const swAfter = await sw?.used();
  const eventsAfter = await sw?.eventCount();
  await sw?.detach();
  await cdp.detach().catch(() => undefined);
  await page.close();
  return { pageStart, pageEnd, swBefore, swAfter, eventsBefore, eventsAfter, wallS };
}

const mb = (bytes: number) => bytes / 1024 / 1024;
const f = (x: number, d = 2) => (Number.isFinite(x) ? x.toFixed(d) : 'n/a');
const lt = (xs: [number, number][]) => (xs.length ? xs.slice(0, 8).map(([d, at]) => `${d.toFixed(0)} @ ${(at / 1000).toFixed(1)}`).join(', ') : 'none');
const pad = (s: string, n: number) => s + ' '.repeat(Math.max(0, n - [...s].length));

export interface ContentBenchResult {
  cost: { ext: CostRun; base: CostRun };
  mem: { ext: MemRun; base: MemRun };
  load: number[];
  cores: number;
}

export async function benchContent(): Promise<ContentBenchResult> {
  const short = JSON.stringify(busyScenario(SHORT_MS));
  const long = JSON.stringify(busyScenario(LONG_MS));
  const demo = await startDemoServer(0, {
    routes: [
      { path: '/scenarios/bench-short.json', body: short, type: 'application/json; charset=utf-8' },
      { path: '/scenarios/bench-long.json', body: long, type: 'application/json; charset=utf-8' },
    ],
  });
  const load = loadavg();
  let ext: Browser | undefined;
  let base: Browser | undefined;
  try {
    ext = await launch(true);
    base = await launch(false);
    await sleep(2000); // the extension's start-up settles
    // Part 1: one at a time, so the two runs do not compete for the CPU.
    const costExt = await costRun(ext, demo);
    const costBase = await costRun(base, demo);
    // Part 2: side by side.
    const [memExt, memBase] = await Promise.all([memRun(ext, demo), memRun(base, demo)]);
    return { cost: { ext: costExt, base: costBase }, mem: { ext: memExt, base: memBase }, load, cores: cpus().length };
  } finally {
    if (ext) await closeBrowser(ext);
    if (base) await closeBrowser(base);
    await demo.close();
  }
}

export function formatContentBench(r: ContentBenchResult): string {
  const { ext, base } = r.cost;
  const wall = (ext.wallS + base.wallS) / 2;
  const scriptShare = (ext.scriptS - base.scriptS) / ext.wallS;
  const taskShare = (ext.taskS - base.taskS) / ext.wallS;
  const selfShare = (ext.extSelfS ?? NaN) / ext.wallS;
  const maxLt = (xs: number[]) => (xs.length ? Math.max(...xs) : 0);
  const over = (xs: number[]) => xs.filter((d) => d > 50).length;
  const m = r.mem;
  const pageGrowthExt = m.ext.pageEnd - m.ext.pageStart;
  const pageGrowthBase = m.base.pageEnd - m.base.pageStart;
  const contentGrowth = pageGrowthExt - pageGrowthBase;
  const swGrowth = (m.ext.swAfter ?? NaN) - (m.ext.swBefore ?? NaN);
  const ok = (b: boolean) => (b ? 'ok' : 'MISSED');
  const withExt = ext.traced.longestWithExt;
  const attributable = ext.traced.long.filter((t) => t.attributable);
  const worst = attributable[0];
  const bySetUp = ext.traced.long.filter((t) => t.bySetUp);
  const traceList = (r: LongTaskReport) => (r.long.length ? r.long.slice(0, 5).map(describeTask).join('; ') : 'none');
  const rows: [string, string, string, string, string][] = [
    ['', 'with ext', 'without', 'ext share / diff', 'target'],
    ['wall time (s)', f(ext.wallS, 1), f(base.wallS, 1), '', ''],
    ['scripting (s, ScriptDuration)', f(ext.scriptS), f(base.scriptS), `${f(scriptShare * 100)} % of wall`, `< 2 % ${ok(scriptShare < 0.02)}`],
    ['tasks (s, TaskDuration)', f(ext.taskS), f(base.taskS), `${f(taskShare * 100)} % of wall`, ''],
    ['ext scripts self time (s, V8 profile)', f(ext.extSelfS ?? NaN), f(base.extSelfS ?? NaN), `${f(selfShare * 100)} % of wall`, `< 2 % ${ok(selfShare < 0.02)}`],
    ['longest task, any cause (ms, observer)', f(maxLt(ext.longTasks), 0), f(maxLt(base.longTasks), 0), '', ''],
    ['tasks > 50 ms, any cause (count)', String(over(ext.longTasks)), String(over(base.longTasks)), `+${over(ext.longTasks) - over(base.longTasks)}`, ''],
    ['longest task with extension work (ms)', withExt ? `${f(withExt.durMs, 0)} (ext ${f(withExt.extMs, 0)}, code ${f(withExt.codeMs, 0)})` : 'none', '-', withExt ? `CPU ${f(withExt.cpuMs, 0)} ms` : '', ''],
    ['longest task > 50 ms from ext code (ms)', worst ? f(worst.durMs, 0) : 'none', '-', worst ? `${attributable.length} task(s), CPU ${f(worst.cpuMs, 0)} ms` : '', `none ${ok(!worst)}`],
    ['tasks > 50 ms from browser set-up', String(bySetUp.length), '-', bySetUp[0] ? `longest ${f(bySetUp[0].durMs, 0)} ms` : '', ''],
    [`page heap at stream start (MB)`, f(mb(m.ext.pageStart)), f(mb(m.base.pageStart)), `${f(mb(m.ext.pageStart - m.base.pageStart))} content script`, ''],
    [`page heap after ${f(LONG_MS / 3600_000, 2)} h @${LONG_SPEED}x (MB)`, f(mb(m.ext.pageEnd)), f(mb(m.base.pageEnd)), `${f(mb(m.ext.pageEnd - m.base.pageEnd))} content script`, ''],
    ['page heap growth (MB)', f(mb(pageGrowthExt)), f(mb(pageGrowthBase)), `${f(mb(contentGrowth))} content script`, `< 5 MB ${ok(mb(contentGrowth) < 5)}`],
    ['service worker heap before/after (MB)', `${f(mb(m.ext.swBefore ?? NaN))} → ${f(mb(m.ext.swAfter ?? NaN))}`, '-', `${f(mb(swGrowth))} growth`, `< 5 MB ${ok(mb(swGrowth) < 5)}`],
    ['events stored by background', `${m.ext.eventsBefore ?? '?'} → ${m.ext.eventsAfter ?? '?'}`, '-', '', ''],
  ];
  const w = [0, 1, 2, 3, 4].map((i) => Math.max(...rows.map((row) => [...row[i]!].length)));
  const table = rows.map((row) => row.map((c, i) => pad(c, w[i]!)).join('  ').trimEnd()).join('\n');
  const longSec = LONG_MS / 1000;
  return [
    `Demo room, ${COMMENTS_PER_S} comments/s + ${CAPTIONS_PER_S} captions/s. Part 1: ${SHORT_MS / 1000} s at speed 1, with and without the extension one after the other (~${f(wall, 0)} s each).`,
    `Part 2: ${f(longSec / 3600, 2)} h (${(COMMENTS_PER_S + CAPTIONS_PER_S) * longSec} events) replayed at speed ${LONG_SPEED} (~${f(m.ext.wallS, 0)} s), both browsers side by side; heaps after forced GC.`,
    table,
    `Long tasks seen by the page's observer (duration ms @ page time s), with ext: ${lt(ext.longTaskAt)}; without: ${lt(base.longTaskAt)}.`,
    `Traced (page main thread; wall ms, with the thread's CPU ms in brackets; bench/longtasks.ts): "its code" = compiling, evaluating and`,
    `calling the extension's scripts; "browser set-up" = Chromium injecting content scripts (creating the isolated world), as for an empty extension.`,
    `  longest task with extension work: ${withExt ? describeTask(withExt) : 'none'}`,
    `  longest task > 50 ms attributable to extension code (target: none): ${worst ? describeTask(worst) : 'none'}`,
    `  tasks > 50 ms with ext: ${traceList(ext.traced)}`,
    `  tasks > 50 ms without: ${traceList(base.traced)}`,
    `Part 2 note: the content script throttles DOM scans and rate-limits per kind by wall clock, so at ${LONG_SPEED}x it keeps a capped share of the replayed events (stored count above): this measures ${f(m.ext.wallS / 60, 1)} min of capped-rate intake over ${f(LONG_MS / 3600_000, 2)} h of room content, not 2 h of wall-clock intake.`,
    `Machine: ${r.cores} cores, shared and loaded (load average ${r.load.map((x) => x.toFixed(2)).join(' / ')} at start): ScriptDuration differences and long tasks are noisy here;`,
    `the V8-profile line (self time in chrome-extension:// code, profiler running in both browsers) is the steadier scripting number. Timing targets are printed, never asserted.`,
  ].join('\n');
}

export default async function run(): Promise<string> {
  return formatContentBench(await benchContent());
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  console.log(await run());
}

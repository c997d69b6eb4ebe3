/**
 * Long tasks on a page's main thread, attributed from a Chromium trace (CDP Tracing with the `toplevel`,
 * `devtools.timeline` and `extensions` categories) and, optionally, a V8 sampling profile of the same page.
 * Used by bench/content.bench.ts; pure functions, tested in test/bench/longtasks.test.ts.
 *
 * A task is one `ThreadControllerImpl::RunTask` on the renderer main thread that parsed the page. Inside it:
 *  - the extension's code: compiling and running a chrome-extension:// script (`EvaluateScript`, `v8.compile`) and
 *    calls into one (`FunctionCall`: timers, event listeners, observers). Promise callbacks have no trace event of
 *    their own; the sampling profile covers them (samples whose stack holds a chrome-extension:// frame), and the
 *    larger of the two measures counts;
 *  - the browser's content-script set-up: `ScriptInjection::InjectJs` for the extension minus the scripts evaluated
 *    inside it, mostly creating the extension's isolated world on the page. Any extension with a content script on
 *    the page pays it, an empty one too (LP_CONTENT_BENCH_EXT in content.bench.ts runs such a control).
 * A long task is attributable to the extension's code when it holds some and would not have been long without it
 * (duration minus code time below the threshold); one that is long only with the set-up counted is reported apart.
 * Durations are wall time (what the page feels); `cpuMs` is the thread's CPU time in the task, which on a loaded
 * machine tells descheduling apart from work.
 */

export interface TraceEvent {
  name: string;
  cat?: string;
  ph: string;
  ts: number;
  dur?: number;
  tdur?: number;
  pid: number;
  tid: number;
  args?: Record<string, unknown>;
}

export interface CpuProfile {
  nodes: { id: number; callFrame: { url: string }; children?: number[] }[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
}

export interface Task {
  /** Start, ms after `t0` (the page's request, when found in the trace). */
  atMs: number;
  durMs: number;
  cpuMs: number;
  /** Time in extension work inside the task, ms: its code plus the browser's content-script set-up. */
  extMs: number;
  /** Of which the extension's own code (compile, evaluation, calls), ms. */
  codeMs: number;
  /** What the extension did in it, e.g. "inject+evaluate live.js 12.1", "timer s() live.js 3.0". */
  ext: string[];
  /** The page's largest parts, e.g. "Layout 36.0", "FunctionCall draw room.js 10.2". */
  page: string[];
  /** Long, and would not have been without the extension's code. */
  attributable: boolean;
  /** Long, not because of the extension's code, but would not have been without the browser's content-script set-up. */
  bySetUp: boolean;
}

export interface LongTaskReport {
  /** Every task at or over the threshold, longest first. */
  long: Task[];
  /** The longest task holding any extension work (long or not), or null. */
  longestWithExt: Task | null;
  /** The longest task attributable to the extension's code (over the threshold), or null. */
  longestAttributable: Task | null;
  /** Tasks examined on the page's main thread. */
  tasks: number;
}

const PAGE_PARTS = new Set([
  'ParseHTML',
  'EvaluateScript',
  'FunctionCall',
  'TimerFire',
  'FireAnimationFrame',
  'EventDispatch',
  'Layout',
  'UpdateLayoutTree',
  'Paint',
  'Commit',
  'MajorGC',
  'MinorGC',
  'DocumentLoader::CommitNavigation',
]);

/** Names of trace events this module reads; content.bench.ts keeps only these while the trace streams in. */
export function keepTraceEvent(e: TraceEvent): boolean {
  if (e.ph !== 'X') return e.name === 'ResourceSendRequest';
  if (e.name === 'ThreadControllerImpl::RunTask') return (e.dur ?? 0) >= 5_000;
  if (e.name === 'ScriptInjection::InjectJs') return true;
  if (e.name === 'ParseHTML') return true; // any length: the first one tells the page's main thread
  if (isExtensionEvent(e)) return true;
  return PAGE_PARTS.has(e.name) && (e.dur ?? 0) >= 1_000;
}

function urlOf(e: TraceEvent): string {
  const data = e.args?.data as { url?: unknown } | undefined;
  const begin = e.args?.beginData as { url?: unknown } | undefined;
  return String(data?.url ?? begin?.url ?? '');
}

function extensionIdOf(e: TraceEvent): string | null {
  const id = (e.args?.chrome_extension_id as { extension_id?: unknown } | undefined)?.extension_id;
  return typeof id === 'string' ? id : null;
}

function isExtensionEvent(e: TraceEvent, extensionId?: string): boolean {
  if (e.name === 'ScriptInjection::InjectJs') {
    const id = extensionIdOf(e);
    return id !== null && (!extensionId || id === extensionId);
  }
  if (e.name !== 'EvaluateScript' && e.name !== 'v8.compile' && e.name !== 'FunctionCall') return false;
  const url = urlOf(e);
  return extensionId ? url.startsWith(`chrome-extension://${extensionId}/`) : url.startsWith('chrome-extension://');
}

/** A script URL without its origin and query: "content-scripts/live.js", "room.js". */
const file = (url: string) => url.replace(/^[a-z-]+:\/\/[^/]*\//, '').replace(/[?#].*$/, '') || url;

function describeExt(e: TraceEvent, inner: TraceEvent[]): string {
  const ms = (us: number) => (us / 1000).toFixed(1);
  if (e.name === 'ScriptInjection::InjectJs') {
    const evaluated = inner.filter((x) => (x.name === 'EvaluateScript' || x.name === 'v8.compile') && within(e, x));
    const scripts = [...new Set(evaluated.filter((x) => x.name === 'EvaluateScript').map((x) => file(urlOf(x))))];
    const codeUs = unionUs(evaluated);
    if (!scripts.length) return `browser content-script set-up ${ms(e.dur ?? 0)}`;
    return `inject ${scripts.join('+')} ${ms(e.dur ?? 0)} (evaluate ${ms(codeUs)}, browser set-up ${ms((e.dur ?? 0) - codeUs)})`;
  }
  if (e.name === 'EvaluateScript' || e.name === 'v8.compile') return `evaluate ${file(urlOf(e))} ${ms(e.dur ?? 0)}`;
  const fn = String((e.args?.data as { functionName?: unknown } | undefined)?.functionName ?? '') || '(anonymous)';
  return `call ${fn}() ${file(urlOf(e))} ${ms(e.dur ?? 0)}`;
}

function within(outer: TraceEvent, e: TraceEvent): boolean {
  return e.pid === outer.pid && e.tid === outer.tid && e.ts >= outer.ts && e.ts + (e.dur ?? 0) <= outer.ts + (outer.dur ?? 0);
}

/** Total length of the union of [ts, ts+dur) intervals, µs. */
function unionUs(xs: TraceEvent[]): number {
  const iv = xs.map((e) => [e.ts, e.ts + (e.dur ?? 0)] as const).sort((a, b) => a[0] - b[0]);
  let total = 0;
  let end = -Infinity;
  let start = 0;
  for (const [s, e] of iv) {
    if (s > end) {
      if (end > start) total += end - start;
      start = s;
      end = e;
    } else end = Math.max(end, e);
  }
  if (end > start) total += end - start;
  return total;
}

/** [timestamp µs, weight µs] of every profile sample whose stack holds a chrome-extension:// frame. */
export function extensionSamples(profile: CpuProfile, extensionId?: string): [number, number][] {
  const prefix = extensionId ? `chrome-extension://${extensionId}/` : 'chrome-extension://';
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const memo = new Map<number, boolean>();
  const hasExt = (id: number): boolean => {
    const known = memo.get(id);
    if (known !== undefined) return known;
    const n = byId.get(id);
    const p = parent.get(id);
    const v = n ? n.callFrame.url.startsWith(prefix) || (p !== undefined && hasExt(p)) : false;
    memo.set(id, v);
    return v;
  };
  const out: [number, number][] = [];
  let t = profile.startTime;
  for (let i = 0; i < profile.samples.length; i++) {
    t += profile.timeDeltas[i] ?? 0;
    if (hasExt(profile.samples[i]!)) out.push([t, profile.timeDeltas[i + 1] ?? 0]);
  }
  return out;
}

/**
 * Long tasks of the page whose document was parsed from `pageUrlPrefix`, with the extension's part of each.
 * `extensionId` narrows extension work to one extension (else any chrome-extension:// script counts).
 */
export function attributeLongTasks(
  events: TraceEvent[],
  opts: { pageUrlPrefix: string; extensionId?: string; profile?: CpuProfile; thresholdMs?: number },
): LongTaskReport {
  const threshold = (opts.thresholdMs ?? 50) * 1000;
  const parse = events.find((e) => e.name === 'ParseHTML' && urlOf(e).startsWith(opts.pageUrlPrefix));
  if (!parse) return { long: [], longestWithExt: null, longestAttributable: null, tasks: 0 };
  const onMain = events.filter((e) => e.ph === 'X' && e.pid === parse.pid && e.tid === parse.tid);
  const request = events.find((e) => e.name === 'ResourceSendRequest' && urlOf(e).startsWith(opts.pageUrlPrefix));
  const t0 = request?.ts ?? parse.ts;
  const samples = opts.profile ? extensionSamples(opts.profile, opts.extensionId) : [];
  const prefix = [0];
  for (const [, w] of samples) prefix.push(prefix[prefix.length - 1]! + w);
  const firstAtOrAfter = (ts: number) => {
    let lo = 0;
    let hi = samples.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (samples[mid]![0] < ts) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  /** Weight of extension samples taken in [from, to), µs. */
  const sampled = (from: number, to: number) => prefix[firstAtOrAfter(to)]! - prefix[firstAtOrAfter(from)]!;
  const tasks = onMain.filter((e) => e.name === 'ThreadControllerImpl::RunTask').sort((a, b) => a.ts - b.ts);
  const others = onMain.filter((e) => e.name !== 'ThreadControllerImpl::RunTask').sort((a, b) => a.ts - b.ts);

  const report: Task[] = [];
  let firstOther = 0;
  for (const task of tasks) {
    while (firstOther < others.length && others[firstOther]!.ts < task.ts) firstOther++;
    const inner: TraceEvent[] = [];
    for (let i = firstOther; i < others.length && others[i]!.ts <= task.ts + (task.dur ?? 0); i++) {
      if (within(task, others[i]!)) inner.push(others[i]!);
    }
    const ext = inner.filter((e) => isExtensionEvent(e, opts.extensionId));
    // Outermost extension events only (an EvaluateScript inside an injection is described by the injection).
    const top = ext.filter((e) => !ext.some((o) => o !== e && within(o, e) && (o.dur ?? 0) > (e.dur ?? 0)));
    const code = ext.filter((e) => e.name !== 'ScriptInjection::InjectJs');
    const traceCodeUs = unionUs(code);
    const sampledUs = sampled(task.ts, task.ts + (task.dur ?? 0));
    const codeUs = Math.max(traceCodeUs, sampledUs);
    const setUpUs = unionUs(ext) - traceCodeUs;
    const extUs = codeUs + setUpUs;
    const durUs = task.dur ?? 0;
    if (durUs < threshold && extUs === 0) continue;
    const pageParts = inner
      .filter((e) => (e.dur ?? 0) >= 1_000 && !isExtensionEvent(e, opts.extensionId) && PAGE_PARTS.has(e.name) && !ext.some((x) => within(x, e)))
      .filter((e) => !inner.some((o) => o !== e && o.name === e.name && within(o, e) && (o.dur ?? 0) > (e.dur ?? 0)))
      .map((e) => {
        // A page part the extension ran inside (the parser running a document_start script) counts without it.
        const extInside = unionUs(ext.filter((x) => within(e, x)));
        return { e, us: (e.dur ?? 0) - extInside, excl: extInside > 0 };
      })
      .filter((p) => p.us >= 1_000)
      .sort((a, b) => b.us - a.us)
      .slice(0, 3)
      .map(({ e, us, excl }) => {
        const fn = e.name === 'FunctionCall' ? ` ${String((e.args?.data as { functionName?: unknown })?.functionName ?? '') || '(anonymous)'}() ${file(urlOf(e))}` : '';
        return `${e.name}${fn} ${(us / 1000).toFixed(1)}${excl ? ' besides the extension' : ''}`;
      });
    const extParts = top.map((e) => describeExt(e, ext));
    if (sampledUs > traceCodeUs) extParts.push(`sampled ${(sampledUs / 1000).toFixed(1)}`);
    report.push({
      atMs: (task.ts - t0) / 1000,
      durMs: durUs / 1000,
      cpuMs: (task.tdur ?? 0) / 1000,
      extMs: extUs / 1000,
      codeMs: codeUs / 1000,
      ext: extParts,
      page: pageParts,
      attributable: durUs >= threshold && codeUs > 0 && durUs - codeUs < threshold,
      bySetUp: durUs >= threshold && !(codeUs > 0 && durUs - codeUs < threshold) && extUs > 0 && durUs - extUs < threshold,
    });
  }
  const byDur = (a: Task, b: Task) => b.durMs - a.durMs;
  const long = report.filter((t) => t.durMs * 1000 >= threshold).sort(byDur);
  const withExt = report.filter((t) => t.extMs > 0).sort(byDur);
  return {
    long,
    longestWithExt: withExt[0] ?? null,
    longestAttributable: long.find((t) => t.attributable) ?? null,
    tasks: tasks.length,
  };
}

/** One line for a task: "77 ms (CPU 39) @ 0.10 s, extension 70 (its code 60): inject live.js 70.0 (…); page: …". */
export function describeTask(t: Task): string {
  const ext = t.extMs > 0 ? `extension ${t.extMs.toFixed(0)} (its code ${t.codeMs.toFixed(0)}): ${t.ext.join(', ')}` : 'no extension work';
  const page = t.page.length ? `; page: ${t.page.join(', ')}` : '';
  return `${t.durMs.toFixed(0)} ms (CPU ${t.cpuMs.toFixed(0)}) @ ${(t.atMs / 1000).toFixed(2)} s, ${ext}${page}`;
}

/**
 * Long-task attribution for the content bench (bench/longtasks.ts), on hand-made trace events: which tasks count as
 * the extension's, what is named in them, and that the sampling profile catches work the trace has no event for.
 */
import { expect, test } from 'vitest';
import { attributeLongTasks, describeTask, keepTraceEvent, type CpuProfile, type TraceEvent } from '../../bench/longtasks';

const EXT = 'abcdefghijklmnopabcdefghijklmnop';
const PAGE = 'http://127.0.0.1:5000/room.html';
const main = { pid: 7, tid: 1 };
const other = { pid: 7, tid: 2 };

const x = (name: string, tsMs: number, durMs: number, args: Record<string, unknown> = {}, where = main): TraceEvent => ({
  name,
  ph: 'X',
  ts: tsMs * 1000,
  dur: durMs * 1000,
  tdur: durMs * 500,
  ...where,
  args,
});
const task = (tsMs: number, durMs: number, where = main) => x('ThreadControllerImpl::RunTask', tsMs, durMs, {}, where);
const script = (name: string, tsMs: number, durMs: number, url: string, functionName?: string) =>
  x(name, tsMs, durMs, { data: { url, ...(functionName ? { functionName } : {}) } });

function trace(...events: TraceEvent[]): TraceEvent[] {
  return [
    { name: 'ResourceSendRequest', ph: 'I', ts: 0, ...main, args: { data: { url: `${PAGE}?scenario=x` } } },
    x('ParseHTML', 10, 1, { beginData: { url: `${PAGE}?scenario=x` } }),
    ...events,
  ];
}

test('an injection that makes a task long is the extension’s, named by script; the page’s own long task is not', () => {
  const r = attributeLongTasks(
    trace(
      task(100, 77),
      x('ParseHTML', 100, 76, { beginData: { url: `${PAGE}?scenario=x` } }),
      x('ScriptInjection::InjectJs', 101, 70, { chrome_extension_id: { extension_id: EXT } }),
      script('EvaluateScript', 105, 60, `chrome-extension://${EXT}/content-scripts/live.js`),
      script('v8.compile', 105, 20, `chrome-extension://${EXT}/content-scripts/live.js`),
      task(300, 61),
      x('Layout', 301, 40),
      script('FunctionCall', 345, 12, `${PAGE}`.replace('room.html', 'room.js'), 'draw'),
    ),
    { pageUrlPrefix: PAGE, extensionId: EXT },
  );
  expect(r.long.map((t) => [t.durMs, t.attributable])).toEqual([
    [77, true],
    [61, false],
  ]);
  expect(r.longestAttributable?.ext).toEqual(['inject content-scripts/live.js 70.0 (evaluate 60.0, browser set-up 10.0)']);
  expect([r.long[0]!.extMs, r.long[0]!.codeMs]).toEqual([70, 60]);
  expect(r.longestAttributable?.atMs).toBe(100);
  expect(r.long[1]!.page).toEqual(['Layout 40.0', 'FunctionCall draw() room.js 12.0']);
  // The parser ran the injection: its own part is what is left.
  expect(describeTask(r.long[0]!)).toBe(
    '77 ms (CPU 39) @ 0.10 s, extension 70 (its code 60): inject content-scripts/live.js 70.0 (evaluate 60.0, browser set-up 10.0); page: ParseHTML 6.0 besides the extension',
  );
});

test('a small callback inside a long page task does not make it the extension’s; one that pushes it over 50 ms does', () => {
  const r = attributeLongTasks(
    trace(
      task(100, 120),
      x('Layout', 100, 100),
      script('FunctionCall', 205, 2, `chrome-extension://${EXT}/content-scripts/live.js`, 's'),
      task(400, 55),
      x('Layout', 400, 45),
      script('FunctionCall', 446, 8, `chrome-extension://${EXT}/content-scripts/live.js`, 's'),
      task(600, 20),
      script('FunctionCall', 600, 18, `chrome-extension://${EXT}/content-scripts/live.js`, ''),
    ),
    { pageUrlPrefix: PAGE, extensionId: EXT },
  );
  expect(r.long.map((t) => [t.durMs, t.extMs, t.attributable])).toEqual([
    [120, 2, false],
    [55, 8, true],
  ]);
  // A short task is never attributable, however much of it is the extension's.
  expect(r.longestWithExt?.durMs).toBe(120);
  expect(r.longestAttributable?.ext).toEqual(['call s() content-scripts/live.js 8.0']);
});

test('a task long only with the browser’s content-script set-up counted is reported apart from the extension’s code', () => {
  const r = attributeLongTasks(
    trace(
      task(100, 60),
      x('ScriptInjection::InjectJs', 100, 45, { chrome_extension_id: { extension_id: EXT } }),
      x('Layout', 146, 12),
      task(300, 30),
      script('EvaluateScript', 300, 29, `chrome-extension://${EXT}/content-scripts/live.js`),
    ),
    { pageUrlPrefix: PAGE, extensionId: EXT },
  );
  expect(r.long.map((t) => [t.durMs, t.extMs, t.codeMs, t.attributable, t.bySetUp])).toEqual([[60, 45, 0, false, true]]);
  expect(r.long[0]!.ext).toEqual(['browser content-script set-up 45.0']);
  expect(r.longestAttributable).toBeNull();
  expect(r.longestWithExt?.durMs).toBe(60);
});

test('only the page’s main thread counts, and only the given extension', () => {
  const r = attributeLongTasks(
    trace(
      task(100, 90, other),
      x('ScriptInjection::InjectJs', 100, 80, { chrome_extension_id: { extension_id: EXT } }, other),
      task(300, 70),
      x('ScriptInjection::InjectJs', 300, 65, { chrome_extension_id: { extension_id: 'someotherextensionidxxxxxxxxxxxx' } }),
      script('EvaluateScript', 301, 60, 'chrome-extension://someotherextensionidxxxxxxxxxxxx/c.js'),
    ),
    { pageUrlPrefix: PAGE, extensionId: EXT },
  );
  expect(r.long.map((t) => [t.durMs, t.extMs])).toEqual([[70, 0]]);
  expect(r.longestWithExt).toBeNull();
  // Without an id, any extension's scripts count.
  const any = attributeLongTasks(trace(task(300, 70), script('EvaluateScript', 301, 60, 'chrome-extension://someotherextensionidxxxxxxxxxxxx/c.js')), { pageUrlPrefix: PAGE });
  expect(any.longestAttributable?.ext).toEqual(['evaluate c.js 60.0']);
});

test('extension work with no trace event of its own (a promise callback) is found in the sampling profile', () => {
  const profile: CpuProfile = {
    nodes: [
      { id: 1, callFrame: { url: '' }, children: [2, 3] },
      { id: 2, callFrame: { url: `chrome-extension://${EXT}/content-scripts/live.js` }, children: [4] },
      { id: 3, callFrame: { url: `${PAGE}` } },
      { id: 4, callFrame: { url: '' } },
    ],
    // Samples every 1 ms from 100 ms: 30 in extension code (one of them in a native callee), then 30 in the page.
    samples: [...Array(29).fill(2), 4, ...Array(30).fill(3)],
    timeDeltas: [100_000, ...Array(59).fill(1000)],
    startTime: 0,
  };
  const r = attributeLongTasks(trace(task(100, 60), x('RunMicrotasks', 100, 60)), { pageUrlPrefix: PAGE, extensionId: EXT, profile });
  expect(r.long[0]!.extMs).toBe(30);
  expect(r.long[0]!.attributable).toBe(true);
  expect(r.long[0]!.ext).toEqual(['sampled 30.0']);
});

test('the trace filter keeps what attribution reads and drops the rest', () => {
  expect(keepTraceEvent(task(0, 60))).toBe(true);
  expect(keepTraceEvent(task(0, 1))).toBe(false);
  expect(keepTraceEvent(script('FunctionCall', 0, 0.1, `chrome-extension://${EXT}/content-scripts/live.js`))).toBe(true);
  expect(keepTraceEvent(script('FunctionCall', 0, 0.1, `${PAGE}`))).toBe(false);
  expect(keepTraceEvent(x('Layout', 0, 3))).toBe(true);
  expect(keepTraceEvent(x('SomethingElse', 0, 30))).toBe(false);
  expect(keepTraceEvent({ name: 'thread_name', ph: 'M', ts: 0, ...main })).toBe(false);
});

/**
 * LiveSession: precedence (network > page state > DOM > heuristics), dedupe of
 * recycled rows, per-kind rate limits, caption coalescing, ended rooms.
 */
import { describe, expect, test } from 'vitest';
import { LiveSession, type SessionOptions } from '../../lib/content/live-session';
import type { Timers } from '../../lib/content/outbox';
import type { Observed } from '../../lib/platforms/types';
import type { LiveEvent } from '../../lib/protocol/types';

function clock() {
  let now = 1_000_000;
  const pending = new Map<number, { at: number; fn: () => void }>();
  let next = 1;
  const timers: Timers = {
    setTimeout(fn, ms) {
      pending.set(next, { at: now + ms, fn });
      return next++;
    },
    clearTimeout(h) {
      pending.delete(h as number);
    },
  };
  return {
    timers,
    now: () => now,
    advance(ms: number) {
      const end = now + ms;
      for (;;) {
        const due = [...pending.entries()].filter(([, t]) => t.at <= end).sort((a, b) => a[1].at - b[1].at)[0];
        if (!due) break;
        pending.delete(due[0]);
        now = due[1].at;
        due[1].fn();
      }
      now = end;
    },
  };
}

function session(opts: SessionOptions = {}) {
  const c = clock();
  const events: LiveEvent[] = [];
  const s = new LiveSession('douyin', '7012345678', () => 'https://live.douyin.com/7012345678', (e) => events.push(e), { now: c.now, timers: c.timers, ...opts });
  return { s, c, events };
}

const dom = { source: 'dom', confidence: 0.8 } as const;
const http = { source: 'http', confidence: 0.95 } as const;
const heur = { source: 'heuristic', confidence: 0.5 } as const;
const prod = (title: string, price: number, originalPrice?: number) => ({ kind: 'product', product: { title, price, ...(originalPrice ? { originalPrice } : {}) } }) as const;

describe('precedence', () => {
  test('a DOM card does not replace a fresh network card; after the hold it may', () => {
    const { s, c, events } = session({ holdMs: 10_000 });
    s.observe({ ...prod('保温杯', 59.9, 99), ...http });
    s.observe({ ...prod('保温杯 旧标题', 69, 99), ...dom });
    expect(events.map((e) => [e.kind, e.source])).toEqual([['product', 'http']]);
    c.advance(11_000);
    s.observe({ ...prod('另一款 保温壶', 79), ...dom });
    expect(events.map((e) => e.source)).toEqual(['http', 'dom']);
    expect(events[1]!.confidence).toBe(0.8);
  });

  test('a network card replaces a DOM card at once; the same card again is resent only when a more direct source confirms it', () => {
    const { s, events } = session();
    s.observe({ ...prod('保温杯', 59.9), ...heur });
    s.observe({ ...prod('保温杯', 59.9), ...heur });
    s.observe({ ...prod('保温杯', 59.9), ...dom });
    s.observe({ ...prod('保温杯', 59.9), ...dom });
    s.observe({ ...prod('保温杯 500ml', 59.9, 99), ...http });
    s.observe({ ...prod('保温杯 500ml', 59.9, 99), ...http });
    s.observe({ ...prod('保温杯 500ml', 59.9, 99), ...dom });
    expect(events.map((e) => e.source)).toEqual(['heuristic', 'dom', 'http']);
  });

  test('room fields merge by rank; an end is accepted from any source', () => {
    const { s, events } = session();
    s.observe({ kind: 'room', room: { title: 'DOM 标题', host: '示例主播', status: 'live' }, ...dom });
    s.observe({ kind: 'room', room: { title: '示例主播 保温杯专场', roomId: '7300000000000000001' }, ...http });
    s.observe({ kind: 'room', room: { title: 'DOM 标题' }, ...dom });
    s.observe({ kind: 'room', room: { status: 'ended' }, ...heur });
    expect(events.map((e) => e.payload)).toEqual([
      { platform: 'douyin', roomId: '7012345678', title: 'DOM 标题', host: '示例主播', url: 'https://live.douyin.com/7012345678', status: 'live' },
      { platform: 'douyin', roomId: '7300000000000000001', title: '示例主播 保温杯专场', host: '示例主播', url: 'https://live.douyin.com/7012345678', status: 'live' },
      { platform: 'douyin', roomId: '7300000000000000001', title: '示例主播 保温杯专场', host: '示例主播', url: 'https://live.douyin.com/7012345678', status: 'ended' },
    ]);
    expect(events.map((e) => e.seq)).toEqual([0, 1, 2]);
  });
});

describe('dedupe and rate limits', () => {
  test('recycled virtual-list rows: the same author+text is sent once', () => {
    const { s, events } = session();
    for (let i = 0; i < 3; i++) {
      s.observe({ kind: 'comment', text: { author: '甲', text: '有大码吗' }, ...dom });
      s.observe({ kind: 'comment', text: { author: '乙', text: '有大码吗' }, ...dom });
    }
    expect(events.map((e) => e.payload)).toEqual([
      { author: '甲', text: '有大码吗' },
      { author: '乙', text: '有大码吗' },
    ]);
  });

  test('a comment flood is capped at the burst, then at the sustained rate', () => {
    const { s, c, events } = session({ commentsPerSecond: 10, commentBurst: 20 });
    for (let i = 0; i < 1000; i++) s.observe({ kind: 'comment', text: { text: `刷屏${i}` }, ...http });
    expect(events).toHaveLength(20);
    expect(s.dropped.comment).toBe(980);
    c.advance(1000);
    for (let i = 0; i < 1000; i++) s.observe({ kind: 'comment', text: { text: `再刷${i}` }, ...http });
    expect(events).toHaveLength(30);
  });

  test('captions are coalesced: interim text is replaced, only the latest of a burst is sent', () => {
    const { s, c, events } = session({ captionCoalesceMs: 500 });
    s.observe({ kind: 'caption', caption: { text: '今天给大家', final: false }, source: 'ws', confidence: 0.95 });
    s.observe({ kind: 'caption', caption: { text: '今天给大家推荐', final: false }, source: 'ws', confidence: 0.95 });
    s.observe({ kind: 'caption', caption: { text: '今天给大家推荐这款耳机', final: true }, source: 'ws', confidence: 0.95 });
    expect(events).toHaveLength(0);
    c.advance(500);
    expect(events.map((e) => e.payload)).toEqual([{ text: '今天给大家推荐这款耳机', final: true }]);
    // A new sentence while a final one waits sends the waiting one first.
    s.observe({ kind: 'caption', caption: { text: '第二句话', final: true }, ...dom });
    s.observe({ kind: 'caption', caption: { text: '第三句话', final: true }, ...dom });
    expect(events.map((e) => (e.payload as { text: string }).text)).toEqual(['今天给大家推荐这款耳机', '第二句话']);
    c.advance(500);
    expect(events).toHaveLength(3);
    // Text repainted in place is not sent again.
    s.observe({ kind: 'caption', caption: { text: '第三句话', final: true }, ...dom });
    c.advance(500);
    expect(events).toHaveLength(3);
  });

  test('a caption flood is capped per second', () => {
    const { s, c, events } = session({ captionsPerSecond: 2, captionCoalesceMs: 0 });
    for (let i = 0; i < 200; i++) {
      s.observe({ kind: 'caption', caption: { text: `句子${i}`, final: true }, ...dom });
      c.advance(1);
    }
    expect(events.length).toBeLessThanOrEqual(5);
    expect(s.dropped.caption).toBeGreaterThan(190);
  });
});

import { describe, expect, test } from 'vitest';
import { Outbox, type Timers } from '../../lib/content/outbox';
import type { EventBatch, EventsAck, LiveEvent } from '../../lib/protocol/types';

/** Manual clock: timers run only when the test advances time. */
function manualTimers() {
  let now = 0;
  let next = 1;
  const pending = new Map<number, { at: number; fn: () => void }>();
  const timers: Timers = {
    setTimeout(fn, ms) {
      const id = next++;
      pending.set(id, { at: now + ms, fn });
      return id;
    },
    clearTimeout(h) {
      pending.delete(h as number);
    },
  };
  async function advance(ms: number) {
    const end = now + ms;
    for (;;) {
      const due = [...pending.entries()].filter(([, t]) => t.at <= end).sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      pending.delete(due[0]);
      now = due[1].at;
      due[1].fn();
      for (let i = 0; i < 10; i++) await Promise.resolve();
    }
    now = end;
  }
  return { timers, advance };
}

function caption(seq: number, kind: LiveEvent['kind'] = 'caption'): LiveEvent {
  const base = { id: `e${seq}`, sessionKey: 's', observedAt: 1000 + seq, seq, source: 'dom' as const, confidence: 0.7 };
  return kind === 'comment'
    ? { ...base, kind: 'comment', payload: { text: `c${seq}` } }
    : { ...base, kind: 'caption', payload: { text: `line ${seq}`, final: true } };
}

describe('Outbox', () => {
  test('batches events and sends them once acknowledged', async () => {
    const { timers, advance } = manualTimers();
    const sent: EventBatch[] = [];
    const box = new Outbox(async (b) => (sent.push(b), { ok: true, batchId: b.batchId, stored: b.events.length, duplicates: 0 }), { flushMs: 100 }, timers);
    box.push(caption(1));
    box.push(caption(2));
    await advance(100);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.events.map((e) => e.id)).toEqual(['e1', 'e2']);
    expect(box.pending()).toBe(0);
    expect(box.acked).toBe(2);
  });

  test('keeps an unacknowledged batch and resends the same events, in order, until the background answers', async () => {
    const { timers, advance } = manualTimers();
    const attempts: string[][] = [];
    let alive = false;
    const box = new Outbox(
      async (b): Promise<EventsAck> => {
        attempts.push(b.events.map((e) => e.id));
        if (!alive) throw new Error('Could not establish connection. Receiving end does not exist.');
        return { ok: true, batchId: b.batchId, stored: b.events.length, duplicates: 0 };
      },
      { flushMs: 10, retryMs: 50 },
      timers,
    );
    box.push(caption(1));
    box.push(caption(2));
    await advance(10);
    expect(box.pending()).toBe(2);
    box.push(caption(3));
    await advance(50);
    alive = true;
    await advance(500);
    expect(box.pending()).toBe(0);
    expect(attempts[0]).toEqual(['e1', 'e2']);
    expect(attempts.at(-1)).toEqual(['e1', 'e2', 'e3']);
    expect(box.acked).toBe(3);
  });

  test('an answer for another batch or an error reply does not count as an acknowledgement', async () => {
    const { timers, advance } = manualTimers();
    let calls = 0;
    const box = new Outbox(
      async (b) => {
        calls++;
        return (calls === 1 ? { ok: false, error: 'invalid' } : { ok: true, batchId: b.batchId, stored: 1, duplicates: 0 }) as EventsAck;
      },
      { flushMs: 1, retryMs: 5 },
      timers,
    );
    box.push(caption(1));
    await advance(100);
    expect(calls).toBe(2);
    expect(box.pending()).toBe(0);
  });

  test('a send that never answers times out and is retried', async () => {
    const { timers, advance } = manualTimers();
    let calls = 0;
    const box = new Outbox(
      (b) => {
        calls++;
        return calls === 1 ? new Promise<EventsAck>(() => undefined) : Promise.resolve({ ok: true, batchId: b.batchId, stored: 1, duplicates: 0 });
      },
      { flushMs: 1, retryMs: 5, ackTimeoutMs: 1000 },
      timers,
    );
    box.push(caption(1));
    await advance(999);
    expect(box.pending()).toBe(1);
    await advance(100);
    expect(calls).toBe(2);
    expect(box.pending()).toBe(0);
  });

  test('while the background is away the queue stays bounded, dropping the oldest comments first', async () => {
    const { timers, advance } = manualTimers();
    const box = new Outbox(async () => Promise.reject(new Error('down')), { flushMs: 1, retryMs: 1000, maxPending: 10 }, timers);
    for (let i = 0; i < 5; i++) box.push(caption(i, 'comment'));
    for (let i = 5; i < 15; i++) box.push(caption(i));
    await advance(1);
    expect(box.pending()).toBe(10);
    expect(box.dropped).toBe(5);
  });
});

/**
 * Content-script side of the event pipe: batches LiveEvents, sends one batch
 * at a time and keeps it until the background acknowledges it. An MV3 service
 * worker can be stopped at any moment; a batch that fails or times out is sent
 * again with the same event ids, and the background's idempotent ingest makes
 * the resend harmless. Pure: the transport and timers are injected.
 */
import type { EventBatch, EventsAck, LiveEvent } from '../protocol/types';

export interface OutboxOptions {
  /** Wait this long for more events before sending a batch. */
  flushMs?: number;
  maxBatch?: number;
  /** Upper bound of events held while the background is unreachable. */
  maxPending?: number;
  /** First retry delay; doubles up to maxRetryMs. */
  retryMs?: number;
  maxRetryMs?: number;
  /** An unanswered send counts as failed after this long. */
  ackTimeoutMs?: number;
}

export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export type Send = (batch: EventBatch) => Promise<EventsAck>;

export class Outbox {
  private queue: LiveEvent[] = [];
  private inFlight: EventBatch | null = null;
  private timer: unknown = null;
  private retryDelay: number;
  private batchCounter = 0;
  private readonly opts: Required<OutboxOptions>;
  /** Events given up because the queue was full (oldest comments first). */
  dropped = 0;
  acked = 0;
  stopped = false;

  constructor(
    private readonly send: Send,
    options: OutboxOptions = {},
    private readonly timers: Timers = globalThis,
    private readonly batchPrefix = randomId(),
  ) {
    this.opts = {
      flushMs: 250,
      maxBatch: 100,
      maxPending: 5000,
      retryMs: 250,
      maxRetryMs: 5000,
      ackTimeoutMs: 10_000,
      ...options,
    };
    this.retryDelay = this.opts.retryMs;
  }

  push(event: LiveEvent): void {
    if (this.stopped) return;
    this.queue.push(event);
    this.enforceBound();
    this.schedule(this.opts.flushMs);
  }

  /** Events not yet acknowledged (queued or in flight). */
  pending(): number {
    return this.queue.length + (this.inFlight?.events.length ?? 0);
  }

  stop(): void {
    this.stopped = true;
    if (this.timer !== null) this.timers.clearTimeout(this.timer);
    this.timer = null;
  }

  private schedule(ms: number): void {
    if (this.timer !== null || this.inFlight !== null || this.stopped) return;
    this.timer = this.timers.setTimeout(() => {
      this.timer = null;
      void this.flush();
    }, ms);
  }

  /** Sends the next batch now (or resends the unacknowledged one). */
  async flush(): Promise<void> {
    if (this.stopped || this.inFlight !== null) return;
    if (this.queue.length === 0) return;
    const events = this.queue.splice(0, this.opts.maxBatch);
    const batch: EventBatch = { batchId: `${this.batchPrefix}-${++this.batchCounter}`, events };
    this.inFlight = batch;
    let ok = false;
    try {
      const ack = await this.withTimeout(this.send(batch));
      ok = ack !== undefined && ack !== null && ack.ok === true && ack.batchId === batch.batchId;
    } catch {
      ok = false;
    }
    this.inFlight = null;
    if (ok) {
      this.acked += events.length;
      this.retryDelay = this.opts.retryMs;
      if (this.queue.length > 0) this.schedule(0);
    } else {
      // Put the batch back in front, in order, and try again later.
      this.queue.unshift(...events);
      this.enforceBound();
      const delay = this.retryDelay;
      this.retryDelay = Math.min(this.retryDelay * 2, this.opts.maxRetryMs);
      this.schedule(delay);
    }
  }

  private withTimeout<T>(p: Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const h = this.timers.setTimeout(() => reject(new Error('ack timeout')), this.opts.ackTimeoutMs);
      p.then(
        (v) => {
          this.timers.clearTimeout(h);
          resolve(v);
        },
        (e: unknown) => {
          this.timers.clearTimeout(h);
          reject(e instanceof Error ? e : new Error(String(e)));
        },
      );
    });
  }

  private enforceBound(): void {
    let excess = this.queue.length - this.opts.maxPending;
    if (excess <= 0) return;
    // Viewer comments are the least valuable evidence: drop the oldest of them first.
    const kept: LiveEvent[] = [];
    for (const e of this.queue) {
      if (excess > 0 && e.kind === 'comment') {
        excess--;
        this.dropped++;
      } else kept.push(e);
    }
    if (excess > 0) {
      this.dropped += excess;
      kept.splice(0, excess);
    }
    this.queue = kept;
  }
}

export function randomId(): string {
  const c = globalThis.crypto;
  if (c && typeof c.randomUUID === 'function') return c.randomUUID();
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}

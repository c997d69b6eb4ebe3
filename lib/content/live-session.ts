/**
 * One visit to one room: turns Observations from every channel into
 * LiveEvents. It
 *  - merges room fields by precedence (network > page state > DOM >
 *    heuristics) and emits the merged room when it changes;
 *  - keeps the product card from the best fresh source: a lower-ranked
 *    reading cannot replace a higher-ranked card seen in the last `holdMs`;
 *  - dedupes text re-rendered in place and recycled virtual-list rows by
 *    content (author + text), remembering the last `commentMemory` keys;
 *  - rate-limits per kind (token buckets), so a flooding page cannot flood the
 *    background, and coalesces captions: interim text is replaced by what
 *    follows within `captionCoalesceMs`, only the latest survives.
 * Pure: the clock, timers and the sink are injected.
 */
import type { LiveEvent, Platform, ProductPayload, RoomPayload } from '../protocol/types';
import type { Observed, RoomFields } from '../platforms/types';
import { RANK } from '../platforms/types';
import { randomId, type Timers } from './outbox';

export interface SessionOptions {
  now?: () => number;
  timers?: Timers;
  holdMs?: number;
  commentMemory?: number;
  /** Sustained comments per second, and the burst allowed. */
  commentsPerSecond?: number;
  commentBurst?: number;
  captionsPerSecond?: number;
  captionCoalesceMs?: number;
  noticesPerSecond?: number;
}

class Bucket {
  private tokens: number;
  private last: number;
  constructor(
    private readonly rate: number,
    private readonly burst: number,
    now: number,
  ) {
    this.tokens = burst;
    this.last = now;
  }
  take(now: number): boolean {
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.rate);
    this.last = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}

type Field = 'roomId' | 'title' | 'host' | 'status' | 'viewers';

export class LiveSession {
  readonly sessionKey: string;
  private seq = 0;
  private room: RoomFields = {};
  private roomRank: Partial<Record<Field, number>> = {};
  private lastRoomKey = '';
  private product: { p: ProductPayload; rank: number; at: number } | null = null;
  private lastProductKey = '';
  private lastProductRank = -1;
  private seen = new Set<string>();
  private lastNotice = '';
  private lastCaption = '';
  private pendingCaption: Observed | null = null;
  private captionTimer: unknown = null;
  private readonly buckets: Record<'comment' | 'caption' | 'notice', Bucket>;
  private readonly o: Required<Omit<SessionOptions, 'now' | 'timers'>>;
  private readonly now: () => number;
  private readonly timers: Timers;
  /** Observations dropped by the rate limits, per kind. */
  readonly dropped = { comment: 0, caption: 0, notice: 0 };
  stopped = false;

  constructor(
    readonly platform: Platform,
    readonly roomKey: string,
    private readonly url: () => string,
    private readonly emit: (e: LiveEvent) => void,
    opts: SessionOptions = {},
  ) {
    this.sessionKey = `${platform}:${roomKey.slice(0, 100)}:${randomId()}`;
    this.now = opts.now ?? Date.now;
    this.timers = opts.timers ?? globalThis;
    this.o = {
      holdMs: 20_000,
      commentMemory: 1000,
      commentsPerSecond: 20,
      commentBurst: 60,
      captionsPerSecond: 4,
      captionCoalesceMs: 600,
      noticesPerSecond: 2,
      ...Object.fromEntries(Object.entries(opts).filter(([k]) => k !== 'now' && k !== 'timers')),
    } as Required<Omit<SessionOptions, 'now' | 'timers'>>;
    const t = this.now();
    this.buckets = {
      comment: new Bucket(this.o.commentsPerSecond, this.o.commentBurst, t),
      caption: new Bucket(this.o.captionsPerSecond, this.o.captionsPerSecond * 2, t),
      notice: new Bucket(this.o.noticesPerSecond, this.o.noticesPerSecond * 3, t),
    };
  }

  observe(ob: Observed): void {
    if (this.stopped) return;
    switch (ob.kind) {
      case 'room':
        return this.onRoom(ob.room, ob);
      case 'product':
        return this.onProduct(ob.product, ob);
      case 'caption':
        return this.onCaption(ob);
      case 'comment': {
        const key = `${ob.text.author ?? ''}\u0000${ob.text.text}`;
        if (this.seen.has(key)) return;
        if (!this.buckets.comment.take(this.now())) {
          this.dropped.comment++;
          return;
        }
        this.remember(key);
        return this.push('comment', ob.text, ob);
      }
      case 'notice':
        if (ob.text.text === this.lastNotice) return;
        if (!this.buckets.notice.take(this.now())) {
          this.dropped.notice++;
          return;
        }
        this.lastNotice = ob.text.text;
        return this.push('notice', ob.text, ob);
      case 'signal':
        return;
    }
  }

  /** Flushes a held caption and stops. */
  stop(): void {
    this.flushCaption();
    this.stopped = true;
  }

  private onRoom(fields: RoomFields, ob: Observed): void {
    const rank = RANK[ob.source];
    let changed = false;
    for (const k of Object.keys(fields) as Field[]) {
      const v = fields[k];
      if (v === undefined || v === '') continue;
      // An end is news from any source; otherwise a lower rank never overrides a higher one.
      const may = (this.roomRank[k] ?? -1) <= rank || (k === 'status' && v === 'ended');
      if (!may || this.room[k] === v) continue;
      (this.room as Record<string, unknown>)[k] = v;
      this.roomRank[k] = rank;
      changed = true;
    }
    if (!changed || (!this.room.title && !this.room.host)) return;
    const payload: RoomPayload = {
      platform: this.platform,
      roomId: this.room.roomId ?? this.roomKey.slice(0, 200),
      title: this.room.title ?? this.room.host ?? '',
      host: this.room.host ?? '',
      url: this.url().slice(0, 2000),
      ...(this.room.status ? { status: this.room.status } : {}),
      ...(this.room.viewers !== undefined ? { viewers: this.room.viewers } : {}),
    };
    const key = JSON.stringify({ ...payload, viewers: undefined });
    // Viewer counts alone change every few seconds: send them at most with other changes.
    if (key === this.lastRoomKey) return;
    this.lastRoomKey = key;
    this.push('room', payload, ob);
  }

  private onProduct(p: ProductPayload, ob: Observed): void {
    const rank = RANK[ob.source];
    const now = this.now();
    const cur = this.product;
    if (cur && rank < cur.rank && now - cur.at < this.o.holdMs) return;
    const key = `${p.title}\u0000${p.price ?? ''}\u0000${p.originalPrice ?? ''}`;
    this.product = { p, rank, at: now };
    // The same card again is not news, unless a more direct source now confirms it (provenance improves once).
    if (key === this.lastProductKey && rank <= this.lastProductRank) return;
    this.lastProductKey = key;
    this.lastProductRank = rank;
    this.push('product', p, ob);
  }

  private onCaption(ob: Extract<Observed, { kind: 'caption' }>): void {
    if (ob.caption.text === this.lastCaption && ob.caption.final) return;
    const held = this.pendingCaption;
    // A new final sentence while another final waits: send the waiting one first.
    if (held && held.kind === 'caption' && held.caption.final && ob.caption.text !== held.caption.text && !ob.caption.text.startsWith(held.caption.text)) {
      this.flushCaption();
    }
    this.pendingCaption = ob;
    if (this.captionTimer === null) {
      this.captionTimer = this.timers.setTimeout(() => {
        this.captionTimer = null;
        this.flushCaption();
      }, this.o.captionCoalesceMs);
    }
  }

  private flushCaption(): void {
    if (this.captionTimer !== null) {
      this.timers.clearTimeout(this.captionTimer);
      this.captionTimer = null;
    }
    const ob = this.pendingCaption;
    this.pendingCaption = null;
    if (!ob || ob.kind !== 'caption' || this.stopped) return;
    if (ob.caption.final && ob.caption.text === this.lastCaption) return;
    if (!this.buckets.caption.take(this.now())) {
      this.dropped.caption++;
      return;
    }
    if (ob.caption.final) this.lastCaption = ob.caption.text;
    this.push('caption', ob.caption, ob);
  }

  private remember(key: string): void {
    this.seen.add(key);
    if (this.seen.size > this.o.commentMemory) {
      const oldest = this.seen.values().next().value;
      if (oldest !== undefined) this.seen.delete(oldest);
    }
  }

  private push<K extends LiveEvent['kind']>(kind: K, payload: Extract<LiveEvent, { kind: K }>['payload'], ob: Observed): void {
    this.emit({
      id: randomId(),
      sessionKey: this.sessionKey,
      observedAt: this.now(),
      seq: this.seq++,
      source: ob.source,
      confidence: ob.confidence,
      kind,
      payload,
    } as LiveEvent);
  }
}

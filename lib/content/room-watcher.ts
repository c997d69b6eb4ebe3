/**
 * Turns successive readings of a room into LiveEvents: emits only what changed,
 * so text re-rendered in place is not sent twice and recycled list rows are
 * recognised by content, not by element. Pure: the reader and clock are injected.
 */
import type { LiveEvent, ProductPayload, RoomPayload } from '../protocol/types';
import { randomId } from './outbox';

export interface RoomReading {
  room: RoomPayload | null;
  product: ProductPayload | null;
  caption: string;
  notice: string;
  comments: { author: string; text: string }[];
}

export interface WatcherOptions {
  source?: LiveEvent['source'];
  confidence?: number;
  /** How many recent comment keys are remembered for de-duplication. */
  commentMemory?: number;
  now?: () => number;
}

export class RoomWatcher {
  private lastRoom = '';
  private lastProduct = '';
  private lastCaption = '';
  private lastNotice = '';
  private seenComments = new Set<string>();
  private seq = 0;
  private readonly source: LiveEvent['source'];
  private readonly confidence: number;
  private readonly commentMemory: number;
  private readonly now: () => number;

  constructor(
    public readonly sessionKey: string,
    opts: WatcherOptions = {},
  ) {
    this.source = opts.source ?? 'dom';
    this.confidence = opts.confidence ?? 0.7;
    this.commentMemory = opts.commentMemory ?? 500;
    this.now = opts.now ?? Date.now;
  }

  /** Events for what changed since the previous reading. */
  diff(r: RoomReading): LiveEvent[] {
    const out: LiveEvent[] = [];
    if (r.room) {
      const key = JSON.stringify(r.room);
      if (key !== this.lastRoom) {
        this.lastRoom = key;
        out.push(this.event('room', r.room));
      }
    }
    if (r.product) {
      const key = JSON.stringify(r.product);
      if (key !== this.lastProduct) {
        this.lastProduct = key;
        out.push(this.event('product', r.product));
      }
    }
    if (r.caption && r.caption !== this.lastCaption) {
      this.lastCaption = r.caption;
      out.push(this.event('caption', { text: r.caption, final: true }));
    }
    if (r.notice && r.notice !== this.lastNotice) {
      this.lastNotice = r.notice;
      out.push(this.event('notice', { text: r.notice }));
    }
    for (const c of r.comments) {
      const key = `${c.author}\u0000${c.text}`;
      if (this.seenComments.has(key)) continue;
      this.seenComments.add(key);
      if (this.seenComments.size > this.commentMemory) {
        const oldest = this.seenComments.values().next().value;
        if (oldest !== undefined) this.seenComments.delete(oldest);
      }
      out.push(this.event('comment', c.author ? { text: c.text, author: c.author } : { text: c.text }));
    }
    return out;
  }

  private event<K extends LiveEvent['kind']>(kind: K, payload: Extract<LiveEvent, { kind: K }>['payload']): LiveEvent {
    return {
      id: randomId(),
      sessionKey: this.sessionKey,
      observedAt: this.now(),
      seq: this.seq++,
      source: this.source,
      confidence: this.confidence,
      kind,
      payload,
    } as LiveEvent;
  }
}

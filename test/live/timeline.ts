/** Scripted timelines for the time-aware checks: events at given minutes, run through liveCheck in order. */
import { createLiveState, liveCheck, type LiveFinding, type LiveSettings, type LiveState, type RoomMemory } from '../../lib/live/check';
import type { LiveEvent, ProductPayload } from '../../lib/protocol/types';

export const T0 = Date.parse('2026-11-23T20:00:00+08:00');
export const MIN = 60_000;

export type Step =
  | { at: number; room: { viewers?: number; roomId?: string } }
  | { at: number; product: ProductPayload }
  | { at: number; say: string; channel?: 'caption' | 'notice' | 'overlay' | 'comment' };

let n = 0;

export function toEvents(steps: Step[], sessionKey = 's1', t0 = T0): LiveEvent[] {
  return steps.map((st, seq) => {
    const base = { id: `e${++n}`, sessionKey, seq, observedAt: t0 + st.at, source: 'dom' as const, confidence: 0.7 };
    if ('room' in st) return { ...base, kind: 'room', payload: { platform: 'demo', roomId: st.room.roomId ?? 'r1', title: '直播间', host: '主播', url: 'http://127.0.0.1/', ...(st.room.viewers !== undefined ? { viewers: st.room.viewers } : {}) } };
    if ('product' in st) return { ...base, kind: 'product', payload: st.product };
    const channel = st.channel ?? 'caption';
    if (channel === 'caption') return { ...base, kind: 'caption', payload: { text: st.say, final: true } };
    return { ...base, kind: channel, payload: { text: st.say } };
  });
}

export function run(steps: Step[], opts: { settings?: Partial<LiveSettings>; roomMemory?: RoomMemory; state?: LiveState; sessionKey?: string; t0?: number } = {}) {
  let state = opts.state ?? createLiveState();
  let roomMemory = opts.roomMemory;
  const findings: LiveFinding[] = [];
  const events = toEvents(steps, opts.sessionKey, opts.t0);
  for (const e of events) {
    const r = liveCheck(state, e, { ...(opts.settings ? { settings: opts.settings } : {}), ...(roomMemory ? { roomMemory } : {}) });
    state = r.state;
    if (r.roomMemory) roomMemory = r.roomMemory;
    findings.push(...r.findings);
  }
  return { findings, state, roomMemory, events, rules: findings.map((f) => f.ruleId) };
}

export const card = (price: number, extra: Partial<ProductPayload> = {}): ProductPayload => ({ title: '玻尿酸修护面霜 50g', productId: 'sku-1', price, originalPrice: 399, ...extra });

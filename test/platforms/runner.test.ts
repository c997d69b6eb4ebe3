// @vitest-environment happy-dom
/**
 * The platform runner in a DOM: page state, DOM readings and tapped network
 * copies go through one session; SPA navigation starts a new one.
 */
import { afterEach, expect, test } from 'vitest';
import { runPlatformReader, type RunningPlatform } from '../../lib/content/platform-run';
import { douyin } from '../../lib/platforms/adapters/douyin';
import { tiktok } from '../../lib/platforms/adapters/tiktok';
import type { TapMessage } from '../../lib/platforms/types';
import type { EventBatch, LiveEvent } from '../../lib/protocol/types';
import { chat, pushFrame } from './encode';

let reader: RunningPlatform | null = null;
afterEach(() => reader?.stop());

function start(adapter: typeof douyin, href: { v: string }) {
  const sent: LiveEvent[] = [];
  let deliver: (m: TapMessage) => void = () => undefined;
  reader = runPlatformReader({
    doc: document,
    url: () => href.v,
    adapter,
    throttleMs: 20,
    send: async (b: EventBatch) => {
      sent.push(...b.events);
      return { ok: true, batchId: b.batchId, stored: b.events.length, duplicates: 0 };
    },
    tap: { subscribe: (fn) => (deliver = fn) },
  });
  return { sent, tap: (m: TapMessage) => deliver(m) };
}

async function until(check: () => boolean) {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 20));
  expect(check()).toBe(true);
}

const card = (price: string) =>
  `<div data-e2e="__e_commerce__"><span>示例品牌 保温杯 500ml</span><span>讲解中</span><span>¥${price}</span><del>¥99</del></div>`;

test('DOM and WebSocket copies feed one session; pushState to another room starts a new one', async () => {
  document.body.innerHTML = `<div data-e2e="live-room-nickname">示例主播</div>${card('59.9')}`;
  const href = { v: 'https://www.douyin.com/follow/live/7012345680' };
  const { sent, tap } = start(douyin, href);
  await reader!.outbox.flush();
  tap({ ch: 'ws', url: 'wss://webcast5-ws-web-lf.douyin.com/webcast/im/push/v2/?x=1', body: pushFrame([chat('观众甲', '有大码吗')]).slice().buffer });
  // A tapped URL outside the adapter's mappers is ignored.
  tap({ ch: 'ws', url: 'wss://other.example/socket', body: pushFrame([chat('观众乙', '不该出现')]).slice().buffer });
  await until(() => sent.some((e) => e.kind === 'comment'));
  const first = new Set(sent.map((e) => e.sessionKey));
  expect(first.size).toBe(1);
  expect(sent.map((e) => [e.kind, e.source])).toEqual([
    ['room', 'dom'],
    ['product', 'dom'],
    ['comment', 'ws'],
  ]);

  href.v = 'https://www.douyin.com/follow/live/7012345681';
  document.querySelector('[data-e2e="live-room-nickname"]')!.textContent = '另一位主播';
  await until(() => new Set(sent.map((e) => e.sessionKey)).size === 2);
  const next = sent.filter((e) => !first.has(e.sessionKey));
  expect(next[0]).toMatchObject({ kind: 'room', payload: { host: '另一位主播', roomId: '7012345681' } });
  expect(texts(sent)).not.toContain('不该出现');
});

test('page state is read at start with source "state"', async () => {
  document.head.innerHTML = '<script id="SIGI_STATE" type="application/json">{"LiveRoom":{"liveRoomUserInfo":{"user":{"nickname":"示例主播","roomId":"74"}}}}</script>';
  document.body.innerHTML = '<span data-e2e="room-header-anchor-name">示例主播</span>';
  const { sent } = start(tiktok, { v: 'https://www.tiktok.com/@demo/live' });
  await until(() => sent.some((e) => e.kind === 'room'));
  expect(sent[0]).toMatchObject({ kind: 'room', source: 'state', confidence: 0.9, payload: { platform: 'tiktok', roomId: '74', host: '示例主播' } });
});

const texts = (evs: LiveEvent[]) => evs.map((e) => (e.payload as { text?: string }).text).filter(Boolean);

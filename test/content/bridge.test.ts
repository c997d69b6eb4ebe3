// @vitest-environment happy-dom
/**
 * The ISOLATED side of the tap's channel: the first handshake port is accepted, later ones are spoofs, and the
 * bridge accepted at document_start is handed to the reader that starts later (once).
 */
import { expect, test } from 'vitest';
import { HANDSHAKE_KEY, acceptTapPort, parkTapBridge, takeTapBridge, type TapBridge } from '../../lib/content/bridge';
import type { TapMessage } from '../../lib/platforms/types';

function handshake(win: Window, port: MessagePort) {
  win.dispatchEvent(new MessageEvent('message', { data: { [HANDSHAKE_KEY]: 1 }, source: win, ports: [port] }));
}

test('the first handshake port is accepted, later ones are counted as spoofs, data comes only over the port', async () => {
  const bridge = acceptTapPort(window);
  const genuine = new MessageChannel();
  const spoof = new MessageChannel();
  handshake(window, genuine.port2);
  handshake(window, spoof.port2);
  expect(bridge.connected()).toBe(true);
  expect(bridge.spoofs()).toBe(1);

  const got: TapMessage[] = [];
  genuine.port1.postMessage({ ch: 'http', url: 'https://live.douyin.com/webcast/im/fetch/', body: 'early' });
  genuine.port1.postMessage({ ch: 'nope' });
  spoof.port1.postMessage({ ch: 'http', url: 'https://live.douyin.com/webcast/im/fetch/', body: '伪造' });
  window.postMessage({ ch: 'http', url: 'https://live.douyin.com/webcast/im/fetch/', body: '伪造' }, '*');
  await new Promise((r) => setTimeout(r, 50));
  // Messages that arrived before anyone subscribed are delivered first.
  bridge.subscribe((m) => got.push(m));
  genuine.port1.postMessage({ ch: 'ws', url: 'wss://x/webcast/im/push/', body: 'late' });
  await new Promise((r) => setTimeout(r, 50));
  expect(got.map((m) => m.body)).toEqual(['early', 'late']);
  expect(bridge.rejected()).toBe(1);
  bridge.close();
  genuine.port1.close();
  spoof.port1.close();
});

test('a bridge parked at document_start is taken once by the reader; none parked gives null', () => {
  const scope = {};
  expect(takeTapBridge(scope)).toBeNull();
  const bridge = { close() {} } as unknown as TapBridge;
  parkTapBridge(scope, bridge);
  expect(takeTapBridge(scope)).toBe(bridge);
  expect(takeTapBridge(scope)).toBeNull();
});

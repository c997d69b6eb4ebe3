/**
 * The usual e2e set-up: the demo server and a Chromium with the extension,
 * started once per file; at the end, the no-network check every e2e run makes.
 */
import { afterAll, beforeAll, expect } from 'vitest';
import { startDemoServer, type DemoServer } from '../demo-room/server';
import { launchWithExtension, selfSignedCert, type ExtensionBrowser } from './harness';

/** `hosts`: serve HTTPS (a throw-away certificate) and map these host names to the demo server. */
export function demoSession(opts: { hosts?: string[] } = {}): { demo: DemoServer; browser: ExtensionBrowser } {
  const s = {} as { demo: DemoServer; browser: ExtensionBrowser };
  beforeAll(async () => {
    const hosts = opts.hosts ?? [];
    s.demo = await startDemoServer(0, hosts.length ? { https: selfSignedCert(hosts) } : {});
    s.browser = await launchWithExtension(hosts.length ? { mapHosts: { hosts, port: Number(new URL(s.demo.origin).port) } } : {});
  });
  afterAll(async () => {
    const off = s.browser?.offMachine() ?? [];
    await s.browser?.close();
    await s.demo?.close();
    expect(off, `requests off the machine: ${JSON.stringify(off)}`).toEqual([]);
  });
  return s;
}

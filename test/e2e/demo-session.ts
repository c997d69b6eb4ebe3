/**
 * The usual e2e set-up: the demo server and a Chromium with the extension,
 * started once per file; at the end, the no-network check every e2e run makes.
 */
import { afterAll, beforeAll, expect } from 'vitest';
import { startDemoServer, type DemoServer } from '../demo-room/server';
import { launchWithExtension, type ExtensionBrowser } from './harness';

export function demoSession(): { demo: DemoServer; browser: ExtensionBrowser } {
  const s = {} as { demo: DemoServer; browser: ExtensionBrowser };
  beforeAll(async () => {
    s.demo = await startDemoServer();
    s.browser = await launchWithExtension();
  });
  afterAll(async () => {
    const off = s.browser?.offMachine() ?? [];
    await s.browser?.close();
    await s.demo?.close();
    expect(off, `requests off the machine: ${JSON.stringify(off)}`).toEqual([]);
  });
  return s;
}

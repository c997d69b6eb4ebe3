/**
 * `npm start`: serves the demo live room, opens Chromium with the built
 * extension on it and shows what the extension sees. With a display it opens
 * a normal window (and the popup in a second tab) and runs until you close it;
 * without one (no DISPLAY / WAYLAND_DISPLAY) it runs headless for about 30
 * seconds and prints the run in the terminal.
 */
import { startDemoServer } from '../test/demo-room/server';
import { launchWithExtension } from '../test/e2e/harness';
import type { TabState } from '../lib/evidence/store';
import { formatLegalRefs } from '../lib/legal';

const headless = !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY;
const seconds = Number(process.env.LIVEPROOF_DEMO_SECONDS ?? 30);

async function main(): Promise<void> {
  const demo = await startDemoServer();
  let browser;
  try {
    browser = await launchWithExtension({ headless });
  } catch (e) {
    console.error(String(e instanceof Error ? e.message : e));
    await demo.close();
    process.exit(1);
  }
  const url = demo.roomUrl('default');
  console.log(`LiveProof 直播取证 — demo room at ${url}`);
  console.log(headless ? `No display: running headless for ${seconds} s.\n` : 'Close the browser window to stop.\n');

  const room = await browser.context.newPage();
  await room.goto(url);
  const tabId = await browser.tabIdOf(url);
  const popup = await browser.openPopup(tabId);
  await room.bringToFront();

  const query = () =>
    popup.evaluate(
      (id) => (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }).chrome.runtime.sendMessage({ type: 'tabState', tabId: id }),
      tabId,
    ) as Promise<TabState>;

  if (!headless) {
    await new Promise<void>((done) => browser.context.on('close', () => done()));
    await demo.close();
    return;
  }

  const printed = new Set<string>();
  let last: TabState | null = null;
  const started = Date.now();
  while (Date.now() - started < seconds * 1000) {
    await new Promise((r) => setTimeout(r, 1000));
    last = await query();
    const t = Math.round((Date.now() - started) / 1000);
    for (const f of [...last.findings].reverse()) {
      if (printed.has(f.id)) continue;
      printed.add(f.id);
      console.log(`  [${t}s] ⚠ ${f.severity} ${f.category} 「${f.match}」 in “${f.text}” — ${formatLegalRefs(f.legalBasis)}`);
    }
    process.stdout.write(`  [${t}s] events stored: ${last.eventCount}, findings: ${last.findingCount}\r`);
  }
  console.log('\n\nRun summary');
  if (last?.session) {
    const s = last.session;
    console.log(`  room: ${s.title} (${s.platform} ${s.roomId}), host ${s.host}`);
    if (s.product) console.log(`  product on the card: ${s.product.title} ¥${s.product.price ?? '?'} (原价 ¥${s.product.originalPrice ?? '?'})`);
    console.log(`  events that reached the background: ${last.eventCount}`);
    console.log(`  findings: ${last.findingCount}`);
    console.log(`  evidence snapshots (with screenshots, hash-chained): ${last.snapshotCount}`);
  } else {
    console.log('  the extension recorded nothing: is the build current? (npm run build)');
  }
  const off = browser.offMachine();
  console.log(`  requests off this machine: ${off.length}`);
  await browser.close();
  await demo.close();
  process.exit(last?.session && off.length === 0 ? 0 : 1);
}

void main();

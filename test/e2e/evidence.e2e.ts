/**
 * Evidence in the real browser: a demo-room violation produces an automatic
 * snapshot with a real screenshot (tabs.captureVisibleTab), chained and
 * verifiable; "capture now" adds a manual one.
 */
import { createHash } from 'node:crypto';
import { expect, test } from 'vitest';
import { demoSession } from './demo-session';
import { readStore, sendFromExtensionPage } from './extension-page';

const lp = demoSession();

test('a critical finding in the demo room is kept as a snapshot with a screenshot, the card, the room and the captions before it', async () => {
  const page = await lp.browser.context.newPage();
  const url = lp.demo.roomUrl('quick');
  await page.goto(url);
  await page.waitForSelector('html[data-scenario-done="1"]', { state: 'attached' });
  const tabId = await lp.browser.tabIdOf(url);
  const ext = await lp.browser.openPopup(tabId);

  await expect
    .poll(async () => ((await sendFromExtensionPage(ext, { type: 'tabState', tabId })) as { snapshotCount: number }).snapshotCount, { timeout: 30_000 })
    .toBeGreaterThanOrEqual(1);

  const { snapshots, blobs, chain } = await readStore(ext);
  const auto = snapshots.find((s) => s.content?.trigger === 'auto')!;
  expect(auto).toBeDefined();
  const c = auto.content!;
  expect(c.findings.some((f) => f.severity === 'critical' || f.severity === 'high')).toBe(true);
  expect(c.room).toMatchObject({ platform: 'demo', roomId: 'demo-quick', title: '测试直播间', host: '测试主播' });
  expect(c.product).toMatchObject({ title: '玻尿酸修护面霜 50g', price: 99, originalPrice: 399, shop: '测试旗舰店' });
  expect(c.captions.map((x) => x.text)).toContain('欢迎来到直播间，新来的朋友点点关注');
  expect(c.capturedAt).toMatch(/T\d\d:\d\d:\d\d\.\d{3}[+-]\d\d:\d\d$/);
  expect(c.versions.browser).toMatch(/Chrome/);
  // The screenshot is a real PNG of the room, and its hash is what the record says.
  expect(c.screenshotNote ?? null).toBeNull();
  expect(c.screenshot).not.toBeNull();
  const blob = blobs.find((b) => b.sha256 === c.screenshot!.sha256)!;
  const bytes = Buffer.from(blob.data, 'base64');
  expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
  expect(bytes.length).toBeGreaterThan(5_000);
  expect(createHash('sha256').update(bytes).digest('hex')).toBe(c.screenshot!.sha256);
  expect(chain.length).toBe(snapshots.length);

  expect(await sendFromExtensionPage(ext, { type: 'verifyChain' })).toMatchObject({ ok: true });
  await ext.close();
  await page.close();
});

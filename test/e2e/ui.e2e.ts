/**
 * Popup and dashboard in the real browser, in zh-CN and English, and the
 * complaint bundle end to end: demo-room violations → export from the
 * dashboard → `liveproof verify` passes; one flipped byte fails and is named;
 * importing the bundle into a fresh profile shows the same findings.
 * Screenshots go to test-results/screenshots/ for people to look at.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { unzipSync } from 'fflate';
import { beforeAll, expect, test } from 'vitest';
import { demoSession } from './demo-session';
import { launchWithExtension } from './harness';

const SHOTS = resolve(import.meta.dirname, '../../test-results/screenshots');
const CLI = resolve(import.meta.dirname, '../../bin/liveproof.mjs');
const lp = demoSession();
let bundlePath = '';

beforeAll(() => {
  mkdirSync(SHOTS, { recursive: true });
});
test('the popup shows findings with legal basis in Chinese, and in English on request', async () => {
  const page = await lp.browser.context.newPage();
  const url = lp.demo.roomUrl('quick');
  await page.goto(url);
  await page.waitForSelector('html[data-scenario-done="1"]', { state: 'attached' });
  const tabId = await lp.browser.tabIdOf(url);
  const popup = await lp.browser.openPopup(tabId);
  await popup.setViewportSize({ width: 400, height: 900 });
  await expect.poll(() => popup.locator('[data-category="medical_claims_nonmedical"]').count(), { timeout: 30_000 }).toBeGreaterThan(0);
  await expect.poll(() => popup.getByTestId('snapshot-count').textContent(), { timeout: 30_000 }).not.toBe('0');
  const zh = await popup.locator('main').innerText();
  expect(zh).toContain('治疗湿疹');
  expect(zh).toContain('非医疗商品宣称治病');
  expect(zh).toMatch(/广告法第17条/);
  expect(zh).toContain('涉嫌');
  // The viewer's comment "真的是全网最低价吗" is never the advertiser's claim.
  expect(await popup.locator('.quote', { hasText: '真的是全网最低价吗' }).count()).toBe(0);
  await popup.screenshot({ path: join(SHOTS, 'popup-zh.png'), fullPage: true });

  await popup.getByRole('button', { name: 'English' }).click();
  await expect.poll(() => popup.locator('h1').textContent()).toBe('LiveProof 直播取证');
  const en = await popup.locator('main').innerText();
  expect(en).toContain('Medical claims for non-medical goods');
  expect(en).toContain('Capture now');
  await popup.screenshot({ path: join(SHOTS, 'popup-en.png'), fullPage: true });

  // Capture now adds a manual snapshot.
  const before = Number(await popup.getByTestId('snapshot-count').textContent());
  await popup.getByTestId('capture-now').click();
  await expect.poll(async () => Number(await popup.getByTestId('snapshot-count').textContent()), { timeout: 30_000 }).toBe(before + 1);
  await popup.getByRole('button', { name: '中文' }).click();
  await popup.close();
  await page.close();
});

test('the dashboard lists the session, shows its timeline and snapshots, and exports a bundle the CLI verifies', async () => {
  const dash = await lp.browser.context.newPage();
  await dash.setViewportSize({ width: 1280, height: 900 });
  await dash.goto(`chrome-extension://${lp.browser.extensionId}/dashboard.html`);
  await dash.getByTestId('session-row').first().waitFor();
  await dash.screenshot({ path: join(SHOTS, 'dashboard-zh.png'), fullPage: true });
  await dash.getByTestId('session-row').first().click();
  await dash.getByTestId('snapshot').first().waitFor();
  expect(await dash.locator('.tl mark').count()).toBeGreaterThan(0);
  await dash.screenshot({ path: join(SHOTS, 'dashboard-session-zh.png'), fullPage: true });

  const download = dash.waitForEvent('download');
  await dash.getByTestId('export-session').click();
  const file = await download;
  const dir = mkdtempSync(join(tmpdir(), 'liveproof-bundle-'));
  bundlePath = join(dir, file.suggestedFilename());
  await file.saveAs(bundlePath);

  const ok = spawnSync(process.execPath, [CLI, 'verify', bundlePath], { encoding: 'utf8' });
  expect(ok.status, ok.stdout + ok.stderr).toBe(0);

  // One flipped byte in the middle of the file: verify fails and names what broke.
  const bytes = readFileSync(bundlePath);
  const bad = Buffer.from(bytes);
  const at = Math.floor(bad.length / 2);
  bad[at] = bad[at]! ^ 0xff;
  const badPath = join(dir, 'tampered.zip');
  writeFileSync(badPath, bad);
  const fail = spawnSync(process.execPath, [CLI, 'verify', badPath], { encoding: 'utf8' });
  expect(fail.status).not.toBe(0);
  expect(fail.stdout + fail.stderr).toMatch(/\S+/);

  // English dashboard.
  await dash.getByTestId('tab-settings').click();
  await dash.locator('select').filter({ hasText: 'English' }).selectOption('en');
  await dash.getByRole('button', { name: '保存' }).click();
  await expect.poll(() => dash.locator('h1').textContent()).toBe('LiveProof · Dashboard');
  await dash.getByTestId('tab-sessions').click();
  await dash.screenshot({ path: join(SHOTS, 'dashboard-en.png'), fullPage: true });
  await dash.close();
});

test('report.html prints to an A4 PDF with nothing cut off', async () => {
  expect(bundlePath).not.toBe('');
  const files = unzipSync(new Uint8Array(readFileSync(bundlePath)));
  const html = new TextDecoder().decode(files['report.html']);
  expect(html).toContain('治疗湿疹');
  const page = await lp.browser.context.newPage();
  await page.setContent(html, { waitUntil: 'load' });
  await page.emulateMedia({ media: 'print' });
  // A4 at 96 dpi minus default margins: nothing may be wider than the printable width.
  await page.setViewportSize({ width: 718, height: 1000 });
  const overflow = await page.evaluate(() =>
    [...document.querySelectorAll('body *')]
      .filter((el) => el.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
      .map((el) => `${el.tagName}.${el.className}`),
  );
  expect(overflow).toEqual([]);
  const pdf = await page.pdf({ format: 'A4', printBackground: true });
  expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  writeFileSync(join(SHOTS, 'report.pdf'), pdf);
  await page.close();
});

test('importing the bundle into a fresh profile shows the same findings', async () => {
  expect(bundlePath).not.toBe('');
  const fresh = await launchWithExtension();
  try {
    const dash = await fresh.context.newPage();
    await dash.setViewportSize({ width: 1280, height: 900 });
    await dash.goto(`chrome-extension://${fresh.extensionId}/dashboard.html`);
    await dash.getByTestId('tab-import').click();
    await dash.getByTestId('import-file').setInputFiles(bundlePath);
    await expect.poll(() => dash.getByTestId('import-result').textContent(), { timeout: 30_000 }).toMatch(/已导入/);
    await dash.getByTestId('snapshot').first().waitFor();
    const text = await dash.getByTestId('imported').innerText();
    expect(text).toContain('非医疗商品宣称治病');
    expect(text).toContain('治疗湿疹');
    await dash.screenshot({ path: join(SHOTS, 'dashboard-imported-zh.png'), fullPage: true });

    // A tampered bundle is refused and nothing is kept.
    const bad = Buffer.from(readFileSync(bundlePath));
    const mid = Math.floor(bad.length / 2);
    bad[mid] = bad[mid]! ^ 0xff;
    const badPath = bundlePath.replace(/\.zip$/, '-bad.zip');
    writeFileSync(badPath, bad);
    const count = await dash.getByTestId('snapshot').count();
    await dash.getByTestId('import-file').setInputFiles(badPath);
    await expect.poll(() => dash.getByTestId('import-result').textContent(), { timeout: 30_000 }).toMatch(/导入失败/);
    expect(await dash.getByTestId('snapshot').count()).toBe(count);
    expect(fresh.offMachine()).toEqual([]);
  } finally {
    await fresh.close();
  }
});

/**
 * The user's own terms: added in the dashboard (validated, with a preview), they are flagged in the live room
 * by the background as user-defined findings ("needs facts"), in captions but never in viewer comments.
 */
import { expect, test } from 'vitest';
import { demoSession } from './demo-session';

const lp = demoSession();

type Row = { ruleId: string; match: string; status: string; channel: string; category: string; explanation: { zh: string } };

test('add own terms in the dashboard, preview them, and see them flagged in the room', async () => {
  const { browser, demo } = lp;
  const dash = await browser.context.newPage();
  await dash.goto(`chrome-extension://${browser.extensionId}/dashboard.html`);
  await dash.getByTestId('tab-lexicon').click();
  const box = dash.getByTestId('custom-terms');
  await expect.poll(() => box.isVisible(), { timeout: 15_000 }).toBe(true);

  // "成分表" (said by the host in the demo room) and "油皮" (only in a viewer comment there)
  await dash.getByTestId('custom-term').fill('成分表');
  await dash.getByTestId('custom-term-category').selectOption('unverified_data_citation');
  await box.getByRole('button', { name: '添加' }).click();
  await dash.getByTestId('custom-term').fill('油皮');
  await box.getByRole('button', { name: '添加' }).click();
  // the same term again, spaced: refused with a reason, nothing added
  await dash.getByTestId('custom-term').fill('成 分 表');
  await box.getByRole('button', { name: '添加' }).click();
  await expect.poll(() => box.getByRole('alert').textContent(), { timeout: 10_000 }).toBe('这个词已在列表中。');
  await expect.poll(async () => (await box.locator('li').allTextContents()).length).toBe(2);

  // the preview shows the hit with what it is
  await dash.locator('textarea').fill('包装上有成分錶，大家看一下');
  await expect.poll(() => dash.locator('ul[aria-live] li').allTextContents(), { timeout: 10_000 }).toEqual([
    expect.stringContaining('「成分錶」'),
  ]);

  // saved for the background (extension storage) before the room starts
  await expect
    .poll(() =>
      dash.evaluate(async () => {
        const v = (await (globalThis as unknown as { chrome: { storage: { local: { get(k: string): Promise<Record<string, { customTerms?: { term: string }[] }>> } } } }).chrome.storage.local.get('settings')).settings;
        return (v?.customTerms ?? []).map((c) => c.term);
      }),
    )
    .toEqual(['成分表', '油皮']);
  const page = await browser.context.newPage();
  // at speed 2 a caption stays up 0.75 s (a real host's pace is slower); at 20× captions replace each other faster
  // than a reader that batches DOM changes sees every one of them
  await page.goto(demo.roomUrl('default', { speed: 2 }));
  await page.waitForSelector('html[data-scenario-done="1"]', { state: 'attached', timeout: 60_000 });
  const readFindings = () =>
    dash.evaluate(
      () =>
        new Promise<Row[]>((ok, fail) => {
          const req = indexedDB.open('liveproof');
          req.onerror = () => fail(req.error);
          req.onsuccess = () => {
            const all = req.result.transaction('findings').objectStore('findings').getAll();
            all.onsuccess = () => ok(all.result as Row[]);
            all.onerror = () => fail(all.error);
          };
        }),
    );
  await expect.poll(async () => (await readFindings()).filter((f) => f.ruleId.startsWith('custom:')).map((f) => f.match), { timeout: 30_000 }).toEqual(['成分表']);
  const own = (await readFindings()).find((f) => f.ruleId.startsWith('custom:'))!;
  expect(own).toMatchObject({ status: 'needs_facts', category: 'unverified_data_citation', channel: 'caption' });
  expect(own.explanation.zh).toContain('用户自定义词');
  // the lexicon's own findings are still there
  await expect.poll(async () => (await readFindings()).some((f) => f.ruleId.startsWith('abs.')), { timeout: 30_000 }).toBe(true);
});

/**
 * Time-aware checks in the real browser: the demo room plays a 19-minute
 * session (test/demo-room/scenarios/time-aware.json) at 60× speed; the live
 * settings are scaled by the same factor (meta.liveSettings), and the room's
 * memory holds a "仅限今天" from yesterday. Every live.* finding must be stored
 * with its evidence timeline, and the room memory must gain today.
 */
import type { Page } from 'playwright-core';
import { expect, test } from 'vitest';
import type { FindingRow, RoomRow, SessionRow } from '../../lib/evidence/db';
import { DEFAULT_LIVE_SETTINGS, dayOf, isoAt, type RoomMemory } from '../../lib/live/check';
import { demoSession } from './demo-session';
import { sendFromExtensionPage } from './extension-page';

const SPEED = 60;
const ROOM_KEY = 'demo:demo-timeaware';
const lp = demoSession();

/** Writes rows into the extension's real IndexedDB (opened at its current version by the background). */
function put(page: Page, rows: { store: string; value: unknown }[]): Promise<void> {
  return page.evaluate(
    (rs) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('liveproof');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction([...new Set(rs.map((r) => r.store))], 'readwrite');
          for (const r of rs) tx.objectStore(r.store).put(r.value);
          tx.oncomplete = () => (db.close(), resolve());
          tx.onerror = () => reject(tx.error);
        };
      }),
    rows,
  );
}

function readAll(page: Page): Promise<{ findings: FindingRow[]; rooms: RoomRow[]; sessions: SessionRow[] }> {
  return page.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open('liveproof');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction(['findings', 'rooms', 'sessions'], 'readonly');
          const all = (name: string) => new Promise<unknown[]>((ok) => {
            const r = tx.objectStore(name).getAll();
            r.onsuccess = () => ok(r.result as unknown[]);
          });
          void Promise.all([all('findings'), all('rooms'), all('sessions')]).then(([findings, rooms, sessions]) => {
            db.close();
            resolve({ findings, rooms, sessions } as never);
          });
        };
      }),
  );
}

const EXPECTED = [
  'live.price_mismatch_card',
  'live.original_price_mismatch',
  'live.original_price_inconsistent',
  'live.lowest_price_contradicted',
  'live.scarcity_repeated',
  'live.scarcity_count_reset',
  'live.countdown_reset',
  'live.sales_claim_contradicted',
  'live.viewer_claim_contradicted',
  'live.stock_claim_contradicted',
  'live.material_contradicted',
  'live.origin_unverified',
  'live.today_only_repeated_days',
];

test('each time-aware check fires in the demo room and is stored with its evidence timeline', async () => {
  // The background opens (and creates) the database on the first message; then seed settings and yesterday's visit.
  const ext = await lp.browser.openPopup(0);
  await sendFromExtensionPage(ext, { type: 'tabState', tabId: 0 });
  await expect.poll(() => ext.evaluate(async () => (await indexedDB.databases()).find((d) => d.name === 'liveproof')?.version ?? 0)).toBeGreaterThanOrEqual(30);
  const scaled = {
    scarcityMinSpanMs: DEFAULT_LIVE_SETTINGS.scarcityMinSpanMs / SPEED,
    cardGraceMs: DEFAULT_LIVE_SETTINGS.cardGraceMs / SPEED,
    countdownToleranceMs: DEFAULT_LIVE_SETTINGS.countdownToleranceMs / SPEED,
  };
  const yesterdayMs = Date.now() - 24 * 3600_000;
  const yesterday = dayOf(yesterdayMs, DEFAULT_LIVE_SETTINGS.tzOffsetMinutes);
  const memory: RoomMemory = { v: 1, todayOnly: [{ day: yesterday, observedAt: yesterdayMs, at: isoAt(yesterdayMs, 480), text: '仅限今天，错过再等一年', eventId: 'yesterday-1', sessionKey: 'yesterday' }] };
  await put(ext, [
    { store: 'meta', value: { key: 'liveSettings', value: scaled } },
    { store: 'rooms', value: { key: ROOM_KEY, memory, updatedAt: yesterdayMs } },
  ]);

  const page = await lp.browser.context.newPage();
  const url = lp.demo.roomUrl('time-aware', { speed: SPEED });
  await page.goto(url);
  await page.waitForSelector('html[data-scenario-done="1"]', { state: 'attached', timeout: 60_000 });

  await expect
    .poll(async () => [...new Set((await readAll(ext)).findings.map((f) => f.ruleId).filter((id) => id.startsWith('live.')))].sort(), { timeout: 20_000 })
    .toEqual([...EXPECTED].sort());

  const { findings, rooms, sessions } = await readAll(ext);
  const session = sessions.find((s) => s.roomId === 'demo-timeaware')!;
  expect(session.live).toBeDefined();
  const live = findings.filter((f) => f.ruleId.startsWith('live.'));
  for (const f of live) {
    expect(f.sessionKey).toBe(session.key);
    expect(f.explanation.zh).toMatch(/^涉嫌/);
    expect(f.legalBasis.length).toBeGreaterThan(0);
    expect(f.text.slice(f.start, f.end)).toBe(f.match);
    expect(f.evidence!.length).toBeGreaterThanOrEqual(2);
    for (const e of f.evidence!) expect(e.at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+08:00$/);
    const times = f.evidence!.map((e) => e.observedAt);
    expect(times).toEqual([...times].sort((a, b) => a - b));
  }
  const one = (id: string) => live.find((f) => f.ruleId === id)!;

  // (a) said 99, the card said 129 and never changed to it
  const price = one('live.price_mismatch_card');
  expect(price).toMatchObject({ match: '只要99', category: 'price_fraud', status: 'suspected', severity: 'high' });
  expect(price.evidence!.find((e) => e.note === 'card when said')!.card).toMatchObject({ productId: 'sku-ta1', price: 129 });
  // (b), (c) 原价599 against the card's 399, then 原价399
  expect(one('live.original_price_mismatch').evidence!.map((e) => e.card?.originalPrice ?? e.claim?.value)).toEqual(expect.arrayContaining([399, 599]));
  expect(one('live.original_price_inconsistent').evidence!.map((e) => e.claim!.raw)).toEqual(['原价599', '原价399']);
  // (d) 全网最低价 at 129, later 79 on the card
  expect(one('live.lowest_price_contradicted').evidence!.map((e) => e.card?.price ?? e.claim?.raw)).toEqual([129, '全网最低价', 79]);
  // (e) the same pressure three times over 11.5 scenario minutes; the remaining count went 3 → 2 → 5; the countdown restarted
  const repeated = one('live.scarcity_repeated');
  expect(new Set(repeated.evidence!.filter((e) => e.role === 'claim').map((e) => e.eventId)).size).toBeGreaterThanOrEqual(3);
  expect(repeated.evidence!.at(-1)!.observedAt - repeated.evidence![0]!.observedAt).toBeGreaterThanOrEqual(scaled.scarcityMinSpanMs);
  expect(one('live.scarcity_count_reset').evidence!.filter((e) => e.role === 'claim').map((e) => e.claim!.value)).toEqual([3, 2, 5]);
  expect(one('live.countdown_reset')).toMatchObject({ channel: 'notice', match: '倒计时 05:00' });
  // (g) numbers against the page's own counters
  expect(one('live.sales_claim_contradicted').evidence!.find((e) => e.role === 'card')!.card!.sold).toBe(3210);
  expect(one('live.viewer_claim_contradicted').evidence!.find((e) => e.role === 'counter')!.viewers).toBe(12034);
  expect(one('live.stock_claim_contradicted').evidence!.map((e) => e.card?.sold ?? e.claim?.value)).toEqual([1000, 200, 1500]);
  // (f) speech against the card title
  expect(one('live.material_contradicted')).toMatchObject({ match: '100%羊绒', category: 'provenance_misrepresentation', status: 'suspected', product: { title: '秋冬羊毛混纺围巾' } });
  expect(one('live.origin_unverified')).toMatchObject({ status: 'needs_facts' });
  // (h) "today only" yesterday and today in the same room; the memory now holds both days
  const today = one('live.today_only_repeated_days');
  expect(today.evidence!.map((e) => [e.role, e.day])).toEqual([['memory', yesterday], ['claim', dayOf(today.observedAt, 480)]]);
  expect(rooms.find((r) => r.key === ROOM_KEY)!.memory.todayOnly.map((d) => d.day)).toEqual([yesterday, dayOf(today.observedAt, 480)]);

  // the popup's tab state lists them like any finding
  const tabId = await lp.browser.tabIdOf(url);
  const state = (await sendFromExtensionPage(ext, { type: 'tabState', tabId })) as { findings: FindingRow[] };
  expect(state.findings.some((f) => f.ruleId === 'live.today_only_repeated_days' && (f.evidence?.length ?? 0) >= 2)).toBe(true);
  await ext.close();
  await page.close();
});

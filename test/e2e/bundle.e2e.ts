/** Checks on the built extension (npm run build): size-sensitive and trust-boundary rules. */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { E2E_EXTENSION_DIR, EXTENSION_DIR } from './harness';

test('the built content scripts contain neither Zod nor Dexie', () => {
  const dir = join(EXTENSION_DIR, 'content-scripts');
  const scripts = readdirSync(dir).filter((f) => f.endsWith('.js'));
  expect(scripts.length).toBeGreaterThan(0);
  for (const f of scripts) {
    const code = readFileSync(join(dir, f), 'utf8');
    expect(code, f).not.toMatch(/ZodError|\$ZodType|_zod/);
    expect(code, f).not.toMatch(/Dexie|IDBKeyRange|indexedDB/);
  }
  // The check itself can fail: the background bundle does hold both.
  const bg = readFileSync(join(EXTENSION_DIR, 'background.js'), 'utf8');
  expect(bg).toMatch(/ZodError|\$ZodType|_zod/);
  expect(bg).toMatch(/Dexie/);
});

type Manifest = { host_permissions?: string[]; optional_host_permissions?: string[]; permissions?: string[] };
const manifestOf = (dir: string) => JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Manifest;

test('the shipping manifest asks for no access to every site; screenshots of any site are an optional grant', () => {
  const manifest = manifestOf(EXTENSION_DIR);
  expect(manifest.permissions).not.toContain('<all_urls>');
  expect(manifest.host_permissions ?? []).not.toContain('<all_urls>');
  expect(manifest.optional_host_permissions).toContain('<all_urls>');
});

test('the e2e build differs from the shipping build only by that pre-granted permission', () => {
  const ship = manifestOf(EXTENSION_DIR);
  const e2e = manifestOf(E2E_EXTENSION_DIR);
  expect({ ...e2e, host_permissions: e2e.host_permissions?.filter((h) => h !== '<all_urls>') }).toEqual(ship);
  for (const f of ['background.js', 'content-scripts/live.js']) {
    expect(readFileSync(join(E2E_EXTENSION_DIR, f), 'utf8').length, f).toBeGreaterThan(0);
  }
});

test('only tiny scripts run at document_start, inside the page’s HTML parsing; the reader runs later, in a task of its own', () => {
  type Cs = { js?: string[]; run_at?: string; world?: string; matches: string[] };
  const cs = (JSON.parse(readFileSync(join(EXTENSION_DIR, 'manifest.json'), 'utf8')) as { content_scripts: Cs[] }).content_scripts;
  const atStart = cs.filter((c) => c.run_at === 'document_start').flatMap((c) => c.js ?? []);
  // The MAIN-world tap and the ISOLATED end of its channel, and nothing else.
  expect(atStart.sort()).toEqual(['content-scripts/bridge.js', 'content-scripts/tap.js']);
  for (const f of atStart) expect(readFileSync(join(EXTENSION_DIR, f), 'utf8').length, f).toBeLessThan(8_000);
  // The reader and the frame grabber are separate manifest entries, so the browser evaluates them in separate tasks.
  const entryOf = (f: string) => cs.filter((c) => c.js?.includes(f));
  expect(entryOf('content-scripts/live.js')).toMatchObject([{ run_at: 'document_end', js: ['content-scripts/live.js'] }]);
  expect(entryOf('content-scripts/frames.js')).toMatchObject([{ run_at: 'document_idle', js: ['content-scripts/frames.js'] }]);
});

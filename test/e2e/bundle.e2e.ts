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

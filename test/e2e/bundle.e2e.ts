/** Checks on the built extension (npm run build): size-sensitive and trust-boundary rules. */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { EXTENSION_DIR } from './harness';

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

test('the manifest asks for no host permissions beyond what the content scripts need', () => {
  const manifest = JSON.parse(readFileSync(join(EXTENSION_DIR, 'manifest.json'), 'utf8')) as { host_permissions?: string[]; permissions?: string[] };
  expect(manifest.permissions).not.toContain('<all_urls>');
  expect(manifest.host_permissions ?? []).not.toContain('<all_urls>');
});

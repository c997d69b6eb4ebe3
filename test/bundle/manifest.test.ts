import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { BUNDLE_FORMAT, checkFormat, manifestJsonSchema } from '../../lib/bundle/manifest';

const FILE = resolve(import.meta.dirname, '../../docs/bundle-manifest.schema.json');

describe('manifest schema', () => {
  test('docs/bundle-manifest.schema.json is the schema generated from lib/bundle/manifest.ts', () => {
    // Regenerate: npx tsx -e "import('./lib/bundle/manifest.ts').then(m => console.log(JSON.stringify(m.manifestJsonSchema(), null, 2)))" > docs/bundle-manifest.schema.json
    const committed = JSON.parse(readFileSync(FILE, 'utf8')) as unknown;
    expect(committed).toEqual(manifestJsonSchema());
    expect(readFileSync(FILE, 'utf8')).toBe(`${JSON.stringify(manifestJsonSchema(), null, 2)}\n`);
  });

  test('the JSON Schema names the versioned fields', () => {
    const s = manifestJsonSchema() as { required?: string[]; properties?: Record<string, unknown> };
    expect(s.required).toEqual(expect.arrayContaining(['bundleFormat', 'createdAt', 'segments', 'records', 'files', 'provenance', 'selfHash']));
  });

  test('format versions: same or newer minor accepted, newer or older major refused', () => {
    expect(BUNDLE_FORMAT).toBe('1.0');
    expect(checkFormat('1.0')).toBeNull();
    expect(checkFormat('1.9')).toBeNull();
    expect(checkFormat('2.0')).toMatch(/newer than this reader supports \(1\.x\): update liveproof/);
    expect(checkFormat('0.9')).toMatch(/older/);
    expect(checkFormat('1')).toMatch(/not MAJOR.MINOR/);
    expect(checkFormat(undefined)).toMatch(/missing/);
  });
});

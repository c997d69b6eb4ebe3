/**
 * The architecture's import rules (CONTRIBUTING.md § Import rules), checked
 * over the source tree:
 *  1. entrypoints/ are wiring: they import only lib/, components/, their own folder, the compiled lexicon, wxt, react.
 *  2. components/ take props and render: no browser APIs, no database, no messaging.
 *  3. Only lib/evidence/ touches the database (dexie, lib/evidence/db) — type-only imports excepted.
 *  4. The content script's import graph holds no Zod and no Dexie.
 *  5. lib/ never imports entrypoints/ or components/ at run time.
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, test } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..');

interface Import {
  spec: string;
  typeOnly: boolean;
}

function walk(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? walk(p) : /\.(ts|tsx)$/.test(name) ? [p] : [];
  });
}

export function importsOf(file: string): Import[] {
  const src = readFileSync(file, 'utf8');
  const out: Import[] = [];
  const re = /^\s*(import|export)\s+(type\s+)?(?:[^'";]*?\s+from\s+)?['"]([^'"]+)['"]/gm;
  for (const m of src.matchAll(re)) out.push({ spec: m[3]!, typeOnly: Boolean(m[2]) });
  for (const m of src.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g)) out.push({ spec: m[1]!, typeOnly: false });
  return out;
}

function resolveLocal(from: string, spec: string): string | null {
  if (!spec.startsWith('.')) return null;
  const base = resolve(dirname(from), spec);
  for (const c of [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts')]) {
    if (existsSync(c) && statSync(c).isFile()) return c;
  }
  return base;
}

const rel = (p: string) => relative(ROOT, p);
const files = (dir: string) => walk(join(ROOT, dir));

describe('import rules', () => {
  test('entry points import only lib/, components/, their own folder, the compiled lexicon, wxt and react', () => {
    const bad: string[] = [];
    for (const f of files('entrypoints')) {
      for (const { spec } of importsOf(f)) {
        const local = resolveLocal(f, spec);
        if (local) {
          const r = rel(local);
          const ownFolder = dirname(local) === dirname(f) && rel(dirname(f)) !== 'entrypoints';
          if (!r.startsWith('lib/') && !r.startsWith('components/') && r !== 'lexicons/compiled/lexicon.json' && !ownFolder) bad.push(`${rel(f)} → ${spec}`);
        } else if (!/^(wxt(\/|$)|react(-dom)?(\/|$))/.test(spec)) bad.push(`${rel(f)} → ${spec}`);
      }
    }
    expect(bad).toEqual([]);
  });

  test('components use no browser APIs, database or messaging', () => {
    const bad: string[] = [];
    for (const f of files('components')) {
      for (const { spec, typeOnly } of importsOf(f)) {
        const local = resolveLocal(f, spec);
        const r = local ? rel(local) : spec;
        const forbidden =
          /^(wxt|dexie|zod)/.test(spec) ||
          (!typeOnly && /^lib\/(evidence|background|client|protocol\/schemas|content)/.test(r));
        if (forbidden) bad.push(`${rel(f)} → ${spec}`);
      }
      const src = readFileSync(f, 'utf8');
      if (/\b(browser|chrome)\.(runtime|tabs|storage)/.test(src)) bad.push(`${rel(f)} uses browser.*`);
    }
    expect(bad).toEqual([]);
  });

  test('only lib/evidence touches the database', () => {
    const bad: string[] = [];
    for (const f of [...files('lib'), ...files('entrypoints'), ...files('components')]) {
      if (rel(f).startsWith('lib/evidence/')) continue;
      for (const { spec, typeOnly } of importsOf(f)) {
        if (typeOnly) continue;
        const local = resolveLocal(f, spec);
        if (spec === 'dexie' || (local && rel(local) === 'lib/evidence/db.ts')) bad.push(`${rel(f)} → ${spec}`);
      }
    }
    expect(bad).toEqual([]);
  });

  test('the content script import graph holds no Zod and no Dexie', () => {
    const entries = files('entrypoints').filter((f) => /\.content(\/index)?\.tsx?$/.test(f));
    expect(entries.length).toBeGreaterThan(0);
    const seen = new Set<string>();
    const packages = new Set<string>();
    const stack = [...entries];
    while (stack.length) {
      const f = stack.pop()!;
      if (seen.has(f)) continue;
      seen.add(f);
      for (const { spec, typeOnly } of importsOf(f)) {
        if (typeOnly) continue;
        const local = resolveLocal(f, spec);
        if (local) stack.push(local);
        else packages.add(spec);
      }
    }
    expect([...packages].filter((p) => /^(zod|dexie)(\/|$)/.test(p))).toEqual([]);
    expect([...seen].map(rel).filter((p) => p.startsWith('lib/evidence') || p.endsWith('schemas.ts'))).toEqual([]);
  });

  test('lib/ does not import entry points or components at run time', () => {
    const bad: string[] = [];
    for (const f of files('lib')) {
      for (const { spec, typeOnly } of importsOf(f)) {
        const local = resolveLocal(f, spec);
        if (!typeOnly && local && /^(entrypoints|components)\//.test(rel(local))) bad.push(`${rel(f)} → ${spec}`);
      }
    }
    expect(bad).toEqual([]);
  });

  test('the checker notices a violation (it can fail)', () => {
    const probe = join(ROOT, 'components', 'FindingItem.tsx');
    expect(importsOf(probe).some((i) => i.spec === '../lib/i18n')).toBe(true);
  });
});

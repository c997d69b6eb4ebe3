import { describe, expect, it } from 'vitest';
import { parseLexiconFile } from '../../lib/lexicon/parse';
import { realFiles } from './real';

describe('lexicon conventions (real files)', () => {
  const files = realFiles();
  const seen = new Map<string, string>();
  for (const f of files) {
    it(`${f.name}: schema, file name = category, ≥1 positive and negative per rule, unique ids`, () => {
      const file = parseLexiconFile(f.text, f.path);
      expect(f.name, 'file name must be <category>.json').toBe(`${file.category}.json`);
      for (const r of file.rules) {
        expect(r.positive.length, `${f.name} ${r.id}: positive`).toBeGreaterThan(0);
        expect(r.negative.length, `${f.name} ${r.id}: negative`).toBeGreaterThan(0);
        const prev = seen.get(r.id);
        expect(prev, `${r.id} defined in ${prev} and ${f.name}`).toBeUndefined();
        seen.set(r.id, f.name);
        if (r.patterns.length) expect(r.anchors.length, `${r.id}: patterns need anchors`).toBeGreaterThan(0);
      }
    });
  }
});

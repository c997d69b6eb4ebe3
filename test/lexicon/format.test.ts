import { describe, expect, it } from 'vitest';
import { firstDifference, formatLexiconFile } from '../../lib/lexicon/format';
import { parseLexiconFile } from '../../lib/lexicon/parse';
import { fixtureSources } from '../analyze/fixture';
import { realFiles } from './real';

describe('canonical format', () => {
  it('is idempotent and sorts rules by id', () => {
    for (const src of fixtureSources()) {
      const once = formatLexiconFile(parseLexiconFile(src.text, src.path));
      expect(formatLexiconFile(parseLexiconFile(once, src.path))).toBe(once);
      const ids = parseLexiconFile(once, src.path).rules.map((r) => r.id);
      expect(ids).toEqual([...ids].sort());
      expect(once.endsWith('}\n')).toBe(true);
      expect(once).not.toContain('\r');
    }
  });

  const files = realFiles();
  it.skipIf(files.length === 0)('has real lexicon files', () => expect(files.length).toBeGreaterThan(0));
  for (const f of files) {
    it(`round-trips ${f.name}`, () => {
      const out = formatLexiconFile(parseLexiconFile(f.text, f.path));
      const d = firstDifference(f.text, out);
      if (d) {
        throw new Error(
          `${f.name} is not canonical (run npm run lexicon:fmt); first difference at line ${d.line}:\n  file:      ${d.actual}\n  canonical: ${d.expected}`,
        );
      }
    });
  }
});

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileLexicon } from '../../lib/lexicon/compile';
import { LexiconError, parseLexiconFile } from '../../lib/lexicon/parse';
import { fixtureSources } from '../analyze/fixture';
import { LEXICON_DIR, realFiles } from './real';

describe('lexicons/renames.json', () => {
  const renames = JSON.parse(readFileSync(join(LEXICON_DIR, 'renames.json'), 'utf8')) as Record<string, string>;
  const ids = new Set(realFiles().flatMap((f) => parseLexiconFile(f.text, f.path).rules.map((r) => r.id)));

  it('is an object of id → id', () => {
    expect(typeof renames).toBe('object');
    for (const [k, v] of Object.entries(renames)) {
      expect(k).toMatch(/^[a-z]+\.[a-z0-9_]+$/);
      expect(v).toMatch(/^[a-z]+\.[a-z0-9_]+$/);
    }
  });
  it('no retired id is still used as a rule id', () => {
    for (const old of Object.keys(renames)) expect(ids.has(old), `${old} is retired but still used`).toBe(false);
  });
  it('every rename target exists (following chains)', () => {
    for (const [old, target] of Object.entries(renames)) {
      let t = target;
      const seen = new Set([old]);
      while (renames[t] !== undefined && !seen.has(t)) {
        seen.add(t);
        t = renames[t]!;
      }
      expect(ids.has(t), `${old} → ${target}: target does not exist`).toBe(true);
    }
  });
  it('the compiler enforces the same', () => {
    expect(() => compileLexicon(fixtureSources(), { renames: { 'abs.zui_superlative': 'abs.x' }, jiebaDict: false })).toThrow(
      LexiconError,
    );
    expect(() => compileLexicon(fixtureSources(), { renames: { 'abs.old': 'abs.nope' }, jiebaDict: false })).toThrow(
      /does not exist/,
    );
    expect(() =>
      compileLexicon(fixtureSources(), { renames: { 'abs.old': 'abs.first_only' }, jiebaDict: false }),
    ).not.toThrow();
  });
});

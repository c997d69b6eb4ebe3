/** Helpers over the real lexicons/ directory (whatever files exist right now). */
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { compileLexicon } from '../../lib/lexicon/compile';
import type { CompiledLexicon } from '../../lib/lexicon/compiled';
import { readLexiconDir } from '../../lib/lexicon/sources';

export const LEXICON_DIR = resolve(import.meta.dirname, '..', '..', 'lexicons');

export function realFiles(): { name: string; path: string; text: string }[] {
  return readdirSync(LEXICON_DIR)
    .filter((n) => n.endsWith('.json') && n !== 'renames.json')
    .sort()
    .map((name) => ({ name, path: join(LEXICON_DIR, name), text: readFileSync(join(LEXICON_DIR, name), 'utf8') }));
}

let cached: CompiledLexicon | undefined;
export function realCompiled(): CompiledLexicon {
  if (!cached) {
    const { files, renames } = readLexiconDir(LEXICON_DIR);
    cached = compileLexicon(files, { renames }).lexicon;
  }
  return cached;
}

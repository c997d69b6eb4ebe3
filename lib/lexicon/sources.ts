/**
 * Reading lexicon sources and hashing them (Node only, light: no pinyin/opencc/jieba),
 * so the CLI can tell whether lexicons/compiled/lexicon.json is current cheaply.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { FORMAT_VERSION } from './compiled';
import { LexiconError } from './parse';

/** Bump when compiler output changes for the same sources. */
export const COMPILER_REV = 'c7';

export type SourceFile = { path: string; text: string };

/** Content hash of the compiler's own code, so a changed compiler invalidates compiled output. */
let codeHash: string | undefined;
function compilerCodeHash(): string {
  if (codeHash === undefined) {
    const h = createHash('sha256');
    for (const rel of ['./compile.ts', './compiled.ts', '../analyze/normalize.ts']) {
      try {
        h.update(readFileSync(new URL(rel, import.meta.url), 'utf8'));
      } catch {
        h.update(rel);
      }
    }
    codeHash = h.digest('hex').slice(0, 12);
  }
  return codeHash;
}

/** Hash of the inputs (short hex): the compiled lexiconVersion. */
export function sourceHash(files: readonly SourceFile[], renamesText = '{}'): string {
  const h = createHash('sha256');
  h.update(`format ${FORMAT_VERSION} compiler ${COMPILER_REV} ${compilerCodeHash()}\n`);
  const base = (p: string): string => p.split(/[\\/]/).pop() ?? p;
  for (const f of [...files].sort((a, b) => (base(a.path) < base(b.path) ? -1 : base(a.path) > base(b.path) ? 1 : 0))) {
    h.update(`${base(f.path)}\n${f.text.length}\n${f.text}\n`);
  }
  h.update(renamesText);
  return h.digest('hex').slice(0, 12);
}

/** Read lexicons/*.json (except renames.json) and renames.json from a directory. */
export function readLexiconDir(dir: string): { files: SourceFile[]; renames: Record<string, string> } {
  const names = readdirSync(dir)
    .filter((n) => n.endsWith('.json') && n !== 'renames.json')
    .sort();
  const files = names.map((n) => ({ path: join(dir, n), text: readFileSync(join(dir, n), 'utf8') }));
  const rp = join(dir, 'renames.json');
  let renames: Record<string, string> = {};
  if (existsSync(rp)) {
    const text = readFileSync(rp, 'utf8');
    try {
      renames = JSON.parse(text) as Record<string, string>;
    } catch (e) {
      throw new LexiconError(`${rp}: invalid JSON: ${(e as Error).message}`, rp, undefined, undefined, undefined);
    }
    if (typeof renames !== 'object' || renames === null || Array.isArray(renames))
      throw new LexiconError(`${rp}: must be an object {"old.id": "new.id"}`, rp, 1, 1, undefined);
  }
  return { files, renames };
}

/**
 * CLI lexicon loading: lexicons/compiled/lexicon.json, recompiled on the fly
 * when missing, of another format, or older than the sources.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readLexiconDir, sourceHash } from '../lexicon/sources';
import { FORMAT_VERSION, loadCompiledLexicon, type CompiledLexicon } from '../lexicon/compiled';

export function defaultLexiconDir(): string {
  return process.env.LIVEPROOF_LEXICONS ?? resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'lexicons');
}

export type LoadedLexicon = { lexicon: CompiledLexicon; compiledNow: boolean };

export async function loadLexiconForCli(
  dir = defaultLexiconDir(),
  log: (msg: string) => void = () => {},
): Promise<LoadedLexicon> {
  const target = join(dir, 'compiled', 'lexicon.json');
  const { files, renames } = readLexiconDir(dir);
  const want = sourceHash(files, JSON.stringify(renames));
  if (existsSync(target)) {
    try {
      const raw = JSON.parse(readFileSync(target, 'utf8')) as { formatVersion?: unknown; lexiconVersion?: unknown };
      if (raw.formatVersion === FORMAT_VERSION && raw.lexiconVersion === want) {
        return { lexicon: loadCompiledLexicon(raw), compiledNow: false };
      }
      log(`liveproof: ${target} is outdated, recompiling`);
    } catch {
      log(`liveproof: ${target} is unreadable, recompiling`);
    }
  }
  const { compileLexicon } = await import('../lexicon/compile');
  const { lexicon } = compileLexicon(files, { renames });
  try {
    mkdirSync(dirname(target), { recursive: true });
    const tmp = `${target}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(lexicon));
    renameSync(tmp, target);
  } catch {
    // read-only checkout: keep the in-memory copy
  }
  return { lexicon, compiledNow: true };
}

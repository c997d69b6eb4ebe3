/**
 * npm run lexicon:compile — lexicons/*.json → lexicons/compiled/lexicon.json.
 * Exit 1 with the LexiconError message (path:line:column (rule id): detail) on a malformed file.
 */
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { compileLexiconDir } from '../lib/lexicon/compile';
import { LexiconError } from '../lib/lexicon/parse';

const dir = process.argv[2] ?? 'lexicons';
const outDir = join(dir, 'compiled');
try {
  const t0 = performance.now();
  const { lexicon, stats } = compileLexiconDir(dir);
  mkdirSync(outDir, { recursive: true });
  const json = JSON.stringify(lexicon);
  const target = join(outDir, 'lexicon.json');
  const tmp = `${target}.${process.pid}.tmp`;
  writeFileSync(tmp, json);
  renameSync(tmp, target);
  console.log(
    `lexicon ${lexicon.lexiconVersion} (format ${lexicon.formatVersion}): ${stats.files} files, ${stats.rules} rules, ` +
      `${stats.triggers} triggers, ${stats.variants} variants, ${stats.pinyinForms} pinyin forms, ${stats.patterns} patterns, ` +
      `${stats.terms} distinct terms, ${stats.containers} container words → ${target} ` +
      `(${(json.length / 1024).toFixed(0)} KiB, ${(performance.now() - t0).toFixed(0)} ms)`,
  );
} catch (e) {
  if (e instanceof LexiconError) {
    console.error(e.message);
    process.exit(1);
  }
  throw e;
}

/**
 * npm run lexicon:fmt — rewrite lexicons/*.json in canonical form (lib/lexicon/format.ts).
 * `--check`: only report files that are not canonical (exit 1).
 */
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { firstDifference, formatLexiconFile } from '../lib/lexicon/format';
import { LexiconError, parseLexiconFile } from '../lib/lexicon/parse';

const args = process.argv.slice(2);
const check = args.includes('--check');
const dir = args.find((a) => !a.startsWith('--')) ?? 'lexicons';
let bad = 0;
for (const name of readdirSync(dir).filter((n) => n.endsWith('.json') && n !== 'renames.json').sort()) {
  const path = join(dir, name);
  const text = readFileSync(path, 'utf8');
  try {
    const canonical = formatLexiconFile(parseLexiconFile(text, path));
    if (canonical === text) continue;
    if (check) {
      const d = firstDifference(text, canonical)!;
      console.error(`${path}:${d.line}: not canonical\n  have: ${d.actual}\n  want: ${d.expected}`);
      bad++;
    } else {
      writeFileSync(path, canonical);
      console.log(`formatted ${path}`);
    }
  } catch (e) {
    if (!(e instanceof LexiconError)) throw e;
    console.error(e.message);
    bad++;
  }
}
process.exit(bad ? 1 : 0);

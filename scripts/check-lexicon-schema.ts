/** Quick schema check of lexicons/*.json for authors: `npx tsx scripts/check-lexicon-schema.ts`. */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { LexiconFileSchema } from '../lib/lexicon/schema';

const dir = 'lexicons';
let failed = false;
let triggers = 0;
let rules = 0;
const ids = new Set<string>();
for (const name of readdirSync(dir).filter((n) => n.endsWith('.json') && n !== 'renames.json')) {
  const path = join(dir, name);
  try {
    const file = LexiconFileSchema.parse(JSON.parse(readFileSync(path, 'utf8')));
    if (`${file.category}.json` !== name) throw new Error(`file name must be ${file.category}.json`);
    for (const r of file.rules) {
      if (ids.has(r.id)) throw new Error(`duplicate id ${r.id}`);
      ids.add(r.id);
      triggers += r.triggers.length + r.variants.length + r.patterns.length;
    }
    rules += file.rules.length;
  } catch (e) {
    failed = true;
    console.error(`${path}: ${e instanceof Error ? e.message : String(e)}`);
  }
}
console.log(`${rules} rules, ${triggers} triggers+variants+patterns`);
process.exit(failed ? 1 : 0);

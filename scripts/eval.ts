/**
 * npm run eval — precision/recall/F1 of the analyzer over test/corpus/*.jsonl.
 * An item is flagged for category C if a finding of category C has status
 * suspected or needs_facts. Micro scores over (item, category) pairs, per
 * category and per kind. `--verbose` lists false positives/negatives.
 * Options: --corpus <dir>, --lexicons <dir>, --segment (use nodejieba). Always exits 0.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { createAnalyzer } from '../lib/analyze/index';
import type { AnalyzeContext, Category, Channel, Finding, ProductCategory } from '../lib/analyze/types';
import { loadLexiconForCli } from '../lib/cli/lexicon';
import { loadSegmenter } from '../lib/cli/segment';

type Item = {
  id: string;
  text: string;
  channel?: Channel;
  context?: { productCategory?: ProductCategory; productTitle?: string; price?: number };
  labels: Category[];
  kind?: string;
  source?: unknown;
};

const args = process.argv.slice(2);
const opt = (k: string): string | undefined => {
  const i = args.indexOf(`--${k}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const verbose = args.includes('--verbose') || args.includes('-v');
const corpusDir = opt('corpus') ?? 'test/corpus';

const items: (Item & { file: string })[] = [];
let skipped = 0;
for (const name of readdirSync(corpusDir).filter((n) => n.endsWith('.jsonl')).sort()) {
  const lines = readFileSync(join(corpusDir, name), 'utf8').split('\n');
  lines.forEach((line, i) => {
    if (!line.trim()) return;
    try {
      const it = JSON.parse(line) as Item;
      if (typeof it.text !== 'string' || !Array.isArray(it.labels)) throw new Error('missing text/labels');
      items.push({ ...it, file: name });
    } catch (e) {
      skipped++;
      console.error(`${name}:${i + 1}: skipped (${(e as Error).message})`);
    }
  });
}

const { lexicon } = await loadLexiconForCli(opt('lexicons'), (m) => console.error(m));
const analyzer = createAnalyzer(lexicon, { segment: args.includes('--segment') ? loadSegmenter() : undefined });

type Counts = { tp: number; fp: number; fn: number };
const zero = (): Counts => ({ tp: 0, fp: 0, fn: 0 });
const overall = zero();
const perCat = new Map<string, Counts>();
const perKind = new Map<string, Counts>();
const fps: string[] = [];
const fns: string[] = [];
const bump = (m: Map<string, Counts>, k: string, f: keyof Counts): void => {
  let c = m.get(k);
  if (!c) m.set(k, (c = zero()));
  c[f]++;
};
let itemsWithFp = 0;
let cleanCorrect = 0;
let cleanTotal = 0;

for (const it of items) {
  const ctx: AnalyzeContext = { channel: it.channel ?? 'caption' };
  if (it.context?.productCategory) ctx.productCategory = it.context.productCategory;
  if (it.context?.productTitle) ctx.productTitle = it.context.productTitle;
  if (typeof it.context?.price === 'number') ctx.price = it.context.price;
  const findings = analyzer.analyze(it.text, ctx).filter((f) => f.status === 'suspected' || f.status === 'needs_facts');
  const got = new Map<string, Finding[]>();
  for (const f of findings) got.set(f.category, [...(got.get(f.category) ?? []), f]);
  const want = new Set(it.labels);
  const kind = it.kind ?? 'unknown';
  let anyFp = false;
  for (const c of want) {
    if (got.has(c)) {
      overall.tp++;
      bump(perCat, c, 'tp');
      bump(perKind, kind, 'tp');
    } else {
      overall.fn++;
      bump(perCat, c, 'fn');
      bump(perKind, kind, 'fn');
      fns.push(`FN ${it.id} [${c}] ${it.text}`);
    }
  }
  for (const [c, fs] of got) {
    if (want.has(c as Category)) continue;
    overall.fp++;
    anyFp = true;
    bump(perCat, c, 'fp');
    bump(perKind, kind, 'fp');
    fps.push(`FP ${it.id} [${c}] ${it.text}  ← ${fs.map((f) => `${f.ruleId}「${f.match}」`).join(' ')}`);
  }
  if (anyFp) itemsWithFp++;
  if (want.size === 0) {
    cleanTotal++;
    if (got.size === 0) cleanCorrect++;
  }
}

const prf = (c: Counts): string => {
  const p = c.tp + c.fp ? c.tp / (c.tp + c.fp) : 1;
  const r = c.tp + c.fn ? c.tp / (c.tp + c.fn) : 1;
  const f1 = p + r ? (2 * p * r) / (p + r) : 0;
  return `P ${p.toFixed(3)}  R ${r.toFixed(3)}  F1 ${f1.toFixed(3)}  (tp ${c.tp}, fp ${c.fp}, fn ${c.fn})`;
};

console.log(`corpus: ${items.length} items from ${corpusDir}${skipped ? `, ${skipped} skipped` : ''}; lexicon ${lexicon.lexiconVersion} (${lexicon.rules.length} rules)`);
console.log(`\noverall (micro over item×category): ${prf(overall)}`);
console.log(`clean items (no labels) with no finding: ${cleanCorrect}/${cleanTotal}; items with ≥1 FP: ${itemsWithFp}`);
console.log('\nper category:');
for (const [k, c] of [...perCat].sort((a, b) => (a[0] < b[0] ? -1 : 1))) console.log(`  ${k.padEnd(28)} ${prf(c)}`);
console.log('\nper kind:');
for (const [k, c] of [...perKind].sort((a, b) => (a[0] < b[0] ? -1 : 1))) console.log(`  ${k.padEnd(28)} ${prf(c)}`);
if (verbose) {
  console.log(`\nfalse positives (${fps.length}):`);
  for (const l of fps) console.log(`  ${l}`);
  console.log(`\nfalse negatives (${fns.length}):`);
  for (const l of fns) console.log(`  ${l}`);
} else {
  console.log(`\n${fps.length} false positives, ${fns.length} false negatives (--verbose to list)`);
}
process.exit(0);

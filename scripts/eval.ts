/**
 * npm run eval — precision/recall/F1 of the analyzer over test/corpus/*.jsonl.
 * An item is flagged for category C if a finding of category C has status
 * suspected or needs_facts. Micro scores over (item, category) pairs, per
 * category and per kind, for the development corpus and, separately, the held-out
 * files (holdout.jsonl, holdout2.jsonl). `--verbose` lists false positives/negatives
 * (never for the sealed half of holdout.jsonl nor for holdout2.jsonl).
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
type Report = {
  items: number;
  overall: Counts;
  perCat: Map<string, Counts>;
  perKind: Map<string, Counts>;
  fps: string[];
  fns: string[];
  itemsWithFp: number;
  cleanCorrect: number;
  cleanTotal: number;
};

function score(set: Item[]): Report {
  const r: Report = { items: set.length, overall: zero(), perCat: new Map(), perKind: new Map(), fps: [], fns: [], itemsWithFp: 0, cleanCorrect: 0, cleanTotal: 0 };
  const bump = (m: Map<string, Counts>, k: string, f: keyof Counts): void => {
    let c = m.get(k);
    if (!c) m.set(k, (c = zero()));
    c[f]++;
  };
  for (const it of set) {
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
      const f = got.has(c) ? 'tp' : 'fn';
      r.overall[f]++;
      bump(r.perCat, c, f);
      bump(r.perKind, kind, f);
      if (f === 'fn') r.fns.push(`FN ${it.id} [${c}] ${it.text}`);
    }
    for (const [c, fs] of got) {
      if (want.has(c as Category)) continue;
      r.overall.fp++;
      anyFp = true;
      bump(r.perCat, c, 'fp');
      bump(r.perKind, kind, 'fp');
      r.fps.push(`FP ${it.id} [${c}] ${it.text}  ← ${fs.map((f) => `${f.ruleId}「${f.match}」`).join(' ')}`);
    }
    if (anyFp) r.itemsWithFp++;
    if (want.size === 0) {
      r.cleanTotal++;
      if (got.size === 0) r.cleanCorrect++;
    }
  }
  return r;
}

const prf = (c: Counts): string => {
  const p = c.tp + c.fp ? c.tp / (c.tp + c.fp) : 1;
  const r = c.tp + c.fn ? c.tp / (c.tp + c.fn) : 1;
  const f1 = p + r ? (2 * p * r) / (p + r) : 0;
  return `P ${p.toFixed(3)}  R ${r.toFixed(3)}  F1 ${f1.toFixed(3)}  (tp ${c.tp}, fp ${c.fp}, fn ${c.fn})`;
};

function print(title: string, r: Report, list = verbose): void {
  console.log(`\n== ${title}: ${r.items} items`);
  console.log(`overall (micro over item×category): ${prf(r.overall)}`);
  console.log(`clean items (no labels) with no finding: ${r.cleanCorrect}/${r.cleanTotal}; items with ≥1 FP: ${r.itemsWithFp}`);
  console.log('\nper category:');
  for (const [k, c] of [...r.perCat].sort((a, b) => (a[0] < b[0] ? -1 : 1))) console.log(`  ${k.padEnd(28)} ${prf(c)}`);
  console.log('\nper kind:');
  for (const [k, c] of [...r.perKind].sort((a, b) => (a[0] < b[0] ? -1 : 1))) console.log(`  ${k.padEnd(28)} ${prf(c)}`);
  if (list) {
    console.log(`\nfalse positives (${r.fps.length}):`);
    for (const l of r.fps) console.log(`  ${l}`);
    console.log(`\nfalse negatives (${r.fns.length}):`);
    for (const l of r.fns) console.log(`  ${l}`);
  } else {
    console.log(`\n${r.fps.length} false positives, ${r.fns.length} false negatives${list === verbose ? ' (--verbose to list)' : ''}`);
  }
}

console.log(`corpus: ${items.length} items from ${corpusDir}${skipped ? `, ${skipped} skipped` : ''}; lexicon ${lexicon.lexiconVersion} (${lexicon.rules.length} rules)`);
// holdout.jsonl was collected after the rules were written (test/corpus/README.md): it is reported on its own,
// as the best estimate of how the lexicon does on cases nobody tuned it on.
const HOLDOUT = 'holdout.jsonl';
// It is split in two by line: the even lines ("diagnosis") may be read to find which kinds of claims the
// lexicon misses (their errors are listed with --verbose); the odd lines ("sealed") are never listed, so
// their score stays an honest measure of lexicon changes made after the split.
// holdout2.jsonl is a second, independent held-out file (collected after issue 3 from sources not cited elsewhere);
// it is sealed as a whole: only its scores are printed, never its errors.
const HOLDOUT2 = 'holdout2.jsonl';
const main = items.filter((i) => i.file !== HOLDOUT && i.file !== HOLDOUT2);
const held2 = items.filter((i) => i.file === HOLDOUT2);
const held = items.filter((i) => i.file === HOLDOUT);
const diagnosis = held.filter((_, k) => k % 2 === 0);
const sealed = held.filter((_, k) => k % 2 === 1);
print(`development corpus (${[...new Set(main.map((i) => i.file))].join(', ')})`, score(main));
if (held.length) {
  print(`held-out, diagnosis half (${HOLDOUT}, even lines)`, score(diagnosis));
  print(`held-out, sealed half (${HOLDOUT}, odd lines; errors never listed)`, score(sealed), false);
  console.log(`\n== held-out, both halves: ${prf(score(held).overall)}`);
}
if (held2.length) print(`second held-out set, sealed (${HOLDOUT2}; errors never listed)`, score(held2), false);
if (held.length && main.length) {
  const all = score(items);
  console.log(`\n== all ${all.items} items: ${prf(all.overall)}`);
}
process.exit(0);

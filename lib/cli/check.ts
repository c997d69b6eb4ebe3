/**
 * `liveproof check [files…|-]` and `liveproof check --jsonl`.
 *
 * JSONL contract (architecture.md, relied on by outside tools):
 *   in : {"id","text","context"?:{"productCategory"?,"productTitle"?,"price"?,"channel"?}}
 *   out: {"id","findings":[{"ruleId","category","severity","start","end","match","legalBasis"}]}
 * one output line per input line, same order; a malformed (or blank) line yields
 * {"id":null,"error":"line N: …"} and the exit code is 1 at the end.
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { createAnalyzer } from '../analyze/index';
import { formatLegalBasis, type AnalyzeContext, type Analyzer, type Finding } from '../analyze/types';
import { CHANNELS, PRODUCT_CATEGORIES, type Channel, type ProductCategory } from '../lexicon/schema';
import { parseArgs, UsageError } from './args';
import { loadLexiconForCli } from './lexicon';
import { loadSegmenter } from './segment';

export const CHECK_USAGE = `liveproof check [options] [files…|-]
  Analyse each line of the files (or stdin) and print findings.
  --jsonl                 JSON lines in/out (machine contract, see docs)
  --channel <c>           ${CHANNELS.join('|')} (default caption)
  --product-category <p>  ${PRODUCT_CATEGORIES.join('|')}
  --title <t>             product title (drives product-category inference)
  --all                   also show exempt_candidate findings
  --debug                 also show suppressed hits
  --lexicons <dir>        lexicon source directory (default: the repo's lexicons/)
  --no-segment            do not use nodejieba segmentation`;

type Io = { stdin: Readable; stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream; isTTY: boolean };

async function* lines(inputs: string[], stdin: Readable): AsyncGenerator<{ source: string; no: number; line: string }> {
  const srcs = inputs.length ? inputs : ['-'];
  for (const src of srcs) {
    const stream = src === '-' ? stdin : createReadStream(src, { encoding: 'utf8' });
    if (src === '-') stdin.setEncoding('utf8');
    const rl = createInterface({ input: stream, crlfDelay: Infinity });
    let no = 0;
    for await (const raw of rl) {
      no++;
      yield { source: src === '-' ? '<stdin>' : src, no, line: raw.endsWith('\r') ? raw.slice(0, -1) : raw };
    }
  }
}

type JsonlRequest = { id: string | number; text: string; ctx: AnalyzeContext };

function parseRequest(line: string): JsonlRequest | string {
  if (line.trim() === '') return 'empty line';
  let v: unknown;
  try {
    v = JSON.parse(line);
  } catch (e) {
    return `invalid JSON: ${(e as Error).message}`;
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return 'expected a JSON object';
  const o = v as Record<string, unknown>;
  if (typeof o.id !== 'string' && typeof o.id !== 'number') return '"id" must be a string or number';
  if (typeof o.text !== 'string') return '"text" must be a string';
  const ctx: AnalyzeContext = { channel: 'caption' };
  if (o.context !== undefined && o.context !== null) {
    if (typeof o.context !== 'object' || Array.isArray(o.context)) return '"context" must be an object';
    const c = o.context as Record<string, unknown>;
    if (c.productCategory !== undefined && c.productCategory !== null) {
      if (!(PRODUCT_CATEGORIES as readonly unknown[]).includes(c.productCategory))
        return `unknown context.productCategory ${JSON.stringify(c.productCategory)}`;
      ctx.productCategory = c.productCategory as ProductCategory;
    }
    if (c.productTitle !== undefined && c.productTitle !== null) {
      if (typeof c.productTitle !== 'string') return '"context.productTitle" must be a string';
      ctx.productTitle = c.productTitle;
    }
    if (c.price !== undefined && c.price !== null) {
      if (typeof c.price !== 'number' || !Number.isFinite(c.price)) return '"context.price" must be a number';
      ctx.price = c.price;
    }
    if (c.channel !== undefined && c.channel !== null) {
      if (!(CHANNELS as readonly unknown[]).includes(c.channel)) return `unknown context.channel ${JSON.stringify(c.channel)}`;
      ctx.channel = c.channel as Channel;
    }
  }
  return { id: o.id, text: o.text, ctx };
}

export function jsonlAnswer(analyzer: Analyzer, line: string, lineNo: number): { out: string; ok: boolean } {
  const req = parseRequest(line);
  if (typeof req === 'string') return { out: JSON.stringify({ id: null, error: `line ${lineNo}: ${req}` }), ok: false };
  const findings = analyzer
    .analyze(req.text, req.ctx)
    .filter((f) => f.status === 'suspected' || f.status === 'needs_facts')
    .map((f) => ({
      ruleId: f.ruleId,
      category: f.category,
      severity: f.severity,
      start: f.start,
      end: f.end,
      match: f.match,
      legalBasis: formatLegalBasis(f.legalBasis),
    }));
  return { out: JSON.stringify({ id: req.id, findings }), ok: true };
}

function highlight(line: string, findings: Finding[], tty: boolean): string {
  const spans = findings.map((f) => [f.start, f.end] as [number, number]).sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const s of spans) {
    const last = merged[merged.length - 1];
    if (last && s[0] <= last[1]) last[1] = Math.max(last[1], s[1]);
    else merged.push([...s]);
  }
  let out = '';
  let p = 0;
  for (const [a, b] of merged) {
    out += line.slice(p, a) + (tty ? `\x1b[1;31m${line.slice(a, b)}\x1b[0m` : `【${line.slice(a, b)}】`);
    p = b;
  }
  return out + line.slice(p);
}

export async function runCheck(argv: string[], io: Io): Promise<number> {
  const { flags, positionals } = parseArgs(argv, new Set(['channel', 'product-category', 'title', 'lexicons']));
  for (const k of flags.keys()) {
    if (!['jsonl', 'channel', 'product-category', 'title', 'all', 'debug', 'lexicons', 'no-segment', 'help'].includes(k))
      throw new UsageError(`unknown option --${k}`);
  }
  if (flags.has('help')) {
    io.stdout.write(`${CHECK_USAGE}\n`);
    return 0;
  }
  const channel = (flags.get('channel') as string | undefined) ?? 'caption';
  if (!(CHANNELS as readonly string[]).includes(channel)) throw new UsageError(`unknown channel ${channel}`);
  const pc = flags.get('product-category') as string | undefined;
  if (pc !== undefined && !(PRODUCT_CATEGORIES as readonly string[]).includes(pc))
    throw new UsageError(`unknown product category ${pc}`);
  const dir = flags.get('lexicons');
  const { lexicon } = await loadLexiconForCli(typeof dir === 'string' ? dir : undefined, (m) => io.stderr.write(`${m}\n`));
  const segment = flags.has('no-segment') ? undefined : loadSegmenter();
  const analyzer = createAnalyzer(lexicon, { segment, debug: flags.has('debug') });

  if (flags.has('jsonl')) {
    let failed = false;
    let n = 0;
    for await (const { line } of lines(positionals, io.stdin)) {
      n++;
      const { out, ok } = jsonlAnswer(analyzer, line, n);
      if (!ok) failed = true;
      io.stdout.write(`${out}\n`);
    }
    return failed ? 1 : 0;
  }

  const ctx: AnalyzeContext = { channel: channel as Channel };
  if (pc) ctx.productCategory = pc as ProductCategory;
  const title = flags.get('title');
  if (typeof title === 'string') ctx.productTitle = title;
  const tty = io.isTTY;
  const dim = (s: string): string => (tty ? `\x1b[2m${s}\x1b[0m` : s);
  let total = 0;
  let linesWith = 0;
  for await (const { source, no, line } of lines(positionals, io.stdin)) {
    if (!line.trim()) continue;
    const findings = analyzer
      .analyze(line, ctx)
      .filter((f) => flags.has('all') || f.status !== 'exempt_candidate');
    if (flags.has('debug')) {
      for (const s of analyzer.lastSuppressed())
        io.stdout.write(dim(`${source}:${no}: suppressed ${s.ruleId} 「${s.match}」 (${s.reason})\n`));
    }
    if (findings.length === 0) continue;
    linesWith++;
    total += findings.length;
    io.stdout.write(`${source}:${no}: ${highlight(line, findings, tty)}\n`);
    for (const f of findings) {
      const ev = f.evasion ? ` 规避:${f.evasion}` : '';
      io.stdout.write(
        `  ▸ ${f.ruleId}  ${f.category}  ${f.severity}  ${f.status}  「${f.match}」${ev}  ${formatLegalBasis(f.legalBasis)}\n` +
          `    ${f.explanation.zh}\n`,
      );
    }
  }
  io.stderr.write(`${total} finding(s) on ${linesWith} line(s) · lexicon ${lexicon.lexiconVersion}\n`);
  return 0;
}

/**
 * liveproof summary <bundles…> [--csv]: counts findings by platform, shop,
 * host, category and severity over verified bundles (records deduplicated by
 * content hash). --csv writes UTF-8 CSV with a BOM to stdout.
 */
import { readBundle, type ReadOk } from '../bundle/read';
import { summarize, summaryCsv, summaryText } from '../bundle/summary';
import { parseArgs, UsageError } from './args';
import type { CommandIo } from './main';
import { readBundleFile } from './verify';

export const SUMMARY_USAGE = `usage: liveproof summary <bundle.zip>… [--csv]

Counts findings by platform, shop, host, category and severity. Every bundle is
verified first. Exit codes: 0 ok, 1 a bundle does not verify, 2 usage error.`;

export async function runSummary(argv: string[], io: CommandIo): Promise<number> {
  const { flags, positionals } = parseArgs(argv, new Set());
  if (flags.has('help') || flags.has('h')) {
    io.stdout.write(`${SUMMARY_USAGE}\n`);
    return 0;
  }
  for (const k of flags.keys()) if (k !== 'csv') throw new UsageError(`unknown option --${k}`);
  if (positionals.length === 0) throw new UsageError('give at least one bundle');
  const bundles: ReadOk[] = [];
  for (const file of positionals) {
    const r = await readBundle(await readBundleFile(file));
    if (!r.ok) {
      io.stderr.write(`FAILED ${file}: ${r.error.path ? `${r.error.path}: ` : ''}${r.error.reason}\n`);
      return 1;
    }
    bundles.push(r);
  }
  const s = summarize(bundles);
  io.stdout.write(flags.has('csv') ? summaryCsv(s) : summaryText(s));
  return 0;
}

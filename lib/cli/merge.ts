/**
 * liveproof merge <bundles…> -o out.zip: verifies every input, merges them
 * (records deduplicated by content hash, provenance and every source chain
 * segment kept), re-verifies the output, writes it and says what was merged.
 */
import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { isoWithZone } from '../bundle/time';
import { mergeBundles } from '../bundle/merge';
import { readBundle, type ReadOk } from '../bundle/read';
import { parseArgs, UsageError } from './args';
import type { CommandIo } from './main';
import { readBundleFile } from './verify';

export const MERGE_USAGE = `usage: liveproof merge <bundle.zip>… -o <out.zip> [--by <name>]

Merges evidence bundles into one: records are deduplicated by content hash, each keeps
which source bundle(s) it came from, and every source's chain segment is kept so every
record can still be checked against its original chain. The output is verified before
it is written. Exit codes: 0 merged, 1 an input or the output does not verify, 2 usage error.`;

export function toolVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: string };
    return pkg.version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
}

export async function runMerge(argv: string[], io: CommandIo): Promise<number> {
  const { flags, positionals } = parseArgs(
    argv.map((a) => (a === '-o' ? '--out' : a)),
    new Set(['out', 'by']),
  );
  if (flags.has('help') || flags.has('h')) {
    io.stdout.write(`${MERGE_USAGE}\n`);
    return 0;
  }
  for (const k of flags.keys()) if (k !== 'out' && k !== 'by') throw new UsageError(`unknown option --${k}`);
  const out = flags.get('out');
  if (typeof out !== 'string' || out === '') throw new UsageError('give the output file with -o <out.zip>');
  if (positionals.length === 0) throw new UsageError('give at least one bundle to merge');
  if (positionals.some((p) => resolve(p) === resolve(out))) throw new UsageError('the output file must not be one of the inputs');
  const by = flags.get('by');

  const bundles: ReadOk[] = [];
  for (const file of positionals) {
    const r = await readBundle(await readBundleFile(file));
    if (!r.ok) {
      io.stderr.write(`FAILED ${file}: ${r.error.path ? `${r.error.path}: ` : ''}${r.error.reason}\n`);
      return 1;
    }
    bundles.push(r);
  }
  const { bytes, stats } = await mergeBundles(bundles, {
    createdAt: isoWithZone(new Date()),
    tool: { version: toolVersion() },
    ...(typeof by === 'string' ? { exportedBy: by } : {}),
  });
  await writeFile(out, bytes);
  io.stdout.write(
    [
      `merged ${stats.sources} bundle(s) into ${out}`,
      ...bundles.map((b, i) => `  ${positionals[i]}: ${b.records.length} record(s), manifest sha256 ${b.manifestSha256}`),
      `  ${stats.records} record(s) (${stats.duplicates} duplicate(s) removed), ${stats.segments} chain segment(s)`,
      `  verified; manifest sha256 ${stats.manifestSha256}`,
    ].join('\n') + '\n',
  );
  return 0;
}

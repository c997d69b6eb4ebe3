/**
 * liveproof verify <bundle.zip>: exit 0 when every file, the manifest and the
 * chain check out; 1 with the first failure named; 2 for usage errors
 * (including a file that cannot be read).
 */
import { readFile } from 'node:fs/promises';
import { readBundle } from '../bundle/read';
import { parseArgs, UsageError } from './args';
import type { CommandIo } from './main';

export const VERIFY_USAGE = `usage: liveproof verify <bundle.zip>

Checks a LiveProof evidence bundle: the ZIP, manifest.json (format version, schema),
every file's size and SHA-256, SHA256SUMS, the chain segments and every record's hash.
Exit codes: 0 verified, 1 the first failure is named, 2 usage error.`;

export async function readBundleFile(path: string): Promise<Uint8Array> {
  try {
    return new Uint8Array(await readFile(path));
  } catch (e) {
    throw new UsageError(`cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? (e instanceof Error ? e.message : String(e))}`);
  }
}

export async function runVerify(argv: string[], io: CommandIo): Promise<number> {
  const { flags, positionals } = parseArgs(argv, new Set());
  if (flags.has('help') || flags.has('h')) {
    io.stdout.write(`${VERIFY_USAGE}\n`);
    return 0;
  }
  for (const k of flags.keys()) throw new UsageError(`unknown option --${k}`);
  if (positionals.length !== 1) throw new UsageError(positionals.length === 0 ? 'give one bundle file' : 'give exactly one bundle file');
  const file = positionals[0]!;
  const r = await readBundle(await readBundleFile(file));
  if (!r.ok) {
    io.stderr.write(`FAILED ${file}: ${r.error.path ? `${r.error.path}: ` : ''}${r.error.reason}\n`);
    return 1;
  }
  const m = r.manifest;
  const heads = m.segments.map((s) => `${s.id} seq ${s.links[0]!.seq}..${s.anchor.headSeq} head ${s.anchor.headHash}`);
  io.stdout.write(
    [
      `OK ${file}`,
      `  format ${m.bundleFormat}, created ${m.createdAt} by ${m.tool.name} ${m.tool.version}${m.provenance.method === 'merge' ? ` (merged from ${m.provenance.sources.length} bundle(s))` : ''}`,
      `  ${r.records.length} record(s), ${r.screenshots.size} screenshot(s), ${m.files.length + 2} files`,
      `  manifest sha256 ${r.manifestSha256}`,
      ...heads.map((h) => `  chain ${h}`),
    ].join('\n') + '\n',
  );
  return 0;
}

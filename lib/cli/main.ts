/**
 * liveproof CLI dispatcher. Add a subcommand by adding an entry to COMMANDS.
 * Exit codes: 0 ok, 1 failure reported by the command, 2 usage error.
 */
import type { Readable } from 'node:stream';
import { UsageError } from './args';
import { CHECK_USAGE, runCheck } from './check';
import { MERGE_USAGE, runMerge } from './merge';
import { SUMMARY_USAGE, runSummary } from './summary';
import { VERIFY_USAGE, runVerify } from './verify';

export type CommandIo = { stdin: Readable; stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream; isTTY: boolean };
export type Command = { summary: string; usage: string; run(argv: string[], io: CommandIo): Promise<number> };

export const COMMANDS: Record<string, Command> = {
  check: { summary: 'flag suspected false/illegal advertising in text lines', usage: CHECK_USAGE, run: runCheck },
  verify: { summary: 'verify an evidence bundle (files, manifest, chain)', usage: VERIFY_USAGE, run: runVerify },
  merge: { summary: 'merge evidence bundles (dedupe, keep provenance)', usage: MERGE_USAGE, run: runMerge },
  summary: { summary: 'count findings in evidence bundles', usage: SUMMARY_USAGE, run: runSummary },
};

export function usage(): string {
  const cmds = Object.entries(COMMANDS)
    .map(([name, c]) => `  ${name.padEnd(10)} ${c.summary}`)
    .join('\n');
  return `usage: liveproof <command> [options]\n\ncommands:\n${cmds}\n\nliveproof <command> --help for details`;
}

export async function main(argv: string[], io: CommandIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(`${usage()}\n`);
    return name === undefined ? 2 : 0;
  }
  const cmd = COMMANDS[name];
  if (!cmd) {
    io.stderr.write(`liveproof: unknown command ${JSON.stringify(name)}\n${usage()}\n`);
    return 2;
  }
  try {
    return await cmd.run(rest, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr.write(`liveproof ${name}: ${e.message}\n${cmd.usage}\n`);
      return 2;
    }
    io.stderr.write(`liveproof ${name}: ${e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  }
}

/** Entry used by bin/liveproof.mjs. */
export async function runMain(argv: string[] = process.argv.slice(2)): Promise<void> {
  const code = await main(argv, {
    stdin: process.stdin,
    stdout: process.stdout,
    stderr: process.stderr,
    isTTY: Boolean(process.stdout.isTTY),
  });
  process.exitCode = code;
}

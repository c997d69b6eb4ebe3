/** Tiny argv parser: --flag, --key value, --key=value, positionals ('-' is positional). */
export type ParsedArgs = { flags: Map<string, string | true>; positionals: string[] };

export function parseArgs(argv: readonly string[], valued: ReadonlySet<string>): ParsedArgs {
  const flags = new Map<string, string | true>();
  const positionals: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (a.startsWith('--') && a.length > 2) {
      const eq = a.indexOf('=');
      if (eq > 0) flags.set(a.slice(2, eq), a.slice(eq + 1));
      else {
        const k = a.slice(2);
        if (valued.has(k)) {
          const v = argv[i + 1];
          if (v === undefined) throw new UsageError(`--${k} needs a value`);
          flags.set(k, v);
          i++;
        } else flags.set(k, true);
      }
    } else positionals.push(a);
  }
  return { flags, positionals };
}

export class UsageError extends Error {
  override name = 'UsageError';
}

/**
 * Parse a lexicon source file with errors that name the path, line, column and rule id.
 * Node-side (uses Zod).
 */
import { JsonSyntaxError, offsetToLoc, parseJsonLocated, type Loc, type LocatedJson } from './jsonloc';
import { LexiconFileSchema, type LexiconFile } from './schema';

export class LexiconError extends Error {
  override name = 'LexiconError';
  constructor(
    message: string,
    readonly path: string,
    readonly line: number | undefined,
    readonly column: number | undefined,
    readonly ruleId: string | undefined,
  ) {
    super(message);
  }
}

function where(path: string, loc: Loc | undefined, ruleId: string | undefined): string {
  let s = path;
  if (loc) s += `:${loc.line}:${loc.column}`;
  if (ruleId) s += ` (rule ${ruleId})`;
  return s;
}

/** Rule id of the rule enclosing a text offset: the last `"id": "…"` before it. */
function ruleIdBefore(text: string, offset: number): string | undefined {
  const re = /"id"\s*:\s*"([^"\\]*)"/g;
  let found: string | undefined;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) && m.index < offset) found = m[1];
  return found;
}

export function lexiconError(
  path: string,
  loc: Loc | undefined,
  ruleId: string | undefined,
  detail: string,
): LexiconError {
  return new LexiconError(`${where(path, loc, ruleId)}: ${detail}`, path, loc?.line, loc?.column, ruleId);
}

export function parseLexiconFile(text: string, path: string): LexiconFile {
  let located: LocatedJson;
  try {
    located = parseJsonLocated(text);
  } catch (e) {
    if (e instanceof JsonSyntaxError) {
      const loc = offsetToLoc(text, e.offset);
      throw lexiconError(path, loc, ruleIdBefore(text, e.offset), `invalid JSON: ${e.message}`);
    }
    throw e;
  }
  const raw = located.value;
  const rawRules =
    typeof raw === 'object' && raw !== null && Array.isArray((raw as { rules?: unknown }).rules)
      ? ((raw as { rules: unknown[] }).rules)
      : [];
  const ruleIdAt = (idx: unknown): string | undefined => {
    if (typeof idx !== 'number') return undefined;
    const r = rawRules[idx];
    if (typeof r === 'object' && r !== null && typeof (r as { id?: unknown }).id === 'string') return (r as { id: string }).id;
    return `#${idx}`;
  };
  const result = LexiconFileSchema.safeParse(raw);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const p = issue.path.filter((x): x is string | number => typeof x !== 'symbol');
    const ruleId = p[0] === 'rules' ? ruleIdAt(p[1]) : undefined;
    let loc: Loc | undefined;
    let detail = issue.message;
    if (issue.code === 'unrecognized_keys') {
      const keys = (issue as { keys?: string[] }).keys ?? [];
      loc = keys.length ? located.locate([...p, keys[0]!], true) : undefined;
      detail = `unknown key${keys.length > 1 ? 's' : ''} ${keys.map((k) => JSON.stringify(k)).join(', ')}`;
    }
    // nearest existing location along the path
    for (let n = p.length; !loc && n >= 0; n--) loc = located.locate(p.slice(0, n));
    const field = p.length ? p.join('.') : '(root)';
    throw lexiconError(path, loc, ruleId, `${field}: ${detail}`);
  }
  const file = result.data;
  // duplicate ids within the file
  const seen = new Set<string>();
  for (let k = 0; k < file.rules.length; k++) {
    const id = file.rules[k]!.id;
    if (seen.has(id)) throw lexiconError(path, located.locate(['rules', k, 'id']), id, `duplicate rule id ${id}`);
    seen.add(id);
  }
  // every pattern rule needs anchors
  for (let k = 0; k < file.rules.length; k++) {
    const r = file.rules[k]!;
    if (r.patterns.length > 0 && r.anchors.length === 0)
      throw lexiconError(path, located.locate(['rules', k, 'patterns']), r.id, 'rule has patterns but no anchors');
    if (r.triggers.length + r.variants.length + r.patterns.length === 0)
      throw lexiconError(path, located.locate(['rules', k, 'id']), r.id, 'rule has no triggers, variants or patterns');
  }
  return file;
}

/** Line (1-based) of the rule with this id in the source text, for messages. */
export function lineOfRule(text: string, id: string): number | undefined {
  const i = text.indexOf(`"id": "${id}"`);
  const j = i >= 0 ? i : text.indexOf(`"${id}"`);
  return j >= 0 ? offsetToLoc(text, j).line : undefined;
}

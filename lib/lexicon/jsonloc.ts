/**
 * A small JSON parser that remembers where every value and key starts, so that
 * schema errors can name a line and column. Also reports syntax errors with a
 * position. Node-side helper for parse.ts (no dependencies, no node: imports).
 */
export type Loc = { line: number; column: number; offset: number };

export class JsonSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

export type LocatedJson = {
  value: unknown;
  /** Location of the value at `path` (or of its key when `key` is true). */
  locate(path: readonly (string | number)[], key?: boolean): Loc | undefined;
};

export function offsetToLoc(text: string, offset: number): Loc {
  let line = 1;
  let last = -1;
  const lim = Math.min(offset, text.length);
  for (let i = 0; i < lim; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      last = i;
    }
  }
  return { line, column: offset - last, offset };
}

export function parseJsonLocated(text: string): LocatedJson {
  const valuePos = new Map<string, number>();
  const keyPos = new Map<string, number>();
  let i = 0;
  const ws = (): void => {
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (c === 32 || c === 9 || c === 10 || c === 13) i++;
      else break;
    }
  };
  const fail = (msg: string): never => {
    throw new JsonSyntaxError(msg, i);
  };
  const str = (): string => {
    const start = i;
    if (text[i] !== '"') fail('expected string');
    i++;
    for (;;) {
      if (i >= text.length) {
        i = start;
        fail('unterminated string');
      }
      const c = text.charCodeAt(i);
      if (c === 34) break;
      if (c === 92) i += 2;
      else if (c < 32) fail('control character in string');
      else i++;
    }
    i++;
    try {
      return JSON.parse(text.slice(start, i)) as string;
    } catch {
      i = start;
      return fail('invalid string escape');
    }
  };
  const val = (path: string): unknown => {
    ws();
    valuePos.set(path, i);
    const c = text[i];
    if (c === '{') {
      i++;
      const o: Record<string, unknown> = {};
      ws();
      if (text[i] === '}') {
        i++;
        return o;
      }
      for (;;) {
        ws();
        const kp = i;
        const k = str();
        const p = `${path}/${k}`;
        keyPos.set(p, kp);
        ws();
        if (text[i] !== ':') fail("expected ':' after property name");
        i++;
        o[k] = val(p);
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === '}') {
          i++;
          return o;
        }
        fail("expected ',' or '}' after property value");
      }
    }
    if (c === '[') {
      i++;
      const a: unknown[] = [];
      ws();
      if (text[i] === ']') {
        i++;
        return a;
      }
      for (;;) {
        a.push(val(`${path}/${a.length}`));
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === ']') {
          i++;
          return a;
        }
        fail("expected ',' or ']' after array element");
      }
    }
    if (c === '"') return str();
    const m = /^(?:-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)/.exec(text.slice(i, i + 64));
    if (!m) return fail(i >= text.length ? 'unexpected end of JSON' : `unexpected character ${JSON.stringify(c)}`);
    i += m[0].length;
    return JSON.parse(m[0]) as unknown;
  };
  if (text.charCodeAt(0) === 0xfeff) i = 1;
  const value = val('');
  ws();
  if (i < text.length) fail('unexpected content after the JSON value');
  return {
    value,
    locate(path, key = false) {
      const p = path.map((x) => `/${String(x)}`).join('');
      const off = (key ? keyPos : valuePos).get(p);
      return off === undefined ? undefined : offsetToLoc(text, off);
    },
  };
}

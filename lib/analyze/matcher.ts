/**
 * Aho–Corasick multi-pattern matcher over UTF-16 code units, built from the
 * compiled term list at load time. Pure and browser-safe.
 *
 * Layout (typed arrays only; no allocation per scanned char):
 * - `classOf[codeUnit]` → dense alphabet class (0 = unit occurs in no term → back to root)
 * - root transitions: dense table `rootNext[class]`
 * - other states: edges in CSR form (`edgeStart`, `edgeCls` sorted, `edgeTo`)
 * - `fail` links; own outputs per state in CSR (`ownStart`, `ownTerm`), and a
 *   dictionary-suffix link `dict[state]` to the nearest fail-ancestor with outputs.
 * Build is linear after one sort (skipped when the terms are already sorted, as the
 * compiler emits them).
 */
/** The matcher's arrays; `alphabet[k - 1]` is the code unit of class k. Built by `buildMatcherData`. */
export type MatcherData = {
  termCount: number;
  stateCount: number;
  alphabet: Uint16Array;
  rootNext: Int32Array;
  edgeStart: Int32Array;
  edgeCls: Uint16Array;
  edgeTo: Int32Array;
  fail: Int32Array;
  ownStart: Int32Array;
  ownTerm: Int32Array;
  dict: Int32Array;
  emits: Uint8Array;
  termLen: Int32Array;
};

/** Child of state u (u ≠ 0) on class cls, 0 when none: edges are sorted by class. */
function childOf(edgeStart: Int32Array, edgeCls: Uint16Array, edgeTo: Int32Array, u: number, cls: number): number {
  let lo = edgeStart[u]!;
  let hi = edgeStart[u + 1]!;
  if (hi - lo <= 8) {
    for (; lo < hi; lo++) {
      const c = edgeCls[lo]!;
      if (c === cls) return edgeTo[lo]!;
      if (c > cls) return 0;
    }
    return 0;
  }
  hi--;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const c = edgeCls[mid]!;
    if (c === cls) return edgeTo[mid]!;
    if (c < cls) lo = mid + 1;
    else hi = mid - 1;
  }
  return 0;
}

/** Build the automaton for `terms` (term index = position in `terms`). */
export function buildMatcherData(terms: readonly string[]): MatcherData {
  const T = terms.length;
  const termLen = new Int32Array(T);
  const classOf = new Uint16Array(65536);
  let alpha = 0;
  let totalLen = 0;
  let sorted = true;
  for (let t = 0; t < T; t++) {
    const s = terms[t]!;
    termLen[t] = s.length;
    totalLen += s.length;
    if (t > 0 && terms[t - 1]! > s) sorted = false;
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (classOf[c] === 0) classOf[c] = ++alpha;
    }
  }
  if (alpha >= 65535) throw new Error('matcher alphabet too large');
  let order: ArrayLike<number>;
  if (sorted) {
    const o = new Int32Array(T);
    for (let t = 0; t < T; t++) o[t] = t;
    order = o;
  } else {
    order = Array.from({ length: T }, (_, i) => i).sort((a, b) => {
      const x = terms[a]!;
      const y = terms[b]!;
      return x < y ? -1 : x > y ? 1 : a - b;
    });
  }
  // Trie: sorted insertion makes each node's children appear in increasing code-unit
  // order, contiguous in creation order per parent (first-child / next-sibling lists).
  const maxStates = totalLen + 1;
  const firstChild = new Int32Array(maxStates).fill(-1);
  const lastChild = new Int32Array(maxStates).fill(-1);
  const nextSibling = new Int32Array(maxStates).fill(-1);
  const label = new Uint16Array(maxStates);
  const termState = new Int32Array(T);
  const ownCount = new Int32Array(maxStates + 1);
  let states = 1;
  const path: number[] = [0]; // path[i] = state after i chars of prev
  let prev = '';
  for (let k = 0; k < T; k++) {
    const t = order[k]!;
    const s = terms[t]!;
    if (s.length === 0) {
      termState[t] = -1;
      continue;
    }
    let p = 0;
    const lim = Math.min(prev.length, s.length);
    while (p < lim && prev.charCodeAt(p) === s.charCodeAt(p)) p++;
    let node = path[p]!;
    path.length = p + 1;
    for (let i = p; i < s.length; i++) {
      const v = states++;
      label[v] = classOf[s.charCodeAt(i)]!;
      if (lastChild[node]! < 0) firstChild[node] = v;
      else nextSibling[lastChild[node]!] = v;
      lastChild[node] = v;
      node = v;
      path.push(v);
    }
    termState[t] = node;
    ownCount[node]!++;
    prev = s;
  }
  // CSR edges. Children were appended in increasing code-unit order, but classes are
  // numbered by first appearance, so sort each child list by class (small lists).
  const edgeStart = new Int32Array(states + 1);
  const edgeCls = new Uint16Array(Math.max(1, states - 1));
  const edgeTo = new Int32Array(Math.max(1, states - 1));
  const rootNext = new Int32Array(alpha + 1);
  let e = 0;
  for (let u = 0; u < states; u++) {
    edgeStart[u] = e;
    const from = e;
    for (let v = firstChild[u]!; v >= 0; v = nextSibling[v]!) {
      // insertion sort by class
      const c = label[v]!;
      let j = e++;
      while (j > from && edgeCls[j - 1]! > c) {
        edgeCls[j] = edgeCls[j - 1]!;
        edgeTo[j] = edgeTo[j - 1]!;
        j--;
      }
      edgeCls[j] = c;
      edgeTo[j] = v;
      if (u === 0) rootNext[c] = v;
    }
  }
  edgeStart[states] = e;
  // own outputs (CSR)
  const ownStart = new Int32Array(states + 1);
  for (let u = 0; u < states; u++) ownStart[u + 1] = ownStart[u]! + ownCount[u]!;
  const fillPos = ownStart.slice(0, states);
  const ownTerm = new Int32Array(Math.max(1, ownStart[states]!));
  for (let t = 0; t < T; t++) {
    const st = termState[t]!;
    if (st >= 0) ownTerm[fillPos[st]!++] = t;
  }
  // fail + dictionary links (BFS)
  const fail = new Int32Array(states);
  const dict = new Int32Array(states);
  const emits = new Uint8Array(states);
  const queue = new Int32Array(states);
  let qh = 0;
  let qt = 0;
  for (let k = edgeStart[0]!; k < edgeStart[1]!; k++) {
    const v = edgeTo[k]!;
    queue[qt++] = v;
    if (ownCount[v]! > 0) emits[v] = 1;
  }
  while (qh < qt) {
    const u = queue[qh++]!;
    for (let k = edgeStart[u]!; k < edgeStart[u + 1]!; k++) {
      const v = edgeTo[k]!;
      const cls = edgeCls[k]!;
      let f = fail[u]!;
      let target = 0;
      for (;;) {
        const nx = f === 0 ? rootNext[cls]! : childOf(edgeStart, edgeCls, edgeTo, f, cls);
        if (nx > 0) {
          target = nx;
          break;
        }
        if (f === 0) break;
        f = fail[f]!;
      }
      fail[v] = target;
      dict[v] = ownCount[target]! > 0 ? target : dict[target]!;
      if (ownCount[v]! > 0 || dict[v] !== 0) emits[v] = 1;
      queue[qt++] = v;
    }
  }
  const alphabet = new Uint16Array(alpha);
  for (let c = 0; c < 65536; c++) if (classOf[c] !== 0) alphabet[classOf[c]! - 1] = c;
  return { termCount: T, stateCount: states, alphabet, rootNext, edgeStart, edgeCls, edgeTo, fail, ownStart, ownTerm, dict, emits, termLen };
}

export class Matcher {
  readonly termCount: number;
  readonly stateCount: number;
  private readonly classOf: Uint16Array;
  private readonly rootNext: Int32Array;
  private readonly edgeStart: Int32Array;
  private readonly edgeCls: Uint16Array;
  private readonly edgeTo: Int32Array;
  private readonly fail: Int32Array;
  private readonly ownStart: Int32Array;
  private readonly ownTerm: Int32Array;
  private readonly dict: Int32Array;
  /** 1 when the state has own outputs or a dictionary link. */
  private readonly emits: Uint8Array;
  readonly termLen: Int32Array;
  /** The arrays this matcher runs on (kept for snapshots: see lib/analyze/prepared.ts). */
  readonly data: MatcherData;
  /** Hits of the last scan: pairs (termIndex, endExclusive) in `hits[0 .. 2*hitCount)`. */
  hits: Int32Array = new Int32Array(64);
  hitCount = 0;

  /** From a term list (built now) or from data built earlier (a snapshot). */
  constructor(terms: readonly string[] | MatcherData) {
    const d = Array.isArray(terms) ? buildMatcherData(terms as readonly string[]) : (terms as MatcherData);
    this.data = d;
    this.termCount = d.termCount;
    this.stateCount = d.stateCount;
    const classOf = new Uint16Array(65536);
    for (let k = 0; k < d.alphabet.length; k++) classOf[d.alphabet[k]!] = k + 1;
    this.classOf = classOf;
    this.rootNext = d.rootNext;
    this.edgeStart = d.edgeStart;
    this.edgeCls = d.edgeCls;
    this.edgeTo = d.edgeTo;
    this.fail = d.fail;
    this.ownStart = d.ownStart;
    this.ownTerm = d.ownTerm;
    this.dict = d.dict;
    this.emits = d.emits;
    this.termLen = d.termLen;
  }

  private child(u: number, cls: number): number {
    return childOf(this.edgeStart, this.edgeCls, this.edgeTo, u, cls);
  }

  private emit(state: number, end: number): void {
    const ownStart = this.ownStart;
    for (let s = state; s !== 0; s = this.dict[s]!) {
      for (let k = ownStart[s]!; k < ownStart[s + 1]!; k++) {
        const h = this.hitCount * 2;
        if (h + 2 > this.hits.length) {
          const n = new Int32Array(this.hits.length * 2);
          n.set(this.hits);
          this.hits = n;
        }
        this.hits[h] = this.ownTerm[k]!;
        this.hits[h + 1] = end;
        this.hitCount++;
      }
    }
  }

  /** Scan code units buf[0..n); hits land in `hits`/`hitCount`. Returns hitCount. */
  scan(buf: Uint16Array, n: number): number {
    this.hitCount = 0;
    const classOf = this.classOf;
    const rootNext = this.rootNext;
    const fail = this.fail;
    const emits = this.emits;
    let state = 0;
    for (let i = 0; i < n; i++) {
      const cls = classOf[buf[i]!]!;
      if (cls === 0) {
        state = 0;
        continue;
      }
      let nx = 0;
      while (state !== 0) {
        nx = this.child(state, cls);
        if (nx !== 0) break;
        state = fail[state]!;
      }
      state = state === 0 ? rootNext[cls]! : nx;
      if (emits[state] === 1) this.emit(state, i + 1);
    }
    return this.hitCount;
  }

  /** Same as scan, over a string. */
  scanString(s: string): number {
    this.hitCount = 0;
    const classOf = this.classOf;
    const rootNext = this.rootNext;
    const fail = this.fail;
    const emits = this.emits;
    let state = 0;
    const n = s.length;
    for (let i = 0; i < n; i++) {
      const cls = classOf[s.charCodeAt(i)]!;
      if (cls === 0) {
        state = 0;
        continue;
      }
      let nx = 0;
      while (state !== 0) {
        nx = this.child(state, cls);
        if (nx !== 0) break;
        state = fail[state]!;
      }
      state = state === 0 ? rootNext[cls]! : nx;
      if (emits[state] === 1) this.emit(state, i + 1);
    }
    return this.hitCount;
  }

  /** Convenience: all matches as {term, start, end}. */
  findAll(s: string): { term: number; start: number; end: number }[] {
    const c = this.scanString(s);
    const r: { term: number; start: number; end: number }[] = [];
    for (let k = 0; k < c; k++) {
      const t = this.hits[2 * k]!;
      const e = this.hits[2 * k + 1]!;
      r.push({ term: t, start: e - this.termLen[t]!, end: e });
    }
    return r;
  }
}

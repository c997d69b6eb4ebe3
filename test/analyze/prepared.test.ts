/**
 * The compiled artifact carries the analyzer's derived tables (lib/analyze/prepared.ts) so that a
 * service-worker restart does not rebuild the automaton. The snapshot must behave exactly like the
 * tables built at load time, and a damaged or outdated snapshot must be ignored, never trusted.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createAnalyzer } from '../../lib/analyze/index';
import { buildTables } from '../../lib/analyze/normalize';
import { decodePrepared, encodePrepared, entryTexts, prepare, PREPARED_VERSION } from '../../lib/analyze/prepared';
import type { CompiledLexicon } from '../../lib/lexicon/compiled';
import type { AnalyzeContext, Finding } from '../../lib/analyze/types';
import { realCompiled } from '../lexicon/real';

const corpusTexts = (): { text: string; ctx: AnalyzeContext }[] => {
  const dir = join(import.meta.dirname, '..', 'corpus');
  const out: { text: string; ctx: AnalyzeContext }[] = [];
  for (const f of ['enforcement-cases.jsonl', 'evasions.jsonl', 'lawful-traps.jsonl', 'news-reported-claims.jsonl']) {
    for (const line of readFileSync(join(dir, f), 'utf8').split('\n')) {
      if (!line.trim()) continue;
      const item = JSON.parse(line) as { text: string; channel: AnalyzeContext['channel']; context?: { productCategory?: string; productTitle?: string } };
      out.push({ text: item.text, ctx: { channel: item.channel, productTitle: item.context?.productTitle } });
    }
  }
  return out;
};

const findingsOf = (c: CompiledLexicon, items: { text: string; ctx: AnalyzeContext }[]): Finding[][] => {
  const a = createAnalyzer(c);
  return items.map(({ text, ctx }) => a.analyze(text, ctx));
};

describe('prepared tables in the compiled artifact', () => {
  const compiled = realCompiled();

  it('the compile step stores a snapshot of the current version, equal to the tables built at load time', () => {
    expect(compiled.prepared?.version).toBe(PREPARED_VERSION);
    const fresh = prepare(compiled, buildTables(compiled.fold));
    expect(encodePrepared(fresh)).toEqual(compiled.prepared);
    const decoded = decodePrepared(compiled.prepared, entryTexts(compiled).length)!;
    expect(decoded).toBeDefined();
    expect(decoded.main.edgeTo).toEqual(fresh.main.edgeTo);
    expect(decoded.mainEntryId).toEqual(fresh.mainEntryId);
    expect(decoded.symbols).toBe(fresh.symbols);
  });

  it('an analyzer loaded from the snapshot finds exactly what one that builds its tables finds', () => {
    const items = corpusTexts();
    items.push(
      { text: '这款是全网最低价，zui低价，加vx私聊💯有效', ctx: { channel: 'caption' } },
      { text: '第一次来直播间的宝宝，這款是國家級產品', ctx: { channel: 'caption' } },
      // whole-token edges: "0风险" is a claim, the "0风险" inside "10风险" is not
      { text: '0风险投资', ctx: { channel: 'caption' } },
      { text: '波动约10风险等级R3', ctx: { channel: 'caption' } },
    );
    const withSnapshot = findingsOf(compiled, items);
    const withoutSnapshot = findingsOf({ ...compiled, prepared: undefined }, items);
    expect(withSnapshot.flat().length).toBeGreaterThan(100);
    expect(withSnapshot).toEqual(withoutSnapshot);
  });

  it('survives JSON (the artifact is a JSON file)', () => {
    const viaJson = JSON.parse(JSON.stringify(compiled)) as CompiledLexicon;
    expect(decodePrepared(viaJson.prepared, entryTexts(viaJson).length)).toBeDefined();
    const a = createAnalyzer(viaJson);
    expect(a.analyze('全网最低价', { channel: 'caption' }).map((f) => f.category)).toContain('price_fraud');
  });

  it('a snapshot of another version, damaged, or for other entries is ignored and the analyzer still works', () => {
    const n = entryTexts(compiled).length;
    const p = compiled.prepared!;
    expect(decodePrepared({ ...p, version: PREPARED_VERSION + 1 }, n)).toBeUndefined();
    expect(decodePrepared({ ...p, arrays: { ...p.arrays, 'main.fail': p.arrays['main.fail']!.slice(0, -4) } }, n)).toBeUndefined();
    expect(decodePrepared({ ...p, arrays: { ...p.arrays, 'main.edgeTo': '!!!!' } }, n)).toBeUndefined();
    const { ['main.dict']: _dropped, ...rest } = p.arrays;
    expect(decodePrepared({ ...p, arrays: rest }, n)).toBeUndefined();
    expect(decodePrepared(p, n + 1)).toBeUndefined();
    // an analyzer given a damaged snapshot builds its own tables and finds the same
    const damaged = { ...compiled, prepared: { ...p, arrays: { ...p.arrays, 'main.fail': 'AAAA' } } };
    const items = [{ text: '全网最低价，最好的面霜，加微信', ctx: { channel: 'caption' } as AnalyzeContext }];
    expect(findingsOf(damaged, items)).toEqual(findingsOf(compiled, items));
    expect(findingsOf(damaged, items)[0]!.length).toBeGreaterThan(0);
  });
});

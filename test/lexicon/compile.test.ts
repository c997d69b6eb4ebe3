import { describe, expect, it } from 'vitest';
import { createAnalyzer } from '../../lib/analyze/index';
import { compileLexicon, pinyinForms } from '../../lib/lexicon/compile';
import { FORMAT_VERSION, loadCompiledLexicon, unpackTerms } from '../../lib/lexicon/compiled';
import { LexiconError } from '../../lib/lexicon/parse';
import { fixtureCompiled, fixtureSources } from '../analyze/fixture';

describe('compileLexicon', () => {
  it('is deterministic', () => {
    const a = JSON.stringify(compileLexicon(fixtureSources()).lexicon);
    const b = JSON.stringify(compileLexicon([...fixtureSources()].reverse()).lexicon);
    expect(a).toBe(b);
  });

  it('lexiconVersion is a short hex content hash that changes with content', () => {
    const v1 = fixtureCompiled().lexiconVersion;
    expect(v1).toMatch(/^[0-9a-f]{8,16}$/);
    const src = fixtureSources();
    src[0]!.text = src[0]!.text.replace('最强', '最牛');
    expect(compileLexicon(src, { jiebaDict: false }).lexicon.lexiconVersion).not.toBe(v1);
  });

  it('carries rule metadata, terms, pinyin forms and containers', () => {
    const c = fixtureCompiled();
    expect(c.formatVersion).toBe(FORMAT_VERSION);
    const r = c.rules.find((x) => x.id === 'abs.zui_superlative')!;
    expect(r.category).toBe('absolute_terms');
    expect(r.legalBasis[0]).toEqual({ law: '广告法', article: '9', item: '3' });
    const terms = new Map(unpackTerms(c).map((t) => [t[0], t]));
    expect(terms.get('最佳')![2]).toBe('trigger');
    expect(terms.get('zuijia')![2]).toBe('pinyin');
    expect(terms.get('zui佳')![2]).toBe('pinyin');
    expect(terms.get('最jia')![2]).toBe('pinyin');
    expect(terms.get('醉佳')![2]).toBe('homophone');
    expect(terms.get('加vx')![2]).toBe('variant');
    expect(c.containers).toContain('第一次');
    expect(c.containers).toContain('第一步');
    expect(c.containers).not.toContain('第一');
    // a term shared by two rules lists both
    const shared = terms.get('全网最低价')!;
    expect(shared[1].length).toBe(1);
  });

  it('pinyin forms skip short forms and common English words', () => {
    const f = pinyinForms('唯一');
    expect(f).toContain('weiyi');
    expect(f).toContain('wei一');
    expect(f).not.toContain('唯yi');
    expect(pinyinForms('最佳')).toEqual(expect.arrayContaining(['zuijia', 'zui佳', '最jia']));
    expect(pinyinForms('王')).toEqual([]);
  });

  it('rejects duplicate ids across files', () => {
    const src = fixtureSources();
    const dup = JSON.parse(src[1]!.text) as { rules: { id: string }[] };
    dup.rules[0]!.id = 'abs.first_only';
    src[1]!.text = JSON.stringify(dup);
    expect(() => compileLexicon(src, { jiebaDict: false })).toThrow(/duplicate rule id abs\.first_only/);
  });

  it('rejects a file whose name is not its category', () => {
    const src = fixtureSources();
    src[0]!.path = 'lexicons/absolute.json';
    expect(() => compileLexicon(src, { jiebaDict: false })).toThrow(LexiconError);
  });

  it('the loader checks formatVersion', () => {
    const json = JSON.parse(JSON.stringify(fixtureCompiled())) as { formatVersion: number };
    expect(() => loadCompiledLexicon(json)).not.toThrow();
    json.formatVersion = FORMAT_VERSION + 1;
    expect(() => loadCompiledLexicon(json)).toThrow(
      `compiled lexicon format ${FORMAT_VERSION + 1}, expected ${FORMAT_VERSION}: run npm run lexicon:compile`,
    );
    expect(() => loadCompiledLexicon({})).toThrow(/run npm run lexicon:compile/);
  });

  it('a compiled lexicon survives JSON round trip and builds an analyzer', () => {
    const c = loadCompiledLexicon(JSON.parse(JSON.stringify(fixtureCompiled())) as unknown);
    const a = createAnalyzer(c);
    expect(a.analyze('这款是最好的', { channel: 'caption' })[0]?.ruleId).toBe('abs.zui_superlative');
  });
});

import { describe, expect, it } from 'vitest';
import { LexiconError, parseLexiconFile } from '../../lib/lexicon/parse';

const good = {
  category: 'absolute_terms',
  title: { zh: '绝对化用语', en: 'Absolute terms' },
  description: 'test',
  rules: [
    {
      id: 'abs.one',
      triggers: ['最好'],
      severity: 'medium',
      legalBasis: [{ law: '广告法', article: '9', item: '3' }],
      explanation: { zh: '绝对化', en: 'absolute' },
      channels: ['caption'],
      positive: ['最好的'],
      negative: ['最近'],
      sources: ['广告法'],
    },
    {
      id: 'abs.two',
      triggers: ['第一'],
      severity: 'medium',
      legalBasis: [{ law: '广告法', article: '9', item: '3' }],
      explanation: { zh: '绝对化', en: 'absolute' },
      channels: ['caption'],
      positive: ['第一'],
      negative: ['第一次'],
      sources: ['广告法'],
    },
  ],
};

function text(o: unknown): string {
  return `${JSON.stringify(o, null, 2)}\n`;
}

function lineOf(t: string, needle: string): number {
  return t.slice(0, t.indexOf(needle)).split('\n').length;
}

function expectError(t: string, path: string): LexiconError {
  try {
    parseLexiconFile(t, path);
  } catch (e) {
    expect(e).toBeInstanceOf(LexiconError);
    return e as LexiconError;
  }
  throw new Error('expected a LexiconError');
}

describe('parseLexiconFile', () => {
  it('parses a valid file and fills defaults', () => {
    const f = parseLexiconFile(text(good), 'lexicons/absolute_terms.json');
    expect(f.rules[0]!.variants).toEqual([]);
    expect(f.rules[0]!.status).toBe('suspected');
  });

  it('malformed JSON: names path, line, column and the enclosing rule id', () => {
    const t = text(good).replace('"第一次"', '"第一次",,');
    const e = expectError(t, 'lexicons/absolute_terms.json');
    expect(e.message).toContain('lexicons/absolute_terms.json:');
    expect(e.line).toBe(lineOf(t, '"第一次",,'));
    expect(e.ruleId).toBe('abs.two');
    expect(e.message).toContain('abs.two');
    expect(e.message).toMatch(/:\d+:\d+/);
  });

  it('truncated JSON', () => {
    const t = text(good).slice(0, 200);
    const e = expectError(t, 'x.json');
    expect(e.line).toBeGreaterThan(1);
    expect(e.message).toContain('x.json:');
  });

  it('unknown key: line of the key and the rule id', () => {
    const o = structuredClone(good) as { rules: Record<string, unknown>[] };
    o.rules[1]!.trigger = ['typo'];
    const t = text(o);
    const e = expectError(t, 'lexicons/absolute_terms.json');
    expect(e.ruleId).toBe('abs.two');
    expect(e.line).toBe(lineOf(t, '"trigger":'));
    expect(e.message).toContain('"trigger"');
    expect(e.message).toContain(`absolute_terms.json:${e.line}:`);
  });

  it('bad regex: line of the pattern and the rule id', () => {
    const o = structuredClone(good) as { rules: Record<string, unknown>[] };
    o.rules[1]!.patterns = ['第一(次'];
    o.rules[1]!.anchors = ['第一'];
    const t = text(o);
    const e = expectError(t, 'lexicons/absolute_terms.json');
    expect(e.ruleId).toBe('abs.two');
    expect(e.line).toBe(lineOf(t, '"第一(次"'));
    expect(e.message).toContain('regular expression');
  });

  it('duplicate id: line of the second occurrence', () => {
    const o = structuredClone(good) as { rules: Record<string, unknown>[] };
    o.rules[1]!.id = 'abs.one';
    const t = text(o);
    const e = expectError(t, 'lexicons/absolute_terms.json');
    expect(e.ruleId).toBe('abs.one');
    expect(e.message).toContain('duplicate');
    expect(e.line).toBe(t.split('\n').findIndex((l, i) => l.includes('"abs.one"') && i > lineOf(t, '"abs.one"')) + 1);
  });

  it('wrong enum value names the field', () => {
    const o = structuredClone(good) as { rules: Record<string, unknown>[] };
    o.rules[0]!.severity = 'huge';
    const t = text(o);
    const e = expectError(t, 'a.json');
    expect(e.ruleId).toBe('abs.one');
    expect(e.line).toBe(lineOf(t, '"huge"'));
    expect(e.message).toContain('severity');
  });

  it('patterns without anchors are rejected', () => {
    const o = structuredClone(good) as { rules: Record<string, unknown>[] };
    o.rules[0]!.patterns = ['最好'];
    const e = expectError(text(o), 'a.json');
    expect(e.ruleId).toBe('abs.one');
    expect(e.message).toContain('anchors');
  });
});

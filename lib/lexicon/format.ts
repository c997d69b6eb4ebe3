/**
 * Canonical form of a lexicon source file: keys in schema order, rules sorted
 * by id, every field present (defaults written out), 2-space indent, LF, trailing newline.
 */
import type { LexiconFile, Rule } from './schema';

function canonicalRule(r: Rule): Record<string, unknown> {
  return {
    id: r.id,
    triggers: r.triggers,
    variants: r.variants,
    patterns: r.patterns,
    anchors: r.anchors,
    requiresNearby: r.requiresNearby,
    severity: r.severity,
    status: r.status,
    legalBasis: r.legalBasis.map((lb) =>
      lb.item === undefined ? { law: lb.law, article: lb.article } : { law: lb.law, article: lb.article, item: lb.item },
    ),
    explanation: { zh: r.explanation.zh, en: r.explanation.en },
    channels: r.channels,
    onlyFor: r.onlyFor,
    notFor: r.notFor,
    exemptions: r.exemptions.map((e) => ({ pattern: e.pattern, effect: e.effect, reason: e.reason })),
    positive: r.positive,
    negative: r.negative,
    sources: r.sources,
  };
}

export function formatLexiconFile(file: LexiconFile): string {
  const rules = [...file.rules].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const o = {
    category: file.category,
    title: { zh: file.title.zh, en: file.title.en },
    description: file.description,
    rules: rules.map(canonicalRule),
  };
  return `${JSON.stringify(o, null, 2)}\n`;
}

/** First differing line between two texts, for test messages (undefined when equal). */
export function firstDifference(a: string, b: string): { line: number; actual: string; expected: string } | undefined {
  if (a === b) return undefined;
  const x = a.split('\n');
  const y = b.split('\n');
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    if (x[i] !== y[i]) return { line: i + 1, actual: x[i] ?? '<eof>', expected: y[i] ?? '<eof>' };
  }
  return { line: x.length, actual: '', expected: '' };
}

/**
 * Every positive example of every rule yields a finding with that rule id
 * (suspected or needs_facts); no negative example yields a suspected finding
 * with that rule id. Runs over whatever lexicons/*.json exist.
 */
import { describe, expect, it } from 'vitest';
import { createAnalyzer } from '../../lib/analyze/index';
import type { AnalyzeContext } from '../../lib/analyze/types';
import { parseLexiconFile } from '../../lib/lexicon/parse';
import type { Rule } from '../../lib/lexicon/schema';
import { realCompiled, realFiles } from './real';

function contextFor(rule: Rule): AnalyzeContext {
  // examples are advertiser speech; use the rule's first non-comment channel
  const channel = rule.channels.find((c) => c !== 'comment') ?? rule.channels[0]!;
  const ctx: AnalyzeContext = { channel };
  if (rule.onlyFor.length) ctx.productCategory = rule.onlyFor[0];
  return ctx;
}

describe('lexicon examples', () => {
  const files = realFiles();
  if (files.length === 0) {
    it.skip('no lexicon files yet', () => {});
    return;
  }
  const analyzer = createAnalyzer(realCompiled());
  for (const f of files) {
    const file = parseLexiconFile(f.text, f.path);
    describe(f.name, () => {
      for (const rule of file.rules) {
        it(rule.id, () => {
          const failures: string[] = [];
          const ctx = contextFor(rule);
          for (const ex of rule.positive) {
            const hit = analyzer
              .analyze(ex, ctx)
              .some((x) => x.ruleId === rule.id && (x.status === 'suspected' || x.status === 'needs_facts'));
            if (!hit) failures.push(`${f.name} ${rule.id}: positive example not flagged: ${JSON.stringify(ex)}`);
          }
          for (const ex of rule.negative) {
            const bad = analyzer.analyze(ex, ctx).find((x) => x.ruleId === rule.id && x.status === 'suspected');
            if (bad)
              failures.push(
                `${f.name} ${rule.id}: negative example flagged: ${JSON.stringify(ex)} (match ${JSON.stringify(bad.match)})`,
              );
          }
          expect(failures, failures.join('\n')).toEqual([]);
        });
      }
    });
  }
});

import { createAnalyzer } from '/work/main/lib/analyze/index';
import { realCompiled } from '/work/main/test/lexicon/real';
const a = createAnalyzer(realCompiled(), { debug: true } as never);
for (const t of process.argv.slice(2)) console.log(t, JSON.stringify(a.analyze(t, { channel: 'caption' }).map((f) => f.ruleId + ':' + f.match + ':' + f.status)), JSON.stringify((a as any).lastSuppressed?.()?.map((x: any) => x.ruleId + ':' + x.reason) ?? ''));

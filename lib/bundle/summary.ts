/**
 * Counts over one or more verified bundles: findings by platform, shop, host,
 * category and severity (findings deduplicated by finding id; records by
 * content hash). Optional CSV (UTF-8 with BOM).
 *
 * Usage: const s = summarize([await readBundle(a), ...]); summaryCsv(s); summaryText(s);
 *
 * Main exports: summarize, summaryCsv, summaryText, Summary, SUMMARY_DIMENSIONS.
 */
import type { ReadOk } from './read';
import { CATEGORY_ZH, PLATFORM_ZH, SEVERITY_ZH, csv, findingViews, type BundleRecord } from './views';

export const SUMMARY_DIMENSIONS = ['platform', 'shop', 'host', 'category', 'severity'] as const;
export type Dimension = (typeof SUMMARY_DIMENSIONS)[number];

export interface Summary {
  bundles: number;
  records: number;
  findings: number;
  counts: Record<Dimension, { key: string; count: number }[]>;
}

const LABELS: Record<Dimension, [string, Record<string, string> | null]> = {
  platform: ['平台 Platform', PLATFORM_ZH],
  shop: ['店铺 Shop', null],
  host: ['主播 Host', null],
  category: ['类别 Category', CATEGORY_ZH],
  severity: ['严重程度 Severity', SEVERITY_ZH],
};

export function summarize(bundles: readonly Pick<ReadOk, 'records'>[]): Summary {
  const byHash = new Map<string, BundleRecord>();
  for (const b of bundles) for (const r of b.records) if (!byHash.has(r.contentHash)) byHash.set(r.contentHash, r);
  const views = findingViews([...byHash.values()]);
  const counts = {} as Summary['counts'];
  for (const dim of SUMMARY_DIMENSIONS) {
    const m = new Map<string, number>();
    for (const v of views) {
      const key = v[dim] || '(none)';
      m.set(key, (m.get(key) ?? 0) + 1);
    }
    counts[dim] = [...m].map(([key, count]) => ({ key, count })).sort((a, b) => b.count - a.count || (a.key < b.key ? -1 : 1));
  }
  return { bundles: bundles.length, records: byHash.size, findings: views.length, counts };
}

const label = (dim: Dimension, key: string) => {
  const t = LABELS[dim][1];
  return t && t[key] ? `${t[key]} (${key})` : key;
};

export function summaryCsv(s: Summary): string {
  return csv([
    ['维度 Dimension', '值 Value', '问题数 Findings'],
    ...SUMMARY_DIMENSIONS.flatMap((dim) => s.counts[dim].map((c) => [dim, label(dim, c.key), String(c.count)])),
  ]);
}

export function summaryText(s: Summary): string {
  const out = [`${s.bundles} bundle(s), ${s.records} record(s), ${s.findings} finding(s)`];
  for (const dim of SUMMARY_DIMENSIONS) {
    out.push('', `${LABELS[dim][0]}:`);
    for (const c of s.counts[dim]) out.push(`  ${String(c.count).padStart(5)}  ${label(dim, c.key)}`);
  }
  return `${out.join('\n')}\n`;
}

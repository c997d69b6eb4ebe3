/** Turns the background's TabState into the popup's props. Pure. */
import type { FindingGroupView, HitView } from '../components/FindingItem';
import type { ProductView, RoomView } from '../components/RoomPanel';
import { categoryName } from './categories';
import type { FindingRow } from './evidence/db';
import type { TabState } from './evidence/store';
import { messages, type Lang } from './i18n';
import { formatLegalRefs } from './legal';
import { SEVERITY_ORDER, type SeverityName } from './severity';

export interface PopupView {
  room: RoomView | null;
  product: ProductView | null;
  eventCount: number;
  findingCount: number;
  snapshotCount: number;
  counts: { severity: string; label: string; n: number }[];
  groups: FindingGroupView[];
  paused: boolean;
  warnings: string[];
}

const timeFormats = new Map<Lang, Intl.DateTimeFormat>();

/** Clock time of a finding. One formatter per language (toLocaleTimeString builds a new one on every call). */
export function formatTime(ms: number, lang: Lang): string {
  let f = timeFormats.get(lang);
  if (!f) timeFormats.set(lang, (f = new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'zh-CN', { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false })));
  return f.format(ms);
}

/** Findings grouped by the line they were found in, newest line first; worst hit first within a line. */
export function groupFindings(findings: FindingRow[], lang: Lang): FindingGroupView[] {
  const groups = new Map<string, FindingGroupView & { at: number }>();
  for (const f of findings) {
    const key = `${f.eventId}:${f.channel}`;
    let g = groups.get(key);
    if (!g) {
      g = { key, text: f.text, channel: f.channel, time: formatTime(f.observedAt, lang), hits: [], at: f.observedAt };
      groups.set(key, g);
    }
    const hit: HitView = {
      id: f.id,
      start: f.start,
      end: f.end,
      category: f.category,
      categoryName: categoryName(f.category, lang),
      severity: f.severity as HitView['severity'],
      status: f.status as HitView['status'],
      legalBasis: formatLegalRefs(f.legalBasis),
      explanation: lang === 'en' ? f.explanation.en : f.explanation.zh,
    };
    g.hits.push(hit);
  }
  const out = [...groups.values()].sort((a, b) => b.at - a.at);
  for (const g of out) {
    g.hits.sort((a, b) => SEVERITY_ORDER[b.severity] - SEVERITY_ORDER[a.severity] || a.end - a.start - (b.end - b.start) || a.start - b.start);
    // Within one category, a hit inside a longer or more severe hit says nothing new: show it once.
    g.hits = g.hits.filter((h, i) => !g.hits.some((o, j) => j < i && o.category === h.category && o.start <= h.start && o.end >= h.end));
  }
  return out.map(({ at: _at, ...g }) => g);
}

export function toPopupView(state: TabState, lang: Lang, opts: { screenshotsGranted?: boolean } = {}): PopupView {
  const t = messages(lang);
  const s = state.session;
  const warnings: string[] = [];
  if (state.screenshotsOff) warnings.push(t.storageFull);
  if (opts.screenshotsGranted === false && s) warnings.push(t.screenshotsNeedGrant);
  if (state.paused) warnings.push(t.paused);
  if (!s) return { room: null, product: null, eventCount: 0, findingCount: 0, snapshotCount: 0, counts: [], groups: [], paused: false, warnings };
  const p = s.product;
  const bySeverity = new Map<SeverityName, number>();
  for (const f of state.findings) bySeverity.set(f.severity as SeverityName, (bySeverity.get(f.severity as SeverityName) ?? 0) + 1);
  const counts = [...bySeverity.entries()]
    .sort((a, b) => SEVERITY_ORDER[b[0]] - SEVERITY_ORDER[a[0]])
    .map(([severity, n]) => ({ severity, label: t[severity], n }));
  return {
    room: { platform: s.platform, host: s.host, title: s.title, roomId: s.roomId, url: s.url },
    product: p
      ? {
          title: p.title,
          ...(p.price !== undefined ? { price: p.price.toFixed(2) } : {}),
          ...(p.originalPrice !== undefined ? { originalPrice: p.originalPrice.toFixed(2) } : {}),
          ...(p.shop ? { shop: p.shop } : {}),
        }
      : null,
    eventCount: state.eventCount,
    findingCount: state.findingCount,
    snapshotCount: state.snapshotCount,
    counts,
    groups: groupFindings(state.findings, lang),
    paused: state.paused,
    warnings,
  };
}

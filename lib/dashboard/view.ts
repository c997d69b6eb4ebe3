/** Pure mapping from evidence rows to the dashboard's view props. */
import type { SessionRowView, FilterView } from '../../components/dashboard/SessionList';
import type { TimelineRowView } from '../../components/dashboard/Timeline';
import type { SnapshotView } from '../../components/dashboard/SnapshotCard';
import { categoryName } from '../categories';
import type { ChainRow, SnapshotRow } from '../evidence/db';
import type { SessionFilter, SessionSummary, TimelineItem } from '../evidence/query';
import type { Lang } from '../i18n';
import { formatLegalRefs } from '../legal';
import type { SeverityName } from '../severity';

const fmt = (ms: number, lang: Lang) =>
  new Date(ms).toLocaleString(lang === 'en' ? 'en-GB' : 'zh-CN', { hour12: false });
const fmtTime = (ms: number, lang: Lang) => new Date(ms).toLocaleTimeString(lang === 'en' ? 'en-GB' : 'zh-CN', { hour12: false });

export const EMPTY_FILTER: FilterView = { platform: '', host: '', shop: '', category: '', severity: '', from: '', to: '', text: '' };

export function toSessionFilter(f: FilterView): SessionFilter {
  const day = (s: string, end: boolean) => (s ? Date.parse(`${s}T${end ? '23:59:59.999' : '00:00:00'}`) : undefined);
  const from = day(f.from, false);
  const to = day(f.to, true);
  return {
    ...(f.platform ? { platform: f.platform } : {}),
    ...(f.host ? { host: f.host } : {}),
    ...(f.shop ? { shop: f.shop } : {}),
    ...(f.category ? { category: f.category } : {}),
    ...(f.severity ? { severity: f.severity as SeverityName } : {}),
    ...(from !== undefined ? { from } : {}),
    ...(to !== undefined ? { to } : {}),
    ...(f.text ? { text: f.text } : {}),
  };
}

export function sessionRows(list: SessionSummary[], lang: Lang): SessionRowView[] {
  return list.map(({ session: s, findingCount, snapshotCount, maxSeverity, categories }) => ({
    key: s.key,
    platform: s.platform,
    title: s.title,
    host: s.host,
    shop: s.product?.shop ?? '',
    roomId: s.roomId,
    when: fmt(s.startedAt, lang),
    eventCount: s.eventCount,
    findingCount,
    snapshotCount,
    maxSeverity,
    categories,
  }));
}

export function timelineRows(items: TimelineItem[], chain: Map<string, ChainRow>, lang: Lang): TimelineRowView[] {
  const rows: TimelineRowView[] = [];
  for (const it of items) {
    const time = fmtTime(it.at, lang);
    if (it.kind === 'snapshot') {
      rows.push({ kind: 'snapshot', id: it.snapshot.id, time, seq: chain.get(it.snapshot.id)?.seq ?? null, findingCount: it.snapshot.content?.findings.length ?? 0, deleted: it.snapshot.content === null });
      continue;
    }
    const e = it.event;
    if (e.kind === 'product') {
      rows.push({
        kind: 'product',
        id: e.id,
        time,
        title: e.payload.title,
        ...(e.payload.price !== undefined ? { price: e.payload.price.toFixed(2) } : {}),
        ...(e.payload.originalPrice !== undefined ? { originalPrice: e.payload.originalPrice.toFixed(2) } : {}),
      });
      continue;
    }
    const channel = e.kind === 'room' ? 'title' : e.kind;
    const text = e.kind === 'room' ? e.payload.title : e.payload.text;
    rows.push({
      kind: 'text',
      id: e.id,
      time,
      channel,
      text,
      hits: it.findings.filter((f) => f.channel === channel).map((f) => ({ start: f.start, end: f.end, label: categoryName(f.category, lang), severity: f.severity })),
    });
  }
  return rows;
}

export function snapshotView(row: SnapshotRow, link: ChainRow | undefined, screenshotUrl: string | null, notes: string[], lang: Lang, source?: string): SnapshotView | null {
  const c = row.content;
  if (!c) return null;
  const p = c.product;
  return {
    id: row.id,
    seq: link?.seq ?? null,
    capturedAt: c.capturedAt,
    trigger: c.trigger,
    room: `${c.room.platform} · ${c.room.title} · ${c.room.host} · ${c.room.roomId}`,
    product: p ? `${p.title}${p.price !== undefined ? ` ¥${p.price}` : ''}${p.originalPrice !== undefined ? (lang === 'en' ? ` (was ¥${p.originalPrice})` : `（原价 ¥${p.originalPrice}）`) : ''}${p.shop ? ` · ${p.shop}` : ''}` : '',
    screenshotUrl,
    ...(c.screenshotNote ? { screenshotNote: c.screenshotNote } : {}),
    sha256: c.screenshot?.sha256 ?? null,
    findings: c.findings.map((f) => ({
      id: f.id,
      quote: f.match,
      label: categoryName(f.category, lang),
      legal: formatLegalRefs(f.legalBasis),
      explanation: lang === 'en' ? f.explanation.en : f.explanation.zh,
    })),
    captions: c.captions.map((x) => ({ time: fmtTime(x.observedAt, lang), text: x.text })),
    notes,
    ...(source ? { source } : {}),
  };
}

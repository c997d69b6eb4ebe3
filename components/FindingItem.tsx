import type { Messages } from '../lib/i18n';

export type SeverityView = 'critical' | 'high' | 'medium' | 'low' | 'info';
export type StatusView = 'suspected' | 'needs_facts' | 'exempt_candidate';

export interface HitView {
  id: string;
  start: number;
  end: number;
  category: string;
  categoryName: string;
  severity: SeverityView;
  status: StatusView;
  legalBasis: string;
  explanation: string;
}

/** One line the host said (or the card showed) with every finding on it. */
export interface FindingGroupView {
  key: string;
  text: string;
  channel: string;
  time: string;
  hits: HitView[];
}

const STATUS_KEY = { suspected: 'suspected', needs_facts: 'needsFacts', exempt_candidate: 'exemptCandidate' } as const;

/** Splits text into plain and highlighted runs (overlapping hits merge). */
export function highlightRuns(text: string, spans: { start: number; end: number }[]): { text: string; hit: boolean }[] {
  const sorted = [...spans].filter((s) => s.end > s.start).sort((a, b) => a.start - b.start);
  const merged: { start: number; end: number }[] = [];
  for (const s of sorted) {
    const last = merged.at(-1);
    if (last && s.start <= last.end) last.end = Math.max(last.end, s.end);
    else merged.push({ ...s });
  }
  const out: { text: string; hit: boolean }[] = [];
  let pos = 0;
  for (const m of merged) {
    if (m.start > pos) out.push({ text: text.slice(pos, m.start), hit: false });
    out.push({ text: text.slice(m.start, m.end), hit: true });
    pos = m.end;
  }
  if (pos < text.length) out.push({ text: text.slice(pos), hit: false });
  return out;
}

export function FindingGroup({ g, t }: { g: FindingGroupView; t: Messages }) {
  const worst = g.hits[0]!.severity;
  return (
    <li className={`finding sev-${worst}`}>
      <div className="finding-head">
        <time>{g.time}</time>
        <span className="channel">{t[`channel_${g.channel}` as keyof Messages] ?? g.channel}</span>
      </div>
      <blockquote className="quote">
        {highlightRuns(g.text, g.hits).map((r, i) => (r.hit ? <mark key={i}>{r.text}</mark> : <span key={i}>{r.text}</span>))}
      </blockquote>
      <ul className="hits">
        {g.hits.map((h) => (
          <li key={h.id} data-category={h.category} data-severity={h.severity}>
            <span className={`sev sev-${h.severity}`}>{t[h.severity]}</span>{' '}
            <span className="status">{t[STATUS_KEY[h.status]]}</span>{' '}
            <strong className="category">{h.categoryName}</strong>「{g.text.slice(h.start, h.end)}」
            <p className="explanation">{h.explanation}</p>
            <p className="legal">
              {t.legalBasis}：{h.legalBasis}
            </p>
          </li>
        ))}
      </ul>
    </li>
  );
}

import type { Messages } from '../lib/i18n';

export interface FindingView {
  id: string;
  text: string;
  start: number;
  end: number;
  category: string;
  severity: 'critical' | 'high' | 'medium' | 'low' | 'info';
  status: 'suspected' | 'needs_facts' | 'exempt_candidate';
  legalBasis: string;
  explanation: string;
  time: string;
}

const STATUS_KEY = { suspected: 'suspected', needs_facts: 'needsFacts', exempt_candidate: 'exemptCandidate' } as const;

/** One finding: the quoted text with the hit highlighted, its rule and legal basis. */
export function FindingItem({ f, t }: { f: FindingView; t: Messages }) {
  const before = f.text.slice(Math.max(0, f.start - 30), f.start);
  const hit = f.text.slice(f.start, f.end);
  const after = f.text.slice(f.end, f.end + 30);
  return (
    <li className={`finding sev-${f.severity}`} data-category={f.category} aria-label={`${t[STATUS_KEY[f.status]]}: ${hit}`}>
      <div className="finding-head">
        <span className={`sev sev-${f.severity}`}>{t[f.severity]}</span>
        <span className="status">{t[STATUS_KEY[f.status]]}</span>
        <span className="category">{f.category}</span>
        <time>{f.time}</time>
      </div>
      <blockquote className="quote">
        {f.start > 30 ? '…' : ''}
        {before}
        <mark>{hit}</mark>
        {after}
        {f.end + 30 < f.text.length ? '…' : ''}
      </blockquote>
      <p className="explanation">{f.explanation}</p>
      <p className="legal">
        {t.legalBasis}: {f.legalBasis}
      </p>
    </li>
  );
}

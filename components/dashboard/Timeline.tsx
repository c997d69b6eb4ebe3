import type { Messages } from '../../lib/i18n';
import { highlightRuns } from '../FindingItem';
import { VirtualList } from '../VirtualList';

export type TimelineRowView =
  | { kind: 'text'; id: string; time: string; channel: string; text: string; hits: { start: number; end: number; label: string; severity: string }[] }
  | { kind: 'product'; id: string; time: string; title: string; price?: string; originalPrice?: string }
  | { kind: 'snapshot'; id: string; time: string; seq: number | null; findingCount: number; deleted: boolean };

/** A session's timeline: captions with findings highlighted, product and price changes, snapshots. */
export function Timeline({ t, rows, height, onSnapshot }: { t: Messages; rows: TimelineRowView[]; height: number; onSnapshot: (id: string) => void }) {
  return (
    <VirtualList
      label={t.timeline}
      items={rows}
      rowHeight={52}
      height={height}
      render={(r) => {
        if (r.kind === 'product') {
          return (
            <div className="tl tl-product">
              <time>{r.time}</time> <strong>{t.productChange}</strong> {r.title} {r.price && <span className="price">¥{r.price}</span>}{' '}
              {r.originalPrice && <s>¥{r.originalPrice}</s>}
            </div>
          );
        }
        if (r.kind === 'snapshot') {
          return (
            <div className="tl tl-snapshot">
              <time>{r.time}</time>{' '}
              <button type="button" onClick={() => onSnapshot(r.id)} disabled={r.deleted}>
                {t.snapshots} #{r.seq ?? '?'} ({r.findingCount})
              </button>
            </div>
          );
        }
        return (
          <div className={`tl tl-text ${r.hits.length ? 'has-hits' : ''}`}>
            <time>{r.time}</time> <span className="channel">{t[`channel_${r.channel}` as 'channel_caption'] ?? r.channel}</span>{' '}
            {highlightRuns(r.text, r.hits).map((run, i) => (run.hit ? <mark key={i}>{run.text}</mark> : <span key={i}>{run.text}</span>))}
            {r.hits.length > 0 && <span className="tl-labels"> — {[...new Set(r.hits.map((h) => h.label))].join('，')}</span>}
          </div>
        );
      }}
    />
  );
}

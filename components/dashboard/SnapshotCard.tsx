import type { Messages } from '../../lib/i18n';

export interface SnapshotView {
  id: string;
  seq: number | null;
  capturedAt: string;
  trigger: string;
  room: string;
  product: string;
  screenshotUrl: string | null;
  screenshotNote?: string;
  sha256: string | null;
  findings: { id: string; quote: string; label: string; legal: string; explanation: string }[];
  captions: { time: string; text: string }[];
  notes: string[];
  source?: string;
}

export function SnapshotCard({ t, s, selected, onSelect, onNote }: {
  t: Messages;
  s: SnapshotView;
  selected: boolean;
  onSelect: (on: boolean) => void;
  onNote?: (text: string) => void;
}) {
  return (
    <article className="snapshot" aria-labelledby={`snap-${s.id}`} data-testid="snapshot">
      <header>
        <label>
          <input type="checkbox" checked={selected} onChange={(e) => onSelect(e.currentTarget.checked)} aria-label={t.selectSnapshot} />
          <h3 id={`snap-${s.id}`}>
            {t.snapshots} #{s.seq ?? '?'} · {s.capturedAt} · {s.trigger}
          </h3>
        </label>
      </header>
      <p>{s.room}</p>
      <p>{s.product}</p>
      {s.source && (
        <p className="source">
          {t.source}：{s.source}
        </p>
      )}
      {s.screenshotUrl ? (
        <img src={s.screenshotUrl} alt={`${t.screenshot} ${s.capturedAt}`} className="shot" />
      ) : (
        <p className="empty">
          {t.noScreenshot}
          {s.screenshotNote ? `：${s.screenshotNote}` : ''}
        </p>
      )}
      {s.sha256 && <p className="hash">SHA-256 {s.sha256}</p>}
      <ul className="hits">
        {s.findings.map((f) => (
          <li key={f.id}>
            <strong>{f.label}</strong>「{f.quote}」<p className="explanation">{f.explanation}</p>
            <p className="legal">
              {t.legalBasis}：{f.legal}
            </p>
          </li>
        ))}
      </ul>
      <details>
        <summary>{t.captions60}</summary>
        <ol>
          {s.captions.map((c, i) => (
            <li key={i}>
              <time>{c.time}</time> {c.text}
            </li>
          ))}
        </ol>
      </details>
      {s.notes.map((n, i) => (
        <p key={i} className="note">
          {t.note}：{n}
        </p>
      ))}
      {onNote && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            const input = e.currentTarget.elements.namedItem('note') as HTMLInputElement;
            if (input.value.trim()) onNote(input.value.trim());
            input.value = '';
          }}
        >
          <label>
            {t.note} <input name="note" />
          </label>{' '}
          <button type="submit">{t.addNote}</button>
        </form>
      )}
    </article>
  );
}

import type { Messages } from '../../lib/i18n';
import { VirtualList } from '../VirtualList';

export interface SessionRowView {
  key: string;
  platform: string;
  title: string;
  host: string;
  shop: string;
  roomId: string;
  when: string;
  eventCount: number;
  findingCount: number;
  snapshotCount: number;
  maxSeverity: string | null;
  categories: string[];
}

export interface FilterView {
  platform: string;
  host: string;
  shop: string;
  category: string;
  severity: string;
  from: string;
  to: string;
  text: string;
}

export function SessionFilters({ t, value, onChange, platforms, categories }: {
  t: Messages;
  value: FilterView;
  onChange: (v: FilterView) => void;
  platforms: string[];
  categories: { id: string; name: string }[];
}) {
  const set = (k: keyof FilterView) => (e: { currentTarget: { value: string } }) => onChange({ ...value, [k]: e.currentTarget.value });
  return (
    <form className="filters" role="search" onSubmit={(e) => e.preventDefault()}>
      <label>
        {t.filterText}
        <input type="search" value={value.text} onChange={set('text')} />
      </label>
      <label>
        {t.filterPlatform}
        <select value={value.platform} onChange={set('platform')}>
          <option value="">{t.any}</option>
          {platforms.map((p) => (
            <option key={p} value={p}>
              {p}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t.filterHost}
        <input value={value.host} onChange={set('host')} />
      </label>
      <label>
        {t.filterShop}
        <input value={value.shop} onChange={set('shop')} />
      </label>
      <label>
        {t.filterCategory}
        <select value={value.category} onChange={set('category')}>
          <option value="">{t.any}</option>
          {categories.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t.filterSeverity}
        <select value={value.severity} onChange={set('severity')}>
          <option value="">{t.any}</option>
          {(['critical', 'high', 'medium', 'low'] as const).map((s) => (
            <option key={s} value={s}>
              {t[s]}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t.filterFrom}
        <input type="date" value={value.from} onChange={set('from')} />
      </label>
      <label>
        {t.filterTo}
        <input type="date" value={value.to} onChange={set('to')} />
      </label>
    </form>
  );
}

export function SessionList({ t, rows, onOpen, height }: { t: Messages; rows: SessionRowView[]; onOpen: (key: string) => void; height: number }) {
  if (rows.length === 0) return <p className="empty">{t.noSessions}</p>;
  return (
    <>
      <p className="count" aria-live="polite">
        {rows.length} {t.sessions}
      </p>
      <VirtualList
        label={t.tabSessions}
        items={rows}
        rowHeight={64}
        height={height}
        render={(r) => (
          <button type="button" className={`session-row sev-${r.maxSeverity ?? 'none'}`} onClick={() => onOpen(r.key)} data-testid="session-row">
            <span className="session-title">{r.title || r.roomId}</span>
            <span className="session-meta">
              {r.platform} · {r.host} {r.shop && `· ${r.shop}`} · {r.when}
            </span>
            <span className="session-counts">
              {t.events} {r.eventCount} · {t.findings} {r.findingCount} · {t.snapshots} {r.snapshotCount}
              {r.maxSeverity && <span className={`sev sev-${r.maxSeverity}`}> · {t[r.maxSeverity as 'high']}</span>}
            </span>
          </button>
        )}
      />
    </>
  );
}

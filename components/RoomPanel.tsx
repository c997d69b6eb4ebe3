import type { Messages } from '../lib/i18n';
import { FindingGroup, type FindingGroupView } from './FindingItem';

export interface RoomView {
  platform: string;
  host: string;
  title: string;
  roomId: string;
  url: string;
}

export interface ProductView {
  title: string;
  price?: string;
  originalPrice?: string;
  shop?: string;
}

export interface RoomPanelProps {
  t: Messages;
  loading: boolean;
  error?: string;
  room: RoomView | null;
  product: ProductView | null;
  eventCount: number;
  findingCount: number;
  snapshotCount: number;
  counts: { severity: string; label: string; n: number }[];
  groups: FindingGroupView[];
  paused: boolean;
  notice?: string;
  warnings: string[];
  onCapture?: () => void;
  onTogglePause?: () => void;
  capturing?: boolean;
}

/** The popup's view of the current tab's room. Props in, JSX out. */
export function RoomPanel(p: RoomPanelProps) {
  const { t } = p;
  if (p.error) {
    return (
      <p role="alert" className="error">
        {t.error}：{p.error}
      </p>
    );
  }
  if (p.loading) return <p aria-busy="true">{t.loading}</p>;
  if (!p.room) return <p className="empty">{t.noRoom}</p>;
  return (
    <div className="room-panel">
      {p.warnings.map((w) => (
        <p key={w} role="alert" className="warning">
          {w}
        </p>
      ))}
      <section aria-label={t.roomTitle} className="room">
        <dl>
          <dt>{t.platform}</dt>
          <dd data-testid="platform">{p.room.platform}</dd>
          <dt>{t.host}</dt>
          <dd data-testid="host">{p.room.host}</dd>
          <dt>{t.roomTitle}</dt>
          <dd data-testid="room-title">{p.room.title}</dd>
          <dt>{t.roomId}</dt>
          <dd data-testid="room-id">{p.room.roomId}</dd>
        </dl>
      </section>
      {p.product && (
        <section aria-label={t.product} className="product">
          <h2>{t.product}</h2>
          <p data-testid="product-title">{p.product.title}</p>
          <p>
            {p.product.price !== undefined && (
              <span className="price" data-testid="product-price">
                {t.price} ¥{p.product.price}
              </span>
            )}{' '}
            {p.product.originalPrice !== undefined && (
              <s className="original-price" data-testid="product-original-price">
                {t.originalPrice} ¥{p.product.originalPrice}
              </s>
            )}
          </p>
          {p.product.shop && (
            <p>
              {t.shop}：{p.product.shop}
            </p>
          )}
        </section>
      )}
      <section aria-label={t.counts} className="counts">
        <p>
          {t.events} <strong data-testid="event-count">{p.eventCount}</strong> · {t.findings}{' '}
          <strong data-testid="finding-count">{p.findingCount}</strong> · {t.snapshots}{' '}
          <strong data-testid="snapshot-count">{p.snapshotCount}</strong>
        </p>
        {p.counts.length > 0 && (
          <p className="sev-counts">
            {p.counts.map((c) => (
              <span key={c.severity} className={`sev sev-${c.severity}`}>
                {c.label} {c.n}
              </span>
            ))}
          </p>
        )}
      </section>
      <div className="actions">
        <button type="button" onClick={p.onCapture} disabled={p.capturing || p.paused} data-testid="capture-now">
          {p.capturing ? t.capturing : t.captureNow}
        </button>
        <button type="button" onClick={p.onTogglePause} aria-pressed={p.paused} data-testid="pause">
          {p.paused ? t.resume : t.pause}
        </button>
      </div>
      {p.notice && (
        <p role="status" className="notice" data-testid="notice">
          {p.notice}
        </p>
      )}
      <section aria-label={t.findings}>
        {p.groups.length === 0 ? (
          <p className="empty">{t.noFindings}</p>
        ) : (
          <ul className="findings" data-testid="findings">
            {p.groups.map((g) => (
              <FindingGroup key={g.key} g={g} t={t} />
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

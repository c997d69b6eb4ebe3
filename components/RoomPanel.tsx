import type { Messages } from '../lib/i18n';
import { FindingItem, type FindingView } from './FindingItem';

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
  findings: FindingView[];
}

/** The popup's view of the current tab's room. Props in, JSX out. */
export function RoomPanel({ t, loading, error, room, product, eventCount, findingCount, findings }: RoomPanelProps) {
  if (error) {
    return (
      <p role="alert" className="error">
        {t.error}: {error}
      </p>
    );
  }
  if (loading) return <p aria-busy="true">{t.loading}</p>;
  if (!room) return <p className="empty">{t.noRoom}</p>;
  return (
    <div className="room-panel">
      <section aria-label={t.roomTitle} className="room">
        <dl>
          <dt>{t.platform}</dt>
          <dd data-testid="platform">{room.platform}</dd>
          <dt>{t.host}</dt>
          <dd data-testid="host">{room.host}</dd>
          <dt>{t.roomTitle}</dt>
          <dd data-testid="room-title">{room.title}</dd>
          <dt>{t.roomId}</dt>
          <dd data-testid="room-id">{room.roomId}</dd>
        </dl>
      </section>
      {product && (
        <section aria-label={t.product} className="product">
          <h2>{t.product}</h2>
          <p data-testid="product-title">{product.title}</p>
          <p>
            {product.price !== undefined && (
              <span className="price" data-testid="product-price">
                {t.price} ¥{product.price}
              </span>
            )}{' '}
            {product.originalPrice !== undefined && (
              <s className="original-price" data-testid="product-original-price">
                {t.originalPrice} ¥{product.originalPrice}
              </s>
            )}
          </p>
          {product.shop && (
            <p>
              {t.shop}: {product.shop}
            </p>
          )}
        </section>
      )}
      <section aria-label={t.findings} className="counts">
        <p>
          {t.events}: <strong data-testid="event-count">{eventCount}</strong> · {t.findings}:{' '}
          <strong data-testid="finding-count">{findingCount}</strong>
        </p>
      </section>
      <section aria-label={t.findings}>
        {findings.length === 0 ? (
          <p className="empty">{t.noFindings}</p>
        ) : (
          <ul className="findings" data-testid="findings">
            {findings.map((f) => (
              <FindingItem key={f.id} f={f} t={t} />
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

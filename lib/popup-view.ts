/** Turns the background's TabState into the popup's props. Pure. */
import type { FindingView } from '../components/FindingItem';
import type { ProductView, RoomView } from '../components/RoomPanel';
import type { TabState } from './evidence/store';
import type { Lang } from './i18n';
import { formatLegalRefs } from './legal';

export interface PopupView {
  room: RoomView | null;
  product: ProductView | null;
  eventCount: number;
  findingCount: number;
  findings: FindingView[];
}

export function toPopupView(state: TabState, lang: Lang): PopupView {
  const s = state.session;
  if (!s) return { room: null, product: null, eventCount: 0, findingCount: 0, findings: [] };
  const p = s.product;
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
    findings: state.findings.map((f) => ({
      id: f.id,
      text: f.text,
      start: f.start,
      end: f.end,
      category: f.category,
      severity: f.severity as FindingView['severity'],
      status: f.status as FindingView['status'],
      legalBasis: formatLegalRefs(f.legalBasis),
      explanation: lang === 'en' ? f.explanation.en : f.explanation.zh,
      time: new Date(f.observedAt).toLocaleTimeString(lang === 'en' ? 'en-GB' : 'zh-CN', { hour12: false }),
    })),
  };
}

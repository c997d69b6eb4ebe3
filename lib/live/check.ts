/**
 * Time-aware checks: claims that contradict the screen or themselves over
 * time. `liveCheck` is called for every event of a session in seq order with
 * the session's LiveState (plain JSON, bounded, so it can be stored and
 * survive a service-worker restart) and, when the room is known, the room's
 * memory across visits. Pure: the state passed in is not modified.
 */
import type { LegalRef } from '../legal';
import type { LiveEvent, ProductPayload } from '../protocol/types';
import { cardVerdict, factTerm, parseTextClaims, type TextClaim } from './claims';
import { parsePriceClaims, type PriceClaim } from './price-parser';
import { LIVE_RULES, type LiveCategory, type LiveRuleId } from './rules';

export interface LiveSettings {
  /** A claimed price within this many 元 of the card counts as the same (rounding customs, 明码标价规定 art. 21(3)). */
  priceToleranceAbs: number;
  /** …or within this fraction of the card price. */
  priceToleranceRel: number;
  /** The card may change just after the host names the price: a mismatch is reported only if the card does not match within this time. */
  cardGraceMs: number;
  /** Scarcity/urgency said this many times for one product… */
  scarcityMinRepeats: number;
  /** …over at least this long is reported as repeated. */
  scarcityMinSpanMs: number;
  /** A countdown whose end moves later by more than this is a restart. */
  countdownToleranceMs: number;
  /** A sales/viewer number at least this many times the page's own counter is contradicted. */
  numberClaimFactor: number;
  /** …and exceeds it by at least this much (small counts are noise). */
  numberClaimMinExcess: number;
  /** Extra units sold beyond a "only N left" claim before it counts as contradicted. */
  stockTolerance: number;
  /** Time zone of the room's calendar day, minutes east of UTC (China: 480). Also used for ISO times in evidence. */
  tzOffsetMinutes: number;
}

export const DEFAULT_LIVE_SETTINGS: LiveSettings = {
  priceToleranceAbs: 1,
  priceToleranceRel: 0.01,
  cardGraceMs: 30_000,
  scarcityMinRepeats: 3,
  scarcityMinSpanMs: 10 * 60_000,
  countdownToleranceMs: 15_000,
  numberClaimFactor: 2,
  numberClaimMinExcess: 100,
  stockTolerance: 0,
  tzOffsetMinutes: 480,
};

/** Bounds that keep the state small whatever a room says. */
export const LIVE_LIMITS = { products: 20, cardPoints: 30, claims: 12, scarcity: 20, pending: 20, viewers: 30, flagged: 60, memoryDays: 14 };

export type LiveChannel = 'caption' | 'notice' | 'overlay';

export interface CardState {
  title: string;
  productId?: string;
  price?: number;
  originalPrice?: number;
  sold?: number;
}

/** One dated item of a finding's timeline. */
export interface LiveEvidence {
  role: 'claim' | 'card' | 'counter' | 'memory';
  /** What this item shows, e.g. 'spoken price', 'card when said', 'card later'. */
  note: string;
  observedAt: number;
  /** observedAt as ISO 8601 with the zone offset. */
  at: string;
  eventId?: string;
  channel?: LiveChannel;
  text?: string;
  claim?: { kind: string; value?: number; raw: string; span: { start: number; end: number } };
  card?: CardState;
  viewers?: number;
  /** memory: the calendar day it was said and the session. */
  day?: string;
  sessionKey?: string;
}

export interface LiveFinding {
  ruleId: LiveRuleId;
  category: LiveCategory;
  severity: 'low' | 'medium' | 'high';
  status: 'suspected' | 'needs_facts';
  legalBasis: LegalRef[];
  explanation: { zh: string; en: string };
  /** The event and text that triggered it, with offsets into that text. */
  eventId: string;
  observedAt: number;
  channel: LiveChannel | 'card' | 'room';
  text: string;
  start: number;
  end: number;
  match: string;
  product?: CardState;
  /** The timeline that proves it, oldest first. */
  evidence: LiveEvidence[];
}

interface ClaimRef {
  at: number;
  eventId: string;
  channel: LiveChannel;
  text: string;
  kind: string;
  value?: number;
  raw: string;
  span: { start: number; end: number };
}

interface CardPoint extends CardState {
  at: number;
  eventId: string;
}

interface ProductState {
  key: string;
  lastSeen: number;
  /** Card change points, oldest first (first one kept when trimming). */
  cards: CardPoint[];
  /** Distinct 原价 claims. */
  originals: ClaimRef[];
  /** "lowest price" claims with the card price when said. */
  lowest: { ref: ClaimRef; price: number; done: boolean }[];
  /** Scarcity/urgency occurrences (first one kept when trimming). */
  scarcity: ClaimRef[];
  /** "only N left" claims with the sold counter when said. */
  stock: { ref: ClaimRef; sold: number; done: boolean }[];
  countdown: { ref: ClaimRef; deadline: number } | null;
}

interface PendingPrice {
  ref: ClaimRef;
  productKey: string;
  field: 'price' | 'originalPrice';
  expected: number;
  conditional: boolean;
  card: CardPoint;
  deadline: number;
}

export interface LiveState {
  v: 1;
  /** Key of the product card in force. */
  current?: string;
  products: Record<string, ProductState>;
  viewers: { at: number; n: number; eventId: string }[];
  pending: PendingPrice[];
  /** Dedupe keys of findings already made. */
  flagged: string[];
}

/** Per-room memory across visits (platform + roomId), passed in and returned. */
export interface RoomMemory {
  v: 1;
  /** Calendar days (room time zone) on which "today only" was said, oldest first. */
  todayOnly: { day: string; observedAt: number; at: string; text: string; eventId: string; sessionKey: string }[];
}

export interface LiveContext {
  settings?: Partial<LiveSettings>;
  roomMemory?: RoomMemory;
}

export interface LiveCheckResult {
  state: LiveState;
  findings: LiveFinding[];
  /** Set when the room memory changed (store it). */
  roomMemory?: RoomMemory;
}

/** The known, finite numeric settings in a stored value (anything else is ignored). */
export function liveSettingsFrom(value: unknown): Partial<LiveSettings> {
  if (!value || typeof value !== 'object') return {};
  const out: Partial<LiveSettings> = {};
  for (const k of Object.keys(DEFAULT_LIVE_SETTINGS) as (keyof LiveSettings)[]) {
    const v = (value as Record<string, unknown>)[k];
    if (typeof v === 'number' && Number.isFinite(v) && v >= 0) out[k] = v;
  }
  return out;
}

export function createLiveState(): LiveState {
  return { v: 1, products: {}, viewers: [], pending: [], flagged: [] };
}

export function createRoomMemory(): RoomMemory {
  return { v: 1, todayOnly: [] };
}

/** ISO 8601 with the given zone offset: 2026-11-23T20:15:31.200+08:00. */
export function isoAt(ms: number, offsetMinutes: number): string {
  const d = new Date(ms + offsetMinutes * 60_000);
  const sign = offsetMinutes >= 0 ? '+' : '-';
  const abs = Math.abs(offsetMinutes);
  const off = `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
  return d.toISOString().replace('Z', off);
}

/** The calendar day (YYYY-MM-DD) of `ms` in the zone. */
export function dayOf(ms: number, offsetMinutes: number): string {
  return new Date(ms + offsetMinutes * 60_000).toISOString().slice(0, 10);
}

function productKey(p: ProductPayload): string {
  return p.productId ? `id:${p.productId}` : `t:${p.title}`;
}

function cardOf(p: CardState): CardState {
  return {
    title: p.title,
    ...(p.productId ? { productId: p.productId } : {}),
    ...(p.price !== undefined ? { price: p.price } : {}),
    ...(p.originalPrice !== undefined ? { originalPrice: p.originalPrice } : {}),
    ...(p.sold !== undefined ? { sold: p.sold } : {}),
  };
}

function pushBounded<T>(list: T[], item: T, max: number, keepFirst = false): void {
  list.push(item);
  while (list.length > max) list.splice(keepFirst ? 1 : 0, 1);
}

function textOf(event: LiveEvent): { channel: LiveChannel; text: string } | null {
  switch (event.kind) {
    case 'caption':
      return event.payload.final ? { channel: 'caption', text: event.payload.text } : null;
    case 'notice':
      return { channel: 'notice', text: event.payload.text };
    case 'overlay':
      return { channel: 'overlay', text: event.payload.text };
    default:
      return null;
  }
}

const fmt = (n: number | undefined) => (n === undefined ? '?' : String(Math.round(n * 100) / 100));
const mins = (ms: number) => Math.round(ms / 60_000);

/** Runs every time-aware check for one event. */
export function liveCheck(previous: LiveState, event: LiveEvent, ctx: LiveContext = {}): LiveCheckResult {
  // Comments are viewers' words, not the seller's: nothing to do, nothing to copy.
  if (event.kind === 'comment') return { state: previous, findings: [] };
  const cfg: LiveSettings = { ...DEFAULT_LIVE_SETTINGS, ...ctx.settings };
  const s: LiveState = structuredClone(previous);
  const findings: LiveFinding[] = [];
  let memory: RoomMemory | undefined;
  const now = event.observedAt;
  const iso = (ms: number) => isoAt(ms, cfg.tzOffsetMinutes);
  const tol = (v: number) => Math.max(cfg.priceToleranceAbs, Math.abs(v) * cfg.priceToleranceRel);

  const claimEvidence = (r: ClaimRef, note: string): LiveEvidence => ({
    role: 'claim', note, observedAt: r.at, at: iso(r.at), eventId: r.eventId, channel: r.channel, text: r.text,
    claim: { kind: r.kind, ...(r.value !== undefined ? { value: r.value } : {}), raw: r.raw, span: r.span },
  });
  const cardEvidence = (c: CardPoint, note: string): LiveEvidence => ({
    role: 'card', note, observedAt: c.at, at: iso(c.at), eventId: c.eventId, card: cardOf(c),
  });
  const flag = (key: string): boolean => {
    if (s.flagged.includes(key)) return false;
    pushBounded(s.flagged, key, LIVE_LIMITS.flagged);
    return true;
  };
  const emit = (
    ruleId: LiveRuleId,
    trigger: ClaimRef,
    evidence: LiveEvidence[],
    explanation: { zh: string; en: string },
    opts: { status?: 'suspected' | 'needs_facts'; severity?: 'low' | 'medium' | 'high'; product?: CardState } = {},
  ) => {
    const rule = LIVE_RULES[ruleId];
    findings.push({
      ruleId,
      category: rule.category,
      severity: opts.severity ?? 'high',
      status: opts.status ?? 'suspected',
      legalBasis: rule.legalBasis,
      explanation,
      eventId: trigger.eventId,
      observedAt: trigger.at,
      channel: trigger.channel,
      text: trigger.text,
      start: trigger.span.start,
      end: trigger.span.end,
      match: trigger.raw,
      ...(opts.product ? { product: opts.product } : {}),
      evidence: [...evidence].sort((a, b) => a.observedAt - b.observedAt),
    });
  };
  const productState = (key: string): ProductState => {
    let p = s.products[key];
    if (!p) {
      p = { key, lastSeen: now, cards: [], originals: [], lowest: [], scarcity: [], stock: [], countdown: null };
      s.products[key] = p;
      const keys = Object.keys(s.products);
      if (keys.length > LIVE_LIMITS.products) {
        const oldest = keys.filter((k) => k !== key && k !== s.current).sort((a, b) => s.products[a]!.lastSeen - s.products[b]!.lastSeen)[0];
        if (oldest) delete s.products[oldest];
      }
    }
    p.lastSeen = now;
    return p;
  };
  const lastCard = (p: ProductState | undefined): CardPoint | undefined => p?.cards[p.cards.length - 1];
  /** The card in force for the product at time t. */
  const cardAt = (p: ProductState, t: number): CardPoint | undefined => [...p.cards].reverse().find((c) => c.at <= t);

  // 1. Counters and the card.
  if (event.kind === 'room' && event.payload.viewers !== undefined) {
    const last = s.viewers[s.viewers.length - 1];
    if (!last || last.n !== event.payload.viewers) pushBounded(s.viewers, { at: now, n: event.payload.viewers, eventId: event.id }, LIVE_LIMITS.viewers);
  }
  if (event.kind === 'product') {
    const key = productKey(event.payload);
    const p = productState(key);
    s.current = key;
    const point: CardPoint = { ...cardOf(event.payload), at: now, eventId: event.id };
    const prev = lastCard(p);
    const changed = !prev || prev.price !== point.price || prev.originalPrice !== point.originalPrice || prev.sold !== point.sold || prev.title !== point.title;
    if (changed) {
      pushBounded(p.cards, point, LIVE_LIMITS.cardPoints, true);
      checkCardChange(p, point);
    }
  }

  // 2. Pending price claims: matched by the card within the grace time, or reported.
  s.pending = s.pending.filter((pd) => {
    const p = s.products[pd.productKey];
    const card = lastCard(p);
    const value = card?.[pd.field];
    // Settled: the card now shows what was said (or, for the price, something lower: art. 21(2)).
    if (value !== undefined && (Math.abs(value - pd.expected) <= tol(value) || (pd.field === 'price' && value < pd.expected))) return false;
    if (now < pd.deadline) return true;
    const later = (p?.cards ?? []).filter((c) => c.at > pd.card.at && c.at <= now);
    const evidence = [claimEvidence(pd.ref, pd.field === 'price' ? 'price said' : 'original price said'), cardEvidence(pd.card, 'card when said'), ...later.map((c) => cardEvidence(c, 'card later'))];
    const shown = pd.card[pd.field];
    if (pd.field === 'price') {
      const discount = pd.ref.kind === 'discount';
      emit(
        'live.price_mismatch_card',
        pd.ref,
        evidence,
        pd.conditional
          ? {
              zh: `涉嫌价格条件未明示：主播称“${pd.ref.raw}”（${fmt(pd.expected)}元），商品卡片标价${fmt(shown)}元且此后未改价；需核实优惠券/满减条件是否在卡片上显著标示。`,
              en: `Possible hidden price condition: the host said "${pd.ref.raw}" (¥${fmt(pd.expected)}) while the card showed ¥${fmt(shown)} and did not change; check whether the coupon/condition is shown on the card.`,
            }
          : {
              zh: `涉嫌低价招徕、高价结算：主播称“${pd.ref.raw}”${discount ? `（折后应为${fmt(pd.expected)}元）` : ''}，而商品卡片标价为${fmt(shown)}元，且之后卡片未改为所称价格。`,
              en: `Suspected bait pricing: the host said "${pd.ref.raw}"${discount ? ` (¥${fmt(pd.expected)} after the discount)` : ''} but the card price was ¥${fmt(shown)} and did not change to it.`,
            },
        pd.conditional ? { status: 'needs_facts', severity: 'medium', product: cardOf(pd.card) } : { product: cardOf(pd.card) },
      );
    } else {
      emit('live.original_price_mismatch', pd.ref, evidence, {
        zh: `涉嫌虚假比价：主播称“${pd.ref.raw}”，而商品卡片划线价为${fmt(shown)}元。`,
        en: `Suspected false reference price: the host said "${pd.ref.raw}" but the card's struck-through price was ¥${fmt(shown)}.`,
      }, { product: cardOf(pd.card) });
    }
    return false;
  });

  // 3. Claims in the text.
  const said = textOf(event);
  if (said) {
    const ref = (c: { kind: string; value?: number; raw: string; span: { start: number; end: number } }): ClaimRef => ({
      at: now, eventId: event.id, channel: said.channel, text: said.text, kind: c.kind,
      ...(c.value !== undefined ? { value: c.value } : {}), raw: c.raw, span: { start: c.span.start, end: c.span.end },
    });
    const key = s.current;
    const p = key ? s.products[key] : undefined;
    const card = lastCard(p);
    if (p) p.lastSeen = now;
    for (const c of parsePriceClaims(said.text)) checkPriceClaim(c, ref(c), p, card);
    for (const c of parseTextClaims(said.text)) checkTextClaim(c, ref(c), p, card);
  }

  return { state: s, findings, ...(memory ? { roomMemory: memory } : {}) };

  function checkCardChange(p: ProductState, point: CardPoint): void {
    // (d) "lowest price" followed by a lower card price.
    for (const l of p.lowest) {
      if (l.done || point.price === undefined || point.price >= l.price - tol(l.price)) continue;
      l.done = true;
      const at = cardAt(p, l.ref.at);
      emit('live.lowest_price_contradicted', l.ref, [claimEvidence(l.ref, 'lowest price said'), ...(at ? [cardEvidence(at, 'card when said')] : []), cardEvidence(point, 'lower card price later')], {
        zh: `涉嫌虚假“最低价”宣传：称“${l.ref.raw}”时卡片价为${fmt(l.price)}元，之后同一直播间同一商品卡片降至${fmt(point.price)}元。`,
        en: `Suspected false "lowest price": when "${l.ref.raw}" was said the card showed ¥${fmt(l.price)}; later the same room's card for the product showed ¥${fmt(point.price)}.`,
      }, { product: cardOf(point) });
    }
    // (g) "only N left" and the sold counter going far beyond N.
    for (const st of p.stock) {
      if (st.done || point.sold === undefined || st.ref.value === undefined) continue;
      if (point.sold - st.sold <= st.ref.value + cfg.stockTolerance) continue;
      st.done = true;
      const at = cardAt(p, st.ref.at);
      emit('live.stock_claim_contradicted', st.ref, [claimEvidence(st.ref, 'remaining stock said'), ...(at ? [cardEvidence(at, 'sold counter when said')] : []), cardEvidence(point, 'sold counter later')], {
        zh: `涉嫌虚构库存紧张：称“${st.ref.raw}”（剩余${fmt(st.ref.value)}件）时页面显示已售${fmt(st.sold)}，之后已售增至${fmt(point.sold)}，多卖出${fmt(point.sold - st.sold)}件。`,
        en: `Suspected false scarcity: "${st.ref.raw}" (${fmt(st.ref.value)} left) was said at ${fmt(st.sold)} sold; the page later showed ${fmt(point.sold)} sold, ${fmt(point.sold - st.sold)} more than were said to be left.`,
      }, { product: cardOf(point) });
    }
  }

  function checkPriceClaim(c: PriceClaim, r: ClaimRef, p: ProductState | undefined, card: CardPoint | undefined): void {
    if (!p || !card) return;
    if (c.kind === 'bogo') return;
    if (c.kind === 'original') {
      // (c) different 原价 for the same product within the session.
      const other = p.originals.find((o) => o.value !== undefined && Math.abs(o.value - c.value) > tol(c.value));
      if (other && flag(`orig:${p.key}:${other.value}:${c.value}`)) {
        emit('live.original_price_inconsistent', r, [claimEvidence(other, 'original price said earlier'), claimEvidence(r, 'different original price said')], {
          zh: `涉嫌虚构原价：同一商品在本场直播中先称原价${fmt(other.value)}元，后称原价${fmt(c.value)}元，前后不一。`,
          en: `Suspected fictitious original price: for the same product the host first said the original price was ¥${fmt(other.value)}, later ¥${fmt(c.value)}.`,
        }, { product: cardOf(card) });
      }
      if (!p.originals.some((o) => o.value !== undefined && Math.abs(o.value - c.value) <= tol(c.value))) pushBounded(p.originals, r, LIVE_LIMITS.claims, true);
      // (b) against the struck-through price on the card.
      if (card.originalPrice !== undefined && Math.abs(card.originalPrice - c.value) > tol(c.value)) {
        addPending({ ref: r, productKey: p.key, field: 'originalPrice', expected: c.value, conditional: false, card, deadline: now + cfg.cardGraceMs });
      }
      return;
    }
    // (a) the price said against the card price: only a claim lower than the card misleads (a higher one is art. 21(2)).
    if (card.price === undefined) return;
    let expected = c.value;
    if (c.kind === 'discount') {
      if (card.originalPrice === undefined) return;
      expected = Math.round(card.originalPrice * c.value * 100) / 100;
    }
    if (expected < card.price - tol(card.price)) {
      addPending({ ref: r, productKey: p.key, field: 'price', expected, conditional: c.conditional === true, card, deadline: now + cfg.cardGraceMs });
    }
  }

  function addPending(pd: PendingPrice): void {
    pushBounded(s.pending, pd, LIVE_LIMITS.pending);
  }

  function checkTextClaim(c: TextClaim, r: ClaimRef, p: ProductState | undefined, card: CardPoint | undefined): void {
    switch (c.kind) {
      case 'lowest': {
        if (!p || !card || card.price === undefined) return;
        // (d) the session's own history already had a lower card price.
        const lower = p.cards.filter((x) => x.price !== undefined && x.price < card.price! - tol(card.price!));
        const min = lower.sort((a, b) => a.price! - b.price!)[0];
        if (min && flag(`lowest-hist:${p.key}:${card.price}`)) {
          emit('live.lowest_price_contradicted', r, [cardEvidence(min, 'lower card price earlier'), claimEvidence(r, 'lowest price said'), cardEvidence(card, 'card when said')], {
            zh: `涉嫌虚假“最低价”宣传：称“${c.raw}”时卡片价为${fmt(card.price)}元，而本场早些时候同一商品卡片价为${fmt(min.price)}元。`,
            en: `Suspected false "lowest price": "${c.raw}" was said at ¥${fmt(card.price)}, but earlier in this session the card showed ¥${fmt(min.price)}.`,
          }, { product: cardOf(card) });
          return;
        }
        if (!p.lowest.some((l) => !l.done && l.price === card.price)) pushBounded(p.lowest, { ref: r, price: card.price, done: false }, LIVE_LIMITS.claims);
        return;
      }
      case 'last_n':
      case 'stock':
      case 'urgency':
      case 'today_only': {
        if (c.kind === 'today_only') checkTodayOnly(r);
        if (!p) return;
        if (c.kind === 'last_n' || c.kind === 'stock') {
          // (e) an N that goes back up.
          const prevN = [...p.scarcity].reverse().find((x) => (x.kind === 'last_n' || x.kind === 'stock') && x.value !== undefined);
          if (c.kind === 'last_n' && prevN && prevN.kind === 'last_n' && c.value! > prevN.value! && flag(`reset:${p.key}:${prevN.at}`)) {
            const seq = p.scarcity.filter((x) => x.kind === 'last_n');
            emit('live.scarcity_count_reset', r, [...seq.map((x) => claimEvidence(x, 'remaining count said')), claimEvidence(r, 'remaining count went up'), ...(card ? [cardEvidence(card, 'card in force')] : [])], {
              zh: `涉嫌虚构限量：同一商品先称“${prevN.raw}”，后又称“${c.raw}”，所称剩余数量不降反增。`,
              en: `Suspected false scarcity: for the same product the host said "${prevN.raw}", then "${c.raw}": the remaining count went up.`,
            }, card ? { product: cardOf(card) } : {});
          }
          if (card?.sold !== undefined && c.value !== undefined) pushBounded(p.stock, { ref: r, sold: card.sold, done: false }, LIVE_LIMITS.claims);
        }
        pushBounded(p.scarcity, r, LIVE_LIMITS.scarcity, true);
        // (e) the same pressure repeated for a long time.
        const first = p.scarcity[0]!;
        // Times said = utterances (events), not phrases: "最后三单，马上下架" is said once.
        const times = new Set(p.scarcity.map((x) => x.eventId)).size;
        if (times >= cfg.scarcityMinRepeats && now - first.at >= cfg.scarcityMinSpanMs && flag(`repeat:${p.key}`)) {
          emit('live.scarcity_repeated', r, [...p.scarcity.map((x) => claimEvidence(x, 'scarcity/urgency said')), ...(card ? [cardEvidence(card, 'card in force')] : [])], {
            zh: `涉嫌虚构限时限量：同一商品的限量/紧迫说法（如“${first.raw}”“${c.raw}”）在${mins(now - first.at)}分钟内重复${times}次，商品仍在售。`,
            en: `Suspected false scarcity/urgency: scarcity or urgency for the same product (e.g. "${first.raw}", "${c.raw}") was repeated ${times} times over ${mins(now - first.at)} minutes while it stayed on sale.`,
          }, card ? { product: cardOf(card) } : {});
        }
        return;
      }
      case 'countdown': {
        if (!p || c.value === undefined) return;
        const deadline = now + c.value * 1000;
        const prev = p.countdown;
        if (prev && deadline > prev.deadline + cfg.countdownToleranceMs && flag(`countdown:${p.key}:${prev.deadline}`)) {
          const ended = now >= prev.deadline;
          emit('live.countdown_reset', r, [claimEvidence(prev.ref, `countdown said (ends ${iso(prev.deadline)})`), claimEvidence(r, `countdown restarted (ends ${iso(deadline)})`), ...(card ? [cardEvidence(card, 'card in force')] : [])], {
            zh: `涉嫌虚假限时：同一商品的倒计时“${prev.ref.raw}”${ended ? '到点后' : '未到点即'}重新开始（“${c.raw}”），截止时间由${iso(prev.deadline)}推迟到${iso(deadline)}。`,
            en: `Suspected false deadline: the countdown "${prev.ref.raw}" for the same product ${ended ? 'ran out and' : ''} restarted ("${c.raw}"); its end moved from ${iso(prev.deadline)} to ${iso(deadline)}.`,
          }, card ? { product: cardOf(card) } : {});
        }
        p.countdown = { ref: r, deadline };
        return;
      }
      case 'sales': {
        if (!p || card?.sold === undefined || c.value === undefined) return;
        if (c.value >= card.sold * cfg.numberClaimFactor && c.value - card.sold >= cfg.numberClaimMinExcess && flag(`sales:${p.key}:${c.value}`)) {
          const soldPoints = p.cards.filter((x) => x.sold !== undefined).slice(-5);
          emit('live.sales_claim_contradicted', r, [claimEvidence(r, 'sales said'), ...soldPoints.map((x) => cardEvidence(x, 'sold counter on the page'))], {
            zh: `涉嫌虚构销量：主播称“${c.raw}”，而页面显示该商品已售${fmt(card.sold)}。`,
            en: `Suspected fake sales figure: the host said "${c.raw}" while the page showed ${fmt(card.sold)} sold.`,
          }, { product: cardOf(card) });
        }
        return;
      }
      case 'viewers': {
        const shown = s.viewers.length ? Math.max(...s.viewers.map((v) => v.n)) : undefined;
        if (shown === undefined || c.value === undefined) return;
        if (c.value >= shown * cfg.numberClaimFactor && c.value - shown >= cfg.numberClaimMinExcess && flag(`viewers:${c.value}`)) {
          emit('live.viewer_claim_contradicted', r, [claimEvidence(r, 'viewer number said'), ...s.viewers.map((v): LiveEvidence => ({ role: 'counter', note: 'viewer counter on the page', observedAt: v.at, at: iso(v.at), eventId: v.eventId, viewers: v.n }))], {
            zh: `涉嫌虚构人气：主播称“${c.raw}”，而页面在线人数最高为${fmt(shown)}。`,
            en: `Suspected fake popularity: the host said "${c.raw}" while the page's viewer counter was at most ${fmt(shown)}.`,
          }, card ? { product: cardOf(card) } : {});
        }
        return;
      }
      case 'material':
      case 'origin': {
        const term = c.term ? factTerm(c.kind, c.term) : undefined;
        if (!term || !p || !card) return;
        const verdict = cardVerdict(term, card.title);
        if (verdict === 'supports' || !flag(`${c.kind}:${p.key}:${term.id}`)) return;
        const contradicted = verdict === 'contradicts';
        const ruleId: LiveRuleId = c.kind === 'material' ? (contradicted ? 'live.material_contradicted' : 'live.material_unverified') : contradicted ? 'live.origin_contradicted' : 'live.origin_unverified';
        const what = c.kind === 'material' ? { zh: '材质/成分', en: 'material' } : { zh: '产地/进口', en: 'origin' };
        emit(ruleId, r, [claimEvidence(r, `${what.en} said`), cardEvidence(card, 'card title when said')], contradicted
          ? {
              zh: `涉嫌${what.zh}虚假宣传：主播称“${c.raw}”，而商品卡片标题为“${card.title}”，与所称不符。`,
              en: `Suspected ${what.en} misrepresentation: the host said "${c.raw}" but the card title reads "${card.title}".`,
            }
          : {
              zh: `涉嫌${what.zh}宣传无依据：主播称“${c.raw}”，商品卡片标题“${card.title}”未体现，需核实标签/吊牌。`,
              en: `Unsupported ${what.en} claim: the host said "${c.raw}"; the card title "${card.title}" does not say so. Check the label.`,
            }, contradicted ? { product: cardOf(card) } : { status: 'needs_facts', severity: 'low', product: cardOf(card) });
        return;
      }
    }
  }

  function checkTodayOnly(r: ClaimRef): void {
    // (h) "today only" said again on a later day in the same room.
    if (!ctx.roomMemory) return;
    const day = dayOf(now, cfg.tzOffsetMinutes);
    const mem: RoomMemory = memory ?? structuredClone(ctx.roomMemory);
    const earlier = mem.todayOnly.filter((d) => d.day < day);
    if (earlier.length > 0 && flag(`today:${day}`)) {
      emit('live.today_only_repeated_days', r, [
        ...earlier.map((d): LiveEvidence => ({ role: 'memory', note: 'today only said on an earlier day', observedAt: d.observedAt, at: d.at, eventId: d.eventId, text: d.text, day: d.day, sessionKey: d.sessionKey })),
        { ...claimEvidence(r, 'today only said again'), day, sessionKey: event.sessionKey },
      ], {
        zh: `涉嫌虚假限时：本直播间在${earlier.map((d) => d.day).join('、')}已称“仅限今天”，${day}又称“${r.raw}”。`,
        en: `Suspected false time limit: this room already said "today only" on ${earlier.map((d) => d.day).join(', ')} and said "${r.raw}" again on ${day}.`,
      });
    }
    if (!mem.todayOnly.some((d) => d.day === day)) {
      pushBounded(mem.todayOnly, { day, observedAt: now, at: iso(now), text: r.text, eventId: r.eventId, sessionKey: event.sessionKey }, LIVE_LIMITS.memoryDays);
      memory = mem;
    }
  }
}

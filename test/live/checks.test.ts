import { describe, expect, test } from 'vitest';
import { createLiveState, createRoomMemory, DEFAULT_LIVE_SETTINGS, dayOf, isoAt, LIVE_LIMITS, liveCheck, liveSettingsFrom } from '../../lib/live/check';
import { LIVE_RULE_IDS, LIVE_RULES } from '../../lib/live/rules';
import { card, MIN, run, T0, toEvents } from './timeline';

const SEC = 1000;

describe('(a) price said vs the card price in force', () => {
  test('the card really is 99 → no mismatch', () => {
    expect(run([{ at: 0, product: card(99) }, { at: 5 * SEC, say: '原价399今天只要99' }, { at: 2 * MIN, say: '好' }]).findings).toEqual([]);
  });

  test('said 99 while the card stays 129 → suspected, high, 19(2), with the claim and card states in the timeline', () => {
    const { findings, events } = run([
      { at: 0, product: card(129) },
      { at: 5 * SEC, say: '宝宝们今天只要99' },
      { at: 10 * SEC, product: card(129, { sold: 10 }) },
      { at: 2 * MIN, say: '好' },
    ]);
    expect(findings).toHaveLength(1);
    const f = findings[0]!;
    expect(f).toMatchObject({ ruleId: 'live.price_mismatch_card', category: 'price_fraud', severity: 'high', status: 'suspected', eventId: events[1]!.id, match: '只要99', channel: 'caption' });
    expect(f.text.slice(f.start, f.end)).toBe('只要99');
    expect(f.legalBasis).toContainEqual({ law: '明码标价和禁止价格欺诈规定', article: '19', item: '2' });
    expect(f.explanation.zh).toMatch(/^涉嫌/);
    expect(f.explanation.en).toMatch(/129/);
    expect(f.evidence.map((x) => [x.role, x.note, x.claim?.value ?? x.card?.price])).toEqual([
      ['card', 'card when said', 129],
      ['claim', 'price said', 99],
      ['card', 'card later', 129],
    ]);
    expect(f.evidence[1]).toMatchObject({ observedAt: T0 + 5 * SEC, at: '2026-11-23T20:00:05.000+08:00' });
  });

  test('the card changes to the price said within the grace time → nothing', () => {
    const r = run([{ at: 0, product: card(129) }, { at: 5 * SEC, say: '今天只要99' }, { at: 20 * SEC, product: card(99) }, { at: 5 * MIN, say: '好' }]);
    expect(r.findings).toEqual([]);
    expect(run([{ at: 0, product: card(129) }, { at: 5 * SEC, say: '今天只要99' }, { at: 20 * SEC, product: card(89) }, { at: 5 * MIN, say: '好' }]).findings).toEqual([]);
  });

  test('rounding (art. 21(3)) and a price said higher than the card (art. 21(2)) → nothing', () => {
    expect(run([{ at: 0, product: card(99.9) }, { at: SEC, say: '只要九十九' }, { at: 2 * MIN, say: '好' }]).findings).toEqual([]);
    expect(run([{ at: 0, product: card(89) }, { at: SEC, say: '只要99' }, { at: 2 * MIN, say: '好' }]).findings).toEqual([]);
  });

  test('a coupon price below the card → needs_facts, medium (the card may not show the coupon)', () => {
    const { findings } = run([{ at: 0, product: card(129) }, { at: SEC, say: '券后99' }, { at: 2 * MIN, say: '好' }]);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ ruleId: 'live.price_mismatch_card', status: 'needs_facts', severity: 'medium' });
  });

  test('a discount said against the card: 3折 of 399 is 119.7, the card says 199', () => {
    const { findings } = run([{ at: 0, product: card(199) }, { at: SEC, say: '直接打3折' }, { at: 2 * MIN, say: '好' }]);
    expect(findings.map((f) => [f.ruleId, f.match])).toEqual([['live.price_mismatch_card', '打3折']]);
    expect(run([{ at: 0, product: card(119) }, { at: SEC, say: '直接打3折' }, { at: 2 * MIN, say: '好' }]).findings).toEqual([]);
  });

  test('tolerance and grace come from the settings', () => {
    const steps = [{ at: 0, product: card(105) }, { at: SEC, say: '只要99' }, { at: 10 * SEC, say: '好' }];
    expect(run(steps).findings).toEqual([]); // still within the 30 s grace
    expect(run(steps, { settings: { cardGraceMs: 5 * SEC } }).rules).toEqual(['live.price_mismatch_card']);
    expect(run(steps, { settings: { cardGraceMs: 5 * SEC, priceToleranceAbs: 10 } }).rules).toEqual([]);
  });
});

describe('(b) 原价 said vs the struck-through price; (c) different 原价 for the same product', () => {
  test('原价399 with a card showing 399 → nothing; 原价599 with 399 on the card → mismatch', () => {
    expect(run([{ at: 0, product: card(99) }, { at: SEC, say: '原价399今天只要99' }, { at: 2 * MIN, say: '好' }]).findings).toEqual([]);
    const { findings } = run([{ at: 0, product: card(99) }, { at: SEC, say: '原价599今天只要99' }, { at: 2 * MIN, say: '好' }]);
    expect(findings.map((f) => f.ruleId)).toEqual(['live.original_price_mismatch']);
    expect(findings[0]!.evidence.map((e) => e.card?.originalPrice ?? e.claim?.value)).toEqual([399, 599, ]);
    expect(findings[0]!.legalBasis).toContainEqual({ law: '明码标价和禁止价格欺诈规定', article: '19', item: '3' });
  });

  test('原价399 at 20:00, 原价599 at 20:30 for the same product → inconsistent, both claims in the timeline', () => {
    const { findings } = run([
      { at: 0, product: card(99, { originalPrice: undefined }) },
      { at: SEC, say: '原价399今天只要99' },
      { at: 30 * MIN, say: '这个原价599的' },
    ]);
    expect(findings.map((f) => f.ruleId)).toEqual(['live.original_price_inconsistent']);
    expect(findings[0]!.evidence.map((e) => [e.claim?.raw, e.observedAt])).toEqual([['原价399', T0 + SEC], ['原价599', T0 + 30 * MIN]]);
  });

  test('the same 原价 repeated, or different 原价 for different products → nothing', () => {
    expect(run([{ at: 0, product: card(99, { originalPrice: undefined }) }, { at: SEC, say: '原价399' }, { at: MIN, say: '原价三百九十九' }]).findings).toEqual([]);
    expect(run([
      { at: 0, product: card(99, { originalPrice: undefined }) },
      { at: SEC, say: '原价399' },
      { at: MIN, product: { title: '羊毛围巾', productId: 'sku-2', price: 199 } },
      { at: 2 * MIN, say: '原价599' },
    ]).findings).toEqual([]);
  });
});

describe('(d) "lowest price" contradicted by the session\'s own card prices', () => {
  test('全网最低价 at 99, the card later drops to 79 → contradicted', () => {
    const { findings } = run([{ at: 0, product: card(99) }, { at: SEC, say: '全网最低价，就这一次' }, { at: 20 * MIN, product: card(79) }]);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ ruleId: 'live.lowest_price_contradicted', match: '全网最低价', status: 'suspected' });
    expect(findings[0]!.evidence.map((e) => [e.note, e.card?.price])).toEqual([['card when said', 99], ['lowest price said', undefined], ['lower card price later', 79]]);
  });

  test('历史最低 said at 129 when the card showed 99 earlier in the session → contradicted', () => {
    const { rules } = run([{ at: 0, product: card(99) }, { at: 10 * MIN, product: card(129) }, { at: 11 * MIN, say: '历史最低价了' }]);
    expect(rules).toEqual(['live.lowest_price_contradicted']);
  });

  test('the price only goes up after the claim → nothing', () => {
    expect(run([{ at: 0, product: card(99) }, { at: SEC, say: '全网最低价' }, { at: 20 * MIN, product: card(129) }]).findings).toEqual([]);
  });
});

describe('(e) scarcity and urgency over time', () => {
  test('"最后三单" said once → nothing', () => {
    expect(run([{ at: 0, product: card(99) }, { at: SEC, say: '最后三单，抓紧' }, { at: 30 * MIN, say: '好' }]).findings).toEqual([]);
  });

  test('said 3 times over 12 minutes → scarcity_repeated with every occurrence', () => {
    const { findings } = run([
      { at: 0, product: card(99) },
      { at: MIN, say: '最后三单' },
      { at: 7 * MIN, say: '库存告急，马上下架' },
      { at: 13 * MIN, say: '最后三单了' },
    ]);
    const f = findings.find((x) => x.ruleId === 'live.scarcity_repeated')!;
    expect(f).toMatchObject({ category: 'false_scarcity_urgency', severity: 'high', status: 'suspected', match: '最后三单' });
    expect(f.evidence.filter((e) => e.role === 'claim').map((e) => e.claim!.raw)).toEqual(['最后三单', '库存告急', '马上下架', '最后三单']);
    expect(findings.filter((x) => x.ruleId === 'live.scarcity_repeated')).toHaveLength(1);
  });

  test('two phrases in one sentence count once', () => {
    expect(run([{ at: 0, product: card(99) }, { at: MIN, say: '最后三单，马上下架' }, { at: 11 * MIN, say: '库存告急，最后一波' }]).rules).not.toContain('live.scarcity_repeated');
  });

  test('3 times within 5 minutes → not yet (span threshold); 2 times over an hour → not (count threshold)', () => {
    expect(run([{ at: 0, product: card(99) }, { at: MIN, say: '最后三单' }, { at: 3 * MIN, say: '最后三单' }, { at: 5 * MIN, say: '最后三单' }]).rules).not.toContain('live.scarcity_repeated');
    expect(run([{ at: 0, product: card(99) }, { at: MIN, say: '最后三单' }, { at: 61 * MIN, say: '最后三单' }]).rules).not.toContain('live.scarcity_repeated');
  });

  test('thresholds come from the settings', () => {
    const steps = [{ at: 0, product: card(99) }, { at: MIN, say: '最后三单' }, { at: 2 * MIN, say: '最后三单' }];
    expect(run(steps, { settings: { scarcityMinRepeats: 2, scarcityMinSpanMs: 30 * SEC } }).rules).toEqual(['live.scarcity_repeated']);
  });

  test('an N that falls and goes back up → scarcity_count_reset', () => {
    const { findings } = run([{ at: 0, product: card(99) }, { at: MIN, say: '最后五单' }, { at: 2 * MIN, say: '最后两单' }, { at: 4 * MIN, say: '最后十单' }]);
    const f = findings.find((x) => x.ruleId === 'live.scarcity_count_reset')!;
    expect(f.match).toBe('最后十单');
    expect(f.evidence.filter((e) => e.role === 'claim').map((e) => e.claim!.value)).toEqual([5, 2, 10]);
  });

  test('an N that only falls → nothing', () => {
    expect(run([{ at: 0, product: card(99) }, { at: MIN, say: '最后五单' }, { at: 2 * MIN, say: '最后三单' }, { at: 3 * MIN, say: '最后一单' }]).findings).toEqual([]);
  });

  test('a countdown that restarts → countdown_reset; one that ticks down → nothing', () => {
    const ticking = run([{ at: 0, product: card(99) }, { at: 0, say: '倒计时 05:00', channel: 'notice' }, { at: MIN, say: '倒计时 04:00', channel: 'notice' }, { at: 4 * MIN, say: '倒计时 01:00', channel: 'notice' }]);
    expect(ticking.findings).toEqual([]);
    const { findings } = run([{ at: 0, product: card(99) }, { at: 0, say: '倒计时 05:00', channel: 'notice' }, { at: 6 * MIN, say: '倒计时 05:00', channel: 'notice' }]);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ ruleId: 'live.countdown_reset', channel: 'notice', match: '倒计时 05:00' });
    expect(findings[0]!.evidence.map((e) => e.note)).toEqual(['countdown said (ends 2026-11-23T20:05:00.000+08:00)', 'card in force', 'countdown restarted (ends 2026-11-23T20:11:00.000+08:00)']);
  });

  test('a spoken countdown works too', () => {
    expect(run([{ at: 0, product: card(99) }, { at: 0, say: '倒计时5分钟' }, { at: 3 * MIN, say: '最后5分钟' }]).rules).toEqual(['live.countdown_reset']);
  });
});

describe('(f) material and origin said against the card title', () => {
  const scarf = (title: string) => ({ title, productId: 'sku-9', price: 199 });
  test('100%羊绒 with a card saying 羊毛混纺 → contradicted; 纯棉 vs 涤纶; 真皮 vs PU; 原装进口 vs 国产', () => {
    expect(run([{ at: 0, product: scarf('秋冬羊毛混纺围巾') }, { at: SEC, say: '这个是100%羊绒的' }]).findings[0]).toMatchObject({ ruleId: 'live.material_contradicted', category: 'provenance_misrepresentation', status: 'suspected', severity: 'high', match: '100%羊绒' });
    expect(run([{ at: 0, product: scarf('夏季T恤 涤纶') }, { at: SEC, say: '纯棉的，很透气' }]).rules).toEqual(['live.material_contradicted']);
    expect(run([{ at: 0, product: scarf('PU女包') }, { at: SEC, say: '头层牛皮真皮包' }]).rules).toEqual(['live.material_contradicted']);
    expect(run([{ at: 0, product: scarf('国产精华液') }, { at: SEC, say: '原装进口的' }]).rules).toEqual(['live.origin_contradicted']);
  });

  test('card supports it → nothing; card silent → needs_facts, low; negated → nothing', () => {
    expect(run([{ at: 0, product: scarf('100%纯羊绒围巾') }, { at: SEC, say: '100%羊绒' }]).findings).toEqual([]);
    const silent = run([{ at: 0, product: scarf('秋冬围巾') }, { at: SEC, say: '100%羊绒' }, { at: MIN, say: '纯羊绒的宝宝们' }]);
    expect(silent.findings.map((f) => [f.ruleId, f.status, f.severity])).toEqual([['live.material_unverified', 'needs_facts', 'low']]);
    expect(run([{ at: 0, product: scarf('夏季T恤') }, { at: SEC, say: '它不是纯棉的' }]).findings).toEqual([]);
  });

  test('the timeline holds the claim and the card title when it was said', () => {
    const f = run([{ at: 0, product: scarf('秋冬羊毛混纺围巾') }, { at: SEC, say: '100%羊绒' }]).findings[0]!;
    expect(f.evidence.map((e) => [e.role, e.text ?? e.card?.title])).toEqual([['card', '秋冬羊毛混纺围巾'], ['claim', '100%羊绒']]);
  });
});

describe('(g) numbers said against the page counters', () => {
  test('已售10万单 while the page shows 3210 sold → sales_claim_contradicted; 已售3000单 → nothing', () => {
    const { findings } = run([{ at: 0, product: card(99, { sold: 3210 }) }, { at: SEC, say: '这款已售10万单了' }]);
    expect(findings.map((f) => [f.ruleId, f.category, f.match])).toEqual([['live.sales_claim_contradicted', 'fake_data_sales', '已售10万单']]);
    expect(findings[0]!.evidence.find((e) => e.role === 'card')!.card!.sold).toBe(3210);
    expect(run([{ at: 0, product: card(99, { sold: 3210 }) }, { at: SEC, say: '已售3000单了' }]).findings).toEqual([]);
    expect(run([{ at: 0, product: card(99) }, { at: SEC, say: '已售10万单' }]).findings).toEqual([]); // no counter, no contradiction
  });

  test('十万人在抢 while the viewer counter never passed 15876 → viewer_claim_contradicted with the counter timeline', () => {
    const { findings } = run([{ at: 0, room: { viewers: 12034 } }, { at: MIN, room: { viewers: 15876 } }, { at: 2 * MIN, product: card(99) }, { at: 3 * MIN, say: '十万人在抢' }]);
    expect(findings.map((f) => f.ruleId)).toEqual(['live.viewer_claim_contradicted']);
    expect(findings[0]!.evidence.filter((e) => e.role === 'counter').map((e) => e.viewers)).toEqual([12034, 15876]);
    expect(run([{ at: 0, room: { viewers: 12034 } }, { at: 3 * MIN, say: '一万多人在看' }]).findings).toEqual([]);
  });

  test('库存只剩200 then 500 more sold → stock_claim_contradicted; fewer than 200 more → nothing', () => {
    const { findings } = run([{ at: 0, product: card(99, { sold: 1000 }) }, { at: SEC, say: '库存只剩200件了' }, { at: 10 * MIN, product: card(99, { sold: 1150 }) }, { at: 20 * MIN, product: card(99, { sold: 1500 }) }]);
    expect(findings.map((f) => f.ruleId)).toEqual(['live.stock_claim_contradicted']);
    expect(findings[0]!.evidence.map((e) => [e.note, e.card?.sold])).toEqual([['sold counter when said', 1000], ['remaining stock said', undefined], ['sold counter later', 1500]]);
    expect(run([{ at: 0, product: card(99, { sold: 1000 }) }, { at: SEC, say: '库存只剩200件了' }, { at: 10 * MIN, product: card(99, { sold: 1150 }) }]).findings).toEqual([]);
  });
});

describe('(h) "today only" across visits of the same room', () => {
  test('different days, same room → caught, with the earlier day from the room memory', () => {
    const day1 = run([{ at: 0, room: {} }, { at: MIN, say: '仅限今天，错过再等一年' }], { roomMemory: createRoomMemory() });
    expect(day1.findings).toEqual([]);
    expect(day1.roomMemory!.todayOnly.map((d) => d.day)).toEqual(['2026-11-23']);
    const day2 = run([{ at: 0, room: {} }, { at: MIN, say: '今天最后一天' }], { roomMemory: day1.roomMemory!, sessionKey: 's2', t0: T0 + 24 * 60 * MIN });
    expect(day2.findings.map((f) => f.ruleId)).toEqual(['live.today_only_repeated_days']);
    const f = day2.findings[0]!;
    expect(f.evidence.map((e) => [e.role, e.day, e.sessionKey])).toEqual([['memory', '2026-11-23', 's1'], ['claim', '2026-11-24', 's2']]);
    expect(day2.roomMemory!.todayOnly.map((d) => d.day)).toEqual(['2026-11-23', '2026-11-24']);
  });

  test('same day (a second visit an hour later) → not caught', () => {
    const first = run([{ at: 0, room: {} }, { at: MIN, say: '仅限今天' }], { roomMemory: createRoomMemory() });
    const again = run([{ at: 0, room: {} }, { at: MIN, say: '仅限今天' }], { roomMemory: first.roomMemory!, sessionKey: 's2', t0: T0 + 60 * MIN });
    expect(again.findings).toEqual([]);
    expect(again.roomMemory!.todayOnly.map((d) => d.day)).toEqual(['2026-11-23']); // nothing new to remember
  });

  test('the calendar day is the room\'s (UTC+8 by default): 23:30 and 00:30 Beijing time are different days', () => {
    expect(dayOf(Date.parse('2026-11-23T23:30:00+08:00'), DEFAULT_LIVE_SETTINGS.tzOffsetMinutes)).toBe('2026-11-23');
    expect(dayOf(Date.parse('2026-11-24T00:30:00+08:00'), DEFAULT_LIVE_SETTINGS.tzOffsetMinutes)).toBe('2026-11-24');
    expect(isoAt(Date.parse('2026-11-23T12:00:00Z'), 480)).toBe('2026-11-23T20:00:00.000+08:00');
  });
});

describe('state', () => {
  test('JSON round trip mid-session (a service-worker restart) changes nothing', () => {
    const steps = [{ at: 0, product: card(99) }, { at: MIN, say: '最后三单' }, { at: 7 * MIN, say: '最后三单' }, { at: 13 * MIN, say: '最后三单' }] as const;
    const events = toEvents([...steps]);
    let st = createLiveState();
    const rules: string[] = [];
    for (const e of events) {
      const r = liveCheck(JSON.parse(JSON.stringify(st)), e);
      st = r.state;
      rules.push(...r.findings.map((f) => f.ruleId));
    }
    expect(rules).toEqual(['live.scarcity_repeated']);
  });

  test('the state passed in is not modified, and comments are ignored', () => {
    const st = createLiveState();
    const [p, c] = toEvents([{ at: 0, product: card(99) }, { at: SEC, say: '最后三单', channel: 'comment' }]);
    const r = liveCheck(st, p!);
    expect(st).toEqual(createLiveState());
    expect(liveCheck(r.state, c!).state).toBe(r.state);
  });

  test('stays bounded: 500 products and 2000 scarcity lines', () => {
    const steps = [];
    for (let i = 0; i < 500; i++) {
      steps.push({ at: i * SEC, product: { title: `商品${i}`, productId: `p${i}`, price: 10 + i, sold: i } });
      for (let k = 0; k < 4; k++) steps.push({ at: i * SEC + k, say: `最后${k + 1}单 倒计时 0${k}:00 原价${100 + k}` });
    }
    const { state } = run(steps);
    expect(Object.keys(state.products).length).toBeLessThanOrEqual(LIVE_LIMITS.products);
    for (const p of Object.values(state.products)) {
      expect(p.scarcity.length).toBeLessThanOrEqual(LIVE_LIMITS.scarcity);
      expect(p.cards.length).toBeLessThanOrEqual(LIVE_LIMITS.cardPoints);
    }
    expect(state.flagged.length).toBeLessThanOrEqual(LIVE_LIMITS.flagged);
    expect(JSON.stringify(state).length).toBeLessThan(200_000);
  });
});

test('stored settings: only known finite non-negative numbers are taken', () => {
  expect(liveSettingsFrom({ cardGraceMs: 500, scarcityMinRepeats: '3', priceToleranceAbs: -1, bogus: 1, countdownToleranceMs: Infinity })).toEqual({ cardGraceMs: 500 });
  expect(liveSettingsFrom(null)).toEqual({});
  expect(liveSettingsFrom('x')).toEqual({});
});

test('every rule id is in the live.* namespace with a legal basis', () => {
  for (const id of LIVE_RULE_IDS) {
    expect(id).toMatch(/^live\.[a-z_]+$/);
    expect(LIVE_RULES[id].legalBasis.length).toBeGreaterThan(0);
  }
});

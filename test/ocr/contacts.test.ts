import { describe, expect, test } from 'vitest';
import 'fake-indexeddb/auto';
import { classifyQr, contactFindings, extractContacts, QR_TEXT_PREFIX } from '../../lib/ocr/contacts';
import type { EventRow } from '../../lib/evidence/db';

describe('contacts in OCR text', () => {
  test.each([
    ['想要优惠的加微信 lp2026demo', 'wechat', 'lp2026demo'],
    ['VX：abc_12345 领券', 'wechat', 'abc_12345'],
    ['薇信13812345678', 'wechat', '13812345678'],
    ['QQ群：123456789', 'qq', '123456789'],
    ['扣扣 87654321', 'qq', '87654321'],
    ['订购热线 138-1234-5678', 'phone', '13812345678'],
    ['400-123-4567 全国包邮', 'phone', '4001234567'],
    ['复制链接 https://t.cn/A6abcd 下单', 'link', 'https://t.cn/A6abcd'],
    ['打开 dwz.cn/xyz 领券', 'link', 'dwz.cn/xyz'],
  ])('%s', (text, kind, value) => {
    const found = extractContacts(text);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ kind, value });
    expect(text.slice(found[0]!.start, found[0]!.end)).toBe(found[0]!.match);
  });

  test.each(['全网最低价 仅限今天', '已售12345件', '原价399今天只要99', '微信支付也可以', '2026年11月23日'])('no contact in %s', (text) => {
    expect(extractContacts(text)).toEqual([]);
  });

  test('QR targets', () => {
    expect(classifyQr('https://u.wechat.com/EXAMPLE')).toBe('wechat');
    expect(classifyQr('weixin://dl/business')).toBe('wechat');
    expect(classifyQr('https://qm.qq.com/q/abc')).toBe('qq');
    expect(classifyQr('https://qr.alipay.com/abc')).toBe('alipay');
    expect(classifyQr('https://example.com/x')).toBe('link');
    expect(classifyQr('just some words')).toBe('text');
  });
});

function ev(over: Partial<EventRow> & { kind: 'overlay' | 'caption' | 'comment'; payload: object }): EventRow {
  return { id: 'e1', sessionKey: 's1', observedAt: 1, seq: 1, source: 'ocr', confidence: 0.9, tabId: 1, receivedAt: 1, ...over } as EventRow;
}

describe('contact findings', () => {
  test('a WeChat id read from the picture is an off-platform-inducement finding', () => {
    const text = '想要优惠的加微信 lp2026demo';
    const f = contactFindings({ event: ev({ kind: 'caption', payload: { text, final: true } }), channel: 'caption', text, product: undefined }, 'v1');
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ ruleId: 'ocr.contact_on_screen', category: 'off_platform_inducement', severity: 'high', normalized: 'lp2026demo', eventId: 'e1', lexiconVersion: 'v1' });
    expect(f[0]!.legalBasis[0]!.law).toBe('网络直播营销管理办法');
  });

  test('a QR code is a finding with its target', () => {
    const text = `${QR_TEXT_PREFIX}https://u.wechat.com/EXAMPLE`;
    const f = contactFindings({ event: ev({ kind: 'overlay', payload: { text, ocr: { kind: 'qr', frame: 'canvas', box: { x: 0, y: 0, w: 1, h: 1 } } } }), channel: 'overlay', text, product: undefined }, 'v1');
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ ruleId: 'ocr.qr_code_contact', severity: 'high', match: 'https://u.wechat.com/EXAMPLE' });
  });

  test('the same text from a comment (not OCR) gives no OCR finding', () => {
    const text = '加微信 lp2026demo';
    expect(contactFindings({ event: ev({ kind: 'comment', source: 'dom', payload: { text } }), channel: 'comment', text, product: undefined }, 'v1')).toEqual([]);
  });
});

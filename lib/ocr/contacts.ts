/**
 * Off-platform contact read from the picture: phone numbers, WeChat and QQ ids,
 * links (OCR text) and QR codes (decoded with jsQR). Each becomes an
 * off-platform-inducement finding on the OCR event that carried it.
 */
import type { FindingRow } from '../evidence/db';
import type { TextToAnalyze } from '../evidence/store';

export type ContactKind = 'phone' | 'wechat' | 'qq' | 'link';

export interface Contact {
  kind: ContactKind;
  /** The id, number or link, cleaned (separators dropped). */
  value: string;
  start: number;
  end: number;
  match: string;
}

const WECHAT_LABEL = '(?:微信号?|威信|薇信|徽信|V信|v信|VX|vx|Vx|WX|wx|weixin|WeChat|wechat|加[vV]|➕[vV]|\\+[vV])';
const RE_WECHAT = new RegExp(`${WECHAT_LABEL}\\s*[:：]?\\s*([A-Za-z][-_A-Za-z0-9]{5,19}|1[3-9]\\d{9})`, 'g');
const RE_QQ = new RegExp('(?:QQ|qq|扣扣|企鹅)\\s*(?:号|群)?\\s*[:：]?\\s*([1-9]\\d{4,11})', 'g');
// Mainland mobiles (with optional spaces or dashes), 400/800 hotlines, landlines with area code.
const RE_PHONE = /(?<![\d])(1[3-9]\d(?:[-\s]?\d{4}){2}|[48]00[-\s]?\d{3}[-\s]?\d{4}|0\d{2,3}-\d{7,8})(?![\d])/g;
const RE_LINK = /(?:https?:\/\/[^\s，。、“”"'<>]+|(?<![@\w.])(?:[a-z0-9-]+\.)+(?:cn|com|net|cc|me|top|vip|xyz|im|io|link|ink)(?:\/[^\s，。、“”"'<>]*)?)/gi;

/** Contacts in one OCR text line, in order, without overlaps (a WeChat label wins over a bare phone number). */
export function extractContacts(text: string): Contact[] {
  const out: Contact[] = [];
  const add = (kind: ContactKind, m: RegExpMatchArray, value: string) => {
    const start = m.index!;
    const end = start + m[0].length;
    if (out.some((c) => start < c.end && c.start < end)) return;
    out.push({ kind, value, start, end, match: m[0] });
  };
  for (const m of text.matchAll(RE_WECHAT)) add('wechat', m, m[1]!);
  for (const m of text.matchAll(RE_QQ)) add('qq', m, m[1]!);
  for (const m of text.matchAll(RE_PHONE)) add('phone', m, m[1]!.replace(/[-\s]/g, ''));
  for (const m of text.matchAll(RE_LINK)) add('link', m, m[0]);
  return out.sort((a, b) => a.start - b.start);
}

export type QrTarget = 'wechat' | 'qq' | 'alipay' | 'link' | 'text';

/** What a decoded QR code points at. */
export function classifyQr(data: string): QrTarget {
  const d = data.trim().toLowerCase();
  if (/^(weixin:|wxp:)|(^https?:\/\/)?(u\.wechat\.com|weixin\.qq\.com|wx\.qq\.com|work\.weixin\.qq\.com)/.test(d)) return 'wechat';
  if (/(^https?:\/\/)?(qm\.qq\.com|im\.qq\.com|jq\.qq\.com)|^mqqapi:/.test(d)) return 'qq';
  if (/(^https?:\/\/)?(qr\.alipay\.com|render\.alipay\.com)|^alipays?:/.test(d)) return 'alipay';
  if (/^https?:\/\//.test(d) || new RegExp(RE_LINK.source, 'i').test(d)) return 'link';
  return 'text';
}

/** Prefix of the overlay text recorded for a decoded QR code. */
export const QR_TEXT_PREFIX = '二维码：';

const BASIS_CONTACT = [
  { law: '网络直播营销管理办法', article: '10' },
  { law: '网络直播营销管理办法', article: '18', item: '7' },
  { law: '消费者权益保护法', article: '28' },
];
const BASIS_QR = [
  { law: '网络直播营销管理办法', article: '10' },
  { law: '网络直播营销管理办法', article: '18', item: '5' },
  { law: '网络直播营销管理办法', article: '18', item: '7' },
  { law: '电子商务法', article: '31' },
];

const KIND_ZH: Record<ContactKind, string> = { phone: '电话号码', wechat: '微信号', qq: 'QQ号', link: '链接' };

/**
 * Findings for an OCR event: every contact on screen (`ocr.contact_on_screen`),
 * and every QR code (`ocr.qr_code_contact`, high when it opens WeChat, QQ or a
 * payment page). Other sources get none: a phone number in a comment is not the
 * room's own burned-in invitation.
 */
export function contactFindings(input: TextToAnalyze, lexiconVersion: string): FindingRow[] {
  const { event, channel, text } = input;
  if (event.source !== 'ocr' || !text) return [];
  const base = {
    sessionKey: event.sessionKey,
    eventId: event.id,
    observedAt: event.observedAt,
    channel,
    text,
    category: 'off_platform_inducement',
    evasion: null,
    lexiconVersion,
  };
  const qr = (event.kind === 'overlay' && event.payload.ocr?.kind === 'qr') || false;
  if (qr) {
    const data = text.startsWith(QR_TEXT_PREFIX) ? text.slice(QR_TEXT_PREFIX.length) : text;
    const target = classifyQr(data);
    const ruleId = 'ocr.qr_code_contact';
    return [
      {
        ...base,
        id: `${event.id}:${channel}:${ruleId}:0`,
        ruleId,
        severity: target === 'text' ? 'low' : target === 'link' ? 'medium' : 'high',
        status: 'suspected',
        legalBasis: BASIS_QR,
        explanation: {
          zh: `直播画面中出现二维码（${target === 'text' ? '内容' : '指向'}：${data.slice(0, 200)}），涉嫌引导扫码到平台外联系或交易`,
          en: `A QR code in the video (${target}: ${data.slice(0, 200)}) invites viewers off the platform`,
        },
        start: 0,
        end: text.length,
        match: data.slice(0, 500),
        normalized: data.slice(0, 500),
      },
    ];
  }
  return extractContacts(text).map((c) => {
    const ruleId = 'ocr.contact_on_screen';
    return {
      ...base,
      id: `${event.id}:${channel}:${ruleId}:${c.start}`,
      ruleId,
      severity: c.kind === 'link' ? 'medium' : 'high',
      status: 'suspected',
      legalBasis: BASIS_CONTACT,
      explanation: {
        zh: `直播画面中出现${KIND_ZH[c.kind]}（${c.value}），涉嫌引导观众到平台外联系或私下交易`,
        en: `A ${c.kind} contact (${c.value}) shown in the video invites viewers off the platform`,
      },
      start: c.start,
      end: c.end,
      match: c.match,
      normalized: c.value,
    };
  });
}

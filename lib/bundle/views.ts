/**
 * What the human-readable members of a bundle are made from: one row per
 * finding (deduplicated by finding id across records), with the room, product
 * and price on screen, the quote and the legal basis. Pure; used by build.ts
 * (findings.csv, report.html, complaint.txt) and summary.ts.
 *
 * Main exports: BundleRecord, FindingView, findingViews, findingsCsv,
 * displayTime, PLATFORM_ZH, CATEGORY_ZH, SEVERITY_ZH, STATUS_ZH, legalText.
 */
import type { FindingRow, SnapshotContent } from '../evidence/db';

/** A record as carried in a bundle: its id, its content hash and its content exactly as hashed. */
export interface BundleRecord {
  recordId: string;
  contentHash: string;
  content: SnapshotContent;
}

export const PLATFORM_ZH: Record<string, string> = {
  demo: '示例直播间',
  douyin: '抖音',
  kuaishou: '快手',
  taobao: '淘宝',
  jd: '京东',
  xiaohongshu: '小红书',
  bilibili: '哔哩哔哩',
  tiktok: 'TikTok',
  youtube: 'YouTube',
  generic: '其他',
  unknown: '未识别',
};

export const CATEGORY_ZH: Record<string, string> = {
  absolute_terms: '绝对化用语',
  authority_endorsement: '权威背书/特供/代言',
  medical_claims_nonmedical: '非医疗商品宣称治病',
  health_food_claims: '保健食品功效宣称',
  cosmetics_claims: '化妆品医疗化/功效越界',
  infant_special_foods: '婴幼儿配方/特医食品',
  price_fraud: '价格欺诈/虚假比价',
  false_scarcity_urgency: '虚假限时限量',
  fake_data_sales: '虚构销量/数据',
  off_platform_inducement: '诱导私下交易',
  financial_promises: '投资回报承诺',
  education_promises: '教育培训保证承诺',
  unverified_data_citation: '数据引证无出处',
  patent_certification: '专利/认证/荣誉',
  comparative_disparagement: '贬低竞品',
  drug_device_ads: '药品/医疗器械广告',
  superstition: '封建迷信',
  minors: '未成年人保护',
};

export const SEVERITY_ZH: Record<string, string> = { critical: '严重', high: '高', medium: '中', low: '低', info: '提示' };
export const STATUS_ZH: Record<string, string> = {
  suspected: '涉嫌违规',
  needs_facts: '需核实',
  exempt_candidate: '可能豁免',
  suppressed: '已排除',
};
export const CHANNEL_ZH: Record<string, string> = {
  caption: '口播字幕',
  card: '商品卡',
  title: '直播间标题',
  notice: '公告',
  overlay: '画面文字',
  comment: '评论',
};

export const zh = (table: Record<string, string>, key: string): string => table[key] ?? key;

/** 《广告法》第17条；《食品安全法》第73条 */
export function legalText(refs: readonly { law: string; article: string; item?: string }[]): string {
  return refs.map((r) => `《${r.law.replace(/^《|》$/g, '')}》第${r.article}条${r.item ? `第${r.item}项` : ''}`).join('；');
}

/** The zone offset (minutes) written in an ISO time, or 0. */
function zoneOf(iso: string): number {
  const m = /([+-])(\d\d):(\d\d)$/.exec(iso);
  return m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : 0;
}

/** 2026-11-23 20:01:20 (UTC+08:00): epoch ms shown in the zone the capture was recorded in. */
export function displayTime(ms: number, zoneFromIso: string): string {
  if (!Number.isFinite(ms)) return '';
  const off = zoneOf(zoneFromIso);
  const d = new Date(ms + off * 60_000);
  if (Number.isNaN(d.getTime())) return '';
  const sign = off >= 0 ? '+' : '-';
  const abs = Math.abs(off);
  const zone = `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
  return `${d.toISOString().slice(0, 19).replace('T', ' ')} (UTC${zone})`;
}

export interface FindingView {
  time: string;
  observedAt: number;
  platform: string;
  roomId: string;
  roomUrl: string;
  roomTitle: string;
  host: string;
  shop: string;
  product: string;
  price: string;
  originalPrice: string;
  channel: string;
  quote: string;
  match: string;
  category: string;
  severity: string;
  status: string;
  legalBasis: string;
  explanation: string;
  snapshotId: string;
  screenshotSha256: string;
  /** The video-frame crop the text was read from, when OCR read it ('' otherwise). */
  ocrCropSha256: string;
  finding: FindingRow;
}

const money = (n: number | undefined, text: string | undefined): string =>
  n !== undefined && Number.isFinite(n) ? `¥${n}` : (text ?? '');

/** One view per finding (first record wins for a finding id), oldest first. */
export function findingViews(records: readonly BundleRecord[]): FindingView[] {
  const seen = new Set<string>();
  const out: FindingView[] = [];
  const sorted = [...records].sort((a, b) => a.content.capturedAtMs - b.content.capturedAtMs || (a.recordId < b.recordId ? -1 : 1));
  for (const r of sorted) {
    const c = r.content;
    if (c.type !== 'snapshot') continue;
    for (const f of c.findings) {
      if (seen.has(f.id)) continue;
      seen.add(f.id);
      const p = f.product ?? c.product ?? undefined;
      const card = c.product;
      out.push({
        time: displayTime(f.observedAt, c.capturedAt),
        observedAt: f.observedAt,
        platform: c.room.platform,
        roomId: c.room.roomId,
        roomUrl: c.room.url,
        roomTitle: c.room.title,
        host: c.room.host,
        shop: p?.shop ?? '',
        product: p?.title ?? '',
        price: money(p?.price, card?.priceText),
        originalPrice: money(p?.originalPrice, card?.originalPriceText),
        channel: f.channel,
        quote: f.text,
        match: f.match,
        category: f.category,
        severity: f.severity,
        status: f.status,
        legalBasis: legalText(f.legalBasis),
        explanation: f.explanation.zh,
        snapshotId: r.recordId,
        screenshotSha256: c.screenshot?.sha256 ?? '',
        ocrCropSha256: (Array.isArray(c.ocrCrops) ? c.ocrCrops : []).find((x) => x.eventId === f.eventId)?.sha256 ?? '',
        finding: f,
      });
    }
  }
  return out.sort((a, b) => a.observedAt - b.observedAt);
}

/** A CSV cell: quoted when needed; text that Excel would run as a formula gets a leading apostrophe. */
export function csvCell(v: string): string {
  const safe = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function csv(rows: readonly (readonly string[])[]): string {
  return `\uFEFF${rows.map((r) => r.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

export const FINDINGS_CSV_HEADER = [
  '时间 Time',
  '平台 Platform',
  '房间号 Room ID',
  '主播 Host',
  '店铺 Shop',
  '商品 Product',
  '现价 Price',
  '原价 Original price',
  '来源 Channel',
  '原话 Quote',
  '命中文字 Matched text',
  '类别 Category',
  '严重程度 Severity',
  '状态 Status',
  '法律依据 Legal basis',
  '说明 Explanation',
  '快照编号 Snapshot ID',
  '截图 SHA-256 Screenshot SHA-256',
];

/** findings.csv: UTF-8 with BOM, CRLF, Chinese + English headers (Excel opens it as UTF-8). */
export function findingsCsv(views: readonly FindingView[]): string {
  return csv([
    FINDINGS_CSV_HEADER,
    ...views.map((v) => [
      v.time,
      zh(PLATFORM_ZH, v.platform),
      v.roomId,
      v.host,
      v.shop,
      v.product,
      v.price,
      v.originalPrice,
      zh(CHANNEL_ZH, v.channel),
      v.quote,
      v.match,
      `${zh(CATEGORY_ZH, v.category)} (${v.category})`,
      zh(SEVERITY_ZH, v.severity),
      zh(STATUS_ZH, v.status),
      v.legalBasis,
      v.explanation,
      v.snapshotId,
      v.screenshotSha256,
    ]),
  ]);
}

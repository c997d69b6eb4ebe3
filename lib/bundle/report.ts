/**
 * report.html: a self-contained zh-CN report, printable to A4 PDF. No scripts,
 * no external resources (a CSP forbids them too), screenshots embedded as
 * data: URLs, every page-derived string escaped. Pure.
 *
 * Main exports: renderReport, base64, escapeHtml.
 */
import type { Segment } from './manifest';
import { CATEGORY_ZH, CHANNEL_ZH, PLATFORM_ZH, SEVERITY_ZH, STATUS_ZH, displayTime, zh, type BundleRecord, type FindingView } from './views';

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

export function base64(bytes: Uint8Array): string {
  let out = '';
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
    out += B64[n >> 18]! + B64[(n >> 12) & 63]! + B64[(n >> 6) & 63]! + B64[n & 63]!;
  }
  const rest = bytes.length - i;
  if (rest === 1) {
    const n = bytes[i]! << 16;
    out += `${B64[n >> 18]!}${B64[(n >> 12) & 63]!}==`;
  } else if (rest === 2) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8);
    out += `${B64[n >> 18]!}${B64[(n >> 12) & 63]!}${B64[(n >> 6) & 63]!}=`;
  }
  return out;
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** Only these image types are embedded; anything else is listed but not shown. */
const IMAGE_MIME = new Set(['image/png', 'image/jpeg', 'image/webp']);

export interface ReportInput {
  createdAt: string;
  records: readonly BundleRecord[];
  views: readonly FindingView[];
  screenshots: ReadonlyMap<string, { mime: string; data: Uint8Array }>;
  segments: readonly Segment[];
  toolVersion: string;
}

const CSS = `
@page { size: A4; margin: 15mm 14mm; }
* { box-sizing: border-box; }
body { font-family: "Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC", "WenQuanYi Micro Hei", sans-serif; font-size: 10.5pt; line-height: 1.55; color: #111; max-width: 182mm; margin: 0 auto; padding: 8mm 0; }
h1 { font-size: 17pt; margin: 0 0 4mm; } h2 { font-size: 13pt; border-bottom: 1px solid #999; margin: 7mm 0 3mm; break-after: avoid; } h3 { font-size: 11pt; margin: 4mm 0 2mm; break-after: avoid; }
table { width: 100%; border-collapse: collapse; table-layout: fixed; margin: 2mm 0; }
th, td { border: 1px solid #bbb; padding: 1.2mm 1.8mm; text-align: left; vertical-align: top; overflow-wrap: anywhere; word-break: break-word; }
th { background: #f2f2f2; width: 28%; font-weight: 600; }
thead th { width: auto; }
tr { break-inside: avoid; }
.finding { border: 1px solid #999; border-radius: 2mm; padding: 3mm; margin: 4mm 0; break-inside: avoid; }
.quote { font-size: 11.5pt; background: #fff8e1; border-left: 3px solid #e0a000; padding: 1.5mm 3mm; margin: 2mm 0; }
.quote mark { background: #ffd54f; }
img.shot { display: block; max-width: 100%; max-height: 110mm; object-fit: contain; border: 1px solid #ccc; margin: 2mm 0; break-inside: avoid; }
.hash, code { font-family: "DejaVu Sans Mono", Consolas, monospace; font-size: 8pt; overflow-wrap: anywhere; word-break: break-all; }
.note { color: #444; font-size: 9.5pt; }
.sign { margin-top: 12mm; break-inside: avoid; } .sign p { margin: 7mm 0; }
@media print { body { padding: 0; max-width: none; } a { color: inherit; text-decoration: none; } }
`;

function row(label: string, value: string, raw = false): string {
  return `<tr><th>${escapeHtml(label)}</th><td>${raw ? value : escapeHtml(value)}</td></tr>`;
}

/** The quote with the matched span marked (offsets from the finding, checked before use). */
function quoteHtml(v: FindingView): string {
  const { text, start, end } = v.finding;
  if (Number.isInteger(start) && Number.isInteger(end) && start >= 0 && end <= text.length && start < end) {
    return `${escapeHtml(text.slice(0, start))}<mark>${escapeHtml(text.slice(start, end))}</mark>${escapeHtml(text.slice(end))}`;
  }
  return escapeHtml(text);
}

export function renderReport(input: ReportInput): string {
  const { records, views } = input;
  const first = records[0]?.content;
  const rooms = new Map<string, BundleRecord['content']['room']>();
  for (const r of records) rooms.set(`${r.content.room.platform}\u0000${r.content.room.roomId}\u0000${r.content.room.host}`, r.content.room);
  const shops = [...new Set(records.map((r) => r.content.product?.shop).filter((s): s is string => Boolean(s)))];
  const times = records.map((r) => r.content.capturedAtMs).filter(Number.isFinite);
  const zoneIso = first?.capturedAt ?? input.createdAt;
  const span = times.length ? `${displayTime(Math.min(...times), zoneIso)} — ${displayTime(Math.max(...times), zoneIso)}` : '';

  const roomTables = [...rooms.values()]
    .map(
      (room) => `<table>
${row('平台', zh(PLATFORM_ZH, room.platform))}
${row('直播间标题', room.title)}
${row('房间号', room.roomId)}
${row('直播间地址', room.url)}
${row('主播', room.host)}
${row('店铺', shops.join('、') || '（页面未显示）')}
${row('取证时间段', span)}
</table>`,
    )
    .join('\n');

  const timeline = [...records]
    .sort((a, b) => a.content.capturedAtMs - b.content.capturedAtMs)
    .map((r) => {
      const c = r.content;
      const p = c.product;
      const price = p ? `${p.title}${p.price !== undefined ? ` ¥${p.price}` : p.priceText ? ` ${p.priceText}` : ''}${p.originalPrice !== undefined ? `（原价 ¥${p.originalPrice}）` : ''}` : '（无商品卡）';
      return `<tr><td>${escapeHtml(displayTime(c.capturedAtMs, c.capturedAt))}</td><td>${escapeHtml(c.trigger === 'auto' ? '自动取证' : '手动取证')}</td><td>${escapeHtml(price)}</td><td>${c.findings.length}</td><td><code>${escapeHtml(r.recordId)}</code></td></tr>`;
    })
    .join('\n');

  const findings = views
    .map((v, i) => {
      const shot = v.screenshotSha256 ? input.screenshots.get(v.screenshotSha256) : undefined;
      const img =
        shot && IMAGE_MIME.has(shot.mime)
          ? `<img class="shot" alt="取证截图 ${escapeHtml(v.screenshotSha256)}" src="data:${shot.mime};base64,${base64(shot.data)}">`
          : `<p class="note">（本快照无截图）</p>`;
      const crop = v.ocrCropSha256 ? input.screenshots.get(v.ocrCropSha256) : undefined;
      const cropImg =
        crop && IMAGE_MIME.has(crop.mime)
          ? `<p class="note">画面文字识别（OCR）所读的视频画面截取：</p><img class="shot" alt="画面截取 ${escapeHtml(v.ocrCropSha256)}" src="data:${crop.mime};base64,${base64(crop.data)}">`
          : '';
      return `<section class="finding">
<h3>问题 ${i + 1}：${escapeHtml(zh(CATEGORY_ZH, v.category))}（${escapeHtml(zh(SEVERITY_ZH, v.severity))}，${escapeHtml(zh(STATUS_ZH, v.status))}）</h3>
<div class="quote">“${quoteHtml(v)}”</div>
<table>
${row('时间', v.time)}
${row('来源', zh(CHANNEL_ZH, v.channel))}
${row('画面商品', v.product || '（无商品卡）')}
${row('画面价格', [v.price && `现价 ${v.price}`, v.originalPrice && `原价 ${v.originalPrice}`].filter(Boolean).join('，') || '（未显示）')}
${row('店铺 / 主播', `${v.shop || '（未显示）'} / ${v.host}`)}
${row('涉嫌违反', v.legalBasis || '（待核实）')}
${row('说明', v.explanation.startsWith('涉嫌') ? v.explanation : `涉嫌：${v.explanation}`)}
${row('快照编号', `<code>${escapeHtml(v.snapshotId)}</code>`, true)}
${row('截图 SHA-256', v.screenshotSha256 ? `<span class="hash">${escapeHtml(v.screenshotSha256)}</span>` : '—', true)}
${v.ocrCropSha256 ? row('画面截取 SHA-256', `<span class="hash">${escapeHtml(v.ocrCropSha256)}</span>`, true) : ''}
</table>
${img}
${cropImg}
</section>`;
    })
    .join('\n');

  const index = records
    .map((r, i) => {
      const c = r.content;
      return `<tr><td>E${String(i + 1).padStart(2, '0')}</td><td><code>evidence/${escapeHtml(r.recordId)}.json</code><br>${escapeHtml(displayTime(c.capturedAtMs, c.capturedAt))}</td><td><span class="hash">内容 ${escapeHtml(r.contentHash)}</span>${
        c.screenshot ? `<br><span class="hash">截图 ${escapeHtml(c.screenshot.sha256)}</span>` : ''
      }</td></tr>`;
    })
    .join('\n');
  const heads = input.segments
    .map((s) => `<li>链段 <code>${escapeHtml(s.id)}</code>：第 ${s.links[0]!.seq}–${s.anchor.headSeq} 条，锚点 <span class="hash">${escapeHtml(s.anchor.prevHash)}</span>，导出时链头 <span class="hash">${escapeHtml(s.anchor.headHash)}</span></li>`)
    .join('\n');
  const versions = [...new Set(records.map((r) => `扩展 ${r.content.versions.extension}，规则库 ${r.content.versions.lexicon}，浏览器 ${r.content.versions.browser}`))];

  return `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>直播间涉嫌违法广告取证报告</title>
<style>${CSS}</style>
</head>
<body>
<h1>直播间涉嫌违法广告取证报告</h1>
<p class="note">由 LiveProof 直播取证 ${escapeHtml(input.toolVersion)} 于 ${escapeHtml(input.createdAt)} 生成。以下内容为取证工具在浏览器本地自动识别的“涉嫌”问题，是否违法以市场监督管理部门认定为准。</p>

<h2>一、直播间身份</h2>
${roomTables}

<h2>二、取证时间线</h2>
<table>
<thead><tr><th>时间</th><th>方式</th><th>画面商品与价格</th><th>问题数</th><th>快照编号</th></tr></thead>
<tbody>
${timeline}
</tbody>
</table>

<h2>三、涉嫌违法的宣传内容（共 ${views.length} 处）</h2>
${findings || '<p>（所选证据中没有识别到问题。）</p>'}

<h2>四、证据清单与哈希值</h2>
<table>
<thead><tr><th style="width:9%">编号</th><th style="width:33%">文件与取证时间</th><th>SHA-256</th></tr></thead>
<tbody>
${index}
</tbody>
</table>
<ul>
${heads}
</ul>
<p class="note">取证工具版本：${escapeHtml(versions.join('；'))}。每个文件的 SHA-256 另见压缩包内的 manifest.json 与 SHA256SUMS；核验方法见 VERIFY.md。</p>

<h2>五、哈希值能证明什么、不能证明什么</h2>
<p><strong>能证明：</strong>每份证据在取证时即计算了 SHA-256 哈希值，并按时间顺序串成哈希链（每条记录包含上一条记录的哈希值）。只要文件与链上记录的哈希值一致，就说明取证之后内容没有被增加、删除、修改或调换顺序；删除证据本身也会在链上留下记录。</p>
<p><strong>不能证明：</strong>哈希值不能证明取证之前页面、网络和设备是真实、正常的，也不能证明取证时间来自可信时间源（时间取自本机时钟）。参照《人民法院在线诉讼规则》第十六条、第十七条的思路：技术核验通过只说明数据在存证之后未被篡改，存证之前数据是否真实仍可能受到质疑，需要结合直播回放、平台记录、订单等其他证据判断。</p>
<p class="note">如需更强的证明力，可向平台申请调取直播回放与互动记录，或办理公证、使用第三方存证平台。</p>

<div class="sign">
<h2>六、提供人声明</h2>
<p>本人确认以上材料系本人使用上述工具在所述时间取得，打印件与电子原件一致。</p>
<p>提供人（签名）：____________________　　　联系电话：____________________</p>
<p>日期：______年____月____日</p>
</div>
</body>
</html>
`;
}

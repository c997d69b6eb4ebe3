/**
 * complaint.txt (a 12315 投诉/举报 draft in Chinese, prefilled from the
 * evidence; what only the user knows is marked 【请填写：…】) and VERIFY.md
 * (how to check the bundle). Pure.
 *
 * Main exports: renderComplaint, renderVerifyMd, FILL.
 */
import { CHANNEL_ZH, PLATFORM_ZH, displayTime, zh, type BundleRecord, type FindingView } from './views';

/** Markers for what only the user can fill in. */
export const FILL = {
  name: '【请填写：姓名】',
  phone: '【请填写：联系电话】',
  address: '【请填写：通信地址】',
  order: '【请填写：订单号】',
  amount: '【请填写：金额】',
  purchaseTime: '【请填写：购买时间】',
  businessName: '【请填写：经营者名称（见店铺营业执照公示）】',
  creditCode: '【请填写：统一社会信用代码（见店铺营业执照公示）】',
  businessAddress: '【请填写：经营者地址（见店铺营业执照公示）】',
  demand: '【请选择诉求：退货退款／三倍赔偿（消费者权益保护法第五十五条，经营者欺诈）／十倍价款赔偿（食品安全法第一百四十八条，仅限不符合食品安全标准的食品）／赔偿损失／赔礼道歉／其他】',
} as const;

const uniq = (xs: readonly string[]) => [...new Set(xs.filter((x) => x.trim() !== ''))];

export interface ComplaintInput {
  createdAt: string;
  records: readonly BundleRecord[];
  views: readonly FindingView[];
}

export function renderComplaint({ createdAt, records, views }: ComplaintInput): string {
  const rooms = uniq(records.map((r) => `${zh(PLATFORM_ZH, r.content.room.platform)}直播间「${r.content.room.title}」（房间号 ${r.content.room.roomId || '未识别'}，地址 ${r.content.room.url || '未识别'}）`));
  const hosts = uniq(records.map((r) => r.content.room.host));
  const shops = uniq([...records.map((r) => r.content.product?.shop ?? ''), ...views.map((v) => v.shop)]);
  const platforms = uniq(records.map((r) => zh(PLATFORM_ZH, r.content.room.platform)));
  const goods = uniq(records.map((r) => {
    const p = r.content.product;
    if (!p) return '';
    return `${p.title}${p.price !== undefined ? `（直播间显示现价 ¥${p.price}${p.originalPrice !== undefined ? `，原价 ¥${p.originalPrice}` : ''}）` : ''}`;
  }));
  const times = records.map((r) => r.content.capturedAtMs).filter(Number.isFinite);
  const zoneIso = records[0]?.content.capturedAt ?? createdAt;
  const span = times.length ? `${displayTime(Math.min(...times), zoneIso)} 至 ${displayTime(Math.max(...times), zoneIso)}` : '';
  const recordIndex = new Map(records.map((r, i) => [r.recordId, `E${String(i + 1).padStart(2, '0')}`]));

  const claims = views.map((v, i) => {
    const law = v.legalBasis ? `涉嫌违反${v.legalBasis}` : '涉嫌违法（法律依据待核实）';
    const why = v.explanation.startsWith('涉嫌') ? v.explanation : `涉嫌${v.explanation}`;
    const price = [v.price && `现价 ${v.price}`, v.originalPrice && `原价 ${v.originalPrice}`].filter(Boolean).join('，');
    return `${i + 1}. ${v.time}，主播在讲解「${v.product || '（未识别商品）'}」${price ? `（画面显示${price}）` : ''}时，${zh(CHANNEL_ZH, v.channel)}出现：“${v.quote}”。${why}，${law}。（证据 ${recordIndex.get(v.snapshotId) ?? v.snapshotId}）`;
  });

  const evidence = records.map((r) => {
    const c = r.content;
    const lines = [`${recordIndex.get(r.recordId)}  取证记录 evidence/${r.recordId}.json（${displayTime(c.capturedAtMs, c.capturedAt)}）  SHA-256: ${r.contentHash}`];
    if (c.screenshot) lines.push(`     截图 screenshots/${c.screenshot.sha256}.${c.screenshot.mime === 'image/jpeg' ? 'jpg' : c.screenshot.mime === 'image/webp' ? 'webp' : 'png'}  SHA-256: ${c.screenshot.sha256}`);
    return lines.join('\n');
  });

  return `12315 投诉／举报材料草稿（由 LiveProof 直播取证于 ${createdAt} 根据本地取证记录生成）
使用说明：标有【请填写…】【请选择…】的内容只有您本人知道，请补全后再提交；其余内容请核对。只观看未购买时，请选择“举报”，可不填订单与诉求。

一、投诉人信息
姓名：${FILL.name}
联系电话：${FILL.phone}
通信地址：${FILL.address}

二、被投诉（举报）经营者
店铺名称：${shops.join('、') || '【请填写：店铺名称】'}
经营者名称：${FILL.businessName}
统一社会信用代码：${FILL.creditCode}
经营者地址：${FILL.businessAddress}
直播营销人员（主播）：${hosts.join('、') || '【请填写：主播名称】'}
平台：${platforms.join('、')}
直播间：${rooms.join('；')}

三、交易信息（仅投诉需要）
商品：${goods.join('；') || '【请填写：商品名称】'}
购买时间：${FILL.purchaseTime}
订单号：${FILL.order}
支付金额：${FILL.amount}

四、问题描述
${span}，本人观看上述直播间时，发现主播在直播中作出以下宣传：
${claims.join('\n') || '（所选证据中没有识别到问题，请自行描述。）'}
以上宣传内容涉嫌构成虚假或违法广告，误导消费者，请依法处理。

五、诉求
${FILL.demand}
（举报：请求依法查处，责令停止发布违法广告。）

六、证据清单
${evidence.join('\n')}
说明：以上证据在取证时计算了 SHA-256 哈希值并串成哈希链；完整的原始记录、截图与哈希清单（manifest.json、SHA256SUMS）由本人保存，可随时提供。哈希值只能证明取证后未被修改，不能证明取证前页面和设备的真实性。

投诉人（签名）：____________　　日期：______年____月____日
`;
}

export function renderVerifyMd(): string {
  return `# 如何核验本证据包 / How to verify this bundle

本压缩包由 LiveProof 直播取证导出。每个文件的 SHA-256 记录在 \`manifest.json\` 和 \`SHA256SUMS\` 中；
每条取证记录（\`evidence/<编号>.json\`）的哈希值还串在哈希链上（\`evidence/chain.json\`），链上每一条都包含上一条的哈希值。

## 1. 用 LiveProof 命令行核验（推荐）

\`\`\`sh
npx liveproof verify 证据包.zip
\`\`\`

退出码 0 表示所有文件、清单和哈希链都核验通过；退出码 1 表示核验失败，并指出第一个出问题的文件（例如
\`screenshots/ab12….png: SHA-256 mismatch\`）；退出码 2 表示命令用法错误。

## 2. 不用 LiveProof，手工核验文件

解压后在解压目录里运行（Linux / macOS 的 \`shasum -a 256 -c\` 同理；Windows 可用 \`certutil -hashfile 文件 SHA256\` 逐个对照）：

\`\`\`sh
sha256sum -c SHA256SUMS
\`\`\`

每一行都应显示 \`OK\`。\`SHA256SUMS\` 包含除它自己以外的所有文件，包括 \`manifest.json\`。

## 3. 手工核验哈希链

- 取证记录的哈希 = SHA-256(记录的规范 JSON)：键按 UTF-16 码元排序、无空白。\`evidence/<编号>.json\` 本身就是规范 JSON，所以
  \`sha256sum evidence/<编号>.json\` 应等于 \`evidence/chain.json\` 中对应链节的 \`contentHash\`。
- 每个链节的 \`hash\` = SHA-256(规范 JSON 的 \`{seq, recordId, type, at, contentHash, prevHash}\`)，且 \`prevHash\` 等于上一链节的 \`hash\`。
- 链段从 \`anchor.prevHash\` 开始，连续编号，到导出时的链头 \`anchor.headHash\` 结束。链段中也有未导出记录的链节（只有哈希，没有内容），用来证明中间没有缺失。

## 哈希值能证明什么、不能证明什么

能证明：取证之后文件没有被修改、删除、插入或调换顺序。
不能证明：取证之前页面、网络和设备是真实的；时间取自本机时钟。参照《人民法院在线诉讼规则》第十六、十七条：
技术核验通过只说明存证之后未被篡改，存证之前的真实性仍需结合其他证据（平台回放、订单记录、公证等）判断。

---

English: run \`npx liveproof verify bundle.zip\` (exit 0 = everything checks out, 1 = the first failure is named, 2 = usage
error), or unzip and run \`sha256sum -c SHA256SUMS\`. Record files are canonical JSON (sorted keys, no whitespace), so
their plain SHA-256 equals the \`contentHash\` of their chain link. Hashes prove nothing changed after capture; they do
not prove the page or the device were genuine before capture.
`;
}

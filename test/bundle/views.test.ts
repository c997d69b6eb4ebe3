import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildBundle } from '../../lib/bundle/build';
import { readBundle, type ReadOk } from '../../lib/bundle/read';
import { base64 } from '../../lib/bundle/report';
import { csvCell } from '../../lib/bundle/views';
import type { LiveProofDb } from '../../lib/evidence/db';
import { collectBundleInput } from '../../lib/evidence/export';
import { fillRoom, finding, png, standardStore, T0 } from './fixture';
import { openDb } from '../../lib/evidence/db';

let db: LiveProofDb;
let bundle: ReadOk;
const text = (path: string) => new TextDecoder('utf-8', { ignoreBOM: true }).decode(bundle.files.get(path)!);

beforeAll(async () => {
  ({ db } = await standardStore());
  const r = await readBundle(await buildBundle(await collectBundleInput(db, { sessionKey: 's1' }, { now: new Date('2026-11-23T12:30:00Z') })));
  if (!r.ok) throw new Error(r.error.reason);
  bundle = r;
});
afterAll(() => db.delete());

describe('findings.csv', () => {
  test('UTF-8 with BOM, Chinese + English headers, one row per finding', () => {
    const bytes = bundle.files.get('findings.csv')!;
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(text('findings.csv').startsWith('\uFEFF')).toBe(true);
    const lines = text('findings.csv').slice(1).trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      '时间 Time,平台 Platform,房间号 Room ID,主播 Host,店铺 Shop,商品 Product,现价 Price,原价 Original price,来源 Channel,原话 Quote,命中文字 Matched text,类别 Category,严重程度 Severity,状态 Status,法律依据 Legal basis,说明 Explanation,快照编号 Snapshot ID,截图 SHA-256 Screenshot SHA-256',
    );
    expect(lines).toHaveLength(4);
    expect(lines.find((l) => l.includes('治疗湿疹'))).toMatch(/^2026-11-23 12:01:20 \(UTC\+00:00\),抖音,7312345678,小美姐姐,美肌旗舰店,祛痘修护面霜,¥99,¥399,口播字幕,这款面霜可以治疗湿疹，三天见效,治疗湿疹,.*,严重,涉嫌违规,《广告法》第17条,/);
  });

  test('cells that Excel would run as formulas are neutralised; quotes and commas escaped', () => {
    expect(csvCell('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(csvCell('-1+2')).toBe("'-1+2");
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('普通文本')).toBe('普通文本');
  });
});

describe('report.html', () => {
  test('self-contained: no scripts, no external URLs in attributes or CSS, a CSP that forbids them', () => {
    const html = text('report.html');
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/\son\w+\s*=/i);
    expect(html).not.toMatch(/(src|href)\s*=\s*(?!["']?data:)/i);
    expect(html.match(/src="data:image\/png;base64,/g)).toHaveLength(2);
    expect(html).not.toMatch(/url\(/i);
    expect(html).not.toMatch(/@import/i);
    expect(html).toContain(`content="default-src 'none'; img-src data:; style-src 'unsafe-inline'"`);
    expect(html).toContain('<html lang="zh-CN">');
    expect(html).toMatch(/@page \{ size: A4/);
  });

  test('contains the quotes, the legal bases, the room identity and the screenshots embedded', () => {
    const html = text('report.html');
    expect(html).toContain('这款面霜可以<mark>治疗湿疹</mark>，三天见效');
    expect(html).toContain('<mark>全网最低价</mark>，今天只要99');
    expect(html).toContain('《广告法》第17条');
    expect(html).toContain('《明码标价和禁止价格欺诈规定》第19条；《广告法》第9条第3项');
    expect(html).toContain('https://live.douyin.com/7312345678');
    expect(html).toContain('小美姐姐');
    expect(html).toContain('涉嫌');
    expect(html).toContain('人民法院在线诉讼规则');
    expect(html).toContain('签名');
    expect(bundle.screenshots.size).toBe(2);
    for (const [, s] of bundle.screenshots) expect(html).toContain(`src="data:image/png;base64,${base64(s.data)}"`);
    for (const r of bundle.records) expect(html).toContain(r.contentHash);
  });

  test('hostile page text is escaped, never markup', async () => {
    const evil = openDb(`views-evil-${Date.now()}`);
    const hostile = '<img src=x onerror=alert(1)><script>alert(2)</script>';
    await fillRoom(evil, { sessionKey: 'e', host: hostile, shop: '"><a href="http://evil.example">' }, [
      { findings: [finding('x1', 'e', { text: `${hostile}最好`, start: 0, end: 3, product: { title: hostile, price: 1 } })], shot: png(9), at: T0 + 90_000 },
    ]);
    const r = await readBundle(await buildBundle(await collectBundleInput(evil, { sessionKey: 'e' })));
    await evil.delete();
    if (!r.ok) throw new Error(r.error.reason);
    const html = new TextDecoder().decode(r.files.get('report.html')!);
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toContain('<img src=x');
    expect(html).not.toContain('<a href');
    expect(html).toContain('&lt;script&gt;alert(2)&lt;/script&gt;');
  });

  test('base64 matches Node', () => {
    for (const n of [0, 1, 2, 3, 4, 5, 100]) {
      const b = new Uint8Array(n).map((_, i) => (i * 37 + 11) & 255);
      expect(base64(b)).toBe(Buffer.from(b).toString('base64'));
    }
  });
});

describe('complaint.txt', () => {
  test('prefilled with shop, host, platform, room, goods, findings with articles and the evidence list; user fields marked', () => {
    const t = text('complaint.txt');
    for (const s of ['店铺名称：美肌旗舰店', '直播营销人员（主播）：小美姐姐', '平台：抖音', '房间号 7312345678', 'https://live.douyin.com/7312345678', '祛痘修护面霜', '涉嫌违反《广告法》第17条', '“这款面霜可以治疗湿疹，三天见效”']) {
      expect(t).toContain(s);
    }
    for (const m of ['【请填写：姓名】', '【请填写：联系电话】', '【请填写：订单号】', '【请填写：金额】', '【请选择诉求：退货退款／三倍赔偿（消费者权益保护法第五十五条']) expect(t).toContain(m);
    for (const r of bundle.records) expect(t).toContain(`evidence/${r.recordId}.json`);
    for (const r of bundle.records) expect(t).toContain(r.contentHash);
    for (const sha of bundle.screenshots.keys()) expect(t).toContain(`screenshots/${sha}.png  SHA-256: ${sha}`);
    // E01 is the earliest capture
    const first = [...bundle.records].sort((a, b) => a.content.capturedAtMs - b.content.capturedAtMs)[0]!;
    expect(t).toMatch(new RegExp(`E01  取证记录 evidence/${first.recordId}\\.json`));
  });

  test('VERIFY.md explains both ways to check', () => {
    const t = text('VERIFY.md');
    expect(t).toContain('npx liveproof verify');
    expect(t).toContain('sha256sum -c SHA256SUMS');
  });
});

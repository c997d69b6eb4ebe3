/**
 * The platform hosts, as plain data: other entry points (e.g. the OCR frame
 * grabber) can match the same pages without bundling the adapters.
 * test/platforms/adapters.test.ts checks this list against the adapters.
 */
export const PLATFORM_HOSTS = [
  'live.douyin.com',
  'www.douyin.com',
  'www.tiktok.com',
  'www.youtube.com',
  'live.bilibili.com',
  'tbzb.taobao.com',
  'live.kuaishou.com',
  'lives.jd.com',
  'www.xiaohongshu.com',
];

/** Match patterns for content scripts: every platform host (https), plus loopback for the demo room. */
export const CONTENT_MATCHES = [...PLATFORM_HOSTS.map((h) => `https://${h}/*`), 'http://127.0.0.1/*', 'http://localhost/*'];

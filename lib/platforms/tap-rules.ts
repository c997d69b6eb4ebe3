/**
 * The tap's allowlist, as plain data: for each platform host, which URLs of the
 * page's own traffic the MAIN-world tap copies. Shared by the tap (which must
 * stay tiny and import nothing else) and the adapters (whose network mappers
 * must stay within it; test/platforms/registry.test.ts checks that).
 */
export interface TapRule {
  /** Host names (exact) the rule applies on. */
  hosts: string[];
  http: string[];
  ws: string[];
  /** Script src substrings whose JSONP callback is observed. */
  jsonp: string[];
}

export const TAP_RULES: TapRule[] = [
  {
    hosts: ['live.douyin.com', 'www.douyin.com'],
    http: ['/webcast/im/fetch/', '/live/promotions/pop/', '/webcast/room/web/enter/'],
    ws: ['/webcast/im/push/'],
    jsonp: [],
  },
  { hosts: ['www.tiktok.com'], http: ['/webcast/im/fetch/', '/api-live/'], ws: ['/webcast/im/push'], jsonp: [] },
  {
    hosts: ['live.bilibili.com'],
    http: ['/xlive/web-room/v1/index/getInfoByRoom', '/xlive/e-commerce-interface/'],
    ws: ['.chat.bilibili.com/sub', '.chat.hdslb.com/sub'],
    jsonp: [],
  },
  {
    hosts: ['tbzb.taobao.com'],
    http: ['/h5/mtop.taobao.iliad.comment.query.latest/', '/h5/mtop.mediaplatform.live.livedetail/', '/h5/mtop.mediaplatform.video.livedetail.itemlist'],
    ws: [],
    jsonp: ['/h5/mtop.taobao.iliad.comment.query.latest/', '/h5/mtop.mediaplatform.live.livedetail/', '/h5/mtop.mediaplatform.video.livedetail.itemlist'],
  },
  { hosts: ['live.kuaishou.com'], http: ['/live_api/liveroom/livedetail'], ws: [], jsonp: [] },
  { hosts: ['lives.jd.com'], http: ['functionId=liveDetailToM'], ws: [], jsonp: [] },
];

/** Match patterns for the tap's manifest entry: the platform hosts only. */
export const TAP_MATCHES = TAP_RULES.flatMap((r) => r.hosts.map((h) => `https://${h}/*`));

export function tapRuleFor(host: string): TapRule | undefined {
  return TAP_RULES.find((r) => r.hosts.includes(host));
}

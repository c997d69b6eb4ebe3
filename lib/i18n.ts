/** UI strings. zh-CN first; English available. */
export type Lang = 'zh-CN' | 'en';

const zh = {
  appName: '直播取证 LiveProof',
  noRoom: '当前标签页没有识别到直播间。打开一个受支持的直播间（或示例直播间）后再查看。',
  platform: '平台',
  host: '主播',
  roomTitle: '直播间',
  roomId: '房间号',
  product: '讲解中的商品',
  price: '现价',
  originalPrice: '原价',
  shop: '店铺',
  events: '已记录事件',
  findings: '疑似违规',
  noFindings: '暂未发现疑似违规。',
  severity: '严重程度',
  legalBasis: '法律依据',
  suspected: '涉嫌',
  needsFacts: '需核实',
  exemptCandidate: '可能豁免',
  language: 'English',
  loading: '加载中…',
  error: '出错了',
  critical: '严重',
  high: '高',
  medium: '中',
  low: '低',
  info: '提示',
};

const en: typeof zh = {
  appName: 'LiveProof 直播取证',
  noRoom: 'No live room recognised in this tab. Open a supported live room (or the demo room) and look again.',
  platform: 'Platform',
  host: 'Host',
  roomTitle: 'Room',
  roomId: 'Room id',
  product: 'Product being explained',
  price: 'Price',
  originalPrice: 'Original price',
  shop: 'Shop',
  events: 'Events recorded',
  findings: 'Suspected violations',
  noFindings: 'No suspected violations so far.',
  severity: 'Severity',
  legalBasis: 'Legal basis',
  suspected: 'Suspected',
  needsFacts: 'Needs facts',
  exemptCandidate: 'Possibly exempt',
  language: '中文',
  loading: 'Loading…',
  error: 'Error',
  critical: 'Critical',
  high: 'High',
  medium: 'Medium',
  low: 'Low',
  info: 'Info',
};

export type MessageKey = keyof typeof zh;
export type Messages = typeof zh;

export function messages(lang: Lang): Messages {
  return lang === 'en' ? en : zh;
}

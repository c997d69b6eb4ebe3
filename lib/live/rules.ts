/**
 * The time-aware rules: ids (the `live.*` namespace), categories and legal
 * basis. docs/time-aware-checks.md explains each one.
 */
import type { LegalRef } from '../legal';

export type LiveRuleId =
  | 'live.price_mismatch_card'
  | 'live.original_price_mismatch'
  | 'live.original_price_inconsistent'
  | 'live.lowest_price_contradicted'
  | 'live.scarcity_repeated'
  | 'live.scarcity_count_reset'
  | 'live.countdown_reset'
  | 'live.stock_claim_contradicted'
  | 'live.sales_claim_contradicted'
  | 'live.viewer_claim_contradicted'
  | 'live.material_contradicted'
  | 'live.material_unverified'
  | 'live.origin_contradicted'
  | 'live.origin_unverified'
  | 'live.today_only_repeated_days';

export type LiveCategory = 'price_fraud' | 'false_scarcity_urgency' | 'fake_data_sales' | 'provenance_misrepresentation';

const MB = '明码标价和禁止价格欺诈规定';
const law = (l: string, article: string, item?: string): LegalRef => (item ? { law: l, article, item } : { law: l, article });

export const LIVE_RULES: Record<LiveRuleId, { category: LiveCategory; legalBasis: LegalRef[] }> = {
  'live.price_mismatch_card': { category: 'price_fraud', legalBasis: [law(MB, '19', '2'), law(MB, '19', '4'), law('价格法', '14', '4')] },
  'live.original_price_mismatch': { category: 'price_fraud', legalBasis: [law(MB, '16'), law(MB, '19', '3'), law(MB, '19', '4')] },
  'live.original_price_inconsistent': { category: 'price_fraud', legalBasis: [law(MB, '16'), law(MB, '17'), law(MB, '19', '3')] },
  'live.lowest_price_contradicted': { category: 'price_fraud', legalBasis: [law(MB, '19', '4'), law('价格法', '14', '4'), law('广告法', '9', '3')] },
  'live.scarcity_repeated': { category: 'false_scarcity_urgency', legalBasis: [law(MB, '19', '4'), law('网络交易监督管理办法', '14'), law('广告法', '28', '2')] },
  'live.scarcity_count_reset': { category: 'false_scarcity_urgency', legalBasis: [law(MB, '19', '4'), law('网络交易监督管理办法', '14'), law('广告法', '28', '2')] },
  'live.countdown_reset': { category: 'false_scarcity_urgency', legalBasis: [law(MB, '19', '4'), law(MB, '19', '5'), law(MB, '20', '2')] },
  'live.stock_claim_contradicted': { category: 'false_scarcity_urgency', legalBasis: [law('网络交易监督管理办法', '14'), law('广告法', '28', '2'), law('反不正当竞争法', '9')] },
  'live.sales_claim_contradicted': { category: 'fake_data_sales', legalBasis: [law('反不正当竞争法', '9'), law('广告法', '28', '2'), law('网络直播营销管理办法', '18', '4')] },
  'live.viewer_claim_contradicted': { category: 'fake_data_sales', legalBasis: [law('反不正当竞争法', '9'), law('网络直播营销管理办法', '18', '4')] },
  'live.material_contradicted': { category: 'provenance_misrepresentation', legalBasis: [law('广告法', '8'), law('广告法', '28', '2'), law('产品质量法', '5')] },
  'live.material_unverified': { category: 'provenance_misrepresentation', legalBasis: [law('广告法', '8'), law('广告法', '28', '2')] },
  'live.origin_contradicted': { category: 'provenance_misrepresentation', legalBasis: [law('广告法', '8'), law('广告法', '28', '2'), law('产品质量法', '5')] },
  'live.origin_unverified': { category: 'provenance_misrepresentation', legalBasis: [law('广告法', '8'), law('广告法', '28', '2')] },
  'live.today_only_repeated_days': { category: 'false_scarcity_urgency', legalBasis: [law(MB, '19', '4'), law(MB, '19', '5'), law('网络交易监督管理办法', '14')] },
};

export const LIVE_RULE_IDS = Object.keys(LIVE_RULES) as LiveRuleId[];

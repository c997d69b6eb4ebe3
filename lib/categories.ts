/** Display names of finding categories (lexicon categories and time-aware checks). */
const NAMES: Record<string, { zh: string; en: string }> = {
  absolute_terms: { zh: '绝对化用语', en: 'Absolute terms' },
  authority_endorsement: { zh: '权威背书/特供', en: 'Authority endorsement' },
  medical_claims_nonmedical: { zh: '非医疗商品宣称治病', en: 'Medical claims for non-medical goods' },
  health_food_claims: { zh: '保健食品违规宣传', en: 'Health-food claims' },
  cosmetics_claims: { zh: '化妆品医疗化宣传', en: 'Cosmetics claims' },
  infant_special_foods: { zh: '婴幼儿/特医食品', en: 'Infant and special medical foods' },
  price_fraud: { zh: '价格欺诈/虚假比价', en: 'Price fraud' },
  false_scarcity_urgency: { zh: '虚假限时限量', en: 'False scarcity and urgency' },
  fake_data_sales: { zh: '虚构销量/人气', en: 'Fake sales data' },
  off_platform_inducement: { zh: '诱导私下交易', en: 'Off-platform inducement' },
  financial_promises: { zh: '投资收益承诺', en: 'Financial promises' },
  education_promises: { zh: '教育培训承诺', en: 'Education promises' },
  unverified_data_citation: { zh: '数据引证无出处', en: 'Unverified data' },
  patent_certification: { zh: '专利/认证/荣誉', en: 'Patents and certificates' },
  comparative_disparagement: { zh: '贬低竞品', en: 'Disparaging competitors' },
  drug_device_ads: { zh: '药品医疗器械广告', en: 'Drug and device ads' },
  superstition: { zh: '封建迷信', en: 'Superstition' },
  minors: { zh: '未成年人保护', en: 'Minors' },
  quality_exemption: { zh: '虚假“免检”', en: 'False quality exemption' },
  efficacy_guarantee_general: { zh: '效果保证', en: 'Efficacy guarantees' },
  provenance_misrepresentation: { zh: '产地成分误导', en: 'Provenance and material' },
  alcohol: { zh: '酒类广告', en: 'Alcohol' },
  tobacco: { zh: '烟草广告', en: 'Tobacco' },
  agri_inputs: { zh: '农资广告', en: 'Agricultural inputs' },
};

export function categoryName(category: string, lang: 'zh-CN' | 'en'): string {
  const n = NAMES[category];
  if (!n) return category;
  return lang === 'en' ? n.en : n.zh;
}

export const KNOWN_CATEGORIES = Object.keys(NAMES);

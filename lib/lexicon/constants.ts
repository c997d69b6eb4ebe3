/** Plain constants of the lexicon, free of Zod so browser code (the analyzer) can import them. */

/** Product categories inferred from the product card (lexicon-spec §4.1). */
export const PRODUCT_CATEGORIES = [
  'drug',
  'medical_device',
  'health_food',
  'special_medical_food',
  'infant_formula',
  'ordinary_food',
  'cosmetics',
  'disinfection',
  'agri_inputs',
  'alcohol',
  'tobacco',
  'education',
  'investment',
  'real_estate',
  'general_goods',
] as const;
export type ProductCategory = (typeof PRODUCT_CATEGORIES)[number];

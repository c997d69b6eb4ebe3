/**
 * Zod schema of a lexicon source file (`lexicons/<category>.json`).
 *
 * One file per category. Node-side only (compile step, CLI, tests): the
 * extension ships the compiled artifact, never this schema, so Zod stays out of
 * the content script. Field order in these objects is the canonical key order
 * used by the formatter (see format.ts).
 */
import { z } from 'zod';
import { PRODUCT_CATEGORIES } from './constants';

export const CATEGORIES = [
  'absolute_terms',
  'authority_endorsement',
  'medical_claims_nonmedical',
  'health_food_claims',
  'cosmetics_claims',
  'infant_special_foods',
  'price_fraud',
  'false_scarcity_urgency',
  'fake_data_sales',
  'off_platform_inducement',
  'financial_promises',
  'education_promises',
  'unverified_data_citation',
  'patent_certification',
  'comparative_disparagement',
  'drug_device_ads',
  'superstition',
  'minors',
  'quality_exemption',
  'efficacy_guarantee_general',
  'provenance_misrepresentation',
  'alcohol',
  'tobacco',
  'agri_inputs',
] as const;
export type Category = (typeof CATEGORIES)[number];

/** S4..S0 in lexicon-spec §0.2. */
export const SEVERITIES = ['info', 'low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** Where a text was seen. Viewer comments are never the advertiser's claim. */
export const CHANNELS = ['caption', 'card', 'title', 'notice', 'overlay', 'comment'] as const;
export type Channel = (typeof CHANNELS)[number];

export { PRODUCT_CATEGORIES, type ProductCategory } from './constants';

export const STATUSES = ['suspected', 'needs_facts', 'exempt_candidate'] as const;
export type FindingStatus = (typeof STATUSES)[number];

const nonEmpty = z.string().min(1);
/** A JavaScript regular expression source, compiled with the `u` flag. */
const regexSource = nonEmpty.refine(
  (s) => {
    try {
      new RegExp(s, 'u');
      return true;
    } catch {
      return false;
    }
  },
  { message: 'not a valid regular expression (u flag)' },
);

export const LegalBasisSchema = z.strictObject({
  /** Short law name, e.g. 广告法, 明码标价和禁止价格欺诈规定. */
  law: nonEmpty,
  /** Article number as written in the law, arabic digits: "9". */
  article: nonEmpty,
  /** Item/paragraph where the law has one: "3" for 第九条第（三）项. */
  item: nonEmpty.optional(),
});
export type LegalBasis = z.infer<typeof LegalBasisSchema>;

export const TextPairSchema = z.strictObject({ zh: nonEmpty, en: nonEmpty });

/** A sentence-local pattern: if it matches a span overlapping the hit, the hit changes status. */
export const ExemptionSchema = z.strictObject({
  pattern: regexSource,
  /** exempt_candidate = SAMR guide art. 6 style exemption; suppress = ordinary words, advice, negation. */
  effect: z.enum(['exempt_candidate', 'needs_facts', 'suppress']),
  /** Why, in a few words, ideally with the guide article: "指南6(2) 消费提示". */
  reason: nonEmpty,
});

export const RuleSchema = z.strictObject({
  /** Stable id `<prefix>.<snake_name>`; renames go to lexicons/renames.json. */
  id: z.string().regex(/^[a-z]+\.[a-z0-9_]+$/, 'id must look like "abs.zui_superlative"'),
  /** Literal trigger terms, in simplified Chinese as they appear after normalisation. */
  triggers: z.array(nonEmpty).default([]),
  /** Evasion or spoken variants (homophones, pinyin, symbols), also literal; a hit on one records the evasion. */
  variants: z.array(nonEmpty).default([]),
  /**
   * Regular expressions for claims a literal cannot express (numbers, prices).
   * Tried only in sentences where one of `anchors` occurs.
   */
  patterns: z.array(regexSource).default([]),
  anchors: z.array(nonEmpty).default([]),
  /** At least one of these words must be in the same sentence (context gate), e.g. 吃/喝/用 for tnb. */
  requiresNearby: z.array(nonEmpty).default([]),
  severity: z.enum(SEVERITIES),
  /** Default status of a hit when no exemption applies. */
  status: z.enum(STATUSES).default('suspected'),
  legalBasis: z.array(LegalBasisSchema).min(1),
  explanation: TextPairSchema,
  channels: z.array(z.enum(CHANNELS)).min(1),
  /** Apply only for these inferred product categories (empty = any). */
  onlyFor: z.array(z.enum(PRODUCT_CATEGORIES)).default([]),
  /** Never apply for these inferred product categories. */
  notFor: z.array(z.enum(PRODUCT_CATEGORIES)).default([]),
  exemptions: z.array(ExemptionSchema).default([]),
  /** Lines that must give a finding with this rule id (suspected or needs_facts). */
  positive: z.array(nonEmpty).min(1),
  /** Lines that must give no finding with this rule id at status suspected. */
  negative: z.array(nonEmpty).min(1),
  /** Where the rule comes from: law text, SAMR guide, enforcement case (with URL or case number). */
  sources: z.array(nonEmpty).min(1),
});
export type Rule = z.infer<typeof RuleSchema>;
export type RuleInput = z.input<typeof RuleSchema>;

export const LexiconFileSchema = z.strictObject({
  category: z.enum(CATEGORIES),
  title: TextPairSchema,
  /** Free text: what the category covers and the main legal basis. */
  description: nonEmpty,
  rules: z.array(RuleSchema).min(1),
});
export type LexiconFile = z.infer<typeof LexiconFileSchema>;

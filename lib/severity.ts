/** Severity names (lexicon-spec §0.2: S0..S4) and their order. */
export type SeverityName = 'info' | 'low' | 'medium' | 'high' | 'critical';

export const SEVERITY_ORDER: Record<SeverityName, number> = { info: 0, low: 1, medium: 2, high: 3, critical: 4 };

/** Legal references as people write them: 广告法第9条第3项. */
export interface LegalRef {
  law: string;
  article: string;
  item?: string;
}

export function formatLegalRef(ref: LegalRef): string {
  return `${ref.law}第${ref.article}条${ref.item ? `第${ref.item}项` : ''}`;
}

export function formatLegalRefs(refs: readonly LegalRef[]): string {
  return refs.map(formatLegalRef).join('；');
}

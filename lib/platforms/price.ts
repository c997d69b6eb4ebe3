/**
 * Prices as pages show them: "¥99", "￥1,299.00", "券后价 89", "1.2万", "99元".
 * Returns 元 as a number, or undefined when the text holds no price.
 */
export function parsePrice(raw: string | null | undefined): number | undefined {
  if (!raw) return undefined;
  const text = raw.normalize('NFKC').replace(/[,，\s]/g, '');
  const m = /(\d+(?:\.\d+)?)(万|w|W)?/.exec(text);
  if (!m || m[1] === undefined) return undefined;
  let value = Number(m[1]);
  if (!Number.isFinite(value)) return undefined;
  if (m[2]) value *= 10_000;
  return Math.round(value * 100) / 100;
}

/** Counts like "已售1.2万", "3,456人在看", "10w+". */
export function parseCount(raw: string | null | undefined): number | undefined {
  const v = parsePrice(raw);
  return v === undefined ? undefined : Math.round(v);
}

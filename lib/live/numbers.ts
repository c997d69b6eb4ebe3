/**
 * Numbers as hosts say and pages write them: Arabic (99, 1.2万, 3w, 2k),
 * Chinese (九块九 → 9.9, 一百九十九 → 199, 两百, 一百五 → 150, 一千二 → 1200),
 * and money with units (元/块/米, 块…毛). Pure; offsets are UTF-16 indices.
 */

const DIGITS: Record<string, number> = {
  零: 0, 〇: 0, 一: 1, 幺: 1, 二: 2, 两: 2, 俩: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9,
};
const SMALL_UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };
const BIG_UNITS: Record<string, number> = { 万: 10_000, 亿: 100_000_000 };

export const CN_NUMBER_CHARS = '零〇一幺二两俩三四五六七八九十百千万亿';

export interface ParsedNumber {
  value: number;
  start: number;
  end: number;
}

function isAsciiDigit(c: string | undefined): boolean {
  return c !== undefined && c >= '0' && c <= '9';
}

function isCnNumberChar(c: string | undefined): boolean {
  return c !== undefined && CN_NUMBER_CHARS.includes(c);
}

/** A Chinese integer (with 万/亿 sections and colloquial 一百五 = 150) from `text` at `i`. */
function parseCnInteger(text: string, i: number): ParsedNumber | null {
  let j = i;
  while (j < text.length && isCnNumberChar(text[j])) j++;
  if (j === i) return null;
  const s = text.slice(i, j);
  // A bare string of digits ("五五", "一二三") reads digit by digit.
  if ([...s].every((c) => c in DIGITS) && s.length > 1) {
    return { value: Number([...s].map((c) => DIGITS[c]).join('')), start: i, end: j };
  }
  let total = 0;
  let section = 0;
  let digit: number | null = null;
  let lastUnit = 0;
  let sawZero = false;
  for (const c of s) {
    if (c in DIGITS) {
      if (DIGITS[c] === 0) sawZero = true;
      digit = DIGITS[c]!;
    } else if (c in SMALL_UNITS) {
      const u = SMALL_UNITS[c]!;
      section += (digit ?? 1) * u;
      digit = null;
      lastUnit = u;
      sawZero = false;
    } else if (c in BIG_UNITS) {
      const u = BIG_UNITS[c]!;
      section += digit ?? 0;
      total += (section || 1) * u;
      section = 0;
      digit = null;
      lastUnit = u;
      sawZero = false;
    }
  }
  if (digit !== null) {
    // 一百五 = 150, 两万三 = 23000: a trailing digit right after a unit is one step below it.
    if (lastUnit >= 100 && !sawZero) section += digit * (lastUnit / 10);
    else section += digit;
  }
  return { value: total + section, start: i, end: j };
}

/** An Arabic number with an optional 万/w/千/k multiplier. */
function parseArabic(text: string, i: number): ParsedNumber | null {
  const m = /^(\d+(?:,\d{3})*(?:\.\d+)?)\s?(万|w|W|千|k|K|亿)?/.exec(text.slice(i));
  if (!m) return null;
  let value = Number(m[1]!.replace(/,/g, ''));
  const mult = m[2];
  if (mult === '万' || mult === 'w' || mult === 'W') value *= 10_000;
  else if (mult === '千' || mult === 'k' || mult === 'K') value *= 1000;
  else if (mult === '亿') value *= 100_000_000;
  // Avoid float noise (1.2万 → 12000, not 11999.999…).
  return { value: Math.round(value * 100) / 100, start: i, end: i + m[0].length };
}

/** A plain number (Arabic or Chinese, 点 decimals) at `i`, or null. */
export function parseNumberAt(text: string, i: number): ParsedNumber | null {
  if (isAsciiDigit(text[i])) return parseArabic(text, i);
  const int = parseCnInteger(text, i);
  if (!int) return null;
  if (text[int.end] === '点' && text[int.end + 1] !== undefined && text[int.end + 1]! in DIGITS) {
    let j = int.end + 1;
    let frac = '';
    while (j < text.length && text[j]! in DIGITS) frac += String(DIGITS[text[j]!]), j++;
    let value = Number(`${int.value}.${frac}`);
    if (text[j] === '万') value *= 10_000, j++;
    return { value: Math.round(value * 100) / 100, start: i, end: j };
  }
  return int;
}

const MONEY_UNITS = ['元', '块', '米', '圆'];

export interface ParsedMoney extends ParsedNumber {
  /** Whether a money unit (元/块/米, ¥) was written. */
  unit: boolean;
}

/** Money at `i`: ¥99, 99元, 9块9, 九块九, 九块九毛九, 99.9米. */
export function parseMoneyAt(text: string, i: number): ParsedMoney | null {
  let start = i;
  let unit = false;
  if (text[i] === '¥' || text[i] === '￥') {
    unit = true;
    i++;
    while (text[i] === ' ') i++;
  }
  const n = parseNumberAt(text, i);
  if (!n) return null;
  let value = n.value;
  let end = n.end;
  if (MONEY_UNITS.includes(text[end] ?? '')) {
    unit = true;
    end++;
    // 九块九 / 9块9 / 九块九毛九: a single digit after the unit is 角, after 毛 it is 分.
    const jiao = digitAt(text, end);
    if (jiao !== null && Number.isInteger(value)) {
      value += jiao / 10;
      end++;
      if (text[end] === '毛' || text[end] === '角') {
        end++;
        const fen = digitAt(text, end);
        if (fen !== null) value += fen / 100, end++;
      }
    }
  }
  return { value: Math.round(value * 100) / 100, start, end, unit };
}

function digitAt(text: string, i: number): number | null {
  const c = text[i];
  if (c === undefined) return null;
  if (isAsciiDigit(c) && !isAsciiDigit(text[i + 1])) return Number(c);
  if (c in DIGITS && !isCnNumberChar(text[i + 1])) return DIGITS[c]!;
  return null;
}

/** Whether a number could start at `i`. */
export function numberStartsAt(text: string, i: number): boolean {
  const c = text[i];
  return isAsciiDigit(c) || (c !== undefined && (c in DIGITS || c === '十' || c === '百')) || c === '¥' || c === '￥';
}

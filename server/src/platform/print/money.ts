/**
 * Money on printed forms. Amounts are integer fen everywhere; finance forms show them
 * as `¥1,234.50` and, for the total, in Chinese capitals (大写金额) the way bank and
 * invoice practice writes them: 壹仟贰佰叁拾肆元伍角整.
 */
const DIGITS = ['零', '壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖'];
const PLACES = ['', '拾', '佰', '仟'];
/** every four digits take the next section unit */
const SECTIONS = ['', '万', '亿', '万亿'];

function assertFen(fen: number): void {
  if (!Number.isSafeInteger(fen)) throw new RangeError(`amount must be a whole number of fen, got ${fen}`);
}

/** `¥1,234.50`; negative amounts as `-¥12.00`. */
export function formatYuan(fen: number): string {
  assertFen(fen);
  const abs = Math.abs(fen);
  const yuan = Math.floor(abs / 100).toLocaleString('en-US');
  const cents = String(abs % 100).padStart(2, '0');
  return `${fen < 0 ? '-' : ''}¥${yuan}.${cents}`;
}

/** 0–9999 without leading zero; zeros between digits collapse to one 零, trailing zeros are dropped. */
function section(n: number): string {
  let out = '';
  let zero = false;
  for (let place = 3; place >= 0; place--) {
    const d = Math.floor(n / 10 ** place) % 10;
    if (d === 0) {
      if (out) zero = true;
      continue;
    }
    if (zero) out += '零';
    zero = false;
    out += `${DIGITS[d]}${PLACES[place]}`;
  }
  return out;
}

function integerCapitals(n: number): string {
  if (n === 0) return '零';
  const groups: number[] = [];
  for (let rest = n; rest > 0; rest = Math.floor(rest / 10_000)) groups.push(rest % 10_000);
  let out = '';
  let gap = false;
  for (let i = groups.length - 1; i >= 0; i--) {
    const g = groups[i] as number;
    if (g === 0) {
      if (out) gap = true;
      continue;
    }
    // a skipped section, or a section below a thousand after a higher one, reads with 零 (壹万零伍拾)
    if (out && (gap || g < 1000)) out += '零';
    gap = false;
    out += section(g) + SECTIONS[i];
  }
  return out;
}

/**
 * The amount in Chinese capitals: 壹仟贰佰叁拾肆元伍角整 for 123450 fen. 整 follows an
 * amount that ends at 元 or 角; an amount with 分 has none. Below one yuan the 元 part is
 * left out (伍角整, 伍分). Negative amounts start with 负.
 */
export function amountInChineseCapitals(fen: number): string {
  assertFen(fen);
  if (fen < 0) return `负${amountInChineseCapitals(-fen)}`;
  const yuan = Math.floor(fen / 100);
  const jiao = Math.floor(fen / 10) % 10;
  const fenDigit = fen % 10;
  if (fen === 0) return '零元整';
  let out = yuan > 0 ? `${integerCapitals(yuan)}元` : '';
  if (jiao === 0 && fenDigit === 0) return `${out}整`;
  if (jiao > 0) out += `${DIGITS[jiao]}角`;
  else if (yuan > 0) out += '零';
  return fenDigit > 0 ? `${out}${DIGITS[fenDigit]}分` : `${out}整`;
}

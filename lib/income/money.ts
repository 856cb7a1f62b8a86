/**
 * Money as integer fen (分) in JavaScript safe integers. Yuan text is parsed digit by digit,
 * so no floating-point value of a yuan amount ever exists.
 */

export const MAX_ABS_YUAN = 1_000_000_000;
export const MAX_ABS_FEN = MAX_ABS_YUAN * 100;

export type ParseYuanResult = { ok: true; fen: number } | { ok: false; message: string };

const FULL_WIDTH = /[０-９．，－]/g;
const MINUS_SIGNS = /^[-−]/;

function toHalfWidth(text: string): string {
  return text.replace(FULL_WIDTH, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0));
}

/**
 * Parses a yuan amount typed by a user: "1234", "1234.5", "1,234.56", full-width digits.
 * Negative amounts ("-3.2") only with `allowNegative`.
 */
export function parseYuan(text: string, options: { allowNegative?: boolean } = {}): ParseYuanResult {
  let value = toHalfWidth(text.trim());
  if (value === "") return { ok: false, message: "请填写金额" };

  const negative = MINUS_SIGNS.test(value);
  if (negative) value = value.slice(1);

  const match = /^(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?$/.exec(value);
  if (!match) return { ok: false, message: "请输入有效金额" };
  const integerDigits = match[1].replace(/,/g, "").replace(/^0+(?=\d)/, "");
  const fractionDigits = match[2] ?? "";
  if (fractionDigits.length > 2) return { ok: false, message: "金额最多保留两位小数" };
  if (negative && !options.allowNegative) return { ok: false, message: "金额不能为负数" };

  // Checked on the digit count first so Number() below only ever sees small integers.
  if (integerDigits.length > String(MAX_ABS_YUAN).length) return tooLarge();
  const magnitude = Number(integerDigits) * 100 + Number(fractionDigits.padEnd(2, "0"));
  if (magnitude > MAX_ABS_FEN) return tooLarge();
  return { ok: true, fen: negative && magnitude !== 0 ? -magnitude : magnitude };
}

function tooLarge(): ParseYuanResult {
  return { ok: false, message: `金额不能超过${formatFen(MAX_ABS_FEN)}元` };
}

export function assertFen(fen: number): void {
  if (!Number.isSafeInteger(fen)) {
    throw new RangeError(`An amount in fen must be a safe integer, got ${fen}`);
  }
}

function splitFen(fen: number): { sign: string; yuan: string; cents: string } {
  assertFen(fen);
  const magnitude = Math.abs(fen);
  return {
    sign: fen < 0 ? "-" : "",
    yuan: String(Math.floor(magnitude / 100)),
    cents: String(magnitude % 100).padStart(2, "0"),
  };
}

/** "1,234.56" for display; negative amounts as "-1,234.56". */
export function formatFen(fen: number): string {
  const { sign, yuan, cents } = splitFen(fen);
  return `${sign}${yuan.replace(/\B(?=(\d{3})+$)/g, ",")}.${cents}`;
}

/** "1234.56" without separators, for form inputs (parseYuan reads it back). */
export function fenToYuanString(fen: number): string {
  const { sign, yuan, cents } = splitFen(fen);
  return `${sign}${yuan}.${cents}`;
}

export function sumFen(values: readonly number[]): number {
  let total = 0;
  for (const value of values) {
    assertFen(value);
    total += value;
    if (!Number.isSafeInteger(total)) throw new RangeError("Sum of amounts exceeds the safe integer range");
  }
  return total;
}

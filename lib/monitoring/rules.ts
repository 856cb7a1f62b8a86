/** Pure rules of 防止返贫动态监测 (docs/domain.md §18). No I/O: every figure comes in as an argument. */

/** A monitoring object carries at most this many 致贫/返贫风险. */
export const MAX_RISKS = 5;

/** 2021 monitoring line (元/人·年, in fen), seeded by the migration; later years are set by the county office. */
export const DEFAULT_MONITORING_LINE_FEN = 600_000;

/** The margin above the line within which a household still counts as at risk, in ‰ of the line (default 50 %: 1.5 × the line). */
export const DEFAULT_MARGIN_PERMILLE = 500;

export type LineLookup = { ok: true; year: number; amountFen: number } | { ok: false; year: number; message: string };

/** The monitoring line of a year; a year without a line is never guessed from another year. */
export function monitoringLineFor(year: number, lines: ReadonlyMap<number, number>): LineLookup {
  const amountFen = lines.get(year);
  if (amountFen === undefined) return { ok: false, year, message: `未设置 ${year} 年的监测线，无法按收入筛查该年度` };
  return { ok: true, year, amountFen };
}

/** The upper edge of the margin: line × (1 + margin), rounded down to the fen. */
export function marginCeilingFen(lineFen: number, marginPermille: number): number {
  return Math.floor((lineFen * (1000 + marginPermille)) / 1000);
}

export type IncomeBand = "BELOW_LINE" | "WITHIN_MARGIN" | "ABOVE_MARGIN" | "NO_MEMBERS";

/**
 * 人均纯收入 against the line, decided on exact totals like the exit check (lib/income/rules.ts#isAboveLine),
 * never on a rounded per-capita figure: net < line × members is BELOW_LINE; from exactly the line up to
 * and including line × (1 + margin) × members is WITHIN_MARGIN; above that, ABOVE_MARGIN.
 */
export function incomeBand(netIncomeFen: number, presentMembers: number, lineFen: number, marginPermille: number): IncomeBand {
  if (presentMembers <= 0) return "NO_MEMBERS";
  const net = BigInt(netIncomeFen) * 1000n;
  const line = BigInt(lineFen) * BigInt(presentMembers) * 1000n;
  if (net < line) return "BELOW_LINE";
  if (net <= BigInt(lineFen) * BigInt(presentMembers) * BigInt(1000 + marginPermille)) return "WITHIN_MARGIN";
  return "ABOVE_MARGIN";
}

/** Why a risk cannot be added (null: it can). */
export function riskRefusal(existing: readonly string[], adding: string, typeRetired: boolean): string | null {
  if (typeRetired) return "该风险类型已停用，请选择其他类型";
  if (existing.includes(adding)) return "该户已登记此类风险";
  if (existing.length >= MAX_RISKS) return `每户最多登记 ${MAX_RISKS} 项风险`;
  return null;
}

/**
 * A monitoring object outside the archive was never 建档立卡, so it has no registration year; it is
 * allowed and shown with this flag.
 */
export function registrationFlag(object: { householdId: string | null; identificationYear: number | null }): string | null {
  if (object.householdId === null) return "未建档立卡（无识别年度）";
  return object.identificationYear === null ? "无识别年度" : null;
}

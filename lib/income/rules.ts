/**
 * Household income and the 收入达标 test against the poverty line (docs/domain.md §4).
 * All amounts are integer fen; divisions and comparisons are done exactly with BigInt.
 */
import { assertFen, formatFen, sumFen } from "@/lib/income/money";

export type TransferComponents = {
  minimumLivingFen: number;
  extremePovertySupportFen: number;
  pensionFen: number;
  familyPlanningFen: number;
  ecologicalCompensationFen: number;
  otherTransferFen: number;
};

export type IncomeComponents = {
  wageFen: number;
  businessIncomeFen: number;
  businessExpenseFen: number;
  propertyFen: number;
  transfer: TransferComponents;
};

export type PolicyShare = {
  numeratorFen: number;
  denominatorFen: number;
  /** One decimal, e.g. "37.5%"; null when the net income is zero or negative. */
  percent: string | null;
};

export type IncomeResult = {
  transferFen: number;
  netIncomeFen: number;
  /** Rounded half-up (四舍五入) to whole fen; null when nobody is 在户. */
  perCapitaFen: number | null;
  /** 政策性收入占比: 转移性收入 ÷ 家庭纯收入. */
  policyShare: PolicyShare;
  formula: string;
};

export type LineComparison = {
  status: "ABOVE" | "AT_OR_BELOW" | "NO_LINE" | "NO_MEMBERS";
  message: string;
};

function assertMemberCount(presentMembers: number): void {
  if (!Number.isInteger(presentMembers) || presentMembers < 0) {
    throw new RangeError(`presentMembers must be a non-negative integer, got ${presentMembers}`);
  }
}

/** numerator ÷ denominator rounded to the nearest integer, halves away from zero (四舍五入). */
export function divideRoundHalfUp(numerator: bigint, denominator: bigint): bigint {
  if (denominator <= 0n) throw new RangeError("divideRoundHalfUp needs a positive denominator");
  const negative = numerator < 0n;
  const magnitude = negative ? -numerator : numerator;
  let quotient = magnitude / denominator;
  if ((magnitude % denominator) * 2n >= denominator) quotient += 1n;
  return negative ? -quotient : quotient;
}

export function totalTransferFen(transfer: TransferComponents): number {
  return sumFen([
    transfer.minimumLivingFen,
    transfer.extremePovertySupportFen,
    transfer.pensionFen,
    transfer.familyPlanningFen,
    transfer.ecologicalCompensationFen,
    transfer.otherTransferFen,
  ]);
}

export function perCapitaFen(netIncomeFen: number, presentMembers: number): number | null {
  assertFen(netIncomeFen);
  assertMemberCount(presentMembers);
  if (presentMembers === 0) return null;
  return Number(divideRoundHalfUp(BigInt(netIncomeFen), BigInt(presentMembers)));
}

export function policyShare(transferFen: number, netIncomeFen: number): PolicyShare {
  assertFen(transferFen);
  assertFen(netIncomeFen);
  let percent: string | null = null;
  if (netIncomeFen > 0) {
    const tenthsOfPercent = divideRoundHalfUp(BigInt(transferFen) * 1000n, BigInt(netIncomeFen));
    const sign = tenthsOfPercent < 0n ? "-" : "";
    const magnitude = tenthsOfPercent < 0n ? -tenthsOfPercent : tenthsOfPercent;
    percent = `${sign}${magnitude / 10n}.${magnitude % 10n}%`;
  }
  return { numeratorFen: transferFen, denominatorFen: netIncomeFen, percent };
}

export function computeIncome(c: IncomeComponents, presentMembers: number): IncomeResult {
  assertMemberCount(presentMembers);
  const transferFen = totalTransferFen(c.transfer);
  const netIncomeFen = sumFen([c.wageFen, c.businessIncomeFen, -c.businessExpenseFen, c.propertyFen, transferFen]);
  const perCapita = perCapitaFen(netIncomeFen, presentMembers);

  const terms =
    `(工资性 ${formatFen(c.wageFen)} + 生产经营性 ${formatFen(c.businessIncomeFen)}` +
    ` − 生产经营性支出 ${formatFen(c.businessExpenseFen)} + 财产性 ${formatFen(c.propertyFen)}` +
    ` + 转移性 ${formatFen(transferFen)})`;
  const formula =
    perCapita === null
      ? `人均纯收入 = ${terms} ÷ 在户人口 0：无在户人口，无法计算人均纯收入`
      : `人均纯收入 = ${terms} ÷ 在户人口 ${presentMembers} = ${formatFen(perCapita)} 元`;

  return {
    transferFen,
    netIncomeFen,
    perCapitaFen: perCapita,
    policyShare: policyShare(transferFen, netIncomeFen),
    formula,
  };
}

/**
 * Whether 人均纯收入 is above the line, decided on the exact totals (net > line × members),
 * not on a rounded per-capita figure. Income exactly at the line is not above it.
 */
export function isAboveLine(netIncomeFen: number, presentMembers: number, lineFenPerPerson: number): boolean {
  assertFen(netIncomeFen);
  assertFen(lineFenPerPerson);
  assertMemberCount(presentMembers);
  if (presentMembers === 0) return false;
  return BigInt(netIncomeFen) > BigInt(lineFenPerPerson) * BigInt(presentMembers);
}

/** `lineFenPerPerson` is null/undefined when no poverty line is configured for the year. */
export function compareWithLine(netIncomeFen: number, presentMembers: number, lineFenPerPerson: number | null | undefined): LineComparison {
  assertFen(netIncomeFen);
  assertMemberCount(presentMembers);
  if (lineFenPerPerson === null || lineFenPerPerson === undefined) {
    return { status: "NO_LINE", message: "该年度未设置贫困线，无法判断" };
  }
  assertFen(lineFenPerPerson);
  if (presentMembers === 0) {
    return { status: "NO_MEMBERS", message: "无在户人口，无法计算人均纯收入，无法判断" };
  }

  const perCapita = formatFen(perCapitaFen(netIncomeFen, presentMembers)!);
  const line = formatFen(lineFenPerPerson);
  const lineTotal = BigInt(lineFenPerPerson) * BigInt(presentMembers);
  const net = BigInt(netIncomeFen);
  // The exact totals are shown because a rounded per-capita figure can equal the line
  // while the household is in fact just above (or below) it.
  const detail = (relation: string) =>
    `（家庭纯收入 ${formatFen(netIncomeFen)} 元 ${relation} 贫困线 ${line} 元 × ${presentMembers} 人 = ${formatFen(Number(lineTotal))} 元）`;

  if (net > lineTotal) {
    return { status: "ABOVE", message: `人均纯收入 ${perCapita} 元，高于贫困线 ${line} 元${detail(">")}` };
  }
  if (net === lineTotal) {
    return {
      status: "AT_OR_BELOW",
      message: `人均纯收入 ${perCapita} 元，恰好等于贫困线 ${line} 元，未高于贫困线${detail("=")}`,
    };
  }
  return { status: "AT_OR_BELOW", message: `人均纯收入 ${perCapita} 元，低于贫困线 ${line} 元${detail("<")}` };
}

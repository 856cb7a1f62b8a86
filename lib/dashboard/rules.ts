/**
 * The arithmetic of the 挂图作战 dashboard: shares, 贫困发生率, progress against the 年度减贫任务
 * and the number formats the figures are shown in. Pure and integer-only: a displayed figure is
 * never the result of floating-point division, so the dashboard, its tables and its charts show
 * the same digits.
 */

/** Counts are non-negative safe integers; anything else is a programming error upstream. */
function assertCount(value: number, what: string): void {
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`${what} must be a non-negative safe integer, got ${value}`);
}

/** round-half-up(numerator / denominator) for non-negative bigints, denominator > 0. */
function divideHalfUp(numerator: bigint, denominator: bigint): bigint {
  const quotient = numerator / denominator;
  const remainder = numerator % denominator;
  return remainder * 2n >= denominator ? quotient + 1n : quotient;
}

/**
 * `part` of `whole` in basis points (1 bp = 0.01 %), rounded half up; null when `whole` is 0.
 * More than the whole gives more than 10000 (a target exceeded).
 */
export function shareBasisPoints(part: number, whole: number): number | null {
  assertCount(part, "part");
  assertCount(whole, "whole");
  if (whole === 0) return null;
  // BigInt so that part × 10000 stays exact beyond 2^53 / 10000 (≈ 900 billion).
  return Number(divideHalfUp(BigInt(part) * 10000n, BigInt(whole)));
}

function basisPointsText(basisPoints: number): string {
  return `${Math.trunc(basisPoints / 100)}.${String(basisPoints % 100).padStart(2, "0")}%`;
}

/** "55.90%" to 0.01 %, half up; "—" when `whole` is 0. */
export function percentText(part: number, whole: number): string {
  const basisPoints = shareBasisPoints(part, whole);
  return basisPoints === null ? "—" : basisPointsText(basisPoints);
}

// ---------------------------------------------------------------------------
// 贫困发生率
// ---------------------------------------------------------------------------

export type IncidenceResult =
  | { kind: "value"; basisPoints: number; text: string }
  | { kind: "missing"; missingVillages: number; text: string }
  | { kind: "zeroPopulation"; text: "人口为0" };

/**
 * 贫困发生率 = remaining poor people ÷ rural registered population, the population being what
 * the township entered per village for the year. `villages` counts the region's villages,
 * `reported` those with a population entered and `total` the sum of the entered populations.
 * A region with any village unreported has no rate: a rate from the villages that did report
 * would be a guess presented as a fact. (A region of one village is a village: "未填报人口".)
 */
export function incidence(remainingPeople: number, population: { villages: number; reported: number; total: number }): IncidenceResult {
  assertCount(remainingPeople, "remainingPeople");
  assertCount(population.villages, "population.villages");
  assertCount(population.reported, "population.reported");
  assertCount(population.total, "population.total");
  const { villages, reported, total } = population;
  if (reported > villages) throw new RangeError(`${reported} villages reported a population, but the region has only ${villages}`);

  if (villages === 0) return { kind: "missing", missingVillages: 0, text: "无村级数据" };
  const missingVillages = villages - reported;
  if (missingVillages > 0) {
    return { kind: "missing", missingVillages, text: villages === 1 ? "未填报人口" : `未填报人口（${missingVillages}个村未填报）` };
  }
  const basisPoints = shareBasisPoints(remainingPeople, total);
  if (basisPoints === null) return { kind: "zeroPopulation", text: "人口为0" };
  return { kind: "value", basisPoints, text: basisPointsText(basisPoints) };
}

// ---------------------------------------------------------------------------
// 年度减贫任务
// ---------------------------------------------------------------------------

export type TargetCounts = { households: number; people: number };

export type Progress = {
  target: number;
  achieved: number;
  /** Still to exit: max(0, target − achieved). */
  remaining: number;
  /** percentText(achieved, target): "—" for a target of 0. */
  percentText: string;
  /** Width of the progress bar, 0–100. Rounded down, so a full bar always means met. */
  barPercent: number;
  met: boolean;
};

export type TargetProgress = { kind: "none"; text: "未下达任务" } | { kind: "set"; households: Progress; people: Progress };

function progress(target: number, achieved: number): Progress {
  assertCount(target, "target");
  assertCount(achieved, "achieved");
  const met = achieved >= target;
  const barPercent = target === 0 || met ? 100 : Number((BigInt(achieved) * 100n) / BigInt(target));
  return { target, achieved, remaining: Math.max(0, target - achieved), percentText: percentText(achieved, target), barPercent, met };
}

/** Progress of the households/people that exited in the year against the year's target, if one was set. */
export function targetProgress(target: TargetCounts | null, achieved: TargetCounts): TargetProgress {
  if (target === null) return { kind: "none", text: "未下达任务" };
  return { kind: "set", households: progress(target.households, achieved.households), people: progress(target.people, achieved.people) };
}

/** A county's target is the sum of its townships' targets; `missing` counts the townships without one. */
export function sumTargets(children: readonly (TargetCounts | null)[]): TargetCounts & { missing: number } {
  let households = 0;
  let people = 0;
  let missing = 0;
  for (const child of children) {
    if (child === null) {
      missing += 1;
      continue;
    }
    assertCount(child.households, "target households");
    assertCount(child.people, "target people");
    households += child.households;
    people += child.people;
  }
  assertCount(households, "sum of target households");
  assertCount(people, "sum of target people");
  return { households, people, missing };
}

// ---------------------------------------------------------------------------
// Number formats
// ---------------------------------------------------------------------------

function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+$)/g, ",");
}

/** 1234 → "1,234". */
export function formatCount(n: number): string {
  if (!Number.isSafeInteger(n)) throw new RangeError(`A count must be a safe integer, got ${n}`);
  return `${n < 0 ? "-" : ""}${groupThousands(String(Math.abs(n)))}`;
}

const FEN_PER_HUNDREDTH_WAN_YUAN = 10_000n; // 0.01 万元 = 100 元 = 10,000 分

/** Integer fen as 万元 to 0.01, half up (away from zero): 12,345,000 → "12.35 万元". */
export function formatFenAsWanYuan(fen: bigint | number): string {
  if (typeof fen === "number" && !Number.isSafeInteger(fen)) throw new RangeError(`An amount in fen must be a safe integer, got ${fen}`);
  const amount = BigInt(fen);
  const negative = amount < 0n;
  const hundredths = divideHalfUp(negative ? -amount : amount, FEN_PER_HUNDREDTH_WAN_YUAN);
  const whole = groupThousands(String(hundredths / 100n));
  const fraction = String(hundredths % 100n).padStart(2, "0");
  return `${negative && hundredths > 0n ? "-" : ""}${whole}.${fraction} 万元`;
}

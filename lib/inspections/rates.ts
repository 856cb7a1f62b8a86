/**
 * 三率一度 (国开办发〔2017〕56号): 错退率, 漏评率, 群众认可度 and 综合贫困发生率, each with its numerator and denominator,
 * a 95 % Wilson score interval, and a verdict against a configurable threshold. Pure.
 *
 * Displayed percentages come from integers (lib/dashboard/rules.ts, 0.01 % half up) and verdicts from exact integer
 * comparisons, so a rate of exactly 2.00 % is never judged below 2 % through a rounding accident. The confidence
 * interval alone is computed in floating point: it is a statistical estimate, not a count or a sum of money.
 */
import { incidence, percentText, shareBasisPoints, type IncidenceResult } from "@/lib/dashboard/rules";

function assertCount(value: number, what: string): void {
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`${what} must be a non-negative safe integer, got ${value}`);
}

function assertPart(part: number, whole: number, what: string): void {
  assertCount(part, what);
  assertCount(whole, `${what} (whole)`);
  if (part > whole) throw new RangeError(`${what}: ${part} is more than its whole ${whole}`);
}

// ---------------------------------------------------------------------------
// Wilson score interval
// ---------------------------------------------------------------------------

/** The two-sided 95 % normal quantile. */
export const WILSON_Z_95 = 1.959963984540054;

export type WilsonInterval = { lower: number; upper: number };

/**
 * The Wilson score interval for `successes` of `trials`, in [0, 1]; null without trials. With p̂ = k/n:
 * centre = (p̂ + z²/2n) / (1 + z²/n), half-width = z/(1 + z²/n) · √(p̂(1 − p̂)/n + z²/4n²). Unlike p̂ ± z·√(p̂(1−p̂)/n)
 * it stays meaningful at 0 of n and n of n, which is exactly where 错退率 and 认可度 usually sit.
 */
export function wilsonInterval(successes: number, trials: number, z: number = WILSON_Z_95): WilsonInterval | null {
  assertPart(successes, trials, "successes");
  if (!Number.isFinite(z) || z <= 0) throw new RangeError(`z must be a positive number, got ${z}`);
  if (trials === 0) return null;
  const p = successes / trials;
  const z2 = z * z;
  const scale = 1 + z2 / trials;
  const centre = (p + z2 / (2 * trials)) / scale;
  const halfWidth = (z / scale) * Math.sqrt((p * (1 - p)) / trials + z2 / (4 * trials * trials));
  // At the edges the exact bound is 0 or 1; floating point would leave 1e-17 or 0.9999999999999999.
  const lower = successes === 0 ? 0 : Math.max(0, centre - halfWidth);
  const upper = successes === trials ? 1 : Math.min(1, centre + halfWidth);
  return { lower, upper };
}

// ---------------------------------------------------------------------------
// A rate
// ---------------------------------------------------------------------------

export type RateInterval = WilsonInterval & {
  /** Rounded outwards (lower down, upper up) to whole basis points, so the shown interval contains the computed one. */
  lowerBasisPoints: number;
  upperBasisPoints: number;
  /** "0.35%–10.50%" */
  text: string;
};

export type Rate = {
  numerator: number;
  denominator: number;
  /** 1 bp = 0.01 %, half up; null without a denominator. */
  basisPoints: number | null;
  /** "2.00%", or "—" without a denominator. */
  text: string;
  /** 95 % Wilson score interval; null without a denominator. */
  interval: RateInterval | null;
};

function rateInterval(numerator: number, denominator: number): RateInterval | null {
  const interval = wilsonInterval(numerator, denominator);
  if (interval === null) return null;
  const lowerBasisPoints = Math.max(0, Math.floor(interval.lower * 10000));
  const upperBasisPoints = Math.min(10000, Math.ceil(interval.upper * 10000));
  return { ...interval, lowerBasisPoints, upperBasisPoints, text: `${percentText(lowerBasisPoints, 10000)}–${percentText(upperBasisPoints, 10000)}` };
}

/** `numerator` of `denominator` households (or answers): the share, its text and its 95 % interval. */
export function rate(numerator: number, denominator: number): Rate {
  assertPart(numerator, denominator, "numerator");
  return {
    numerator,
    denominator,
    basisPoints: shareBasisPoints(numerator, denominator),
    text: percentText(numerator, denominator),
    interval: rateInterval(numerator, denominator),
  };
}

/** 错退率 = sampled exited households found 错退 ÷ sampled exited households. */
export function wrongExitRate(counts: { wrongExitHouseholds: number; sampledExitedHouseholds: number }): Rate {
  return rate(counts.wrongExitHouseholds, counts.sampledExitedHouseholds);
}

/** 漏评率 = sampled not-registered households found 漏评 ÷ sampled not-registered households. */
export function missedRate(counts: { missedHouseholds: number; sampledNotRegisteredHouseholds: number }): Rate {
  return rate(counts.missedHouseholds, counts.sampledNotRegisteredHouseholds);
}

export const SATISFACTION_ANSWERS = { satisfied: "满意", basicallySatisfied: "基本满意", dissatisfied: "不满意", unknown: "不了解" } as const;
export const APPROVAL_COUNTED_ANSWERS = [SATISFACTION_ANSWERS.satisfied, SATISFACTION_ANSWERS.basicallySatisfied] as const;
export const APPROVAL_BASIS = "（满意 + 基本满意）÷ 全部回答（含不满意、不了解）";

export type ApprovalRate = Rate & { countedAnswers: typeof APPROVAL_COUNTED_ANSWERS; basis: typeof APPROVAL_BASIS };

/** 群众认可度 = (满意 + 基本满意) ÷ every answer, 不满意 and 不了解 included; the result names what it counted. */
export function approvalRate(answers: { satisfied: number; basicallySatisfied: number; dissatisfied: number; unknown: number }): ApprovalRate {
  for (const [key, value] of Object.entries(answers)) assertCount(value, `answers.${key}`);
  const counted = answers.satisfied + answers.basicallySatisfied;
  const total = counted + answers.dissatisfied + answers.unknown;
  return { ...rate(counted, total), countedAnswers: APPROVAL_COUNTED_ANSWERS, basis: APPROVAL_BASIS };
}

// ---------------------------------------------------------------------------
// Thresholds and verdicts
// ---------------------------------------------------------------------------

/** Thresholds in ‰ (integers), as a county may configure them. */
export type RateThresholds = { wrongExitMaxPermille: number; missedMaxPermille: number; approvalMinPermille: number; incidenceMaxPermille: number };

/** 国开办发〔2017〕56号: 错退率 < 2 %, 漏评率 < 2 %, 群众认可度 ≥ 90 %, 综合贫困发生率 < 2 %. */
export const DEFAULT_RATE_THRESHOLDS: Readonly<RateThresholds> = Object.freeze({
  wrongExitMaxPermille: 20,
  missedMaxPermille: 20,
  approvalMinPermille: 900,
  incidenceMaxPermille: 20,
});

/** The same, with 综合贫困发生率 < 3 % for the western provinces. */
export const DEFAULT_WESTERN_RATE_THRESHOLDS: Readonly<RateThresholds> = Object.freeze({ ...DEFAULT_RATE_THRESHOLDS, incidenceMaxPermille: 30 });

/** "lessThan": met when the rate is strictly below; "atLeast": met when it is equal or above. */
export type RateThreshold = { comparison: "lessThan" | "atLeast"; permille: number };

/** Each measure with its comparison: 错退率, 漏评率 and 综合贫困发生率 must stay below theirs, 认可度 reach its own. */
export function rateThresholds(config: Readonly<RateThresholds> = DEFAULT_RATE_THRESHOLDS): {
  wrongExit: RateThreshold;
  missed: RateThreshold;
  approval: RateThreshold;
  incidence: RateThreshold;
} {
  for (const [key, value] of Object.entries(config)) {
    assertCount(value, `thresholds.${key}`);
    if (value > 1000) throw new RangeError(`thresholds.${key} must be at most 1000 ‰, got ${value}`);
  }
  return {
    wrongExit: { comparison: "lessThan", permille: config.wrongExitMaxPermille },
    missed: { comparison: "lessThan", permille: config.missedMaxPermille },
    approval: { comparison: "atLeast", permille: config.approvalMinPermille },
    incidence: { comparison: "lessThan", permille: config.incidenceMaxPermille },
  };
}

/** "< 2.00%", "≥ 90.00%". */
export function thresholdText(threshold: RateThreshold): string {
  return `${threshold.comparison === "lessThan" ? "<" : "≥"} ${percentText(threshold.permille, 1000)}`;
}

export type Verdict = "达标" | "不达标" | "无样本";

function toBigCount(value: number | bigint, what: string): bigint {
  if (typeof value === "number") assertCount(value, what);
  else if (value < 0n) throw new RangeError(`${what} must not be negative, got ${value}`);
  return BigInt(value);
}

/**
 * A rate (or any exact fraction, e.g. compositeIncidence's) against its threshold, compared exactly:
 * numerator × 1000 against permille × denominator. No denominator (or null) → 无样本.
 */
export function judge(value: { numerator: number | bigint; denominator: number | bigint } | null, threshold: RateThreshold): Verdict {
  if (value === null) return "无样本";
  const numerator = toBigCount(value.numerator, "numerator");
  const denominator = toBigCount(value.denominator, "denominator");
  if (denominator === 0n) return "无样本";
  const scaled = numerator * 1000n;
  const bound = BigInt(threshold.permille) * denominator;
  const met = threshold.comparison === "lessThan" ? scaled < bound : scaled >= bound;
  return met ? "达标" : "不达标";
}

// ---------------------------------------------------------------------------
// 综合贫困发生率
// ---------------------------------------------------------------------------

/** An exact non-negative fraction in lowest terms, denominator > 0. */
export type Fraction = { numerator: bigint; denominator: bigint };

function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

function fraction(numerator: bigint, denominator: bigint): Fraction {
  const divisor = gcd(numerator, denominator);
  return { numerator: numerator / divisor, denominator: denominator / divisor };
}

function add(a: Fraction, b: Fraction): Fraction {
  return fraction(a.numerator * b.denominator + b.numerator * a.denominator, a.denominator * b.denominator);
}

/** round-half-up(numerator / denominator) for non-negative bigints. */
function divideHalfUp(numerator: bigint, denominator: bigint): bigint {
  const quotient = numerator / denominator;
  return (numerator % denominator) * 2n >= denominator ? quotient + 1n : quotient;
}

export type CompositeIncidenceInput = {
  /** People of the region's households not yet out of poverty (the dashboard's 未脱贫人口). */
  remainingPoorPeople: number;
  /** People of the sampled exited households found 错退, of the people of all sampled exited households. */
  sampledWrongExitPeople: number;
  sampledExitedPeople: number;
  /** People of every exited household of the round's population. */
  exitedPopulationPeople: number;
  /** People of the sampled not-registered households found 漏评, of the people of all sampled not-registered households. */
  sampledMissedPeople: number;
  sampledNotRegisteredPeople: number;
  /** People of every not-registered household of the round's population (0 when no such list was entered). */
  notRegisteredPopulationPeople: number;
  /** The rural registered population as the dashboard reads it: villages, villages reported, sum reported. */
  ruralPopulation: { villages: number; reported: number; total: number };
};

export type CompositeIncidenceResult =
  | {
      kind: "value";
      basisPoints: number;
      text: string;
      /** The exact rate, for judge(). */
      fraction: Fraction;
      /** Estimated people: 错退 and 漏评 scaled to the population, and with the remaining poor, the rate's numerator. */
      estimate: { wrongExitPeople: Fraction; missedPeople: Fraction; poorPeople: Fraction };
    }
  | { kind: "noSample"; text: "无样本"; missingSamples: ("wrongExit" | "missed")[] }
  | Exclude<IncidenceResult, { kind: "value" }>;

/** sampleHits / sample × population people, exactly; 0 when there is no population; null when it was not sampled. */
function scaleToPopulation(sampleHits: number, sample: number, populationPeople: number): Fraction | null {
  if (populationPeople === 0) return { numerator: 0n, denominator: 1n };
  if (sample === 0) return null;
  return fraction(BigInt(sampleHits) * BigInt(populationPeople), BigInt(sample));
}

/**
 * 综合贫困发生率 = (remaining poor people + estimated 错退 people + estimated 漏评 people) ÷ rural registered population,
 * where estimated 错退 people = sampledWrongExitPeople ÷ sampledExitedPeople × exitedPopulationPeople and estimated
 * 漏评 people = sampledMissedPeople ÷ sampledNotRegisteredPeople × notRegisteredPopulationPeople (a ratio estimate by
 * people). Everything stays an exact fraction until the one final rounding to 0.01 % (half up).
 * A region with an unreported village shows 未填报人口 exactly like the dashboard's 贫困发生率 (the same function
 * decides); a population that exists but was not sampled gives 无样本.
 */
export function compositeIncidence(input: CompositeIncidenceInput): CompositeIncidenceResult {
  assertCount(input.remainingPoorPeople, "remainingPoorPeople");
  assertPart(input.sampledWrongExitPeople, input.sampledExitedPeople, "sampledWrongExitPeople");
  assertPart(input.sampledExitedPeople, input.exitedPopulationPeople, "sampledExitedPeople");
  assertPart(input.sampledMissedPeople, input.sampledNotRegisteredPeople, "sampledMissedPeople");
  assertPart(input.sampledNotRegisteredPeople, input.notRegisteredPopulationPeople, "sampledNotRegisteredPeople");

  const plain = incidence(input.remainingPoorPeople, input.ruralPopulation);
  if (plain.kind !== "value") return plain;

  const wrongExitPeople = scaleToPopulation(input.sampledWrongExitPeople, input.sampledExitedPeople, input.exitedPopulationPeople);
  const missedPeople = scaleToPopulation(input.sampledMissedPeople, input.sampledNotRegisteredPeople, input.notRegisteredPopulationPeople);
  if (wrongExitPeople === null || missedPeople === null) {
    const missingSamples: ("wrongExit" | "missed")[] = [];
    if (wrongExitPeople === null) missingSamples.push("wrongExit");
    if (missedPeople === null) missingSamples.push("missed");
    return { kind: "noSample", text: "无样本", missingSamples };
  }

  const poorPeople = add(add({ numerator: BigInt(input.remainingPoorPeople), denominator: 1n }, wrongExitPeople), missedPeople);
  const rateFraction = fraction(poorPeople.numerator, poorPeople.denominator * BigInt(input.ruralPopulation.total));
  const basisPoints = Number(divideHalfUp(rateFraction.numerator * 10000n, rateFraction.denominator));
  return {
    kind: "value",
    basisPoints,
    text: percentText(basisPoints, 10000),
    fraction: rateFraction,
    estimate: { wrongExitPeople, missedPeople, poorPeople },
  };
}

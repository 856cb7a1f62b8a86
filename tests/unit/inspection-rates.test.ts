import { describe, expect, it } from "vitest";
import {
  APPROVAL_COUNTED_ANSWERS,
  DEFAULT_RATE_THRESHOLDS,
  DEFAULT_WESTERN_RATE_THRESHOLDS,
  approvalRate,
  compositeIncidence,
  judge,
  missedRate,
  rate,
  rateThresholds,
  thresholdText,
  wilsonInterval,
  wrongExitRate,
  type CompositeIncidenceInput,
} from "@/lib/inspections/rates";

/*
 * Wilson score interval, z = 1.959963984540054 (z² = 3.841458820694124), p̂ = k/n:
 *   centre = (p̂ + z²/2n) / (1 + z²/n),  half = z/(1 + z²/n) · √(p̂(1−p̂)/n + z²/4n²).
 * 0 of 30:  p̂ = 0, so lower = 0 and upper = z²/(n + z²) = 3.841459 / 33.841459 = 0.113513.
 * 30 of 30: p̂ = 1, so upper = 1 and lower = n/(n + z²) = 30 / 33.841459 = 0.886487.
 * 1 of 50:  p̂ = 0.02, 1 + z²/n = 1.076829, centre = (0.02 + 0.038415) / 1.076829 = 0.054247,
 *           half = 1.820127 · √(0.000392 + 0.000384146) = 1.820127 · 0.027859 = 0.050708,
 *           so [0.003539, 0.104954].
 * 2 of 100: p̂ = 0.02, 1 + z²/n = 1.038415, centre = (0.02 + 0.019207) / 1.038415 = 0.037757,
 *           half = 1.887455 · √(0.000196 + 0.000096036) = 1.887455 · 0.017089 = 0.032255,
 *           so [0.005502, 0.070012].
 */
describe("wilsonInterval", () => {
  it.each([
    [0, 30, 0, 0.113513],
    [1, 50, 0.003539, 0.104954],
    [30, 30, 0.886487, 1],
    [2, 100, 0.005502, 0.070012],
  ])("%i of %i → [%f, %f]", (successes, trials, lower, upper) => {
    const interval = wilsonInterval(successes, trials);
    expect(interval).not.toBeNull();
    expect(interval!.lower).toBeCloseTo(lower, 6);
    expect(interval!.upper).toBeCloseTo(upper, 6);
  });

  it("is exactly 0 at the bottom for no successes and exactly 1 at the top for all successes", () => {
    expect(wilsonInterval(0, 30)!.lower).toBe(0);
    expect(wilsonInterval(30, 30)!.upper).toBe(1);
    expect(wilsonInterval(4000, 4000)!.upper).toBe(1);
  });

  it("is null with no trials", () => {
    expect(wilsonInterval(0, 0)).toBeNull();
  });

  it("narrows with more trials at the same share: a rate from 40 households is not a rate from 4 000", () => {
    const small = wilsonInterval(1, 40)!;
    const large = wilsonInterval(100, 4000)!;
    expect(small.upper - small.lower).toBeGreaterThan(0.1);
    expect(large.upper - large.lower).toBeLessThan(0.01);
  });

  it("is symmetric: k of n mirrors n − k of n", () => {
    const a = wilsonInterval(7, 40)!;
    const b = wilsonInterval(33, 40)!;
    expect(a.lower).toBeCloseTo(1 - b.upper, 12);
    expect(a.upper).toBeCloseTo(1 - b.lower, 12);
  });

  it("contains the observed share and stays in [0, 1]", () => {
    for (const [k, n] of [
      [0, 1],
      [1, 1],
      [1, 3],
      [17, 23],
      [999, 1000],
    ]) {
      const { lower, upper } = wilsonInterval(k, n)!;
      expect(lower).toBeGreaterThanOrEqual(0);
      expect(upper).toBeLessThanOrEqual(1);
      expect(lower).toBeLessThanOrEqual(k / n);
      expect(upper).toBeGreaterThanOrEqual(k / n);
    }
  });

  it("takes another z (90 %: z = 1.644854)", () => {
    const ninety = wilsonInterval(1, 50, 1.6448536269514722)!;
    const ninetyFive = wilsonInterval(1, 50)!;
    expect(ninety.lower).toBeGreaterThan(ninetyFive.lower);
    expect(ninety.upper).toBeLessThan(ninetyFive.upper);
  });

  it.each([
    [-1, 5],
    [6, 5],
    [1.5, 5],
    [1, Number.NaN],
  ])("refuses %s of %s", (k, n) => {
    expect(() => wilsonInterval(k, n)).toThrow(RangeError);
  });

  it("refuses a z that is not positive", () => {
    expect(() => wilsonInterval(1, 5, 0)).toThrow(RangeError);
    expect(() => wilsonInterval(1, 5, Number.POSITIVE_INFINITY)).toThrow(RangeError);
  });
});

describe("rate", () => {
  it("carries numerator, denominator, basis points, text and interval", () => {
    const r = rate(1, 50);
    expect(r).toMatchObject({ numerator: 1, denominator: 50, basisPoints: 200, text: "2.00%" });
    expect(r.interval!.lower).toBeCloseTo(0.003539, 6);
    expect(r.interval!.upper).toBeCloseTo(0.104954, 6);
  });

  it("rounds the interval outwards to whole basis points for display", () => {
    // [0.003539…, 0.104954…] → [35, 1050] bp: the shown interval always contains the computed one.
    expect(rate(1, 50).interval).toMatchObject({ lowerBasisPoints: 35, upperBasisPoints: 1050, text: "0.35%–10.50%" });
    expect(rate(0, 30).interval).toMatchObject({ lowerBasisPoints: 0, upperBasisPoints: 1136, text: "0.00%–11.36%" });
    expect(rate(30, 30).interval).toMatchObject({ lowerBasisPoints: 8864, upperBasisPoints: 10000, text: "88.64%–100.00%" });
  });

  it("rounds the text half up to 0.01 % like the dashboard", () => {
    expect(rate(1, 3)).toMatchObject({ basisPoints: 3333, text: "33.33%" });
    expect(rate(2, 3)).toMatchObject({ basisPoints: 6667, text: "66.67%" });
    expect(rate(1, 20000)).toMatchObject({ basisPoints: 1, text: "0.01%" });
  });

  it("has no value and no interval without a denominator", () => {
    expect(rate(0, 0)).toEqual({ numerator: 0, denominator: 0, basisPoints: null, text: "—", interval: null });
  });

  it.each([
    [3, 2],
    [-1, 2],
    [1, 2.5],
  ])("refuses %s of %s", (numerator, denominator) => {
    expect(() => rate(numerator, denominator)).toThrow(RangeError);
  });
});

describe("thresholds", () => {
  it("defaults to 国开办发〔2017〕56号: 错退率 < 2 %, 漏评率 < 2 %, 认可度 ≥ 90 %, 综合贫困发生率 < 2 % (3 % in the west)", () => {
    expect(DEFAULT_RATE_THRESHOLDS).toEqual({ wrongExitMaxPermille: 20, missedMaxPermille: 20, approvalMinPermille: 900, incidenceMaxPermille: 20 });
    expect(DEFAULT_WESTERN_RATE_THRESHOLDS).toEqual({ ...DEFAULT_RATE_THRESHOLDS, incidenceMaxPermille: 30 });
  });

  it("gives each measure its comparison direction", () => {
    expect(rateThresholds(DEFAULT_RATE_THRESHOLDS)).toEqual({
      wrongExit: { comparison: "lessThan", permille: 20 },
      missed: { comparison: "lessThan", permille: 20 },
      approval: { comparison: "atLeast", permille: 900 },
      incidence: { comparison: "lessThan", permille: 20 },
    });
    expect(rateThresholds(DEFAULT_WESTERN_RATE_THRESHOLDS).incidence).toEqual({ comparison: "lessThan", permille: 30 });
  });

  it("takes configured values and refuses impossible ones", () => {
    expect(rateThresholds({ ...DEFAULT_RATE_THRESHOLDS, approvalMinPermille: 950 }).approval).toEqual({ comparison: "atLeast", permille: 950 });
    expect(() => rateThresholds({ ...DEFAULT_RATE_THRESHOLDS, wrongExitMaxPermille: -1 })).toThrow(RangeError);
    expect(() => rateThresholds({ ...DEFAULT_RATE_THRESHOLDS, approvalMinPermille: 1001 })).toThrow(RangeError);
    expect(() => rateThresholds({ ...DEFAULT_RATE_THRESHOLDS, missedMaxPermille: 2.5 })).toThrow(RangeError);
  });

  it("describes a threshold in the rates' own format", () => {
    expect(thresholdText({ comparison: "lessThan", permille: 20 })).toBe("< 2.00%");
    expect(thresholdText({ comparison: "lessThan", permille: 25 })).toBe("< 2.50%");
    expect(thresholdText({ comparison: "atLeast", permille: 900 })).toBe("≥ 90.00%");
    expect(thresholdText({ comparison: "atLeast", permille: 1000 })).toBe("≥ 100.00%");
    expect(thresholdText({ comparison: "lessThan", permille: 5 })).toBe("< 0.50%");
  });
});

describe("judge", () => {
  const below2 = { comparison: "lessThan", permille: 20 } as const;
  const atLeast90 = { comparison: "atLeast", permille: 900 } as const;

  it("2 of 100 = 2.00 % is NOT below 2 %; 1 of 100 is", () => {
    expect(judge(rate(2, 100), below2)).toBe("不达标");
    expect(judge(rate(1, 100), below2)).toBe("达标");
    expect(judge(rate(0, 100), below2)).toBe("达标");
  });

  it("90.00 % IS at least 90 %; 89.99 % is not", () => {
    expect(judge(rate(90, 100), atLeast90)).toBe("达标");
    expect(judge(rate(8999, 10000), atLeast90)).toBe("不达标");
    expect(judge(rate(100, 100), atLeast90)).toBe("达标");
  });

  it("compares the exact fraction, not the rounded text", () => {
    // 19 999 of 1 000 000 = 1.9999 %, shown as "2.00%", is below 2 %.
    const r = rate(19_999, 1_000_000);
    expect(r.text).toBe("2.00%");
    expect(judge(r, below2)).toBe("达标");
    // 899 999 of 1 000 000 = 89.9999 %, shown as "90.00%", is not at least 90 %.
    const a = rate(899_999, 1_000_000);
    expect(a.text).toBe("90.00%");
    expect(judge(a, atLeast90)).toBe("不达标");
  });

  it("stays exact where floating point would not (bigint fractions beyond 2^53)", () => {
    const denominator = 10n ** 20n;
    expect(judge({ numerator: 2n * 10n ** 18n, denominator }, below2)).toBe("不达标");
    expect(judge({ numerator: 2n * 10n ** 18n - 1n, denominator }, below2)).toBe("达标");
    expect(judge({ numerator: 9n * 10n ** 19n - 1n, denominator }, atLeast90)).toBe("不达标");
  });

  it("has no verdict without a sample", () => {
    expect(judge(rate(0, 0), below2)).toBe("无样本");
    expect(judge(rate(0, 0), atLeast90)).toBe("无样本");
    expect(judge(null, below2)).toBe("无样本");
  });

  it("refuses a negative or non-integer fraction", () => {
    expect(() => judge({ numerator: -1, denominator: 10 }, below2)).toThrow(RangeError);
    expect(() => judge({ numerator: 1.5, denominator: 10 }, below2)).toThrow(RangeError);
  });
});

describe("wrongExitRate and missedRate", () => {
  it("错退率 = 错退 households ÷ sampled exited households", () => {
    expect(wrongExitRate({ wrongExitHouseholds: 3, sampledExitedHouseholds: 120 })).toMatchObject({ numerator: 3, denominator: 120, text: "2.50%" });
    expect(judge(wrongExitRate({ wrongExitHouseholds: 3, sampledExitedHouseholds: 120 }), rateThresholds().wrongExit)).toBe("不达标");
    expect(wrongExitRate({ wrongExitHouseholds: 0, sampledExitedHouseholds: 0 }).basisPoints).toBeNull();
  });

  it("漏评率 = 漏评 households ÷ sampled not-registered households", () => {
    expect(missedRate({ missedHouseholds: 1, sampledNotRegisteredHouseholds: 60 })).toMatchObject({ numerator: 1, denominator: 60, text: "1.67%" });
    expect(judge(missedRate({ missedHouseholds: 1, sampledNotRegisteredHouseholds: 60 }), rateThresholds().missed)).toBe("达标");
    expect(missedRate({ missedHouseholds: 0, sampledNotRegisteredHouseholds: 0 }).text).toBe("—");
  });

  it("refuses more findings than sampled households", () => {
    expect(() => wrongExitRate({ wrongExitHouseholds: 5, sampledExitedHouseholds: 4 })).toThrow(RangeError);
    expect(() => missedRate({ missedHouseholds: 5, sampledNotRegisteredHouseholds: 4 })).toThrow(RangeError);
  });
});

describe("approvalRate", () => {
  it("counts 满意 and 基本满意 over every answer, 不了解 included, and says so", () => {
    const r = approvalRate({ satisfied: 80, basicallySatisfied: 10, dissatisfied: 6, unknown: 4 });
    expect(r).toMatchObject({ numerator: 90, denominator: 100, basisPoints: 9000, text: "90.00%" });
    expect(r.countedAnswers).toEqual(["满意", "基本满意"]);
    expect(r.countedAnswers).toEqual(APPROVAL_COUNTED_ANSWERS);
    expect(r.basis).toBe("（满意 + 基本满意）÷ 全部回答（含不满意、不了解）");
    expect(judge(r, rateThresholds().approval)).toBe("达标");
  });

  it("falls short with one answer fewer", () => {
    const r = approvalRate({ satisfied: 79, basicallySatisfied: 10, dissatisfied: 7, unknown: 4 });
    expect(r.text).toBe("89.00%");
    expect(judge(r, rateThresholds().approval)).toBe("不达标");
  });

  it("has no value without answers", () => {
    const r = approvalRate({ satisfied: 0, basicallySatisfied: 0, dissatisfied: 0, unknown: 0 });
    expect(r.basisPoints).toBeNull();
    expect(judge(r, rateThresholds().approval)).toBe("无样本");
  });

  it("refuses counts that are not counts", () => {
    expect(() => approvalRate({ satisfied: -1, basicallySatisfied: 0, dissatisfied: 0, unknown: 0 })).toThrow(RangeError);
    expect(() => approvalRate({ satisfied: 1, basicallySatisfied: 0.5, dissatisfied: 0, unknown: 0 })).toThrow(RangeError);
  });
});

describe("compositeIncidence", () => {
  const fullyReported = (total: number) => ({ villages: 12, reported: 12, total });

  /*
   * Hand-computed: 301 people still poor; of 300 sampled people in exited households, 7 live in 错退 households,
   * scaled to the 1 000 people of all exited households: 7/300 × 1 000 = 70/3 = 23.33 people; of 30 sampled people in
   * not-registered households, 1 lives in a 漏评 household, scaled to 100 people: 1/30 × 100 = 10/3 = 3.33 people.
   * (301 + 70/3 + 10/3) = 983/3 = 327.67 people, over 16 384 rural people: 983/49 152 = 0.0199992 → 2.00 % half up,
   * yet below 2 % exactly (983 × 1 000 = 983 000 < 20 × 49 152 = 983 040).
   */
  const example: CompositeIncidenceInput = {
    remainingPoorPeople: 301,
    sampledWrongExitPeople: 7,
    sampledExitedPeople: 300,
    exitedPopulationPeople: 1000,
    sampledMissedPeople: 1,
    sampledNotRegisteredPeople: 30,
    notRegisteredPopulationPeople: 100,
    ruralPopulation: fullyReported(16_384),
  };

  it("adds the people of 错退 and 漏评 households, scaled from the sample, to the remaining poor (hand-computed)", () => {
    const result = compositeIncidence(example);
    expect(result).toMatchObject({ kind: "value", basisPoints: 200, text: "2.00%" });
    if (result.kind !== "value") throw new Error("expected a value");
    expect(result.estimate.wrongExitPeople).toEqual({ numerator: 70n, denominator: 3n });
    expect(result.estimate.missedPeople).toEqual({ numerator: 10n, denominator: 3n });
    expect(result.estimate.poorPeople).toEqual({ numerator: 983n, denominator: 3n });
    expect(result.fraction).toEqual({ numerator: 983n, denominator: 49_152n });
    expect(judge(result.fraction, rateThresholds().incidence)).toBe("达标");
  });

  it("crosses the threshold with one more remaining poor person", () => {
    const result = compositeIncidence({ ...example, remainingPoorPeople: 302 });
    if (result.kind !== "value") throw new Error("expected a value");
    // (302 + 80/3) / 16 384 = 986/49 152 = 2.006 %
    expect(result.text).toBe("2.01%");
    expect(judge(result.fraction, rateThresholds().incidence)).toBe("不达标");
    expect(judge(result.fraction, rateThresholds(DEFAULT_WESTERN_RATE_THRESHOLDS).incidence)).toBe("达标");
  });

  it("equals the plain 贫困发生率 when the sample finds no 错退 and no 漏评", () => {
    const result = compositeIncidence({ ...example, remainingPoorPeople: 400, sampledWrongExitPeople: 0, sampledMissedPeople: 0 });
    expect(result).toMatchObject({ kind: "value", basisPoints: 244, text: "2.44%" }); // 400 / 16 384 = 2.441 %
  });

  it("needs no sample where there is no population to scale to", () => {
    const result = compositeIncidence({
      ...example,
      sampledMissedPeople: 0,
      sampledNotRegisteredPeople: 0,
      notRegisteredPopulationPeople: 0,
    });
    if (result.kind !== "value") throw new Error("expected a value");
    expect(result.estimate.missedPeople).toEqual({ numerator: 0n, denominator: 1n });
    expect(result.fraction).toEqual({ numerator: 973n, denominator: 49_152n }); // (301 + 70/3) / 16 384
  });

  it("has no value without a sample of a population that exists", () => {
    expect(compositeIncidence({ ...example, sampledWrongExitPeople: 0, sampledExitedPeople: 0 })).toEqual({
      kind: "noSample",
      text: "无样本",
      missingSamples: ["wrongExit"],
    });
    expect(
      compositeIncidence({ ...example, sampledWrongExitPeople: 0, sampledExitedPeople: 0, sampledMissedPeople: 0, sampledNotRegisteredPeople: 0 }),
    ).toMatchObject({
      kind: "noSample",
      missingSamples: ["wrongExit", "missed"],
    });
  });

  it("shows 未填报人口 like the dashboard when a village has not reported its population", () => {
    expect(compositeIncidence({ ...example, ruralPopulation: { villages: 12, reported: 11, total: 15_000 } })).toEqual({
      kind: "missing",
      missingVillages: 1,
      text: "未填报人口（1个村未填报）",
    });
    expect(compositeIncidence({ ...example, ruralPopulation: { villages: 12, reported: 12, total: 0 } })).toEqual({ kind: "zeroPopulation", text: "人口为0" });
  });

  it("stays exact at province scale", () => {
    const result = compositeIncidence({
      remainingPoorPeople: 150_000,
      sampledWrongExitPeople: 1_234,
      sampledExitedPeople: 98_765,
      exitedPopulationPeople: 2_500_000,
      sampledMissedPeople: 321,
      sampledNotRegisteredPeople: 87_654,
      notRegisteredPopulationPeople: 6_000_000,
      ruralPopulation: { villages: 16_000, reported: 16_000, total: 9_000_000 },
    });
    if (result.kind !== "value") throw new Error("expected a value");
    // 150 000 + 1 234/98 765 × 2 500 000 + 321/87 654 × 6 000 000 = 150 000 + 31 235.76 + 21 972.76 = 203 208.52 people → 2.2579 %
    expect(result.basisPoints).toBe(226);
    expect(result.text).toBe("2.26%");
  });

  it("refuses findings beyond the sample or a sample beyond the population", () => {
    expect(() => compositeIncidence({ ...example, sampledWrongExitPeople: 301 })).toThrow(RangeError);
    expect(() => compositeIncidence({ ...example, sampledExitedPeople: 1001 })).toThrow(RangeError);
    expect(() => compositeIncidence({ ...example, sampledMissedPeople: 31 })).toThrow(RangeError);
    expect(() => compositeIncidence({ ...example, sampledNotRegisteredPeople: 101 })).toThrow(RangeError);
    expect(() => compositeIncidence({ ...example, remainingPoorPeople: -1 })).toThrow(RangeError);
  });
});

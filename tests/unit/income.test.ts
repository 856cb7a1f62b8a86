import { describe, expect, it } from "vitest";
import { parseYuan } from "@/lib/income/money";
import {
  compareWithLine,
  computeIncome,
  divideRoundHalfUp,
  isAboveLine,
  perCapitaFen,
  policyShare,
  type IncomeComponents,
  type TransferComponents,
} from "@/lib/income/rules";

const NO_TRANSFER: TransferComponents = {
  minimumLivingFen: 0,
  extremePovertySupportFen: 0,
  pensionFen: 0,
  familyPlanningFen: 0,
  ecologicalCompensationFen: 0,
  otherTransferFen: 0,
};

function income(overrides: Partial<Omit<IncomeComponents, "transfer">>, transfer: Partial<TransferComponents> = {}): IncomeComponents {
  return {
    wageFen: 0,
    businessIncomeFen: 0,
    businessExpenseFen: 0,
    propertyFen: 0,
    ...overrides,
    transfer: { ...NO_TRANSFER, ...transfer },
  };
}

function fen(text: string): number {
  const result = parseYuan(text);
  if (!result.ok) throw new Error(result.message);
  return result.fen;
}

const LINE_2015 = 285_500; // 2855 yuan per person

describe("computeIncome", () => {
  const example = income(
    { wageFen: 1_200_000, businessIncomeFen: 300_000, businessExpenseFen: 50_000, propertyFen: 0 },
    { minimumLivingFen: 120_000, pensionFen: 72_000, ecologicalCompensationFen: 48_000 },
  );

  it("computes transfer, net and per-capita income exactly", () => {
    const result = computeIncome(example, 3);
    expect(result.transferFen).toBe(240_000);
    expect(result.netIncomeFen).toBe(1_690_000);
    expect(result.perCapitaFen).toBe(563_333); // 16 900.00 ÷ 3 = 5 633.333…
  });

  it("writes the formula in Chinese with every component", () => {
    expect(computeIncome(example, 3).formula).toBe(
      "人均纯收入 = (工资性 12,000.00 + 生产经营性 3,000.00 − 生产经营性支出 500.00 + 财产性 0.00 + 转移性 2,400.00) ÷ 在户人口 3 = 5,633.33 元",
    );
  });

  it("sums all six transfer parts", () => {
    const result = computeIncome(
      income(
        {},
        {
          minimumLivingFen: 1,
          extremePovertySupportFen: 20,
          pensionFen: 300,
          familyPlanningFen: 4_000,
          ecologicalCompensationFen: 50_000,
          otherTransferFen: 600_000,
        },
      ),
      1,
    );
    expect(result.transferFen).toBe(654_321);
    expect(result.netIncomeFen).toBe(654_321);
    expect(result.perCapitaFen).toBe(654_321);
  });

  it("adds 0.1 and 0.2 yuan components to exactly 30 fen", () => {
    const result = computeIncome(income({}, { pensionFen: fen("0.1"), otherTransferFen: fen("0.2") }), 1);
    expect(result.transferFen).toBe(30);
    expect(result.netIncomeFen).toBe(30);
  });

  it("rounds per-capita income half-up to whole fen", () => {
    expect(computeIncome(income({ wageFen: 10 }), 4).perCapitaFen).toBe(3); // 2.5 → 3
    expect(computeIncome(income({ wageFen: 9 }), 4).perCapitaFen).toBe(2); // 2.25 → 2
    expect(computeIncome(income({ wageFen: 11 }), 4).perCapitaFen).toBe(3); // 2.75 → 3
    expect(computeIncome(income({ wageFen: 100_000 }), 3).perCapitaFen).toBe(33_333); // …33.33
    expect(computeIncome(income({ wageFen: 200_000 }), 3).perCapitaFen).toBe(66_667); // …66.67
    expect(computeIncome(income({ wageFen: 5 }), 2).perCapitaFen).toBe(3);
    expect(computeIncome(income({ wageFen: 1 }), 3).perCapitaFen).toBe(0);
  });

  it("handles a business loss larger than the income", () => {
    const result = computeIncome(income({ wageFen: 100_000, businessExpenseFen: 300_000 }, { pensionFen: 50_000 }), 4);
    expect(result.netIncomeFen).toBe(-150_000);
    expect(result.perCapitaFen).toBe(-37_500);
    expect(result.policyShare).toEqual({ numeratorFen: 50_000, denominatorFen: -150_000, percent: null });
    expect(result.formula).toBe(
      "人均纯收入 = (工资性 1,000.00 + 生产经营性 0.00 − 生产经营性支出 3,000.00 + 财产性 0.00 + 转移性 500.00) ÷ 在户人口 4 = -375.00 元",
    );
  });

  it("gives no per-capita figure when nobody is 在户", () => {
    const result = computeIncome(example, 0);
    expect(result.perCapitaFen).toBeNull();
    expect(result.netIncomeFen).toBe(1_690_000);
    expect(result.formula).toBe(
      "人均纯收入 = (工资性 12,000.00 + 生产经营性 3,000.00 − 生产经营性支出 500.00 + 财产性 0.00 + 转移性 2,400.00) ÷ 在户人口 0：无在户人口，无法计算人均纯收入",
    );
  });

  it("computes the policy share of the example", () => {
    expect(computeIncome(example, 3).policyShare).toEqual({
      numeratorFen: 240_000,
      denominatorFen: 1_690_000,
      percent: "14.2%", // 14.201…%
    });
  });

  it("refuses amounts that are not integer fen and impossible member counts", () => {
    expect(() => computeIncome(income({ wageFen: 12.5 }), 1)).toThrow(RangeError);
    expect(() => computeIncome(income({}, { pensionFen: Number.NaN }), 1)).toThrow(RangeError);
    expect(() => computeIncome(income({ businessExpenseFen: 0.5 }), 1)).toThrow(RangeError);
    expect(() => computeIncome(example, -1)).toThrow(RangeError);
    expect(() => computeIncome(example, 2.5)).toThrow(RangeError);
  });
});

describe("policyShare", () => {
  it.each([
    [375, 1_000, "37.5%"],
    [1, 3, "33.3%"],
    [2, 3, "66.7%"],
    [1, 8, "12.5%"],
    [1, 16, "6.3%"], // 6.25 → 6.3, half-up
    [3, 16, "18.8%"], // 18.75 → 18.8
    [1, 160, "0.6%"], // 0.625 → 0.6
    [1, 2_000, "0.1%"], // 0.05 → 0.1
    [1, 2_001, "0.0%"], // 0.04998… → 0.0
    [0, 1_000, "0.0%"],
    [1_000, 1_000, "100.0%"],
    [2_000, 1_000, "200.0%"],
    [-1, 16, "-6.3%"],
  ])("%i of %i is %s", (transfer, net, percent) => {
    expect(policyShare(transfer, net)).toEqual({ numeratorFen: transfer, denominatorFen: net, percent });
  });

  it("has no percent when the net income is zero or negative", () => {
    expect(policyShare(100, 0).percent).toBeNull();
    expect(policyShare(100, -1).percent).toBeNull();
  });

  it("stays exact for large amounts", () => {
    expect(policyShare(33_333_333_333, 100_000_000_000).percent).toBe("33.3%");
    expect(policyShare(66_665_000_000, 100_000_000_000).percent).toBe("66.7%"); // 66.665 → 66.7
  });
});

describe("divideRoundHalfUp and perCapitaFen", () => {
  it("rounds halves away from zero", () => {
    expect(divideRoundHalfUp(5n, 2n)).toBe(3n);
    expect(divideRoundHalfUp(-5n, 2n)).toBe(-3n);
    expect(divideRoundHalfUp(7n, 3n)).toBe(2n);
    expect(divideRoundHalfUp(-7n, 3n)).toBe(-2n);
    expect(divideRoundHalfUp(0n, 7n)).toBe(0n);
  });

  it("needs a positive denominator", () => {
    expect(() => divideRoundHalfUp(1n, 0n)).toThrow(RangeError);
    expect(() => divideRoundHalfUp(1n, -1n)).toThrow(RangeError);
  });

  it("returns null for no members", () => {
    expect(perCapitaFen(1_000, 0)).toBeNull();
    expect(perCapitaFen(1_001, 2)).toBe(501);
  });
});

describe("isAboveLine", () => {
  it("is false exactly at the line and true one fen above", () => {
    expect(isAboveLine(856_500, 3, LINE_2015)).toBe(false);
    expect(isAboveLine(856_501, 3, LINE_2015)).toBe(true);
    expect(isAboveLine(856_499, 3, LINE_2015)).toBe(false);
  });

  it("decides on exact totals even where the rounded per-capita figure equals the line", () => {
    expect(perCapitaFen(856_501, 3)).toBe(LINE_2015);
    expect(isAboveLine(856_501, 3, LINE_2015)).toBe(true);
    expect(perCapitaFen(856_499, 3)).toBe(LINE_2015);
    expect(isAboveLine(856_499, 3, LINE_2015)).toBe(false);
  });

  it("is false with no members whatever the income", () => {
    expect(isAboveLine(100_000_000_000, 0, LINE_2015)).toBe(false);
  });

  it("handles a zero line and negative income", () => {
    expect(isAboveLine(0, 1, 0)).toBe(false);
    expect(isAboveLine(1, 1, 0)).toBe(true);
    expect(isAboveLine(-1, 1, LINE_2015)).toBe(false);
  });

  it("does not overflow where line × members exceeds 2^53", () => {
    const line = 2 ** 52;
    expect(isAboveLine(Number.MAX_SAFE_INTEGER, 3, line)).toBe(false);
  });

  it("refuses non-integer inputs", () => {
    expect(() => isAboveLine(1.5, 1, LINE_2015)).toThrow(RangeError);
    expect(() => isAboveLine(100, 1, 2855.5)).toThrow(RangeError);
    expect(() => isAboveLine(100, -1, LINE_2015)).toThrow(RangeError);
  });
});

describe("compareWithLine", () => {
  it("says so when the year has no poverty line", () => {
    const expected = { status: "NO_LINE", message: "该年度未设置贫困线，无法判断" };
    expect(compareWithLine(1_000_000, 3, null)).toEqual(expected);
    expect(compareWithLine(1_000_000, 3, undefined)).toEqual(expected);
    expect(compareWithLine(1_000_000, 0, null)).toEqual(expected);
  });

  it("says so when nobody is 在户", () => {
    expect(compareWithLine(1_000_000, 0, LINE_2015)).toEqual({
      status: "NO_MEMBERS",
      message: "无在户人口，无法计算人均纯收入，无法判断",
    });
  });

  it("reports income above the line", () => {
    expect(compareWithLine(1_690_000, 3, LINE_2015)).toEqual({
      status: "ABOVE",
      message: "人均纯收入 5,633.33 元，高于贫困线 2,855.00 元（家庭纯收入 16,900.00 元 > 贫困线 2,855.00 元 × 3 人 = 8,565.00 元）",
    });
  });

  it("reports income exactly at the line as not above it", () => {
    expect(compareWithLine(856_500, 3, LINE_2015)).toEqual({
      status: "AT_OR_BELOW",
      message: "人均纯收入 2,855.00 元，恰好等于贫困线 2,855.00 元，未高于贫困线（家庭纯收入 8,565.00 元 = 贫困线 2,855.00 元 × 3 人 = 8,565.00 元）",
    });
  });

  it("reports income below the line", () => {
    expect(compareWithLine(600_000, 3, LINE_2015)).toEqual({
      status: "AT_OR_BELOW",
      message: "人均纯收入 2,000.00 元，低于贫困线 2,855.00 元（家庭纯收入 6,000.00 元 < 贫困线 2,855.00 元 × 3 人 = 8,565.00 元）",
    });
  });

  it("agrees with isAboveLine around the line", () => {
    for (let net = 856_490; net <= 856_510; net++) {
      expect(compareWithLine(net, 3, LINE_2015).status).toBe(isAboveLine(net, 3, LINE_2015) ? "ABOVE" : "AT_OR_BELOW");
    }
    expect(compareWithLine(856_501, 3, LINE_2015).status).toBe("ABOVE");
    expect(compareWithLine(856_499, 3, LINE_2015).status).toBe("AT_OR_BELOW");
  });
});

import { describe, expect, it } from "vitest";
import { componentsFromRecord } from "@/lib/income/from-record";
import { computeIncome } from "@/lib/income/rules";
import { ZSaveIncome } from "@/lib/income/schema";
import { ZMonitoringSettings, ZMonitoringSettingsInput } from "@/lib/monitoring/schema";
import { DEFAULT_MEDICAL_SHARE_PERMILLE, medicalCostWarning } from "@/lib/monitoring/warnings-rules";

const rule = (medicalFen: number | null, netIncomeFen: number, sharePermille = 500) =>
  medicalCostWarning({ year: 2025, medicalFen, netIncomeFen, sharePermille });

describe("医疗支出预警: 合规自付医疗费用 above a share of net income", () => {
  it("strictly above the share is a 预警, with the figures in the message", () => {
    expect(rule(1_200_000, 1_800_000)).toEqual({
      code: "MEDICAL_COST",
      message: "2025 年合规自付医疗费用 12,000.00 元，超过家庭纯收入 18,000.00 元的 50%",
    });
    expect(rule(900_001, 1_800_000)?.code).toBe("MEDICAL_COST");
  });

  it("exactly at the share is not; one fen below is not", () => {
    expect(rule(900_000, 1_800_000)).toBeNull();
    expect(rule(899_999, 1_800_000)).toBeNull();
  });

  it("compares exactly where the share of the income is not a whole fen", () => {
    // 33.3 % of 1 000.01 yuan = 333.00333 yuan: 333.00 is below, 333.01 above.
    expect(rule(33_300, 100_001, 333)).toBeNull();
    expect(rule(33_301, 100_001, 333)?.code).toBe("MEDICAL_COST");
  });

  it("a net income of zero or below with any positive cost is a 预警", () => {
    expect(rule(1, 0)?.message).toBe("2025 年合规自付医疗费用 0.01 元，家庭纯收入为 0.00 元");
    expect(rule(50_000, -20_000)?.message).toBe("2025 年合规自付医疗费用 500.00 元，家庭纯收入为 -200.00 元");
  });

  it("no figure entered, or a cost of zero, is never a 预警", () => {
    expect(rule(null, 0)).toBeNull();
    expect(rule(null, 1_000)).toBeNull();
    expect(rule(0, 0)).toBeNull();
    expect(rule(0, -5_000)).toBeNull();
  });

  it("a share above 100 % works the same way", () => {
    expect(rule(2_000_000, 1_000_000, 2000)).toBeNull();
    expect(rule(2_000_001, 1_000_000, 2000)?.message).toContain("的 200%");
  });
});

describe("the medical figure on the income form", () => {
  const base = { householdId: "6f1d2c4e-8a9b-4c1d-9e2f-3a4b5c6d7e8f", year: "2025", version: "0", wageFen: "20000" };

  it("is optional: empty or left out stores null (not entered), never 0", () => {
    expect(ZSaveIncome.parse(base).medicalOutOfPocketFen).toBeNull();
    expect(ZSaveIncome.parse({ ...base, medicalOutOfPocketFen: "  " }).medicalOutOfPocketFen).toBeNull();
    expect(ZSaveIncome.parse({ ...base, medicalOutOfPocketFen: "0" }).medicalOutOfPocketFen).toBe(0);
    expect(ZSaveIncome.parse({ ...base, medicalOutOfPocketFen: "12,000.5" }).medicalOutOfPocketFen).toBe(1_200_050);
  });

  it("refuses a negative amount or three decimals, in Chinese, beside the field", () => {
    const negative = ZSaveIncome.safeParse({ ...base, medicalOutOfPocketFen: "-1" });
    expect(negative.success).toBe(false);
    expect(negative.error?.issues[0]).toMatchObject({ path: ["medicalOutOfPocketFen"], message: "合规自付医疗费用：金额不能为负数" });
    const cents = ZSaveIncome.safeParse({ ...base, medicalOutOfPocketFen: "1.234" });
    expect(cents.error?.issues[0]?.message).toBe("合规自付医疗费用：金额最多保留两位小数");
  });

  it("is not income: the stored record's net income is the same with or without it", () => {
    const { householdId, year, version, ...record } = ZSaveIncome.parse({ ...base, medicalOutOfPocketFen: "9000" });
    void [householdId, year, version];
    const net = (row: typeof record) => computeIncome(componentsFromRecord(row), 2).netIncomeFen;
    expect(net(record)).toBe(2_000_000);
    expect(net({ ...record, medicalOutOfPocketFen: null })).toBe(2_000_000);
  });
});

describe("the medical share in the monitoring settings", () => {
  it("a stored row from before the rule gets the default 50 %", () => {
    expect(DEFAULT_MEDICAL_SHARE_PERMILLE).toBe(500);
    expect(ZMonitoringSettings.parse({ marginPermille: 500, dropPermille: 300 }).medicalSharePermille).toBe(500);
  });

  it("a percentage with one decimal from 1 to 1000, optional; anything else refused in Chinese", () => {
    expect(ZMonitoringSettingsInput.parse({ margin: "50", medicalShare: "40.5", version: "1" }).medicalShare).toBe(405);
    expect(ZMonitoringSettingsInput.parse({ margin: "50", version: "1" }).medicalShare).toBeUndefined();
    for (const bad of ["0", "0.5", "abc", "-10", "1000.1", "12.34"]) {
      const result = ZMonitoringSettingsInput.safeParse({ margin: "50", medicalShare: bad, version: "1" });
      expect(result.success, bad).toBe(false);
      expect(result.error?.issues[0]?.message, bad).toMatch(/^医疗支出占比应为 1 到 1000 之间的数/);
    }
  });
});

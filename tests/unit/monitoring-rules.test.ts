import { describe, expect, it } from "vitest";
import { ZAddRiskInput, ZCreateMonitoringObjectInput, ZMonitoringLineInput, ZMonitoringSettingsInput } from "@/lib/monitoring/schema";
import { MAX_RISKS, incomeBand, marginCeilingFen, monitoringLineFor, registrationFlag, riskRefusal } from "@/lib/monitoring/rules";

describe("monitoring lines", () => {
  const lines = new Map([[2021, 600_000]]);
  it("a year with a line answers it; a year without one is refused, never guessed from another year", () => {
    expect(monitoringLineFor(2021, lines)).toEqual({ ok: true, year: 2021, amountFen: 600_000 });
    const missing = monitoringLineFor(2022, lines);
    expect(missing.ok).toBe(false);
    expect(!missing.ok && missing.message).toBe("未设置 2022 年的监测线，无法按收入筛查该年度");
  });
});

describe("income band against the line and the margin", () => {
  it("the margin ceiling is line × (1 + margin), rounded down to the fen", () => {
    expect(marginCeilingFen(600_000, 500)).toBe(900_000);
    expect(marginCeilingFen(600_001, 500)).toBe(900_001);
    expect(marginCeilingFen(600_000, 0)).toBe(600_000);
  });
  it("one fen below the line is below it; exactly at the line is within the margin, not below", () => {
    expect(incomeBand(599_999, 1, 600_000, 500)).toBe("BELOW_LINE");
    expect(incomeBand(600_000, 1, 600_000, 500)).toBe("WITHIN_MARGIN");
    // Three people: 1 799 999 fen is below 3 × 6 000 yuan although it rounds to 6 000.00 per person.
    expect(incomeBand(1_799_999, 3, 600_000, 500)).toBe("BELOW_LINE");
    expect(incomeBand(1_800_000, 3, 600_000, 500)).toBe("WITHIN_MARGIN");
  });
  it("exactly at the ceiling is still within the margin; one fen above is not", () => {
    expect(incomeBand(900_000, 1, 600_000, 500)).toBe("WITHIN_MARGIN");
    expect(incomeBand(900_001, 1, 600_000, 500)).toBe("ABOVE_MARGIN");
    expect(incomeBand(2_700_000, 3, 600_000, 500)).toBe("WITHIN_MARGIN");
    expect(incomeBand(2_700_001, 3, 600_000, 500)).toBe("ABOVE_MARGIN");
  });
  it("with no margin, the line itself is the only edge; with nobody present there is no band", () => {
    expect(incomeBand(600_000, 1, 600_000, 0)).toBe("WITHIN_MARGIN");
    expect(incomeBand(600_001, 1, 600_000, 0)).toBe("ABOVE_MARGIN");
    expect(incomeBand(600_000, 0, 600_000, 500)).toBe("NO_MEMBERS");
  });
  it("a negative net income is below any line", () => {
    expect(incomeBand(-100, 2, 600_000, 500)).toBe("BELOW_LINE");
  });
});

describe("risks", () => {
  const four = ["ILLNESS", "DISABILITY", "SCHOOLING", "HOUSING"];
  it("the fifth risk is accepted, a sixth refused", () => {
    expect(riskRefusal(four, "ACCIDENT", false)).toBeNull();
    expect(riskRefusal([...four, "ACCIDENT"], "OTHER", false)).toBe(`每户最多登记 ${MAX_RISKS} 项风险`);
  });
  it("the same type twice and a retired type are refused", () => {
    expect(riskRefusal(["ILLNESS"], "ILLNESS", false)).toBe("该户已登记此类风险");
    expect(riskRefusal([], "OTHER", true)).toBe("该风险类型已停用，请选择其他类型");
  });
});

describe("registration flag", () => {
  it("a household outside the archive is allowed and flagged as never registered", () => {
    expect(registrationFlag({ householdId: null, identificationYear: null })).toBe("未建档立卡（无识别年度）");
    expect(registrationFlag({ householdId: "h", identificationYear: 2016 })).toBeNull();
    expect(registrationFlag({ householdId: "h", identificationYear: null })).toBe("无识别年度");
  });
});

describe("input schemas", () => {
  it("a monitoring line from 2021 on, above zero", () => {
    expect(ZMonitoringLineInput.parse({ year: "2022", amount: "6,300" })).toEqual({ year: 2022, amount: 630_000 });
    expect(ZMonitoringLineInput.safeParse({ year: "2020", amount: "6000" }).error?.issues[0].message).toBe("监测线从 2021 年起设置");
    expect(ZMonitoringLineInput.safeParse({ year: "2022", amount: "0" }).error?.issues[0].message).toBe("监测线必须大于 0");
  });
  it("the margin as a percentage with one decimal, up to 200 %", () => {
    expect(ZMonitoringSettingsInput.parse({ margin: "50", version: "0" })).toEqual({ margin: 500, version: 0 });
    expect(ZMonitoringSettingsInput.parse({ margin: "12.5", version: "3" })).toEqual({ margin: 125, version: 3 });
    expect(ZMonitoringSettingsInput.safeParse({ margin: "200.1", version: "0" }).success).toBe(false);
    expect(ZMonitoringSettingsInput.safeParse({ margin: "-1", version: "0" }).success).toBe(false);
  });
  it("a risk found in the future or before 2021 is refused", () => {
    const base = { objectId: "00000000-0000-4000-8000-000000000000", version: "1", riskType: "ILLNESS", source: "CADRE_SCREENING" };
    expect(ZAddRiskInput.safeParse({ ...base, foundOn: "2999-01-01" }).error?.issues[0].message).toBe("发现日期不能晚于今天");
    expect(ZAddRiskInput.safeParse({ ...base, foundOn: "2020-12-31" }).error?.issues[0].message).toBe("发现日期不早于 2021 年");
    expect(ZAddRiskInput.safeParse({ ...base, foundOn: "2021-01-01" }).success).toBe(true);
    expect(ZAddRiskInput.safeParse({ ...base, foundOn: "2021-01-01", source: "ARCHIVE" }).error?.issues[0].message).toBe("请选择发现渠道");
  });
  it("a household outside the archive needs a valid head ID number", () => {
    const outside = {
      kind: "OUTSIDE",
      villageCode: "522698100201",
      headName: "张三",
      address: "杨柳村一组",
      people: "3",
      category: "MARGINAL",
      riskType: "ILLNESS",
      foundOn: "2022-03-01",
      source: "SELF_APPLICATION",
    };
    const result = ZCreateMonitoringObjectInput.safeParse({ ...outside, headIdNumber: "522698198001010010" });
    expect(result.success).toBe(false);
    expect(result.error?.issues.some((issue) => issue.path[0] === "headIdNumber")).toBe(true);
  });
});

import { describe, expect, it } from "vitest";
import { countsIn, satisfactionCounts, type CheckFacts } from "@/lib/inspections/rates/rules";
import { entryDetailText, parseListedHouseholds, readEntryDetail, sizeRuleText } from "@/lib/inspections/rounds/rules";

const villages = [
  { code: "522698100201", name: "杨柳村", townshipCode: "522698100000" },
  { code: "522698100202", name: "新寨村", townshipCode: "522698100000" },
  { code: "522698101201", name: "大坪村", townshipCode: "522698101000" },
  { code: "522698101202", name: "新寨村", townshipCode: "522698101000" },
];

describe("parseListedHouseholds", () => {
  it("reads code or name, half- or full-width commas, skips blank lines, keeps the note", () => {
    expect(parseListedHouseholds("杨柳村,王某,4,邻居反映\n\n522698101202，李某，2\r\n", villages)).toEqual({
      ok: true,
      entries: [
        { villageCode: "522698100201", townshipCode: "522698100000", headName: "王某", people: 4, note: "邻居反映" },
        { villageCode: "522698101202", townshipCode: "522698101000", headName: "李某", people: 2, note: null },
      ],
    });
    expect(parseListedHouseholds("   \n", villages)).toEqual({ ok: true, entries: [] });
  });

  it("reports every bad line with its number and takes nothing", () => {
    const result = parseListedHouseholds(
      ["杨柳村,王某", "新寨村,李某,3", "522698199999,赵某,3", "大坪村,钱某,0", "大坪村,孙某,三", "杨柳村,周某,31", "杨柳村,吴某,2", "杨柳村,吴某,5"].join("\n"),
      villages,
    );
    expect(result).toEqual({
      ok: false,
      errors: [
        '第 1 行：应为"村代码或村名,户主姓名,人数,备注（备注可省略）"，至少三项',
        '第 2 行：村名"新寨村"有重名，请改填村代码',
        "第 3 行：村代码 522698199999 不在抽查范围内",
        "第 4 行：人数应在 1 到 30 之间",
        "第 5 行：人数应为正整数",
        "第 6 行：人数应在 1 到 30 之间",
        "第 8 行：与第 7 行重复（同一村同一户主）",
      ],
    });
  });

  it("refuses hidden characters", () => {
    expect(parseListedHouseholds("杨柳村,王\u200b某,3", villages)).toMatchObject({
      ok: false,
      errors: ["第 1 行：含有控制字符或不可见字符，请删除后重新输入"],
    });
  });
});

describe("entry details and size rules", () => {
  it("round-trips the frozen detail and reads anything else as 0 people", () => {
    expect(readEntryDetail(entryDetailText({ people: 5, note: "备注" }))).toEqual({ people: 5, note: "备注" });
    expect(readEntryDetail(null)).toEqual({ people: 0, note: null });
    expect(readEntryDetail("not json")).toEqual({ people: 0, note: null });
    expect(readEntryDetail('{"people":-1}')).toEqual({ people: 0, note: null });
  });
  it("describes the size rule", () => {
    expect(sizeRuleText({ sizeKind: "COUNT", sizeValue: 10, sizeMinimum: 0 })).toBe("每乡镇 10 户");
    expect(sizeRuleText({ sizeKind: "SHARE", sizeValue: 50, sizeMinimum: 5 })).toBe("按 50‰，每乡镇不少于 5 户");
    expect(sizeRuleText({ sizeKind: "SHARE", sizeValue: 50, sizeMinimum: 0 })).toBe("按 50‰");
  });
});

describe("countsIn (三率一度 membership)", () => {
  const check = (facts: Partial<CheckFacts>): CheckFacts => ({ atHome: true, meetsStandard: null, shouldRegister: null, satisfaction: null, ...facts });
  it("错退: checked exited households at home; the numerator those not meeting the standard", () => {
    expect(countsIn("wrongExit", "denominator", { kind: "EXITED", check: check({ meetsStandard: true }) })).toBe(true);
    expect(countsIn("wrongExit", "numerator", { kind: "EXITED", check: check({ meetsStandard: true }) })).toBe(false);
    expect(countsIn("wrongExit", "numerator", { kind: "EXITED", check: check({ meetsStandard: false }) })).toBe(true);
    expect(countsIn("wrongExit", "denominator", { kind: "EXITED", check: check({ atHome: false }) })).toBe(false);
    expect(countsIn("wrongExit", "denominator", { kind: "EXITED", check: null })).toBe(false);
    expect(countsIn("wrongExit", "denominator", { kind: "LISTED", check: check({ shouldRegister: true }) })).toBe(false);
  });
  it("漏评: checked listed households; the numerator those that should have been registered", () => {
    expect(countsIn("missed", "denominator", { kind: "LISTED", check: check({ shouldRegister: false }) })).toBe(true);
    expect(countsIn("missed", "numerator", { kind: "LISTED", check: check({ shouldRegister: false }) })).toBe(false);
    expect(countsIn("missed", "numerator", { kind: "LISTED", check: check({ shouldRegister: true }) })).toBe(true);
  });
  it("认可度: every answer counts in the denominator, 满意 and 基本满意 in the numerator", () => {
    for (const [answer, approves] of [
      ["SATISFIED", true],
      ["BASICALLY_SATISFIED", true],
      ["DISSATISFIED", false],
      ["UNKNOWN", false],
    ] as const) {
      const pick = { kind: "EXITED", check: check({ meetsStandard: true, satisfaction: answer }) };
      expect(countsIn("approval", "denominator", pick)).toBe(true);
      expect(countsIn("approval", "numerator", pick)).toBe(approves);
    }
    expect(countsIn("approval", "denominator", { kind: "EXITED", check: check({ meetsStandard: true }) })).toBe(false);
    expect(
      satisfactionCounts([
        { check: check({ satisfaction: "SATISFIED" }) },
        { check: check({ satisfaction: "UNKNOWN" }) },
        { check: check({ satisfaction: "UNKNOWN" }) },
        { check: null },
      ]),
    ).toEqual({ satisfied: 1, basicallySatisfied: 0, dissatisfied: 0, unknown: 2 });
  });
});

import { describe, expect, it } from "vitest";
import { displayValue, householdChanges, type ArchiveHousehold } from "@/lib/imports/changes";
import type { ParsedHouseholdFields, ParsedMember } from "@/lib/imports/rules";

const member = (idNumber: string, name: string, relation: string): ParsedMember => ({
  sheetRow: 2,
  idNumber,
  name,
  gender: "MALE",
  birthDate: "1970-01-01",
  relation,
  ethnicity: "汉族",
  educationLevel: "JUNIOR",
  schoolStatus: "NOT_IN_SCHOOL",
  health: "HEALTHY",
  labourSkill: "ORDINARY",
  workStatus: "NONE",
  workMonths: null,
  basicMedicalInsurance: true,
  seriousIllnessInsurance: true,
  pensionInsurance: false,
});

const fields: ParsedHouseholdFields = {
  county: "测试县",
  township: "一乡",
  village: "一村",
  villageGroup: "1组",
  householdNo: "5226981001010001",
  headName: "张三",
  memberCount: 2,
  attribute: "GENERAL",
  primaryCause: "ILLNESS",
  otherCauses: ["LACK_FUNDS", "LACK_SKILLS"],
  identificationYear: 2015,
  exitYear: null,
  perCapitaFen: 100_000,
  wageFen: 200_000,
  businessIncomeFen: 0,
  propertyFen: 0,
  transferFen: 0,
  businessExpenseFen: 0,
  housingGrade: "B",
  drinkingWaterSafe: true,
  drinkingWaterDifficult: false,
  phone: "13800000000",
};

const head = member("110101197001010011", "张三", "HEAD");
const son = member("110101199501010031", "张小", "SON");
const { sheetRow: _a, gender: _b, birthDate: _c, ...headArchive } = head;
const { sheetRow: _d, gender: _e, birthDate: _f, ...sonArchive } = son;

const archive: ArchiveHousehold = {
  version: 3,
  villageCode: "522698100101",
  villageGroup: "1组",
  phone: "13800000000",
  attribute: "GENERAL",
  identificationYear: 2015,
  primaryCause: "ILLNESS",
  otherCauses: ["LACK_SKILLS", "LACK_FUNDS"],
  drinkingWaterSafe: true,
  drinkingWaterDifficult: false,
  housingGrade: "B",
  exitYear: null,
  members: [headArchive, sonArchive],
};

describe("differences between an archived household and the file", () => {
  it("none when the file says what the archive holds (other causes in any order)", () => {
    expect(householdChanges(archive, { fields, members: [head, son] }, "522698100101")).toEqual({ changes: [], blockers: [] });
  });

  it("lists household and member fields with the words the page shows", () => {
    const result = householdChanges(
      archive,
      { fields: { ...fields, housingGrade: "D", drinkingWaterDifficult: true, phone: null }, members: [head, { ...son, health: "SERIOUS", workMonths: 6 }] },
      "522698100101",
    );
    expect(result.blockers).toEqual([]);
    expect(result.changes).toEqual([
      { subject: "户", field: "联系电话", before: "13800000000", after: "（空）" },
      { subject: "户", field: "饮水是否困难", before: "否", after: "是" },
      { subject: "户", field: "住房安全等级", before: "B级", after: "D级" },
      { subject: "张小（0031）", field: "健康状况", before: displayValue("health", "HEALTHY"), after: displayValue("health", "SERIOUS") },
      { subject: "张小（0031）", field: "务工时间（月）", before: "（空）", after: "6" },
    ]);
  });

  it("blocks what is a procedure of its own: another village, 脱贫年度, members added or gone, another 户主", () => {
    const newcomer = member("110101200001010051", "李四", "OTHER");
    const result = householdChanges(
      archive,
      { fields: { ...fields, exitYear: 2020 }, members: [{ ...head, relation: "FATHER" }, { ...son, relation: "HEAD" }, newcomer] },
      "522698100102",
    );
    expect(result.blockers).toHaveLength(5);
    expect(result.blockers[0]).toContain("行政村与档案不同");
    expect(result.blockers[1]).toContain("脱贫年度不同（档案：未脱贫，文件：2020）");
    expect(result.blockers[2]).toContain("多出成员 李四");
    expect(result.blockers.slice(3).every((blocker) => blocker.includes("户主身份不同"))).toBe(true);
    const gone = householdChanges(archive, { fields, members: [head] }, "522698100101");
    expect(gone.blockers).toEqual(["档案中的成员 张小 不在文件中：成员减少请在档案中办理迁出或死亡登记"]);
  });
});

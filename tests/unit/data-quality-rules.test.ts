import { describe, expect, it } from "vitest";
import { COUNTY_LEVEL_RULES, crossHits, HOUSEHOLD_LEVEL_RULES, householdHits, QUALITY_RULES } from "@/lib/data-quality/catalogue";
import { LEVEL_PREFIX, type HouseholdRule } from "@/lib/data-quality/define";
import type { HouseholdQualityFacts } from "@/lib/data-quality/facts";
import type { MeasureCategory, PovertyCause } from "@/lib/domain/codes";
import { fittingCategories } from "@/lib/measures/rules";
import { makeIdNumber } from "@/lib/members/id-number";
import {
  add,
  addMeasure,
  born,
  changed,
  CHILD,
  CONTEXT,
  COUNTY,
  exited,
  HEAD,
  home,
  household,
  income,
  measure,
  measures,
  member,
  SPOUSE,
  toExited,
  type Change,
} from "./data-quality-fixtures";

/** Per rule: the changes that make the clean household break it, and a near miss that must not. */
type Case = { hit: Change[]; miss: Change[] };

const moved = (index: number) => member(index, { status: "MOVED_OUT", statusDate: "2024-01-01" });
const schoolCase = (status: string, hitBirth: string, missBirth: string): Case => ({
  hit: [member(CHILD, { schoolStatus: status as never }), born(CHILD, hitBirth)],
  miss: [member(CHILD, { schoolStatus: status as never }), born(CHILD, missBirth)],
});
const coverageCase = (cause: PovertyCause): Case => {
  const category: MeasureCategory = fittingCategories(CONTEXT.matrix, cause)[0];
  return {
    hit: [home({ otherCauses: [cause] })],
    miss: [home({ otherCauses: [cause] }), addMeasure({ category, item: "针对性措施", addressedCauses: [cause] })],
  };
};
const notExited: Change = home({ status: "REGISTERED" });
const sheet =
  (patch: Partial<NonNullable<HouseholdQualityFacts["exitSheet"]>>): Change =>
  (facts) => {
    facts.exitSheet = {
      id: "sheet",
      assessmentYear: 2023,
      status: "IN_PROGRESS",
      noticePostedOn: null,
      noticeClosedOn: null,
      invalidSignatureCount: 0,
      ...patch,
    };
  };
const village =
  (patch: Partial<NonNullable<HouseholdQualityFacts["village"]>>): Change =>
  (facts) => {
    facts.village = { powerSupply: false, safeWater: false, hardenedRoad: false, exited: false, ...patch };
  };
const manyPresent =
  (count: number): Change =>
  (facts) => {
    for (let i = facts.members.length; i < count; i += 1)
      add({ name: `王${"一二三四五六七八九十甲乙丙丁戊己庚"[i]}`, birthDate: "1980-01-01", gender: "MALE", relation: "OTHER" })(facts);
  };

const CASES: Record<string, Case> = {
  "M-001": {
    hit: [(f) => void (f.members[HEAD].idNumber = f.members[HEAD].idNumber.slice(0, 17) + (f.members[HEAD].idNumber[17] === "1" ? "2" : "1"))],
    miss: [],
  },
  "M-002": { hit: [member(HEAD, { gender: "FEMALE" })], miss: [] },
  "M-003": { hit: [member(HEAD, { birthDate: "1970-03-11" })], miss: [] },
  "M-004": { hit: [member(CHILD, { birthDate: "2024-06-16" })], miss: [born(CHILD, "2024-06-15")] },
  "M-005": {
    hit: [add({ name: "王老太", birthDate: "1913-06-14", gender: "FEMALE", relation: "MOTHER", labourSkill: "NONE" })],
    miss: [add({ name: "王老太", birthDate: "1913-06-16", gender: "FEMALE", relation: "MOTHER", labourSkill: "NONE" })],
  },
  "M-006": { hit: [member(CHILD, { gender: "FEMALE" })], miss: [member(CHILD, { gender: "FEMALE", relation: "DAUGHTER" })] },
  "M-007": { hit: [member(SPOUSE, { gender: "MALE" })], miss: [] },
  "M-008": { hit: [born(HEAD, "2008-06-16")], miss: [born(HEAD, "2008-06-15")] },
  "M-009": { hit: [born(SPOUSE, "1939-03-09")], miss: [born(SPOUSE, "1940-03-10")] },
  "M-010": { hit: [member(HEAD, { workMonths: 13 })], miss: [member(HEAD, { workMonths: 12 })] },
  "M-011": { hit: [member(HEAD, { workMonths: -1 })], miss: [member(HEAD, { workMonths: 0 })] },
  "M-012": {
    hit: [born(CHILD, "2014-06-15"), member(CHILD, { schoolStatus: "NOT_IN_SCHOOL" })],
    miss: [born(CHILD, "2014-06-15"), member(CHILD, { schoolStatus: "NOT_IN_SCHOOL", schoolingExemption: "HOME_TEACHING" })],
  },
  "M-013": { hit: [member(CHILD, { labourSkill: "WEAK" })], miss: [born(CHILD, "2008-06-15"), member(CHILD, { labourSkill: "WEAK" })] },
  "M-014": {
    hit: [add({ name: "王父", birthDate: "1975-01-01", gender: "MALE", relation: "FATHER" })],
    miss: [add({ name: "王父", birthDate: "1945-01-01", gender: "MALE", relation: "FATHER" })],
  },
  "M-015": {
    hit: [add({ name: "王大", birthDate: "1965-01-01", gender: "MALE", relation: "SON" })],
    miss: [add({ name: "王大", birthDate: "1995-01-01", gender: "MALE", relation: "SON" })],
  },
  "M-016": {
    hit: [add({ name: "王孙", birthDate: "1969-01-01", gender: "MALE", relation: "GRANDSON" })],
    miss: [add({ name: "王孙", birthDate: "2020-01-01", gender: "MALE", relation: "GRANDSON", labourSkill: "NONE" })],
  },
  "M-017": { hit: [born(SPOUSE, "2004-06-16")], miss: [born(SPOUSE, "2004-06-15")] },
  "M-018": schoolCase("PRIMARY", "2008-06-15", "2008-06-16"),
  "M-019": schoolCase("JUNIOR", "2021-01-01", "2014-06-15"),
  "M-020": schoolCase("PRIMARY", "2019-06-16", "2019-06-15"),
  "M-021": schoolCase("SENIOR", "2011-06-16", "2011-06-15"),
  "M-022": schoolCase("UNDERGRADUATE", "2008-06-16", "2008-06-15"),
  "M-023": schoolCase("JUNIOR", "2004-06-15", "2004-06-16"),
  "M-024": schoolCase("SECONDARY_VOCATIONAL", "2011-06-16", "2011-06-15"),
  "M-025": schoolCase("HIGHER_VOCATIONAL", "2009-06-16", "2009-06-15"),
  "M-026": schoolCase("PRESCHOOL", "2017-06-15", "2018-06-15"),
  "M-027": {
    hit: [add({ name: "王父", birthDate: "1953-06-14", gender: "MALE", relation: "FATHER", labourSkill: "GENERAL" })],
    miss: [add({ name: "王父", birthDate: "1953-06-16", gender: "MALE", relation: "FATHER", labourSkill: "GENERAL" })],
  },
  "M-028": { hit: [member(HEAD, { labourSkill: "NONE" })], miss: [member(HEAD, { labourSkill: "WEAK" })] },
  "M-029": { hit: [member(HEAD, { workMonths: null })], miss: [] },
  "M-030": { hit: [member(SPOUSE, { workMonths: 3 })], miss: [member(SPOUSE, { workMonths: 0 })] },
  "M-031": {
    hit: [member(CHILD, { workStatus: "IN_COUNTY", workMonths: 2 })],
    miss: [born(CHILD, "2008-06-15"), member(CHILD, { workStatus: "IN_COUNTY", workMonths: 2 })],
  },
  "M-032": {
    hit: [born(CHILD, "2008-06-15"), member(CHILD, { schoolStatus: "SENIOR", workStatus: "IN_COUNTY", workMonths: 2 })],
    miss: [born(CHILD, "2008-06-15"), member(CHILD, { schoolStatus: "NOT_IN_SCHOOL", workStatus: "IN_COUNTY", workMonths: 2 })],
  },
  "M-033": { hit: [member(SPOUSE, { health: "DISABLED" })], miss: [member(SPOUSE, { health: "DISABLED", disabilityGrade: "二级" })] },
  "M-034": { hit: [member(SPOUSE, { disabilityGrade: "二级" })], miss: [member(SPOUSE, { disabilityGrade: " " })] },
  "M-035": { hit: [member(SPOUSE, { basicMedicalInsurance: false, seriousIllnessInsurance: false })], miss: [] },
  "M-036": {
    hit: [member(SPOUSE, { basicMedicalInsurance: false })],
    miss: [member(SPOUSE, { basicMedicalInsurance: false, seriousIllnessInsurance: false })],
  },
  "M-037": {
    hit: [member(SPOUSE, { seriousIllnessInsurance: false })],
    miss: [member(SPOUSE, { seriousIllnessInsurance: false, basicMedicalInsurance: false })],
  },
  "M-038": { hit: [member(SPOUSE, { pensionInsurance: false })], miss: [born(SPOUSE, "1964-06-15"), member(SPOUSE, { pensionInsurance: false })] },
  "M-039": { hit: [member(SPOUSE, { minimumLiving: true, extremeSupport: true })], miss: [member(SPOUSE, { minimumLiving: true })] },
  "M-040": { hit: [member(SPOUSE, { minimumLiving: true })], miss: [member(SPOUSE, { minimumLiving: true }), home({ attribute: "LOW_INCOME" })] },
  "M-041": { hit: [member(SPOUSE, { extremeSupport: true })], miss: [member(SPOUSE, { extremeSupport: true }), home({ attribute: "EXTREME" })] },
  "M-042": { hit: [member(SPOUSE, { status: "DECEASED" })], miss: [member(SPOUSE, { status: "DECEASED", statusDate: "2024-01-01" })] },
  "M-043": {
    hit: [member(SPOUSE, { status: "DECEASED", statusDate: "1960-01-01" })],
    miss: [member(SPOUSE, { status: "DECEASED", statusDate: "1972-05-01" })],
  },
  "M-044": { hit: [member(CHILD, { joinedOn: "2014-08-31" })], miss: [member(CHILD, { joinedOn: "2014-09-01" })] },
  "M-045": { hit: [member(CHILD, { name: "王小明2" })], miss: [member(CHILD, { name: "王小明·阿" })] },
  "M-046": {
    hit: [born(CHILD, "2016-06-15"), member(CHILD, { educationLevel: "PRESCHOOL" })],
    miss: [born(CHILD, "2016-06-16"), member(CHILD, { educationLevel: "PRESCHOOL" })],
  },
  "M-047": {
    hit: [born(CHILD, "2007-06-16"), member(CHILD, { educationLevel: "COLLEGE" })],
    miss: [born(CHILD, "2007-06-15"), member(CHILD, { educationLevel: "COLLEGE" })],
  },
  "M-048": { hit: [member(SPOUSE, { labourSkill: "NONE" })], miss: [member(SPOUSE, { labourSkill: "NONE", health: "CHRONIC" })] },
  "M-049": { hit: [member(SPOUSE, { labourSkill: "LOST" })], miss: [member(SPOUSE, { labourSkill: "LOST", health: "SERIOUS" })] },
  "M-050": {
    hit: [member(SPOUSE, { idNumber: makeIdNumber("110101", "1972-05-01", 22) })],
    miss: [member(SPOUSE, { idNumber: makeIdNumber("520102", "1972-05-01", 22) })],
  },

  "H-001": { hit: [member(HEAD, { status: "DECEASED", statusDate: "2024-01-01" })], miss: [] },
  "H-002": { hit: [member(SPOUSE, { relation: "HEAD" })], miss: [] },
  "H-003": {
    hit: [add({ name: "张某", birthDate: "1975-01-01", gender: "FEMALE", relation: "SPOUSE" })],
    miss: [add({ name: "张某", birthDate: "1975-01-01", gender: "FEMALE", relation: "SPOUSE", status: "MOVED_OUT", statusDate: "2020-01-01" })],
  },
  "H-004": { hit: [moved(HEAD), moved(SPOUSE), moved(CHILD)], miss: [moved(HEAD), moved(SPOUSE)] },
  "H-005": { hit: [home({ phone: "1381234567" })], miss: [home({ phone: "0851-12345678" })] },
  "H-006": { hit: [home({ phone: null })], miss: [] },
  "H-007": { hit: [home({ farmlandMu: 100.5 })], miss: [home({ farmlandMu: 100 })] },
  "H-008": { hit: [home({ forestMu: 1000.01 })], miss: [home({ forestMu: 1000 })] },
  "H-009": { hit: [home({ housingAreaM2: 9.99 })], miss: [home({ housingAreaM2: 10 })] },
  "H-010": { hit: [home({ housingAreaM2: 300.5 })], miss: [home({ housingAreaM2: 300 })] },
  "H-011": {
    hit: [home({ housingGrade: "D" })],
    miss: [home({ housingGrade: "D" }), addMeasure({ category: "HOUSING", item: "危房改造", status: "PLANNED" })],
  },
  "H-012": {
    hit: [home({ housingGrade: "D" }), addMeasure({ category: "HOUSING", item: "危房改造", status: "COMPLETED", endDate: "2024-01-01", outcomeFen: 0 })],
    miss: [home({ housingGrade: "B" }), addMeasure({ category: "HOUSING", item: "危房改造", status: "COMPLETED", endDate: "2024-01-01", outcomeFen: 0 })],
  },
  "H-013": { hit: [home({ housingGrade: null })], miss: [] },
  "H-014": { hit: [home({ distanceToRoadKm: 50.5 })], miss: [home({ distanceToRoadKm: 50 })] },
  "H-015": { hit: [home({ drinkingWaterDifficult: true })], miss: [home({ drinkingWaterDifficult: true, drinkingWaterSafe: false })] },
  "H-016": { hit: [home({ hasElectricity: false, fuelType: "ELECTRIC" })], miss: [home({ hasElectricity: false })] },
  "H-017": { hit: [home({ otherCauses: ["ILLNESS"] })], miss: [home({ otherCauses: ["DISABILITY"] })] },
  "H-018": { hit: [home({ identificationYear: 2013 })], miss: [home({ identificationYear: 2014 })] },
  "H-019": { hit: [home({ exitYear: 2015 })], miss: [home({ exitYear: 2016 })] },
  "H-020": { hit: [home({ status: "EXITED" })], miss: [home({ status: "EXITED", exitYear: 2023 })] },
  "H-021": { hit: [home({ exitYear: 2020 })], miss: [home({ status: "RETURNED", exitYear: 2020, returnedReason: "因病返贫" })] },
  "H-022": { hit: [home({ status: "RETURNED", exitYear: 2020 })], miss: [home({ status: "RETURNED", exitYear: 2020, returnedReason: "户主患大病" })] },
  "H-023": { hit: [home({ attribute: "LOW_INCOME" })], miss: [home({ attribute: "LOW_INCOME" }), member(SPOUSE, { minimumLiving: true })] },
  "H-024": { hit: [home({ attribute: "EXTREME" })], miss: [home({ attribute: "EXTREME" }), member(SPOUSE, { extremeSupport: true })] },
  "H-025": { hit: [member(HEAD, { health: "HEALTHY" })], miss: [member(HEAD, { health: "SERIOUS" })] },
  "H-026": {
    hit: [home({ otherCauses: ["DISABILITY"] })],
    miss: [home({ otherCauses: ["DISABILITY"] }), member(SPOUSE, { health: "DISABLED", disabilityGrade: "三级" })],
  },
  "H-027": { hit: [home({ otherCauses: ["SCHOOLING"] }), member(CHILD, { schoolStatus: "PRESCHOOL" })], miss: [home({ otherCauses: ["SCHOOLING"] })] },
  "H-028": { hit: [home({ otherCauses: ["LACK_LABOUR"] })], miss: [home({ otherCauses: ["LACK_LABOUR"] }), member(SPOUSE, { labourSkill: "WEAK" })] },
  "H-029": { hit: [home({ otherCauses: ["LACK_WATER"] })], miss: [home({ otherCauses: ["LACK_WATER"], drinkingWaterSafe: false })] },
  "H-030": { hit: [home({ otherCauses: ["POOR_TRANSPORT"] })], miss: [home({ otherCauses: ["POOR_TRANSPORT"], distanceToRoadKm: 1 })] },
  "H-031": { hit: [home({ otherCauses: ["LACK_LAND"], farmlandMu: 10.5 })], miss: [home({ otherCauses: ["LACK_LAND"], farmlandMu: 10 })] },
  "H-032": {
    hit: [home({ attribute: "EXTREME" })],
    miss: [home({ attribute: "EXTREME" }), member(HEAD, { labourSkill: "WEAK" }), member(SPOUSE, { labourSkill: "WEAK" })],
  },
  "H-033": { hit: [manyPresent(16)], miss: [manyPresent(15)] },

  "I-001": { hit: [income({ year: 2022 })], miss: [] },
  "I-002": { hit: [income({ wageFen: 3_000_000 })], miss: [income({ wageFen: 2_300_000 })] },
  "I-003": {
    hit: [income({ wageFen: 0, businessIncomeFen: 0, businessExpenseFen: 0, propertyFen: 1_000_000, otherTransferFen: 1_000_001 })],
    miss: [income({ wageFen: 0, businessIncomeFen: 0, businessExpenseFen: 0, propertyFen: 1_000_000, otherTransferFen: 1_000_000 })],
  },
  "I-004": { hit: [income({ businessExpenseFen: 500_001 })], miss: [income({ businessExpenseFen: 500_000 })] },
  "I-005": {
    hit: [income({ wageFen: 0, businessIncomeFen: 0, businessExpenseFen: 0, otherTransferFen: 0 })],
    miss: [income({ wageFen: 0, businessIncomeFen: 0, businessExpenseFen: 0, otherTransferFen: 1 })],
  },
  "I-006": { hit: [member(HEAD, { workStatus: "NONE", workMonths: null })], miss: [] },
  "I-007": { hit: [income({ wageFen: 0 })], miss: [income({ wageFen: 1 })] },
  "I-008": { hit: [income({ businessExpenseFen: 2_600_001 })], miss: [income({ businessExpenseFen: 2_600_000 })] },
  "I-009": { hit: [income({ minimumLivingFen: 100 })], miss: [income({ minimumLivingFen: 100 }), member(SPOUSE, { minimumLiving: true })] },
  "I-010": { hit: [member(SPOUSE, { minimumLiving: true })], miss: [member(SPOUSE, { minimumLiving: true }), income({ minimumLivingFen: 100 })] },
  "I-011": { hit: [income({ extremePovertySupportFen: 100 })], miss: [income({ extremePovertySupportFen: 100 }), member(SPOUSE, { extremeSupport: true })] },
  "I-012": { hit: [member(SPOUSE, { extremeSupport: true })], miss: [member(SPOUSE, { extremeSupport: true }), income({ extremePovertySupportFen: 100 })] },
  "I-013": {
    hit: [income({ pensionFen: 100 })],
    miss: [income({ pensionFen: 100 }), add({ name: "王母", birthDate: "1964-06-15", gender: "FEMALE", relation: "MOTHER" })],
  },
  "I-014": {
    hit: [add({ name: "王母", birthDate: "1964-06-15", gender: "FEMALE", relation: "MOTHER" })],
    miss: [add({ name: "王母", birthDate: "1964-06-16", gender: "FEMALE", relation: "MOTHER" })],
  },
  "I-015": { hit: [income({ year: 2025 })], miss: [income({ year: 2024 })] },
  "I-016": { hit: [income({ ecologicalCompensationFen: 100 })], miss: [income({ ecologicalCompensationFen: 100 }), home({ forestMu: 0.5 })] },
  "I-017": { hit: [home({ farmlandMu: 0 })], miss: [home({ farmlandMu: 0 }), addMeasure({ category: "INDUSTRY", item: "种养殖", addressedCauses: [] })] },

  "S-001": { hit: [measures(measure({ status: "PLANNED" }))], miss: [measures(measure({ status: "COMPLETED", endDate: "2024-01-01", outcomeFen: 0 }))] },
  "S-002": coverageCase("DISABILITY"),
  "S-003": coverageCase("SCHOOLING"),
  "S-004": coverageCase("DISASTER"),
  "S-005": coverageCase("LACK_LAND"),
  "S-006": coverageCase("LACK_WATER"),
  "S-007": coverageCase("LACK_SKILLS"),
  "S-008": coverageCase("LACK_LABOUR"),
  "S-009": coverageCase("LACK_FUNDS"),
  "S-010": coverageCase("POOR_TRANSPORT"),
  "S-011": coverageCase("LACK_MOTIVATION"),
  "S-012": {
    hit: [home({ otherCauses: ["SCHOOLING"] }), measures(measure({ addressedCauses: ["ILLNESS", "SCHOOLING"] }))],
    miss: [home({ otherCauses: ["DISABILITY"] }), measures(measure({ addressedCauses: ["ILLNESS", "DISABILITY"] }))],
  },
  "S-013": {
    hit: [measures(measure({ addressedCauses: ["ILLNESS", "SCHOOLING"] }))],
    miss: [measures(measure({ addressedCauses: ["ILLNESS", "SCHOOLING"], status: "TERMINATED" }))],
  },
  "S-014": { hit: [measures(measure({ category: "EDUCATION" }))], miss: [measures(measure({ category: "SOCIAL_SECURITY" }))] },
  "S-015": { hit: [measures(measure({ addressedCauses: [] }))], miss: [] },
  "S-016": {
    hit: [measures(measure({ status: "COMPLETED", endDate: "2024-01-01" }))],
    miss: [measures(measure({ status: "COMPLETED", endDate: "2024-01-01", outcomeFen: 0 }))],
  },
  "S-017": { hit: [measures(measure({ endDate: "2022-12-31" }))], miss: [measures(measure({ endDate: "2023-01-01", status: "COMPLETED", outcomeFen: 0 }))] },
  "S-018": { hit: [measures(measure({ endDate: "2024-06-14" }))], miss: [measures(measure({ endDate: "2024-06-15" }))] },
  "S-019": { hit: [addMeasure({ status: "PLANNED", startDate: "2023-06-14" })], miss: [addMeasure({ status: "PLANNED", startDate: "2023-06-15" })] },
  "S-020": {
    hit: [measures(measure({ status: "COMPLETED", endDate: null, outcomeFen: 0 }))],
    miss: [measures(measure({ status: "COMPLETED", endDate: "2024-01-01", outcomeFen: 0 }))],
  },
  "S-021": { hit: [measures(measure({ status: "TERMINATED" }))], miss: [] },
  "S-022": {
    hit: [moved(CHILD), addMeasure({ category: "EDUCATION", item: "雨露计划", addressedCauses: [] })],
    miss: [addMeasure({ category: "EDUCATION", item: "雨露计划", addressedCauses: [] })],
  },
  "S-023": {
    hit: [
      member(HEAD, { labourSkill: "NONE" }),
      member(SPOUSE, { labourSkill: "LOST" }),
      addMeasure({ category: "EMPLOYMENT", item: "公益岗位", addressedCauses: [] }),
    ],
    miss: [
      member(HEAD, { labourSkill: "NONE" }),
      member(SPOUSE, { labourSkill: "WEAK" }),
      addMeasure({ category: "EMPLOYMENT", item: "公益岗位", addressedCauses: [] }),
    ],
  },

  "X-001": { hit: [toExited(), income({ wageFen: 0 })], miss: [toExited(), income({ wageFen: 950_001 })] },
  "X-002": { hit: [toExited(), home({ foodSecure: false })], miss: [toExited()] },
  "X-003": { hit: [toExited(), home({ clothingSecure: false })], miss: [toExited()] },
  "X-004": {
    hit: [toExited(), member(CHILD, { schoolStatus: "NOT_IN_SCHOOL" })],
    miss: [toExited(), member(CHILD, { schoolStatus: "NOT_IN_SCHOOL", schoolingExemption: "MEDICAL_SUSPENSION" })],
  },
  "X-005": {
    hit: [toExited(), member(SPOUSE, { seriousIllnessInsurance: false })],
    miss: [toExited(), member(SPOUSE, { seriousIllnessInsurance: false, status: "MOVED_OUT", statusDate: "2024-01-01" })],
  },
  "X-006": {
    hit: [toExited(), home({ housingGrade: "D" })],
    miss: [
      toExited(),
      home({ housingGrade: "D" }),
      addMeasure({ category: "HOUSING", item: "易地扶贫搬迁", status: "COMPLETED", endDate: "2023-06-01", outcomeFen: 0 }),
    ],
  },
  "X-007": { hit: [sheet({ invalidSignatureCount: 1 })], miss: [sheet({ invalidSignatureCount: 1, status: "REJECTED" })] },
  "X-008": {
    hit: [sheet({ noticePostedOn: "2024-06-01", noticeClosedOn: "2024-06-07" })],
    miss: [sheet({ noticePostedOn: "2024-06-01", noticeClosedOn: "2024-06-08" })],
  },
  "X-009": { hit: [toExited(), (f) => void (f.exitSheet = null)], miss: [toExited()] },
  "X-010": { hit: [toExited(), notExited, home({ exitYear: null })], miss: [toExited(), home({ status: "RETURNED", returnedReason: "因灾" })] },
  "X-011": { hit: [toExited(), home({ exitYear: 2022 })], miss: [toExited()] },

  "V-001": { hit: [village({ powerSupply: true }), home({ hasElectricity: false })], miss: [village({ powerSupply: false }), home({ hasElectricity: false })] },
  "V-002": {
    hit: [village({ safeWater: true }), home({ drinkingWaterSafe: false })],
    miss: [village({ safeWater: false }), home({ drinkingWaterSafe: false })],
  },
  "V-003": {
    hit: [village({ exited: true }), home({ drinkingWaterDifficult: true, drinkingWaterSafe: false })],
    miss: [village({ exited: false }), home({ drinkingWaterDifficult: true, drinkingWaterSafe: false })],
  },
};

/** Per cross-household rule: a county list that breaks it and a near miss. */
function county(size: number, change?: (facts: HouseholdQualityFacts, index: number) => void): HouseholdQualityFacts[] {
  return Array.from({ length: size }, (_, index) => {
    const facts = household(index);
    change?.(facts, index);
    return facts;
  });
}
const CROSS_CASES: Record<string, { hit: HouseholdQualityFacts[]; miss: HouseholdQualityFacts[] }> = {
  "C-001": (() => {
    const hit = county(2);
    hit[1].members[SPOUSE].idNumber = hit[0].members[SPOUSE].idNumber;
    const miss = county(2);
    miss[1].members[SPOUSE].idNumber = miss[0].members[SPOUSE].idNumber;
    Object.assign(miss[1].members[SPOUSE], { status: "MOVED_OUT", statusDate: "2024-01-01" });
    return { hit, miss };
  })(),
  "C-002": {
    hit: county(2, (facts, i) => i === 1 && Object.assign(facts.members[HEAD], { name: "王建国" })),
    miss: county(2, (facts, i) => i === 1 && Object.assign(facts.members[HEAD], { name: "王建国", birthDate: "1970-03-11" })),
  },
  "C-003": {
    hit: county(11, (facts) => void (facts.household.helperId = "helper-x")),
    miss: county(10, (facts) => void (facts.household.helperId = "helper-x")),
  },
  "C-004": {
    hit: county(4, (facts) => void (facts.household.phone = "13900000000")),
    miss: county(3, (facts) => void (facts.household.phone = "13900000000")),
  },
  "C-005": {
    hit: county(2, (facts, i) => i === 1 && Object.assign(facts.members[CHILD], { name: "王小明" })),
    miss: county(2, (facts, i) => i === 1 && Object.assign(facts.members[CHILD], { name: "王小亮" })),
  },
};

describe("the data-quality catalogue", () => {
  it("has at least 80 rules, each with a unique code of its level's prefix, a title, an explanation and the fields it reads", () => {
    expect(QUALITY_RULES.length).toBeGreaterThanOrEqual(80);
    expect(new Set(QUALITY_RULES.map((rule) => rule.code)).size).toBe(QUALITY_RULES.length);
    for (const rule of QUALITY_RULES) {
      expect(rule.code).toMatch(new RegExp(`^${LEVEL_PREFIX[rule.level]}-\\d{3}$`));
      expect(rule.title.length).toBeGreaterThan(3);
      expect(rule.explanation.length).toBeGreaterThan(5);
      expect(rule.fields.length).toBeGreaterThan(0);
    }
  });

  it("has a hit and a near-miss case for every rule", () => {
    expect(Object.keys({ ...CASES, ...CROSS_CASES }).sort()).toEqual(QUALITY_RULES.map((rule) => rule.code).sort());
  });

  it("does not check a cancelled archive", () => {
    const broken = changed(member(SPOUSE, { basicMedicalInsurance: false, seriousIllnessInsurance: false }), home({ phone: null }));
    expect(householdHits(broken, CONTEXT).map((hit) => hit.ruleCode)).toEqual(["M-035", "H-006"]);
    broken.household.status = "CANCELLED";
    expect(householdHits(broken, CONTEXT)).toEqual([]);
  });

  it("finds nothing in the clean household, registered or exited", () => {
    expect(householdHits(household(), CONTEXT)).toEqual([]);
    expect(householdHits(exited(), CONTEXT)).toEqual([]);
    expect(crossHits(county(3), CONTEXT)).toEqual([]);
  });
});

describe.each(HOUSEHOLD_LEVEL_RULES.map((rule) => [rule.code, rule.title, rule] as [string, string, HouseholdRule]))("%s %s", (code, _title, rule) => {
  const testCase = CASES[code];
  it(`${code} hit`, () => {
    const facts = changed(...testCase.hit);
    const hits = rule.check(facts, CONTEXT);
    expect(hits.length).toBeGreaterThan(0);
    for (const hit of hits) {
      expect(hit.householdId).toBe(facts.household.id);
      expect(hit.message).not.toBe("");
      if (hit.memberId !== null) expect(facts.members.map((m) => m.id)).toContain(hit.memberId);
    }
  });
  it(`${code} near miss`, () => {
    expect(rule.check(changed(...testCase.miss), CONTEXT)).toEqual([]);
  });
});

describe.each(COUNTY_LEVEL_RULES.map((rule) => [rule.code, rule.title, rule] as const))("%s %s", (code, _title, rule) => {
  it(`${code} hit`, () => {
    const hits = rule.check(CROSS_CASES[code].hit, CONTEXT);
    expect(hits.length).toBeGreaterThan(1);
  });
  it(`${code} near miss`, () => {
    expect(rule.check(CROSS_CASES[code].miss, CONTEXT)).toEqual([]);
  });
});

it("cross-household hits name the member: C-001 flags both holders of the ID number", () => {
  const list = CROSS_CASES["C-001"].hit;
  const hits = crossHits(list, CONTEXT).filter((hit) => hit.ruleCode === "C-001");
  expect(hits.map((hit) => hit.memberId).sort()).toEqual([list[0].members[SPOUSE].id, list[1].members[SPOUSE].id].sort());
  expect(COUNTY).toBe(list[0].household.countyCode);
});

// Decision 016: the refresh job recomputes a cross-household rule only over the groups its dirty households take part
// in. That is right only if every hit names a group its household takes part in, and if a rule run over just the
// households of one group gives that group's hits exactly as over the whole county.
describe.each(COUNTY_LEVEL_RULES.map((rule) => [rule.code, rule] as const))("%s by group", (code, rule) => {
  const list = [...CROSS_CASES[code].hit, ...county(3)];
  const hits = rule.check(list, CONTEXT);

  it("gives every hit the key of a group its household takes part in", () => {
    expect(hits.length).toBeGreaterThan(0);
    for (const hit of hits) {
      const facts = list.find((one) => one.household.id === hit.householdId)!;
      expect(rule.groupKeys(facts)).toContain(hit.groupKey);
    }
  });

  it("gives a group's hits from that group's households alone", () => {
    for (const key of new Set(hits.map((hit) => hit.groupKey!))) {
      const members = list.filter((facts) => rule.groupKeys(facts).includes(key));
      const alone = rule.check(members, CONTEXT).filter((hit) => hit.groupKey === key);
      expect(alone).toEqual(hits.filter((hit) => hit.groupKey === key));
    }
  });
});

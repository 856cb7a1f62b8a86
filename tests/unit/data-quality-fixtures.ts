/** Plain household facts for the data-quality rule tests: a clean household that no rule flags, and helpers to break it. */
import type { HouseholdQualityFacts, QualityContext, QualityMeasure, QualityMember } from "@/lib/data-quality/facts";
import { DEFAULT_QUALITY_LIMITS } from "@/lib/data-quality/facts";
import { fitMatrixFromRecord } from "@/lib/measures/rules";
import { makeIdNumber } from "@/lib/members/id-number";

export const COUNTY = "520121";
export const TODAY = "2024-06-15";
export const LINE_2023 = 450_000;

export const CONTEXT: QualityContext = {
  today: TODAY,
  compulsorySchoolAge: { from: 6, to: 15 },
  noticeMinDays: 7,
  povertyLines: new Map([
    [2023, LINE_2023],
    [2024, 460_000],
  ]),
  matrix: fitMatrixFromRecord(),
  limits: DEFAULT_QUALITY_LIMITS,
};

let sequence = 11;
function nextSequence(gender: "MALE" | "FEMALE"): number {
  sequence = (sequence + 1) % 1000;
  if ((sequence % 2 === 1) !== (gender === "MALE")) sequence = (sequence + 1) % 1000;
  return sequence;
}

/** A 在户 member with an ID number consistent with the birth date and sex, unless given. */
export function person(
  patch: Partial<QualityMember> & { id: string; name: string; birthDate: string; gender: "MALE" | "FEMALE"; relation: QualityMember["relation"] },
): QualityMember {
  return {
    idNumber: makeIdNumber(`${COUNTY}`, patch.birthDate, nextSequence(patch.gender)),
    educationLevel: "JUNIOR",
    schoolStatus: "NOT_IN_SCHOOL",
    schoolingExemption: "NONE",
    health: "HEALTHY",
    disabilityGrade: null,
    labourSkill: "GENERAL",
    workStatus: "NONE",
    workMonths: null,
    basicMedicalInsurance: true,
    seriousIllnessInsurance: true,
    pensionInsurance: true,
    minimumLiving: false,
    extremeSupport: false,
    status: "PRESENT",
    statusDate: null,
    joinedOn: null,
    ...patch,
  };
}

export function measure(patch: Partial<QualityMeasure> = {}): QualityMeasure {
  return {
    id: `measure-${Math.random().toString(36).slice(2)}`,
    category: "HEALTH",
    item: "家庭医生签约服务",
    status: "ACTIVE",
    addressedCauses: ["ILLNESS"],
    startDate: "2023-01-01",
    endDate: "2025-12-31",
    outcomeFen: null,
    ...patch,
  };
}

const NAMES = "甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉";

/** The clean household (n = 0), or another clean household of the same county with its own names and ID numbers. */
export function household(n = 0): HouseholdQualityFacts {
  const id = n === 0 ? "household-0" : `household-${n}`;
  const suffix = n === 0 ? "" : NAMES[n % NAMES.length];
  return {
    household: {
      id,
      countyCode: COUNTY,
      townshipCode: `${COUNTY}001000`,
      villageCode: `${COUNTY}001001`,
      householdNo: `5201210010${String(n).padStart(2, "0")}`,
      phone: `138${String(12345600 + n).padStart(8, "0")}`,
      attribute: "GENERAL",
      identificationYear: 2016,
      primaryCause: "ILLNESS",
      otherCauses: [],
      helperId: `helper-${n}`,
      farmlandMu: 5,
      forestMu: 0,
      hasElectricity: true,
      drinkingWaterSafe: true,
      drinkingWaterDifficult: false,
      distanceToRoadKm: 0.5,
      roadType: "HARDENED",
      housingAreaM2: 80,
      housingGrade: "B",
      fuelType: "FIREWOOD",
      foodSecure: true,
      clothingSecure: true,
      status: "REGISTERED",
      exitYear: null,
      returnedReason: null,
    },
    members: [
      person({
        id: `${id}-head`,
        name: n === 0 ? "王建国" : `赵${suffix}`,
        gender: "MALE",
        birthDate: "1970-03-10",
        relation: "HEAD",
        health: "CHRONIC",
        workStatus: "IN_COUNTY",
        workMonths: 6,
      }),
      person({ id: `${id}-spouse`, name: n === 0 ? "李秀英" : `钱${suffix}`, gender: "FEMALE", birthDate: "1972-05-01", relation: "SPOUSE" }),
      person({
        id: `${id}-child`,
        name: n === 0 ? "王小明" : `孙${suffix}`,
        gender: "MALE",
        birthDate: "2014-09-01",
        relation: "SON",
        educationLevel: "PRIMARY",
        schoolStatus: "PRIMARY",
        labourSkill: "NONE",
        pensionInsurance: false,
      }),
    ],
    income: {
      year: 2023,
      wageFen: 2_000_000,
      businessIncomeFen: 500_000,
      businessExpenseFen: 200_000,
      propertyFen: 0,
      minimumLivingFen: 0,
      extremePovertySupportFen: 0,
      pensionFen: 0,
      familyPlanningFen: 0,
      ecologicalCompensationFen: 0,
      otherTransferFen: 100_000,
    },
    measures: [measure({ id: `${id}-measure` })],
    exitSheet: null,
    village: null,
  };
}

/** The clean household after an approved exit in 2023. */
export function exited(n = 0): HouseholdQualityFacts {
  const facts = household(n);
  facts.household.status = "EXITED";
  facts.household.exitYear = 2023;
  facts.exitSheet = {
    id: `sheet-${n}`,
    assessmentYear: 2023,
    status: "APPROVED",
    noticePostedOn: "2023-10-01",
    noticeClosedOn: "2023-10-08",
    invalidSignatureCount: 0,
  };
  return facts;
}

export type Change = (facts: HouseholdQualityFacts) => void;

/** The clean household (or `start`) with the changes applied. */
export function changed(...changes: Change[]): HouseholdQualityFacts {
  const facts = household();
  for (const change of changes) change(facts);
  return facts;
}

export const HEAD = 0;
export const SPOUSE = 1;
export const CHILD = 2;

export function member(index: number, patch: Partial<QualityMember>): Change {
  return (facts) => Object.assign(facts.members[index], patch);
}

/** A member's birth date changed together with their ID number (so only the age changes). */
export function born(index: number, birthDate: string): Change {
  return (facts) => {
    const m = facts.members[index];
    m.birthDate = birthDate;
    m.idNumber = makeIdNumber(COUNTY, birthDate, nextSequence(m.gender));
  };
}

export function add(
  patch: Partial<QualityMember> & { name: string; birthDate: string; gender: "MALE" | "FEMALE"; relation: QualityMember["relation"] },
): Change {
  return (facts) => facts.members.push(person({ id: `${facts.household.id}-m${facts.members.length}`, ...patch }));
}

export function home(patch: Partial<HouseholdQualityFacts["household"]>): Change {
  return (facts) => Object.assign(facts.household, patch);
}

export function income(patch: Partial<NonNullable<HouseholdQualityFacts["income"]>> | null): Change {
  return (facts) => {
    facts.income = patch === null ? null : { ...facts.income!, ...patch };
  };
}

export function measures(...list: QualityMeasure[]): Change {
  return (facts) => {
    facts.measures = list;
  };
}

export function addMeasure(patch: Partial<QualityMeasure>): Change {
  return (facts) => facts.measures.push(measure(patch));
}

export function toExited(): Change {
  return (facts) => {
    const done = exited();
    facts.household.status = "EXITED";
    facts.household.exitYear = 2023;
    facts.exitSheet = done.exitSheet;
  };
}

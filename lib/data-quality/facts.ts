/**
 * The plain "household facts" the data-quality rules read (docs/decisions/015-data-quality.md):
 * one household with its members, latest income, measures, latest exit sheet and its village's
 * conditions. Loaded by lib/data-quality/load.ts; built by hand in the unit tests.
 */
import type {
  HouseholdStatus,
  Health,
  MeasureCategory,
  MeasureStatus,
  MemberStatus,
  PovertyCause,
  Relation,
  SchoolStatus,
  SchoolingExemption,
} from "@/lib/domain/codes";
import type { FitMatrix } from "@/lib/measures/rules";

export type QualityMember = {
  id: string;
  name: string;
  idNumber: string;
  gender: "MALE" | "FEMALE";
  /** YYYY-MM-DD */
  birthDate: string;
  relation: Relation;
  educationLevel: string;
  schoolStatus: SchoolStatus;
  schoolingExemption: SchoolingExemption;
  health: Health;
  disabilityGrade: string | null;
  labourSkill: "GENERAL" | "SKILLED" | "WEAK" | "LOST" | "NONE";
  workStatus: string;
  workMonths: number | null;
  basicMedicalInsurance: boolean;
  seriousIllnessInsurance: boolean;
  pensionInsurance: boolean;
  minimumLiving: boolean;
  extremeSupport: boolean;
  status: MemberStatus;
  statusDate: string | null;
  joinedOn: string | null;
};

export type QualityIncome = {
  year: number;
  wageFen: number;
  businessIncomeFen: number;
  businessExpenseFen: number;
  propertyFen: number;
  minimumLivingFen: number;
  extremePovertySupportFen: number;
  pensionFen: number;
  familyPlanningFen: number;
  ecologicalCompensationFen: number;
  otherTransferFen: number;
};

export type QualityMeasure = {
  id: string;
  category: MeasureCategory;
  item: string;
  status: MeasureStatus;
  addressedCauses: PovertyCause[];
  startDate: string;
  endDate: string | null;
  outcomeFen: number | null;
};

export type QualityExitSheet = {
  id: string;
  assessmentYear: number;
  status: "IN_PROGRESS" | "REJECTED" | "APPROVED";
  noticePostedOn: string | null;
  noticeClosedOn: string | null;
  /** Signatures of the current round made on content that has since changed (the sign-off chain's own evaluation). */
  invalidSignatureCount: number;
};

/** The village's conditions as recorded on its latest 贫困村退出核验表 (null: none yet). */
export type QualityVillage = { powerSupply: boolean; safeWater: boolean; hardenedRoad: boolean; exited: boolean } | null;

export type QualityHousehold = {
  id: string;
  countyCode: string;
  townshipCode: string;
  villageCode: string;
  householdNo: string;
  phone: string | null;
  attribute: "GENERAL" | "LOW_INCOME" | "EXTREME";
  identificationYear: number;
  primaryCause: PovertyCause;
  otherCauses: PovertyCause[];
  helperId: string;
  farmlandMu: number;
  forestMu: number;
  hasElectricity: boolean;
  drinkingWaterSafe: boolean;
  drinkingWaterDifficult: boolean;
  distanceToRoadKm: number;
  roadType: string;
  housingAreaM2: number;
  housingGrade: "A" | "B" | "C" | "D" | null;
  fuelType: string;
  foodSecure: boolean;
  clothingSecure: boolean;
  status: HouseholdStatus;
  exitYear: number | null;
  returnedReason: string | null;
};

export type HouseholdQualityFacts = {
  household: QualityHousehold;
  /** Every member, 在户 or not (most rules look at 在户 members only). */
  members: QualityMember[];
  /** The latest year's income record, if any. */
  income: QualityIncome | null;
  measures: QualityMeasure[];
  exitSheet: QualityExitSheet | null;
  village: QualityVillage;
};

/** County-wide inputs of the rules: today, settings, poverty lines, the fit matrix and the configured limits (county settings, passed in: the rules stay pure). */
export type QualityContext = {
  /** YYYY-MM-DD */
  today: string;
  compulsorySchoolAge: { from: number; to: number };
  noticeMinDays: number;
  /** 贫困线 per year, fen per person. */
  povertyLines: ReadonlyMap<number, number>;
  matrix: FitMatrix;
  limits: QualityLimits;
};

export type QualityLimits = {
  /** 耕地 above this many 亩 is suspect. */
  farmlandMu: number;
  /** A phone number on more households than this is suspect. */
  householdsPerPhone: number;
  /** A 帮扶责任人 with more households than this is suspect. */
  householdsPerHelper: number;
  /** 人均纯收入 above this percentage of the line (200: twice the line) while not exited is suspect. */
  perCapitaLinePercent: number;
};

/** The defaults of the county setting `qualityLimits` (/settings, lib/settings/commands.ts saveQualityLimits). */
export const DEFAULT_QUALITY_LIMITS: QualityLimits = { farmlandMu: 100, householdsPerPhone: 3, householdsPerHelper: 10, perCapitaLinePercent: 200 };

/** What the cross-household rules read of each household of the county (a HouseholdQualityFacts is one). */
export type CrossFacts = {
  household: Pick<QualityHousehold, "id" | "householdNo" | "status" | "helperId" | "phone">;
  members: Pick<QualityMember, "id" | "name" | "idNumber" | "birthDate" | "relation" | "status">[];
};

export function presentMembers<M extends Pick<QualityMember, "status">>(facts: { members: M[] }): M[] {
  return facts.members.filter((member) => member.status === "PRESENT");
}

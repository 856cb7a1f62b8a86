/**
 * The content of a household exit verification sheet (贫困户脱贫退出核验表): what every
 * signature on it is bound to (docs/domain.md §7: the signature is bound to what was signed).
 * Pure: the data layer (sheet-context.ts) loads the household's current archive data and
 * passes it in; the same input always gives the same content and the same hash.
 *
 * What is in the content: the household's identity and the fields the criteria read, every
 * member (present or not, with the data the criteria read), the income of the assessment
 * year with its calculation, the poverty line, the six criteria results with their reasons
 * and facts, and the list of the household's own evidence (佐证材料, by content hash).
 * What is not: the household's status and exit year (the final approval sets them and must
 * not invalidate itself), the sheet's own chain records (review data, notice dates, the
 * scans attached to the sheet) and the measures (their effect on housing is in the facts).
 */
import type { HousingGrade, MemberStatus, SchoolStatus, SchoolingExemption } from "@/lib/domain/codes";
import { componentsFromRecord } from "@/lib/income/from-record";
import { compareWithLine, computeIncome, type IncomeComponents, type IncomeResult, type LineComparison } from "@/lib/income/rules";
import { contentHash } from "@/lib/sign-off/content-hash";
import { allCriteriaMet } from "../criterion";
import { evaluateExitCriteria, type CriterionResult, type ExitSnapshot } from "./criteria";
import type { StoredIncome } from "@/lib/income/from-record";

/** Bumped whenever the shape of the content changes (old signatures then become stale). */
export const EXIT_CONTENT_VERSION = 1;

export type IncomeRow = StoredIncome & { year: number };

export type ExitMemberData = {
  id: string;
  name: string;
  idNumber: string;
  relation: string;
  gender: string;
  /** YYYY-MM-DD */
  birthDate: string;
  status: MemberStatus;
  schoolStatus: SchoolStatus;
  schoolingExemption: SchoolingExemption;
  health: string;
  basicMedicalInsurance: boolean;
  seriousIllnessInsurance: boolean;
};

/** Everything of the archive the sheet's content is made of (as loaded by sheet-context.ts). */
export type HouseholdExitData = {
  household: {
    id: string;
    householdNo: string;
    address: string;
    attribute: string;
    primaryCause: string;
    otherCauses: string[];
    foodSecure: boolean;
    clothingSecure: boolean;
    drinkingWaterSafe: boolean;
    drinkingWaterDifficult: boolean;
    housingGrade: string | null;
  };
  members: ExitMemberData[];
  incomes: IncomeRow[];
  /** Completed measures whose item makes housing safe (危房改造, 易地扶贫搬迁). */
  completedHousingMeasures: { id: string; item: string; completedOn: string | null }[];
  /** The household's own evidence (ownerType HOUSEHOLD). */
  evidence: { id: string; category: string; sha256: string }[];
};

export type ExitContentOptions = {
  assessmentYear: number;
  /** null when the year has no configured poverty line. */
  povertyLineFen: number | null;
  compulsorySchoolAge: { from: number; to: number };
  /** YYYY-MM-DD, today in the server's time zone. */
  today: string;
};

export type ExitIncome = {
  year: number;
  components: IncomeComponents;
  presentMembers: number;
  result: IncomeResult;
  lineFen: number | null;
  comparison: LineComparison;
};

export type ExitContent = {
  snapshot: ExitSnapshot;
  criteria: CriterionResult[];
  allMet: boolean;
  income: ExitIncome | null;
  /** The canonical object that is hashed. */
  content: Record<string, unknown>;
  hash: string;
};

const HOUSING_GRADES: readonly string[] = ["A", "B", "C", "D"];

/**
 * Ages are counted on the last day of the assessment year, or today while that year is
 * still running: a sheet of a past year does not change as its children grow older.
 */
export function assessmentDate(assessmentYear: number, today: string): string {
  const endOfYear = `${assessmentYear}-12-31`;
  return today < endOfYear ? today : endOfYear;
}

export function buildExitContent(data: HouseholdExitData, options: ExitContentOptions): ExitContent {
  const { assessmentYear, povertyLineFen } = options;
  const presentMembers = data.members.filter((member) => member.status === "PRESENT").length;
  const record = data.incomes.find((income) => income.year === assessmentYear) ?? null;
  let income: ExitIncome | null = null;
  if (record) {
    const components = componentsFromRecord(record);
    const result = computeIncome(components, presentMembers);
    income = {
      year: assessmentYear,
      components,
      presentMembers,
      result,
      lineFen: povertyLineFen,
      comparison: compareWithLine(result.netIncomeFen, presentMembers, povertyLineFen),
    };
  }
  const grade = data.household.housingGrade;
  const snapshot: ExitSnapshot = {
    assessmentYear,
    asOf: assessmentDate(assessmentYear, options.today),
    povertyLineFen,
    income: income ? { netIncomeFen: income.result.netIncomeFen, presentMemberCount: presentMembers, perCapitaFen: income.result.perCapitaFen } : null,
    household: {
      foodSecure: data.household.foodSecure,
      clothingSecure: data.household.clothingSecure,
      drinkingWaterSafe: data.household.drinkingWaterSafe,
      drinkingWaterDifficult: data.household.drinkingWaterDifficult,
      housingGrade: grade && HOUSING_GRADES.includes(grade) ? (grade as HousingGrade) : null,
    },
    completedHousingMeasures: [...data.completedHousingMeasures]
      .sort((a, b) => (a.completedOn ?? "").localeCompare(b.completedOn ?? "") || a.id.localeCompare(b.id))
      .map((measure) => ({ item: measure.item, completedOn: measure.completedOn })),
    members: data.members.map((member) => ({
      id: member.id,
      name: member.name,
      status: member.status,
      birthDate: member.birthDate,
      schoolStatus: member.schoolStatus,
      schoolingExemption: member.schoolingExemption,
      basicMedicalInsurance: member.basicMedicalInsurance,
      seriousIllnessInsurance: member.seriousIllnessInsurance,
    })),
    compulsorySchoolAge: options.compulsorySchoolAge,
  };
  const criteria = evaluateExitCriteria(snapshot);
  const byId = (a: { id: string }, b: { id: string }) => a.id.localeCompare(b.id);
  const content = {
    version: EXIT_CONTENT_VERSION,
    assessmentYear,
    household: data.household,
    members: [...data.members].sort(byId),
    povertyLineFen,
    income: income
      ? {
          components: income.components,
          transferFen: income.result.transferFen,
          netIncomeFen: income.result.netIncomeFen,
          presentMembers,
          perCapitaFen: income.result.perCapitaFen,
        }
      : null,
    criteria: criteria.map(({ code, met, reason, facts }) => ({ code, met, reason, facts })),
    evidence: [...data.evidence].sort(byId).map(({ id, category, sha256 }) => ({ id, category, sha256 })),
  };
  return { snapshot, criteria, allMet: allCriteriaMet(criteria), income, content, hash: contentHash(content) };
}

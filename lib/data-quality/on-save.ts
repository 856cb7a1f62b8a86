import "server-only";
import type { FieldNotes } from "@/lib/action-result";
import type { Actor } from "@/lib/auth/actor";
import { householdScopeWhere } from "@/lib/auth/scope";
import { todayString } from "@/lib/dates";
import { db, type Tx } from "@/lib/db";
import { notFound } from "@/lib/errors";
import { qualityRule, type RuleHit } from "./catalogue";
import { QUALITY_SEVERITY, type QualityLevel, type QualitySeverity } from "./define";
import { loadQualityContext } from "./load";
import { MEMBER_WARNING_RULES } from "./member-rules";
import { replaceHouseholdQuality } from "./store";

/**
 * The rules that are the archive page's own 数据提示 (lib/members/rules.ts householdWarnings: the member warnings and
 * the 户主 checks H-001, H-002): the archive page leaves them out of its list of what a save made, so none shows twice.
 */
export const ARCHIVE_WARNING_RULES: readonly string[] = [...MEMBER_WARNING_RULES, "H-001", "H-002"];

/**
 * 疑点数据 on save (issue 12 point 3, decision 017): the member, household, income and measure
 * commands run the catalogue's household-level rules over the one household inside their own
 * transaction, store the hits at once (the refresh job recomputes the household again when it
 * catches up, so the two agree) and return the hits that concern what was saved. The forms show
 * the stored hits beside the field each one names.
 */

export type SavedHit = {
  ruleCode: string;
  title: string;
  severity: QualitySeverity;
  level: QualityLevel;
  memberId: string | null;
  field: string;
  message: string;
};

/** What was saved: one member, or the household's own data at these levels (household form: HOUSEHOLD + VILLAGE; income; measures). */
export type SaveConcern = { memberId: string } | { levels: readonly QualityLevel[] };

function concerns(concern: SaveConcern, hit: SavedHit): boolean {
  return "memberId" in concern ? hit.memberId === concern.memberId : hit.memberId === null && concern.levels.includes(hit.level);
}

function saved(hit: RuleHit): SavedHit | null {
  const rule = qualityRule(hit.ruleCode);
  if (!rule) return null;
  return {
    ruleCode: hit.ruleCode,
    title: rule.title,
    severity: rule.severity,
    level: rule.level,
    memberId: hit.memberId,
    field: hit.field,
    message: hit.message,
  };
}

/** Inside the save's transaction, after the write: recomputes and stores the household's hits; returns those of what was saved. */
export async function checkHouseholdOnSave(tx: Tx, householdId: string, concern: SaveConcern): Promise<SavedHit[]> {
  const context = await loadQualityContext(tx, todayString());
  const hits = await replaceHouseholdQuality(tx, [householdId], context);
  // A hit still under its 已核实无误 mark (the fields it read did not change) stays quiet.
  return hits.flatMap((hit) => {
    if (hit.verifiedMarkId) return [];
    const one = saved(hit);
    return one && concerns(concern, one) ? [one] : [];
  });
}

/**
 * The stored hits of one household that concern a form, keyed by the form's field names (`prefix` + the
 * hit's field); hits on a field the form does not show are keyed "_" (the form lists them under its fields).
 * For any user who may open the form: the household in the actor's scope, else not found.
 */
export async function formQualityNotes(
  actor: Actor,
  householdId: string,
  concern: SaveConcern,
  form: { fields: readonly string[]; prefix?: string; alias?: Record<string, string> },
  exclude: readonly string[] = [],
): Promise<FieldNotes> {
  const household = await db.household.findFirst({ where: { id: householdId, ...householdScopeWhere(actor) }, select: { id: true } });
  if (!household) throw notFound("户档");
  const rows = await db.qualityHit.findMany({
    where: { householdId, ruleCode: { not: { startsWith: "C-" } }, verifiedMarkId: null },
    orderBy: [{ severity: "asc" }, { ruleCode: "asc" }],
  });
  const notes: FieldNotes = {};
  for (const row of rows) {
    const hit = saved({ householdId: row.householdId, memberId: row.memberId, field: row.field, message: row.message, ruleCode: row.ruleCode });
    if (!hit || !concerns(concern, hit) || exclude.includes(hit.ruleCode)) continue;
    const field = form.alias?.[hit.field] ?? hit.field;
    const key = form.fields.includes(field) ? `${form.prefix ?? ""}${field}` : "_";
    (notes[key] ??= []).push({
      tone: hit.severity === "ERROR" ? "error" : "warning",
      text: `${QUALITY_SEVERITY[hit.severity]} ${hit.ruleCode}：${hit.message}`,
    });
  }
  return notes;
}

export const hasNotes = (notes: FieldNotes) => Object.keys(notes).length > 0;

/** The member form's fields (components/households/member-fields.tsx); birth date and sex come from the ID number. */
export const MEMBER_FORM = {
  fields: [
    "name",
    "idNumber",
    "relation",
    "ethnicity",
    "educationLevel",
    "schoolStatus",
    "schoolingExemption",
    "health",
    "disabilityGrade",
    "labourSkill",
    "workStatus",
    "workMonths",
  ],
  alias: { birthDate: "idNumber", gender: "idNumber" },
} as const;

/** The household form's fields with a label of their own (components/households/household-form.tsx; the checkboxes are listed under the form). */
export const HOUSEHOLD_FORM = {
  fields: [
    "villageGroup",
    "address",
    "phone",
    "attribute",
    "identificationStandard",
    "identificationYear",
    "helperId",
    "primaryCause",
    "farmlandMu",
    "forestMu",
    "distanceToRoadKm",
    "roadType",
    "housingAreaM2",
    "housingGrade",
    "fuelType",
  ],
  prefix: "household.",
} as const;
export const HOUSEHOLD_LEVELS = ["HOUSEHOLD", "VILLAGE"] as const;

/** The income form's amounts (lib/income/schema.ts INCOME_FIELDS); the income rules read the latest year. */
export const INCOME_FORM = {
  fields: [
    "wageFen",
    "businessIncomeFen",
    "businessExpenseFen",
    "propertyFen",
    "minimumLivingFen",
    "extremePovertySupportFen",
    "pensionFen",
    "familyPlanningFen",
    "ecologicalCompensationFen",
    "otherTransferFen",
  ],
  alias: {
    wage: "wageFen",
    businessIncome: "businessIncomeFen",
    businessExpense: "businessExpenseFen",
    minimumLiving: "minimumLivingFen",
    extremePovertySupport: "extremePovertySupportFen",
    pension: "pensionFen",
    ecologicalCompensation: "ecologicalCompensationFen",
  },
} as const;

/** The measure forms' fields (components/measures/measure-form.tsx, measure-status-form.tsx). */
export const MEASURE_FORM = { fields: ["itemId", "addressedCauses", "startDate", "endDate", "status", "outcomeFen"] } as const;

/**
 * After a measure save (issue 12 point 3): the S- hits of that measure (field "<form field>@<measure id>", lib/data-quality/measure-rules.ts)
 * and of the household's measures as a whole (coverage of its causes, no measure at all), keyed by the measure form's field names;
 * hits on another measure are left out, hits on a field the form does not show go under "_".
 */
export function measureSaveNotes(hits: readonly SavedHit[], measureId: string): FieldNotes {
  const notes: FieldNotes = {};
  for (const hit of hits) {
    if (hit.level !== "MEASURE") continue;
    const [field, measure] = hit.field.split("@");
    if (measure !== undefined && measure !== measureId) continue;
    const key = (MEASURE_FORM.fields as readonly string[]).includes(field) ? field : "_";
    (notes[key] ??= []).push({
      tone: hit.severity === "ERROR" ? "error" : "warning",
      text: `${QUALITY_SEVERITY[hit.severity]} ${hit.ruleCode}：${hit.message}`,
    });
  }
  return notes;
}

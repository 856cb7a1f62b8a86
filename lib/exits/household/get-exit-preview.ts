import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { can, requirePermission } from "@/lib/auth/permissions";
import { todayString } from "@/lib/dates";
import { db } from "@/lib/db";
import { HOUSEHOLD_STATUS, type HouseholdStatus } from "@/lib/domain/codes";
import { householdInScope } from "@/lib/households/access";
import { shortHash } from "@/lib/sign-off/content-hash";
import { failedCriteriaText } from "@/lib/sign-off/refusal";
import { chainStatusLabel } from "@/lib/sign-off/view";
import { chainActorFor } from "./authorize";
import { coverageFor, loadHouseholdLabels } from "./household-labels";
import { assessmentYears } from "./assessment-year";
import { EXIT_ELIGIBLE_STATUSES, checkCanAct } from "./rules";
import { contentEnvironment, contentFor, loadHouseholdExitData } from "./sheet-context";

/**
 * The 入户核验 before a proposal: every criterion evaluated on the archive's current data for
 * the chosen assessment year, the income calculation, cause coverage, the household's sheets,
 * and whether this actor may propose now (and if not, why).
 */
export async function getExitPreview(actor: Actor, householdId: string, yearText?: string) {
  requirePermission(actor, "exit.read");
  const household = await householdInScope(db, actor, householdId);
  const currentYear = Number(todayString().slice(0, 4));
  const facts = (await loadHouseholdExitData(db, [household.id])).get(household.id)!;
  const lineYears = (await db.povertyLine.findMany({ where: { year: { lte: currentYear } }, select: { year: true } })).map((line) => line.year);
  const { years, year, latestLineYear } = assessmentYears({
    currentYear,
    incomeYears: facts.incomes.map((income) => income.year),
    lineYears,
    requested: yearText,
  });
  const environment = await contentEnvironment(db, [year]);
  const { lines } = environment;
  const content = contentFor(facts, year, environment);
  const [labels, coverage, sheets] = await Promise.all([
    loadHouseholdLabels(db, [household.id]),
    coverageFor(db, facts),
    db.exitSheet.findMany({
      where: { householdId: household.id },
      orderBy: { assessmentYear: "desc" },
      select: { id: true, assessmentYear: true, status: true, round: true, updatedAt: true },
    }),
  ]);

  let proposeBlocked: string | null = null;
  // Only those who may propose (帮扶责任人, 村干部) are told why they cannot.
  const mayAct = can(actor, "exit.act") && can(actor, "exit.propose");
  if (mayAct) {
    const check = checkCanAct({
      state: { round: 1, status: "IN_PROGRESS", signatures: [], notice: null, consentEvidenceCount: 0 },
      currentContentHash: content.hash,
      step: "PROPOSE",
      action: "SIGN",
      actor: chainActorFor(actor, { facts }),
      today: environment.today,
      noticeMinDays: environment.settings.noticeMinDays,
      criteriaMet: content.allMet,
    });
    const sameYear = sheets.find((sheet) => sheet.assessmentYear === year);
    const open = sheets.find((sheet) => sheet.status !== "APPROVED");
    if (!check.ok) proposeBlocked = check.code === "CRITERIA_NOT_MET" ? `${check.message}。${failedCriteriaText(content.criteria)}` : check.message;
    else if (!EXIT_ELIGIBLE_STATUSES.includes(facts.status))
      proposeBlocked = `该户状态为"${HOUSEHOLD_STATUS.label(facts.status as HouseholdStatus)}"，不能提出脱贫退出`;
    else if (sameYear) proposeBlocked = `该户${year}年度的退出核验表已存在，请在核验表中办理`;
    else if (open) proposeBlocked = `该户已有${open.assessmentYear}年度的退出核验表正在办理，不能同时提出`;
  }

  return {
    household: labels.get(household.id)!,
    year,
    years,
    asOf: content.snapshot.asOf,
    /** The fingerprint a sheet opened now would carry (the content depends on the archive only). */
    hash: content.hash,
    hashShort: shortHash(content.hash),
    criteria: content.criteria,
    allMet: content.allMet,
    income: content.income,
    povertyLineFen: lines.get(year) ?? null,
    /** The offered years that have a poverty line (the others are marked in the year choice). */
    lineYears: years.filter((candidate) => lineYears.includes(candidate)),
    latestLineYear,
    coverage,
    sheets: sheets.map((sheet) => ({ ...sheet, statusLabel: chainStatusLabel(sheet.status) })),
    mayPropose: mayAct && proposeBlocked === null,
    proposeBlocked: mayAct ? proposeBlocked : null,
    mayReturnToPoverty: can(actor, "household.returnToPoverty") && facts.status === "EXITED",
    primaryCause: facts.household.primaryCause,
    otherCauses: facts.household.otherCauses,
  };
}

export type ExitPreview = Awaited<ReturnType<typeof getExitPreview>>;

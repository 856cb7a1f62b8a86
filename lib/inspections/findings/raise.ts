import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record";
import { fromDateString, todayString } from "@/lib/dates";
import type { Tx } from "@/lib/db";
import type { FindingSource } from "@/lib/domain/codes";
import { AppError, notFound } from "@/lib/errors";
import type { ExitCriterionCode } from "@/lib/exits/household/criteria";
import type { FindingDetails } from "./schema";

/** What a finding concerns: a household (with its village and township), a village, or a township. */
export type FindingTarget = { countyCode: string; townshipCode: string; villageCode: string | null; householdId: string | null };

/** The target behind a household id, inside the county the inspector covers; otherwise like a missing one. */
export async function householdTarget(tx: Tx, actor: Actor, householdId: string): Promise<FindingTarget> {
  const household = await tx.household.findFirst({
    where: { id: householdId, countyCode: actor.countyCode },
    select: { id: true, countyCode: true, townshipCode: true, villageCode: true },
  });
  if (!household) throw notFound("户档");
  return { countyCode: household.countyCode, townshipCode: household.townshipCode, villageCode: household.villageCode, householdId: household.id };
}

/** The target behind a village or township code of the actor's county. */
export async function regionTarget(tx: Tx, actor: Actor, regionCode: string): Promise<FindingTarget> {
  const region = await tx.region.findFirst({
    where: { code: regionCode, countyCode: actor.countyCode, level: { in: ["TOWNSHIP", "VILLAGE"] } },
    select: { code: true, level: true, countyCode: true, townshipCode: true },
  });
  if (!region) throw notFound("乡镇或村");
  return region.level === "VILLAGE"
    ? { countyCode: region.countyCode, townshipCode: region.townshipCode!, villageCode: region.code, householdId: null }
    : { countyCode: region.countyCode, townshipCode: region.code, villageCode: null, householdId: null };
}

/**
 * Writes one finding with its audit row, in the caller's transaction. Every way of raising a
 * finding ends here: a review's 不合格 item, a field check's 错退/漏评, or the inspector's own entry.
 * The caller holds `finding.raise` (or the command that implies it) and has resolved the target in scope.
 */
export async function insertFinding(
  tx: Tx,
  actor: Actor,
  input: {
    target: FindingTarget;
    details: FindingDetails;
    source: FindingSource;
    reviewId?: string;
    fieldCheckId?: string;
    checklistItem?: string;
    criterion?: ExitCriterionCode;
  },
  today = todayString(),
): Promise<{ id: string }> {
  const { target, details } = input;
  const category = await tx.findingCategory.findUnique({ where: { code: details.categoryCode }, select: { name: true, retired: true } });
  if (!category || category.retired) throw new AppError("VALIDATION", "请选择有效的问题类别", { categoryCode: ["请选择有效的问题类别"] });
  if (details.deadline < today) throw new AppError("VALIDATION", "整改期限不能早于今天", { deadline: ["整改期限不能早于今天"] });
  const finding = await tx.finding.create({
    data: {
      countyCode: target.countyCode,
      townshipCode: target.townshipCode,
      villageCode: target.villageCode,
      householdId: target.householdId,
      categoryCode: details.categoryCode,
      source: input.source,
      reviewId: input.reviewId ?? null,
      fieldCheckId: input.fieldCheckId ?? null,
      checklistItem: input.checklistItem ?? null,
      criterion: input.criterion ?? null,
      description: details.description,
      responsibleUnit: details.responsibleUnit,
      responsiblePerson: details.responsiblePerson,
      deadline: fromDateString(details.deadline),
      raisedBy: actor.userId,
    },
    select: { id: true },
  });
  await recordAudit(tx, actor, {
    action: "finding.raise",
    entityType: "Finding",
    entityId: finding.id,
    countyCode: target.countyCode,
    after: {
      category: category.name,
      source: input.source,
      townshipCode: target.townshipCode,
      villageCode: target.villageCode,
      householdId: target.householdId,
      criterion: input.criterion ?? null,
      description: details.description,
      responsibleUnit: details.responsibleUnit,
      responsiblePerson: details.responsiblePerson,
      deadline: details.deadline,
    },
  });
  return finding;
}

/** Active categories in list order, for the forms. */
export async function activeFindingCategories(tx: Pick<Tx, "findingCategory">) {
  return tx.findingCategory.findMany({ where: { retired: false }, orderBy: { position: "asc" }, select: { code: true, name: true } });
}

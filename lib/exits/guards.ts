import "server-only";
import type { Actor } from "@/lib/auth/actor";
import type { Tx } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { checkCanAct, type ChainActor, type ChainCheck, type CheckCanActInput } from "./chain";
import type { CriterionResult } from "./criteria";
import type { SheetContext } from "./sheet-context";

export const SHEET_STALE_MESSAGE = "该核验表已被他人办理或修改，请刷新后重试";

export const sheetStale = () => new AppError("STALE_VERSION", SHEET_STALE_MESSAGE);

/** The version the form was rendered with must still be the current one. */
export function assertSheetVersion(sheet: { version: number }, version: number): void {
  if (sheet.version !== version) throw sheetStale();
}

/** The actor as the chain rules see them; the sheet was loaded within the actor's scope. */
export function chainActorFor(actor: Actor, context: Pick<SheetContext, "facts">): ChainActor {
  return {
    userId: actor.userId,
    role: actor.role,
    coversHousehold: true,
    isAssignedHelper: context.facts.helperId === actor.userId,
  };
}

/** "收入达标（人均纯收入…低于…）；住房安全有保障（…）" */
export function failedCriteriaText(criteria: readonly CriterionResult<string>[]): string {
  return criteria
    .filter((criterion) => !criterion.met)
    .map((criterion) => `${criterion.label}未达标：${criterion.reason}`)
    .join("；");
}

/** A refusal of the chain rules as the typed error the forms show. */
export function chainRefusal(check: Exclude<ChainCheck, { ok: true }> | { ok: false; code: string; message: string }, criteria?: readonly CriterionResult<string>[]): AppError {
  switch (check.code) {
    case "WRONG_ROLE":
    case "OUT_OF_SCOPE":
      return new AppError("FORBIDDEN", check.message);
    case "CRITERIA_NOT_MET":
      return new AppError("RULE_VIOLATION", criteria ? `${check.message}。${failedCriteriaText(criteria)}` : check.message);
    case "REASON_REQUIRED":
      return new AppError("VALIDATION", check.message, { reason: [check.message] });
    case "POSTED_DATE_INVALID":
      return new AppError("VALIDATION", check.message, { postedOn: [check.message] });
    default:
      return new AppError("RULE_VIOLATION", check.message);
  }
}

/**
 * The atomic state guard: the sheet changes only if nobody changed it since it was read
 * (every chain action raises the version), so two signers racing on one step cannot both win.
 */
export async function guardedSheetUpdate(tx: Tx, sheet: { id: string; version: number }, data: Prisma.ExitSheetUncheckedUpdateManyInput): Promise<void> {
  const result = await tx.exitSheet.updateMany({
    where: { id: sheet.id, version: sheet.version },
    data: { ...data, version: { increment: 1 }, updatedAt: new Date() },
  });
  if (result.count !== 1) throw sheetStale();
}

type ChainRequest = Pick<CheckCanActInput, "step" | "action" | "reason" | "postedOn" | "previousStepCompletedOn" | "noticePhotoCount"> & { version: number };

/**
 * Every chain command starts here: the chain rules decide whether this actor may take this
 * action on this step now (order, role, separation of duties, criteria re-checked on the
 * current data), and the form must have been rendered from the current version.
 */
export function authorizeChainAction(actor: Actor, context: SheetContext, { version, ...request }: ChainRequest): void {
  const { sheet, content, chain, environment } = context;
  const check = checkCanAct({
    ...request,
    state: chain.state,
    currentContentHash: content.hash,
    actor: chainActorFor(actor, context),
    today: environment.today,
    noticeMinDays: environment.settings.noticeMinDays,
    criteriaMet: content.allMet,
  });
  if (!check.ok) throw chainRefusal(check, content.criteria);
  assertSheetVersion(sheet, version);
}

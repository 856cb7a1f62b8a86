import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertSheetVersion, refusalError } from "@/lib/sign-off/refusal";
import type { CriterionResult } from "../criterion";
import { REFUSAL_FIELDS, checkCanAct, type ChainActor, type ChainCheck, type CheckCanActInput } from "./rules";
import type { SheetContext } from "./sheet-context";

/** The actor as the chain rules see them; the sheet was loaded within the actor's scope. */
export function chainActorFor(actor: Actor, context: Pick<SheetContext, "facts">): ChainActor {
  return {
    userId: actor.userId,
    role: actor.role,
    coversHousehold: true,
    isAssignedHelper: context.facts.helperId === actor.userId,
  };
}

/** A refusal of the household chain as the typed error the forms show. */
export function chainRefusal(check: Exclude<ChainCheck, { ok: true }>, criteria?: readonly CriterionResult<string>[]) {
  return refusalError(check, { criteria, fields: REFUSAL_FIELDS });
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

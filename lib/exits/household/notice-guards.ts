import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { ROLE } from "@/lib/domain/codes";
import { AppError, forbidden } from "@/lib/errors";
import { OBJECTION_ROLES } from "./rules";
import type { SheetContext } from "./sheet-context";

/** The notice of the current round must be posted and still open. */
export function assertNoticeOpen(context: SheetContext): { postedOn: string } {
  const notice = context.chain.state.notice;
  if (context.sheet.status === "APPROVED") throw new AppError("RULE_VIOLATION", "本核验表已审定，不能再办理");
  if (context.evaluation.nextStep !== "PUBLIC_NOTICE" || !notice || notice.closedOn !== null) {
    throw new AppError("RULE_VIOLATION", "本核验表当前不在公示期，不能登记或处理异议");
  }
  return notice;
}

/** Objections are recorded and resolved by those who post or close the notice (rules.ts). */
export function assertObjectionRole(actor: Actor): void {
  if (!OBJECTION_ROLES.includes(actor.role)) {
    throw forbidden(`公示异议须由${OBJECTION_ROLES.map((role) => ROLE.label(role)).join("、")}登记和处理`);
  }
}

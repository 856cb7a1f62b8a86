import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { requirePermission } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/record";
import { fromDateString } from "@/lib/dates";
import { db } from "@/lib/db";
import { ROLE, type Role } from "@/lib/domain/codes";
import { AppError, forbidden } from "@/lib/errors";
import { parseInput } from "@/lib/validation";
import { STEP_ACTORS } from "./chain";
import { assertSheetVersion, guardedSheetUpdate } from "./guards";
import { ZRecordObjection } from "./schema";
import { loadSheetContext, type SheetContext } from "./sheet-context";

/** Who records and resolves objections: those who post or close the notice. */
export const OBJECTION_ROLES: readonly Role[] = [
  ...new Set([...(STEP_ACTORS.PUBLIC_NOTICE.START_NOTICE ?? []), ...(STEP_ACTORS.PUBLIC_NOTICE.CLOSE_NOTICE ?? [])]),
];

/** The notice of the current round must be posted and still open. */
export function assertNoticeOpen(context: SheetContext): { postedOn: string } {
  const notice = context.chain.state.notice;
  if (context.sheet.status === "APPROVED") throw new AppError("RULE_VIOLATION", "本核验表已审定，不能再办理");
  if (context.evaluation.nextStep !== "PUBLIC_NOTICE" || !notice || notice.closedOn !== null) {
    throw new AppError("RULE_VIOLATION", "本核验表当前不在公示期，不能登记或处理异议");
  }
  return notice;
}

export function assertObjectionRole(actor: Actor): void {
  if (!OBJECTION_ROLES.includes(actor.role)) {
    throw forbidden(`公示异议须由${OBJECTION_ROLES.map((role) => ROLE.label(role)).join("、")}登记和处理`);
  }
}

/** An objection raised during 村内公示; the notice cannot close until it is resolved. */
export async function recordObjection(actor: Actor, input: unknown): Promise<{ id: string }> {
  requirePermission(actor, "exit.act");
  const data = parseInput(ZRecordObjection, input);
  return db.$transaction(async (tx) => {
    const context = await loadSheetContext(tx, actor, data.sheetId);
    assertObjectionRole(actor);
    const notice = assertNoticeOpen(context);
    assertSheetVersion(context.sheet, data.version);
    const { sheet, environment } = context;
    if (data.raisedOn > environment.today) throw new AppError("VALIDATION", "异议提出日期不能晚于今天", { raisedOn: ["异议提出日期不能晚于今天"] });
    if (data.raisedOn < notice.postedOn) {
      const message = `异议提出日期不能早于公示张贴日期（${notice.postedOn}）`;
      throw new AppError("VALIDATION", message, { raisedOn: [message] });
    }
    await guardedSheetUpdate(tx, sheet, {});
    const objection = await tx.exitObjection.create({
      data: { countyCode: sheet.countyCode, sheetId: sheet.id, round: sheet.round, raisedOn: fromDateString(data.raisedOn), content: data.content },
      select: { id: true },
    });
    await recordAudit(tx, actor, {
      action: "exit.recordObjection",
      entityType: "ExitSheet",
      entityId: sheet.id,
      countyCode: sheet.countyCode,
      after: { objectionId: objection.id, round: sheet.round, raisedOn: data.raisedOn, content: data.content },
    });
    return objection;
  });
}

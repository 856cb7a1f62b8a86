import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { requirePermission } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/record";
import { db } from "@/lib/db";
import { parseInput } from "@/lib/validation";
import { checkCanAct } from "./chain";
import { assertSheetVersion, chainActorFor, chainRefusal, guardedSheetUpdate } from "./guards";
import { ZRejectSheet } from "./schema";
import { loadSheetContext } from "./sheet-context";

/**
 * 退回: the user who may act on the current step sends the sheet back to the proposer with a
 * reason. A new round starts; the entries of earlier rounds stay as history and no longer
 * count, the notice of the round is cleared.
 */
export async function rejectSheet(actor: Actor, input: unknown): Promise<void> {
  requirePermission(actor, "exit.act");
  const data = parseInput(ZRejectSheet, input);
  await db.$transaction(async (tx) => {
    const context = await loadSheetContext(tx, actor, data.sheetId);
    const { sheet, content, chain, environment } = context;
    const check = checkCanAct({
      state: chain.state,
      currentContentHash: content.hash,
      step: data.step,
      action: "REJECT",
      actor: chainActorFor(actor, context),
      today: environment.today,
      noticeMinDays: environment.settings.noticeMinDays,
      criteriaMet: content.allMet,
      reason: data.reason,
    });
    if (!check.ok) throw chainRefusal(check, content.criteria);
    assertSheetVersion(sheet, data.version);

    const rejectedAt = new Date();
    await guardedSheetUpdate(tx, sheet, {
      round: sheet.round + 1,
      status: "REJECTED",
      rejectedReason: data.reason,
      rejectedBy: actor.userId,
      rejectedAt,
      noticePostedOn: null,
      noticeClosedOn: null,
      reviewDate: null,
      reviewPresent: null,
      reviewResult: null,
    });
    await recordAudit(tx, actor, {
      action: "exit.reject",
      entityType: "ExitSheet",
      entityId: sheet.id,
      countyCode: sheet.countyCode,
      before: { status: sheet.status, round: sheet.round },
      after: { status: "REJECTED", round: sheet.round + 1, step: data.step, reason: data.reason },
    });
  });
}

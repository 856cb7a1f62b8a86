import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { requirePermission } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/record";
import { db } from "@/lib/db";
import { parseInput } from "@/lib/validation";
import { guardedSheetUpdate, authorizeChainAction } from "./guards";
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
    const { sheet } = context;
    authorizeChainAction(actor, context, {
      step: data.step,
      action: "REJECT",
      version: data.version,
      reason: data.reason,
    });

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

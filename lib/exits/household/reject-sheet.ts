import "server-only";
import { recordAudit } from "@/lib/audit/record";
import { guardedSheetUpdate } from "@/lib/sign-off/guarded-update";
import { defineRejection } from "@/lib/sign-off/reject";
import { ZRejectSheet } from "../schema";
import { authorizeChainAction } from "./authorize";
import { loadSheetContext } from "./sheet-context";

/**
 * 退回: the user who may act on the current step sends the sheet back to the proposer with a
 * reason. A new round starts; the notice and the 民主评议 record of the round are cleared.
 */
export const rejectSheet = defineRejection({
  permission: "exit.act",
  input: ZRejectSheet,
  load: loadSheetContext,
  authorize: authorizeChainAction,
  async startNewRound(tx, actor, { sheet }, { step, reason, at }) {
    await guardedSheetUpdate(tx.exitSheet, sheet, {
      round: sheet.round + 1,
      status: "REJECTED",
      rejectedReason: reason,
      rejectedBy: actor.userId,
      rejectedAt: at,
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
      after: { status: "REJECTED", round: sheet.round + 1, step, reason },
    });
  },
});

import "server-only";
import { recordAudit } from "@/lib/audit/record";
import { guardedSheetUpdate } from "@/lib/sign-off/guarded-update";
import { defineRejection } from "@/lib/sign-off/reject";
import { ZRejectVillageSheet } from "../schema";
import { authorizeVillageAction } from "./authorize";
import { loadVillageContext } from "./context";

/** 退回 to the township with a reason: a new round; the round's notice is cleared. */
export const rejectVillageSheet = defineRejection({
  permission: "villageExit.act",
  input: ZRejectVillageSheet,
  load: loadVillageContext,
  authorize: authorizeVillageAction,
  async startNewRound(tx, actor, { sheet }, { step, reason }) {
    await guardedSheetUpdate(tx.villageExitSheet, sheet, {
      round: sheet.round + 1,
      status: "REJECTED",
      rejectedReason: reason,
      noticePostedOn: null,
      noticeEndedOn: null,
    });
    await recordAudit(tx, actor, {
      action: "villageExit.reject",
      entityType: "VillageExitSheet",
      entityId: sheet.id,
      countyCode: sheet.countyCode,
      before: { status: sheet.status, round: sheet.round },
      after: { status: "REJECTED", round: sheet.round + 1, step, reason },
    });
  },
});
